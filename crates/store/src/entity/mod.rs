//! sea-orm entities. Private to the store: nothing outside this crate sees a database type.

pub(crate) mod air_day;
pub(crate) mod air_hour_revision;
pub(crate) mod air_station;
pub(crate) mod audit_event;
pub(crate) mod audit_head;
pub(crate) mod import_batch;
pub(crate) mod plan;
pub(crate) mod progress_report;
pub(crate) mod target_figure;
pub(crate) mod target_record;
pub(crate) mod target_setting;
pub(crate) mod water_sample;
pub(crate) mod water_sample_revision;
pub(crate) mod water_section;
