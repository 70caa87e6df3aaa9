use sea_orm::entity::prelude::*;

/// 预警记录 — one 发布/升级/降级/解除 with its reason; rows are only added. Levels are
/// `Level::code` values; `scheme` is the scheme in force when the step was taken.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "warning_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub date: String,
    pub from_level: Option<String>,
    pub to_level: Option<String>,
    pub reason: String,
    pub scheme: String,
    pub actor: String,
    pub recorded_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
