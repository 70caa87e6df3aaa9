//! 水质自动监测站数据 — the automatic-station export: one row per section and time, one column
//! per parameter:
//!
//! `省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),
//! 高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况`.
//!
//! Columns are found by name: `断面名称` and `监测时间` are required; every other column whose
//! name is a water parameter ([`WaterParameter`]'s `FromStr`, units in brackets allowed) is read;
//! other columns are ignored. `监测时间` is `YYYY-MM-DD HH:MM[:SS]` (Beijing time). `水质类别` is
//! kept as reported (the engine computes its own). The same section and time twice is refused.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ecogov_domain::monitoring::DataStage;
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample};
use ecogov_standards::water::WaterClass;
use jiff::civil::DateTime;

use super::{Parsed, Record, TIME_FORMATS, measurement, not_measured};
use crate::error::{FileError, RowErrorKind};
use crate::long::{Table, date_time};

/// One row of the export: a section at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomaticRow {
    /// 省份 (empty if the file has no such column).
    pub province: String,
    /// 流域.
    pub basin: String,
    /// 断面名称.
    pub section: String,
    /// 监测时间 (Beijing time).
    pub time: DateTime,
    /// 水质类别 as the export reports it (`None` when empty or `--`).
    pub reported_class: Option<WaterClass>,
    /// 站点情况 — the station's state as written (`正常`, `维护` …).
    pub station_status: String,
    /// The values measured, one per parameter column with a value, in column order.
    pub samples: Vec<WaterSample>,
}

/// Reads an automatic-station export file.
pub fn read(path: &Path) -> Result<Parsed<AutomaticRow>, FileError> {
    let file = FileError::open(path)?;
    from_reader(path, file)
}

/// Reads an automatic-station export from any source; `name` is the file named in errors.
pub fn from_reader<R: Read + Send + 'static>(
    name: &Path,
    reader: R,
) -> Result<Parsed<AutomaticRow>, FileError> {
    let mut table = Table::from_reader(name, reader)?;
    let find = |n: &str| table.find(|h| h == n);
    let section_col = find("断面名称").ok_or_else(|| table.missing("断面名称"))?;
    let time_col = find("监测时间").ok_or_else(|| table.missing("监测时间"))?;
    let (province_col, basin_col) = (find("省份"), find("流域"));
    let (class_col, status_col) = (find("水质类别"), find("站点情况"));
    let parameters: Vec<(usize, WaterParameter)> = table
        .header
        .iter()
        .enumerate()
        .filter(|(i, _)| ![section_col, time_col].contains(i))
        .filter_map(|(i, h)| h.parse().ok().map(|p| (i, p)))
        .collect();
    let mut seen: HashMap<(String, DateTime), u64> = HashMap::new();
    let mut out = Parsed::default();
    while let Some(row) = table.next_row() {
        let line = match row {
            Ok(line) => line,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let before = out.errors.len();
        let mut refuse = |col: usize, kind| out.errors.push(table.error(line, Some(col), kind));
        let section = table.field(section_col);
        if section.is_empty() {
            refuse(section_col, RowErrorKind::Blank);
        }
        let time_text = table.field(time_col);
        let time = date_time(&time_text, true, TIME_FORMATS)
            .map_err(|kind| refuse(time_col, kind))
            .ok();
        let class_text = class_col.map(|i| table.field(i)).unwrap_or_default();
        let reported_class = if not_measured(&class_text) {
            None
        } else {
            class_text
                .parse::<WaterClass>()
                .map_err(|_| {
                    let kind = RowErrorKind::OutOfRange {
                        text: class_text.clone(),
                        allowed: "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ（或 I–V、1–5）(water class)",
                    };
                    refuse(class_col.unwrap_or(section_col), kind);
                })
                .ok()
        };
        let mut values = Vec::new();
        for &(col, parameter) in &parameters {
            match measurement(parameter, &table.field(col)) {
                Ok(Some(m)) => values.push((parameter, m)),
                Ok(None) => {}
                Err(kind) => refuse(col, kind),
            }
        }
        let Some(time) = time else { continue };
        if out.errors.len() > before {
            continue;
        }
        if let Some(&first_line) = seen.get(&(section.clone(), time)) {
            let kind = RowErrorKind::DuplicateSample { first_line };
            out.errors.push(table.error(line, Some(time_col), kind));
            continue;
        }
        seen.insert((section.clone(), time), line);
        let text = |col: Option<usize>| col.map(|i| table.field(i)).unwrap_or_default();
        let samples = values
            .into_iter()
            .map(|(parameter, value)| WaterSample {
                section: section.clone(),
                time,
                parameter,
                value,
                source: SampleSource::Automatic,
                stage: DataStage::RealTime,
            })
            .collect();
        out.records.push(Record {
            line,
            value: AutomaticRow {
                province: text(province_col),
                basin: text(basin_col),
                section,
                time,
                reported_class,
                station_status: text(status_col),
                samples,
            },
        });
    }
    Ok(out)
}
