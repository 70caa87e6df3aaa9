//! 水质监测数据 — water sections and samples as the system stores them.

use crate::monitoring::{ControlLevel, DataStage};
use ecogov_standards::water::{Item, Measurement, WaterBody, WaterClass};
use jiff::civil::DateTime;
use std::str::FromStr;

/// 监测参数 — a parameter of a water sample: a GB 3838-2002 表1 item, or one of the extra
/// parameters automatic stations report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WaterParameter {
    /// A GB 3838-2002 表1 basic item.
    Basic(Item),
    /// 电导率 (μS/cm).
    Conductivity,
    /// 浊度 (NTU).
    Turbidity,
    /// 叶绿素a (mg/L as exported by automatic stations).
    Chlorophyll,
    /// 藻密度 (cells/L).
    AlgalDensity,
}

impl WaterParameter {
    /// A stable code for the database: the item's code for basic items.
    pub fn code(self) -> String {
        match self {
            Self::Basic(item) => item.code().to_string(),
            Self::Conductivity => "conductivity".into(),
            Self::Turbidity => "turbidity".into(),
            Self::Chlorophyll => "chlorophyll_a".into(),
            Self::AlgalDensity => "algal_density".into(),
        }
    }

    /// The Chinese name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Basic(item) => item.name(),
            Self::Conductivity => "电导率",
            Self::Turbidity => "浊度",
            Self::Chlorophyll => "叶绿素a",
            Self::AlgalDensity => "藻密度",
        }
    }
}

/// An unknown parameter name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的监测参数“{0}” (unknown water parameter)")]
pub struct UnknownParameter(pub String);

impl FromStr for WaterParameter {
    type Err = UnknownParameter;

    /// Accepts a code, a Chinese name, or an export header with its unit (`电导率(μS/cm)`,
    /// `叶绿素α(mg/L)`, `氨氮(mg/L)`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bare = t.split(['(', '（']).next().unwrap_or(t).trim();
        match bare {
            "conductivity" | "电导率" => return Ok(Self::Conductivity),
            "turbidity" | "浊度" => return Ok(Self::Turbidity),
            "chlorophyll_a" | "叶绿素a" | "叶绿素α" | "叶绿素" => {
                return Ok(Self::Chlorophyll);
            }
            "algal_density" | "藻密度" => return Ok(Self::AlgalDensity),
            _ => {}
        }
        Item::from_str(t)
            .map(Self::Basic)
            .map_err(|_| UnknownParameter(s.to_string()))
    }
}

/// 采样方式 — automatic station or manual sampling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleSource {
    /// 自动监测站.
    Automatic,
    /// 手工监测.
    Manual,
}

impl SampleSource {
    /// The database code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Manual => "manual",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "automatic" => Some(Self::Automatic),
            "manual" => Some(Self::Manual),
            _ => None,
        }
    }
}

/// One measured value of one parameter at one section and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaterSample {
    /// 断面名称.
    pub section: String,
    /// 监测时间 (Beijing time).
    pub time: DateTime,
    /// The parameter.
    pub parameter: WaterParameter,
    /// The value, with its qualifier (`0.01L` is below the detection limit, not zero).
    pub value: Measurement,
    /// Automatic or manual.
    pub source: SampleSource,
    /// Real-time or audited.
    pub stage: DataStage,
}

/// 监测断面 — a water monitoring section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaterSection {
    /// 断面名称, unique.
    pub name: String,
    /// 所在河流或湖库.
    pub water: String,
    /// 流域.
    pub basin: String,
    /// River or lake/reservoir (decides the TP limits, GB 3838-2002 表1 注).
    pub body: WaterBody,
    /// 控制级别.
    pub level: ControlLevel,
    /// 水质目标.
    pub target: Option<WaterClass>,
    /// 责任区镇街道 — the district answerable for the section.
    pub district: Option<String>,
    /// 上游 (for a cross-boundary section: the district upstream).
    pub upstream: Option<String>,
    /// 下游.
    pub downstream: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_from_export_headers() {
        assert_eq!("电导率(μS/cm)".parse(), Ok(WaterParameter::Conductivity));
        assert_eq!("叶绿素α(mg/L)".parse(), Ok(WaterParameter::Chlorophyll));
        assert_eq!("藻密度(cells/L)".parse(), Ok(WaterParameter::AlgalDensity));
        assert_eq!(
            "氨氮(mg/L)".parse(),
            Ok(WaterParameter::Basic(Item::from_str("氨氮").expect("item")))
        );
        assert!("水色".parse::<WaterParameter>().is_err());
        for p in [
            WaterParameter::Conductivity,
            WaterParameter::Basic(Item::from_str("总磷").expect("tp")),
        ] {
            assert_eq!(p.code().parse(), Ok(p));
        }
    }
}
