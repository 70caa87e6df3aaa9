//! 断面水质评价 — evaluation of one section (断面) under 地表水环境质量评价办法（试行）
//! (环办〔2011〕22号): single-factor class, exceedance multiples, main pollutants, target check.

use std::cmp::Reverse;
use std::fmt;

use rust_decimal::Decimal;

use super::class::{QualityStatus, WaterClass};
use super::gb3838::{ClassifyError, classify, limit};
use super::item::{Item, WaterBody};
use super::measurement::Measurement;
use crate::rounding::gb8170;

/// 主要污染指标的最大个数 — at most three main pollutants (环办〔2011〕22号 二(一); standards.md §5.4,
/// from memory, unverified).
pub const MAX_MAIN_POLLUTANTS: usize = 3;

/// 超标倍数的基准 — which class limit an exceedance multiple is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExceedanceBasis {
    /// Ⅲ类标准限值 — the national evaluation method (环办〔2011〕22号; standards.md §5.4).
    #[default]
    ClassIII,
    /// 水质目标类别 — the section's target class (functional-zone assessment, 考核断面).
    Target,
}

/// How to evaluate a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SectionRule {
    /// 水域类型 — river, or lake/reservoir (GB 3838-2002 表1 总磷 limits differ).
    pub body: WaterBody,
    /// 水质目标 — the target class, if the section has one (Ⅰ…Ⅴ).
    pub target: Option<WaterClass>,
    /// The limit that exceedance multiples and main pollutants are measured against.
    pub basis: ExceedanceBasis,
}

impl SectionRule {
    /// A river section with no target, measured against Ⅲ (the default for an unregistered section).
    pub fn river() -> Self {
        SectionRule {
            body: WaterBody::River,
            target: None,
            basis: ExceedanceBasis::ClassIII,
        }
    }

    /// The class whose limits exceedance is measured against.
    pub fn basis_class(&self) -> Result<WaterClass, SectionError> {
        match self.basis {
            ExceedanceBasis::ClassIII => Ok(WaterClass::III),
            ExceedanceBasis::Target => self.target.ok_or(SectionError::NoTarget),
        }
    }
}

/// A section cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SectionError {
    /// None of the 21 evaluation items was given.
    #[error("no evaluation item among the values")]
    NoEvaluationItem,
    /// The same item was given twice.
    #[error("{0} given more than once")]
    DuplicateItem(Item),
    /// A target or basis class of 劣Ⅴ, which has no limits.
    #[error("{0} cannot be a target class")]
    InvalidTarget(WaterClass),
    /// The rule asks for the target as basis but the section has none.
    #[error("exceedance against the target class, but the section has no target")]
    NoTarget,
    /// A value could not be classified.
    #[error("{item}: {source}")]
    Classify {
        /// The item.
        item: Item,
        /// Why.
        #[source]
        source: ClassifyError,
    },
}

/// 超标倍数 — `(C − C_s) / C_s`, where `C_s` is the limit of `basis` (Ⅲ in the national method, or
/// the target class), 环办〔2011〕22号 (standards.md §5.4).
///
/// `None` when the value does not exceed the limit, for a result below the detection limit, and for
/// 水温, pH and 溶解氧, which have no exceedance multiple. The multiple is unrounded.
pub fn exceedance_multiple(
    item: Item,
    body: WaterBody,
    m: &Measurement,
    basis: WaterClass,
) -> Option<Decimal> {
    if !item.has_exceedance_multiple() || m.is_below_detection() {
        return None;
    }
    let lim = limit(item, body, basis)?;
    if m.value() <= lim {
        return None;
    }
    (m.value() - lim).checked_div(lim)
}

/// One evaluated item of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemResult {
    /// The item.
    pub item: Item,
    /// The (period-mean) value.
    pub value: Measurement,
    /// 水质类别 of the value (GB 3838-2002 表1); `None` only for 水温, which has no class.
    pub class: Option<WaterClass>,
    /// 超标倍数 against the basis class, unrounded.
    pub exceedance_multiple: Option<Decimal>,
}

/// 主要污染指标 — a main pollutant of a section, with its exceedance multiple.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainPollutant {
    /// The item.
    pub item: Item,
    /// Its class.
    pub class: WaterClass,
    /// 超标倍数, unrounded (`None` for 溶解氧 and pH).
    pub exceedance_multiple: Option<Decimal>,
}

impl MainPollutant {
    /// The bulletin label `高锰酸盐指数(1.20)`: the name, then the exceedance multiple rounded once
    /// to `places` decimals (GB/T 8170-2008 §3.3); only the name when there is no multiple.
    pub fn label(&self, places: u32) -> String {
        match self.exceedance_multiple {
            Some(x) => {
                let mut shown = gb8170(x, places);
                // pads with zeros only (`1.5` → `1.50`); the value was rounded once above
                shown.rescale(places);
                format!("{}({shown})", self.item.name())
            }
            None => self.item.name().to_owned(),
        }
    }
}

impl fmt::Display for MainPollutant {
    /// The label with the multiple to two decimals (see [`MainPollutant::label`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(2))
    }
}

/// 断面评价结果 — the evaluation of a section for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionEvaluation {
    /// 水质类别 — the worst class among the evaluated items (单因子评价法).
    pub class: WaterClass,
    /// The evaluated items (among the 21), in GB 3838-2002 表1 order.
    pub items: Vec<ItemResult>,
    /// 水温, 总氮 and 粪大肠菌群: classified where possible, reported separately, not in the class.
    pub reference: Vec<ItemResult>,
    /// 主要污染指标, most important first; empty unless the class is worse than the basis class.
    pub main_pollutants: Vec<MainPollutant>,
    /// 水质目标 — the target class, if any.
    pub target: Option<WaterClass>,
    /// The class exceedance was measured against.
    pub basis_class: WaterClass,
}

impl SectionEvaluation {
    /// 水质状况 of the section (环办〔2011〕22号 表1).
    pub fn status(&self) -> QualityStatus {
        self.class.status()
    }

    /// 是否达标 — whether the class is at least as good as the target; `None` without a target.
    pub fn meets_target(&self) -> Option<bool> {
        self.target.map(|t| self.class <= t)
    }

    /// The items that decide the class (those at the section's class).
    pub fn deciding_items(&self) -> impl Iterator<Item = &ItemResult> + '_ {
        self.items
            .iter()
            .filter(move |r| r.class == Some(self.class))
    }
}

/// 断面水质评价 — evaluates one section from the period values of its items (环办〔2011〕22号).
///
/// - 二(一) 单因子评价法: the class is the worst class among the 21 evaluation items present
///   ("根据评价时段内该断面参评的指标中类别最高的一项来确定", standards.md §5.2).
/// - 水温, 总氮, 粪大肠菌群 are not evaluation items (§5.1); they are classified where GB 3838 has
///   limits and returned in [`SectionEvaluation::reference`]. 总氮 is kept out of the class for lakes
///   too (whether the method includes lake TN is unverified, standards.md §10.3).
/// - Exceedance multiples and main pollutants use [`SectionRule::basis_class`].
///
/// `values` holds at most one value per item (for example from
/// [`period_means`](super::period::period_means)).
pub fn evaluate_section(
    values: &[(Item, Measurement)],
    rule: &SectionRule,
) -> Result<SectionEvaluation, SectionError> {
    for t in [rule.target, Some(rule.basis_class()?)]
        .into_iter()
        .flatten()
    {
        if t == WaterClass::WorseThanV {
            return Err(SectionError::InvalidTarget(t));
        }
    }
    let basis = rule.basis_class()?;
    let mut sorted: Vec<(Item, Measurement)> = values.to_vec();
    sorted.sort_by_key(|(i, _)| *i);
    if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(SectionError::DuplicateItem(w[0].0));
    }

    let mut items = Vec::new();
    let mut reference = Vec::new();
    for (item, value) in sorted {
        let class = match classify(item, rule.body, &value) {
            Ok(c) => Some(c),
            Err(ClassifyError::NoClassLimits(_)) => None,
            Err(source) => return Err(SectionError::Classify { item, source }),
        };
        let result = ItemResult {
            item,
            value,
            class,
            exceedance_multiple: exceedance_multiple(item, rule.body, &value, basis),
        };
        if item.is_evaluated() {
            items.push(result);
        } else {
            reference.push(result);
        }
    }

    let class = items
        .iter()
        .filter_map(|r| r.class)
        .max()
        .ok_or(SectionError::NoEvaluationItem)?;
    let main_pollutants = if class > basis {
        main_pollutants(&items, basis)
    } else {
        Vec::new()
    };
    Ok(SectionEvaluation {
        class,
        items,
        reference,
        main_pollutants,
        target: rule.target,
        basis_class: basis,
    })
}

/// 主要污染指标 — the main pollutants among evaluated items (环办〔2011〕22号 二(一); standards.md §5.4,
/// stated from memory there and unverified):
///
/// 1. only items worse than the basis class (Ⅲ, or the target) qualify;
/// 2. 氰化物 and heavy metals ([`Item::is_heavy_metal`]) that qualify come first;
/// 3. then by class, worst first;
/// 4. within a class by exceedance multiple, largest first; items without a multiple (溶解氧, pH)
///    after those with one;
/// 5. remaining ties in GB 3838-2002 表1 order;
///
/// and at most [`MAX_MAIN_POLLUTANTS`] are kept.
pub fn main_pollutants(items: &[ItemResult], basis: WaterClass) -> Vec<MainPollutant> {
    let mut candidates: Vec<MainPollutant> = items
        .iter()
        .filter(|r| r.item.is_evaluated())
        .filter_map(|r| {
            let class = r.class?;
            (class > basis).then_some(MainPollutant {
                item: r.item,
                class,
                exceedance_multiple: r.exceedance_multiple,
            })
        })
        .collect();
    candidates.sort_by_key(|p| {
        let priority = p.item == Item::Cyanide || p.item.is_heavy_metal();
        (
            Reverse(priority),
            Reverse(p.class),
            Reverse(p.exceedance_multiple.is_some()),
            Reverse(p.exceedance_multiple),
            p.item,
        )
    });
    candidates.truncate(MAX_MAIN_POLLUTANTS);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn values(rows: &[(Item, &str)]) -> Vec<(Item, Measurement)> {
        rows.iter()
            .map(|(i, s)| (*i, Measurement::from_str(s).expect("test measurement")))
            .collect()
    }

    #[test]
    fn worst_class_decides() {
        let v = values(&[
            (Item::Ph, "7.6"),
            (Item::DissolvedOxygen, "6.5"),
            (Item::PermanganateIndex, "4.2"),
            (Item::AmmoniaNitrogen, "0.3"),
            (Item::TotalPhosphorus, "0.15"),
        ]);
        let e = evaluate_section(&v, &SectionRule::river()).expect("eval");
        assert_eq!(e.class, WaterClass::III);
        assert_eq!(e.status(), QualityStatus::Good);
        assert!(e.main_pollutants.is_empty());
        let deciding: Vec<Item> = e.deciding_items().map(|r| r.item).collect();
        assert_eq!(deciding, [Item::PermanganateIndex, Item::TotalPhosphorus]);
    }

    #[test]
    fn reference_items_do_not_decide() {
        let v = values(&[
            (Item::WaterTemperature, "31.5"),
            (Item::AmmoniaNitrogen, "0.1"),
            (Item::TotalNitrogen, "5.0"),
            (Item::FecalColiform, "90000"),
        ]);
        let e = evaluate_section(&v, &SectionRule::river()).expect("eval");
        assert_eq!(e.class, WaterClass::I);
        let refs: Vec<(Item, Option<WaterClass>)> =
            e.reference.iter().map(|r| (r.item, r.class)).collect();
        assert_eq!(
            refs,
            [
                (Item::WaterTemperature, None),
                (Item::TotalNitrogen, Some(WaterClass::WorseThanV)),
                (Item::FecalColiform, Some(WaterClass::WorseThanV)),
            ]
        );
    }

    #[test]
    fn only_reference_items_is_an_error() {
        let v = values(&[(Item::TotalNitrogen, "1.0")]);
        assert_eq!(
            evaluate_section(&v, &SectionRule::river()),
            Err(SectionError::NoEvaluationItem)
        );
    }

    #[test]
    fn duplicates_are_refused() {
        let v = values(&[
            (Item::TotalPhosphorus, "0.1"),
            (Item::TotalPhosphorus, "0.2"),
        ]);
        assert_eq!(
            evaluate_section(&v, &SectionRule::river()),
            Err(SectionError::DuplicateItem(Item::TotalPhosphorus))
        );
    }

    #[test]
    fn exceedance_against_iii() {
        let r = WaterBody::River;
        let m = |s: &str| Measurement::from_str(s).expect("m");
        // CODMn 13.2 vs Ⅲ 6: (13.2 − 6)/6 = 1.2
        assert_eq!(
            exceedance_multiple(Item::PermanganateIndex, r, &m("13.2"), WaterClass::III),
            Some(d("1.2"))
        );
        assert_eq!(
            exceedance_multiple(Item::PermanganateIndex, r, &m("6"), WaterClass::III),
            None
        );
        assert_eq!(
            exceedance_multiple(Item::DissolvedOxygen, r, &m("1"), WaterClass::III),
            None
        );
        assert_eq!(
            exceedance_multiple(Item::Ph, r, &m("10"), WaterClass::III),
            None
        );
        // lake TP against Ⅲ 0.05
        assert_eq!(
            exceedance_multiple(
                Item::TotalPhosphorus,
                WaterBody::LakeReservoir,
                &m("0.08"),
                WaterClass::III
            ),
            Some(d("0.6"))
        );
        // against a Ⅳ target
        assert_eq!(
            exceedance_multiple(Item::AmmoniaNitrogen, r, &m("1.8"), WaterClass::IV),
            Some(d("0.2"))
        );
    }

    #[test]
    fn main_pollutants_order_and_limit() {
        let v = values(&[
            (Item::DissolvedOxygen, "2.5"),        // Ⅴ, no multiple
            (Item::PermanganateIndex, "13.2"),     // Ⅴ, 1.2
            (Item::ChemicalOxygenDemand, "45"),    // 劣Ⅴ, 1.25
            (Item::AmmoniaNitrogen, "2.5"),        // 劣Ⅴ, 1.5
            (Item::TotalPhosphorus, "0.35"),       // Ⅴ, 0.75
            (Item::BiochemicalOxygenDemand5, "5"), // Ⅳ, 0.25
        ]);
        let e = evaluate_section(&v, &SectionRule::river()).expect("eval");
        assert_eq!(e.class, WaterClass::WorseThanV);
        let labels: Vec<String> = e.main_pollutants.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            labels,
            ["氨氮(1.50)", "化学需氧量(1.25)", "高锰酸盐指数(1.20)"]
        );
    }

    #[test]
    fn heavy_metals_and_cyanide_take_priority() {
        let v = values(&[
            (Item::AmmoniaNitrogen, "3.0"), // 劣Ⅴ
            (Item::Lead, "0.06"),           // Ⅴ, 0.2
            (Item::Cyanide, "0.25"),        // 劣Ⅴ, 0.25
            (Item::TotalPhosphorus, "0.5"), // 劣Ⅴ, 1.5
        ]);
        let e = evaluate_section(&v, &SectionRule::river()).expect("eval");
        let items: Vec<Item> = e.main_pollutants.iter().map(|p| p.item).collect();
        assert_eq!(items, [Item::Cyanide, Item::Lead, Item::AmmoniaNitrogen]);
        assert_eq!(e.main_pollutants[2].label(1), "氨氮(2.0)");
    }

    #[test]
    fn target_class() {
        let v = values(&[
            (Item::AmmoniaNitrogen, "1.2"),
            (Item::TotalPhosphorus, "0.25"),
        ]);
        let rule = SectionRule {
            body: WaterBody::River,
            target: Some(WaterClass::IV),
            basis: ExceedanceBasis::Target,
        };
        let e = evaluate_section(&v, &rule).expect("eval");
        assert_eq!(e.class, WaterClass::IV);
        assert_eq!(e.meets_target(), Some(true));
        assert!(e.main_pollutants.is_empty());

        let national = SectionRule {
            basis: ExceedanceBasis::ClassIII,
            ..rule
        };
        let e = evaluate_section(&v, &national).expect("eval");
        assert_eq!(e.meets_target(), Some(true));
        let items: Vec<Item> = e.main_pollutants.iter().map(|p| p.item).collect();
        assert_eq!(items, [Item::TotalPhosphorus, Item::AmmoniaNitrogen]);

        let strict = SectionRule {
            target: Some(WaterClass::III),
            ..rule
        };
        let e = evaluate_section(&v, &strict).expect("eval");
        assert_eq!(e.meets_target(), Some(false));
        assert_eq!(e.basis_class, WaterClass::III);

        let bad = SectionRule {
            target: Some(WaterClass::WorseThanV),
            ..rule
        };
        assert_eq!(
            evaluate_section(&v, &bad),
            Err(SectionError::InvalidTarget(WaterClass::WorseThanV))
        );
        let none = SectionRule {
            target: None,
            ..rule
        };
        assert_eq!(evaluate_section(&v, &none), Err(SectionError::NoTarget));
    }

    #[test]
    fn classify_errors_name_the_item() {
        let v = values(&[(Item::Ph, "15")]);
        assert!(matches!(
            evaluate_section(&v, &SectionRule::river()),
            Err(SectionError::Classify { item: Item::Ph, .. })
        ));
    }
}
