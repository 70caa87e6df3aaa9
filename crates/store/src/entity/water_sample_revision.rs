use sea_orm::entity::prelude::*;

/// A water value that an import with `--replace` superseded, kept as it was.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_sample_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub section_id: i64,
    pub time: i64,
    pub parameter: String,
    pub source: String,
    pub value: String,
    pub stage: String,
    pub import_id: i64,
    pub replaced_by: i64,
    pub replaced_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
