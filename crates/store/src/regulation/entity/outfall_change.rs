use sea_orm::entity::prelude::*;

/// 排污口状态变更 — one change of state; rows are only added.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outfall_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub outfall_id: i64,
    pub from_state: String,
    pub to_state: String,
    pub on_date: String,
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
