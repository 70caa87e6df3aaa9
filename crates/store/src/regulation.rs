//! 监管业务 — enterprises, 双随机 draws, inspections, diesel checks, outfalls, petitions (issue 8).
//!
//! Every change is written with its audit event in one transaction; imports are all or nothing:
//! a batch with one refused row writes nothing.

mod counted;
mod diesel;
pub mod draw_text;
mod draws;
mod enterprises;
mod entity;
mod inspections;
mod inspectors;
mod outfalls;
mod petitions;

pub use diesel::DieselRecord;
pub use draws::{DrawState, StoredDraw, os_seed};
pub use enterprises::ImportCounts;
pub use inspections::StoredInspection;
pub use inspectors::InspectorRow;

use crate::StoreError;
use ecogov_domain::progress::parse_date;
use jiff::civil::Date;

/// A refusal naming what is wrong, in Chinese then English.
pub(crate) fn rejected(message: impl Into<String>) -> StoreError {
    StoreError::Rejected(message.into())
}

/// A stored date, or [`StoreError::Corrupt`].
pub(crate) fn stored_date(
    table: &'static str,
    id: i64,
    field: &'static str,
    text: &str,
) -> Result<Date, StoreError> {
    parse_date(text).ok_or_else(|| StoreError::Corrupt {
        table,
        id,
        field,
        value: text.to_string(),
    })
}

/// A corrupt stored value.
pub(crate) fn corrupt(
    table: &'static str,
    id: i64,
    field: &'static str,
    value: &str,
) -> StoreError {
    StoreError::Corrupt {
        table,
        id,
        field,
        value: value.to_string(),
    }
}
