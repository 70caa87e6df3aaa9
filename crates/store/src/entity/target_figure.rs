use sea_orm::entity::prelude::*;

/// Figures entered for a target indicator (填报), holding as of a date. `components` is
/// `code=decimal` pairs joined by `;` (e.g. `co2=495;gdp=840`). Rows are only added; the latest
/// entry for a date counts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "target_figure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub target: String,
    pub as_of: String,
    pub components: String,
    pub source: String,
    pub entered_by: String,
    pub entered_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
