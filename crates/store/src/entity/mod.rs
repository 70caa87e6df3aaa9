//! sea-orm entities. Private to the store: nothing outside this crate sees a database type.

pub(crate) mod audit_event;
pub(crate) mod plan;
pub(crate) mod progress_report;
