use sea_orm::entity::prelude::*;

/// 空气质量预报 — the forecast daily AQI range of one day (`date` is `YYYY-MM-DD`, unique; a new
/// entry for the day replaces the old one, the audit trail keeps both). `primary_pollutants` are
/// pollutant codes joined by `,`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "warning_forecast")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub date: String,
    pub aqi_low: i32,
    pub aqi_high: i32,
    pub primary_pollutants: String,
    pub source: String,
    pub entered_by: String,
    pub entered_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
