use sea_orm::entity::prelude::*;

/// 信访件 — `state` is the current `PetitionState` code (kept for filtering); the history is in `petition_step`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "petition")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub channel: String,
    pub channel_name: String,
    pub enterprise: Option<String>,
    pub address: String,
    pub summary: String,
    pub state: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
