//! The long air form (see [`crate::long`]) in a workbook: `.xlsx` or legacy `.xls`, read with
//! `calamine`. The first sheet is read; its first non-empty row is the header
//! `station,time,pollutant,value,flag[,stage]`, the same as the CSV.
//!
//! Cells may be text or numbers. Excel stores every number as an IEEE-754 double, so a number
//! cell is written as the shortest decimal text that reads back as the same double (Rust's
//! `Display` for `f64`) and that text is parsed as an exact `Decimal`: `0.7` typed in Excel is
//! exactly `0.7`. This is the one place a regulated value passes through `f64`, because the file
//! format stores it so (`docs/import-formats.md`). Times may be date cells (1900 or 1904 system),
//! date serials, or text in the CSV's formats. Line numbers in errors are the sheet's row
//! numbers.
//!
//! The format is recognised from the content, not the file name. A workbook that cannot be
//! opened — not a workbook, corrupt, encrypted — is a [`FileError::Io`] with kind
//! `InvalidData`; so is a panic inside the workbook parser, which is caught (the input is
//! untrusted, and a bad file must never take the import down).

mod cells;
mod legacy;

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use ecogov_domain::monitoring::AirHour;

use crate::error::{FileError, RowError, RowErrorKind};
use crate::long::{Column, Columns, Gatherer};

pub use crate::long::{Parsed, Record};

/// Largest workbook read (the long form of a city-year is far below this).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the first sheet of a workbook file.
pub fn read(path: &Path) -> Result<Parsed<AirHour>, FileError> {
    let io = |source| FileError::Io {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_BYTES {
        return Err(io(invalid(format!(
            "工作簿过大 {len} 字节 (workbook larger than {MAX_BYTES} bytes)"
        ))));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_bytes(path, bytes)
}

/// Reads the first sheet of a workbook held in memory; `name` is the file named in errors.
pub fn from_bytes(name: &Path, bytes: Vec<u8>) -> Result<Parsed<AirHour>, FileError> {
    let io = |source| FileError::Io {
        path: name.to_owned(),
        source,
    };
    let opened = catch_unwind(AssertUnwindSafe(|| first_sheet(bytes)));
    let range = match opened {
        Ok(Ok(Some(range))) => range,
        Ok(Ok(None)) => return Err(FileError::Empty { path: name.into() }),
        Ok(Err(message)) => return Err(io(invalid(message))),
        Err(_) => {
            return Err(io(invalid(
                "工作簿解析失败 (the workbook parser failed on this file)".to_owned(),
            )));
        }
    };
    parse(name, &range)
}

fn invalid(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

/// The first sheet of a workbook (xlsx or legacy xls, the latter checked by [`legacy::check`]
/// first); the error is a message in Chinese and English.
pub(crate) fn first_sheet(bytes: Vec<u8>) -> Result<Option<Range<Data>>, String> {
    legacy::check(&bytes)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("不是可读的 xlsx/xls 工作簿 (not a readable workbook): {e}"))?;
    match book.worksheet_range_at(0) {
        None => Ok(None),
        Some(Ok(range)) => Ok(Some(range)),
        Some(Err(e)) => Err(format!(
            "无法读取第一个工作表 (cannot read the first sheet): {e}"
        )),
    }
}

fn parse(name: &Path, range: &Range<Data>) -> Result<Parsed<AirHour>, FileError> {
    let file: Arc<Path> = Arc::from(name);
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i as u64 + 1, cells))
        .filter(|(_, cells)| cells.iter().any(|c| !cells::is_blank(c)));
    let Some((header_line, header_cells)) = rows.next() else {
        return Err(FileError::Empty { path: name.into() });
    };
    let header: Vec<Arc<str>> = header_cells
        .iter()
        .map(|c| Arc::from(cells::text(c, false).trim_start_matches('\u{feff}')))
        .collect();
    let width = header
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let columns = Columns::from_header(&header).map_err(|column| FileError::MissingColumn {
        path: name.to_owned(),
        line: header_line,
        column,
    })?;
    let at = |c: Column| columns.position(c);
    let error = |line: u64, field: Option<usize>, kind: RowErrorKind| RowError {
        file: Arc::clone(&file),
        line,
        field: field.and_then(|i| header.get(i).cloned()),
        kind,
    };
    let time_col = at(Column::Time);
    let mut gatherer = Gatherer::default();
    let mut out = Parsed::default();
    for (line, cells) in rows {
        let used = cells
            .iter()
            .rposition(|c| !cells::is_blank(c))
            .map_or(0, |i| i + 1);
        if used > width {
            let kind = RowErrorKind::FieldCount {
                fields: used,
                expected: width,
            };
            out.errors.push(error(line, None, kind));
            continue;
        }
        let text = |c: Column| {
            at(c)
                .and_then(|i| cells.get(i))
                .map(|cell| cells::text(cell, at(c) == time_col))
                .unwrap_or_default()
        };
        if let Err((column, kind)) = gatherer.add_fields(line, text) {
            out.errors.push(error(line, at(column), kind));
        }
    }
    out.records = gatherer.finish();
    Ok(out)
}

#[cfg(test)]
mod tests;
