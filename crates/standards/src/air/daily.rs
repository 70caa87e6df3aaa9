//! Daily values from hourly means: 24-hour means, O3 8-hour moving means, the daily maximum
//! 8-hour mean, the O3 daily maximum 1-hour mean, and the daily report built from them.
//!
//! Hours are indexed by [`super::hour::HourEnding::index`]: position 0 is the hour ending at
//! 01:00, position 23 the hour ending at 24:00 (next day 00:00).

use rust_decimal::Decimal;

use super::aqi::{AqiReport, DailyInput, daily_aqi};
use super::edition::Edition;
use super::limits::{Grade, LimitSet};
use super::pollutant::Pollutant;
use super::reading::{Reading, Readings};
use crate::rounding::gb8170;

/// GB 3095-2012 表4 / GB 3095-2026 表4: a 24-hour (daily) mean of SO2, NO2, CO, PM10, PM2.5
/// needs at least 20 hourly means.
pub const MIN_HOURS_PER_DAY: usize = 20;
/// GB 3095 表4: an 8-hour mean of O3 needs at least 6 hourly means.
pub const MIN_HOURS_PER_EIGHT: usize = 6;
/// HJ 663-2013 / HJ 663-2026 §6.1.2: the O3 daily maximum 8-hour mean needs at least 14 valid
/// 8-hour means, unless it exceeds the limit (standards.md §2.3).
pub const MIN_EIGHT_HOUR_WINDOWS: usize = 14;

/// 数据不足 — fewer valid data than a validity rule requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("insufficient data: have {have}, need {need}")]
pub struct InsufficientData {
    /// Valid data available.
    pub have: usize,
    /// Valid data required.
    pub need: usize,
}

/// A daily statistic: the exact mean or maximum and the value reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DailyValue {
    /// The unrounded value.
    pub raw: Decimal,
    /// Rounded once per GB/T 8170 (HJ 663 cites GB/T 8170; HJ 633-2026 §4.2.2): integers, CO to
    /// 0.1 mg/m³. CNEMC's published 24-hour and 8-hour means are rounded the same way
    /// (standards.md §2.3).
    pub reported: Decimal,
    /// Number of valid data used (hours, or 8-hour windows for the maximum 8-hour mean).
    pub count: usize,
}

impl DailyValue {
    fn new(pollutant: Pollutant, raw: Decimal, count: usize) -> DailyValue {
        DailyValue {
            raw,
            reported: gb8170(raw, pollutant.reported_places()),
            count,
        }
    }
}

fn mean_of(values: &[Option<Decimal>]) -> (Option<Decimal>, usize) {
    let mut sum = Decimal::ZERO;
    let mut n = 0usize;
    for v in values.iter().flatten() {
        sum += *v;
        n += 1;
    }
    if n == 0 {
        (None, 0)
    } else {
        (Some(sum / Decimal::from(n)), n)
    }
}

/// Mean of the valid values of `window` if at least `min_valid` are present — the moving
/// means of the real-time feed (24-hour: the last 24 hours including the current one; CNEMC
/// rounds them like [`DailyValue::reported`]).
pub fn moving_mean(window: &[Option<Decimal>], min_valid: usize) -> Option<Decimal> {
    match mean_of(window) {
        (Some(m), n) if n >= min_valid => Some(m),
        _ => None,
    }
}

/// 日平均 — the daily mean of one pollutant over the 24 hours of a natural day
/// (GB 3095-2026 §3 日平均), valid with ≥ 20 hourly means (GB 3095 表4).
pub fn daily_mean(
    pollutant: Pollutant,
    hours: &[Option<Decimal>; 24],
) -> Result<DailyValue, InsufficientData> {
    match mean_of(hours) {
        (Some(m), n) if n >= MIN_HOURS_PER_DAY => Ok(DailyValue::new(pollutant, m, n)),
        (_, n) => Err(InsufficientData {
            have: n,
            need: MIN_HOURS_PER_DAY,
        }),
    }
}

/// 8小时滑动平均 — the O3 8-hour means of a natural day ending at 08:00 … 24:00 (17 windows,
/// all inside the day: HJ 663-2013 表A.1 via GB/T 34302-2017; CNEMC practice, standards.md
/// §2.3). Element `k` is the window ending at hour `k + 8`; `None` when fewer than 6 of its 8
/// hours are valid (GB 3095 表4).
pub fn o3_eight_hour_means(hours: &[Option<Decimal>; 24]) -> [Option<Decimal>; 17] {
    let mut out = [None; 17];
    for (k, slot) in out.iter_mut().enumerate() {
        *slot = moving_mean(&hours[k..k + 8], MIN_HOURS_PER_EIGHT);
    }
    out
}

/// The running O3 8-hour mean CNEMC's real-time feed shows at hour `hour` (1 … 24) of a
/// natural day (`o3_8h_24h`): the mean of the day's hours so far, at most the last 8 (so the
/// hours 01 … 07 use 1 … 7 values). Only the values from 08:00 on are true 8-hour means.
/// `None` when no hour of the window has a value. (FORMAT-NOTES.md / PROVENANCE.md group B.)
pub fn o3_running_eight_hour(hours: &[Option<Decimal>; 24], hour: usize) -> Option<Decimal> {
    let end = hour.clamp(1, 24);
    let start = end.saturating_sub(8);
    mean_of(&hours[start..end]).0
}

/// 日最大8小时平均 — O3 daily maximum 8-hour mean (GB 3095-2026 §3; HJ 663 §6.1.2).
///
/// Valid with ≥ 14 valid 8-hour means; with fewer it is still valid if its reported value
/// exceeds `limit` (the exceedance exception, HJ 663-2013 / HJ 663-2026 §6.1.2: a day with
/// too few windows that already exceeds the limit is an exceedance however the missing
/// windows would have come out). The maximum is taken over the exact window means and rounded
/// once (GB/T 8170 §3.4).
pub fn o3_max_eight_hour(
    hours: &[Option<Decimal>; 24],
    limit: Decimal,
) -> Result<DailyValue, InsufficientData> {
    let windows = o3_eight_hour_means(hours);
    let valid = windows.iter().flatten().count();
    let insufficient = InsufficientData {
        have: valid,
        need: MIN_EIGHT_HOUR_WINDOWS,
    };
    let Some(max) = windows.iter().flatten().copied().max() else {
        return Err(insufficient);
    };
    let v = DailyValue::new(Pollutant::O3, max, valid);
    if valid >= MIN_EIGHT_HOUR_WINDOWS || v.reported > limit {
        Ok(v)
    } else {
        Err(insufficient)
    }
}

/// 日最大1小时平均 — O3 daily maximum 1-hour mean (HJ 633-2012 §5.1.2 daily indicator).
///
/// Validity: the texts reached give no minimum for this statistic ([NOT FOUND]); we require
/// the ≥ 20 valid hours of a daily value (GB 3095 表4) and, as for the 8-hour maximum, accept
/// fewer when the maximum already exceeds `limit` (the 1-hour limit). Open question.
pub fn o3_max_hour(
    hours: &[Option<Decimal>; 24],
    limit: Decimal,
) -> Result<DailyValue, InsufficientData> {
    let valid = hours.iter().flatten().count();
    let insufficient = InsufficientData {
        have: valid,
        need: MIN_HOURS_PER_DAY,
    };
    let Some(max) = hours.iter().flatten().copied().max() else {
        return Err(insufficient);
    };
    let v = DailyValue::new(Pollutant::O3, max, valid);
    if valid >= MIN_HOURS_PER_DAY || v.reported > limit {
        Ok(v)
    } else {
        Err(insufficient)
    }
}

/// The 24 hourly means of each pollutant for one station and natural day, indexed by
/// [`Pollutant::index`] then [`super::hour::HourEnding::index`].
pub type DayHours = [[Option<Decimal>; 24]; 6];

/// All daily values of a station-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyValues {
    /// Daily means per pollutant ([`Pollutant::index`]); the O3 slot holds the daily mean of O3,
    /// which no rule uses but reports sometimes show.
    pub means: [Result<DailyValue, InsufficientData>; 6],
    /// O3 daily maximum 8-hour mean.
    pub o3_max_eight_hour: Result<DailyValue, InsufficientData>,
    /// O3 daily maximum 1-hour mean.
    pub o3_max_hour: Result<DailyValue, InsufficientData>,
}

impl DailyValues {
    /// Computes every daily value of a natural day. `limits` supplies the O3 limits of the
    /// exceedance exceptions (Grade II, the grade cities are judged on).
    pub fn from_hours(hours: &DayHours, limits: LimitSet) -> DailyValues {
        let means = Pollutant::ALL.map(|p| daily_mean(p, &hours[p.index()]));
        let o3 = &hours[Pollutant::O3.index()];
        let mda8_limit = limits
            .daily_limit(Pollutant::O3, Grade::Two)
            .unwrap_or(Decimal::MAX);
        let hour_limit = limits
            .limit(Pollutant::O3, super::limits::Averaging::Hour, Grade::Two)
            .unwrap_or(Decimal::MAX);
        DailyValues {
            means,
            o3_max_eight_hour: o3_max_eight_hour(o3, mda8_limit),
            o3_max_hour: o3_max_hour(o3, hour_limit),
        }
    }

    /// The daily-report input: reported (rounded) values, `Missing` where a value is invalid.
    pub fn to_input(&self) -> DailyInput {
        let reading = |p: Pollutant, r: &Result<DailyValue, InsufficientData>| match r {
            Ok(v) => Reading::value(p, v.reported).unwrap_or(Reading::Missing),
            Err(_) => Reading::Missing,
        };
        let mut means = Readings::default();
        for p in Pollutant::ALL {
            means.set(p, reading(p, &self.means[p.index()]));
        }
        DailyInput {
            means,
            o3_max_eight_hour: reading(Pollutant::O3, &self.o3_max_eight_hour),
            o3_max_hour: reading(Pollutant::O3, &self.o3_max_hour),
        }
    }

    /// 日报 — the daily AQI report of these values under `edition`.
    pub fn report(&self, edition: Edition) -> AqiReport {
        daily_aqi(edition, &self.to_input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(f: impl Fn(usize) -> Option<i64>) -> [Option<Decimal>; 24] {
        std::array::from_fn(|k| f(k).map(Decimal::from))
    }

    #[test]
    fn daily_mean_needs_twenty_hours() {
        let h = hours(|k| (k < 20).then_some(10 + k as i64));
        let v = daily_mean(Pollutant::Pm25, &h).expect("20 hours");
        assert_eq!(v.count, 20);
        assert_eq!(v.raw, Decimal::new(195, 1));
        assert_eq!(v.reported, Decimal::from(20)); // 19.5 → 20 (half to even)
        let h = hours(|k| (k < 19).then_some(10));
        assert_eq!(
            daily_mean(Pollutant::Pm25, &h),
            Err(InsufficientData { have: 19, need: 20 })
        );
    }

    #[test]
    fn eight_hour_windows_and_maximum() {
        // O3 rises 10 per hour: window ending at hour 24 is the mean of 17…24 → 205.
        let h = hours(|k| Some(10 * (k as i64 + 1)));
        let w = o3_eight_hour_means(&h);
        assert_eq!(w[0], Some(Decimal::from(45)));
        assert_eq!(w[16], Some(Decimal::from(205)));
        let v = o3_max_eight_hour(&h, Decimal::from(160)).expect("17 windows");
        assert_eq!((v.reported, v.count), (Decimal::from(205), 17));
        // A window with only 5 valid hours is invalid.
        let h5 = hours(|k| (k < 5).then_some(50));
        assert_eq!(moving_mean(&h5[0..8], MIN_HOURS_PER_EIGHT), None);
    }

    #[test]
    fn exceedance_exception() {
        // Hours 1…12 only: the window ending at X covers X−7…X, so it has ≥ 6 valid hours
        // for X = 8…14 (7 windows) and fewer from X = 15 on.
        let high = hours(|k| (k < 12).then_some(300));
        let v = o3_max_eight_hour(&high, Decimal::from(160)).expect("exceeds the limit");
        assert_eq!(v.count, 7);
        let low = hours(|k| (k < 12).then_some(100));
        assert_eq!(
            o3_max_eight_hour(&low, Decimal::from(160)),
            Err(InsufficientData { have: 7, need: 14 })
        );
    }

    #[test]
    fn running_mean_like_the_feed() {
        let h = hours(|k| Some(k as i64 + 1));
        assert_eq!(o3_running_eight_hour(&h, 1), Some(Decimal::ONE));
        assert_eq!(o3_running_eight_hour(&h, 5), Some(Decimal::from(3)));
        assert_eq!(o3_running_eight_hour(&h, 24), Some(Decimal::new(205, 1)));
    }

    #[test]
    fn report_from_hours() {
        let mut day: DayHours = [[Some(Decimal::from(10)); 24]; 6];
        day[Pollutant::Co.index()] = [Some(Decimal::new(8, 1)); 24];
        day[Pollutant::Pm25.index()] = [Some(Decimal::from(75)); 24];
        let values = DailyValues::from_hours(&day, LimitSet::Gb3095_2012);
        let r12 = values
            .report(Edition::Hj633_2012)
            .published()
            .expect("complete");
        assert_eq!(r12.aqi.get(), 100);
        let r26 = values
            .report(Edition::Hj633_2026)
            .published()
            .expect("complete");
        assert_eq!(r26.aqi.get(), 114);
    }
}
