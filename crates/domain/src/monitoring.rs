//! 监测 — monitoring stations and hourly air data as the system stores them.

use ecogov_standards::air::{HourEnding, Pollutant, Reading, Readings};
use rust_decimal::Decimal;
use std::fmt;

/// 监测点编码 — an air station's code in the national network (e.g. `1001A`), or a local code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StationCode(String);

/// Why a text is not a station code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("监测点编码“{0}”无效：应为 1–16 位字母、数字或 -_ (bad station code)")]
pub struct BadStationCode(pub String);

impl StationCode {
    /// Parses a code: 1–16 ASCII letters, digits, `-` or `_`, after trimming.
    pub fn parse(text: &str) -> Result<Self, BadStationCode> {
        let t = text.trim();
        let ok = !t.is_empty()
            && t.len() <= 16
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(t.to_string()))
        } else {
            Err(BadStationCode(text.to_string()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 控制级别 — who controls (and assesses) a station or section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ControlLevel {
    /// 国控
    National,
    /// 省控
    Provincial,
    /// 市控
    Municipal,
}

impl ControlLevel {
    /// The code used in files and the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::Provincial => "provincial",
            Self::Municipal => "municipal",
        }
    }

    /// Parses a code or its Chinese label (国控, 省控, 市控).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "national" | "国控" => Some(Self::National),
            "provincial" | "省控" => Some(Self::Provincial),
            "municipal" | "市控" => Some(Self::Municipal),
            _ => None,
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::National => "国控",
            Self::Provincial => "省控",
            Self::Municipal => "市控",
        }
    }
}

/// 空气监测站 — an air monitoring station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AirStation {
    /// 监测点编码.
    pub code: StationCode,
    /// 监测点名称.
    pub name: String,
    /// 城市.
    pub city: String,
    /// 经度, as written.
    pub longitude: Option<Decimal>,
    /// 纬度, as written.
    pub latitude: Option<Decimal>,
    /// 对照点 — a background station, excluded from the city value (HJ 663-2013 §4.3).
    pub control_point: bool,
    /// 控制级别.
    pub level: ControlLevel,
}

/// 数据状态 — real-time data as published each hour, or audited data that may revise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataStage {
    /// 实时数据.
    RealTime,
    /// 审核数据.
    Audited,
}

impl DataStage {
    /// The code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::RealTime => "realtime",
            Self::Audited => "audited",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "realtime" => Some(Self::RealTime),
            "audited" => Some(Self::Audited),
            _ => None,
        }
    }
}

/// 小时数据 — one station-hour of the six basic pollutants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AirHour {
    /// The station.
    pub station: StationCode,
    /// The hour, labelled by its end (HJ 663-2013 表A.1).
    pub hour: HourEnding,
    /// SO2, NO2, PM10, CO, O3 (1 h), PM2.5 (1 h).
    pub readings: Readings,
    /// Real-time or audited.
    pub stage: DataStage,
}

/// How a reading is stored: the value as exact decimal text, or a marker. `None` = 缺测.
pub fn reading_to_text(r: &Reading) -> Option<String> {
    match r {
        Reading::Value(c) => Some(c.value().normalize().to_string()),
        Reading::Missing => None,
        Reading::NotInPlan => Some("/".to_string()),
    }
}

/// Reads a stored reading back (the inverse of [`reading_to_text`]).
pub fn reading_from_text(
    pollutant: Pollutant,
    text: Option<&str>,
) -> Result<Reading, ecogov_standards::air::AirError> {
    match text {
        None => Ok(Reading::Missing),
        Some("/") => Ok(Reading::NotInPlan),
        Some(t) => Reading::value(pollutant, parse_exact(pollutant, t)?),
    }
}

fn parse_exact(
    pollutant: Pollutant,
    text: &str,
) -> Result<Decimal, ecogov_standards::air::AirError> {
    crate::number::parse_decimal(text).map_err(|_| ecogov_standards::air::AirError::NotANumber {
        pollutant,
        text: text.to_string(),
    })
}

/// Beijing time, UTC+8 with no daylight saving since 1991; Chinese monitoring data are labelled in it.
fn beijing() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(8))
}

/// The instant an hour ends, as Unix seconds — how the store keys hourly data.
pub fn hour_to_unix(hour: HourEnding) -> Result<i64, ecogov_standards::air::AirError> {
    let label = hour.label()?;
    let zoned = label
        .to_zoned_datetime(beijing())
        .map_err(|_| ecogov_standards::air::AirError::DateOutOfRange)?;
    Ok(zoned.timestamp().as_second())
}

/// The hour ending at the instant `seconds` (the inverse of [`hour_to_unix`]).
pub fn hour_from_unix(seconds: i64) -> Result<HourEnding, ecogov_standards::air::AirError> {
    let ts = jiff::Timestamp::from_second(seconds)
        .map_err(|_| ecogov_standards::air::AirError::DateOutOfRange)?;
    HourEnding::from_label(ts.to_zoned_datetime(beijing()).datetime())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn station_codes() {
        assert_eq!(
            StationCode::parse(" 1001A ").map(|c| c.to_string()),
            Ok("1001A".to_string())
        );
        for bad in ["", "潜阳中路站", "a b", "12345678901234567"] {
            assert!(StationCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn readings_round_trip_through_text() {
        for (p, r) in [
            (
                Pollutant::So2,
                Reading::value(Pollutant::So2, Decimal::new(120, 1)).expect("value"),
            ),
            (Pollutant::Co, Reading::Missing),
            (Pollutant::Pm10, Reading::NotInPlan),
        ] {
            let text = reading_to_text(&r);
            assert_eq!(reading_from_text(p, text.as_deref()), Ok(r));
        }
        assert!(reading_from_text(Pollutant::O3, Some("abc")).is_err());
    }

    #[test]
    fn hours_round_trip_through_unix_seconds() {
        let h = HourEnding::new(jiff::civil::Date::constant(2023, 1, 17), 24).expect("hour");
        let s = hour_to_unix(h).expect("seconds");
        // 2023-01-18 00:00 +08:00 = 2023-01-17 16:00 UTC
        assert_eq!(s, 1_673_971_200);
        assert_eq!(hour_from_unix(s), Ok(h));
        assert!(hour_from_unix(s + 60).is_err(), "not on the hour");
    }

    #[test]
    fn control_levels() {
        assert_eq!(ControlLevel::parse("国控"), Some(ControlLevel::National));
        assert_eq!(
            ControlLevel::parse(ControlLevel::Municipal.code()),
            Some(ControlLevel::Municipal)
        );
        assert_eq!(ControlLevel::parse("x"), None);
    }
}
