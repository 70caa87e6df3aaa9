use sea_orm::entity::prelude::*;

/// 入河排污口台账 — the current `state` (an `OutfallState` code) is kept with the entry; `closed_on` once 销号.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outfall")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub receiving_water: String,
    pub state: String,
    pub closed_on: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
