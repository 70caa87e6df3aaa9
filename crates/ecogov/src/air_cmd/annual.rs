//! `ecogov air annual FILE... (--station CODE | --city NAME)`: HJ 663 statistics of one station
//! or one city over a period, from the hourly files.
//!
//! Only the rows of the station or city asked for are kept (about 3 KB per station-day), so a
//! year of files for a city stays small. A city value is the mean over its stations, 对照点
//! excluded when a station list says which they are ([`city_day`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use ecogov_io::station_list::{self, same_city};
use ecogov_standards::air::stats::evaluate_period;
use ecogov_standards::air::{
    DayRecord, Grade, Level, LimitSet, Period, PeriodStats, Pollutant, StationDay, city_day,
};
use ecogov_standards::rounding::gb8170;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::daily::{Days, day_record, late_row};
use super::{Outcome, for_each_row, report};
use crate::json::number;
use crate::output;

/// Whose statistics.
#[derive(Debug, Clone)]
pub(super) enum Who {
    /// 站点 — one station, by code.
    Station(String),
    /// 城市 — one city, by the feed's `area` name (市 optional).
    City(String),
}

/// Options of `air annual`.
#[derive(Debug)]
pub(super) struct Options<'a> {
    pub who: Who,
    pub period: Option<&'a str>,
    pub stations: Option<&'a Path>,
    pub json: bool,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD..YYYY-MM-DD`.
fn parse_period(text: &str) -> anyhow::Result<Period> {
    let bad = || {
        anyhow::anyhow!(
            "无效的时段 {text:?}，应为 YYYY、YYYY-MM 或 YYYY-MM-DD..YYYY-MM-DD (invalid period)"
        )
    };
    if let Some((a, b)) = text.split_once("..") {
        let first: Date = a.trim().parse().map_err(|_| bad())?;
        let last: Date = b.trim().parse().map_err(|_| bad())?;
        if last < first {
            return Err(bad());
        }
        return Ok(Period::Range { first, last });
    }
    match text.split_once('-') {
        None => Ok(Period::Year(text.trim().parse().map_err(|_| bad())?)),
        Some((y, m)) => {
            let year: i16 = y.parse().map_err(|_| bad())?;
            let month: i8 = m.parse().map_err(|_| bad())?;
            Date::new(year, month, 1).map_err(|_| bad())?;
            Ok(Period::Month { year, month })
        }
    }
}

fn last_day(period: Period) -> Option<Date> {
    match period {
        Period::Year(y) => Date::new(y, 12, 31).ok(),
        Period::Month { year, month } => Date::new(year, month, 1).ok().map(|d| d.last_of_month()),
        Period::Range { last, .. } => Some(last),
    }
}

fn limits_name(limits: LimitSet) -> &'static str {
    match limits {
        LimitSet::Gb3095_2012 => "GB 3095-2012",
        LimitSet::Gb3095_2026Transitional => "GB 3095-2026 过渡阶段 (transitional)",
        LimitSet::Gb3095_2026Final => "GB 3095-2026 最终 (final)",
    }
}

fn period_name(period: Period) -> String {
    match period {
        Period::Year(y) => format!("{y}"),
        Period::Month { year, month } => format!("{year}-{month:02}"),
        Period::Range { first, last } => format!("{first}..{last}"),
    }
}

pub(super) fn run(files: &[PathBuf], options: &Options<'_>) -> anyhow::Result<Outcome> {
    let control: HashMap<String, bool> = match options.stations {
        Some(path) => {
            let (list, errors) = station_list::read(path)?;
            for e in &errors {
                report(e);
            }
            list.into_iter()
                .map(|s| (s.code, s.control_point))
                .collect()
        }
        None => HashMap::new(),
    };
    let wanted = |row: &ecogov_io::cnemc::HourlyRow| match &options.who {
        Who::Station(code) => row.station.as_str() == code,
        Who::City(name) => same_city(&row.area, name),
    };
    let mut days = Days::default();
    let mut late = 0u64;
    let mut outcome = for_each_row(
        files,
        |file, row| {
            if wanted(row) && !days.add(row) {
                late += 1;
                late_row(file, row);
            }
            Ok(())
        },
        |_| {},
    )?;
    let mut records: Vec<DayRecord> = Vec::new();
    let mut members: Vec<(String, String, bool)> = Vec::new();
    for (date, stations) in &days.days {
        let station_days: Vec<StationDay> = stations
            .iter()
            .map(|(code, day)| {
                if !members.iter().any(|m| &m.0 == code) {
                    let is_control = control.get(code).copied().unwrap_or(false);
                    members.push((code.clone(), day.name.clone(), is_control));
                }
                StationDay {
                    record: day_record(*date, &day.values(*date)),
                    control_point: control.get(code).copied().unwrap_or(false),
                }
            })
            .collect();
        let record = match &options.who {
            Who::Station(_) => station_days.first().map(|s| s.record),
            Who::City(_) => city_day(*date, &station_days),
        };
        records.extend(record);
    }
    members.sort();
    let (Some(first), Some(last)) = (records.first(), records.last()) else {
        let who = match &options.who {
            Who::Station(code) => format!("站点 (station) {code}"),
            Who::City(name) => format!("城市 (city) {name}"),
        };
        bail!("文件中没有{who}的有效数据 (no usable data for {who} in the files)");
    };
    let period = match options.period {
        Some(text) => parse_period(text)?,
        None if first.date.year() == last.date.year() => Period::Year(first.date.year()),
        None => Period::Range {
            first: first.date,
            last: last.date,
        },
    };
    let limits =
        LimitSet::for_date(last_day(period).context("时段超出范围 (period out of range)")?);
    let stats = evaluate_period(period, &records, limits, Grade::Two);
    if options.json {
        output::json(&to_json(options, &members, &stats))?;
    } else {
        print_text(options, &members, &stats, control.is_empty())?;
    }
    outcome.bad_rows += late;
    Ok(outcome)
}

fn dec_text(v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "达标 (attains)",
        Some(false) => "超标 (exceeds)",
        None => "无法判定 (undetermined)",
    }
}

fn print_text(
    options: &Options<'_>,
    members: &[(String, String, bool)],
    stats: &PeriodStats,
    no_list: bool,
) -> anyhow::Result<()> {
    let who = match &options.who {
        Who::Station(code) => {
            let name = members.first().map(|m| m.1.as_str()).unwrap_or("");
            format!("站点 (station) {code} {name}")
        }
        Who::City(name) => {
            let controls = members.iter().filter(|m| m.2).count();
            let mut s = format!(
                "城市 (city) {name}: {} 个站点 (stations), 其中对照点 (control points, excluded) {controls}",
                members.len()
            );
            if no_list {
                s.push_str(
                    "；未给 --stations 站点列表，无法识别对照点 (no --stations list: control points cannot be recognised)",
                );
            }
            s
        }
    };
    output::line(&who)?;
    output::line(&format!(
        "时段 (period) {}; 限值 (limits) {} 二级 (Grade II)",
        period_name(stats.period),
        limits_name(stats.limits)
    ))?;
    let mut rows = vec![vec![
        "污染物 (pollutant)".to_owned(),
        "有效天数 (valid days)".to_owned(),
        "平均 (mean)".to_owned(),
        "百分位数 (percentile)".to_owned(),
        "达标 (attainment)".to_owned(),
    ]];
    for s in &stats.pollutants {
        let days = match stats.period.required_days() {
            Some(r) => format!(
                "{}/{r}{}",
                s.valid_days,
                if s.valid { "" } else { " 不足 (too few)" }
            ),
            None => s.valid_days.to_string(),
        };
        let mean = if s.pollutant == Pollutant::O3 || s.pollutant == Pollutant::Co {
            format!("{} *", dec_text(s.mean))
        } else {
            dec_text(s.mean)
        };
        rows.push(vec![
            s.pollutant.symbol().to_owned(),
            days,
            mean,
            format!("P{} {}", s.percentile_rank, dec_text(s.percentile)),
            yes_no(s.attains).to_owned(),
        ]);
    }
    output::line(output::table(&rows).trim_end())?;
    output::line(
        "* O3 为日最大8小时平均、CO 为日均值的时段平均，仅供参考，评价用百分位数 (O3: mean of daily maximum 8-hour means, CO: mean of daily means; both are judged on the percentile)",
    )?;
    let levels: Vec<String> = Level::ALL
        .iter()
        .zip(stats.level_days)
        .map(|(l, n)| format!("{} {n}", l.level_zh()))
        .collect();
    output::line(&format!(
        "日 AQI 天数 (days with a daily AQI) {}: {}",
        stats.aqi_days,
        levels.join(", ")
    ))?;
    output::line(&format!(
        "优良天数 (good days) {}, 优良天数比例 (good-day ratio) {} %",
        stats.good_days,
        dec_text(stats.good_ratio_percent.map(|r| gb8170(r, 1)))
    ))?;
    output::line(&format!(
        "重污染天数 (heavy-pollution days, AQI > 200) {}",
        stats.heavy_days
    ))?;
    output::line(&format!(
        "综合指数 (comprehensive index) {}",
        dec_text(stats.comprehensive_index.map(|c| gb8170(c.total, 2)))
    ))?;
    output::line(&format!(
        "六项污染物 (all six pollutants): {}",
        yes_no(stats.attains_all)
    ))
}

#[derive(Serialize)]
struct PollutantJson {
    pollutant: &'static str,
    valid_days: usize,
    required_days: Option<usize>,
    valid: bool,
    mean: serde_json::Value,
    percentile_rank: u32,
    percentile: serde_json::Value,
    attains: Option<bool>,
}

#[derive(Serialize)]
struct AnnualJson {
    station: Option<String>,
    city: Option<String>,
    stations: Vec<StationJson>,
    period: String,
    limits: &'static str,
    pollutants: Vec<PollutantJson>,
    aqi_days: usize,
    level_days: [usize; 6],
    good_days: usize,
    good_ratio_percent: serde_json::Value,
    heavy_days: usize,
    comprehensive_index: serde_json::Value,
    attains_all: Option<bool>,
}

#[derive(Serialize)]
struct StationJson {
    code: String,
    name: String,
    control_point: bool,
}

fn to_json(
    options: &Options<'_>,
    members: &[(String, String, bool)],
    s: &PeriodStats,
) -> AnnualJson {
    let opt = |v: Option<Decimal>| v.map_or(serde_json::Value::Null, number);
    let (station, city) = match &options.who {
        Who::Station(c) => (Some(c.clone()), None),
        Who::City(n) => (None, Some(n.clone())),
    };
    AnnualJson {
        station,
        city,
        stations: members
            .iter()
            .map(|(code, name, control_point)| StationJson {
                code: code.clone(),
                name: name.clone(),
                control_point: *control_point,
            })
            .collect(),
        period: period_name(s.period),
        limits: limits_name(s.limits),
        pollutants: s
            .pollutants
            .iter()
            .map(|p| PollutantJson {
                pollutant: p.pollutant.symbol(),
                valid_days: p.valid_days,
                required_days: s.period.required_days(),
                valid: p.valid,
                mean: opt(p.mean),
                percentile_rank: p.percentile_rank,
                percentile: opt(p.percentile),
                attains: p.attains,
            })
            .collect(),
        aqi_days: s.aqi_days,
        level_days: s.level_days,
        good_days: s.good_days,
        good_ratio_percent: opt(s.good_ratio_percent.map(|r| gb8170(r, 2))),
        heavy_days: s.heavy_days,
        comprehensive_index: opt(s.comprehensive_index.map(|c| gb8170(c.total, 3))),
        attains_all: s.attains_all,
    }
}
