//! Errors of the air-quality rules.

use rust_decimal::Decimal;

use super::pollutant::Pollutant;

/// An input the air-quality rules cannot accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AirError {
    /// A concentration below zero: a mass concentration cannot be negative (GB 3095 §3 defines
    /// concentrations as masses per volume), so this is a data error, not a low reading.
    #[error("negative concentration {value} for {pollutant}")]
    NegativeConcentration {
        /// The pollutant.
        pollutant: Pollutant,
        /// The value received.
        value: Decimal,
    },
    /// A concentration field that is not a decimal number (nor a recognised missing marker).
    #[error("not a number for {pollutant}: {text:?}")]
    NotANumber {
        /// The pollutant.
        pollutant: Pollutant,
        /// The text received.
        text: String,
    },
    /// An hour number outside 1..=24 (hour-ending convention, see [`super::hour::HourEnding`]).
    #[error("hour {hour} is outside 1..=24")]
    HourOutOfRange {
        /// The hour received.
        hour: i8,
    },
    /// A time label that is not on a full hour.
    #[error("time label {label} is not on a full hour")]
    NotOnTheHour {
        /// The label received, as text.
        label: String,
    },
    /// A date outside the range the calendar arithmetic supports.
    #[error("date out of range")]
    DateOutOfRange,
    /// A series with the wrong number of hourly values.
    #[error("expected {expected} hourly values, got {got}")]
    WrongLength {
        /// Values required.
        expected: usize,
        /// Values received.
        got: usize,
    },
    /// A percentile outside 0..=100.
    #[error("percentile {p} is outside 0..=100")]
    PercentileOutOfRange {
        /// The percentile requested.
        p: Decimal,
    },
}
