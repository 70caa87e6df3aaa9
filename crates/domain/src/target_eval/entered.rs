//! 填报数据 — indicators the bureau reports from figures it enters, with their source and date,
//! and the formula that turns the figures into the indicator where one exists.

use super::{Evaluation, Year, judged};
use crate::target::{Formula, TargetIndicator};
use crate::target_tracking::TrackStatus;
use rust_decimal::Decimal;

/// 填报项 — one named figure of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    /// 指标值 — the value itself.
    Value,
    /// 本年二氧化碳排放量 (万吨).
    Co2,
    /// 本年地区生产总值（可比价，亿元）.
    Gdp,
    /// 上年二氧化碳排放量 (万吨).
    Co2Previous,
    /// 上年地区生产总值（可比价，亿元）.
    GdpPrevious,
    /// 本年比率 (%).
    Rate,
    /// 上年比率 (%).
    RatePrevious,
}

impl Component {
    /// Every component.
    pub const ALL: [Component; 7] = [
        Self::Value,
        Self::Co2,
        Self::Gdp,
        Self::Co2Previous,
        Self::GdpPrevious,
        Self::Rate,
        Self::RatePrevious,
    ];

    /// The code used on the command line and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Value => "value",
            Self::Co2 => "co2",
            Self::Gdp => "gdp",
            Self::Co2Previous => "co2_prev",
            Self::GdpPrevious => "gdp_prev",
            Self::Rate => "rate",
            Self::RatePrevious => "rate_prev",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code.trim())
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Value => "指标值",
            Self::Co2 => "本年二氧化碳排放量",
            Self::Gdp => "本年地区生产总值（可比价）",
            Self::Co2Previous => "上年二氧化碳排放量",
            Self::GdpPrevious => "上年地区生产总值（可比价）",
            Self::Rate => "本年比率",
            Self::RatePrevious => "上年比率",
        }
    }
}

/// The components `formula` needs, in order.
pub fn required_components(formula: Formula) -> &'static [Component] {
    match formula {
        Formula::Value => &[Component::Value],
        Formula::Co2IntensityReduction => &[
            Component::Co2,
            Component::Gdp,
            Component::Co2Previous,
            Component::GdpPrevious,
        ],
        Formula::IncreaseOverLastYear => &[Component::Rate, Component::RatePrevious],
    }
}

/// 一次填报 — figures entered for one indicator, holding as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredFigure {
    /// The target id.
    pub target: String,
    /// 数据截止日期 — the date the figures hold for.
    pub as_of: jiff::civil::Date,
    /// The figures.
    pub components: Vec<(Component, Decimal)>,
    /// 数据来源 — e.g. 市统计局《2023年统计公报》.
    pub source: String,
    /// 填报人.
    pub entered_by: String,
    /// 填报时间 (Unix seconds).
    pub entered_at: i64,
}

/// A figure entry that cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FigureError {
    /// A component the formula needs is absent.
    #[error("缺少填报项 {label}（--{code}）(missing figure {code})")]
    Missing {
        /// Its code.
        code: &'static str,
        /// Its label.
        label: &'static str,
    },
    /// A component the formula does not use was given.
    #[error("本指标不使用填报项 {0} (figure {0} is not used by this indicator)")]
    Unused(&'static str),
    /// A divisor is zero or negative.
    #[error("{0}必须大于 0 ({0} must be positive)")]
    NotPositive(&'static str),
}

/// The indicator's value from the figures of one entry.
///
/// - [`Formula::Co2IntensityReduction`]: standards.md §9 (国家发展改革委 碳强度下降率计算方法),
///   `D = (1 − (CO2ₜ / GDPₜ) / (CO2ₜ₋₁ / GDPₜ₋₁)) × 100 %`, GDP at comparable prices.
/// - [`Formula::IncreaseOverLastYear`]: the plan's 较上年提升, in percentage points: `rateₜ − rateₜ₋₁`.
pub fn compute_figure(
    formula: Formula,
    components: &[(Component, Decimal)],
) -> Result<Decimal, FigureError> {
    let needed = required_components(formula);
    if let Some((c, _)) = components.iter().find(|(c, _)| !needed.contains(c)) {
        return Err(FigureError::Unused(c.code()));
    }
    let get = |c: Component| {
        components
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| *v)
            .ok_or(FigureError::Missing {
                code: c.code(),
                label: c.label(),
            })
    };
    match formula {
        Formula::Value => get(Component::Value),
        Formula::Co2IntensityReduction => {
            let (co2, gdp, co2p, gdpp) = (
                get(Component::Co2)?,
                get(Component::Gdp)?,
                get(Component::Co2Previous)?,
                get(Component::GdpPrevious)?,
            );
            for (v, name) in [
                (gdp, Component::Gdp.label()),
                (gdpp, Component::GdpPrevious.label()),
                (co2p, Component::Co2Previous.label()),
            ] {
                if v <= Decimal::ZERO {
                    return Err(FigureError::NotPositive(name));
                }
            }
            Ok((Decimal::ONE - (co2 / gdp) / (co2p / gdpp)) * Decimal::ONE_HUNDRED)
        }
        Formula::IncreaseOverLastYear => Ok(get(Component::Rate)? - get(Component::RatePrevious)?),
    }
}

pub(super) fn evaluate(
    target: TargetIndicator,
    formula: Formula,
    figures: &[EnteredFigure],
    year: Year,
) -> Evaluation {
    // The latest entry holding for a date in the plan year up to the as-of date.
    let latest = figures
        .iter()
        .filter(|f| f.target == target.id && f.as_of >= year.start && f.as_of <= year.as_of)
        .max_by_key(|f| (f.as_of, f.entered_at));
    let value = latest.and_then(|f| compute_figure(formula, &f.components).ok());
    let status = judged(&target, value);
    let mut e = Evaluation::blank(target, status);
    e.value = value;
    e.shown = match (latest, value) {
        (Some(f), Some(v)) => format!(
            "{}（截至 {}，{}）",
            super::format_value(&e.target, v),
            f.as_of,
            f.source
        ),
        (Some(_), None) => "填报数据不完整".to_string(),
        (None, _) => "尚未填报".to_string(),
    };
    if e.status == TrackStatus::InsufficientData {
        e.budget = Some("待科室填报本年数据".to_string());
    }
    e.trail.push(match formula {
        Formula::Value => "填报值即指标值".to_string(),
        Formula::Co2IntensityReduction => {
            "降低率 = (1 − (本年CO2 ÷ 本年GDP) ÷ (上年CO2 ÷ 上年GDP)) × 100%，GDP 按可比价"
                .to_string()
        }
        Formula::IncreaseOverLastYear => "提升 = 本年比率 − 上年比率（个百分点）".to_string(),
    });
    if let Some(f) = latest {
        let parts: Vec<String> = f
            .components
            .iter()
            .map(|(c, v)| format!("{} {}", c.label(), v.normalize()))
            .collect();
        e.trail.push(format!(
            "填报：{}；来源：{}；{} 填报",
            parts.join("，"),
            f.source,
            f.entered_by
        ));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn co2_intensity_reduction_by_hand() {
        // 2022: 500 万吨 / 800 亿元 = 0.625; 2023: 495 / 840 = 0.589285714…;
        // 1 − 0.589285714 / 0.625 = 0.057142857… → 5.714 %.
        let v = compute_figure(
            Formula::Co2IntensityReduction,
            &[
                (Component::Co2, d("495")),
                (Component::Gdp, d("840")),
                (Component::Co2Previous, d("500")),
                (Component::GdpPrevious, d("800")),
            ],
        )
        .expect("value");
        assert_eq!(v.round_dp(3), d("5.714"));
    }

    #[test]
    fn missing_unused_and_zero_figures_are_refused() {
        assert!(matches!(
            compute_figure(Formula::Co2IntensityReduction, &[(Component::Co2, d("1"))]),
            Err(FigureError::Missing { code: "gdp", .. })
        ));
        assert_eq!(
            compute_figure(Formula::Value, &[(Component::Rate, d("1"))]),
            Err(FigureError::Unused("rate"))
        );
        assert!(matches!(
            compute_figure(
                Formula::Co2IntensityReduction,
                &[
                    (Component::Co2, d("1")),
                    (Component::Gdp, d("0")),
                    (Component::Co2Previous, d("1")),
                    (Component::GdpPrevious, d("1")),
                ]
            ),
            Err(FigureError::NotPositive(_))
        ));
        assert_eq!(
            compute_figure(
                Formula::IncreaseOverLastYear,
                &[
                    (Component::Rate, d("41.5")),
                    (Component::RatePrevious, d("35"))
                ]
            ),
            Ok(d("6.5"))
        );
    }

    #[test]
    fn codes_round_trip() {
        for c in Component::ALL {
            assert_eq!(Component::from_code(c.code()), Some(c));
        }
    }
}
