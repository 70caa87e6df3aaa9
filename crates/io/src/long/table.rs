//! A header-first CSV table read line by line, shared by the long, wide and water readers:
//! encoding detection, the header, and the checks every row gets before its fields are read
//! (line too long, cut short, unclosed quote, field count).

use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

use crate::error::{FileError, RowError, RowErrorKind};
use crate::lines::{LineReader, Splitter};
use crate::text;

/// One record read from a file, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<T> {
    /// Line (1-based, physical; for a workbook the sheet's row number) of the first row that
    /// contributed to the record.
    pub line: u64,
    /// The record.
    pub value: T,
}

/// What one file gave: the good records, in file order, and every row refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    /// The good records with their lines.
    pub records: Vec<Record<T>>,
    /// The rows (or cells) refused, each naming file, line, column and reason.
    pub errors: Vec<RowError>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// A CSV file opened on its header line.
pub(crate) struct Table {
    file: Arc<Path>,
    lines: LineReader<Box<dyn BufRead + Send>>,
    splitter: Splitter,
    buf: Vec<u8>,
    /// Column names of the header, trimmed, byte-order mark removed.
    pub(crate) header: Vec<Arc<str>>,
    /// Line of the header.
    pub(crate) header_line: u64,
    finished: bool,
}

/// Opens `path` for [`Table::from_reader`].
pub(crate) fn open(path: &Path) -> Result<Table, FileError> {
    let file = FileError::open(path)?;
    Table::from_reader(path, file)
}

impl Table {
    /// Detects the encoding and reads the header (the first non-blank line).
    pub(crate) fn from_reader<R: Read + Send + 'static>(
        name: &Path,
        reader: R,
    ) -> Result<Table, FileError> {
        let io = |source| FileError::Io {
            path: name.to_owned(),
            source,
        };
        let (input, _) = text::utf8_reader(reader).map_err(io)?;
        let mut lines = LineReader::new(input);
        let mut splitter = Splitter::new();
        let mut buf = Vec::new();
        let header_line = loop {
            match lines.read(&mut buf).map_err(io)? {
                None => return Err(FileError::Empty { path: name.into() }),
                Some(l) if !buf.trim_ascii().is_empty() => break l.number,
                Some(_) => {}
            }
        };
        // An unclosed quote in the header still leaves column names to check.
        let _ = splitter.split(&buf);
        let header = (0..splitter.len())
            .map(|i| {
                let text = String::from_utf8_lossy(splitter.field(i));
                Arc::from(text.trim().trim_start_matches('\u{feff}').trim())
            })
            .collect();
        Ok(Table {
            file: Arc::from(name),
            lines,
            splitter,
            buf,
            header,
            header_line,
            finished: false,
        })
    }

    /// Position of the first column whose name `matches`.
    pub(crate) fn find(&self, matches: impl Fn(&str) -> bool) -> Option<usize> {
        self.header.iter().position(|h| matches(h))
    }

    /// The error for a missing required column.
    pub(crate) fn missing(&self, column: &'static str) -> FileError {
        FileError::MissingColumn {
            path: self.file.to_path_buf(),
            line: self.header_line,
            column,
        }
    }

    /// A row error at `line`, naming column `field` when given.
    pub(crate) fn error(&self, line: u64, field: Option<usize>, kind: RowErrorKind) -> RowError {
        RowError {
            file: Arc::clone(&self.file),
            line,
            field: field.and_then(|i| self.header.get(i).cloned()),
            kind,
        }
    }

    /// Reads the next non-blank row and checks its shape. `Some(Ok(line))` leaves its fields
    /// readable through [`Table::field`]; `Some(Err(_))` is a row refused as a whole; `None` is
    /// the end of the file (an I/O error in the middle is reported once, then `None`).
    pub(crate) fn next_row(&mut self) -> Option<Result<u64, RowError>> {
        loop {
            if self.finished {
                return None;
            }
            let info = match self.lines.read(&mut self.buf) {
                Ok(Some(info)) => info,
                Ok(None) => {
                    self.finished = true;
                    return None;
                }
                Err(e) => {
                    self.finished = true;
                    let line = self.lines.line_number() + 1;
                    let message = e.to_string();
                    return Some(Err(self.error(line, None, RowErrorKind::Io { message })));
                }
            };
            if self.buf.trim_ascii().is_empty() {
                continue;
            }
            let line = info.number;
            if info.too_long {
                return Some(Err(self.error(line, None, RowErrorKind::LineTooLong)));
            }
            let unclosed = self.splitter.split(&self.buf).is_err();
            let (fields, expected) = (self.splitter.len(), self.header.len());
            let kind = if !info.terminated && (unclosed || fields < expected) {
                Some(RowErrorKind::Truncated { fields, expected })
            } else if unclosed {
                Some(RowErrorKind::UnclosedQuote)
            } else if fields != expected {
                Some(RowErrorKind::FieldCount { fields, expected })
            } else {
                None
            };
            return Some(match kind {
                Some(kind) => Err(self.error(line, None, kind)),
                None => Ok(line),
            });
        }
    }

    /// Field `i` of the current row as text, trimmed (invalid UTF-8 replaced by U+FFFD).
    pub(crate) fn field(&self, i: usize) -> String {
        String::from_utf8_lossy(self.splitter.field(i))
            .trim()
            .to_owned()
    }
}
