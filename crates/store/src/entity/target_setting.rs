use sea_orm::entity::prelude::*;

/// A threshold entered for a target indicator (省下达 …): who set it, when, and why. Rows are only
/// added; the latest one counts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "target_setting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub target: String,
    pub value: String,
    pub set_by: String,
    pub set_at: i64,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
