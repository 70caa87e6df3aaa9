use sea_orm::entity::prelude::*;

/// 应急措施 — one measure of one warning level (`level` a `Level::code`, `kind` a measure-kind
/// code), in `position` order. An empty table means the shipped example table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "warning_measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub level: String,
    pub kind: String,
    pub text: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
