//! Numerical rounding — the one place where regulated values are rounded.
//!
//! GB/T 8170-2008 §3.3 数值修约规则 ("四舍六入五成双"): a discarded part below half rounds down,
//! above half rounds up, and exactly half rounds to the even neighbour. On an exactly parsed
//! decimal this is `RoundingStrategy::MidpointNearestEven`.
//!
//! GB/T 8170-2008 §3.4 forbids successive rounding (不得连续修约): always round the raw value once,
//! to the final number of places. Callers therefore pass raw values here, never rounded ones.
//!
//! HJ 633-2012 §6.2 and HJ 633-2026 §4.2.6 round IAQI and AQI up to the next integer (进位取整,
//! "向上进位取整数"): [`ceil_int`].

use rust_decimal::{Decimal, RoundingStrategy};

/// GB/T 8170-2008 §3.3 — round `value` to `places` decimal places, half to even (四舍六入五成双).
///
/// `places` may be 0 for an integer. The input must be the raw value (§3.4: no successive rounding).
pub fn gb8170(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
}

/// GB/T 8170-2008 §3.3 applied to significant figures (有效数字), half to even.
///
/// Returns `None` when `figures` is zero or the result does not fit a decimal.
pub fn gb8170_significant(value: Decimal, figures: u32) -> Option<Decimal> {
    value.round_sf_with_strategy(figures, RoundingStrategy::MidpointNearestEven)
}

/// HJ 633-2012 §6.2 / HJ 633-2026 §4.2.6 — 进位取整: the smallest integer not less than `value`.
pub fn ceil_int(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
}

/// 舍去取整 — the largest integer not greater than `value`: a budget shown to the public must
/// never promise more room than there is (ecogov rule for 余量, not a standard's rounding).
pub fn floor_int(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
}

/// HJ 633-2012 §6.2 / HJ 633-2026 §4.2.6 — 进位取整 of the exact fraction
/// `numerator / denominator`: the smallest integer not less than it, computed in integers (no
/// intermediate rounding). Returns `None` when `denominator` is not positive.
///
/// Same result as [`ceil_int`] applied to the exact quotient; used where the quotient would
/// otherwise have to be approximated by a decimal division.
pub fn ceil_ratio(numerator: i128, denominator: i128) -> Option<i128> {
    if denominator <= 0 {
        return None;
    }
    let q = numerator / denominator;
    // Division truncates toward zero: that is already the ceiling for a negative quotient.
    Some(if numerator % denominator > 0 {
        q + 1
    } else {
        q
    })
}

/// Ordinary round-half-up to `places` (四舍五入), used only where a rule says so explicitly
/// (for example a percentage shown to one decimal in a report heading).
pub fn half_up(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn gb8170_golden_examples() {
        // GB/T 8170-2008 §3.3 examples and the ones verified in stack.md.
        assert_eq!(gb8170(d("2.345"), 2), d("2.34"));
        assert_eq!(gb8170(d("2.355"), 2), d("2.36"));
        assert_eq!(gb8170(d("2.3451"), 2), d("2.35"));
        assert_eq!(gb8170(d("12.1498"), 1), d("12.1"));
        assert_eq!(gb8170(d("10.5002"), 0), d("11"));
        assert_eq!(gb8170(d("0.5"), 0), d("0"));
        assert_eq!(gb8170(d("1.5"), 0), d("2"));
        assert_eq!(gb8170(d("-2.5"), 0), d("-2"));
    }

    #[test]
    fn ceil_int_rounds_up() {
        assert_eq!(ceil_int(d("50.01")), d("51"));
        assert_eq!(ceil_int(d("50")), d("50"));
        assert_eq!(ceil_int(d("0.0001")), d("1"));
    }

    #[test]
    fn ceil_ratio_examples() {
        assert_eq!(ceil_ratio(225, 4), Some(57)); // 56.25
        assert_eq!(ceil_ratio(240, 4), Some(60));
        assert_eq!(ceil_ratio(-7, 2), Some(-3));
        assert_eq!(ceil_ratio(0, 5), Some(0));
        assert_eq!(ceil_ratio(1, 0), None);
    }

    #[test]
    fn significant_figures() {
        assert_eq!(gb8170_significant(d("0.02345"), 3), Some(d("0.0234")));
        assert_eq!(gb8170_significant(d("1235"), 3), Some(d("1240")));
    }

    proptest! {
        #[test]
        fn gb8170_is_idempotent(m in -10_000_000i64..10_000_000, scale in 0u32..6, places in 0u32..4) {
            let v = Decimal::new(m, scale);
            let once = gb8170(v, places);
            prop_assert_eq!(gb8170(once, places), once);
            // the result is within half a unit of the last place
            let unit = Decimal::new(1, places);
            prop_assert!((once - v).abs() * Decimal::TWO <= unit);
        }

        #[test]
        fn exact_halves_land_on_even(k in -100_000i64..100_000) {
            // k + 0.5 rounds to the even one of k, k+1
            let v = Decimal::new(k * 10 + 5, 1);
            let r = gb8170(v, 0);
            prop_assert_eq!(r % Decimal::TWO, Decimal::ZERO);
        }

        #[test]
        fn ceil_ratio_equals_ceil_int_of_the_quotient(n in -1_000_000_000i64..1_000_000_000, d in 1i64..100_000) {
            let exact = ceil_ratio(i128::from(n), i128::from(d));
            let via_decimal = ceil_int(Decimal::from(n) / Decimal::from(d));
            prop_assert_eq!(exact.map(Decimal::from), Some(via_decimal));
        }

        #[test]
        fn ceil_is_least_integer_not_below(m in -10_000_000i64..10_000_000, scale in 0u32..6) {
            let v = Decimal::new(m, scale);
            let c = ceil_int(v);
            prop_assert!(c >= v);
            prop_assert!(c - v < Decimal::ONE);
            prop_assert_eq!(c.fract(), Decimal::ZERO);
        }
    }
}
