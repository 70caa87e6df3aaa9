//! Decimal quantities parsed from text.
//!
//! Regulated and planned quantities are never floating point: they are parsed from their
//! written form into [`Decimal`] and kept exact.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Why a text is not a quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// The text is not a decimal number.
    #[error("“{0}” 不是数字 (not a number)")]
    NotANumber(String),
    /// The number is negative where only zero or more is allowed.
    #[error("{0} 为负数，不允许 (negative values are not allowed)")]
    Negative(Decimal),
}

/// Parses a decimal written in plain notation (`1000`, `87.7`, `-2`), trimming white space.
///
/// Exponents, `NaN`, thousands separators and empty text are refused.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && t.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return Err(NumberError::NotANumber(text.to_string()));
    }
    Decimal::from_str(t).map_err(|_| NumberError::NotANumber(text.to_string()))
}

/// Parses a decimal that must be zero or more.
pub fn parse_non_negative(text: &str) -> Result<Decimal, NumberError> {
    let v = parse_decimal(text)?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(NumberError::Negative(v));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_decimals() {
        assert_eq!(parse_decimal("1000"), Ok(Decimal::from(1000)));
        assert_eq!(parse_decimal(" 87.7 "), Ok(Decimal::new(877, 1)));
        assert_eq!(parse_decimal("-2"), Ok(Decimal::from(-2)));
    }

    #[test]
    fn refuses_non_numbers() {
        for bad in ["", "abc", "1e3", "NaN", "1,000", "--1", "1.2.3", "五"] {
            assert!(parse_decimal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_negative_where_not_allowed() {
        assert_eq!(
            parse_non_negative("-1"),
            Err(NumberError::Negative(Decimal::from(-1)))
        );
        assert_eq!(parse_non_negative("0"), Ok(Decimal::ZERO));
    }
}
