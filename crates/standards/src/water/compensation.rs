//! 横向生态补偿 — cross-boundary (upstream/downstream) compensation formulas found in published
//! agreements (standards.md §8). Amounts are in 万元 and unrounded; signs follow one convention:
//!
//! - positive: the downstream side pays the upstream side (奖励, water better than the benchmark);
//! - negative: the upstream side pays the downstream side (赔付, water worse than the benchmark).
//!
//! The per-month formulas of the 通顺河 (武汉–仙桃) and 四湖流域 (荆州) agreements were not found
//! (standards.md §8, §10.8) and are not implemented; their monthly pass/fail against a Ⅳ target on
//! COD, 氨氮 and 总磷 is a plain [`evaluate_section`](super::section::evaluate_section) with
//! [`ExceedanceBasis::Target`](super::section::ExceedanceBasis::Target).

use rust_decimal::Decimal;

use super::class::WaterClass;

/// A compensation rule was given inconsistent parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompensationError {
    /// An amount, cap or step below zero.
    #[error("negative amount {0}")]
    NegativeAmount(Decimal),
    /// The reward threshold is not better than the penalty threshold.
    #[error("reward class {reward} must be better than penalty class {penalty}")]
    Thresholds {
        /// Class better than which the upstream is rewarded.
        reward: WaterClass,
        /// Class worse than which the upstream pays.
        penalty: WaterClass,
    },
}

fn non_negative(x: Decimal) -> Result<Decimal, CompensationError> {
    if x.is_sign_negative() && !x.is_zero() {
        Err(CompensationError::NegativeAmount(x))
    } else {
        Ok(x)
    }
}

/// 对赌式补偿 — fixed amount per assessed section and year, both ways, with an annual cap.
///
/// 高桥河 (黄石–鄂州, 2022-11; standards.md §8): a section worse than Ⅲ → the upstream pays
/// 500万; better than Ⅱ (Ⅱ itself not counted) → the downstream rewards 500万; cap 1000万 a year:
/// `ClassThresholdRule::new(WaterClass::II, WaterClass::III, 500, 1000)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassThresholdRule {
    reward_if_better_than: WaterClass,
    penalty_if_worse_than: WaterClass,
    amount: Decimal,
    annual_cap: Decimal,
}

impl ClassThresholdRule {
    /// A rule rewarding classes better than `reward_if_better_than`, penalising classes worse than
    /// `penalty_if_worse_than`, `amount` per section, total capped at `annual_cap` either way.
    pub fn new(
        reward_if_better_than: WaterClass,
        penalty_if_worse_than: WaterClass,
        amount: Decimal,
        annual_cap: Decimal,
    ) -> Result<Self, CompensationError> {
        if reward_if_better_than > penalty_if_worse_than {
            return Err(CompensationError::Thresholds {
                reward: reward_if_better_than,
                penalty: penalty_if_worse_than,
            });
        }
        Ok(ClassThresholdRule {
            reward_if_better_than,
            penalty_if_worse_than,
            amount: non_negative(amount)?,
            annual_cap: non_negative(annual_cap)?,
        })
    }

    /// The amount for one section's annual class (positive reward, negative penalty, or zero).
    pub fn section_amount(&self, class: WaterClass) -> Decimal {
        if class < self.reward_if_better_than {
            self.amount
        } else if class > self.penalty_if_worse_than {
            -self.amount
        } else {
            Decimal::ZERO
        }
    }

    /// The year's net amount over the assessed sections, capped at the annual cap either way.
    pub fn settle(&self, classes: &[WaterClass]) -> Decimal {
        let net: Decimal = classes.iter().map(|&c| self.section_amount(c)).sum();
        net.clamp(-self.annual_cap, self.annual_cap)
    }
}

/// 水质类别差 — classes better (positive) or worse (negative) than `benchmark`; 劣Ⅴ counts as one
/// class below Ⅴ.
pub fn class_steps(class: WaterClass, benchmark: WaterClass) -> i64 {
    let pos = |c: WaterClass| c.limit_index().map_or(5, |i| i as i64);
    pos(benchmark) - pos(class)
}

/// 按类别差补偿 — `per_class` for every class the annual-mean class is better (reward) or worse
/// (penalty) than `benchmark`.
///
/// 黄河 豫鲁 agreement (standards.md §8): Ⅲ类 annual mean → no payment; each class better or worse
/// moves 6000万: `class_step_amount(class, WaterClass::III, 6000)`.
pub fn class_step_amount(
    class: WaterClass,
    benchmark: WaterClass,
    per_class: Decimal,
) -> Result<Decimal, CompensationError> {
    Ok(Decimal::from(class_steps(class, benchmark)) * non_negative(per_class)?)
}

/// 关键污染物指数变化补偿 — `per_point` for every whole percentage point the key-pollutant index
/// (COD, 氨氮, 总磷) falls (reward) or rises (penalty) year on year, capped at `cap` either way.
///
/// 黄河 豫鲁 agreement (standards.md §8): 100万 per point, cap 4000万. The agreement says "每变化1个
/// 百分点"; this counts whole points only (a change of 2.7 points counts 2), which is a reading,
/// not a verified rule. `change_points` is the index change in percentage points, positive for a
/// rise (worse water).
pub fn index_change_amount(
    change_points: Decimal,
    per_point: Decimal,
    cap: Decimal,
) -> Result<Decimal, CompensationError> {
    let per_point = non_negative(per_point)?;
    let cap = non_negative(cap)?;
    let whole = change_points.trunc();
    Ok((-whole * per_point).clamp(-cap, cap))
}

/// One band of [`banded_exceedance_amount`]: above `lower` (exclusive) up to `upper` (inclusive,
/// `None` = no upper bound), the base amount is `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceedanceBand {
    /// Lower bound of the exceedance multiple, exclusive.
    pub lower: Decimal,
    /// Upper bound of the exceedance multiple, inclusive; `None` for the open last band.
    pub upper: Option<Decimal>,
    /// 基数 — base amount in 万元.
    pub base: Decimal,
}

/// 周口 banded rule (standards.md §8): base 10/25/50/100/200万 for exceedance multiples in
/// (0.1, 0.5], (0.5, 1.0], (1.0, 1.5], (1.5, 2.0], > 2.0.
pub fn exceedance_bands_by_multiple() -> [ExceedanceBand; 5] {
    let b = |lower: (i64, u32), upper: Option<(i64, u32)>, base: i64| ExceedanceBand {
        lower: Decimal::new(lower.0, lower.1),
        upper: upper.map(|(m, s)| Decimal::new(m, s)),
        base: Decimal::from(base),
    };
    [
        b((1, 1), Some((5, 1)), 10),
        b((5, 1), Some((10, 1)), 25),
        b((10, 1), Some((15, 1)), 50),
        b((15, 1), Some((20, 1)), 100),
        b((20, 1), None, 200),
    ]
}

/// 超标补偿金 — `base × (1 + 超标倍数)` for the band containing the exceedance multiple; zero (no
/// payment) below the first band. The amount is owed by the upstream side (returned as a positive
/// number of 万元).
pub fn banded_exceedance_amount(multiple: Decimal, bands: &[ExceedanceBand]) -> Decimal {
    bands
        .iter()
        .find(|b| multiple > b.lower && b.upper.is_none_or(|u| multiple <= u))
        .map_or(Decimal::ZERO, |b| b.base * (Decimal::ONE + multiple))
}

#[cfg(test)]
mod tests {
    use super::*;
    use WaterClass::{I, II, III, IV, V, WorseThanV};

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn class_threshold_rule() {
        let r = ClassThresholdRule::new(II, III, d("500"), d("1000")).expect("rule");
        assert_eq!(r.section_amount(I), d("500"));
        assert_eq!(r.section_amount(II), Decimal::ZERO);
        assert_eq!(r.section_amount(III), Decimal::ZERO);
        assert_eq!(r.section_amount(IV), d("-500"));
        assert_eq!(r.settle(&[IV, V, WorseThanV]), d("-1000"));
        assert_eq!(r.settle(&[I, IV]), Decimal::ZERO);
        assert!(ClassThresholdRule::new(IV, III, d("1"), d("1")).is_err());
        assert!(ClassThresholdRule::new(II, III, d("-1"), d("1")).is_err());
    }

    #[test]
    fn class_steps_and_amounts() {
        assert_eq!(class_steps(III, III), 0);
        assert_eq!(class_steps(I, III), 2);
        assert_eq!(class_steps(WorseThanV, III), -3);
        assert_eq!(class_step_amount(II, III, d("6000")), Ok(d("6000")));
        assert_eq!(class_step_amount(V, III, d("6000")), Ok(d("-12000")));
    }

    #[test]
    fn index_change() {
        assert_eq!(
            index_change_amount(d("-2.7"), d("100"), d("4000")),
            Ok(d("200"))
        );
        assert_eq!(
            index_change_amount(d("3"), d("100"), d("4000")),
            Ok(d("-300"))
        );
        assert_eq!(
            index_change_amount(d("0.9"), d("100"), d("4000")),
            Ok(d("0"))
        );
        assert_eq!(
            index_change_amount(d("-55"), d("100"), d("4000")),
            Ok(d("4000"))
        );
    }

    #[test]
    fn banded_exceedance() {
        let bands = exceedance_bands_by_multiple();
        assert_eq!(banded_exceedance_amount(d("0.1"), &bands), Decimal::ZERO);
        assert_eq!(banded_exceedance_amount(d("0.2"), &bands), d("12"));
        assert_eq!(banded_exceedance_amount(d("0.5"), &bands), d("15"));
        assert_eq!(banded_exceedance_amount(d("0.6"), &bands), d("40"));
        assert_eq!(banded_exceedance_amount(d("2.0"), &bands), d("300"));
        assert_eq!(banded_exceedance_amount(d("3"), &bands), d("800"));
    }
}
