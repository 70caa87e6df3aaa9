use sea_orm::entity::prelude::*;

/// 生态补偿协议 — an agreement file as imported: `source_text` is the TOML itself (the agreement
/// as data, checked before it is stored); `code` is the agreement id used on the command line.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "compensation_agreement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub upstream: String,
    pub downstream: String,
    pub source_text: String,
    pub file: String,
    pub imported_by: String,
    pub imported_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
