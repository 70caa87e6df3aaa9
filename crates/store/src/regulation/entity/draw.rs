use sea_orm::entity::prelude::*;

/// 双随机抽取 — one draw: `inputs` is the canonical text of its inputs (fixed when planned); `seed` is secret until `state` is `revealed`; `result` is the published result text once drawn.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "draw")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub period: String,
    pub state: String,
    pub inputs: String,
    pub inputs_digest: String,
    pub commitment: Option<String>,
    pub seed: Option<String>,
    pub result: Option<String>,
    pub planned_at: i64,
    pub committed_at: Option<i64>,
    pub drawn_at: Option<i64>,
    pub revealed_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
