use sea_orm::entity::prelude::*;

/// 企业名录 — one enterprise of the register, keyed by its 统一社会信用代码; `class` is a `SupervisionClass` code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub address: String,
    pub industry: String,
    pub class: String,
    pub permit: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
