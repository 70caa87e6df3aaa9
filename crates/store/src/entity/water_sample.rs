use sea_orm::entity::prelude::*;

/// One value of one parameter at a section and time (Unix seconds of the Beijing wall time).
/// `value` is the text as received, detection-limit marker included (`0.01L`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_sample")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub section_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub time: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub parameter: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub source: String,
    pub value: String,
    pub stage: String,
    pub import_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
