use sea_orm::entity::prelude::*;

/// An air monitoring station. Coordinates are decimal TEXT as written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "air_station")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub city: String,
    pub longitude: Option<String>,
    pub latitude: Option<String>,
    pub control_point: bool,
    pub level: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
