//! Field parsers shared by the long, wide, workbook and water readers: times, pollutant names,
//! concentrations, flags and data stages.

use ecogov_domain::monitoring::{DataStage, StationCode};
use ecogov_standards::air::{AirError, HourEnding, Pollutant, Reading};
use jiff::civil::{Date, DateTime, Time};

use crate::error::RowErrorKind;

/// Parses `YYYY-MM-DD`, optionally followed by ` HH:MM` or ` HH:MM:SS` (a `T` may replace the
/// space). Spreadsheets re-saving CSV write `2023/5/1 4:00`, so `/` is accepted between the date
/// parts and month, day and hour may have one digit. `need_time` refuses a date alone.
pub(crate) fn date_time(
    text: &str,
    need_time: bool,
    expected: &'static str,
) -> Result<DateTime, RowErrorKind> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RowErrorKind::Blank);
    }
    let bad = || RowErrorKind::BadTime {
        text: t.to_owned(),
        expected,
    };
    let (date_part, time_part) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, Some(rest.trim())),
        None => (t, None),
    };
    let mut parts = date_part.split(['-', '/']);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let year = number(y, 4, 4).ok_or_else(bad)?;
    let month = number(m, 1, 2).ok_or_else(bad)?;
    let day = number(d, 1, 2).ok_or_else(bad)?;
    let date = Date::new(year, month as i8, day as i8).map_err(|_| out_of_range(t))?;
    let time = match time_part {
        None if need_time => return Err(bad()),
        None => Time::midnight(),
        Some(tp) => {
            let mut parts = tp.split(':');
            let (Some(h), Some(mi), s, None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            let hour = number(h, 1, 2).ok_or_else(bad)?;
            let minute = number(mi, 2, 2).ok_or_else(bad)?;
            let second = match s {
                Some(s) => number(s, 2, 2).ok_or_else(bad)?,
                None => 0,
            };
            Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| out_of_range(t))?
        }
    };
    Ok(DateTime::from_parts(date, time))
}

fn out_of_range(text: &str) -> RowErrorKind {
    RowErrorKind::OutOfRange {
        text: text.to_owned(),
        allowed: "不存在的日期或时刻：月 1–12，日按月，时 0–23，分秒 0–59 (no such date or time)",
    }
}

/// An unsigned number of `min..=max` ASCII digits.
fn number(text: &str, min: usize, max: usize) -> Option<i16> {
    if !(min..=max).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The hour a label names: a full hour, labelled by its end (HJ 663-2013 表A.1; a label at
/// 00:00 is hour 24 of the previous day).
pub(crate) fn hour_label(label: DateTime, text: &str) -> Result<HourEnding, RowErrorKind> {
    HourEnding::from_label(label).map_err(|_| RowErrorKind::OutOfRange {
        text: text.trim().to_owned(),
        allowed: "须为整点 (must be on a full hour)",
    })
}

/// A pollutant by symbol (any letter case: `SO2`, `pm2.5`, `PM2_5`) or Chinese name (`二氧化硫`,
/// `细颗粒物`, HJ 633 names with the symbol in brackets).
pub(crate) fn pollutant(text: &str) -> Option<Pollutant> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    Some(match upper.as_str() {
        "SO2" | "二氧化硫" | "二氧化硫(SO2)" => Pollutant::So2,
        "NO2" | "二氧化氮" | "二氧化氮(NO2)" => Pollutant::No2,
        "CO" | "一氧化碳" | "一氧化碳(CO)" => Pollutant::Co,
        "O3" | "臭氧" | "臭氧(O3)" => Pollutant::O3,
        "PM10" | "颗粒物(PM10)" | "可吸入颗粒物" | "可吸入颗粒物(PM10)" => {
            Pollutant::Pm10
        }
        "PM2.5" | "PM2_5" | "PM25" | "细颗粒物" | "细颗粒物(PM2.5)" => Pollutant::Pm25,
        _ => return None,
    })
}

/// One concentration: a non-negative decimal read exactly from its text, or a missing marker —
/// empty or `NA` (缺测/无效) or `/` (未纳入监测方案), as [`Reading::parse`]. Only plain decimals
/// are accepted (no exponent, no `_` separators).
pub(crate) fn reading(pollutant: Pollutant, text: &str) -> Result<Reading, RowErrorKind> {
    let t = text.trim();
    let plain = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'));
    if !plain && !matches!(t, "NA" | "/") {
        return Err(RowErrorKind::NotANumber { text: t.to_owned() });
    }
    Reading::parse(pollutant, t).map_err(|e| match e {
        AirError::NegativeConcentration { value, .. } => RowErrorKind::Negative { value },
        _ => RowErrorKind::NotANumber { text: t.to_owned() },
    })
}

/// 数据标识 — the quality flag of one value in the long form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flag {
    /// 有效 — the value stands (empty flag, `valid`).
    Valid,
    /// 无效 — missing or invalidated (`invalid`): stored as missing, whatever the value.
    Invalid,
    /// 未纳入监测方案 — not in the station's monitoring plan (`notinplan`, `/`).
    NotInPlan,
}

/// Parses a flag (any letter case; Chinese labels accepted).
pub(crate) fn flag(text: &str) -> Result<Flag, RowErrorKind> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "" | "valid" | "有效" => Ok(Flag::Valid),
        "invalid" | "na" | "无效" | "缺测" => Ok(Flag::Invalid),
        "notinplan" | "/" | "未纳入监测方案" => Ok(Flag::NotInPlan),
        _ => Err(RowErrorKind::OutOfRange {
            text: t.to_owned(),
            allowed: "空、valid、invalid 或 notinplan (empty, valid, invalid or notinplan)",
        }),
    }
}

/// Parses a data stage; empty is `default`.
pub(crate) fn stage(text: &str, default: DataStage) -> Result<DataStage, RowErrorKind> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "realtime" | "实时" | "实时数据" => Ok(DataStage::RealTime),
        "audited" | "审核" | "审核数据" => Ok(DataStage::Audited),
        _ => Err(RowErrorKind::OutOfRange {
            text: t.to_owned(),
            allowed: "realtime 或 audited (realtime or audited)",
        }),
    }
}

/// A station code (1–16 ASCII letters, digits, `-`, `_`).
pub(crate) fn station(text: &str) -> Result<StationCode, RowErrorKind> {
    if text.trim().is_empty() {
        return Err(RowErrorKind::Blank);
    }
    StationCode::parse(text).map_err(|_| RowErrorKind::OutOfRange {
        text: text.trim().to_owned(),
        allowed: "监测点编码：1–16 位字母、数字或 -_ (station code: 1–16 letters, digits, - or _)",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::datetime;
    use rust_decimal::Decimal;

    #[test]
    fn times() {
        let f = "YYYY-MM-DD HH:MM[:SS]";
        assert_eq!(
            date_time("2023-05-01 04:00", true, f),
            Ok(datetime(2023, 5, 1, 4, 0, 0, 0))
        );
        assert_eq!(
            date_time("2023/5/1 4:00:00", true, f),
            Ok(datetime(2023, 5, 1, 4, 0, 0, 0))
        );
        assert_eq!(
            date_time("2023-05-01", false, f),
            Ok(datetime(2023, 5, 1, 0, 0, 0, 0))
        );
        assert!(matches!(
            date_time("2023-05-01", true, f),
            Err(RowErrorKind::BadTime { .. })
        ));
        assert!(matches!(
            date_time("2023-02-30 01:00", true, f),
            Err(RowErrorKind::OutOfRange { .. })
        ));
        assert!(matches!(
            date_time("2023-05-01 24:00", true, f),
            Err(RowErrorKind::OutOfRange { .. })
        ));
        for bad in [
            "x",
            "2023-05-01 4",
            "２０２３-05-01 04:00",
            "2023-05-01 04:00:00:00",
        ] {
            assert!(
                matches!(date_time(bad, true, f), Err(RowErrorKind::BadTime { .. })),
                "{bad}"
            );
        }
        assert_eq!(date_time(" ", true, f), Err(RowErrorKind::Blank));
    }

    #[test]
    fn names_flags_values() {
        assert_eq!(pollutant("pm2.5"), Some(Pollutant::Pm25));
        assert_eq!(pollutant("二氧化硫"), Some(Pollutant::So2));
        assert_eq!(pollutant("NH3"), None);
        assert_eq!(flag("NotInPlan"), Ok(Flag::NotInPlan));
        assert!(flag("bad").is_err());
        assert_eq!(stage("", DataStage::RealTime), Ok(DataStage::RealTime));
        assert_eq!(
            stage("Audited", DataStage::RealTime),
            Ok(DataStage::Audited)
        );
        assert_eq!(
            reading(Pollutant::Co, "0.7").map(Reading::get),
            Ok(Some(Decimal::new(7, 1)))
        );
        assert_eq!(
            reading(Pollutant::Co, "-1"),
            Err(RowErrorKind::Negative {
                value: Decimal::from(-1)
            })
        );
        for bad in ["1e3", "1_0", "abc", "1.2.3", "--"] {
            assert!(
                matches!(
                    reading(Pollutant::So2, bad),
                    Err(RowErrorKind::NotANumber { .. })
                ),
                "{bad}"
            );
        }
    }
}
