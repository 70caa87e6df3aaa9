use sea_orm::entity::prelude::*;

/// An append-only record of a change: who, when, from where, what, on what, the state before and
/// after (`detail`), sealed into the hash chain by `seq` and `hash` (GB/T 22239-2019 8.1.4.3).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    pub seq: Option<i64>,
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub before: String,
    pub hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
