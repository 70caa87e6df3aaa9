//! 监测值 — one water-quality result with its qualifier (valid, or below the detection limit).
//!
//! Laboratories and automatic stations write a result below the method detection limit as the
//! limit followed by `L` (`0.01L`: "未检出, 检出限 0.01"). Such a value is kept as a
//! [`Qualifier::BelowDetection`] and never silently turned into zero.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// 数据标识 — how a [`Measurement`] is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// 有效 — a measured value.
    Valid,
    /// 未检出 — below the method detection limit (检出限) `limit`; written `{limit}L`.
    BelowDetection {
        /// 检出限 — the method detection limit.
        limit: Decimal,
    },
}

/// 监测值 — a concentration (or pH, or count) with its qualifier.
///
/// Invariant: the value is never negative. For [`Qualifier::BelowDetection`] the value equals the
/// detection limit (an upper bound of the true value), so comparisons stay conservative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Measurement {
    value: Decimal,
    qualifier: Qualifier,
}

/// A measurement could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeasurementError {
    /// A concentration below zero.
    #[error("negative value {0}")]
    Negative(Decimal),
    /// A detection limit of zero or below.
    #[error("detection limit {0} is not positive")]
    NonPositiveLimit(Decimal),
    /// The text is not a number, nor a number followed by `L`.
    #[error("not a measurement: {0:?}")]
    Unparsable(String),
}

impl Measurement {
    /// A measured (valid) value; refuses a negative one.
    pub fn valid(value: Decimal) -> Result<Self, MeasurementError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MeasurementError::Negative(value));
        }
        Ok(Measurement {
            // abs() only turns a "-0" into 0; negative values were refused above
            value: value.abs(),
            qualifier: Qualifier::Valid,
        })
    }

    /// 未检出 — below the detection limit `limit` (must be positive).
    pub fn below_detection(limit: Decimal) -> Result<Self, MeasurementError> {
        if limit <= Decimal::ZERO {
            return Err(MeasurementError::NonPositiveLimit(limit));
        }
        Ok(Measurement {
            value: limit,
            qualifier: Qualifier::BelowDetection { limit },
        })
    }

    /// The value: the measured value, or for a non-detect the detection limit (upper bound).
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The qualifier.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// Whether the result is below the detection limit.
    pub fn is_below_detection(&self) -> bool {
        matches!(self.qualifier, Qualifier::BelowDetection { .. })
    }
}

impl fmt::Display for Measurement {
    /// Writes a valid value as the number, a non-detect as `{limit}L` (the laboratory convention).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.qualifier {
            Qualifier::Valid => write!(f, "{}", self.value),
            Qualifier::BelowDetection { limit } => write!(f, "{limit}L"),
        }
    }
}

/// Parses a decimal written in plain or scientific notation (`2.8e-6`), exactly.
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    Decimal::from_str_exact(t)
        .or_else(|_| Decimal::from_scientific(t))
        .ok()
}

impl FromStr for Measurement {
    type Err = MeasurementError;

    /// Parses `1.23` (valid) or `0.01L` / `0.01l` (below the detection limit 0.01). Surrounding
    /// whitespace is ignored; anything else (empty, `ND` without a limit, text) is refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let unparsable = || MeasurementError::Unparsable(s.to_owned());
        if let Some(limit) = t.strip_suffix(['L', 'l']) {
            let limit = parse_decimal(limit).ok_or_else(unparsable)?;
            Measurement::below_detection(limit)
        } else {
            let value = parse_decimal(t).ok_or_else(unparsable)?;
            Measurement::valid(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn parses_valid_and_below_detection() {
        let m: Measurement = "0.123".parse().expect("valid");
        assert_eq!(m.value(), d("0.123"));
        assert_eq!(m.qualifier(), Qualifier::Valid);

        let nd: Measurement = " 0.01L ".parse().expect("nd");
        assert!(nd.is_below_detection());
        assert_eq!(
            nd.qualifier(),
            Qualifier::BelowDetection { limit: d("0.01") }
        );
        assert_eq!(nd.value(), d("0.01"));
        assert_eq!(nd.to_string(), "0.01L");
        assert_eq!(
            "0.00004l".parse::<Measurement>().map(|m| m.value()),
            Ok(d("0.00004"))
        );
        assert_eq!(
            "2.8e-6".parse::<Measurement>().map(|m| m.value()),
            Ok(d("0.0000028"))
        );
    }

    #[test]
    fn refuses_bad_text() {
        for bad in ["", "L", "ND", "abc", "1.2.3", "-0.5", "0L", "-1L"] {
            assert!(bad.parse::<Measurement>().is_err(), "{bad} accepted");
        }
        assert_eq!(
            "-0.5".parse::<Measurement>(),
            Err(MeasurementError::Negative(d("-0.5")))
        );
    }

    #[test]
    fn zero_is_a_valid_value() {
        assert!(Measurement::valid(Decimal::ZERO).is_ok());
        let z = Measurement::valid(d("-0")).expect("zero");
        assert!(!z.value().is_sign_negative());
    }
}
