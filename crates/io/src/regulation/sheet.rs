//! 台账表格 — a ledger file as a header and text rows, from CSV or a workbook alike.

use std::fmt;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

use crate::error::FileError;
use crate::long::Table;

/// Largest ledger file read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One refused row: `file:line:column: 中文 (English)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LedgerRowError {
    /// The file.
    pub file: Arc<Path>,
    /// Line (CSV) or sheet row (workbook), 1-based.
    pub line: u64,
    /// The column, when one field is at fault.
    pub field: Option<Arc<str>>,
    /// What is wrong, bilingual.
    pub message: String,
}

impl fmt::Display for LedgerRowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)?;
        if let Some(field) = &self.field {
            write!(f, ":{field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a ledger file gave: the good records with their lines, and every row refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerParsed<T> {
    /// `(line, record)` in file order.
    pub records: Vec<(u64, T)>,
    /// Every refused row.
    pub errors: Vec<LedgerRowError>,
}

impl<T> Default for LedgerParsed<T> {
    fn default() -> Self {
        Self {
            records: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// A ledger file read into text: the header and the non-blank rows, each with its line.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file named in errors.
    pub file: Arc<Path>,
    /// Column names, trimmed.
    pub header: Vec<Arc<str>>,
    /// Line of the header.
    pub header_line: u64,
    /// `(line, fields)`; fields trimmed, as many as the header has.
    pub rows: Vec<(u64, Vec<String>)>,
    /// Rows refused as a whole (wrong number of fields, unclosed quote …).
    pub errors: Vec<LedgerRowError>,
}

impl Sheet {
    /// Reads a file: a workbook when its content starts like one (ZIP or OLE), CSV otherwise.
    pub fn read(path: &Path) -> Result<Sheet, FileError> {
        let io = |source| FileError::Io {
            path: path.to_owned(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_BYTES {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("文件过大 {len} 字节 (file larger than {MAX_BYTES} bytes)"),
            )));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::from_bytes(path, bytes)
    }

    /// Reads file content held in memory; `name` is the file named in errors.
    pub fn from_bytes(name: &Path, bytes: Vec<u8>) -> Result<Sheet, FileError> {
        let workbook =
            bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        if workbook {
            Self::from_workbook(name, bytes)
        } else {
            Self::from_csv(name, bytes)
        }
    }

    fn from_csv(name: &Path, bytes: Vec<u8>) -> Result<Sheet, FileError> {
        let mut table = Table::from_reader(name, Cursor::new(bytes))?;
        let mut sheet = Sheet {
            file: Arc::from(name),
            header: table.header.clone(),
            header_line: table.header_line,
            rows: Vec::new(),
            errors: Vec::new(),
        };
        while let Some(row) = table.next_row() {
            match row {
                Ok(line) => {
                    let fields = (0..sheet.header.len()).map(|i| table.field(i)).collect();
                    sheet.rows.push((line, fields));
                }
                Err(e) => sheet.errors.push(LedgerRowError {
                    file: Arc::clone(&sheet.file),
                    line: e.line,
                    field: e.field.clone(),
                    message: e.kind.to_string(),
                }),
            }
        }
        Ok(sheet)
    }

    fn from_workbook(name: &Path, bytes: Vec<u8>) -> Result<Sheet, FileError> {
        let invalid = |message: String| FileError::Io {
            path: name.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        };
        let opened = catch_unwind(AssertUnwindSafe(|| crate::xlsx::first_sheet(bytes)));
        let range = match opened {
            Ok(Ok(Some(range))) => range,
            Ok(Ok(None)) => return Err(FileError::Empty { path: name.into() }),
            Ok(Err(message)) => return Err(invalid(message)),
            Err(_) => {
                return Err(invalid(
                    "工作簿解析失败 (the workbook parser failed on this file)".to_owned(),
                ));
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
        let mut rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (first_row + i as u64 + 1, cells))
            .filter(|(_, cells)| cells.iter().any(|c| !cell_text(c).is_empty()));
        let Some((header_line, header_cells)) = rows.next() else {
            return Err(FileError::Empty { path: name.into() });
        };
        let header: Vec<Arc<str>> = header_cells
            .iter()
            .map(|c| Arc::from(cell_text(c).trim_start_matches('\u{feff}')))
            .collect();
        let width = header.len();
        let rows = rows
            .map(|(line, cells)| {
                let fields = (0..width)
                    .map(|i| cells.get(i).map(cell_text).unwrap_or_default())
                    .collect();
                (line, fields)
            })
            .collect();
        Ok(Sheet {
            file: Arc::from(name),
            header,
            header_line,
            rows,
            errors: Vec::new(),
        })
    }

    /// Position of the column named `name`, or the missing-column error.
    pub fn require(&self, name: &'static str) -> Result<usize, FileError> {
        self.column(name).ok_or_else(|| FileError::MissingColumn {
            path: self.file.to_path_buf(),
            line: self.header_line,
            column: name,
        })
    }

    /// Position of the column named `name`, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.as_ref() == name)
    }

    /// An error at `line` in column `col`.
    pub fn error(
        &self,
        line: u64,
        col: Option<usize>,
        message: impl Into<String>,
    ) -> LedgerRowError {
        LedgerRowError {
            file: Arc::clone(&self.file),
            line,
            field: col.and_then(|i| self.header.get(i).cloned()),
            message: message.into(),
        }
    }
}

/// The text of a workbook cell: dates as `YYYY-MM-DD` (with the time when not midnight).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => date_text(dt),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

fn date_text(dt: &ExcelDateTime) -> String {
    let plain = ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, false);
    let is_1904 = plain.to_ymd_hms_milli() != dt.to_ymd_hms_milli();
    let dt = ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, is_1904);
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// A date written `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY年M月D日` (a workbook date cell reads as
/// the first), or `None`.
pub fn parse_day(text: &str) -> Option<jiff::civil::Date> {
    let t = text.trim();
    let t = t.split_whitespace().next().unwrap_or(t);
    let normal: String = t.replace(['/', '.', '年', '月'], "-").replace('日', "");
    let mut parts = normal.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: i8 = parts.next()?.parse().ok()?;
    let d: i8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok()
}
