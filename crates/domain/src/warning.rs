//! 重污染天气预警 — heavy-pollution weather warnings from the forecast daily AQI
//! (standards.md §6).
//!
//! - [`Forecast`]: one forecast day (日期, AQI 范围, 首要污染物); decisions read one end of the
//!   range, the upper bound by default ([`RangeBound`]).
//! - [`WarningScheme`]: 预警分级 as data — levels with conditions ("AQI>200 持续≥3天且 AQI>300
//!   至少1天"). Two schemes ship: the 2017 four-level scheme ([`WarningScheme::mep_2017`]) and the
//!   2018 three-level scheme ([`WarningScheme::guidance_2018`]). The versions found differ, so the
//!   bureau may build its own (standards.md §6: "make the thresholds configurable").
//! - [`level_for`] / [`assess`]: the level a forecast window calls for, with its reason text.
//! - [`WarningState`], [`step`], [`WarningLog`]: 发布 / 升级 / 降级 / 解除, each with its reason.
//! - [`MeasureTable`]: 应急措施 per level, as data (the shipped lists are examples).
//!
//! ## Run semantics
//!
//! A decision looks at a window of forecast days, consecutive and starting today. The
//! **episode** (过程) is the leading run of days whose AQI meets the scheme's onset threshold
//! (AQI > 200 in both shipped schemes), counted from the first forecast day: a window
//! `[250, 260, 150, 320]` has a 2-day episode, and the day of 320 after the break belongs to a
//! later episode, judged when the window starts on it. Every condition is evaluated over the
//! episode only:
//!
//! - "持续 N 天" (N × 24 小时: 48 h = 2 days, 72 h = 3 days, 96 h = 4 days) — at least N
//!   consecutive episode days meet the threshold;
//! - "至少 N 天" — at least N episode days meet it, consecutive or not.
//!
//! A level applies when any one of its condition groups holds in full; the levels are tried from
//! the most severe down and the first that applies is the answer, so each level applies "only when
//! no higher level is met" (standards.md §6). A window that starts on a clean day calls for no
//! warning, whatever follows: to warn ahead of an episode, pass the window starting on the
//! episode's first forecast day.
//!
//! Pure: dates are parameters, there is no clock.

mod assess;
mod condition;
mod forecast;
mod lifecycle;
mod measures;
mod scheme;

#[cfg(test)]
mod golden_tests;

pub use assess::{Assessment, assess, level_for};
pub use condition::{AqiThreshold, Condition, Level};
pub use forecast::{Forecast, RangeBound};
pub use lifecycle::{EventKind, Step, WarningEvent, WarningLog, WarningState, step};
pub use measures::{Measure, MeasureKind, MeasureTable};
pub use scheme::{LevelRule, WarningScheme};

use jiff::civil::Date;

/// 最大 AQI — the top of the IAQI tables (HJ 633-2012 表1, HJ 633-2026 表3); an AQI is an integer
/// 0…500 after 进位取整, which is why AQI values here are `u16` rather than `Decimal`.
pub const AQI_MAX: u16 = 500;

/// Why a forecast, a scheme or a lifecycle step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarningError {
    /// The forecast range is upside down.
    #[error("{date} 预测AQI下限 {low} 大于上限 {high} (forecast AQI low above high)")]
    RangeInverted {
        /// The forecast day.
        date: Date,
        /// The lower bound given.
        low: u16,
        /// The upper bound given.
        high: u16,
    },
    /// An AQI above 500, the top of the IAQI tables.
    #[error("{date} 预测AQI {aqi} 超过 500，AQI 上限为 500 (AQI above 500)")]
    AqiAboveMax {
        /// The forecast day.
        date: Date,
        /// The value given.
        aqi: u16,
    },
    /// The forecast days are not consecutive calendar days in order.
    #[error(
        "预测日期须为逐日连续：{previous} 之后应为次日，实为 {found} (forecast days must be consecutive)"
    )]
    NotConsecutive {
        /// The day before.
        previous: Date,
        /// The day found after it.
        found: Date,
    },
    /// A scheme without levels.
    #[error("预警方案“{0}”没有任何等级 (scheme has no level)")]
    EmptyScheme(String),
    /// A level given twice in a scheme.
    #[error("预警方案中{0}重复 (level given twice)")]
    DuplicateLevel(Level),
    /// A level whose conditions are empty (it would always or never apply).
    #[error("{0}没有条件，或某组条件为空 (level has an empty condition group)")]
    EmptyCondition(Level),
    /// A condition over zero days.
    #[error("{0}的条件天数须至少为 1 (condition days must be at least 1)")]
    ZeroDays(Level),
    /// A lifecycle step without a reason.
    #[error("预警发布、调整或解除须写明理由 (a reason is required)")]
    ReasonRequired,
    /// A lifecycle step dated before the warning's last change.
    #[error("{date} 早于预警上次变更日期 {last} (step dated before the last change)")]
    DateBeforeLastChange {
        /// The step's date.
        date: Date,
        /// The date of the last change.
        last: Date,
    },
}
