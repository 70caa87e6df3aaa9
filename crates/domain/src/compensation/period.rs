//! 考核期 — months, quarters and years, written `2023-05`, `2023-Q2` and `2023`.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

/// Why a period text or value is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Not `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    #[error(
        "考核期“{0}”格式有误，应为 2023、2023-Q2 或 2023-05 (period must be YYYY, YYYY-Qn or YYYY-MM)"
    )]
    Malformed(String),
    /// A month outside 1–12.
    #[error("考核期“{text}”的月份 {month} 不在 1–12 之间 (month must be 1–12)")]
    BadMonth {
        /// The text given.
        text: String,
        /// The month found.
        month: u32,
    },
    /// A quarter outside 1–4.
    #[error("考核期“{text}”的季度 {quarter} 不在 1–4 之间 (quarter must be 1–4)")]
    BadQuarter {
        /// The text given.
        text: String,
        /// The quarter found.
        quarter: u32,
    },
    /// A year that is not four digits (1000–9999).
    #[error("年份 {0} 无效，应为四位数 (year must have four digits)")]
    BadYear(i32),
    /// A settlement period shorter than the agreement's assessment period.
    #[error(
        "考核期 {period} 短于协议的考核周期（{kind}），无法结算 (period shorter than the assessment period)"
    )]
    ShorterThanAssessment {
        /// The period asked for.
        period: AssessmentPeriod,
        /// The agreement's assessment period kind.
        kind: PeriodKind,
    },
}

/// 年月 — a calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i16,
    month: i8,
}

fn check_year(year: i32) -> Result<i16, PeriodError> {
    if (1000..=9999).contains(&year) {
        i16::try_from(year).map_err(|_| PeriodError::BadYear(year))
    } else {
        Err(PeriodError::BadYear(year))
    }
}

impl YearMonth {
    /// A month of a four-digit year.
    pub fn new(year: i32, month: u32) -> Result<Self, PeriodError> {
        let year = check_year(year)?;
        match i8::try_from(month) {
            Ok(m) if (1..=12).contains(&m) => Ok(Self { year, month: m }),
            _ => Err(PeriodError::BadMonth {
                text: format!("{year}-{month:02}"),
                month,
            }),
        }
    }

    /// The month of a date.
    pub fn of(date: Date) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// 年.
    pub fn year(self) -> i16 {
        self.year
    }

    /// 月 (1–12).
    pub fn month(self) -> i8 {
        self.month
    }

    /// 季度 (1–4).
    pub fn quarter(self) -> u8 {
        // month is 1..=12, so this is 1..=4
        (self.month.unsigned_abs() - 1) / 3 + 1
    }

    /// The first day of the month (`None` only for a year outside jiff's range).
    pub fn first_day(self) -> Option<Date> {
        Date::new(self.year, self.month, 1).ok()
    }
}

impl fmt::Display for YearMonth {
    /// `2023-05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// 考核周期 — the length of an assessment period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    /// 月.
    Month,
    /// 季度.
    Quarter,
    /// 年.
    Year,
}

impl PeriodKind {
    /// The Chinese word (`月`, `季度`, `年`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Month => "月",
            Self::Quarter => "季度",
            Self::Year => "年",
        }
    }

    /// A stable code (`month`, `quarter`, `year`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// Parses a [`PeriodKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Month, Self::Quarter, Self::Year]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// 考核期 — one month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssessmentPeriod {
    /// A month (`2023-05`).
    Month(YearMonth),
    /// A quarter (`2023-Q2`), 1–4.
    Quarter {
        /// 年.
        year: i16,
        /// 季度 1–4.
        quarter: u8,
    },
    /// A year (`2023`).
    Year(i16),
}

impl AssessmentPeriod {
    /// The kind of period.
    pub fn kind(self) -> PeriodKind {
        match self {
            Self::Month(_) => PeriodKind::Month,
            Self::Quarter { .. } => PeriodKind::Quarter,
            Self::Year(_) => PeriodKind::Year,
        }
    }

    /// The calendar year the period lies in.
    pub fn year(self) -> i16 {
        match self {
            Self::Month(m) => m.year,
            Self::Quarter { year, .. } | Self::Year(year) => year,
        }
    }

    /// The months of the period, in order.
    pub fn months(self) -> Vec<YearMonth> {
        let (year, first, count) = match self {
            Self::Month(m) => return vec![m],
            Self::Quarter { year, quarter } => {
                // a quarter outside 1–4 (only by building the variant by hand) is clamped
                let q = i8::try_from(quarter.clamp(1, 4)).unwrap_or(1);
                (year, (q - 1) * 3 + 1, 3)
            }
            Self::Year(year) => (year, 1, 12),
        };
        (0..count)
            .map(|i| YearMonth {
                year,
                month: first + i,
            })
            .collect()
    }

    /// Whether `month` lies in the period.
    pub fn contains(self, month: YearMonth) -> bool {
        match self {
            Self::Month(m) => m == month,
            Self::Quarter { year, quarter } => month.year == year && month.quarter() == quarter,
            Self::Year(year) => month.year == year,
        }
    }

    /// The periods of `kind` that make up this period (a year is four quarters or twelve
    /// months); refused when `kind` is longer than the period.
    pub fn split(self, kind: PeriodKind) -> Result<Vec<AssessmentPeriod>, PeriodError> {
        if kind > self.kind() {
            return Err(PeriodError::ShorterThanAssessment { period: self, kind });
        }
        let months = self.months();
        Ok(match kind {
            PeriodKind::Month => months.into_iter().map(Self::Month).collect(),
            PeriodKind::Quarter => {
                let mut quarters: Vec<AssessmentPeriod> = months
                    .into_iter()
                    .map(|m| Self::Quarter {
                        year: m.year,
                        quarter: m.quarter(),
                    })
                    .collect();
                quarters.dedup();
                quarters
            }
            PeriodKind::Year => vec![Self::Year(self.year())],
        })
    }
}

impl fmt::Display for AssessmentPeriod {
    /// `2023-05`, `2023-Q2`, `2023`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Month(m) => write!(f, "{m}"),
            Self::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Self::Year(year) => write!(f, "{year}"),
        }
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for AssessmentPeriod {
    type Err = PeriodError;

    /// Parses `2023` (year), `2023-Q2` / `2023-q2` (quarter) or `2023-05` / `2023-5` (month).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let malformed = || PeriodError::Malformed(s.to_string());
        let (year_text, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year_text.len() != 4 {
            return Err(malformed());
        }
        let year = digits(year_text).ok_or_else(malformed)?;
        let year = check_year(i32::try_from(year).map_err(|_| malformed())?)?;
        let Some(rest) = rest else {
            return Ok(Self::Year(year));
        };
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let quarter = digits(q).filter(|_| q.len() == 1).ok_or_else(malformed)?;
            return match u8::try_from(quarter) {
                Ok(n) if (1..=4).contains(&n) => Ok(Self::Quarter { year, quarter: n }),
                _ => Err(PeriodError::BadQuarter {
                    text: s.to_string(),
                    quarter,
                }),
            };
        }
        let month = digits(rest)
            .filter(|_| rest.len() <= 2)
            .ok_or_else(malformed)?;
        match YearMonth::new(i32::from(year), month) {
            Ok(m) => Ok(Self::Month(m)),
            Err(_) => Err(PeriodError::BadMonth {
                text: s.to_string(),
                month,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> AssessmentPeriod {
        s.parse().expect("period")
    }

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(p("2023"), AssessmentPeriod::Year(2023));
        assert_eq!(
            p("2023-Q2"),
            AssessmentPeriod::Quarter {
                year: 2023,
                quarter: 2
            }
        );
        assert_eq!(p(" 2023-q4 ").to_string(), "2023-Q4");
        assert_eq!(p("2023-05").to_string(), "2023-05");
        assert_eq!(p("2023-5").to_string(), "2023-05");
        for s in ["2023", "2023-Q1", "2023-12"] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn clear_errors() {
        let e = |s: &str| s.parse::<AssessmentPeriod>().expect_err(s);
        assert_eq!(
            e("2023-13"),
            PeriodError::BadMonth {
                text: "2023-13".into(),
                month: 13
            }
        );
        assert_eq!(
            e("2023-00"),
            PeriodError::BadMonth {
                text: "2023-00".into(),
                month: 0
            }
        );
        assert_eq!(
            e("2023-Q5"),
            PeriodError::BadQuarter {
                text: "2023-Q5".into(),
                quarter: 5
            }
        );
        assert_eq!(
            e("2023-Q0"),
            PeriodError::BadQuarter {
                text: "2023-Q0".into(),
                quarter: 0
            }
        );
        for bad in [
            "",
            "23",
            "2023-",
            "2023-Q",
            "2023-Q12",
            "2023-005",
            "2023/05",
            "二〇二三",
            "2023-H1",
            "0999",
        ] {
            assert!(
                matches!(e(bad), PeriodError::Malformed(_) | PeriodError::BadYear(_)),
                "{bad}"
            );
        }
        assert_eq!(e("0999"), PeriodError::BadYear(999));
        assert_eq!(
            e("2023-13").to_string(),
            "考核期“2023-13”的月份 13 不在 1–12 之间 (month must be 1–12)"
        );
    }

    #[test]
    fn months_and_splits() {
        let q2 = p("2023-Q2");
        let months: Vec<String> = q2.months().iter().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2023-04", "2023-05", "2023-06"]);
        assert!(q2.contains(YearMonth::new(2023, 6).expect("ok")));
        assert!(!q2.contains(YearMonth::new(2023, 7).expect("ok")));
        assert_eq!(p("2023").months().len(), 12);
        let quarters: Vec<String> = p("2023")
            .split(PeriodKind::Quarter)
            .expect("ok")
            .iter()
            .map(|q| q.to_string())
            .collect();
        assert_eq!(quarters, ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]);
        assert_eq!(q2.split(PeriodKind::Month).expect("ok").len(), 3);
        assert_eq!(
            q2.split(PeriodKind::Year),
            Err(PeriodError::ShorterThanAssessment {
                period: q2,
                kind: PeriodKind::Year
            })
        );
        assert_eq!(YearMonth::new(2023, 12).expect("ok").quarter(), 4);
        assert_eq!(
            YearMonth::of(Date::constant(2023, 5, 17)).first_day(),
            Some(Date::constant(2023, 5, 1))
        );
    }
}
