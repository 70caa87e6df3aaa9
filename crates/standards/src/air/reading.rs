//! One concentration as reported: a value, missing, or not in the station's monitoring plan.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::error::AirError;
use super::pollutant::Pollutant;

/// A validated, non-negative mass concentration (µg/m³; CO in mg/m³).
///
/// The only constructors check the sign, so every `Concentration` is ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Concentration(Decimal);

impl Concentration {
    /// Checks that `value` is not negative.
    pub fn new(pollutant: Pollutant, value: Decimal) -> Result<Self, AirError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(AirError::NegativeConcentration { pollutant, value });
        }
        Ok(Concentration(value))
    }

    /// Parses an exact decimal from text (never through `f64`) and checks its sign.
    pub fn parse(pollutant: Pollutant, text: &str) -> Result<Self, AirError> {
        let t = text.trim();
        let value = Decimal::from_str(t).map_err(|_| AirError::NotANumber {
            pollutant,
            text: text.to_owned(),
        })?;
        Concentration::new(pollutant, value)
    }

    /// The value.
    pub const fn value(self) -> Decimal {
        self.0
    }
}

/// 监测数据 — one pollutant's value in a report, as HJ 633-2026 表4/表5 distinguish them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Reading {
    /// A valid concentration.
    Value(Concentration),
    /// 缺测或无效 — missing or invalid; HJ 633-2026 表4/表5 note: shown as `NA`.
    #[default]
    Missing,
    /// 未纳入监测方案 — not in the station's monitoring plan and, per HJ 633-2026 §5.3.2, not
    /// affecting publication; shown as `/`. Whether a missing pollutant qualifies (it has not been
    /// the primary pollutant of a 轻度污染-or-worse day in three consecutive years) depends on the
    /// station's history, so the caller decides and passes this variant.
    NotInPlan,
}

impl Reading {
    /// A reading from a decimal value (checked for sign).
    pub fn value(pollutant: Pollutant, value: Decimal) -> Result<Self, AirError> {
        Concentration::new(pollutant, value).map(Reading::Value)
    }

    /// Parses one field: a decimal number, or a missing marker.
    ///
    /// Empty text and `NA` (HJ 633-2026 表4/表5 note; the 2012 feed leaves the field empty) give
    /// [`Reading::Missing`]; `/` gives [`Reading::NotInPlan`]. Anything else must be a
    /// non-negative decimal.
    pub fn parse(pollutant: Pollutant, text: &str) -> Result<Self, AirError> {
        match text.trim() {
            "" | "NA" => Ok(Reading::Missing),
            "/" => Ok(Reading::NotInPlan),
            t => Concentration::parse(pollutant, t).map(Reading::Value),
        }
    }

    /// The value, if any.
    pub const fn get(self) -> Option<Decimal> {
        match self {
            Reading::Value(c) => Some(c.value()),
            _ => None,
        }
    }
}

/// One reading for each of the six pollutants, indexed by [`Pollutant::index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Readings(pub [Reading; 6]);

impl Readings {
    /// The reading of `pollutant`.
    pub const fn get(&self, pollutant: Pollutant) -> Reading {
        self.0[pollutant.index()]
    }

    /// Sets the reading of `pollutant`.
    pub fn set(&mut self, pollutant: Pollutant, reading: Reading) {
        self.0[pollutant.index()] = reading;
    }

    /// Builds readings from decimals (`None` = missing), checking every sign.
    pub fn from_values(values: [Option<Decimal>; 6]) -> Result<Self, AirError> {
        let mut out = Readings::default();
        for (p, v) in Pollutant::ALL.into_iter().zip(values) {
            if let Some(v) = v {
                out.set(p, Reading::value(p, v)?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_markers_and_errors() {
        assert_eq!(Reading::parse(Pollutant::Pm25, ""), Ok(Reading::Missing));
        assert_eq!(Reading::parse(Pollutant::Pm25, "NA"), Ok(Reading::Missing));
        assert_eq!(Reading::parse(Pollutant::Pm25, "/"), Ok(Reading::NotInPlan));
        assert_eq!(
            Reading::parse(Pollutant::Co, "0.7").map(Reading::get),
            Ok(Some(Decimal::new(7, 1)))
        );
        assert!(matches!(
            Reading::parse(Pollutant::So2, "-3"),
            Err(AirError::NegativeConcentration { .. })
        ));
        assert!(matches!(
            Reading::parse(Pollutant::So2, "abc"),
            Err(AirError::NotANumber { .. })
        ));
        assert_eq!(
            Reading::parse(Pollutant::So2, "-0").map(Reading::get),
            Ok(Some(Decimal::ZERO))
        );
    }
}
