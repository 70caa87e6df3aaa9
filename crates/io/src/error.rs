//! Errors of the importers: fatal per file ([`FileError`]) or per row ([`RowError`]).
//!
//! Messages are bilingual, `中文 (English)`, as everywhere in the binary's output.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_decimal::Decimal;

/// A problem that stops reading one file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file cannot be opened or read.
    #[error("{}: 无法读取文件 (cannot read the file)", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
    /// The file has no header line.
    #[error("{}: 文件为空，没有表头 (empty file, no header line)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The header lacks a column the format requires: the file is not in this format.
    #[error("{}:{line}: 表头缺少列 {column} (header lacks the column {column}); 不是该格式的文件 (not a file of this format)", path.display())]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// Line of the header.
        line: u64,
        /// The column missing.
        column: &'static str,
    },
}

impl FileError {
    /// Opens `path` for reading, as a [`FileError::Io`] naming it on failure.
    pub fn open(path: &Path) -> Result<std::fs::File, FileError> {
        std::fs::File::open(path).map_err(|source| FileError::Io {
            path: path.to_owned(),
            source,
        })
    }
}

/// What is wrong with one row (or one field of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowErrorKind {
    /// A concentration below zero (GB 3095 §3: a mass concentration cannot be negative).
    Negative {
        /// The value read.
        value: Decimal,
    },
    /// A required field (time, station code …) is empty.
    Blank,
    /// A numeric field holds text that is neither a decimal nor a missing marker (`NA`, `/`).
    NotANumber {
        /// The text read.
        text: String,
    },
    /// A value outside the range its field allows.
    OutOfRange {
        /// The text read.
        text: String,
        /// What the field allows, bilingual.
        allowed: &'static str,
    },
    /// A time label that is not a full hour in a known format.
    Time {
        /// The text read.
        text: String,
    },
    /// A line longer than [`crate::lines::MAX_LINE_BYTES`]: not a row of this format.
    LineTooLong,
    /// The last line stops in the middle of a row: the file was cut short.
    Truncated {
        /// Fields present.
        fields: usize,
        /// Fields the header announces.
        expected: usize,
    },
    /// A line with another number of fields than the header.
    FieldCount {
        /// Fields present.
        fields: usize,
        /// Fields the header announces.
        expected: usize,
    },
    /// A quote opened and never closed on this line.
    UnclosedQuote,
    /// The same station and hour again (some stored copies of the feed repeat every row;
    /// FORMAT-NOTES.md): the repeated row is not counted twice.
    Duplicate {
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// A name in the 首要污染物 field that is not one of the six pollutants.
    UnknownPollutant {
        /// The name read.
        text: String,
    },
    /// Reading failed in the middle of the file; nothing after this line was read.
    Io {
        /// The operating-system error, as text.
        message: String,
    },
    /// 监测时间 — a date or time that is not in the format the column expects (long, wide and
    /// water formats).
    BadTime {
        /// The text read.
        text: String,
        /// The format expected, e.g. `YYYY-MM-DD HH:MM`.
        expected: &'static str,
    },
    /// 监测项目 — a water parameter name that is neither a GB 3838-2002 表1 item nor one of the
    /// extra parameters of automatic stations.
    UnknownParameter {
        /// The name read.
        text: String,
    },
    /// The same section, time and parameter again in a water file: the repeated row is not
    /// counted twice.
    DuplicateSample {
        /// Line of the first occurrence.
        first_line: u64,
    },
}

impl fmt::Display for RowErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowErrorKind::Negative { value } => {
                write!(f, "浓度为负 {value} (negative concentration {value})")
            }
            RowErrorKind::Blank => f.write_str("必填字段为空 (required field is blank)"),
            RowErrorKind::NotANumber { text } => {
                write!(f, "不是数值 {text:?} (not a number {text:?})")
            }
            RowErrorKind::OutOfRange { text, allowed } => {
                write!(f, "超出范围 {text:?} (out of range {text:?}): {allowed}")
            }
            RowErrorKind::Time { text } => write!(
                f,
                "不是有效的整点时间 {text:?}，应为 YYYY-MM-DDTHH:MM:SS 或 YYYY-MM-DDTHHMM (not a valid full-hour time label {text:?})"
            ),
            RowErrorKind::LineTooLong => f.write_str("行过长 (line too long)"),
            RowErrorKind::Truncated { fields, expected } => write!(
                f,
                "行不完整，文件被截断：{fields}/{expected} 个字段 (truncated file: the last row has {fields} of {expected} fields)"
            ),
            RowErrorKind::FieldCount { fields, expected } => write!(
                f,
                "字段数 {fields} 与表头 {expected} 不符 ({fields} fields, the header has {expected})"
            ),
            RowErrorKind::UnclosedQuote => f.write_str("引号未闭合 (unclosed quote)"),
            RowErrorKind::Duplicate { first_line } => write!(
                f,
                "同一站点同一小时重复出现，首次在第 {first_line} 行 (repeated station-hour, first at line {first_line})"
            ),
            RowErrorKind::UnknownPollutant { text } => {
                write!(
                    f,
                    "未知的污染物名称 {text:?} (unknown pollutant name {text:?})"
                )
            }
            RowErrorKind::Io { message } => {
                write!(f, "读取中断 (reading stopped): {message}")
            }
            RowErrorKind::BadTime { text, expected } => write!(
                f,
                "时间格式无效 {text:?}，应为 {expected} (bad date or time {text:?}, expected {expected})"
            ),
            RowErrorKind::UnknownParameter { text } => {
                write!(
                    f,
                    "未知的监测项目 {text:?} (unknown water parameter {text:?})"
                )
            }
            RowErrorKind::DuplicateSample { first_line } => write!(
                f,
                "同一断面、时间和项目重复出现，首次在第 {first_line} 行 (repeated section, time and parameter, first at line {first_line})"
            ),
        }
    }
}

/// One bad row: the file, the line (1-based, physical), the field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RowError {
    /// The file (as given by the caller).
    pub file: Arc<Path>,
    /// Line number, counting from 1 (the header is line 1 in a file with no blank lines).
    pub line: u64,
    /// The column name, when one field is at fault.
    pub field: Option<Arc<str>>,
    /// What is wrong.
    pub kind: RowErrorKind,
}

impl RowError {
    /// Whether reading stopped here (an I/O error in the middle of the file).
    pub fn is_fatal(&self) -> bool {
        matches!(self.kind, RowErrorKind::Io { .. })
    }
}

impl fmt::Display for RowError {
    /// `file:line:field: 中文 (English)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)?;
        if let Some(field) = &self.field {
            write!(f, ":{field}")?;
        }
        write!(f, ": {}", self.kind)
    }
}
