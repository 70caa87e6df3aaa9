use sea_orm::entity::prelude::*;

/// 站内通知 — one notice in one unit's inbox: `kind` (`water_alert`, `warning`, `escalation`)
/// and `ref_id` name what it is about; unique per unit, kind and ref.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inbox_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub unit: String,
    pub kind: String,
    pub ref_id: i64,
    pub title: String,
    pub body: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub read_by: Option<String>,
    pub acked_at: Option<i64>,
    pub acked_by: Option<String>,
    pub escalated_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
