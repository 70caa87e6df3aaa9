//! 河流、流域（水系）水质评价 — sets of sections: class counts, 优良比例, 劣Ⅴ比例 and the river or
//! basin 水质状况 (环办〔2011〕22号 二(二); standards.md §5.3, \[S2\]).
//!
//! Proportions are compared exactly in integers (`count × 100` against `threshold × total`), never
//! after rounding a percentage (GB/T 8170-2008 §4.3, 全数值比较法).

use rust_decimal::Decimal;

use super::class::{QualityStatus, WaterClass};
use super::item::Item;
use super::measurement::Measurement;
use super::period::{NonDetect, PeriodError, period_means};
use super::section::{SectionError, SectionRule, evaluate_section};
use crate::rounding::gb8170;

/// 断面数 threshold: with at least this many sections the class-proportion method applies, with
/// fewer the sections' mean values are evaluated. standards.md §5.3: the commonly quoted original
/// is "5个(含5个)以上" (unverified; one page says "大于5个"), so 5 sections use proportions.
pub const MIN_SECTIONS_FOR_PROPORTION: usize = 5;

/// 各类别断面数 — how many sections fall in each class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClassCounts {
    counts: [u32; 6],
}

impl ClassCounts {
    /// Counts the classes of a set of sections.
    pub fn of(classes: impl IntoIterator<Item = WaterClass>) -> Self {
        let mut c = ClassCounts::default();
        for class in classes {
            c.add(class);
        }
        c
    }

    /// Adds one section.
    pub fn add(&mut self, class: WaterClass) {
        let i = slot(class);
        self.counts[i] = self.counts[i].saturating_add(1);
    }

    /// Sections in `class`.
    pub fn count(&self, class: WaterClass) -> u32 {
        self.counts[slot(class)]
    }

    /// All sections.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Ⅰ–Ⅲ类断面数 — sections of class Ⅰ, Ⅱ or Ⅲ.
    pub fn good(&self) -> u32 {
        self.counts[..3].iter().sum()
    }

    /// 劣Ⅴ类断面数.
    pub fn worse_than_v(&self) -> u32 {
        self.counts[5]
    }

    /// 水质优良比例 (Ⅰ–Ⅲ类比例) in percent, unrounded; `None` for an empty set.
    pub fn good_percent(&self) -> Option<Decimal> {
        percent(self.good(), self.total())
    }

    /// 劣Ⅴ类比例 in percent, unrounded; `None` for an empty set.
    pub fn worse_than_v_percent(&self) -> Option<Decimal> {
        percent(self.worse_than_v(), self.total())
    }

    /// The percentage of sections in `class`, unrounded; `None` for an empty set.
    pub fn class_percent(&self, class: WaterClass) -> Option<Decimal> {
        percent(self.count(class), self.total())
    }
}

/// Position of a class in [`ClassCounts`]: Ⅰ…Ⅴ at their limit index, 劣Ⅴ last.
fn slot(class: WaterClass) -> usize {
    class.limit_index().unwrap_or(5)
}

fn percent(part: u32, total: u32) -> Option<Decimal> {
    if total == 0 {
        return None;
    }
    Some(Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(total))
}

/// A percentage rounded once for display (GB/T 8170-2008 §3.3), e.g. `rounded_percent(p, 1)`.
pub fn rounded_percent(percent: Decimal, places: u32) -> Decimal {
    gb8170(percent, places)
}

/// A set of sections cannot be graded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BasinError {
    /// No section.
    #[error("no section to evaluate")]
    Empty,
    /// Section `index` (0-based, in input order) cannot be evaluated.
    #[error("section {index}: {source}")]
    Section {
        /// Position of the section in the input.
        index: usize,
        /// Why.
        #[source]
        source: SectionError,
    },
    /// The sections' mean values cannot be evaluated.
    #[error("mean of sections: {0}")]
    Mean(#[source] SectionError),
    /// A mean over sections cannot be computed.
    #[error(transparent)]
    Period(#[from] PeriodError),
}

/// 断面水质类别比例法 — 水质状况 of a river or basin from its section classes
/// (环办〔2011〕22号 二(二) 表2; standards.md §5.3):
///
/// | condition | status |
/// |---|---|
/// | Ⅰ–Ⅲ ≥ 90% | 优 |
/// | 75% ≤ Ⅰ–Ⅲ < 90% | 良好 |
/// | Ⅰ–Ⅲ < 75%, 劣Ⅴ < 20% | 轻度污染 |
/// | Ⅰ–Ⅲ < 75%, 20% ≤ 劣Ⅴ < 40% | 中度污染 |
/// | Ⅰ–Ⅲ < 75%, 劣Ⅴ ≥ 40% | 重度污染 |
///
/// This function applies the table whatever the number of sections; [`evaluate_basin`] chooses
/// between it and the mean-of-sections method.
pub fn grade_by_proportion(counts: &ClassCounts) -> Result<QualityStatus, BasinError> {
    let total = u64::from(counts.total());
    if total == 0 {
        return Err(BasinError::Empty);
    }
    let good = u64::from(counts.good()) * 100;
    let worst = u64::from(counts.worse_than_v()) * 100;
    let status = if good >= 90 * total {
        QualityStatus::Excellent
    } else if good >= 75 * total {
        QualityStatus::Good
    } else if worst < 20 * total {
        QualityStatus::LightlyPolluted
    } else if worst < 40 * total {
        QualityStatus::ModeratelyPolluted
    } else {
        QualityStatus::HeavilyPolluted
    };
    Ok(status)
}

/// How a river or basin was graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasinMethod {
    /// Fewer than [`MIN_SECTIONS_FOR_PROPORTION`] sections: the mean of each item over the sections,
    /// evaluated by the single-factor method, gave `class`.
    MeanOfSections {
        /// The class of the mean values.
        class: WaterClass,
    },
    /// 断面水质类别比例法.
    ClassProportion,
}

/// 河流、流域水质评价结果.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasinEvaluation {
    /// 水质状况 of the river or basin.
    pub status: QualityStatus,
    /// Which method applied.
    pub method: BasinMethod,
    /// Each section's class, in input order (reported in both methods).
    pub section_classes: Vec<WaterClass>,
    /// Class counts of the sections.
    pub counts: ClassCounts,
}

/// 河流、流域（水系）水质评价 — grades a river or basin from the period values of its sections
/// (环办〔2011〕22号 二(二); standards.md §5.3).
///
/// - Fewer than [`MIN_SECTIONS_FOR_PROPORTION`] sections: the arithmetic mean of each item over all
///   sections (non-detects entering as `non_detect` says) is evaluated by the single-factor method
///   under `rule`, and the status is that class's (Ⅰ–Ⅱ 优, Ⅲ 良好, …).
/// - Otherwise: [`grade_by_proportion`].
///
/// Each section is evaluated under `rule` (water body, target, basis).
pub fn evaluate_basin(
    sections: &[Vec<(Item, Measurement)>],
    rule: &SectionRule,
    non_detect: NonDetect,
) -> Result<BasinEvaluation, BasinError> {
    if sections.is_empty() {
        return Err(BasinError::Empty);
    }
    let mut section_classes = Vec::with_capacity(sections.len());
    for (index, values) in sections.iter().enumerate() {
        let e = evaluate_section(values, rule)
            .map_err(|source| BasinError::Section { index, source })?;
        section_classes.push(e.class);
    }
    let counts = ClassCounts::of(section_classes.iter().copied());
    if sections.len() >= MIN_SECTIONS_FOR_PROPORTION {
        return Ok(BasinEvaluation {
            status: grade_by_proportion(&counts)?,
            method: BasinMethod::ClassProportion,
            section_classes,
            counts,
        });
    }
    let all: Vec<(Item, Measurement)> = sections.iter().flatten().copied().collect();
    let means = period_means(&all, non_detect)?;
    let class = evaluate_section(&means, rule)
        .map_err(BasinError::Mean)?
        .class;
    Ok(BasinEvaluation {
        status: class.status(),
        method: BasinMethod::MeanOfSections { class },
        section_classes,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use WaterClass::{I, II, III, IV, V, WorseThanV};
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn grade(classes: &[WaterClass]) -> QualityStatus {
        grade_by_proportion(&ClassCounts::of(classes.iter().copied())).expect("grade")
    }

    fn repeat(parts: &[(WaterClass, usize)]) -> Vec<WaterClass> {
        parts
            .iter()
            .flat_map(|&(c, n)| std::iter::repeat_n(c, n))
            .collect()
    }

    #[test]
    fn grading_thresholds() {
        use QualityStatus::*;
        // exactly 90% Ⅰ–Ⅲ: 优; just below: 良好
        assert_eq!(grade(&repeat(&[(II, 9), (IV, 1)])), Excellent);
        assert_eq!(grade(&repeat(&[(III, 89), (IV, 11)])), Good);
        // exactly 75%: 良好; just below: polluted
        assert_eq!(grade(&repeat(&[(I, 3), (V, 1)])), Good);
        assert_eq!(grade(&repeat(&[(III, 74), (IV, 26)])), LightlyPolluted);
        // 劣Ⅴ just below 20%, at 20%, just below 40%, at 40%
        assert_eq!(
            grade(&repeat(&[(III, 50), (IV, 31), (WorseThanV, 19)])),
            LightlyPolluted
        );
        assert_eq!(
            grade(&repeat(&[(III, 50), (IV, 30), (WorseThanV, 20)])),
            ModeratelyPolluted
        );
        assert_eq!(
            grade(&repeat(&[(III, 50), (IV, 11), (WorseThanV, 39)])),
            ModeratelyPolluted
        );
        assert_eq!(
            grade(&repeat(&[(III, 50), (IV, 10), (WorseThanV, 40)])),
            HeavilyPolluted
        );
        assert_eq!(
            grade_by_proportion(&ClassCounts::default()),
            Err(BasinError::Empty)
        );
    }

    #[test]
    fn shares() {
        let c = ClassCounts::of(repeat(&[(I, 1), (III, 1), (IV, 1)]));
        assert_eq!(c.total(), 3);
        assert_eq!(c.good(), 2);
        let p = c.good_percent().expect("non-empty");
        assert_eq!(rounded_percent(p, 1), d("66.7"));
        assert_eq!(c.worse_than_v_percent(), Some(Decimal::ZERO));
        assert_eq!(
            c.class_percent(IV).map(|p| rounded_percent(p, 2)),
            Some(d("33.33"))
        );
        assert_eq!(ClassCounts::default().good_percent(), None);
    }

    fn section(nh3: &str, tp: &str) -> Vec<(Item, Measurement)> {
        vec![
            (Item::AmmoniaNitrogen, nh3.parse().expect("m")),
            (Item::TotalPhosphorus, tp.parse().expect("m")),
        ]
    }

    #[test]
    fn few_sections_use_the_mean() {
        // Worked example: three sections of classes Ⅱ, Ⅱ and 劣Ⅴ (NH3-N 2.4).
        // Means: NH3-N (0.4 + 0.5 + 2.4)/3 = 1.1 → Ⅳ; TP (0.05 + 0.1 + 0.15)/3 = 0.1 → Ⅱ.
        // The river is Ⅳ, 轻度污染 (by proportion, 1/3 劣Ⅴ, it would have been 中度污染).
        let s = vec![
            section("0.4", "0.05"),
            section("0.5", "0.1"),
            section("2.4", "0.15"),
        ];
        let e = evaluate_basin(&s, &SectionRule::river(), NonDetect::HalfLimit).expect("eval");
        assert_eq!(e.section_classes, [II, II, WorseThanV]);
        assert_eq!(e.method, BasinMethod::MeanOfSections { class: IV });
        assert_eq!(e.status, QualityStatus::LightlyPolluted);

        // Four good sections and a fifth: proportion method, 4/5 = 80% → 良好.
        let mut five = s.clone();
        five[2] = section("0.9", "0.2");
        five.push(section("0.1", "0.02"));
        five.push(section("1.6", "0.1"));
        let e = evaluate_basin(&five, &SectionRule::river(), NonDetect::HalfLimit).expect("eval");
        assert_eq!(e.method, BasinMethod::ClassProportion);
        assert_eq!(e.section_classes, [II, II, III, I, V]);
        assert_eq!(e.status, QualityStatus::Good);
    }

    #[test]
    fn basin_errors_name_the_section() {
        let s = vec![section("0.4", "0.05"), vec![]];
        assert!(matches!(
            evaluate_basin(&s, &SectionRule::river(), NonDetect::HalfLimit),
            Err(BasinError::Section { index: 1, .. })
        ));
        assert_eq!(
            evaluate_basin(&[], &SectionRule::river(), NonDetect::HalfLimit),
            Err(BasinError::Empty)
        );
    }

    fn class_strategy() -> impl Strategy<Value = WaterClass> {
        (0usize..6).prop_map(|i| WaterClass::ALL[i])
    }

    proptest! {
        #[test]
        fn improving_a_section_never_worsens_the_grade(
            classes in proptest::collection::vec(class_strategy(), 1..60),
            pick in any::<prop::sample::Index>(),
        ) {
            let before = grade(&classes);
            let mut better = classes.clone();
            let i = pick.index(better.len());
            let idx = WaterClass::ALL.iter().position(|&c| c == better[i]).expect("class");
            better[i] = WaterClass::ALL[idx.saturating_sub(1)];
            prop_assert!(grade(&better) <= before);
        }
    }
}
