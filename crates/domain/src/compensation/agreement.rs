//! 生态补偿协议 — a cross-boundary compensation agreement as data.

use super::CompensationError;
use super::period::PeriodKind;
use ecogov_standards::water::compensation::{
    ClassThresholdRule, ExceedanceBand, exceedance_bands_by_multiple,
};
use ecogov_standards::water::gb3838::limit;
use ecogov_standards::water::{Item, WaterBody, WaterClass};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// 考核因子 — COD, 氨氮 and 总磷, the factors of every agreement found (通顺河, 四湖流域, 黄河
/// 豫鲁; standards.md §8).
pub fn default_factors() -> Vec<Item> {
    vec![
        Item::ChemicalOxygenDemand,
        Item::AmmoniaNitrogen,
        Item::TotalPhosphorus,
    ]
}

/// How per-factor banded amounts make one amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FactorAggregation {
    /// 各因子之和 — each exceeding factor pays its own band (default).
    #[default]
    SumOfFactors,
    /// 取最大超标倍数 — only the factor with the largest exceedance multiple pays.
    WorstFactor,
}

/// 金额规则 — how one assessment period of one section turns into an amount (万元).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountRule {
    /// 对赌式 — a fixed amount when the class is better than `reward_if_better_than` (the
    /// downstream pays) or worse than `penalty_if_worse_than` (the upstream pays); 高桥河
    /// (黄石–鄂州, standards.md §8): better than Ⅱ / worse than Ⅲ, 500万. Computed by the
    /// standards' `ClassThresholdRule::section_amount`.
    ClassThreshold {
        /// Reward when strictly better than this class.
        reward_if_better_than: WaterClass,
        /// Penalty when strictly worse than this class.
        penalty_if_worse_than: WaterClass,
        /// 金额 (万元).
        amount: Decimal,
    },
    /// 按类别差 — `per_step` for each class better (reward) or worse (penalty) than the target;
    /// 黄河 豫鲁 (standards.md §8): 6000万 per class from Ⅲ. Computed by the standards'
    /// `class_step_amount`.
    PerClassStep {
        /// 每类金额 (万元).
        per_step: Decimal,
    },
    /// 超标倍数分档 — `base × (1 + 超标倍数)` by band, paid by the upstream; 周口 (standards.md §8):
    /// base 10/25/50/100/200万. The multiple is measured against the agreement's target class.
    /// Computed by the standards' `banded_exceedance_amount`.
    ExceedanceBands {
        /// 分档.
        bands: Vec<ExceedanceBand>,
        /// How factors combine. standards.md §8 does not say whether 周口 sums the factors;
        /// this is the agreement's choice.
        aggregation: FactorAggregation,
    },
}

/// 横向生态补偿协议 — who is upstream and downstream, which sections and factors are assessed
/// against which class, how often, and how an assessment turns into money.
///
/// Sign convention of every amount (as in the standards' compensation module): positive → the
/// downstream pays the upstream (奖励); negative → the upstream pays the downstream (赔付).
/// Amounts are in 万元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// 协议编号 — the id used on the command line (`--agreement`).
    pub id: String,
    /// 协议名称.
    pub name: String,
    /// 上游方.
    pub upstream: String,
    /// 下游方.
    pub downstream: String,
    /// 考核断面 — the boundary sections, each assessed on its own.
    pub sections: Vec<String>,
    /// River or lake (GB 3838-2002 表1 总磷 limits differ).
    pub body: WaterBody,
    /// 考核因子 (default COD, 氨氮, 总磷).
    pub factors: Vec<Item>,
    /// 水质目标.
    pub target: WaterClass,
    /// 考核周期 — the period one amount is computed for (通顺河: month; 四湖: quarter; 高桥河: year).
    pub assessment: PeriodKind,
    /// 金额规则.
    pub rule: AmountRule,
    /// 年度封顶 (万元), applied to the net of a settlement either way.
    pub annual_cap: Option<Decimal>,
    /// 依据 — where the rule comes from.
    pub source: String,
}

fn non_negative(x: Decimal) -> Result<Decimal, CompensationError> {
    if x.is_sign_negative() && !x.is_zero() {
        Err(CompensationError::NegativeAmount(x))
    } else {
        Ok(x)
    }
}

impl Agreement {
    /// Checks the agreement: an id, two different parties, sections and factors without
    /// repeats, factors with GB 3838-2002 class limits (and an exceedance multiple for banded
    /// rules), a target of Ⅰ–Ⅴ, and non-negative amounts with consistent thresholds.
    pub fn validate(&self) -> Result<(), CompensationError> {
        if self.id.trim().is_empty() {
            return Err(CompensationError::MissingId);
        }
        if self.upstream.trim().is_empty()
            || self.downstream.trim().is_empty()
            || self.upstream.trim() == self.downstream.trim()
        {
            return Err(CompensationError::Parties {
                upstream: self.upstream.clone(),
                downstream: self.downstream.clone(),
            });
        }
        if self.sections.is_empty() {
            return Err(CompensationError::NoSection);
        }
        let mut seen = HashSet::new();
        if let Some(s) = self.sections.iter().find(|s| !seen.insert(s.as_str())) {
            return Err(CompensationError::DuplicateSection(s.clone()));
        }
        if self.factors.is_empty() {
            return Err(CompensationError::NoFactor);
        }
        let mut seen = HashSet::new();
        if let Some(f) = self.factors.iter().find(|f| !seen.insert(**f)) {
            return Err(CompensationError::DuplicateFactor(*f));
        }
        let banded = matches!(self.rule, AmountRule::ExceedanceBands { .. });
        for &f in &self.factors {
            let has_limits = limit(f, self.body, WaterClass::III).is_some();
            if !has_limits || (banded && !f.has_exceedance_multiple()) {
                return Err(CompensationError::UnusableFactor(f));
            }
        }
        if self.target == WaterClass::WorseThanV {
            return Err(CompensationError::BadTarget(self.target));
        }
        if let Some(cap) = self.annual_cap {
            non_negative(cap)?;
        }
        match &self.rule {
            AmountRule::ClassThreshold {
                reward_if_better_than,
                penalty_if_worse_than,
                amount,
            } => {
                self.threshold_rule(*reward_if_better_than, *penalty_if_worse_than, *amount)?;
            }
            AmountRule::PerClassStep { per_step } => {
                non_negative(*per_step)?;
            }
            AmountRule::ExceedanceBands { bands, .. } => {
                if bands.is_empty() {
                    return Err(CompensationError::NoBand);
                }
                for b in bands {
                    non_negative(b.base)?;
                }
            }
        }
        Ok(())
    }

    /// The standards' rule for [`AmountRule::ClassThreshold`] (its own cap unused: the
    /// agreement's cap applies to the settlement).
    pub(super) fn threshold_rule(
        &self,
        reward: WaterClass,
        penalty: WaterClass,
        amount: Decimal,
    ) -> Result<ClassThresholdRule, CompensationError> {
        ClassThresholdRule::new(reward, penalty, amount, Decimal::MAX)
            .map_err(|e| CompensationError::Rule(e.to_string()))
    }

    /// 模板：对赌式年度考核 — after 高桥河 (黄石–鄂州, 2022-11; standards.md §8): target Ⅲ, a
    /// section worse than Ⅲ → the upstream pays 500万, better than Ⅱ → the downstream pays 500万,
    /// annual cap 1000万. The parties and section are placeholders to be replaced; the factors
    /// are the default three (the source assesses the overall class and 总磷).
    pub fn template_class_threshold() -> Self {
        Self {
            id: "template-class-threshold".to_string(),
            name: "对赌式年度考核（模板，依高桥河协议）".to_string(),
            upstream: "上游方".to_string(),
            downstream: "下游方".to_string(),
            sections: vec!["跨界断面".to_string()],
            body: WaterBody::River,
            factors: default_factors(),
            target: WaterClass::III,
            assessment: PeriodKind::Year,
            rule: AmountRule::ClassThreshold {
                reward_if_better_than: WaterClass::II,
                penalty_if_worse_than: WaterClass::III,
                amount: Decimal::from(500),
            },
            annual_cap: Some(Decimal::from(1000)),
            source: "高桥河（黄石–鄂州）横向生态补偿协议，2022-11（standards.md §8）".to_string(),
        }
    }

    /// 模板：超标倍数分档、按月考核 — the 周口 bands (standards.md §8) against a Ⅲ target, COD,
    /// 氨氮 and 总磷, each factor paying its band. Parties and section are placeholders.
    pub fn template_exceedance_bands() -> Self {
        Self {
            id: "template-exceedance-bands".to_string(),
            name: "超标倍数分档按月考核（模板，依周口办法）".to_string(),
            upstream: "上游方".to_string(),
            downstream: "下游方".to_string(),
            sections: vec!["跨界断面".to_string()],
            body: WaterBody::River,
            factors: default_factors(),
            target: WaterClass::III,
            assessment: PeriodKind::Month,
            rule: AmountRule::ExceedanceBands {
                bands: exceedance_bands_by_multiple().to_vec(),
                aggregation: FactorAggregation::SumOfFactors,
            },
            annual_cap: None,
            source: "周口市水环境质量生态补偿办法（standards.md §8）".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_valid() {
        assert_eq!(Agreement::template_class_threshold().validate(), Ok(()));
        assert_eq!(Agreement::template_exceedance_bands().validate(), Ok(()));
    }

    #[test]
    fn refusals() {
        let base = Agreement::template_class_threshold;
        let check = |f: &dyn Fn(&mut Agreement), want: CompensationError| {
            let mut a = base();
            f(&mut a);
            assert_eq!(a.validate(), Err(want));
        };
        check(&|a| a.id = " ".into(), CompensationError::MissingId);
        check(
            &|a| a.downstream = "上游方".into(),
            CompensationError::Parties {
                upstream: "上游方".into(),
                downstream: "上游方".into(),
            },
        );
        check(&|a| a.sections.clear(), CompensationError::NoSection);
        check(
            &|a| a.sections.push("跨界断面".into()),
            CompensationError::DuplicateSection("跨界断面".into()),
        );
        check(&|a| a.factors.clear(), CompensationError::NoFactor);
        check(
            &|a| a.factors.push(Item::TotalPhosphorus),
            CompensationError::DuplicateFactor(Item::TotalPhosphorus),
        );
        check(
            &|a| a.factors.push(Item::WaterTemperature),
            CompensationError::UnusableFactor(Item::WaterTemperature),
        );
        check(
            &|a| a.target = WaterClass::WorseThanV,
            CompensationError::BadTarget(WaterClass::WorseThanV),
        );
        check(
            &|a| a.annual_cap = Some(Decimal::NEGATIVE_ONE),
            CompensationError::NegativeAmount(Decimal::NEGATIVE_ONE),
        );
        let mut a = base();
        a.rule = AmountRule::ClassThreshold {
            reward_if_better_than: WaterClass::IV,
            penalty_if_worse_than: WaterClass::III,
            amount: Decimal::ONE,
        };
        assert!(matches!(a.validate(), Err(CompensationError::Rule(_))));
        let mut b = Agreement::template_exceedance_bands();
        b.factors.push(Item::DissolvedOxygen);
        assert_eq!(
            b.validate(),
            Err(CompensationError::UnusableFactor(Item::DissolvedOxygen))
        );
        b.factors.pop();
        b.rule = AmountRule::ExceedanceBands {
            bands: vec![],
            aggregation: FactorAggregation::WorstFactor,
        };
        assert_eq!(b.validate(), Err(CompensationError::NoBand));
    }
}
