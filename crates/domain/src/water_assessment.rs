//! 跨界断面月度考核 — the monthly assessment of water sections, as published in the monthly
//! bulletin (按月监测、每月通报, plan task (四)4).
//!
//! For each section: the period mean of the month's samples (the arithmetic mean; the verbatim
//! rule for monthly values is marked NOT FOUND in standards.md §5.5, so this follows common
//! practice; values below the detection limit count as half the limit, `NonDetect::HalfLimit`),
//! its class by the worst-item rule, whether it meets its
//! target class, and its main pollutants measured against Ⅲ. Sections are ranked by class, then by
//! the largest exceedance multiple.

use crate::water_data::{WaterParameter, WaterSample, WaterSection};
use ecogov_standards::water::period::{NonDetect, period_means};
use ecogov_standards::water::section::{ExceedanceBasis, SectionRule, evaluate_section};
use ecogov_standards::water::{Item, Measurement, WaterClass};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// One section's result for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionMonth {
    /// 排名 — 1 is best; sections without data are not ranked.
    pub rank: Option<usize>,
    /// The section.
    pub section: WaterSection,
    /// Samples counted (sampling times).
    pub samples: usize,
    /// 水质类别 — `None` without data.
    pub class: Option<WaterClass>,
    /// 是否达标 — whether the class is at least the target (`None` without data or target).
    pub meets_target: Option<bool>,
    /// 主要污染指标 with exceedance multiples over Ⅲ, e.g. `氨氮(0.52)`.
    pub main_pollutants: Vec<String>,
    /// The month's mean of each item, as shown (`0.01L` stays a detection-limit value).
    pub means: Vec<(Item, Measurement)>,
    /// Why the section could not be evaluated, if so.
    pub problem: Option<String>,
    /// Largest exceedance multiple (for ranking), if any.
    worst_multiple: Option<Decimal>,
}

/// 月度通报 — the month's assessment of every section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyBulletin {
    /// The first day of the month.
    pub month: Date,
    /// Sections in rank order, then those without data.
    pub sections: Vec<SectionMonth>,
}

impl MonthlyBulletin {
    /// Sections evaluated (with data).
    pub fn evaluated(&self) -> usize {
        self.sections.iter().filter(|s| s.class.is_some()).count()
    }

    /// Sections meeting their target, and sections with a target and data.
    pub fn meeting_target(&self) -> (usize, usize) {
        let with: Vec<bool> = self
            .sections
            .iter()
            .filter_map(|s| s.meets_target)
            .collect();
        (with.iter().filter(|m| **m).count(), with.len())
    }

    /// Sections of class Ⅰ–Ⅲ (优良) and of 劣Ⅴ.
    pub fn good_and_worst(&self) -> (usize, usize) {
        let classes: Vec<WaterClass> = self.sections.iter().filter_map(|s| s.class).collect();
        (
            classes.iter().filter(|c| c.is_good()).count(),
            classes
                .iter()
                .filter(|c| **c == WaterClass::WorseThanV)
                .count(),
        )
    }
}

/// Assesses `month` (its first day) for `sections`, given each section's samples of that month.
pub fn assess_month(month: Date, sections: &[(WaterSection, Vec<WaterSample>)]) -> MonthlyBulletin {
    let mut rows: Vec<SectionMonth> = sections
        .iter()
        .map(|(s, samples)| assess_section(s, samples))
        .collect();
    rows.sort_by(|a, b| match (a.class, b.class) {
        (Some(x), Some(y)) => x
            .cmp(&y)
            .then(a.worst_multiple.cmp(&b.worst_multiple))
            .then(a.section.name.cmp(&b.section.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.section.name.cmp(&b.section.name),
    });
    for (i, row) in rows.iter_mut().enumerate() {
        if row.class.is_some() {
            row.rank = Some(i + 1);
        }
    }
    MonthlyBulletin {
        month,
        sections: rows,
    }
}

fn assess_section(section: &WaterSection, samples: &[WaterSample]) -> SectionMonth {
    let values: Vec<(Item, Measurement)> = samples
        .iter()
        .filter_map(|s| match s.parameter {
            WaterParameter::Basic(item) => Some((item, s.value)),
            _ => None,
        })
        .collect();
    let mut times: Vec<_> = samples.iter().map(|s| s.time).collect();
    times.sort();
    times.dedup();
    let mut row = SectionMonth {
        rank: None,
        section: section.clone(),
        samples: times.len(),
        class: None,
        meets_target: None,
        main_pollutants: Vec::new(),
        means: Vec::new(),
        problem: None,
        worst_multiple: None,
    };
    if values.is_empty() {
        row.problem = Some("本月无监测数据 (no data this month)".into());
        return row;
    }
    let means = match period_means(&values, NonDetect::HalfLimit) {
        Ok(m) => m,
        Err(e) => {
            row.problem = Some(e.to_string());
            return row;
        }
    };
    let rule = SectionRule {
        body: section.body,
        target: section.target,
        basis: ExceedanceBasis::ClassIII,
    };
    match evaluate_section(&means, &rule) {
        Ok(e) => {
            row.class = Some(e.class);
            row.meets_target = e.meets_target();
            row.main_pollutants = e.main_pollutants.iter().map(|p| p.label(2)).collect();
            row.worst_multiple = e
                .main_pollutants
                .iter()
                .filter_map(|p| p.exceedance_multiple)
                .max();
        }
        Err(e) => row.problem = Some(e.to_string()),
    }
    row.means = means;
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::{ControlLevel, DataStage};
    use crate::water_data::SampleSource;
    use ecogov_standards::water::WaterBody;

    fn section(name: &str, target: WaterClass) -> WaterSection {
        WaterSection {
            name: name.into(),
            water: "河".into(),
            basin: "长江".into(),
            body: WaterBody::River,
            level: ControlLevel::Municipal,
            target: Some(target),
            district: Some("某镇".into()),
            upstream: None,
            downstream: None,
        }
    }

    fn sample(section: &str, day: i8, item: &str, value: &str) -> WaterSample {
        WaterSample {
            section: section.into(),
            time: jiff::civil::date(2023, 5, day).at(10, 0, 0, 0),
            parameter: item.parse().expect("item"),
            value: value.parse().expect("value"),
            source: SampleSource::Manual,
            stage: DataStage::Audited,
        }
    }

    #[test]
    fn ranks_classes_and_main_pollutants() {
        let month = Date::constant(2023, 5, 1);
        let input = vec![
            // NH3-N mean (1.2 + 1.8) / 2 = 1.5 → Ⅳ; 1.5 / 1.0 − 1 = 0.50 over Ⅲ.
            (
                section("乙", WaterClass::III),
                vec![
                    sample("乙", 5, "氨氮", "1.2"),
                    sample("乙", 20, "氨氮", "1.8"),
                    sample("乙", 5, "溶解氧", "7.0"),
                ],
            ),
            (
                section("甲", WaterClass::III),
                vec![
                    sample("甲", 5, "氨氮", "0.4"),
                    sample("甲", 5, "总磷", "0.01L"),
                ],
            ),
            (section("丙", WaterClass::III), vec![]),
        ];
        let b = assess_month(month, &input);
        let names: Vec<&str> = b.sections.iter().map(|s| s.section.name.as_str()).collect();
        assert_eq!(names, ["甲", "乙", "丙"]);
        assert_eq!(b.sections[0].class, Some(WaterClass::II));
        assert_eq!(b.sections[0].rank, Some(1));
        assert_eq!(b.sections[1].class, Some(WaterClass::IV));
        assert_eq!(b.sections[1].meets_target, Some(false));
        assert_eq!(b.sections[1].main_pollutants, ["氨氮(0.50)"]);
        assert_eq!(b.sections[1].samples, 2);
        assert_eq!(b.sections[2].rank, None);
        assert!(b.sections[2].problem.is_some());
        assert_eq!(b.meeting_target(), (1, 2));
        assert_eq!(b.good_and_worst(), (1, 0));
    }
}
