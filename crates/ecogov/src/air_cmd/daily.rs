//! Station-days from hourly rows, and `ecogov air daily`.
//!
//! Hours are grouped by natural day with the hour-ending convention ([`HourEnding`]: the hour
//! labelled 00:00 is hour 24 of the previous day; HJ 663-2013 表A.1). `air daily` writes a day
//! once the input has moved two days past it, so memory holds about three days of stations
//! however many files are given; the files must therefore come roughly in time order (a row
//! for a day already written is reported, not silently dropped).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use ecogov_io::cnemc::HourlyRow;
use ecogov_standards::air::daily::DayHours;
use ecogov_standards::air::{DailyValues, DayRecord, Edition, LimitSet, Pollutant, Reading};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Outcome, csv_field, for_each_row, report};

const WRITE: &str = "写入标准输出失败 (cannot write to standard output)";

/// The hourly values of one station and natural day.
#[derive(Debug, Clone)]
pub(super) struct StationDay {
    pub area: String,
    pub name: String,
    pub hours: Box<DayHours>,
    pub rows: u8,
}

impl StationDay {
    fn new(row: &HourlyRow) -> StationDay {
        StationDay {
            area: row.area.clone(),
            name: row.position_name.clone(),
            hours: Box::new([[None; 24]; 6]),
            rows: 0,
        }
    }

    fn add(&mut self, row: &HourlyRow) {
        let k = row.hour.index();
        for p in Pollutant::ALL {
            self.hours[p.index()][k] = match row.readings.get(p) {
                Reading::Value(c) => Some(c.value()),
                Reading::Missing | Reading::NotInPlan => None,
            };
        }
        self.rows = self.rows.saturating_add(1);
    }

    /// Daily values (GB 3095 表4 validity; limits in force on the day for the O3 exceedance
    /// exceptions).
    pub fn values(&self, date: Date) -> DailyValues {
        DailyValues::from_hours(&self.hours, LimitSet::for_date(date))
    }
}

/// The day record HJ 663 statistics take: reported daily values, `None` where invalid.
pub(super) fn day_record(date: Date, values: &DailyValues) -> DayRecord {
    DayRecord::from_daily(date, values)
}

/// Station-days being filled, by natural day then station code.
#[derive(Debug, Default)]
pub(super) struct Days {
    pub days: BTreeMap<Date, HashMap<String, StationDay>>,
    /// Days before this one have been written and dropped.
    written_before: Option<Date>,
}

impl Days {
    /// Adds a row; `false` if its day was already written.
    pub fn add(&mut self, row: &HourlyRow) -> bool {
        let day = row.hour.natural_day();
        if self.written_before.is_some_and(|d| day < d) {
            return false;
        }
        self.days
            .entry(day)
            .or_default()
            .entry(row.station.as_str().to_owned())
            .or_insert_with(|| StationDay::new(row))
            .add(row);
        true
    }

    /// Removes and returns the days more than two days older than the newest one.
    fn take_settled(&mut self) -> Vec<(Date, HashMap<String, StationDay>)> {
        let Some(newest) = self.days.keys().next_back().copied() else {
            return Vec::new();
        };
        let Ok(cut) = newest.checked_sub(jiff::Span::new().days(2)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Some(entry) = self.days.first_entry() {
            if *entry.key() >= cut {
                break;
            }
            out.push(entry.remove_entry());
        }
        if !out.is_empty() {
            self.written_before = Some(cut);
        }
        out
    }

    fn take_all(&mut self) -> Vec<(Date, HashMap<String, StationDay>)> {
        std::mem::take(&mut self.days).into_iter().collect()
    }
}

pub(super) fn late_row(file: &Arc<Path>, row: &HourlyRow) {
    report(&format_args!(
        "{}:{}:timepoint: 该日已输出，文件须按时间顺序给出 (this day was already written: give the files in time order)",
        file.display(),
        row.line
    ));
}

#[derive(Serialize)]
struct DailyJson<'a> {
    date: String,
    station: &'a str,
    area: &'a str,
    name: &'a str,
    rows: u8,
    edition: &'static str,
    so2: serde_json::Value,
    no2: serde_json::Value,
    co: serde_json::Value,
    pm10: serde_json::Value,
    pm2_5: serde_json::Value,
    o3_8h_max: serde_json::Value,
    o3_1h_max: serde_json::Value,
    aqi: Option<u16>,
    primary_pollutants: Option<Vec<&'static str>>,
    level: Option<&'static str>,
    category: Option<&'static str>,
}

fn text(v: Option<Decimal>) -> String {
    v.map_or_else(|| "NA".to_owned(), |d| d.to_string())
}

fn json_value(v: Option<Decimal>) -> serde_json::Value {
    v.map_or(serde_json::Value::Null, crate::json::number)
}

/// Writes the settled days, stations in code order.
fn write_days(
    out: &mut impl Write,
    json: bool,
    first: &mut bool,
    days: Vec<(Date, HashMap<String, StationDay>)>,
) -> anyhow::Result<()> {
    for (date, stations) in days {
        let mut stations: Vec<_> = stations.into_iter().collect();
        stations.sort_by(|a, b| a.0.cmp(&b.0));
        let edition = Edition::for_date(date);
        for (code, day) in &stations {
            let values = day.values(date);
            let record = day_record(date, &values);
            let published = values.report(edition).published();
            if json {
                let o = DailyJson {
                    date: date.to_string(),
                    station: code,
                    area: &day.area,
                    name: &day.name,
                    rows: day.rows,
                    edition: edition.name(),
                    so2: json_value(record.means[Pollutant::So2.index()]),
                    no2: json_value(record.means[Pollutant::No2.index()]),
                    co: json_value(record.means[Pollutant::Co.index()]),
                    pm10: json_value(record.means[Pollutant::Pm10.index()]),
                    pm2_5: json_value(record.means[Pollutant::Pm25.index()]),
                    o3_8h_max: json_value(record.o3_max_eight_hour),
                    o3_1h_max: json_value(record.o3_max_hour),
                    aqi: published.map(|s| s.aqi.get()),
                    primary_pollutants: published
                        .map(|s| s.primary.iter().map(|i| i.primary_name_zh()).collect()),
                    level: published.map(|s| s.level.level_zh()),
                    category: published.map(|s| s.level.category_zh()),
                };
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer(&mut *out, &o).context("JSON")?;
            } else {
                write!(out, "{date},")?;
                csv_field(out, code)?;
                out.write_all(b",")?;
                csv_field(out, &day.area)?;
                write!(out, ",{}", day.rows)?;
                for p in [
                    Pollutant::So2,
                    Pollutant::No2,
                    Pollutant::Co,
                    Pollutant::Pm10,
                ] {
                    write!(out, ",{}", text(record.means[p.index()]))?;
                }
                write!(
                    out,
                    ",{},{},{}",
                    text(record.means[Pollutant::Pm25.index()]),
                    text(record.o3_max_eight_hour),
                    text(record.o3_max_hour)
                )?;
                match published {
                    Some(s) => {
                        write!(out, ",{},", s.aqi.get())?;
                        let names: Vec<&str> =
                            s.primary.iter().map(|i| i.primary_name_zh()).collect();
                        csv_field(out, &names.join(","))?;
                        writeln!(out, ",{}", s.level.level_zh())?;
                    }
                    None => out.write_all(b",NA,NA,NA\n")?,
                }
            }
        }
    }
    Ok(())
}

/// `ecogov air daily FILE... [--json]`.
pub(super) fn run(files: &[PathBuf], json: bool) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    if !json {
        writeln!(
            out,
            "date,stationcode,area,hours,so2,no2,co,pm10,pm2_5,o3_8h_max,o3_1h_max,aqi,primary_pollutants,level"
        )
        .context(WRITE)?;
    }
    let mut days = Days::default();
    let mut first = true;
    let mut late = 0u64;
    let mut outcome = for_each_row(
        files,
        |file, row| {
            if !days.add(row) {
                late += 1;
                late_row(file, row);
                return Ok(());
            }
            if days.days.len() > 3 {
                write_days(&mut out, json, &mut first, days.take_settled()).context(WRITE)?;
            }
            Ok(())
        },
        |_| {},
    )?;
    write_days(&mut out, json, &mut first, days.take_all()).context(WRITE)?;
    if json {
        out.write_all(if first { b"[]\n" } else { b"\n]\n" })
            .context(WRITE)?;
    }
    out.flush().context(WRITE)?;
    outcome.bad_rows += late;
    Ok(outcome)
}
