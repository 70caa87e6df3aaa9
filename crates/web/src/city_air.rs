//! The plan city's air statistics from 1 January of the plan year to the evaluation date, shared
//! by the overview and the indicator pages.

use crate::{AppError, AppState};
use ecogov_domain::air_indicators::city_period;
use ecogov_domain::monitoring::{AirHour, AirStation};
use ecogov_domain::plan::Plan;
use ecogov_domain::target::Binding;
use ecogov_domain::target_tracking::{indicator_value, project};
use ecogov_standards::air::{HourEnding, PeriodStats};
use ecogov_standards::rounding::gb8170;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// The city's stations, their hours this year, and the statistics so far.
pub(crate) struct CityAir {
    pub stations: Vec<AirStation>,
    pub hours: Vec<AirHour>,
    pub stats: PeriodStats,
    pub from: Date,
    pub to: Date,
    /// Days of the year after `to`.
    pub days_left: i64,
    pub synthetic: bool,
    /// Last year's statistics for the same period and for the whole year, when it has data.
    pub last: Option<(PeriodStats, PeriodStats)>,
}

impl CityAir {
    /// Loads the plan city's data; `None` when the plan names no city, nothing is bound, the date
    /// is before the plan year, or the city has no station.
    pub async fn load(
        state: &AppState,
        plan: &Plan,
        as_of: Date,
    ) -> Result<Option<CityAir>, AppError> {
        let Some(city) = plan.city.as_deref() else {
            return Ok(None);
        };
        if !plan.targets.iter().any(|t| t.binding.is_some()) || as_of < plan.year_start() {
            return Ok(None);
        }
        let to = as_of.min(plan.year_end());
        let same = |a: &str| a.trim().trim_end_matches('市') == city.trim().trim_end_matches('市');
        let stations: Vec<_> = state
            .store
            .air_stations()
            .await?
            .into_iter()
            .filter(|s| same(&s.city))
            .collect();
        if stations.is_empty() {
            return Ok(None);
        }
        let codes: Vec<_> = stations.iter().map(|s| s.code.clone()).collect();
        let hour = |d, h| HourEnding::new(d, h).map_err(|e| AppError::BadRequest(e.to_string()));
        let from = plan.year_start();
        let hours = state
            .store
            .air_series(&codes, hour(from, 1)?, hour(to, 24)?)
            .await?;
        let stats = city_period(&stations, &hours, from, to);
        let days_left = to
            .until(plan.year_end())
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(0);
        let synthetic = state.store.has_synthetic_data().await?;
        let last = last_year(state, &stations, &codes, from, to).await?;
        Ok(Some(CityAir {
            stations,
            hours,
            stats,
            from,
            to,
            days_left,
            synthetic,
            last,
        }))
    }

    /// The value so far, as shown: `34 μg/m³（截至 2023-09-30，有效 273 天，模拟数据）`.
    pub fn show(&self, binding: Binding) -> String {
        let tag = if self.synthetic {
            "，模拟数据"
        } else {
            ""
        };
        match indicator_value(binding, &self.stats) {
            Some(v) => format!(
                "{}（截至 {}，有效 {} 天{tag}）",
                format_value(binding, v),
                self.to,
                self.stats.aqi_days
            ),
            None => format!("数据不足（截至 {}{tag}）", self.to),
        }
    }

    /// The projected year-end value, shown with its method.
    pub fn projection(&self, binding: Binding) -> String {
        match project(
            binding,
            &self.stats,
            self.days_left,
            self.last.as_ref().map(|(a, b)| (a, b)),
        ) {
            Some(p) => format!("{}（{}）", format_value(binding, p.value), p.method),
            None => String::new(),
        }
    }

    /// Each month's value from January to the month of `to` (`None` for a month without a valid day).
    pub fn monthly(&self, binding: Binding) -> Vec<(i8, Option<Decimal>)> {
        let mut out = Vec::new();
        let mut first = self.from.first_of_month();
        while first <= self.to {
            let last = first.last_of_month().min(self.to);
            let stats = city_period(&self.stations, &self.hours, first, last);
            out.push((first.month(), indicator_value(binding, &stats)));
            first = match first.checked_add(jiff::Span::new().months(1)) {
                Ok(d) => d,
                Err(_) => break,
            };
        }
        out
    }
}

/// Last year's statistics for the period matching `from`…`to` and for the whole year, if any.
async fn last_year(
    state: &AppState,
    stations: &[AirStation],
    codes: &[ecogov_domain::monitoring::StationCode],
    from: Date,
    to: Date,
) -> Result<Option<(PeriodStats, PeriodStats)>, AppError> {
    let back = |d: Date| d.checked_sub(jiff::Span::new().years(1)).ok();
    let (Some(first), Some(same_end)) = (back(from), back(to)) else {
        return Ok(None);
    };
    let year_end = first.last_of_year();
    let hour = |d, h| HourEnding::new(d, h).map_err(|e| AppError::BadRequest(e.to_string()));
    let hours = state
        .store
        .air_series(codes, hour(first, 1)?, hour(year_end, 24)?)
        .await?;
    if hours.is_empty() {
        return Ok(None);
    }
    let same = city_period(stations, &hours, first, same_end);
    let full = city_period(stations, &hours, first, year_end);
    Ok((same.aqi_days > 0 && full.aqi_days > 0).then_some((same, full)))
}

/// A value with its unit; the good-day ratio shown to one decimal, rounded once (GB/T 8170).
pub(crate) fn format_value(binding: Binding, v: Decimal) -> String {
    match binding {
        Binding::AirPm25Mean => format!("{} μg/m³", v.normalize()),
        Binding::AirGoodDaysRatio => format!("{}%", gb8170(v, 1).normalize()),
        Binding::AirHeavyDays => format!("{} 天", v.normalize()),
    }
}
