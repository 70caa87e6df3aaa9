use sea_orm::entity::prelude::*;

/// One station-hour. `hour_end` is the Unix second the hour ends; each pollutant is decimal TEXT
/// as received, `/` for 未纳入监测方案, or NULL for 缺测.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "air_hour")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub station_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub hour_end: i64,
    pub so2: Option<String>,
    pub no2: Option<String>,
    pub pm10: Option<String>,
    pub co: Option<String>,
    pub o3: Option<String>,
    pub pm25: Option<String>,
    pub stage: String,
    pub import_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
