//! Water-quality files (水质监测数据): the automatic-station export ([`automatic`]) and manual
//! sampling results ([`manual`]). Both are CSV, UTF-8 or GBK/GB18030.
//!
//! Values are [`Measurement`]s parsed from their text: `0.01L` is below the detection limit 0.01
//! (未检出) and is kept so, never as zero. Empty cells and `--`, `-`, `—` are "not measured" and
//! give no sample. Refused: negative values (a concentration, count or temperature below zero
//! cannot be stored), a detection limit of zero, pH outside 0–14, text that is not a value.

pub mod automatic;
pub mod manual;

use ecogov_domain::water_data::WaterParameter;
use ecogov_standards::water::measurement::MeasurementError;
use ecogov_standards::water::{Item, Measurement};
use rust_decimal::Decimal;

use crate::error::RowErrorKind;

pub use crate::long::{Parsed, Record};

/// The time formats accepted, for error messages.
const TIME_FORMATS: &str = "YYYY-MM-DD HH:MM[:SS]";

/// Markers of a value not measured.
fn not_measured(text: &str) -> bool {
    matches!(text.trim(), "" | "--" | "-" | "—" | "——")
}

/// One value cell: `None` when not measured.
fn measurement(parameter: WaterParameter, text: &str) -> Result<Option<Measurement>, RowErrorKind> {
    if not_measured(text) {
        return Ok(None);
    }
    let t = text.trim();
    let m: Measurement = t.parse().map_err(|e| match e {
        MeasurementError::Negative(value) => RowErrorKind::Negative { value },
        MeasurementError::NonPositiveLimit(_) => RowErrorKind::OutOfRange {
            text: t.to_owned(),
            allowed: "检出限须大于零 (the detection limit must be above zero)",
        },
        MeasurementError::Unparsable(_) => RowErrorKind::NotANumber { text: t.to_owned() },
    })?;
    if parameter == WaterParameter::Basic(Item::Ph) && m.value() > Decimal::from(14) {
        return Err(RowErrorKind::OutOfRange {
            text: t.to_owned(),
            allowed: "pH 0–14",
        });
    }
    Ok(Some(m))
}

#[cfg(test)]
mod tests;
