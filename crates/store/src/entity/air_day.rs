use sea_orm::entity::prelude::*;

/// One station-day of hourly air data, packed: 24 lines, one per hour (hour 1 … 24), each empty
/// (no data) or `import_id|stage|so2,no2,co,o3,pm10,pm25` with each value the decimal text as
/// received, `/` (not in the monitoring plan) or empty (missing). `day` is `YYYYMMDD`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "air_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub station_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i64,
    #[sea_orm(column_type = "Text")]
    pub hours: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
