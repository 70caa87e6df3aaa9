//! 时段均值 — the value of an item over an evaluation period (周、旬、月、季、年).
//!
//! 环办〔2011〕22号 一(二) 数据统计: a period is evaluated on the arithmetic mean of the samples taken
//! in it. The exact minimum sample counts per period are not verified (standards.md §5.5 NOT
//! FOUND), so this module only averages; callers decide whether a period has enough samples.
//!
//! The mean is kept unrounded: classes are decided on the full value (GB/T 8170-2008 §4.3,
//! 全数值比较法); a report rounds the mean once for display with [`crate::rounding::gb8170`].

use rust_decimal::Decimal;

use super::item::Item;
use super::measurement::{Measurement, MeasurementError, Qualifier};

/// 未检出数据参与统计的规则 — how a result below the detection limit enters a mean.
///
/// The usual national practice (HJ 91.2-2022 and provincial methods) is half the detection limit;
/// standards.md does not quote it, so the rule is a parameter and [`NonDetect::HalfLimit`] is only
/// the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NonDetect {
    /// 按检出限的1/2参与计算 — half the detection limit (default).
    #[default]
    HalfLimit,
    /// 按检出限参与计算 — the detection limit itself (most conservative).
    Limit,
    /// 按0参与计算 — zero.
    Zero,
}

impl NonDetect {
    /// The value a measurement contributes to a mean under this rule.
    pub fn substitute(self, m: &Measurement) -> Decimal {
        match (m.qualifier(), self) {
            (Qualifier::Valid, _) => m.value(),
            (Qualifier::BelowDetection { limit }, NonDetect::HalfLimit) => limit / Decimal::TWO,
            (Qualifier::BelowDetection { limit }, NonDetect::Limit) => limit,
            (Qualifier::BelowDetection { .. }, NonDetect::Zero) => Decimal::ZERO,
        }
    }
}

/// A period mean could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// No sample in the period.
    #[error("no sample to average")]
    Empty,
    /// The sum does not fit a decimal.
    #[error("sum of samples overflows")]
    Overflow,
    /// The mean is not a valid measurement (cannot happen with non-negative samples).
    #[error(transparent)]
    Measurement(#[from] MeasurementError),
}

/// 时段均值 — the arithmetic mean of the samples of one item in a period (环办〔2011〕22号 一(二)).
///
/// - If every sample is below the detection limit, the mean is itself below the detection limit
///   (the largest of the limits), so "未检出" survives averaging.
/// - Otherwise non-detects enter the mean as `rule` says and the mean is a valid value.
///
/// pH is averaged arithmetically like the other items, as the method does.
pub fn period_mean(samples: &[Measurement], rule: NonDetect) -> Result<Measurement, PeriodError> {
    if samples.is_empty() {
        return Err(PeriodError::Empty);
    }
    if samples.iter().all(Measurement::is_below_detection) {
        let limit = samples
            .iter()
            .map(Measurement::value)
            .max()
            .ok_or(PeriodError::Empty)?;
        return Ok(Measurement::below_detection(limit)?);
    }
    let mut sum = Decimal::ZERO;
    for m in samples {
        sum = sum
            .checked_add(rule.substitute(m))
            .ok_or(PeriodError::Overflow)?;
    }
    let n = Decimal::from(samples.len());
    let mean = sum.checked_div(n).ok_or(PeriodError::Overflow)?;
    Ok(Measurement::valid(mean)?)
}

/// 时段均值 — the period mean of every item present in `samples` (rows of item and value, in any
/// order), returned in GB 3838-2002 表1 order.
pub fn period_means(
    samples: &[(Item, Measurement)],
    rule: NonDetect,
) -> Result<Vec<(Item, Measurement)>, PeriodError> {
    let mut out = Vec::new();
    for item in Item::ALL {
        let values: Vec<Measurement> = samples
            .iter()
            .filter(|(i, _)| *i == item)
            .map(|(_, m)| *m)
            .collect();
        if !values.is_empty() {
            out.push((item, period_mean(&values, rule)?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn m(s: &str) -> Measurement {
        Measurement::from_str(s).expect("test measurement")
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn plain_mean() {
        let mean = period_mean(&[m("1.0"), m("2.0"), m("0.6")], NonDetect::HalfLimit);
        assert_eq!(mean, Ok(m("1.2")));
    }

    #[test]
    fn non_detects() {
        let s = [m("0.01L"), m("0.05")];
        assert_eq!(
            period_mean(&s, NonDetect::HalfLimit).map(|m| m.value()),
            Ok(d("0.0275"))
        );
        assert_eq!(
            period_mean(&s, NonDetect::Limit).map(|m| m.value()),
            Ok(d("0.03"))
        );
        assert_eq!(
            period_mean(&s, NonDetect::Zero).map(|m| m.value()),
            Ok(d("0.025"))
        );
        let all_nd = period_mean(&[m("0.01L"), m("0.02L")], NonDetect::HalfLimit);
        assert_eq!(all_nd, Ok(m("0.02L")));
    }

    #[test]
    fn empty_is_an_error() {
        assert_eq!(
            period_mean(&[], NonDetect::HalfLimit),
            Err(PeriodError::Empty)
        );
    }

    #[test]
    fn means_by_item_in_table_order() {
        let rows = [
            (Item::TotalPhosphorus, m("0.1")),
            (Item::AmmoniaNitrogen, m("1.0")),
            (Item::TotalPhosphorus, m("0.3")),
        ];
        let means = period_means(&rows, NonDetect::HalfLimit).expect("means");
        assert_eq!(
            means,
            vec![
                (Item::AmmoniaNitrogen, m("1.0")),
                (Item::TotalPhosphorus, m("0.2"))
            ]
        );
    }

    proptest! {
        #[test]
        fn mean_lies_between_min_and_max(v in proptest::collection::vec(0u32..1_000_000, 1..40)) {
            let samples: Vec<Measurement> = v
                .iter()
                .map(|&x| Measurement::valid(Decimal::new(i64::from(x), 3)).expect("valid"))
                .collect();
            let mean = period_mean(&samples, NonDetect::HalfLimit).expect("mean").value();
            let lo = samples.iter().map(Measurement::value).min().expect("non-empty");
            let hi = samples.iter().map(Measurement::value).max().expect("non-empty");
            prop_assert!(lo <= mean && mean <= hi);
        }
    }
}
