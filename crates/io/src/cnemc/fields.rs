//! Parsing the fields of a CNEMC row: concentrations, the time label, the published AQI and
//! primary pollutants.

use std::str::FromStr;

use ecogov_standards::air::{AirError, HourEnding, Indicator, IndicatorSet, Pollutant, Reading};
use jiff::civil::{Date, DateTime, Time};
use rust_decimal::Decimal;

use crate::error::RowErrorKind;

/// The AQI the file itself publishes (its `aqi` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficialAqi {
    /// A published AQI, 0 … 500.
    Published(u16),
    /// Not published: empty (2023 feed) or `NA` (HJ 633-2026 §5.3.1).
    NotPublished,
    /// Anything else; the text read.
    Invalid(String),
}

/// The primary pollutants the file itself publishes (its `primarypollutant` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficialPrimary {
    /// The indicators named (empty when the field is empty or `NA`, e.g. AQI ≤ 50).
    Listed(IndicatorSet),
    /// A name that is not one of the indicators; the name read.
    Unknown(String),
}

/// Largest fast-path literal: 18 digits always fit a `u64` mantissa.
const FAST_DIGITS: usize = 18;

/// Parses a plain decimal literal (`123`, `0.7`, `.5`) without allocating; `None` for anything
/// else, which then goes through [`Decimal::from_str`].
fn fast_decimal(t: &[u8]) -> Option<Decimal> {
    if t.is_empty() || t.len() > FAST_DIGITS {
        return None;
    }
    let (mut mantissa, mut scale, mut digits, mut dot) = (0i64, 0u32, 0usize, false);
    for &b in t {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(b - b'0');
                digits += 1;
                if dot {
                    scale += 1;
                }
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    (digits > 0).then(|| Decimal::new(mantissa, scale))
}

/// One concentration field: a non-negative decimal, or a missing marker — empty or `NA`
/// (缺测/无效, HJ 633-2026 表4/表5 notes; the 2023 feed leaves the field empty) or `/`
/// (未纳入监测方案, HJ 633-2026 §5.3.2). Same meaning as [`Reading::parse`], faster on the
/// plain literals of the feed.
pub(crate) fn reading(pollutant: Pollutant, raw: &[u8]) -> Result<Reading, RowErrorKind> {
    let t = raw.trim_ascii();
    match t {
        b"" | b"NA" => return Ok(Reading::Missing),
        b"/" => return Ok(Reading::NotInPlan),
        _ => {}
    }
    if let Some(value) = fast_decimal(t) {
        return Reading::value(pollutant, value).map_err(air_error);
    }
    let text = String::from_utf8_lossy(raw);
    Reading::parse(pollutant, &text).map_err(|e| match e {
        AirError::NotANumber { .. } if looks_numeric(&text) => RowErrorKind::OutOfRange {
            text: text.trim().to_owned(),
            allowed: "至多 28 位有效数字 (at most 28 significant digits)",
        },
        other => air_error(other),
    })
}

fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
        && t.bytes().any(|b| b.is_ascii_digit())
}

fn air_error(e: AirError) -> RowErrorKind {
    match e {
        AirError::NegativeConcentration { value, .. } => RowErrorKind::Negative { value },
        AirError::NotANumber { text, .. } => RowErrorKind::NotANumber { text },
        other => RowErrorKind::NotANumber {
            text: other.to_string(),
        },
    }
}

/// The time label: `2023-01-18T08:00:00` (feed until Oct 2023), `2023-12-22T0900` (from
/// Dec 2023), also `YYYY-MM-DD HH:MM[:SS]`. The label is the end of the hour (HJ 663-2013
/// 表A.1; [`HourEnding`]): `…T00:00:00` is hour 24 of the previous natural day.
pub(crate) fn timepoint(raw: &[u8]) -> Result<HourEnding, RowErrorKind> {
    let t = raw.trim_ascii();
    let bad = || RowErrorKind::Time {
        text: String::from_utf8_lossy(t).into_owned(),
    };
    if t.is_empty() {
        return Err(RowErrorKind::Blank);
    }
    if t.len() < 13 || !matches!(t[10], b'T' | b' ') {
        return Err(bad());
    }
    let date = std::str::from_utf8(&t[..10])
        .ok()
        .and_then(|s| Date::from_str(s).ok())
        .ok_or_else(bad)?;
    let mut digits = [0u8; 6];
    let mut n = 0;
    for &b in &t[11..] {
        match b {
            b'0'..=b'9' if n < 6 => {
                digits[n] = b - b'0';
                n += 1;
            }
            b':' => {}
            _ => return Err(bad()),
        }
    }
    if !matches!(n, 2 | 4 | 6) {
        return Err(bad());
    }
    let two = |k: usize| digits[k] * 10 + digits[k + 1];
    let (hour, minute, second) = (two(0), two(2), two(4));
    if hour > 23 || minute > 59 || second > 59 {
        return Err(RowErrorKind::OutOfRange {
            text: String::from_utf8_lossy(t).into_owned(),
            allowed: "时 0–23，分秒 0–59 (hour 0–23, minute and second 0–59)",
        });
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| bad())?;
    HourEnding::from_label(DateTime::from_parts(date, time)).map_err(|_| RowErrorKind::OutOfRange {
        text: String::from_utf8_lossy(t).into_owned(),
        allowed: "须为整点 (must be on a full hour)",
    })
}

/// The `aqi` column.
pub(crate) fn official_aqi(raw: &[u8]) -> OfficialAqi {
    let t = raw.trim_ascii();
    if t.is_empty() || t == b"NA" {
        return OfficialAqi::NotPublished;
    }
    match std::str::from_utf8(t)
        .ok()
        .and_then(|s| s.parse::<u16>().ok())
    {
        Some(v) if v <= 500 => OfficialAqi::Published(v),
        _ => OfficialAqi::Invalid(String::from_utf8_lossy(t).into_owned()),
    }
}

/// One name of the 首要污染物 field (2023: `细颗粒物(PM2.5)`, `臭氧1小时`; 2026:
/// `臭氧1小时(O3_1h)`, `二氧化硫(SO2)` …) as the real-time indicator it names.
pub fn primary_indicator(name: &str) -> Option<Indicator> {
    let n = name.trim();
    Some(match n {
        _ if n.contains("PM2.5") || n.contains("PM2_5") => Indicator::Pm25Hour,
        _ if n.contains("PM10") => Indicator::Pm10Hour,
        _ if n.starts_with("臭氧8小时") || n.contains("O3_8h") => Indicator::O3EightHour,
        _ if n.starts_with("臭氧") || n.contains("O3") => Indicator::O3Hour,
        _ if n.starts_with("二氧化氮") || n.contains("NO2") => Indicator::No2Hour,
        _ if n.starts_with("二氧化硫") || n.contains("SO2") => Indicator::So2Hour,
        _ if n.starts_with("一氧化碳") || n == "CO" || n.contains("(CO)") => Indicator::CoHour,
        _ => return None,
    })
}

/// The `primarypollutant` column: names separated by commas; empty and `NA` name nothing.
pub(crate) fn official_primary(raw: &[u8]) -> OfficialPrimary {
    let text = String::from_utf8_lossy(raw);
    let mut set = IndicatorSet::EMPTY;
    for name in text.split([',', '，']).map(str::trim) {
        if name.is_empty() || name == "NA" || name == "—" {
            continue;
        }
        match primary_indicator(name) {
            Some(i) => set.insert(i),
            None => return OfficialPrimary::Unknown(name.to_owned()),
        }
    }
    OfficialPrimary::Listed(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn readings_fast_and_slow_paths_agree() {
        for text in ["0", "12", "0.7", ".5", "007", "3.140", " 8 ", "1_0", "+5"] {
            assert_eq!(
                reading(Pollutant::Co, text.as_bytes()),
                Reading::parse(Pollutant::Co, text).map_err(air_error),
                "{text}"
            );
        }
        assert_eq!(reading(Pollutant::So2, b"NA"), Ok(Reading::Missing));
        assert_eq!(reading(Pollutant::So2, b"/"), Ok(Reading::NotInPlan));
        assert!(matches!(
            reading(Pollutant::So2, b"-3"),
            Err(RowErrorKind::Negative { .. })
        ));
        assert!(matches!(
            reading(Pollutant::So2, b"abc"),
            Err(RowErrorKind::NotANumber { .. })
        ));
        assert!(matches!(
            reading(Pollutant::So2, b"123456789012345678901234567890123"),
            Err(RowErrorKind::OutOfRange { .. })
        ));
    }

    #[test]
    fn time_labels_of_both_layouts() {
        let h = timepoint(b"2023-01-18T08:00:00").expect("2023 layout");
        assert_eq!((h.natural_day(), h.hour()), (date(2023, 1, 18), 8));
        assert_eq!(timepoint(b"2023-12-22T0900").map(|h| h.hour()), Ok(9));
        let midnight = timepoint(b"2026-03-01T0000").expect("midnight");
        assert_eq!(
            (midnight.natural_day(), midnight.hour()),
            (date(2026, 2, 28), 24)
        );
        assert_eq!(timepoint(b""), Err(RowErrorKind::Blank));
        assert!(matches!(
            timepoint(b"2023-01-18T25:00:00"),
            Err(RowErrorKind::OutOfRange { .. })
        ));
        assert!(matches!(
            timepoint(b"2023-01-18T08:30:00"),
            Err(RowErrorKind::OutOfRange { .. })
        ));
        assert!(matches!(
            timepoint(b"2023-02-30T08:00:00"),
            Err(RowErrorKind::Time { .. })
        ));
        assert!(matches!(
            timepoint(b"yesterday"),
            Err(RowErrorKind::Time { .. })
        ));
    }

    #[test]
    fn primary_names_of_both_years() {
        let OfficialPrimary::Listed(set) = official_primary("细颗粒物(PM2.5),臭氧1小时".as_bytes())
        else {
            panic!("known names")
        };
        assert!(set.contains(Indicator::Pm25Hour) && set.contains(Indicator::O3Hour));
        assert_eq!(
            official_primary("二氧化硫(SO2)".as_bytes()),
            OfficialPrimary::Listed([Indicator::So2Hour].into_iter().collect())
        );
        assert_eq!(
            official_primary(b"NA"),
            OfficialPrimary::Listed(IndicatorSet::EMPTY)
        );
        assert!(matches!(
            official_primary("沙尘".as_bytes()),
            OfficialPrimary::Unknown(_)
        ));
        assert_eq!(official_aqi(b"NA"), OfficialAqi::NotPublished);
        assert_eq!(official_aqi(b"61"), OfficialAqi::Published(61));
        assert!(matches!(official_aqi(b"501"), OfficialAqi::Invalid(_)));
    }
}
