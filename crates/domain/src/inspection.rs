//! 执法检查 — records of on-site inspections of enterprises, and of diesel vehicle checks
//! (柴油货车路检路查、入户检测).
//!
//! [`count_by_kind`] feeds the plan's deliverables of road and in-premises diesel checks.

use crate::draw::InspectorId;
use crate::enterprise::{CreditCode, half_width};
use jiff::civil::Date;
use std::collections::HashSet;
use std::fmt;

/// Why an inspection or check record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectionError {
    /// Fewer than two inspectors.
    #[error("执法检查人员不得少于 2 人，记录为 {0} 人 (at least 2 inspectors)")]
    TooFewInspectors(usize),
    /// An inspector listed twice.
    #[error("执法人员 {0} 重复 (duplicate inspector)")]
    DuplicateInspector(InspectorId),
    /// No findings written.
    #[error("检查情况不能为空 (findings must not be empty)")]
    EmptyFindings,
    /// Not a vehicle plate number.
    #[error("车牌号“{0}”格式不符，应如“鄂N12345”“鄂ND12345”“鄂N1234挂” (malformed plate number)")]
    BadPlate(String),
    /// A road check without a plate number.
    #[error("路检路查记录须填写车牌号 (a road check needs the plate number)")]
    MissingPlate,
    /// An in-premises check with neither plate nor enterprise.
    #[error(
        "入户检测记录须填写车牌号或被检企业 (an in-premises check needs a plate or an enterprise)"
    )]
    MissingSubject,
}

/// 执法检查记录 — one on-site inspection of an enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionRecord {
    inspectors: Vec<InspectorId>,
    enterprise: CreditCode,
    date: Date,
    findings: String,
    violation_found: bool,
    measures: Vec<String>,
}

impl InspectionRecord {
    /// Checks and builds a record: at least two distinct inspectors (《中华人民共和国行政处罚法》
    /// 第四十二条: 执法人员不得少于两人; ecogov rule for every inspection); findings not empty.
    /// Inspectors are kept ordered by id; empty measures are dropped.
    pub fn new(
        mut inspectors: Vec<InspectorId>,
        enterprise: CreditCode,
        date: Date,
        findings: &str,
        violation_found: bool,
        measures: Vec<String>,
    ) -> Result<Self, InspectionError> {
        inspectors.sort();
        if let Some(pair) = inspectors.windows(2).find(|p| p[0] == p[1]) {
            return Err(InspectionError::DuplicateInspector(pair[0].clone()));
        }
        if inspectors.len() < 2 {
            return Err(InspectionError::TooFewInspectors(inspectors.len()));
        }
        let findings = findings.trim();
        if findings.is_empty() {
            return Err(InspectionError::EmptyFindings);
        }
        Ok(Self {
            inspectors,
            enterprise,
            date,
            findings: findings.to_string(),
            violation_found,
            measures: measures
                .iter()
                .map(|m| m.trim())
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect(),
        })
    }

    /// 检查人员, ordered by id.
    pub fn inspectors(&self) -> &[InspectorId] {
        &self.inspectors
    }

    /// 被检查企业.
    pub fn enterprise(&self) -> &CreditCode {
        &self.enterprise
    }

    /// 检查日期.
    pub fn date(&self) -> Date {
        self.date
    }

    /// 检查情况 — what was found.
    pub fn findings(&self) -> &str {
        &self.findings
    }

    /// 是否发现违法行为 — whether a violation was found.
    pub fn violation_found(&self) -> bool {
        self.violation_found
    }

    /// 处理措施 — the measures taken or ordered.
    pub fn measures(&self) -> &[String] {
        &self.measures
    }
}

/// 检测方式 — the kind of diesel vehicle check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DieselCheckKind {
    /// 路检路查 — a roadside check.
    RoadCheck,
    /// 入户检测 — a check at the premises of the vehicle's user (重点用车单位).
    HomeCheck,
}

impl DieselCheckKind {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::RoadCheck => "路检路查",
            Self::HomeCheck => "入户检测",
        }
    }

    /// A stable code for the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::RoadCheck => "road",
            Self::HomeCheck => "home",
        }
    }

    /// Parses a code or a label.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        [Self::RoadCheck, Self::HomeCheck]
            .into_iter()
            .find(|k| k.code() == t || k.label() == t)
    }
}

/// 检测结果 — the result of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckResult {
    /// 合格 — pass.
    Pass,
    /// 不合格 — fail.
    Fail,
}

impl CheckResult {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pass => "合格",
            Self::Fail => "不合格",
        }
    }
}

/// The one-character abbreviations of the provinces that begin a plate number.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// The one-character suffixes of special plates (挂 trailer, 学 driving school …).
const SUFFIXES: &str = "挂学警港澳领试超使";

/// 车牌号 — a vehicle plate number such as `鄂N12345`, `鄂ND12345` (new energy) or `鄂N1234挂`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlateNumber(String);

impl PlateNumber {
    /// Reads a plate number (ecogov rule, the layout of the civil plates): full-width forms are
    /// read as half-width, letters upper-cased, and spaces, `·`, `•` and `-` removed; then a
    /// province abbreviation, an issuing-office letter, 4 to 6 letters or digits, and an optional
    /// special suffix (挂, 学, 警 …), 7 or 8 characters in all.
    pub fn parse(text: &str) -> Result<Self, InspectionError> {
        let p: String = text
            .chars()
            .map(|c| half_width(c).to_ascii_uppercase())
            .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '-'))
            .collect();
        let chars: Vec<char> = p.chars().collect();
        let body_end = if chars.last().is_some_and(|c| SUFFIXES.contains(*c)) {
            chars.len() - 1
        } else {
            chars.len()
        };
        let ok = (7..=8).contains(&chars.len())
            && chars.first().is_some_and(|c| PROVINCES.contains(*c))
            && chars.get(1).is_some_and(char::is_ascii_uppercase)
            && (4..=6).contains(&(body_end.saturating_sub(2)))
            && chars[2.min(body_end)..body_end]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(Self(p))
        } else {
            Err(InspectionError::BadPlate(text.trim().to_string()))
        }
    }

    /// The plate as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 柴油车检测记录 — one diesel vehicle check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DieselCheck {
    kind: DieselCheckKind,
    date: Date,
    plate: Option<PlateNumber>,
    enterprise: Option<CreditCode>,
    result: CheckResult,
}

impl DieselCheck {
    /// Checks and builds a record (ecogov rule): a road check names the vehicle's plate; an
    /// in-premises check names the plate, the enterprise visited, or both.
    pub fn new(
        kind: DieselCheckKind,
        date: Date,
        plate: Option<PlateNumber>,
        enterprise: Option<CreditCode>,
        result: CheckResult,
    ) -> Result<Self, InspectionError> {
        match kind {
            DieselCheckKind::RoadCheck if plate.is_none() => Err(InspectionError::MissingPlate),
            DieselCheckKind::HomeCheck if plate.is_none() && enterprise.is_none() => {
                Err(InspectionError::MissingSubject)
            }
            _ => Ok(Self {
                kind,
                date,
                plate,
                enterprise,
                result,
            }),
        }
    }

    /// 检测方式.
    pub fn kind(&self) -> DieselCheckKind {
        self.kind
    }

    /// 检测日期.
    pub fn date(&self) -> Date {
        self.date
    }

    /// 车牌号, when recorded.
    pub fn plate(&self) -> Option<&PlateNumber> {
        self.plate.as_ref()
    }

    /// 被检企业, when recorded.
    pub fn enterprise(&self) -> Option<&CreditCode> {
        self.enterprise.as_ref()
    }

    /// 检测结果.
    pub fn result(&self) -> CheckResult {
        self.result
    }
}

/// How many checks of `kind` were made in calendar year `year` (every check counts, 合格 or
/// 不合格; a vehicle checked twice counts twice).
pub fn count_by_kind(records: &[DieselCheck], kind: DieselCheckKind, year: i16) -> usize {
    records
        .iter()
        .filter(|r| r.kind == kind && r.date.year() == year)
        .count()
}

/// How many distinct inspectors appear in `records` — a helper for workload summaries.
pub fn distinct_inspectors(records: &[InspectionRecord]) -> usize {
    records
        .iter()
        .flat_map(|r| r.inspectors.iter())
        .collect::<HashSet<_>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn id(s: &str) -> InspectorId {
        InspectorId::new(s).expect("non-empty")
    }

    fn code() -> CreditCode {
        CreditCode::parse("91350100M000100Y43").expect("valid")
    }

    #[test]
    fn inspections_need_two_distinct_inspectors() {
        let mk = |ids: &[&str], findings: &str| {
            InspectionRecord::new(
                ids.iter().map(|s| id(s)).collect(),
                code(),
                date(2023, 5, 6),
                findings,
                true,
                vec!["责令改正".into(), " ".into()],
            )
        };
        assert_eq!(mk(&["A"], "x"), Err(InspectionError::TooFewInspectors(1)));
        assert_eq!(
            mk(&["A", "A"], "x"),
            Err(InspectionError::DuplicateInspector(id("A")))
        );
        assert_eq!(mk(&["B", "A"], " "), Err(InspectionError::EmptyFindings));
        let r = mk(&["B", "A"], "废气处理设施未运行").expect("valid");
        assert_eq!(r.inspectors(), &[id("A"), id("B")]);
        assert_eq!(r.measures(), &["责令改正".to_string()]);
        assert!(r.violation_found());
        assert_eq!(distinct_inspectors(&[r.clone(), r]), 2);
        let msg = InspectionError::TooFewInspectors(1).to_string();
        assert!(msg.contains("不得少于 2 人") && msg.contains("at least 2"));
    }

    #[test]
    fn plates_parse() {
        for ok in [
            "鄂N12345",
            "鄂ND12345",
            "鄂N1234挂",
            " 鄂ｎ·１２３４５ ",
            "京A-F0236",
        ] {
            assert!(PlateNumber::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            PlateNumber::parse("鄂ｎ·１２３４５").map(|p| p.to_string()),
            Ok("鄂N12345".into())
        );
        for bad in [
            "",
            "鄂N123",
            "AB12345",
            "鄂112345",
            "鄂N1234567",
            "鄂N12#45",
            "挂N12345",
        ] {
            assert!(
                matches!(PlateNumber::parse(bad), Err(InspectionError::BadPlate(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn diesel_checks_are_counted_per_kind_and_year() {
        let plate = || Some(PlateNumber::parse("鄂N12345").expect("plate"));
        let road = |d| {
            DieselCheck::new(
                DieselCheckKind::RoadCheck,
                d,
                plate(),
                None,
                CheckResult::Pass,
            )
        };
        let home = |d| {
            DieselCheck::new(
                DieselCheckKind::HomeCheck,
                d,
                None,
                Some(code()),
                CheckResult::Fail,
            )
        };
        let records = vec![
            road(date(2022, 12, 31)).expect("valid"),
            road(date(2023, 1, 1)).expect("valid"),
            road(date(2023, 12, 31)).expect("valid"),
            home(date(2023, 6, 1)).expect("valid"),
            home(date(2024, 1, 1)).expect("valid"),
        ];
        assert_eq!(count_by_kind(&records, DieselCheckKind::RoadCheck, 2023), 2);
        assert_eq!(count_by_kind(&records, DieselCheckKind::HomeCheck, 2023), 1);
        assert_eq!(count_by_kind(&records, DieselCheckKind::RoadCheck, 2022), 1);
        assert_eq!(count_by_kind(&[], DieselCheckKind::HomeCheck, 2023), 0);
        assert_eq!(
            DieselCheck::new(
                DieselCheckKind::RoadCheck,
                date(2023, 1, 1),
                None,
                Some(code()),
                CheckResult::Pass
            ),
            Err(InspectionError::MissingPlate)
        );
        assert_eq!(
            DieselCheck::new(
                DieselCheckKind::HomeCheck,
                date(2023, 1, 1),
                None,
                None,
                CheckResult::Pass
            ),
            Err(InspectionError::MissingSubject)
        );
        assert!(
            DieselCheck::new(
                DieselCheckKind::HomeCheck,
                date(2023, 1, 1),
                plate(),
                None,
                CheckResult::Pass
            )
            .is_ok()
        );
        assert_eq!(
            DieselCheckKind::parse("路检路查"),
            Some(DieselCheckKind::RoadCheck)
        );
        assert_eq!(
            DieselCheckKind::parse("home"),
            Some(DieselCheckKind::HomeCheck)
        );
        assert_eq!(CheckResult::Fail.label(), "不合格");
    }
}
