//! IAQI and AQI: HJ 633 式(1) and 式(2), the primary pollutant, publication rules, and the
//! real-time (hourly) and daily reports.

use rust_decimal::Decimal;

use super::edition::{Edition, MissingPolicy, OverflowRule, RuleSet};
use super::level::Level;
use super::pollutant::{Indicator, IndicatorSet, Pollutant};
use super::reading::{Concentration, Reading, Readings};
use crate::rounding::gb8170;

/// 空气质量分指数 (IAQI) or 空气质量指数 (AQI): an integer 0…500 after 进位取整
/// (HJ 633-2012 §6.2, HJ 633-2026 §4.2.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iaqi(u16);

impl Iaqi {
    /// An index value, capped at 500 (the top of the tables).
    pub const fn new_capped(value: u16) -> Iaqi {
        Iaqi(if value > 500 { 500 } else { value })
    }

    /// The integer value.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// The value as a decimal.
    pub fn to_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}

/// What the IAQI rules make of one concentration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IaqiOutcome {
    /// The IAQI.
    Value(Iaqi),
    /// The edition says to report another indicator's IAQI instead (HJ 633-2012 表1 notes
    /// (2), (3)).
    FallBack(Indicator),
}

/// The concentration that enters 式(1): rounded per GB/T 8170 to an integer (CO to 0.1 mg/m³)
/// when the edition requires it (HJ 633-2026 §4.2.2/§4.2.3), otherwise unchanged.
pub fn index_concentration(rules: &RuleSet, pollutant: Pollutant, c: Concentration) -> Decimal {
    if rules.round_concentrations {
        gb8170(c.value(), pollutant.reported_places())
    } else {
        c.value()
    }
}

/// 空气质量分指数 — the IAQI of `indicator` at concentration `c` under `rules`.
///
/// - Concentration rounding: [`index_concentration`].
/// - 式(1) and rounding up: [`super::breakpoints::Column::iaqi_integer`].
/// - SO2 1 h above 800 and O3 8 h above 800: the rule set's [`OverflowRule`] (HJ 633-2012 表1
///   notes (2)/(3); HJ 633-2026 表3 notes b/c: 200 and 300).
/// - Any other value above the top breakpoint: 500 ([`super::breakpoints::IAQI_CAP`]).
pub fn iaqi(rules: &RuleSet, indicator: Indicator, c: Concentration) -> IaqiOutcome {
    let value = index_concentration(rules, indicator.pollutant(), c);
    match rules.breakpoints.column(indicator).iaqi_integer(value) {
        Some(v) => IaqiOutcome::Value(Iaqi::new_capped(v)),
        None => {
            let rule = match indicator {
                Indicator::So2Hour => Some(rules.so2_hour_above_top),
                Indicator::O3EightHour => Some(rules.o3_eight_hour_above_top),
                _ => None,
            };
            match rule {
                Some(OverflowRule::FallBackTo(other)) => IaqiOutcome::FallBack(other),
                Some(OverflowRule::Fixed(n)) => IaqiOutcome::Value(Iaqi::new_capped(n)),
                None => IaqiOutcome::Value(Iaqi::new_capped(500)),
            }
        }
    }
}

/// The state of one indicator's IAQI in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SubIndex {
    /// The indicator is not part of this kind of report.
    #[default]
    NotInReport,
    /// 分指数 — the IAQI.
    Value(Iaqi),
    /// 缺测 — missing or invalid (`NA`), including a fall-back whose source is missing.
    Missing,
    /// 未纳入监测方案 (`/`), HJ 633-2026 §5.3.2.
    NotInPlan,
}

/// AQI, primary pollutants and level computed from the available IAQIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AqiSummary {
    /// 空气质量指数 — HJ 633 式(2): the maximum IAQI.
    pub aqi: Iaqi,
    /// 首要污染物 — HJ 633-2012 §4.4.2 / HJ 633-2026 §4.3.1: when AQI > 50, every indicator
    /// whose IAQI equals the AQI (ties are listed together); empty when AQI ≤ 50.
    pub primary: IndicatorSet,
    /// 空气质量指数级别/类别 — HJ 633-2012 表2 / HJ 633-2026 表1.
    pub level: Level,
}

impl AqiSummary {
    /// The primary pollutants, each once (O3 1 h and 8 h tied give one O3), in
    /// [`Pollutant::ALL`] order.
    pub fn primary_pollutants(&self) -> impl Iterator<Item = Pollutant> + '_ {
        Pollutant::ALL
            .into_iter()
            .filter(|p| self.primary.has_pollutant(*p))
    }
}

/// Whether an AQI may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Publication {
    /// Published as computed.
    Published,
    /// 显示为 NA — a pollutant is missing and the remaining ones give AQI ≤ 100
    /// ([`MissingPolicy::PublishAboveHundred`], HJ 633-2026 §5.3.1). Concentrations and IAQIs
    /// are still published.
    WithheldIncomplete,
    /// No pollutant has a value.
    NoData,
}

/// One AQI report (real-time or daily) of one station or city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AqiReport {
    /// The edition applied.
    pub edition: Edition,
    sub_indices: [SubIndex; 12],
    /// The AQI of the available indicators, whether or not it may be published.
    pub computed: Option<AqiSummary>,
    /// 缺项指标 — indicators of the report that are missing (not those not in the plan).
    pub missing: IndicatorSet,
    /// Publication decision.
    pub publication: Publication,
}

impl AqiReport {
    /// The IAQI state of `indicator`.
    pub const fn sub_index(&self, indicator: Indicator) -> SubIndex {
        self.sub_indices[indicator as usize]
    }

    /// The AQI, primary pollutants and level as published; `None` where they are `NA`.
    pub fn published(&self) -> Option<AqiSummary> {
        match self.publication {
            Publication::Published => self.computed,
            _ => None,
        }
    }
}

/// Evaluates a report: `items` are the indicators of the report with their readings; `extra`
/// are readings only used as fall-back sources (e.g. SO2 24 h for a 2012 real-time report).
fn evaluate(
    rules: &RuleSet,
    items: &[(Indicator, Reading)],
    extra: &[(Indicator, Reading)],
    policy: MissingPolicy,
) -> AqiReport {
    let mut readings = [Reading::Missing; 12];
    for (ind, r) in extra.iter().chain(items) {
        readings[*ind as usize] = *r;
    }
    let mut sub_indices = [SubIndex::NotInReport; 12];
    let mut missing = IndicatorSet::EMPTY;
    let mut best: Option<Iaqi> = None;
    for (ind, r) in items {
        let s = match r {
            Reading::Value(c) => match iaqi(rules, *ind, *c) {
                IaqiOutcome::Value(v) => SubIndex::Value(v),
                IaqiOutcome::FallBack(other) => match readings[other as usize] {
                    Reading::Value(c2) => match iaqi(rules, other, c2) {
                        IaqiOutcome::Value(v) => SubIndex::Value(v),
                        IaqiOutcome::FallBack(_) => SubIndex::Missing,
                    },
                    _ => SubIndex::Missing,
                },
            },
            Reading::Missing => SubIndex::Missing,
            Reading::NotInPlan => SubIndex::NotInPlan,
        };
        match s {
            SubIndex::Value(v) => best = Some(best.map_or(v, |b| b.max(v))),
            SubIndex::Missing => missing.insert(*ind),
            _ => {}
        }
        sub_indices[*ind as usize] = s;
    }
    let computed = best.map(|aqi| {
        let mut primary = IndicatorSet::EMPTY;
        if aqi.get() > 50 {
            for (ind, _) in items {
                if sub_indices[*ind as usize] == SubIndex::Value(aqi) {
                    primary.insert(*ind);
                }
            }
        }
        AqiSummary {
            aqi,
            primary,
            level: Level::from_aqi(aqi),
        }
    });
    let publication = match (computed, policy) {
        (None, _) => Publication::NoData,
        (Some(_), _) if missing.is_empty() => Publication::Published,
        (Some(_), MissingPolicy::PublishRemaining) => Publication::Published,
        (Some(s), MissingPolicy::PublishAboveHundred) if s.aqi.get() > 100 => {
            Publication::Published
        }
        (Some(_), MissingPolicy::PublishAboveHundred) => Publication::WithheldIncomplete,
    };
    AqiReport {
        edition: rules.edition,
        sub_indices,
        computed,
        missing,
        publication,
    }
}

/// Input of a real-time (hourly) report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct HourlyInput {
    /// The current 1-hour means of the six pollutants (PM included).
    pub hour: Readings,
    /// SO2 24-hour mean, used only by HJ 633-2012 表1 note (2) when SO2 1 h > 800. The 2012
    /// real-time format (表4) has no SO2 24-hour column, so which 24-hour value is meant is
    /// [NOT FOUND] (standards.md §1.7); pass the 24-hour moving mean, or `Missing` (SO2 is then
    /// reported missing for that hour).
    pub so2_day: Reading,
}

/// 实时报 — the real-time (hourly) AQI as CNEMC publishes it under `edition`: the six current
/// 1-hour means, PM on the daily breakpoints ([`RuleSet::hourly_indicators`]).
pub fn hourly_aqi(edition: Edition, input: &HourlyInput) -> AqiReport {
    let rules = edition.rules();
    let h = &input.hour;
    let items = [
        (Indicator::So2Hour, h.get(Pollutant::So2)),
        (Indicator::No2Hour, h.get(Pollutant::No2)),
        (Indicator::CoHour, h.get(Pollutant::Co)),
        (Indicator::O3Hour, h.get(Pollutant::O3)),
        (Indicator::Pm10Hour, h.get(Pollutant::Pm10)),
        (Indicator::Pm25Hour, h.get(Pollutant::Pm25)),
    ];
    debug_assert!(
        items
            .iter()
            .all(|(i, _)| rules.hourly_indicators.contains(i))
    );
    evaluate(
        rules,
        &items,
        &[(Indicator::So2Day, input.so2_day)],
        rules.hourly_missing,
    )
}

/// Input of a daily report (日报): daily values of one natural day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DailyInput {
    /// 24-hour (daily) means of SO2, NO2, CO, PM10 and PM2.5; the O3 slot is ignored.
    pub means: Readings,
    /// 臭氧日最大8小时平均 — O3 daily maximum 8-hour mean.
    pub o3_max_eight_hour: Reading,
    /// 臭氧日最大1小时平均 — O3 daily maximum 1-hour mean (HJ 633-2012 only; ignored in 2026).
    pub o3_max_hour: Reading,
}

/// 日报 — the daily AQI under `edition` ([`RuleSet::daily_indicators`]):
/// HJ 633-2012 §5.1.2 (seven indicators) or HJ 633-2026 §4.2.2 (six).
pub fn daily_aqi(edition: Edition, input: &DailyInput) -> AqiReport {
    let rules = edition.rules();
    let m = &input.means;
    let reading = |ind: Indicator| match ind {
        Indicator::O3EightHour => input.o3_max_eight_hour,
        Indicator::O3Hour => input.o3_max_hour,
        other => m.get(other.pollutant()),
    };
    let mut items = [(Indicator::So2Day, Reading::Missing); 7];
    let n = rules.daily_indicators.len().min(items.len());
    for (slot, ind) in items.iter_mut().zip(rules.daily_indicators) {
        *slot = (*ind, reading(*ind));
    }
    let extra = [(Indicator::O3Hour, input.o3_max_hour)];
    evaluate(rules, &items[..n], &extra, rules.daily_missing)
}

#[cfg(test)]
mod tests;
