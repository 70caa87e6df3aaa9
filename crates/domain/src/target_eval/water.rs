//! Water indicators over the registered sections.
//!
//! Each section's month is assessed from that month's samples (mean per item, 地表水环境质量评价
//! 办法（试行）§5.2, single-factor class, [`evaluate_section`]); its value so far is the mean of its
//! monthly means (standards.md §5.5: the official wording of the annual mean was not found, the
//! mean of monthly means is our documented choice). The ratios count sections, as the 评价办法
//! does for a basin (§5.3): 优良 = Ⅰ～Ⅲ类, 劣Ⅴ类 = worse than Ⅴ.

use super::{Evaluation, MonthPoint, WaterData, Year};
use crate::target::{Comparator, TargetIndicator, WaterBinding};
use crate::target_tracking::TrackStatus;
use crate::water_data::{WaterParameter, WaterSample, WaterSection};
use ecogov_standards::rounding::ceil_int;
use ecogov_standards::water::period::{NonDetect, period_means};
use ecogov_standards::water::section::{ExceedanceBasis, SectionRule, evaluate_section};
use ecogov_standards::water::{Item, Measurement, WaterClass};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// 频次达标率 — the share of a year's monthly assessments a section must meet for its water
/// function zone to count as compliant: 80 %, the figure of 《全国重要江河湖泊水功能区水质达标
/// 评价技术方案》. Not in standards.md (not verified against the text); one constant to change.
pub const ZONE_COMPLIANT_SHARE_PERCENT: u32 = 80;

/// Monthly assessments in a year (one sampling a month, as 国控/省控 manual monitoring is run).
const ASSESSMENTS_PER_YEAR: i64 = 12;

/// 断面达标情况 — one section's standing so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionStanding {
    /// The section.
    pub section: WaterSection,
    /// Its class by the mean so far (`None` without data).
    pub class: Option<WaterClass>,
    /// Months assessed so far.
    pub months_assessed: i64,
    /// Months whose class met the section's target.
    pub months_meeting: i64,
    /// 还可不达标月数 — months it may still fail and keep the 80 % frequency (`None` without a
    /// target class; negative when it can no longer comply).
    pub can_still_fail: Option<i64>,
    /// Its class the same period last year.
    pub last_year_class: Option<WaterClass>,
}

/// One section's months and its mean so far.
struct SectionYear {
    months: Vec<(i8, Option<WaterClass>)>,
    class: Option<WaterClass>,
}

fn basic(samples: &[&WaterSample]) -> Vec<(Item, Measurement)> {
    samples
        .iter()
        .filter_map(|s| match s.parameter {
            WaterParameter::Basic(item) => Some((item, s.value)),
            _ => None,
        })
        .collect()
}

fn class_of(section: &WaterSection, means: &[(Item, Measurement)]) -> Option<WaterClass> {
    let rule = SectionRule {
        body: section.body,
        target: section.target,
        basis: ExceedanceBasis::ClassIII,
    };
    evaluate_section(means, &rule).ok().map(|e| e.class)
}

/// The section's months from `first` to `last` and its class by the mean of its monthly means.
fn section_year(
    section: &WaterSection,
    samples: &[WaterSample],
    first: Date,
    last: Date,
) -> SectionYear {
    let mut months = Vec::new();
    let mut month_means: Vec<(Item, Measurement)> = Vec::new();
    let mut start = first;
    while start <= last {
        let end = start.last_of_month().min(last);
        let in_month: Vec<&WaterSample> = samples
            .iter()
            .filter(|s| s.time.date() >= start && s.time.date() <= end)
            .collect();
        let values = basic(&in_month);
        let class = if values.is_empty() {
            None
        } else {
            match period_means(&values, NonDetect::HalfLimit) {
                Ok(means) => {
                    let c = class_of(section, &means);
                    month_means.extend(means);
                    c
                }
                Err(_) => None,
            }
        };
        months.push((start.month(), class));
        start = match start
            .first_of_month()
            .checked_add(jiff::Span::new().months(1))
        {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    let class = period_means(&month_means, NonDetect::HalfLimit)
        .ok()
        .filter(|m| !m.is_empty())
        .and_then(|m| class_of(section, &m));
    SectionYear { months, class }
}

/// Months a section may fail in a year and still meet the frequency: 12 − ⌈12 × 80 %⌉ = 2.
fn allowed_failures() -> i64 {
    let needed = ceil_int(
        Decimal::from(ASSESSMENTS_PER_YEAR * i64::from(ZONE_COMPLIANT_SHARE_PERCENT))
            / Decimal::ONE_HUNDRED,
    );
    ASSESSMENTS_PER_YEAR - i64::try_from(needed).unwrap_or(ASSESSMENTS_PER_YEAR)
}

fn in_scope(b: WaterBinding, s: &WaterSection) -> bool {
    match b {
        WaterBinding::GoodRatio(l) | WaterBinding::WorseThanVRatio(l) => s.level == l,
        WaterBinding::FunctionZoneCompliance => s.target.is_some(),
    }
}

fn meets(target: Option<WaterClass>, class: WaterClass) -> bool {
    target.is_some_and(|t| class <= t)
}

/// Whether a section counts in the numerator of `b`, given its year so far.
fn counts(b: WaterBinding, s: &WaterSection, y: &SectionYear) -> Option<bool> {
    match b {
        WaterBinding::GoodRatio(_) => y.class.map(|c| c.is_good()),
        WaterBinding::WorseThanVRatio(_) => y.class.map(|c| c == WaterClass::WorseThanV),
        WaterBinding::FunctionZoneCompliance => {
            let assessed: Vec<WaterClass> = y.months.iter().filter_map(|(_, c)| *c).collect();
            if assessed.is_empty() {
                return None;
            }
            let ok = assessed.iter().filter(|c| meets(s.target, **c)).count();
            Some(ok * 100 >= assessed.len() * ZONE_COMPLIANT_SHARE_PERCENT as usize)
        }
    }
}

fn ratio(flags: impl Iterator<Item = Option<bool>>) -> Option<Decimal> {
    let (mut yes, mut all) = (0u32, 0u32);
    for f in flags.flatten() {
        all += 1;
        yes += u32::from(f);
    }
    (all > 0).then(|| Decimal::from(yes) * Decimal::ONE_HUNDRED / Decimal::from(all))
}

pub(super) fn evaluate(
    target: TargetIndicator,
    b: WaterBinding,
    data: &WaterData,
    year: Year,
) -> Evaluation {
    let scope: Vec<&(WaterSection, Vec<WaterSample>)> = data
        .sections
        .iter()
        .filter(|(s, _)| in_scope(b, s))
        .collect();
    let this: Vec<SectionYear> = scope
        .iter()
        .map(|(s, v)| section_year(s, v, year.start, year.as_of))
        .collect();
    let last: Vec<Option<SectionYear>> = scope
        .iter()
        .map(
            |(s, v)| match (Year::back(year.start), Year::back(year.as_of)) {
                (Some(f), Some(l)) => Some(section_year(s, v, f, l))
                    .filter(|y| y.months.iter().any(|(_, c)| c.is_some())),
                _ => None,
            },
        )
        .collect();
    let value = ratio(scope.iter().zip(&this).map(|((s, _), y)| counts(b, s, y)));
    let last_value = ratio(
        scope
            .iter()
            .zip(&last)
            .filter_map(|((s, _), y)| y.as_ref().map(|y| counts(b, s, y))),
    );
    let mut e = Evaluation::blank(target, TrackStatus::InsufficientData);
    e.value = value;
    e.last_year = last_value;
    e.synthetic = data.synthetic;
    let evaluated = scope
        .iter()
        .zip(&this)
        .filter(|((s, _), y)| counts(b, s, y).is_some())
        .count();
    e.shown = match value {
        Some(v) => format!(
            "{}（截至 {}，{} 个断面{}）",
            super::format_value(&e.target, v),
            year.as_of,
            evaluated,
            if e.synthetic { "，模拟数据" } else { "" }
        ),
        None if scope.is_empty() => "无适用断面".to_string(),
        None => format!("数据不足（截至 {}）", year.as_of),
    };
    let yes = scope
        .iter()
        .zip(&this)
        .filter(|((s, _), y)| counts(b, s, y) == Some(true))
        .count();
    (e.status, e.budget) = standing(&e.target, b, yes, evaluated, year);
    e.monthly = monthly(b, &scope, &this, &last);
    e.sections = scope
        .iter()
        .zip(this.iter().zip(&last))
        .map(|((s, _), (y, l))| {
            let assessed: Vec<WaterClass> = y.months.iter().filter_map(|(_, c)| *c).collect();
            let meeting = assessed.iter().filter(|c| meets(s.target, **c)).count() as i64;
            let allowed = allowed_failures();
            SectionStanding {
                section: s.clone(),
                class: y.class,
                months_assessed: assessed.len() as i64,
                months_meeting: meeting,
                can_still_fail: s
                    .target
                    .map(|_| allowed - (assessed.len() as i64 - meeting)),
                last_year_class: l.as_ref().and_then(|l| l.class),
            }
        })
        .collect();
    e.trail = vec![
        format!(
            "数据：{} 至 {} 的监测数据{}",
            year.start,
            year.as_of,
            if e.synthetic { "（含模拟数据）" } else { "" }
        ),
        format!(
            "断面：{}（共 {} 个，有数据 {} 个）",
            scope_label(b),
            scope.len(),
            evaluated
        ),
        "每月按当月各项目均值单因子评价（GB 3838-2002 表1；地表水环境质量评价办法（试行））；低于检出限按检出限一半参与均值".to_string(),
        match b {
            WaterBinding::FunctionZoneCompliance => format!(
                "达标判定：逐月水质类别不劣于目标类别，全年达标月数 ≥ {ZONE_COMPLIANT_SHARE_PERCENT}% 为达标（全年按 {ASSESSMENTS_PER_YEAR} 次评价，至多 {} 个月可不达标）",
                allowed_failures()
            ),
            _ => "迄今类别：各月均值再取平均后单因子评价；比例按断面个数计算".to_string(),
        },
    ];
    e
}

fn scope_label(b: WaterBinding) -> String {
    match b {
        WaterBinding::GoodRatio(l) | WaterBinding::WorseThanVRatio(l) => {
            format!("{}断面", l.label())
        }
        WaterBinding::FunctionZoneCompliance => "设有水质目标的断面".to_string(),
    }
}

/// Status and budget in whole sections: `yes` of `n` evaluated sections count now.
fn standing(
    target: &TargetIndicator,
    b: WaterBinding,
    yes: usize,
    n: usize,
    year: Year,
) -> (TrackStatus, Option<String>) {
    let Some(t) = target.threshold else {
        return (TrackStatus::NoThreshold, None);
    };
    if n == 0 {
        return (TrackStatus::InsufficientData, None);
    }
    let nd = Decimal::from(n as u64);
    let now = Decimal::from(yes as u64) * Decimal::ONE_HUNDRED / nd;
    let ok = target.comparator.holds(now, t).unwrap_or(false);
    let over = year.days_left() == 0;
    let status = match (ok, over) {
        (true, _) => TrackStatus::OnTrack,
        (false, true) => TrackStatus::Unreachable,
        (false, false) => TrackStatus::AtRisk,
    };
    let budget = match (b, target.comparator) {
        (WaterBinding::WorseThanVRatio(_), Comparator::AtMost) => {
            // The largest k with k ÷ n × 100 ≤ t.
            let allowed = (0..=n)
                .take_while(|k| Decimal::from(*k as u64) * Decimal::ONE_HUNDRED / nd <= t)
                .last()
                .unwrap_or(0);
            format!("{n} 个断面中至多 {allowed} 个可为劣Ⅴ类（目前 {yes} 个）")
        }
        (_, Comparator::AtLeast) => {
            let need = ceil_int(t * nd / Decimal::ONE_HUNDRED);
            let what = match b {
                WaterBinding::FunctionZoneCompliance => "达标",
                _ => "水质优良",
            };
            format!(
                "{n} 个断面中须至少 {need} 个{what}（目前 {yes} 个），至多 {} 个可不满足",
                (nd - need).max(Decimal::ZERO)
            )
        }
        _ => return (status, None),
    };
    (status, Some(budget))
}

fn monthly(
    b: WaterBinding,
    scope: &[&(WaterSection, Vec<WaterSample>)],
    this: &[SectionYear],
    last: &[Option<SectionYear>],
) -> Vec<MonthPoint> {
    let month_ratio = |years: &mut dyn Iterator<Item = (&WaterSection, &SectionYear)>, m: i8| {
        ratio(years.map(|(s, y)| {
            y.months
                .iter()
                .find(|(month, _)| *month == m)
                .and_then(|(_, c)| *c)
                .map(|c| match b {
                    WaterBinding::GoodRatio(_) => c.is_good(),
                    WaterBinding::WorseThanVRatio(_) => c == WaterClass::WorseThanV,
                    WaterBinding::FunctionZoneCompliance => meets(s.target, c),
                })
        }))
    };
    (1..=12i8)
        .map(|m| MonthPoint {
            month: m,
            this_year: month_ratio(&mut scope.iter().map(|(s, _)| s).zip(this), m),
            last_year: month_ratio(
                &mut scope
                    .iter()
                    .zip(last)
                    .filter_map(|((s, _), y)| y.as_ref().map(|y| (s, y))),
                m,
            ),
        })
        .collect()
}
