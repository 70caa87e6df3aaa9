//! 主要目标 — the plan's main target indicators.

use rust_decimal::Decimal;

/// 目标领域 — the eight areas of the plan's 主要目标, in the plan's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetArea {
    /// 水环境
    Water,
    /// 环境空气
    Air,
    /// 土壤环境
    Soil,
    /// 自然生态
    Ecology,
    /// 应对气候变化
    Climate,
    /// 固体废物污染防治
    SolidWaste,
    /// 污染物总量控制
    EmissionTotals,
    /// 核与辐射安全
    Radiation,
}

impl TargetArea {
    /// All areas in the plan's order.
    pub const ALL: [TargetArea; 8] = [
        Self::Water,
        Self::Air,
        Self::Soil,
        Self::Ecology,
        Self::Climate,
        Self::SolidWaste,
        Self::EmissionTotals,
        Self::Radiation,
    ];

    /// The code used in plan files, JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Air => "air",
            Self::Soil => "soil",
            Self::Ecology => "ecology",
            Self::Climate => "climate",
            Self::SolidWaste => "solid_waste",
            Self::EmissionTotals => "emission_totals",
            Self::Radiation => "radiation",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The Chinese heading, as in the plan.
    pub fn label(self) -> &'static str {
        match self {
            Self::Water => "水环境",
            Self::Air => "环境空气",
            Self::Soil => "土壤环境",
            Self::Ecology => "自然生态",
            Self::Climate => "应对气候变化",
            Self::SolidWaste => "固体废物污染防治",
            Self::EmissionTotals => "污染物总量控制",
            Self::Radiation => "核与辐射安全",
        }
    }
}

/// 比较方式 — how an indicator's value is compared with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// 不低于 (≥)
    AtLeast,
    /// 不高于 (≤)
    AtMost,
    /// 等于 (=)
    Equal,
    /// 定性目标 — a qualitative aim with no number (e.g. 生态保护红线监管稳定运行).
    Qualitative,
}

impl Comparator {
    /// The code used in plan files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::AtLeast => "ge",
            Self::AtMost => "le",
            Self::Equal => "eq",
            Self::Qualitative => "qualitative",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::AtLeast, Self::AtMost, Self::Equal, Self::Qualitative]
            .into_iter()
            .find(|c| c.code() == code)
    }

    /// The symbol shown before a threshold.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::AtMost => "≤",
            Self::Equal => "=",
            Self::Qualitative => "",
        }
    }

    /// Whether `value` meets `threshold` under this comparator (`None` for a qualitative aim).
    pub fn holds(self, value: Decimal, threshold: Decimal) -> Option<bool> {
        match self {
            Self::AtLeast => Some(value >= threshold),
            Self::AtMost => Some(value <= threshold),
            Self::Equal => Some(value == threshold),
            Self::Qualitative => None,
        }
    }
}

/// 目标来源 — who sets an indicator's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThresholdSource {
    /// 本计划明确 — the plan states the number.
    Plan,
    /// 省下达 — the province hands it down; the bureau fills it in once known.
    Province,
    /// 无数值 — a qualitative aim.
    None,
}

impl ThresholdSource {
    /// The code used in plan files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Province => "province",
            Self::None => "none",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Plan, Self::Province, Self::None]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// 目标指标 — one indicator of the 主要目标.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetIndicator {
    /// A stable identifier (e.g. `air-pm25-annual-mean`).
    pub id: String,
    /// The area it belongs to.
    pub area: TargetArea,
    /// 指标 — what is measured, in Chinese.
    pub measure: String,
    /// The plan's sentence the indicator comes from, verbatim.
    pub text: String,
    /// How the value is compared with the threshold.
    pub comparator: Comparator,
    /// 目标值 — the threshold; `None` until set (省下达) or for a qualitative aim.
    pub threshold: Option<Decimal>,
    /// 单位 — the unit of the value (`%`, `μg/m³`, `天`, `个百分点` …), if any.
    pub unit: Option<String>,
    /// Who sets the threshold.
    pub source: ThresholdSource,
    /// 口径 — the basis when it is not the plain value (e.g. `较上年提升`).
    pub basis: Option<String>,
    /// How the system computes the indicator from stored data, where it can.
    pub binding: Option<Binding>,
}

/// 指标计算来源 — the computation an indicator is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Binding {
    /// PM2.5 mean over the period for the plan's city (HJ 663).
    AirPm25Mean,
    /// 优良天数比例 for the plan's city (HJ 663).
    AirGoodDaysRatio,
    /// 重污染天数 (daily AQI > 200) for the plan's city.
    AirHeavyDays,
}

impl Binding {
    /// The code used in plan files.
    pub fn code(self) -> &'static str {
        match self {
            Self::AirPm25Mean => "air.pm25_mean",
            Self::AirGoodDaysRatio => "air.good_days_ratio",
            Self::AirHeavyDays => "air.heavy_days",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::AirPm25Mean,
            Self::AirGoodDaysRatio,
            Self::AirHeavyDays,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }
}

impl TargetIndicator {
    /// The threshold as shown: `≥ 90 %`, `目标未设定` (province, not yet set) or `定性目标`.
    pub fn threshold_label(&self) -> String {
        match (self.comparator, self.threshold) {
            (Comparator::Qualitative, _) => "定性目标".to_string(),
            (_, None) => "目标未设定".to_string(),
            (c, Some(t)) => {
                let unit = self.unit.as_deref().unwrap_or("");
                let basis = self
                    .basis
                    .as_deref()
                    .map(|b| format!("{b} "))
                    .unwrap_or_default();
                format!("{basis}{} {}{}", c.symbol(), t.normalize(), unit)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in TargetArea::ALL {
            assert_eq!(TargetArea::from_code(a.code()), Some(a));
        }
        for c in [
            Comparator::AtLeast,
            Comparator::AtMost,
            Comparator::Equal,
            Comparator::Qualitative,
        ] {
            assert_eq!(Comparator::from_code(c.code()), Some(c));
        }
    }

    #[test]
    fn comparator_holds() {
        let (a, b) = (Decimal::from(90), Decimal::from(91));
        assert_eq!(Comparator::AtLeast.holds(b, a), Some(true));
        assert_eq!(Comparator::AtMost.holds(b, a), Some(false));
        assert_eq!(Comparator::Equal.holds(a, a), Some(true));
        assert_eq!(Comparator::Qualitative.holds(a, a), None);
    }
}
