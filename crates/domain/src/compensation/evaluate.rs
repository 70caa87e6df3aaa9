//! 考核评价 — one section's values for one period (a month's values, or the period means)
//! turned into a class, exceedance multiples, an amount and the reason in words.

use super::CompensationError;
use super::agreement::{Agreement, AmountRule, FactorAggregation};
use ecogov_standards::rounding::gb8170;
use ecogov_standards::water::compensation::{
    ExceedanceBand, banded_exceedance_amount, class_step_amount, class_steps,
};
use ecogov_standards::water::gb3838::classify_value;
use ecogov_standards::water::section::exceedance_multiple;
use ecogov_standards::water::{Item, Measurement, WaterClass};
use rust_decimal::Decimal;

/// 金额精度 — amounts (万元) are rounded once to 4 decimal places (1 元), GB/T 8170-2008 §3.3.
/// standards.md §8 gives no rounding rule for compensation amounts; this is ecogov's choice.
pub const AMOUNT_PLACES: u32 = 4;

/// 因子结果 — one factor of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactorResult {
    /// The factor.
    pub item: Item,
    /// The value assessed (a month's value, or the period mean), unrounded.
    pub value: Decimal,
    /// Its GB 3838-2002 表1 class.
    pub class: WaterClass,
    /// 超标倍数 over the agreement's target class, unrounded; `None` when within it.
    pub exceedance: Option<Decimal>,
}

/// 评价结果 — one section over one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Each factor, in the agreement's order.
    pub factors: Vec<FactorResult>,
    /// 水质类别 — the worst factor class (single-factor method, 环办〔2011〕22号; standards.md §5.2).
    pub class: WaterClass,
    /// Classes better (positive) or worse (negative) than the target.
    pub steps: i64,
    /// 金额 (万元), signed: positive → downstream pays upstream; negative → upstream pays
    /// downstream; zero when not counted (see [`Evaluation::counted`]).
    pub amount: Decimal,
    /// Whether the amount counts (a month of an agreement assessed by quarter or year is shown
    /// for its class only).
    pub counted: bool,
    /// 说明 — the reason in words.
    pub reason: String,
}

fn shown(v: Decimal) -> String {
    gb8170(v, 3).normalize().to_string()
}

fn multiple(v: Decimal) -> String {
    format!("{:.2}", gb8170(v, 2))
}

/// Words for a signed amount: `下游向上游补偿12万元`, `上游向下游赔付12万元`, `0万元`.
pub(super) fn amount_words(amount: Decimal) -> String {
    let a = amount.abs().normalize();
    if amount > Decimal::ZERO {
        format!("下游向上游补偿{a}万元")
    } else if amount < Decimal::ZERO {
        format!("上游向下游赔付{a}万元")
    } else {
        "0万元".to_string()
    }
}

fn band_for(m: Decimal, bands: &[ExceedanceBand]) -> Option<&ExceedanceBand> {
    bands
        .iter()
        .find(|b| m > b.lower && b.upper.is_none_or(|u| m <= u))
}

/// Evaluates `values` (factor → concentration, mg/L) of `section` for the period `label`.
/// With `counted` false the amount is left at zero (class and exceedance only).
///
/// Every factor of the agreement must be present; other items are ignored.
pub fn evaluate(
    agreement: &Agreement,
    section: &str,
    label: &str,
    values: &[(Item, Decimal)],
    counted: bool,
) -> Result<Evaluation, CompensationError> {
    let mut factors = Vec::new();
    for &item in &agreement.factors {
        let Some(&(_, value)) = values.iter().find(|(i, _)| *i == item) else {
            return Err(CompensationError::MissingFactor {
                section: section.to_string(),
                period: label.to_string(),
                item,
            });
        };
        let negative = || CompensationError::NegativeValue {
            section: section.to_string(),
            period: label.to_string(),
            item,
            value,
        };
        let m = Measurement::valid(value).map_err(|_| negative())?;
        let class = classify_value(item, agreement.body, value).map_err(|_| negative())?;
        let exceedance = exceedance_multiple(item, agreement.body, &m, agreement.target);
        factors.push(FactorResult {
            item,
            value,
            class,
            exceedance,
        });
    }
    let class = factors
        .iter()
        .map(|f| f.class)
        .max()
        .unwrap_or(WaterClass::I);
    let steps = class_steps(class, agreement.target);
    let (raw, rule_words) = if counted {
        amount(agreement, class, steps, &factors)?
    } else {
        (
            Decimal::ZERO,
            format!("按{}考核，月度结果不计金额", agreement.assessment),
        )
    };
    let amount = gb8170(raw, AMOUNT_PLACES);
    let values_text: Vec<String> = factors
        .iter()
        .map(|f| format!("{} {}", f.item.name(), shown(f.value)))
        .collect();
    let relation = match steps {
        0 => "达到目标".to_string(),
        s if s > 0 => format!("优于目标{s}个类别"),
        s => format!("劣于目标{}个类别", -s),
    };
    let mut reason = format!(
        "{section} {label}：{}（mg/L）→ {}类（目标{}类，{relation}）；{rule_words}",
        values_text.join("、"),
        class.symbol(),
        agreement.target.symbol()
    );
    if counted {
        reason.push_str(&format!("；本期{}", amount_words(amount)));
    }
    Ok(Evaluation {
        factors,
        class,
        steps,
        amount,
        counted,
        reason,
    })
}

/// The raw (unrounded) amount of the agreement's rule, and the rule in words.
fn amount(
    agreement: &Agreement,
    class: WaterClass,
    steps: i64,
    factors: &[FactorResult],
) -> Result<(Decimal, String), CompensationError> {
    Ok(match &agreement.rule {
        AmountRule::ClassThreshold {
            reward_if_better_than: reward,
            penalty_if_worse_than: penalty,
            amount,
        } => {
            let rule = agreement.threshold_rule(*reward, *penalty, *amount)?;
            let a = rule.section_amount(class);
            let words = if a > Decimal::ZERO {
                format!(
                    "优于{}类，下游补偿{}万元",
                    reward.symbol(),
                    amount.normalize()
                )
            } else if a < Decimal::ZERO {
                format!(
                    "劣于{}类，上游赔付{}万元",
                    penalty.symbol(),
                    amount.normalize()
                )
            } else {
                format!(
                    "不优于{}类且不劣于{}类，不补偿",
                    reward.symbol(),
                    penalty.symbol()
                )
            };
            (a, words)
        }
        AmountRule::PerClassStep { per_step } => {
            let a = class_step_amount(class, agreement.target, *per_step)
                .map_err(|e| CompensationError::Rule(e.to_string()))?;
            let words = match steps {
                0 => "类别差0，不补偿".to_string(),
                s => format!("类别差{s}×每类{}万元", per_step.normalize()),
            };
            (a, words)
        }
        AmountRule::ExceedanceBands { bands, aggregation } => banded(factors, bands, *aggregation),
    })
}

/// 周口式分档 — `base × (1 + 超标倍数)` per factor, through the standards'
/// `banded_exceedance_amount`; owed by the upstream, hence negative.
fn banded(
    factors: &[FactorResult],
    bands: &[ExceedanceBand],
    aggregation: FactorAggregation,
) -> (Decimal, String) {
    let exceeding: Vec<(&FactorResult, Decimal)> = factors
        .iter()
        .filter_map(|f| f.exceedance.map(|m| (f, m)))
        .collect();
    let chosen: Vec<(&FactorResult, Decimal)> = match aggregation {
        FactorAggregation::SumOfFactors => exceeding,
        FactorAggregation::WorstFactor => exceeding
            .into_iter()
            .max_by_key(|(_, m)| *m)
            .into_iter()
            .collect(),
    };
    if chosen.is_empty() {
        return (Decimal::ZERO, "各因子均未超标，不补偿".to_string());
    }
    let mut total = Decimal::ZERO;
    let mut parts = Vec::new();
    for (f, m) in chosen {
        let a = banded_exceedance_amount(m, bands);
        total += a;
        parts.push(match band_for(m, bands) {
            Some(b) => format!(
                "{}超标{}倍，基数{}万元×(1+{})={}万元",
                f.item.name(),
                multiple(m),
                b.base.normalize(),
                multiple(m),
                gb8170(a, AMOUNT_PLACES).normalize()
            ),
            None => format!("{}超标{}倍，未达起付档", f.item.name(), multiple(m)),
        });
    }
    (-total, parts.join("；"))
}
