use sea_orm::entity::prelude::*;

/// A progress report. Quantities are decimal TEXT as written; dates are ISO TEXT.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "progress_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub task: String,
    pub deliverable: String,
    pub value: String,
    pub date: String,
    pub unit: String,
    pub role: String,
    pub note: Option<String>,
    pub demo: bool,
    pub recorded_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
