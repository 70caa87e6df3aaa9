//! The daily wide air CSV widely circulated as `china_sites_YYYYMMDD.csv` (日报宽表): one row per
//! hour and indicator, one column per station — `date,hour,type,<监测点编码>…`.
//!
//! - `date`: `YYYYMMDD`; `hour`: 0–23, the label of the hour's *end* (HJ 663-2013 表A.1), so
//!   `date=20230502,hour=0` is hour 24 of 1 May ([`HourEnding::from_label`]).
//! - `type` cycles `AQI, PM2.5, PM2.5_24h, PM10, PM10_24h, SO2, SO2_24h, NO2, NO2_24h, O3, O3_24h,
//!   O3_8h, O3_8h_24h, CO, CO_24h`. Only the six 1-hour means (SO2, NO2, CO, O3, PM10, PM2.5) are
//!   kept; AQI and the moving means are derived and ignored (the engine computes its own).
//! - A cell is a plain decimal (µg/m³; CO mg/m³); empty (or `NA`) is missing, `/` not in plan.
//!
//! A station with all six cells empty in an hour gives no [`AirHour`] for it. The data are the
//! real-time publication, so every hour is [`DataStage::RealTime`]. A bad cell is reported with
//! its line and its station column and withholds that station-hour; the other stations of the
//! row are kept. Header columns that are not station codes, or repeat one, are reported on the
//! header line and their cells ignored; unnamed columns (a trailing comma) are ignored. A header
//! without any station code column is not this format ([`FileError::MissingColumn`]).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ecogov_domain::monitoring::{AirHour, DataStage, StationCode};
use ecogov_standards::air::{HourEnding, Pollutant, Readings};
use jiff::civil::{Date, DateTime, Time};

use crate::error::{FileError, RowErrorKind};
use crate::long::{self, Table};

pub use crate::long::{Parsed, Record};

/// Reads a wide daily CSV file (UTF-8 or GBK/GB18030).
pub fn read(path: &Path) -> Result<Parsed<AirHour>, FileError> {
    let file = FileError::open(path)?;
    from_reader(path, file)
}

/// Reads wide daily CSV from any source; `name` is the file named in errors.
pub fn from_reader<R: Read + Send + 'static>(
    name: &Path,
    reader: R,
) -> Result<Parsed<AirHour>, FileError> {
    parse(Table::from_reader(name, reader)?)
}

/// What a `type` row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A 1-hour mean, kept.
    Hourly(Pollutant),
    /// AQI or a moving mean, ignored.
    Derived,
}

fn kind(text: &str) -> Option<Kind> {
    let t = text.trim().to_ascii_uppercase();
    Some(match t.as_str() {
        "SO2" => Kind::Hourly(Pollutant::So2),
        "NO2" => Kind::Hourly(Pollutant::No2),
        "CO" => Kind::Hourly(Pollutant::Co),
        "O3" => Kind::Hourly(Pollutant::O3),
        "PM10" => Kind::Hourly(Pollutant::Pm10),
        "PM2.5" | "PM2_5" => Kind::Hourly(Pollutant::Pm25),
        "AQI" | "PM2.5_24H" | "PM2_5_24H" | "PM10_24H" | "SO2_24H" | "NO2_24H" | "O3_24H"
        | "O3_8H" | "O3_8H_24H" | "CO_24H" => Kind::Derived,
        _ => return None,
    })
}

/// One hour of the file: every station's readings.
struct Block {
    hour: HourEnding,
    line: u64,
    /// Line of each pollutant's row, 0 when none yet.
    lines: [u64; 6],
    readings: Vec<Readings>,
    present: Vec<bool>,
    spoiled: Vec<bool>,
}

fn parse(mut table: Table) -> Result<Parsed<AirHour>, FileError> {
    let find = |name: &'static str| {
        table
            .find(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| table.missing(name))
    };
    let (date_col, hour_col, type_col) = (find("date")?, find("hour")?, find("type")?);
    let mut out = Parsed::default();
    // (column, station) for every station column.
    let mut stations: Vec<(usize, StationCode)> = Vec::new();
    let mut seen: HashMap<StationCode, usize> = HashMap::new();
    for (i, name) in table.header.iter().enumerate() {
        if [date_col, hour_col, type_col].contains(&i) || name.is_empty() {
            continue;
        }
        match long::station(name) {
            Ok(code) if seen.contains_key(&code) => {
                let kind = RowErrorKind::Duplicate {
                    first_line: table.header_line,
                };
                out.errors
                    .push(table.error(table.header_line, Some(i), kind));
            }
            Ok(code) => {
                seen.insert(code.clone(), i);
                stations.push((i, code));
            }
            Err(kind) => out
                .errors
                .push(table.error(table.header_line, Some(i), kind)),
        }
    }
    if stations.is_empty() {
        return Err(table.missing("监测点编码 (station code columns)"));
    }
    let mut index: HashMap<HourEnding, usize> = HashMap::new();
    let mut blocks: Vec<Block> = Vec::new();
    while let Some(row) = table.next_row() {
        let line = match row {
            Ok(line) => line,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let hour = match hour_of(&table.field(date_col), &table.field(hour_col)) {
            Ok(h) => h,
            Err((is_date, kind)) => {
                let col = if is_date { date_col } else { hour_col };
                out.errors.push(table.error(line, Some(col), kind));
                continue;
            }
        };
        let type_text = table.field(type_col);
        let pollutant = match kind(&type_text) {
            Some(Kind::Hourly(p)) => p,
            Some(Kind::Derived) => continue,
            None => {
                let kind = if type_text.is_empty() {
                    RowErrorKind::Blank
                } else {
                    RowErrorKind::UnknownPollutant { text: type_text }
                };
                out.errors.push(table.error(line, Some(type_col), kind));
                continue;
            }
        };
        let b = *index.entry(hour).or_insert_with(|| {
            blocks.push(Block {
                hour,
                line,
                lines: [0; 6],
                readings: vec![Readings::default(); stations.len()],
                present: vec![false; stations.len()],
                spoiled: vec![false; stations.len()],
            });
            blocks.len() - 1
        });
        let block = &mut blocks[b];
        let first_line = block.lines[pollutant.index()];
        if first_line != 0 {
            let kind = RowErrorKind::Duplicate { first_line };
            out.errors.push(table.error(line, Some(type_col), kind));
            continue;
        }
        block.lines[pollutant.index()] = line;
        for (s, (col, _)) in stations.iter().enumerate() {
            let cell = table.field(*col);
            match long::reading(pollutant, &cell) {
                Ok(r) => {
                    block.readings[s].set(pollutant, r);
                    block.present[s] |= !cell.is_empty();
                }
                Err(kind) => {
                    block.spoiled[s] = true;
                    out.errors.push(table.error(line, Some(*col), kind));
                }
            }
        }
    }
    for block in blocks {
        for (s, (_, code)) in stations.iter().enumerate() {
            if block.present[s] && !block.spoiled[s] {
                out.records.push(Record {
                    line: block.line,
                    value: AirHour {
                        station: code.clone(),
                        hour: block.hour,
                        readings: block.readings[s],
                        stage: DataStage::RealTime,
                    },
                });
            }
        }
    }
    Ok(out)
}

/// The hour of `date` (`YYYYMMDD`) and `hour` (0–23, end label); on error, whether the date is
/// at fault.
fn hour_of(date: &str, hour: &str) -> Result<HourEnding, (bool, RowErrorKind)> {
    let bad_date = || {
        (
            true,
            RowErrorKind::BadTime {
                text: date.to_owned(),
                expected: "YYYYMMDD",
            },
        )
    };
    if date.is_empty() {
        return Err((true, RowErrorKind::Blank));
    }
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_date());
    }
    let n = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<i16>().ok());
    let (Some(y), Some(m), Some(d)) = (n(0..4), n(4..6), n(6..8)) else {
        return Err(bad_date());
    };
    let day = Date::new(y, m as i8, d as i8).map_err(|_| {
        (
            true,
            RowErrorKind::OutOfRange {
                text: date.to_owned(),
                allowed: "不存在的日期 (no such date)",
            },
        )
    })?;
    if hour.is_empty() {
        return Err((false, RowErrorKind::Blank));
    }
    let h = match hour.parse::<i8>() {
        Ok(h) if (0..=23).contains(&h) && hour.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => {
            return Err((
                false,
                RowErrorKind::OutOfRange {
                    text: hour.to_owned(),
                    allowed: "0–23（小时结束时刻）(0–23, the end of the hour)",
                },
            ));
        }
    };
    let time = Time::new(h, 0, 0, 0).map_err(|_| (false, RowErrorKind::Blank))?;
    long::hour_label(DateTime::from_parts(day, time), hour).map_err(|k| (false, k))
}

#[cfg(test)]
mod tests;
