use sea_orm::entity::prelude::*;

/// A record counted by a target indicator (a radioactive source disposed of, an accident).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "target_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub target: String,
    pub date: String,
    pub outcome: String,
    pub description: String,
    pub entered_by: String,
    pub entered_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
