//! The plan file: a documented TOML format (see `docs/plan-format.md`).
//!
//! Reading happens in two steps. [`raw`] deserialises the text into loose structs that keep the
//! position of every value; [`validate`] checks them all and builds a [`Plan`](crate::plan::Plan),
//! or returns every problem found, each with its line and path. Nothing here panics on bad input.

mod issue;
mod raw;
mod tasks;
mod validate;

pub use issue::{PlanIssue, Problem};
pub use validate::parse_plan;
