//! HJ 663 附录A percentile (百分位数) of a series of daily values.

use rust_decimal::Decimal;

use super::error::AirError;

/// HJ 663 附录A 百分位数 — the p-th percentile of `values` (any order), or `None` for an empty
/// series.
///
/// 1. Sort ascending: X(1) ≤ … ≤ X(n).
/// 2. Rank `k = 1 + (n − 1) × p%`; `s` is the integer part of `k`.
/// 3. `m_p = X(s) + (X(s+1) − X(s)) × (k − s)`; when `s = n`, `m_p = X(n)`.
///
/// This equals Excel `PERCENTILE.INC` / Hyndman–Fan type 7 (standards.md §2.2). The result is
/// exact (no rounding); round it once with [`crate::rounding::gb8170`] for a report.
pub fn percentile(values: &[Decimal], p: Decimal) -> Result<Option<Decimal>, AirError> {
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return Err(AirError::PercentileOutOfRange { p });
    }
    if values.is_empty() {
        return Ok(None);
    }
    let mut x = values.to_vec();
    x.sort_unstable();
    let n = x.len();
    let k = Decimal::ONE + Decimal::from(n - 1) * p / Decimal::ONE_HUNDRED;
    // 0 ≤ k − 1 ≤ n − 1, so the integer part fits a usize index (1-based s = trunc(k)).
    let s_dec = k.trunc();
    let s = usize::try_from(s_dec.mantissa() / 10i128.pow(s_dec.scale())).unwrap_or(n);
    let s = s.clamp(1, n);
    if s >= n {
        return Ok(Some(x[n - 1]));
    }
    let (lo, hi) = (x[s - 1], x[s]);
    Ok(Some(lo + (hi - lo) * (k - s_dec)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ds(v: &[i64]) -> Vec<Decimal> {
        v.iter().map(|&n| Decimal::from(n)).collect()
    }

    #[test]
    fn reference_vector() {
        // standards.md §2.2: {3,4,8,2,5,4}, p = 90 → k = 5.5, m = 5 + (8 − 5) × 0.5 = 6.5.
        let v = ds(&[3, 4, 8, 2, 5, 4]);
        assert_eq!(
            percentile(&v, Decimal::from(90)),
            Ok(Some(Decimal::new(65, 1)))
        );
    }

    #[test]
    fn edges() {
        let v = ds(&[10, 20, 30]);
        assert_eq!(percentile(&v, Decimal::ZERO), Ok(Some(Decimal::from(10))));
        assert_eq!(
            percentile(&v, Decimal::ONE_HUNDRED),
            Ok(Some(Decimal::from(30)))
        );
        assert_eq!(
            percentile(&v, Decimal::from(50)),
            Ok(Some(Decimal::from(20)))
        );
        assert_eq!(
            percentile(&ds(&[7]), Decimal::from(98)),
            Ok(Some(Decimal::from(7)))
        );
        assert_eq!(percentile(&[], Decimal::from(95)), Ok(None));
        assert!(percentile(&v, Decimal::from(101)).is_err());
        // 365 days, p = 95: k = 1 + 364 × 0.95 = 346.8 → X(346) + 0.8 (X(347) − X(346)).
        let year: Vec<Decimal> = (1..=365).map(Decimal::from).collect();
        assert_eq!(
            percentile(&year, Decimal::from(95)),
            Ok(Some(Decimal::new(3468, 1)))
        );
    }

    proptest! {
        #[test]
        fn within_range_and_monotone_in_p(v in proptest::collection::vec(0i64..100_000, 1..60),
                                          p in 0u32..=100, q in 0u32..=100) {
            let v = ds(&v);
            let (lo, hi) = (p.min(q), p.max(q));
            let a = percentile(&v, Decimal::from(lo)).ok().flatten();
            let b = percentile(&v, Decimal::from(hi)).ok().flatten();
            let (min, max) = (v.iter().min().copied(), v.iter().max().copied());
            prop_assert!(a >= min && b <= max && a <= b);
        }
    }
}
