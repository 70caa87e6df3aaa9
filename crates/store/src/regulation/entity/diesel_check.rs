use sea_orm::entity::prelude::*;

/// 柴油车检测记录 — `kind` is a `DieselCheckKind` code, `result` `pass` or `fail`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diesel_check")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub date: String,
    pub plate: Option<String>,
    pub enterprise: Option<String>,
    pub result: String,
    pub note: Option<String>,
    pub recorded_by: String,
    pub recorded_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
