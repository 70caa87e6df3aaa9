//! 目标评估 — every target indicator of the plan evaluated on a date: the value so far, the same
//! period last year, the status, what the rest of the year must achieve, a projection, the monthly
//! picture and the trail of how the number was made.
//!
//! One pure function, [`evaluate`], over inputs the caller loads ([`TargetInputs`]); the web pages,
//! the `ecogov targets` command and the monthly report all show its result, so they cannot differ.

mod air;
mod entered;
mod records;
mod water;

pub use entered::{Component, EnteredFigure, FigureError, compute_figure, required_components};
pub use records::{RecordOutcome, TargetRecord};
pub use water::SectionStanding;

use crate::monitoring::{AirHour, AirStation};
use crate::plan::Plan;
use crate::target::{Binding, Comparator, TargetIndicator};
use crate::target_tracking::{Projection, TrackStatus};
use crate::water_data::{WaterSample, WaterSection};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The city's air data: its stations and their hours from 1 January of last year to the date.
#[derive(Debug, Clone, Default)]
pub struct AirData {
    /// The plan city's stations (对照点 flagged).
    pub stations: Vec<AirStation>,
    /// Their stored hours, last year's included when there are any.
    pub hours: Vec<AirHour>,
    /// Whether any of the data are 模拟数据.
    pub synthetic: bool,
}

/// The registered sections and their samples from 1 January of last year to the date.
#[derive(Debug, Clone, Default)]
pub struct WaterData {
    /// Each section with its samples.
    pub sections: Vec<(WaterSection, Vec<WaterSample>)>,
    /// Whether any of the data are 模拟数据.
    pub synthetic: bool,
}

/// Everything [`evaluate`] reads.
#[derive(Debug, Clone)]
pub struct TargetInputs {
    /// 评估日期 — the as-of date.
    pub as_of: Date,
    /// Thresholds entered later (省下达), by target id.
    pub thresholds: HashMap<String, Decimal>,
    /// Air data, when the plan names a city with stations.
    pub air: Option<AirData>,
    /// Water data.
    pub water: WaterData,
    /// Figures entered for `entered.*` bindings.
    pub figures: Vec<EnteredFigure>,
    /// Records for `records.*` bindings.
    pub records: Vec<TargetRecord>,
}

/// 月度值 — one month's value this year and last year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPoint {
    /// 1–12.
    pub month: i8,
    /// This year (`None` for a month not reached or without data).
    pub this_year: Option<Decimal>,
    /// The same month last year.
    pub last_year: Option<Decimal>,
}

/// 评估结果 — one indicator on the as-of date.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The indicator, with an entered threshold in place of an unset one.
    pub target: TargetIndicator,
    /// 当前值 — the value so far, unrounded (`None` without data).
    pub value: Option<Decimal>,
    /// The value as shown, rounded once for display, with its unit.
    pub shown: String,
    /// 上年同期 — the same period last year.
    pub last_year: Option<Decimal>,
    /// The status.
    pub status: TrackStatus,
    /// 余量 — what the rest of the year must achieve, in words.
    pub budget: Option<String>,
    /// 全年预测.
    pub projection: Option<Projection>,
    /// The monthly picture (empty where monthly values mean nothing).
    pub monthly: Vec<MonthPoint>,
    /// 计算过程 — data range, stations or sections, rule edition, counts.
    pub trail: Vec<String>,
    /// Per-section standing, for water indicators.
    pub sections: Vec<SectionStanding>,
    /// Whether the value rests on 模拟数据.
    pub synthetic: bool,
}

impl Evaluation {
    fn blank(target: TargetIndicator, status: TrackStatus) -> Self {
        Self {
            target,
            value: None,
            shown: String::new(),
            last_year: None,
            status,
            budget: None,
            projection: None,
            monthly: Vec::new(),
            trail: Vec::new(),
            sections: Vec::new(),
            synthetic: false,
        }
    }

    /// The value with the display rounding and unit of its binding, or `—`.
    pub fn show(&self, v: Option<Decimal>) -> String {
        match v {
            Some(v) => format_value(&self.target, v),
            None => "—".to_string(),
        }
    }
}

/// Evaluates every target of `plan` on `inputs.as_of`, in the plan's order.
pub fn evaluate(plan: &Plan, inputs: &TargetInputs) -> Vec<Evaluation> {
    let as_of = inputs.as_of.min(plan.year_end());
    let year = Year {
        start: plan.year_start(),
        end: plan.year_end(),
        as_of,
    };
    let air = inputs.air.as_ref().map(|a| air::CityYear::new(a, year));
    plan.targets
        .iter()
        .map(|t| {
            let mut target = t.clone();
            if target.threshold.is_none() {
                target.threshold = inputs.thresholds.get(&t.id).copied();
            }
            if t.comparator == Comparator::Qualitative {
                let mut e = Evaluation::blank(target, TrackStatus::Qualitative);
                e.trail
                    .push("定性目标：由牵头科室报告完成情况，不计算数值".to_string());
                return e;
            }
            match t.binding {
                None => {
                    let mut e = Evaluation::blank(target, TrackStatus::Unbound);
                    e.trail
                        .push("本指标未与计算绑定（计划文件无 binding），由科室填报".into());
                    e
                }
                Some(Binding::Air(b)) => match &air {
                    Some(city) => city.evaluate(target, b),
                    None => {
                        let mut e = Evaluation::blank(target, TrackStatus::InsufficientData);
                        e.trail.push(format!(
                            "计划城市 {} 尚无空气监测站或数据",
                            plan.city.as_deref().unwrap_or("（未设定）")
                        ));
                        e
                    }
                },
                Some(Binding::Water(b)) => water::evaluate(target, b, &inputs.water, year),
                Some(Binding::Entered(f)) => entered::evaluate(target, f, &inputs.figures, year),
                Some(Binding::Records(r)) => records::evaluate(target, r, &inputs.records, year),
            }
        })
        .collect()
}

/// The plan year and the evaluation date within it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Year {
    pub start: Date,
    pub end: Date,
    pub as_of: Date,
}

impl Year {
    /// Days of the year after the as-of date.
    pub fn days_left(&self) -> i64 {
        self.as_of
            .until(self.end)
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(0)
            .max(0)
    }

    /// The same date one year earlier (29 February → 28 February).
    pub fn back(d: Date) -> Option<Date> {
        d.checked_sub(jiff::Span::new().years(1)).ok()
    }
}

/// The status of a reported figure against its threshold: met → 达标, not met → 有风险.
pub(crate) fn judged(target: &TargetIndicator, value: Option<Decimal>) -> TrackStatus {
    match (value, target.threshold) {
        (_, None) => TrackStatus::NoThreshold,
        (None, _) => TrackStatus::InsufficientData,
        (Some(v), Some(t)) => match target.comparator.holds(v, t) {
            Some(true) => TrackStatus::OnTrack,
            _ => TrackStatus::AtRisk,
        },
    }
}

/// A value rounded once for display (GB/T 8170) with the indicator's unit.
pub fn format_value(target: &TargetIndicator, v: Decimal) -> String {
    let unit = target.unit.as_deref().unwrap_or("");
    let places = match target.binding {
        Some(Binding::Air(crate::target::AirBinding::GoodDaysRatio)) => 1,
        Some(Binding::Air(_)) | Some(Binding::Records(_)) => 0,
        _ => 2,
    };
    let r = ecogov_standards::rounding::gb8170(v, places).normalize();
    match unit {
        "%" | "" => format!("{r}{unit}"),
        u => format!("{r} {u}"),
    }
}

#[cfg(test)]
mod tests;
