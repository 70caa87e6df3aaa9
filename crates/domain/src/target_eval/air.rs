//! Air indicators of the plan city: HJ 663 period statistics from stored hours.

use super::{AirData, Evaluation, MonthPoint, Year};
use crate::air_indicators::city_period;
use crate::target::{AirBinding, TargetIndicator};
use crate::target_tracking::{TrackStatus, air_standing, indicator_value, project};
use ecogov_standards::air::edition::EDITION_2026_FROM;
use ecogov_standards::air::{Edition, PeriodStats};
use jiff::civil::Date;

/// The city's statistics this year so far and last year, and each month's, computed once for
/// all the air indicators.
pub(super) struct CityYear<'a> {
    data: &'a AirData,
    year: Year,
    stats: PeriodStats,
    /// Last year's same period and whole year, when last year has a valid day.
    last: Option<(PeriodStats, PeriodStats)>,
    /// Each month of this year up to the date (month 1…), and of last year when it has data.
    months: Vec<(i8, Option<PeriodStats>, Option<PeriodStats>)>,
}

impl<'a> CityYear<'a> {
    pub fn new(data: &'a AirData, year: Year) -> Self {
        let stats = city_period(&data.stations, &data.hours, year.start, year.as_of);
        let last = match (Year::back(year.start), Year::back(year.as_of)) {
            (Some(first), Some(same_end)) => {
                let same = city_period(&data.stations, &data.hours, first, same_end);
                let full = city_period(&data.stations, &data.hours, first, first.last_of_year());
                (same.aqi_days > 0 && full.aqi_days > 0).then_some((same, full))
            }
            _ => None,
        };
        // Hours by (year, month), so each month's statistics read only its own hours.
        let mut by_month: std::collections::HashMap<(i16, i8), Vec<crate::monitoring::AirHour>> =
            std::collections::HashMap::new();
        for h in &data.hours {
            let d = h.hour.natural_day();
            by_month
                .entry((d.year(), d.month()))
                .or_default()
                .push(h.clone());
        }
        let month_stats = |first: Date, last_day: Date| {
            by_month
                .get(&(first.year(), first.month()))
                .map(|hours| city_period(&data.stations, hours, first, last_day))
        };
        let mut months = Vec::new();
        let mut first = year.start;
        for month in 1..=12i8 {
            let this = (first <= year.as_of)
                .then(|| month_stats(first, first.last_of_month().min(year.as_of)))
                .flatten();
            let before = last
                .as_ref()
                .and_then(|_| Year::back(first))
                .and_then(|f| month_stats(f, f.last_of_month()));
            months.push((month, this, before));
            first = match first.checked_add(jiff::Span::new().months(1)) {
                Ok(d) => d,
                Err(_) => break,
            };
        }
        Self {
            data,
            year,
            stats,
            last,
            months,
        }
    }

    pub fn evaluate(&self, target: TargetIndicator, b: AirBinding) -> Evaluation {
        let days_left = self.year.days_left();
        let standing = air_standing(
            b,
            target.comparator,
            target.threshold,
            &self.stats,
            days_left,
        );
        let value = indicator_value(b, &self.stats);
        let mut e = Evaluation::blank(target, standing.status);
        e.value = value;
        e.budget = standing.budget;
        e.last_year = self
            .last
            .as_ref()
            .and_then(|(same, _)| indicator_value(b, same));
        e.projection = project(
            b,
            &self.stats,
            days_left,
            self.last.as_ref().map(|(a, b)| (a, b)),
        );
        e.synthetic = self.data.synthetic;
        e.shown = match value {
            Some(v) => format!(
                "{}（截至 {}，有效 {} 天{}）",
                super::format_value(&e.target, v),
                self.year.as_of,
                self.stats.aqi_days,
                if e.synthetic { "，模拟数据" } else { "" }
            ),
            None => format!("数据不足（截至 {}）", self.year.as_of),
        };
        e.monthly = self.monthly(b);
        e.trail = self.trail();
        if value.is_none() && e.status != TrackStatus::NoThreshold {
            e.status = TrackStatus::InsufficientData;
        }
        e
    }

    /// Each month's value this year (to the as-of date) and last year.
    fn monthly(&self, b: AirBinding) -> Vec<MonthPoint> {
        self.months
            .iter()
            .map(|(month, this, before)| MonthPoint {
                month: *month,
                this_year: this.as_ref().and_then(|s| indicator_value(b, s)),
                last_year: before.as_ref().and_then(|s| indicator_value(b, s)),
            })
            .collect()
    }

    fn trail(&self) -> Vec<String> {
        let stations: Vec<String> = self
            .data
            .stations
            .iter()
            .map(|s| {
                format!(
                    "{} {}{}",
                    s.code,
                    s.name,
                    if s.control_point {
                        "（对照点，不计入）"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let (first, last) = (
            Edition::for_date(self.year.start),
            Edition::for_date(self.year.as_of),
        );
        let editions = if first == last {
            format!("{} 及同期 GB 3095", last.name())
        } else {
            format!(
                "{EDITION_2026_FROM} 之前为 {}，自该日起为 {}",
                first.name(),
                last.name()
            )
        };
        let s = &self.stats;
        vec![
            format!(
                "数据：{} 至 {} 的小时数据{}",
                self.year.start,
                self.year.as_of,
                if self.data.synthetic {
                    "（含模拟数据）"
                } else {
                    ""
                }
            ),
            format!(
                "站点：{}（城市日均值为各站日均值的算术平均，HJ 663）",
                stations.join("、")
            ),
            "日均值有效性：每日至少 20 个有效小时；臭氧日最大 8 小时滑动平均至少 14 个有效值（GB 3095 数据统计的有效性规定）".to_string(),
            format!("日报 AQI 按当日适用的标准版本计算：{editions}"),
            format!(
                "有效天数 {} 天，优良 {} 天，重污染 {} 天；上年同期{}",
                s.aqi_days,
                s.good_days,
                s.heavy_days,
                match &self.last {
                    Some((same, _)) => format!("有效 {} 天，优良 {} 天", same.aqi_days, same.good_days),
                    None => "无数据".to_string(),
                }
            ),
            "余量按余下天数全部为有效天估算；PM2.5 余量以时段均值代替日值之和".to_string(),
        ]
    }
}
