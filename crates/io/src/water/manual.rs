//! 手工监测结果 — manual sampling results, one row per section, sampling time and parameter:
//! `section,date,item,value[,stage]`.
//!
//! - `section`: 断面名称. `date`: `YYYY-MM-DD`, optionally with ` HH:MM[:SS]` (a date alone is
//!   taken at 00:00).
//! - `item`: a GB 3838-2002 表1 item by Chinese name or code (`氨氮`, `NH3-N`, `codmn`), or an extra
//!   parameter of [`WaterParameter`].
//! - `value`: a decimal, or `0.01L` below the detection limit 0.01; empty or `--` is not measured
//!   and gives no sample.
//! - `stage` (optional): `audited` (default — a laboratory result is reported after its quality
//!   control, and no later audit revises it as it does real-time data) or `realtime`.
//!
//! Columns are found by name; Chinese headers are accepted too (`断面名称`, `监测时间`/`采样时间`/
//! `采样日期`, `监测项目`, `监测值`). The same section, time and parameter twice is refused.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ecogov_domain::monitoring::DataStage;
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample};
use jiff::civil::DateTime;

use super::{Parsed, Record, measurement};
use crate::error::{FileError, RowErrorKind};
use crate::long::{Table, date_time, stage};

const SECTION: &[&str] = &["section", "断面名称", "断面"];
const DATE: &[&str] = &[
    "date",
    "time",
    "监测时间",
    "采样时间",
    "监测日期",
    "采样日期",
    "日期",
];
const ITEM: &[&str] = &["item", "parameter", "监测项目", "项目"];
const VALUE: &[&str] = &["value", "监测值", "结果"];
const STAGE: &[&str] = &["stage", "数据状态"];

/// Reads a manual sampling results file.
pub fn read(path: &Path) -> Result<Parsed<WaterSample>, FileError> {
    let file = FileError::open(path)?;
    from_reader(path, file)
}

/// Reads manual sampling results from any source; `name` is the file named in errors.
pub fn from_reader<R: Read + Send + 'static>(
    name: &Path,
    reader: R,
) -> Result<Parsed<WaterSample>, FileError> {
    let mut table = Table::from_reader(name, reader)?;
    let find = |names: &[&str]| table.find(|h| names.iter().any(|n| n.eq_ignore_ascii_case(h)));
    let require = |names: &[&'static str]| find(names).ok_or_else(|| table.missing(names[0]));
    let (section_col, date_col) = (require(SECTION)?, require(DATE)?);
    let (item_col, value_col) = (require(ITEM)?, require(VALUE)?);
    let stage_col = find(STAGE);
    let mut seen: HashMap<(String, DateTime, WaterParameter), u64> = HashMap::new();
    let mut out = Parsed::default();
    while let Some(row) = table.next_row() {
        let line = match row {
            Ok(line) => line,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let refuse = |col: usize, kind| table.error(line, Some(col), kind);
        let sample = (|| {
            let section = table.field(section_col);
            if section.is_empty() {
                return Err(refuse(section_col, RowErrorKind::Blank));
            }
            let time = date_time(&table.field(date_col), false, "YYYY-MM-DD[ HH:MM[:SS]]")
                .map_err(|k| refuse(date_col, k))?;
            let item = table.field(item_col);
            let parameter: WaterParameter = item.parse().map_err(|_| {
                let kind = if item.is_empty() {
                    RowErrorKind::Blank
                } else {
                    RowErrorKind::UnknownParameter { text: item.clone() }
                };
                refuse(item_col, kind)
            })?;
            let stage_text = stage_col.map(|i| table.field(i)).unwrap_or_default();
            let stage = stage(&stage_text, DataStage::Audited)
                .map_err(|k| refuse(stage_col.unwrap_or(item_col), k))?;
            let value = measurement(parameter, &table.field(value_col))
                .map_err(|k| refuse(value_col, k))?;
            Ok(value.map(|value| WaterSample {
                section,
                time,
                parameter,
                value,
                source: SampleSource::Manual,
                stage,
            }))
        })();
        let sample = match sample {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let key = (sample.section.clone(), sample.time, sample.parameter);
        if let Some(&first_line) = seen.get(&key) {
            let kind = RowErrorKind::DuplicateSample { first_line };
            out.errors.push(table.error(line, Some(item_col), kind));
            continue;
        }
        seen.insert(key, line);
        out.records.push(Record {
            line,
            value: sample,
        });
    }
    Ok(out)
}
