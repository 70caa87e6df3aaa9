use sea_orm::entity::prelude::*;

/// 回避关系 — an inspector never sent to an enterprise (credit code), with the reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspector_relation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub inspector: String,
    pub enterprise: String,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
