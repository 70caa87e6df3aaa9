//! The three alert rules. Each pushes [`Finding`]s; [`super::evaluate`] removes duplicates.
//!
//! A reading below the detection limit (`0.01L`) never raises an alert: its true value is only
//! known to lie below the limit, so neither an exceedance, a change nor a bloom level can be shown.

use super::{AlertDetail, AlertKey, AlertRule, BloomWatch, Finding};
use crate::water_data::{WaterParameter, WaterSample, WaterSection};
use ecogov_standards::water::bloom::{BloomLevel, is_cyanobacterial_bloom};
use ecogov_standards::water::gb3838::classify;
use ecogov_standards::water::{Direction, Item};
use jiff::civil::DateTime;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn when(t: DateTime) -> String {
    t.strftime("%Y-%m-%d %H:%M").to_string()
}

fn percent(ratio: Decimal) -> String {
    (ratio * Decimal::ONE_HUNDRED)
        .round_dp(1)
        .normalize()
        .to_string()
}

fn with_unit(item: Item, value: &impl std::fmt::Display) -> String {
    match item {
        Item::Ph => format!("{value}"),
        _ => format!("{value} {}", item.unit()),
    }
}

/// Rule 1 — 超过水质目标: the single-item class of GB 3838-2002 表1 (standards' `gb3838::classify`)
/// is worse than the section's target. Only the 21 items that decide a section's class
/// (环办〔2011〕22号, standards.md §5.1) are checked; sections without a target are skipped.
pub(super) fn exceeds_target<'a>(
    readings: &'a [WaterSample],
    sections: &[WaterSection],
    out: &mut Vec<Finding<'a>>,
) {
    for s in readings {
        let WaterParameter::Basic(item) = s.parameter else {
            continue;
        };
        if !item.is_evaluated() || s.value.is_below_detection() {
            continue;
        }
        let Some(section) = sections.iter().find(|x| x.name == s.section) else {
            continue;
        };
        let Some(target) = section.target else {
            continue;
        };
        let Ok(class) = classify(item, section.body, &s.value) else {
            continue;
        };
        if class <= target {
            continue;
        }
        out.push(Finding {
            key: AlertKey::new(
                AlertRule::ExceedsTarget,
                &s.section,
                s.parameter,
                s.time,
                &s.value,
            ),
            rule: AlertRule::ExceedsTarget,
            sample: s,
            detail: AlertDetail::ExceedsTarget { class, target },
            message: format!(
                "{} {} {} {}，单项{}，劣于水质目标{}类（GB 3838-2002 表1）",
                s.section,
                when(s.time),
                item.name(),
                with_unit(item, &s.value),
                class.verdict(),
                target.symbol()
            ),
        });
    }
}

/// Whether `later` is worse than `earlier` for a parameter: higher for "≤" items and for the
/// extra parameters (电导率, 浊度, 叶绿素a, 藻密度), lower for 溶解氧; `None` for pH and 水温, whose
/// worse direction is not one-sided.
fn worse(parameter: WaterParameter, earlier: Decimal, later: Decimal) -> Option<bool> {
    match parameter {
        WaterParameter::Basic(item) => match item.direction() {
            Direction::AtMost => Some(later > earlier),
            Direction::AtLeast => Some(later < earlier),
            Direction::Range | Direction::ChangeOnly => None,
        },
        WaterParameter::Conductivity
        | WaterParameter::Turbidity
        | WaterParameter::Chlorophyll
        | WaterParameter::AlgalDensity => Some(later > earlier),
    }
}

/// Rule 2 — 突变: `|value − previous| ≥ ratio × previous`, the later value worse. Readings are
/// grouped by section and parameter and ordered by time; each is compared with the reading just
/// before it. A previous value of zero gives no ratio and is skipped.
pub(super) fn sudden_change<'a>(
    readings: &'a [WaterSample],
    ratio: Decimal,
    out: &mut Vec<Finding<'a>>,
) {
    let mut series: BTreeMap<(&str, WaterParameter), Vec<&WaterSample>> = BTreeMap::new();
    for s in readings {
        series
            .entry((s.section.as_str(), s.parameter))
            .or_default()
            .push(s);
    }
    for list in series.values_mut() {
        list.sort_by_key(|s| s.time);
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.time == b.time || a.value.is_below_detection() || b.value.is_below_detection() {
                continue;
            }
            let (earlier, later) = (a.value.value(), b.value.value());
            if earlier <= Decimal::ZERO || worse(b.parameter, earlier, later) != Some(true) {
                continue;
            }
            let change = (later - earlier).abs();
            if change < ratio * earlier {
                continue;
            }
            let Some(r) = change.checked_div(earlier) else {
                continue;
            };
            let direction = if later > earlier { "上升" } else { "下降" };
            out.push(Finding {
                key: AlertKey::new(
                    AlertRule::SuddenChange,
                    &b.section,
                    b.parameter,
                    b.time,
                    &b.value,
                ),
                rule: AlertRule::SuddenChange,
                sample: b,
                detail: AlertDetail::SuddenChange {
                    previous: a.value,
                    previous_time: a.time,
                    ratio: r,
                },
                message: format!(
                    "{} {} {} {}，较上次（{} {}）{direction}{}%，达到突变比例{}%",
                    b.section,
                    when(b.time),
                    b.parameter.name(),
                    b.value,
                    when(a.time),
                    a.value,
                    percent(r),
                    percent(ratio)
                ),
            });
        }
    }
}

/// Rule 3 — 水华预警, on the watched sections in season: algal density at `min_level` or worse
/// (HJ 1098-2020 grading through standards' `BloomLevel::of_density`), or chlorophyll-a (mg/L,
/// converted to µg/L) at or above the threshold. The message notes when the section's density and
/// chlorophyll-a at the same time meet the cyanobacterial-bloom definition (standards.md §7).
pub(super) fn bloom_watch<'a>(
    readings: &'a [WaterSample],
    watch: &BloomWatch,
    out: &mut Vec<Finding<'a>>,
) {
    let thousand = Decimal::ONE_THOUSAND;
    let counterpart = |s: &WaterSample, p: WaterParameter| {
        readings
            .iter()
            .find(|o| o.section == s.section && o.time == s.time && o.parameter == p)
            .filter(|o| !o.value.is_below_detection())
            .map(|o| o.value.value())
    };
    let season = format!("水华预警期{}至{}", watch.season_start, watch.season_end);
    for s in readings {
        if s.value.is_below_detection()
            || !watch.sections.contains(&s.section)
            || !watch.in_season(s.time.date())
        {
            continue;
        }
        let v = s.value.value();
        // (level, chlorophyll µg/L of the detail, text, chlorophyll µg/L and density at this time)
        let (level, chl_ug, text, pair) = match s.parameter {
            WaterParameter::AlgalDensity => {
                let Ok(level) = BloomLevel::of_density(v) else {
                    continue;
                };
                if level < watch.min_level {
                    continue;
                }
                let text = format!(
                    "藻密度 {v} 个/L，{}{}（HJ 1098-2020）",
                    level.label(),
                    level.name()
                );
                let chl = counterpart(s, WaterParameter::Chlorophyll).map(|c| c * thousand);
                (Some(level), None, text, (chl, Some(v)))
            }
            WaterParameter::Chlorophyll => {
                let ug = v * thousand;
                if ug < watch.chlorophyll_ug_per_l {
                    continue;
                }
                let text = format!(
                    "叶绿素a {} µg/L（{v} mg/L），达到阈值{} µg/L",
                    ug.normalize(),
                    watch.chlorophyll_ug_per_l.normalize()
                );
                let density = counterpart(s, WaterParameter::AlgalDensity);
                (None, Some(ug), text, (Some(ug), density))
            }
            _ => continue,
        };
        let cyanobacterial = match pair {
            (Some(c), Some(d)) => is_cyanobacterial_bloom(c, d),
            _ => false,
        };
        let definition = if cyanobacterial {
            "；同一时间叶绿素a与藻密度符合蓝藻水华定义（叶绿素a≥20 µg/L且藻密度≥1.0×10⁷个/L）"
        } else {
            ""
        };
        out.push(Finding {
            key: AlertKey::new(
                AlertRule::BloomWatch,
                &s.section,
                s.parameter,
                s.time,
                &s.value,
            ),
            rule: AlertRule::BloomWatch,
            sample: s,
            detail: AlertDetail::Bloom {
                level,
                chlorophyll_ug_per_l: chl_ug,
                cyanobacterial,
            },
            message: format!(
                "{} {} {text}，{season}{definition}",
                s.section,
                when(s.time)
            ),
        });
    }
}
