//! GB 3095 concentration limits (环境空气污染物基本项目浓度限值) per edition and phase.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::edition::EDITION_2026_FROM;
use super::pollutant::Pollutant;

/// First day of the GB 3095-2026 final limits (GB 3095-2026 §4.4: 过渡阶段 2026-03-01 …
/// 2030-12-31, then the 最终 limits).
pub const FINAL_2026_LIMITS_FROM: Date = Date::constant(2031, 1, 1);

/// 浓度限值 — which set of GB 3095 limits is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LimitSet {
    /// GB 3095-2012 表1 (standards.md §3.1).
    Gb3095_2012,
    /// GB 3095-2026 表1, 过渡阶段 — transitional limits, 2026-03-01 … 2030-12-31 (§4.4).
    Gb3095_2026Transitional,
    /// GB 3095-2026 表1, 最终 — final limits from 2031-01-01 (§4.4).
    Gb3095_2026Final,
}

/// 平均时间 — averaging time of a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Averaging {
    /// 年平均 — calendar-year mean of daily means.
    Annual,
    /// 24小时平均 / 日平均 — daily (24-hour) mean.
    Daily,
    /// 日最大8小时平均 — daily maximum 8-hour mean (O3 only).
    DailyMaxEightHour,
    /// 1小时平均 — 1-hour mean.
    Hour,
}

/// 浓度限值级别 — grade of a limit: 一级 for 一类区 (nature reserves …), 二级 for 二类区
/// (residential, commercial, industrial and rural areas — cities are judged on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// 一级浓度限值.
    One,
    /// 二级浓度限值.
    Two,
}

const fn d(n: u32) -> Decimal {
    Decimal::from_parts(n, 0, 0, false, 0)
}

impl LimitSet {
    /// The limits in force on `date`.
    pub fn for_date(date: Date) -> LimitSet {
        if date < EDITION_2026_FROM {
            LimitSet::Gb3095_2012
        } else if date < FINAL_2026_LIMITS_FROM {
            LimitSet::Gb3095_2026Transitional
        } else {
            LimitSet::Gb3095_2026Final
        }
    }

    /// The limit for `pollutant` at `averaging` and `grade`, or `None` where the table has no
    /// such limit (CO and O3 have no annual limit; O3 has no daily-mean limit, only the
    /// daily-maximum 8-hour one).
    ///
    /// GB 3095-2012 表1 (standards.md §3.1); GB 3095-2026 表1 (standards.md §3.2). CO in mg/m³,
    /// the others in µg/m³.
    pub fn limit(
        self,
        pollutant: Pollutant,
        averaging: Averaging,
        grade: Grade,
    ) -> Option<Decimal> {
        use Averaging::{Annual, Daily, DailyMaxEightHour, Hour};
        use Grade::{One, Two};
        use LimitSet::{Gb3095_2012, Gb3095_2026Final, Gb3095_2026Transitional};
        use Pollutant::{Co, No2, O3, Pm10, Pm25, So2};
        let v = match (pollutant, averaging, self, grade) {
            // SO2: the final Grade II equals Grade I.
            (So2, Annual, Gb3095_2026Final, _) | (So2, Annual, _, One) => 20,
            (So2, Annual, _, Two) => 60,
            (So2, Daily, Gb3095_2026Final, _) | (So2, Daily, _, One) => 50,
            (So2, Daily, _, Two) => 150,
            (So2, Hour, Gb3095_2026Final, _) | (So2, Hour, _, One) => 150,
            (So2, Hour, _, Two) => 500,
            // NO2: same in both grades; 30 / 50 in the final phase.
            (No2, Annual, Gb3095_2026Final, _) => 30,
            (No2, Annual, _, _) => 40,
            (No2, Daily, Gb3095_2026Final, _) => 50,
            (No2, Daily, _, _) => 80,
            (No2, Hour, _, _) => 200,
            // CO (mg/m³): unchanged.
            (Co, Daily, _, _) => 4,
            (Co, Hour, _, _) => 10,
            // O3: unchanged.
            (O3, DailyMaxEightHour, _, One) => 100,
            (O3, DailyMaxEightHour, _, Two) => 160,
            (O3, Hour, _, One) => 160,
            (O3, Hour, _, Two) => 200,
            // PM10.
            (Pm10, Annual, Gb3095_2026Final, One) => 20,
            (Pm10, Annual, _, One) => 40,
            (Pm10, Annual, Gb3095_2012, Two) => 70,
            (Pm10, Annual, Gb3095_2026Transitional, Two) => 60,
            (Pm10, Annual, Gb3095_2026Final, Two) => 50,
            (Pm10, Daily, _, One) => 50,
            (Pm10, Daily, Gb3095_2012, Two) => 150,
            (Pm10, Daily, Gb3095_2026Transitional, Two) => 120,
            (Pm10, Daily, Gb3095_2026Final, Two) => 100,
            // PM2.5.
            (Pm25, Annual, Gb3095_2026Final, One) => 10,
            (Pm25, Annual, _, One) => 15,
            (Pm25, Annual, Gb3095_2012, Two) => 35,
            (Pm25, Annual, Gb3095_2026Transitional, Two) => 30,
            (Pm25, Annual, Gb3095_2026Final, Two) => 25,
            (Pm25, Daily, Gb3095_2026Final, One) => 25,
            (Pm25, Daily, _, One) => 35,
            (Pm25, Daily, Gb3095_2012, Two) => 75,
            (Pm25, Daily, Gb3095_2026Transitional, Two) => 60,
            (Pm25, Daily, Gb3095_2026Final, Two) => 50,
            _ => return None,
        };
        Some(d(v))
    }

    /// The limit a daily statistic of `pollutant` is compared with: the daily-maximum 8-hour
    /// limit for O3, the 24-hour limit for the others.
    pub fn daily_limit(self, pollutant: Pollutant, grade: Grade) -> Option<Decimal> {
        let averaging = match pollutant {
            Pollutant::O3 => Averaging::DailyMaxEightHour,
            _ => Averaging::Daily,
        };
        self.limit(pollutant, averaging, grade)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn phases_by_date() {
        assert_eq!(LimitSet::for_date(date(2026, 2, 28)), LimitSet::Gb3095_2012);
        assert_eq!(
            LimitSet::for_date(date(2026, 3, 1)),
            LimitSet::Gb3095_2026Transitional
        );
        assert_eq!(
            LimitSet::for_date(date(2030, 12, 31)),
            LimitSet::Gb3095_2026Transitional
        );
        assert_eq!(
            LimitSet::for_date(date(2031, 1, 1)),
            LimitSet::Gb3095_2026Final
        );
    }

    #[test]
    fn table_cells() {
        use Averaging::*;
        use Grade::*;
        use LimitSet::*;
        use Pollutant::*;
        let cases = [
            (Gb3095_2012, Pm25, Annual, Two, Some(35)),
            (Gb3095_2012, Pm25, Daily, Two, Some(75)),
            (Gb3095_2012, Pm10, Annual, Two, Some(70)),
            (Gb3095_2012, So2, Annual, Two, Some(60)),
            (Gb3095_2012, O3, DailyMaxEightHour, Two, Some(160)),
            (Gb3095_2012, Co, Daily, Two, Some(4)),
            (Gb3095_2012, Co, Annual, Two, None),
            (Gb3095_2026Transitional, Pm25, Annual, Two, Some(30)),
            (Gb3095_2026Transitional, Pm25, Daily, Two, Some(60)),
            (Gb3095_2026Transitional, Pm10, Daily, Two, Some(120)),
            (Gb3095_2026Transitional, Pm10, Annual, Two, Some(60)),
            (Gb3095_2026Transitional, So2, Daily, Two, Some(150)),
            (Gb3095_2026Final, So2, Annual, Two, Some(20)),
            (Gb3095_2026Final, No2, Annual, Two, Some(30)),
            (Gb3095_2026Final, No2, Daily, One, Some(50)),
            (Gb3095_2026Final, Pm25, Annual, One, Some(10)),
            (Gb3095_2026Final, Pm25, Daily, Two, Some(50)),
            (Gb3095_2026Final, Pm10, Annual, Two, Some(50)),
            (Gb3095_2026Final, Pm10, Daily, Two, Some(100)),
            (Gb3095_2026Final, O3, Daily, Two, None),
        ];
        for (set, p, a, g, want) in cases {
            assert_eq!(set.limit(p, a, g), want.map(d), "{set:?} {p:?} {a:?} {g:?}");
        }
    }
}
