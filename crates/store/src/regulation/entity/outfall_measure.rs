use sea_orm::entity::prelude::*;

/// 一口一策整治措施 — a measure of an outfall, by `position` (1-based).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outfall_measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub outfall_id: i64,
    pub position: i64,
    pub text: String,
    pub done_on: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
