//! The long air CSV (长表格式) documented in `docs/import-formats.md`: one row per station, hour
//! and pollutant — `station,time,pollutant,value,flag[,stage]`.
//!
//! - `time`: the hour label `YYYY-MM-DD HH:MM` (`:SS` allowed), on the full hour, labelled by the
//!   hour's end (HJ 663-2013 表A.1): `2023-05-02 00:00` is hour 24 of 1 May.
//! - `pollutant`: `SO2 NO2 CO O3 PM10 PM2.5` in any letter case, or the Chinese names.
//! - `value`: a plain decimal (µg/m³; CO mg/m³), read exactly; empty or `NA` is missing, `/` is
//!   not in the monitoring plan.
//! - `flag`: empty or `valid`; `invalid` (stored as missing, value ignored); `notinplan`.
//! - `stage` (optional): `realtime` (default) or `audited`.
//!
//! The rows of one station-hour, wherever they are in the file, are gathered into one
//! [`AirHour`]; a pollutant the file does not give is missing. Columns are found by name, so
//! their order is free.

mod fields;
mod gather;
mod table;

pub(crate) use fields::{date_time, hour_label, reading, stage, station};
pub(crate) use gather::{Column, Columns, Gatherer};
pub(crate) use table::Table;
pub use table::{Parsed, Record};

use std::io::Read;
use std::path::Path;

use ecogov_domain::monitoring::AirHour;

use crate::error::FileError;

/// Reads a long-form CSV file (UTF-8 or GBK/GB18030).
pub fn read(path: &Path) -> Result<Parsed<AirHour>, FileError> {
    parse(table::open(path)?)
}

/// Reads long-form CSV from any source; `name` is the file named in errors.
pub fn from_reader<R: Read + Send + 'static>(
    name: &Path,
    reader: R,
) -> Result<Parsed<AirHour>, FileError> {
    parse(Table::from_reader(name, reader)?)
}

fn parse(mut table: Table) -> Result<Parsed<AirHour>, FileError> {
    let columns = Columns::from_header(&table.header).map_err(|c| table.missing(c))?;
    let at = |c: Column| columns.position(c);
    let mut gatherer = Gatherer::default();
    let mut out = Parsed::default();
    while let Some(row) = table.next_row() {
        let line = match row {
            Ok(line) => line,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let text = |c: Column| at(c).map(|i| table.field(i)).unwrap_or_default();
        if let Err((column, kind)) = gatherer.add_fields(line, text) {
            out.errors.push(table.error(line, at(column), kind));
        }
    }
    out.records = gatherer.finish();
    Ok(out)
}

#[cfg(test)]
mod tests;
