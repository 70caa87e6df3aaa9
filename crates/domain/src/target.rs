//! 主要目标 — the plan's main target indicators.

use crate::monitoring::ControlLevel;
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
    /// Computed from the city's hourly air data (HJ 663).
    Air(AirBinding),
    /// Computed from the stored water samples of the registered sections.
    Water(WaterBinding),
    /// Computed from figures the bureau enters with their source and date (填报).
    Entered(Formula),
    /// Counted from records the bureau keeps (e.g. each radioactive source disposed of).
    Records(RecordRule),
}

/// An air indicator of the plan's city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AirBinding {
    /// PM2.5 mean over the period (HJ 663).
    Pm25Mean,
    /// 优良天数比例 (HJ 663).
    GoodDaysRatio,
    /// 重污染天数 (daily AQI > 200).
    HeavyDays,
}

/// A water indicator over the registered sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaterBinding {
    /// 水质优良（Ⅰ～Ⅲ类）比例 of the sections of one control level, by the mean so far.
    GoodRatio(ControlLevel),
    /// 劣Ⅴ类比例 of the sections of one control level, by the mean so far.
    WorseThanVRatio(ControlLevel),
    /// 水功能区达标率 — the share of sections with a target class that meet it in at least the
    /// required share of their monthly assessments.
    FunctionZoneCompliance,
}

/// 计算公式 — how an entered figure becomes the indicator's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Formula {
    /// The value as entered.
    Value,
    /// 单位GDP二氧化碳排放降低率 = (1 − (CO2ₜ/GDPₜ)/(CO2ₜ₋₁/GDPₜ₋₁)) × 100 %, GDP at constant prices.
    Co2IntensityReduction,
    /// 较上年提升（个百分点）= this year's rate − last year's rate.
    IncreaseOverLastYear,
}

/// How records are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordRule {
    /// 安全处置率 = records disposed of safely ÷ records concluded × 100 %.
    SafeRatio,
    /// The number of records (e.g. 事故).
    Count,
}

impl Binding {
    /// Every binding a plan file may name.
    pub const ALL: [Binding; 14] = [
        Self::Air(AirBinding::Pm25Mean),
        Self::Air(AirBinding::GoodDaysRatio),
        Self::Air(AirBinding::HeavyDays),
        Self::Water(WaterBinding::GoodRatio(ControlLevel::National)),
        Self::Water(WaterBinding::WorseThanVRatio(ControlLevel::National)),
        Self::Water(WaterBinding::GoodRatio(ControlLevel::Provincial)),
        Self::Water(WaterBinding::WorseThanVRatio(ControlLevel::Provincial)),
        Self::Water(WaterBinding::GoodRatio(ControlLevel::Municipal)),
        Self::Water(WaterBinding::WorseThanVRatio(ControlLevel::Municipal)),
        Self::Water(WaterBinding::FunctionZoneCompliance),
        Self::Entered(Formula::Value),
        Self::Entered(Formula::Co2IntensityReduction),
        Self::Entered(Formula::IncreaseOverLastYear),
        Self::Records(RecordRule::SafeRatio),
    ];

    /// The code used in plan files.
    pub fn code(self) -> String {
        match self {
            Self::Air(AirBinding::Pm25Mean) => "air.pm25_mean".into(),
            Self::Air(AirBinding::GoodDaysRatio) => "air.good_days_ratio".into(),
            Self::Air(AirBinding::HeavyDays) => "air.heavy_days".into(),
            Self::Water(WaterBinding::GoodRatio(l)) => format!("water.{}_good_ratio", l.code()),
            Self::Water(WaterBinding::WorseThanVRatio(l)) => {
                format!("water.{}_worse_than_v_ratio", l.code())
            }
            Self::Water(WaterBinding::FunctionZoneCompliance) => {
                "water.function_zone_compliance".into()
            }
            Self::Entered(Formula::Value) => "entered.value".into(),
            Self::Entered(Formula::Co2IntensityReduction) => {
                "entered.co2_intensity_reduction".into()
            }
            Self::Entered(Formula::IncreaseOverLastYear) => {
                "entered.increase_over_last_year".into()
            }
            Self::Records(RecordRule::SafeRatio) => "records.safe_ratio".into(),
            Self::Records(RecordRule::Count) => "records.count".into(),
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([Self::Records(RecordRule::Count)])
            .find(|b| b.code() == code)
    }

    /// Every code, for error messages (a test keeps it equal to the codes above).
    pub const CODES: &'static str = "air.pm25_mean, air.good_days_ratio, air.heavy_days, \
water.national_good_ratio, water.national_worse_than_v_ratio, water.provincial_good_ratio, \
water.provincial_worse_than_v_ratio, water.municipal_good_ratio, \
water.municipal_worse_than_v_ratio, water.function_zone_compliance, entered.value, \
entered.co2_intensity_reduction, entered.increase_over_last_year, records.safe_ratio, \
records.count";
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
        for b in Binding::ALL {
            assert_eq!(Binding::from_code(&b.code()), Some(b), "{}", b.code());
        }
        assert_eq!(
            Binding::from_code("records.count"),
            Some(Binding::Records(RecordRule::Count))
        );
        assert_eq!(Binding::from_code("air.pm10_mean"), None);
        let listed: Vec<String> = Binding::ALL
            .into_iter()
            .chain([Binding::Records(RecordRule::Count)])
            .map(Binding::code)
            .collect();
        assert_eq!(Binding::CODES, listed.join(", "));
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
