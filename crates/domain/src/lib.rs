//! The bureau's annual work plan as data.
//!
//! A [`plan::Plan`] holds the units (科室/单位) the plan names, its main target indicators
//! (主要目标), its task groups and tasks (重点工作任务) with lead and co-operating units, and the
//! quantified deliverables (量化任务) of each task. [`plan_file`] reads and validates the documented
//! TOML plan format; [`progress`] validates progress reports and judges each deliverable's status.
//!
//! Pure and synchronous: no I/O, no database, no async. Errors are `thiserror` enums carrying the
//! offending data; every message is given in Chinese and English.
#![warn(missing_docs)]

pub mod acceptance;
pub mod account;
pub mod air_indicators;
pub mod audit_chain;
pub mod authz;
pub mod compensation;
pub mod deliverable;
pub mod draw;
pub mod enterprise;
pub mod evidence;
pub mod inspection;
pub mod monitoring;
pub mod number;
pub mod outfall;
pub mod petition;
pub mod plan;
pub mod plan_file;
pub mod progress;
pub mod rectification;
pub mod supervision;
pub mod target;
pub mod target_eval;
pub mod target_tracking;
pub mod task;
pub mod unit;
pub mod warning;
pub mod water_alert;
pub mod water_assessment;
pub mod water_data;
