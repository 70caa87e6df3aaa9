use sea_orm::entity::prelude::*;

/// A station-hour value that an import with `--replace` superseded, kept as it was.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "air_hour_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub station_id: i64,
    pub hour_end: i64,
    pub so2: Option<String>,
    pub no2: Option<String>,
    pub pm10: Option<String>,
    pub co: Option<String>,
    pub o3: Option<String>,
    pub pm25: Option<String>,
    pub stage: String,
    pub import_id: i64,
    pub replaced_by: i64,
    pub replaced_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
