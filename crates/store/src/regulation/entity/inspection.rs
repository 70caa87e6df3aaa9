use sea_orm::entity::prelude::*;

/// 执法检查记录 — `inspectors` and `measures` are joined by line breaks; `draw_id` links a 双随机 inspection to its draw.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub draw_id: Option<i64>,
    pub enterprise: String,
    pub date: String,
    pub inspectors: String,
    pub findings: String,
    pub violation: bool,
    pub measures: String,
    pub recorded_by: String,
    pub recorded_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
