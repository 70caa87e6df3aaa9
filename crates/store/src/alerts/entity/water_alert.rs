use sea_orm::entity::prelude::*;

/// 水质预警 — one alert raised by the automatic-station rules; `alert_key` (the domain's
/// `AlertKey`) is unique, so the same value never raises twice. `time` is the Beijing wall time
/// `YYYY-MM-DDTHH:MM:SS`; `value` the measurement as text (`0.01L` kept).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_alert")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub alert_key: String,
    pub rule: String,
    pub section: String,
    pub parameter: String,
    pub time: String,
    pub value: String,
    pub message: String,
    pub import_id: Option<i64>,
    pub raised_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
