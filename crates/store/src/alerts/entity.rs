//! sea-orm entities of migration 8 (issue 9). Private to the store.

pub(crate) mod alert_setting;
pub(crate) mod compensation_agreement;
pub(crate) mod hook_delivery;
pub(crate) mod inbox_item;
pub(crate) mod warning_event;
pub(crate) mod warning_forecast;
pub(crate) mod warning_measure;
pub(crate) mod water_alert;
