//! Importers: monitoring files into typed values of `ecogov-standards` (later also exports).
//!
//! One module per file format:
//! - [`cnemc`]: the CNEMC (中国环境监测总站) hourly station feed, streamed row by row;
//! - [`station_list`]: the national station list (监测点编码, 城市, 对照点 …).
//!
//! Shared machinery: [`text`] detects the encoding (UTF-8, GBK/GB18030, UTF-16) and decodes while
//! streaming; [`lines`] splits one CSV line into fields.
//!
//! The readers are line-oriented: one physical line is one record. The monitoring formats never
//! put a line break inside a field, and reading line by line means that a stray or unclosed
//! quote spoils only its own line — `csv::Reader` would read on to the next quote, possibly to
//! the end of the file, and a bad row must never stop the rest of the file.
//!
//! Error policy: a file that cannot be opened or read, or whose header lacks a required column,
//! is a [`FileError`] (fatal for that file). Every other problem is a per-row [`RowError`]
//! naming the file, the line and the field; the reader then goes on with the next line. Nothing
//! here panics on input (a property test feeds arbitrary bytes).
#![warn(missing_docs)]

pub mod alerts;
pub mod cnemc;
mod error;
pub mod export;
pub mod lines;
pub mod long;
pub mod regulation;
pub mod sections;
pub mod station_list;
pub mod synthetic;
pub mod synthetic_water;
pub mod text;
pub mod water;
pub mod wide;
pub mod xlsx;

pub use error::{FileError, RowError, RowErrorKind};
