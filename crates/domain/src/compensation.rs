//! 横向生态补偿 — cross-boundary (upstream/downstream) eco-compensation agreements as data, their
//! monthly evaluation and their settlement (standards.md §8).
//!
//! - [`Agreement`]: parties, boundary sections, factors (COD, 氨氮, 总磷 by default), target class,
//!   assessment period and [`AmountRule`] — a fixed amount beyond class thresholds (高桥河), an
//!   amount per class step (黄河 豫鲁), or `base × (1 + 超标倍数)` by band (周口). The formulas
//!   themselves are the standards crate's (`ecogov_standards::water::compensation`).
//! - [`AssessmentPeriod`]: `2023-05`, `2023-Q2`, `2023`.
//! - [`evaluate_month`]: one section's month → class, exceedance multiples, amount, reason.
//! - [`settle`]: who owes whom over a period, and why, line by line.
//!
//! Amounts are in 万元. Sign: positive → the downstream pays the upstream (奖励); negative → the
//! upstream pays the downstream (赔付). The per-month formulas of 通顺河 and 四湖流域 were not
//! found (standards.md §8, §10.8) and are not shipped.

mod agreement;
mod evaluate;
mod period;
mod settle;

#[cfg(test)]
mod golden_tests;

pub use agreement::{Agreement, AmountRule, FactorAggregation, default_factors};
pub use evaluate::{AMOUNT_PLACES, Evaluation, FactorResult, evaluate};
pub use period::{AssessmentPeriod, PeriodError, PeriodKind, YearMonth};
pub use settle::{Line, MonthLine, MonthlyValues, Settlement, evaluate_month, settle};

pub use ecogov_standards::water::compensation::{ExceedanceBand, exceedance_bands_by_multiple};

use ecogov_standards::water::{Item, WaterClass};
use rust_decimal::Decimal;

/// Why an agreement, an input or a settlement is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompensationError {
    /// An agreement without id.
    #[error("协议编号不能为空 (agreement id is empty)")]
    MissingId,
    /// Missing or identical parties.
    #[error(
        "上游方“{upstream}”与下游方“{downstream}”须均已填写且不相同 (two different parties required)"
    )]
    Parties {
        /// 上游方.
        upstream: String,
        /// 下游方.
        downstream: String,
    },
    /// No section.
    #[error("协议没有考核断面 (no boundary section)")]
    NoSection,
    /// A section listed twice.
    #[error("考核断面“{0}”重复 (section listed twice)")]
    DuplicateSection(String),
    /// No factor.
    #[error("协议没有考核因子 (no factor)")]
    NoFactor,
    /// A factor listed twice.
    #[error("考核因子{0}重复 (factor listed twice)")]
    DuplicateFactor(Item),
    /// A factor without class limits, or without an exceedance multiple under a banded rule.
    #[error(
        "{0}不能作为该协议的考核因子：无类别限值或不计超标倍数 (factor has no limits or no exceedance multiple)"
    )]
    UnusableFactor(Item),
    /// A target of 劣Ⅴ.
    #[error("水质目标不能为{0}类 (target must be Ⅰ–Ⅴ)")]
    BadTarget(WaterClass),
    /// A negative amount, base or cap.
    #[error("金额不能为负数 (amount must not be negative): {0}")]
    NegativeAmount(Decimal),
    /// A banded rule without bands.
    #[error("分档规则没有任何分档 (no band)")]
    NoBand,
    /// The standards' rule refused its parameters.
    #[error("金额规则参数有误 (rule parameters refused): {0}")]
    Rule(String),
    /// A bad or unsuitable period.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// Two inputs for one section and month.
    #[error("断面“{section}” {month} 的监测值重复 (two inputs for one section and month)")]
    DuplicateInput {
        /// 断面.
        section: String,
        /// 月份.
        month: YearMonth,
    },
    /// A factor missing from a section's values.
    #[error("断面“{section}” {period} 缺少考核因子{item}的数值 (factor value missing)")]
    MissingFactor {
        /// 断面.
        section: String,
        /// The period.
        period: String,
        /// The factor.
        item: Item,
    },
    /// A negative concentration.
    #[error("断面“{section}” {period} {item}数值 {value} 为负数 (negative concentration)")]
    NegativeValue {
        /// 断面.
        section: String,
        /// The period.
        period: String,
        /// The factor.
        item: Item,
        /// The value.
        value: Decimal,
    },
}
