//! 水质自动站预警 — alerts raised by rules run on automatic-station water readings.
//!
//! Three rules ([`AlertRule`]):
//!
//! 1. 超过水质目标 — a value whose GB 3838-2002 表1 single-item class is worse than the section's
//!    target class (only the 21 evaluated items of 环办〔2011〕22号, standards.md §5.1);
//! 2. 突变 — `|value − previous| ≥ ratio × previous` (default 50 %) for the same section and
//!    parameter, the later value worse than the earlier one;
//! 3. 水华预警 — during the bloom-watch season (default 1 January–30 April) on the configured
//!    sections: algal density at HJ 1098-2020 Ⅲ级 (轻度水华, ≥ 1.0×10⁷ cells/L) or worse, or
//!    chlorophyll-a at or above a threshold (default 20 µg/L, the chlorophyll half of the
//!    cyanobacterial-bloom definition noted with HJ 1098-2020, standards.md §7; the unfounded
//!    30/50/100 µg/L grades are not used).
//!
//! Every alert carries a stable [`AlertKey`] built from the rule, section, parameter, time and
//! value: [`evaluate`] returns only alerts whose key is neither in the set already raised nor
//! repeated within the call, so re-importing or re-evaluating the same readings never raises the
//! same alert twice. Alerts name their recipients (水科 and 监测站 by default).

mod rules;

#[cfg(test)]
mod tests;

use crate::unit::UnitName;
use crate::water_data::{WaterParameter, WaterSample, WaterSection};
use ecogov_standards::water::bloom::BloomLevel;
use ecogov_standards::water::{Measurement, WaterClass};
use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::fmt;

/// 预警规则 — which rule raised an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AlertRule {
    /// 超过水质目标 — single-item class worse than the section's target.
    ExceedsTarget,
    /// 突变 — a sudden change for the worse.
    SuddenChange,
    /// 水华预警 — algal density or chlorophyll-a in the bloom-watch season.
    BloomWatch,
}

impl AlertRule {
    /// A stable code for the database and the dedup key.
    pub fn code(self) -> &'static str {
        match self {
            Self::ExceedsTarget => "exceeds_target",
            Self::SuddenChange => "sudden_change",
            Self::BloomWatch => "bloom_watch",
        }
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::ExceedsTarget => "超过水质目标",
            Self::SuddenChange => "水质突变",
            Self::BloomWatch => "水华预警",
        }
    }
}

/// 去重键 — the stable identity of an alert: `rule|section|parameter|time|value`, e.g.
/// `exceeds_target|黄家场|NH3-N|2023-05-01T08:00:00|1.62`. The value is normalised (`1.50` and `1.5`
/// give the same key) and a non-detect keeps its `L`. Store it as text; a revised value at the same
/// time is a new key and may raise a new alert.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlertKey(String);

impl AlertKey {
    fn new(
        rule: AlertRule,
        section: &str,
        parameter: WaterParameter,
        time: DateTime,
        value: &Measurement,
    ) -> Self {
        let v = match value.qualifier() {
            ecogov_standards::water::Qualifier::Valid => value.value().normalize().to_string(),
            ecogov_standards::water::Qualifier::BelowDetection { limit } => {
                format!("{}L", limit.normalize())
            }
        };
        Self(format!(
            "{}|{}|{}|{}|{}",
            rule.code(),
            section,
            parameter.code(),
            time,
            v
        ))
    }

    /// A key read back from storage.
    pub fn from_stored(text: &str) -> Self {
        Self(text.to_string())
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AlertKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 月日 — a day of the year without the year, for seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    month: i8,
    day: i8,
}

impl MonthDay {
    /// A month and day that exist in some year (29 February is allowed).
    pub fn new(month: i8, day: i8) -> Result<Self, AlertConfigError> {
        if Date::new(2024, month, day).is_err() {
            return Err(AlertConfigError::BadMonthDay { month, day });
        }
        Ok(Self { month, day })
    }

    /// The month and day of a date.
    pub fn of(date: Date) -> Self {
        Self {
            month: date.month(),
            day: date.day(),
        }
    }
}

impl fmt::Display for MonthDay {
    /// `1月1日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}月{}日", self.month, self.day)
    }
}

/// 水华预警设置 — where and when rule 3 runs, and its chlorophyll threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BloomWatch {
    /// 断面 — the sections watched (names as in the section registry).
    pub sections: Vec<String>,
    /// 起 — first day of the season (inclusive).
    pub season_start: MonthDay,
    /// 止 — last day of the season (inclusive); a season may run over New Year (`11-01`…`03-31`).
    pub season_end: MonthDay,
    /// 叶绿素a 阈值 in µg/L (default 20: the cyanobacterial-bloom definition noted with HJ
    /// 1098-2020, standards.md §7). Stations export chlorophyll-a in mg/L
    /// ([`WaterParameter::Chlorophyll`]); readings are converted (× 1000) before comparison.
    pub chlorophyll_ug_per_l: Decimal,
    /// The HJ 1098-2020 density level from which an alert is raised (default Ⅲ级 轻度水华).
    pub min_level: BloomLevel,
}

impl BloomWatch {
    /// Whether `date` lies in the season.
    pub fn in_season(&self, date: Date) -> bool {
        let md = MonthDay::of(date);
        if self.season_start <= self.season_end {
            self.season_start <= md && md <= self.season_end
        } else {
            md >= self.season_start || md <= self.season_end
        }
    }
}

/// 预警设置 — the parameters of the three rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertConfig {
    /// 突变比例 — rule 2 ratio (default 0.5 = 50 %).
    pub change_ratio: Decimal,
    /// Rule 3 settings.
    pub bloom: BloomWatch,
    /// 接收单位 — who receives every alert (default 水科, 监测站).
    pub recipients: Vec<UnitName>,
}

impl Default for AlertConfig {
    /// 50 %; bloom watch 1 January–30 April, no section, 20 µg/L, Ⅲ级; 水科 and 监测站.
    fn default() -> Self {
        Self {
            change_ratio: Decimal::new(5, 1),
            bloom: BloomWatch {
                sections: Vec::new(),
                season_start: MonthDay { month: 1, day: 1 },
                season_end: MonthDay { month: 4, day: 30 },
                chlorophyll_ug_per_l: Decimal::from(20),
                min_level: BloomLevel::Light,
            },
            recipients: vec![UnitName::new("水科"), UnitName::new("监测站")],
        }
    }
}

impl AlertConfig {
    /// Checks the settings: a positive ratio and threshold, and at least one recipient.
    pub fn validate(&self) -> Result<(), AlertConfigError> {
        if self.change_ratio <= Decimal::ZERO {
            return Err(AlertConfigError::NonPositiveRatio(self.change_ratio));
        }
        if self.bloom.chlorophyll_ug_per_l <= Decimal::ZERO {
            return Err(AlertConfigError::NonPositiveThreshold(
                self.bloom.chlorophyll_ug_per_l,
            ));
        }
        if self.recipients.is_empty() {
            return Err(AlertConfigError::NoRecipient);
        }
        Ok(())
    }
}

/// Why alert settings are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlertConfigError {
    /// A change ratio of zero or below.
    #[error("突变比例须为正数 (change ratio must be positive): {0}")]
    NonPositiveRatio(Decimal),
    /// A chlorophyll threshold of zero or below.
    #[error("叶绿素a阈值须为正数 (chlorophyll-a threshold must be positive): {0}")]
    NonPositiveThreshold(Decimal),
    /// No recipient.
    #[error("预警须至少有一个接收单位 (at least one recipient)")]
    NoRecipient,
    /// A month and day that do not exist.
    #[error("日期 {month}月{day}日 不存在 (no such month and day)")]
    BadMonthDay {
        /// The month given.
        month: i8,
        /// The day given.
        day: i8,
    },
}

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertDetail {
    /// Rule 1.
    ExceedsTarget {
        /// The value's single-item class (GB 3838-2002 表1).
        class: WaterClass,
        /// The section's target.
        target: WaterClass,
    },
    /// Rule 2.
    SuddenChange {
        /// The earlier reading.
        previous: Measurement,
        /// Its time.
        previous_time: DateTime,
        /// `|value − previous| / previous`, unrounded.
        ratio: Decimal,
    },
    /// Rule 3.
    Bloom {
        /// The HJ 1098-2020 level, for a density reading.
        level: Option<BloomLevel>,
        /// Chlorophyll-a in µg/L, for a chlorophyll reading.
        chlorophyll_ug_per_l: Option<Decimal>,
        /// Whether the section's density and chlorophyll-a at this time together meet the
        /// cyanobacterial-bloom definition (Chl-a ≥ 20 µg/L and density ≥ 1.0×10⁷ cells/L).
        cyanobacterial: bool,
    },
}

/// 预警 — one alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaterAlert {
    /// Dedup key.
    pub key: AlertKey,
    /// The rule.
    pub rule: AlertRule,
    /// 断面.
    pub section: String,
    /// The parameter.
    pub parameter: WaterParameter,
    /// 监测时间.
    pub time: DateTime,
    /// The value.
    pub value: Measurement,
    /// What the rule found.
    pub detail: AlertDetail,
    /// 预警内容 — the message in Chinese.
    pub message: String,
    /// 接收单位.
    pub recipients: Vec<UnitName>,
}

/// Runs the three rules over `readings` and returns the alerts not yet raised.
///
/// `sections` gives each section's target class and water body (a section not in it is judged as
/// a river without target: rule 1 skips it). Rule 2 compares each reading with the one before it
/// for the same section and parameter **in `readings`**: pass the last reading before the new ones
/// too. Alerts whose key is in `already_raised`, or repeated within `readings`, are left out.
/// Results are ordered by time, section, rule and parameter.
pub fn evaluate(
    readings: &[WaterSample],
    sections: &[WaterSection],
    config: &AlertConfig,
    already_raised: &HashSet<AlertKey>,
) -> Result<Vec<WaterAlert>, AlertConfigError> {
    config.validate()?;
    let mut found = Vec::new();
    rules::exceeds_target(readings, sections, &mut found);
    rules::sudden_change(readings, config.change_ratio, &mut found);
    rules::bloom_watch(readings, &config.bloom, &mut found);
    let mut seen: HashSet<AlertKey> = HashSet::new();
    let mut out: Vec<WaterAlert> = found
        .into_iter()
        .filter(|f| !already_raised.contains(&f.key) && seen.insert(f.key.clone()))
        .map(|f| WaterAlert {
            key: f.key,
            rule: f.rule,
            section: f.sample.section.clone(),
            parameter: f.sample.parameter,
            time: f.sample.time,
            value: f.sample.value,
            detail: f.detail,
            message: f.message,
            recipients: config.recipients.clone(),
        })
        .collect();
    out.sort_by(|a, b| {
        (a.time, &a.section, a.rule, a.parameter).cmp(&(b.time, &b.section, b.rule, b.parameter))
    });
    Ok(out)
}

/// A rule's finding before recipients are attached.
struct Finding<'a> {
    key: AlertKey,
    rule: AlertRule,
    sample: &'a WaterSample,
    detail: AlertDetail,
    message: String,
}
