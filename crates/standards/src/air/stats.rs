//! HJ 663 assessment statistics over a period, for a station or a city.
//!
//! HJ 663 itself could not be read (standards.md §2); the statistics below are [S2]/[S3] and
//! each doc comment says where a choice was ours. Open questions are marked "Open question".

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::aqi::{DailyInput, Publication, daily_aqi};
use super::edition::Edition;
use super::level::Level;
use super::limits::{Averaging, Grade, LimitSet};
use super::percentile::percentile;
use super::pollutant::Pollutant;
use super::reading::{Reading, Readings};
use crate::rounding::gb8170;

/// 评价时段 — the period evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar month.
    Month {
        /// Year.
        year: i16,
        /// Month, 1 … 12.
        month: i8,
    },
    /// A calendar year.
    Year(i16),
    /// Any range of days, both ends included (no validity minimum is defined for it).
    Range {
        /// First day.
        first: Date,
        /// Last day.
        last: Date,
    },
}

impl Period {
    /// Whether `date` falls in the period.
    pub fn contains(self, date: Date) -> bool {
        match self {
            Period::Month { year, month } => date.year() == year && date.month() == month,
            Period::Year(year) => date.year() == year,
            Period::Range { first, last } => first <= date && date <= last,
        }
    }

    /// GB 3095-2012 / GB 3095-2026 表4: valid daily values needed for a mean of the period —
    /// 27 a month (25 in February), 324 a year; `None` for a free range.
    pub fn required_days(self) -> Option<usize> {
        match self {
            Period::Month { month: 2, .. } => Some(25),
            Period::Month { .. } => Some(27),
            Period::Year(_) => Some(324),
            Period::Range { .. } => None,
        }
    }
}

/// One day's values of a station or a city: reported daily values, `None` where invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRecord {
    /// The natural day.
    pub date: Date,
    /// 日平均 — daily means by [`Pollutant::index`]; the O3 slot is not used.
    pub means: [Option<Decimal>; 6],
    /// 臭氧日最大8小时平均 — O3 daily maximum 8-hour mean.
    pub o3_max_eight_hour: Option<Decimal>,
    /// 臭氧日最大1小时平均 — O3 daily maximum 1-hour mean (the 2012 daily AQI uses it).
    pub o3_max_hour: Option<Decimal>,
}

impl DayRecord {
    /// The record of `date` from a station-day's daily values: the reported values, `None`
    /// where a value is invalid (GB 3095 表4 validity, applied by [`DailyValues`]).
    pub fn from_daily(date: Date, values: &super::daily::DailyValues) -> DayRecord {
        DayRecord {
            date,
            means: Pollutant::ALL.map(|p| values.means[p.index()].ok().map(|v| v.reported)),
            o3_max_eight_hour: values.o3_max_eight_hour.ok().map(|v| v.reported),
            o3_max_hour: values.o3_max_hour.ok().map(|v| v.reported),
        }
    }

    /// The daily value HJ 663 evaluates for `pollutant`: the daily mean, or for O3 the daily
    /// maximum 8-hour mean.
    pub fn value(&self, pollutant: Pollutant) -> Option<Decimal> {
        match pollutant {
            Pollutant::O3 => self.o3_max_eight_hour,
            p => self.means[p.index()],
        }
    }

    /// 日报 AQI of the day under the edition in force on it; `None` when it is not published.
    pub fn daily_aqi(&self) -> Option<u16> {
        let to_reading = |p: Pollutant, v: Option<Decimal>| {
            v.and_then(|v| Reading::value(p, v).ok())
                .unwrap_or(Reading::Missing)
        };
        let mut means = Readings::default();
        for p in Pollutant::ALL {
            means.set(p, to_reading(p, self.means[p.index()]));
        }
        let input = DailyInput {
            means,
            o3_max_eight_hour: to_reading(Pollutant::O3, self.o3_max_eight_hour),
            o3_max_hour: to_reading(Pollutant::O3, self.o3_max_hour),
        };
        let report = daily_aqi(Edition::for_date(self.date), &input);
        match report.publication {
            Publication::Published => report.computed.map(|s| s.aqi.get()),
            _ => None,
        }
    }
}

/// One station's day in a city average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StationDay {
    /// The station's daily values.
    pub record: DayRecord,
    /// 对照点 — background/control site, excluded from the city value.
    pub control_point: bool,
}

/// 城市日均值 — a city's daily values: the arithmetic mean over its stations of each value
/// (standards.md §2, HJ 663: 对照点 excluded), over the stations that have that value, rounded
/// once (GB/T 8170; integers, CO 0.1). Returns `None` when no station is left.
///
/// Open question: HJ 663's minimum share of valid stations for a city day is [NOT FOUND]; one
/// valid station suffices here.
pub fn city_day(date: Date, stations: &[StationDay]) -> Option<DayRecord> {
    let members: Vec<&DayRecord> = stations
        .iter()
        .filter(|s| !s.control_point && s.record.date == date)
        .map(|s| &s.record)
        .collect();
    if members.is_empty() {
        return None;
    }
    let mean = |p: Pollutant, get: &dyn Fn(&DayRecord) -> Option<Decimal>| {
        let vals: Vec<Decimal> = members.iter().filter_map(|r| get(r)).collect();
        if vals.is_empty() {
            return None;
        }
        let sum: Decimal = vals.iter().sum();
        Some(gb8170(sum / Decimal::from(vals.len()), p.reported_places()))
    };
    Some(DayRecord {
        date,
        means: Pollutant::ALL.map(|p| mean(p, &|r: &DayRecord| r.means[p.index()])),
        o3_max_eight_hour: mean(Pollutant::O3, &|r: &DayRecord| r.o3_max_eight_hour),
        o3_max_hour: mean(Pollutant::O3, &|r: &DayRecord| r.o3_max_hour),
    })
}

/// The percentile HJ 663 evaluates for a pollutant (standards.md §2.1): SO2 and NO2 the 98th,
/// PM10, PM2.5 and CO the 95th (daily means), O3 the 90th (daily maximum 8-hour means).
pub fn evaluated_percentile(pollutant: Pollutant) -> u32 {
    match pollutant {
        Pollutant::So2 | Pollutant::No2 => 98,
        Pollutant::Co | Pollutant::Pm10 | Pollutant::Pm25 => 95,
        Pollutant::O3 => 90,
    }
}

/// Statistics of one pollutant over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PollutantStats {
    /// The pollutant.
    pub pollutant: Pollutant,
    /// Valid daily values in the period.
    pub valid_days: usize,
    /// Whether `valid_days` meets [`Period::required_days`] (GB 3095 表4).
    pub valid: bool,
    /// 平均浓度 — mean of the daily values (for O3 of the daily maximum 8-hour means), rounded
    /// once per GB/T 8170 (integers, CO 0.1 — precision of HJ 663 statistics is [NOT FOUND]).
    pub mean: Option<Decimal>,
    /// The percentile evaluated ([`evaluated_percentile`]).
    pub percentile_rank: u32,
    /// 百分位数浓度 — HJ 663 附录A, rounded like `mean`.
    pub percentile: Option<Decimal>,
    /// 达标 — the statistics are within the limits (standards.md §2.5): the period mean within
    /// the annual limit (SO2, NO2, PM10, PM2.5) and the percentile within the 24-hour limit
    /// (O3: the daily-maximum 8-hour limit). `None` when the data are not valid.
    pub attains: Option<bool>,
}

/// 综合指数 — 环境空气质量综合指数 (standards.md §2.6): `I = Σ C_i / S_i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ComprehensiveIndex {
    /// 单项指数 by [`Pollutant::index`].
    pub parts: [Decimal; 6],
    /// The sum, unrounded (reports usually show it rounded to 2 decimals with
    /// [`crate::rounding::gb8170`]).
    pub total: Decimal,
}

/// HJ 663 statistics of one station or city over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodStats {
    /// The period.
    pub period: Period,
    /// The limits applied.
    pub limits: LimitSet,
    /// Per pollutant, by [`Pollutant::index`].
    pub pollutants: [PollutantStats; 6],
    /// 有效监测天数 — days with a published daily AQI.
    pub aqi_days: usize,
    /// Days per level (一级 … 六级).
    pub level_days: [usize; 6],
    /// 优良天数 — days with AQI ≤ 100.
    pub good_days: usize,
    /// 优良天数比例 — `good_days / aqi_days × 100` in percent, unrounded.
    pub good_ratio_percent: Option<Decimal>,
    /// 重污染天数 — days with AQI > 200 (standards.md §2.7).
    pub heavy_days: usize,
    /// 综合指数, when all six pollutants have their statistic.
    pub comprehensive_index: Option<ComprehensiveIndex>,
    /// Attainment of all six pollutants (`None` if any is undetermined).
    pub attains_all: Option<bool>,
}

fn pollutant_stats(
    pollutant: Pollutant,
    values: &[Decimal],
    required: Option<usize>,
    limits: LimitSet,
    grade: Grade,
) -> PollutantStats {
    let places = pollutant.reported_places();
    let n = values.len();
    let mean = (n > 0).then(|| gb8170(values.iter().sum::<Decimal>() / Decimal::from(n), places));
    let rank = evaluated_percentile(pollutant);
    let pct = percentile(values, Decimal::from(rank))
        .ok()
        .flatten()
        .map(|v| gb8170(v, places));
    let valid = n > 0 && required.is_none_or(|r| n >= r);
    let attains = if valid {
        let annual = limits.limit(pollutant, Averaging::Annual, grade);
        let daily = limits.daily_limit(pollutant, grade);
        let mean_ok = match (annual, mean) {
            (Some(l), Some(m)) => m <= l,
            _ => true,
        };
        let pct_ok = match (daily, pct) {
            (Some(l), Some(v)) => v <= l,
            _ => true,
        };
        Some(mean_ok && pct_ok)
    } else {
        None
    };
    PollutantStats {
        pollutant,
        valid_days: n,
        valid,
        mean,
        percentile_rank: rank,
        percentile: pct,
        attains,
    }
}

/// HJ 663 period evaluation of one station's or city's daily values (days outside `period` are
/// ignored). Cities use the values of [`city_day`].
///
/// `limits`: the GB 3095 limits to judge against. Open question: for a period across
/// 2026-03-01 the standards do not say which limits apply; [`LimitSet::for_date`] of the
/// period's last day is a reasonable default. `grade`: [`Grade::Two`] for cities.
pub fn evaluate_period(
    period: Period,
    days: &[DayRecord],
    limits: LimitSet,
    grade: Grade,
) -> PeriodStats {
    let days: Vec<&DayRecord> = days.iter().filter(|d| period.contains(d.date)).collect();
    let required = period.required_days();
    let pollutants = Pollutant::ALL.map(|p| {
        let values: Vec<Decimal> = days.iter().filter_map(|d| d.value(p)).collect();
        pollutant_stats(p, &values, required, limits, grade)
    });
    let mut level_days = [0usize; 6];
    let mut aqi_days = 0usize;
    for aqi in days.iter().filter_map(|d| d.daily_aqi()) {
        aqi_days += 1;
        let level = Level::from_aqi(super::aqi::Iaqi::new_capped(aqi));
        level_days[usize::from(level.number() - 1)] += 1;
    }
    let good_days = level_days[0] + level_days[1];
    let heavy_days = level_days[4] + level_days[5];
    let good_ratio_percent = (aqi_days > 0)
        .then(|| Decimal::from(good_days) * Decimal::ONE_HUNDRED / Decimal::from(aqi_days));
    let attains_all = pollutants
        .iter()
        .try_fold(true, |acc, s| s.attains.map(|a| acc && a));
    PeriodStats {
        period,
        limits,
        pollutants,
        aqi_days,
        level_days,
        good_days,
        good_ratio_percent,
        heavy_days,
        comprehensive_index: comprehensive_index(&pollutants, limits),
        attains_all,
    }
}

/// 综合指数 (standards.md §2.6, 《城市环境空气质量排名技术规定》): SO2, NO2, PM10, PM2.5 — period
/// mean over the annual Grade II limit; CO — 95th percentile over the 24-hour Grade II limit;
/// O3 — 90th percentile of the daily maximum 8-hour means over its Grade II limit. Unweighted
/// (the weighted "2026" variant is [S1] and not implemented). Open question: under GB 3095-2026
/// we divide by the limits in force (transitional or final), the ranking rule predates them.
pub fn comprehensive_index(
    stats: &[PollutantStats; 6],
    limits: LimitSet,
) -> Option<ComprehensiveIndex> {
    let mut parts = [Decimal::ZERO; 6];
    for s in stats {
        let (c, limit) = match s.pollutant {
            Pollutant::Co | Pollutant::O3 => {
                (s.percentile?, limits.daily_limit(s.pollutant, Grade::Two)?)
            }
            p => (s.mean?, limits.limit(p, Averaging::Annual, Grade::Two)?),
        };
        parts[s.pollutant.index()] = c / limit;
    }
    Some(ComprehensiveIndex {
        parts,
        total: parts.iter().sum(),
    })
}

#[cfg(test)]
mod tests;
