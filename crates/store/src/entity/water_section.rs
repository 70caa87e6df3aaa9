use sea_orm::entity::prelude::*;

/// A water monitoring section.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_section")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    pub water: String,
    pub basin: String,
    pub body: String,
    pub level: String,
    pub target: Option<String>,
    pub district: Option<String>,
    pub upstream: Option<String>,
    pub downstream: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
