//! The CNEMC hourly station feed (全国城市空气质量实时发布平台, scraped hourly into CSV):
//! one row per station and hour, with the official AQI beside the raw concentrations.
//!
//! Header: `timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,
//! pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h`
//! (columns are found by name, so their order may change). The layouts differ between years —
//! see [`layout`]: [`HourlyReader`] recognises the layout of each file from its first rows
//! (at most [`LOOKAHEAD_ROWS`] rows are held back for that), then streams.
//!
//! Each row gives an [`HourlyRow`] or a [`RowError`] naming the file, line and field; reading
//! goes on after a bad row. A repeated station within one hour (some stored copies of the feed
//! repeat every row, FORMAT-NOTES.md) is reported and not yielded twice; only the stations of the
//! current hour are remembered, so memory stays flat however long the file.

mod fields;
pub mod layout;

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

use ecogov_standards::air::{HourEnding, HourlyInput, Pollutant, Reading, Readings};
use encoding_rs::Encoding;

pub use fields::{OfficialAqi, OfficialPrimary, primary_indicator};
pub use layout::{Layout, O3Source, TimeStyle};

use crate::error::{FileError, RowError, RowErrorKind};
use crate::lines::{LineReader, RawLine, Splitter};
use crate::text;
use layout::{Columns, Evidence};

/// Data rows read before the layout is decided (about one hour of a normal file is 1,600–1,730
/// rows; the swapped ozone columns show within the first few rows).
pub const LOOKAHEAD_ROWS: usize = 256;

/// 监测点编码 — a station code as the feed writes it (e.g. `1001A`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StationCode(String);

impl StationCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for StationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One station-hour of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourlyRow {
    /// Line in the file.
    pub line: u64,
    /// The hour (labelled by its end, [`HourEnding`]).
    pub hour: HourEnding,
    /// 监测点编码.
    pub station: StationCode,
    /// 城市 — the `area` column (e.g. `北京市`); empty if the file has none.
    pub area: String,
    /// 监测点名称 — the `positionname` column; empty if the file has none.
    pub position_name: String,
    /// The current 1-hour means of the six pollutants, O3 taken from the column the layout says.
    pub readings: Readings,
    /// The feed's SO2 24-hour moving mean (`so2_24h`), the fall-back of HJ 633-2012 表1 note (2).
    pub so2_24h: Reading,
    /// The AQI the file publishes (never used to compute ours).
    pub official_aqi: OfficialAqi,
    /// The primary pollutants the file publishes.
    pub official_primary: OfficialPrimary,
}

impl HourlyRow {
    /// The input of the real-time AQI ([`ecogov_standards::air::hourly_aqi`]).
    pub fn hourly_input(&self) -> HourlyInput {
        HourlyInput {
            hour: self.readings,
            so2_day: self.so2_24h,
        }
    }
}

/// A streaming reader of one CNEMC hourly file; an iterator of rows or per-row errors.
pub struct HourlyReader {
    file: Arc<Path>,
    lines: LineReader<Box<dyn BufRead + Send>>,
    encoding: &'static Encoding,
    columns: Columns,
    layout: Layout,
    splitter: Splitter,
    held: VecDeque<(Vec<u8>, RawLine)>,
    buf: Vec<u8>,
    bytes: u64,
    last_time: Vec<u8>,
    last_hour: Option<Result<HourEnding, RowErrorKind>>,
    seen_hour: Option<HourEnding>,
    seen: HashMap<String, u64>,
    finished: bool,
}

impl std::fmt::Debug for HourlyReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HourlyReader")
            .field("file", &self.file)
            .field("encoding", &self.encoding.name())
            .field("layout", &self.layout)
            .finish_non_exhaustive()
    }
}

impl HourlyReader {
    /// Opens a file.
    pub fn open(path: &Path) -> Result<HourlyReader, FileError> {
        let file = FileError::open(path)?;
        HourlyReader::from_reader(path, file)
    }

    /// Reads from any source; `name` is the file named in errors.
    pub fn from_reader<R: Read + Send + 'static>(
        name: &Path,
        reader: R,
    ) -> Result<HourlyReader, FileError> {
        let io = |source| FileError::Io {
            path: name.to_owned(),
            source,
        };
        let (input, detected) = text::utf8_reader(reader).map_err(io)?;
        let mut lines = LineReader::new(input);
        let mut splitter = Splitter::new();
        let mut buf = Vec::new();
        let mut bytes = 0u64;
        let header_line = loop {
            match lines.read(&mut buf).map_err(io)? {
                None => return Err(FileError::Empty { path: name.into() }),
                Some(l) => {
                    bytes += buf.len() as u64 + 1;
                    if !buf.trim_ascii().is_empty() {
                        break l;
                    }
                }
            }
        };
        // An unclosed quote in the header still leaves the column names to check.
        let _ = splitter.split(&buf);
        let columns =
            Columns::from_header(&splitter).map_err(|column| FileError::MissingColumn {
                path: name.into(),
                line: header_line.number,
                column,
            })?;
        let mut evidence = Evidence::default();
        let mut held = VecDeque::new();
        while held.len() < LOOKAHEAD_ROWS {
            let Some(l) = lines.read(&mut buf).map_err(io)? else {
                break;
            };
            if buf.trim_ascii().is_empty() {
                continue;
            }
            if splitter.split(&buf).is_ok() && splitter.len() == columns.names.len() {
                evidence.observe(&columns, &splitter);
            }
            held.push_back((std::mem::take(&mut buf), l));
        }
        Ok(HourlyReader {
            file: Arc::from(name),
            lines,
            encoding: detected.encoding,
            layout: evidence.layout(),
            columns,
            splitter,
            held,
            buf,
            bytes,
            last_time: Vec::new(),
            last_hour: None,
            seen_hour: None,
            seen: HashMap::new(),
            finished: false,
        })
    }

    /// The file named in errors.
    pub fn file(&self) -> &Arc<Path> {
        &self.file
    }

    /// The text encoding detected.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The layout recognised.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Bytes of (decoded) text handed out so far, for progress display.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn error(&self, line: u64, field: Option<usize>, kind: RowErrorKind) -> RowError {
        RowError {
            file: Arc::clone(&self.file),
            line,
            field: field.map(|i| self.columns.name(i)),
            kind,
        }
    }

    fn parse(&mut self, raw: &[u8], info: RawLine) -> Result<HourlyRow, RowError> {
        let line = info.number;
        if info.too_long {
            return Err(self.error(line, None, RowErrorKind::LineTooLong));
        }
        let unclosed = self.splitter.split(raw).is_err();
        let expected = self.columns.names.len();
        let fields = self.splitter.len();
        if !info.terminated && (unclosed || fields < expected) {
            return Err(self.error(line, None, RowErrorKind::Truncated { fields, expected }));
        }
        if unclosed {
            return Err(self.error(line, None, RowErrorKind::UnclosedQuote));
        }
        if fields != expected {
            return Err(self.error(line, None, RowErrorKind::FieldCount { fields, expected }));
        }
        let c = &self.columns;
        let s = &self.splitter;
        let time_raw = s.field(c.timepoint);
        if self.last_hour.is_none() || self.last_time != time_raw {
            self.last_time.clear();
            self.last_time.extend_from_slice(time_raw);
            self.last_hour = Some(fields::timepoint(time_raw));
        }
        let hour = match &self.last_hour {
            Some(Ok(h)) => *h,
            Some(Err(kind)) => return Err(self.error(line, Some(c.timepoint), kind.clone())),
            None => return Err(self.error(line, Some(c.timepoint), RowErrorKind::Blank)),
        };
        let station = String::from_utf8_lossy(s.field(c.station))
            .trim()
            .to_owned();
        if station.is_empty() {
            return Err(self.error(line, Some(c.station), RowErrorKind::Blank));
        }
        let o3 = match self.layout.o3 {
            O3Source::O3TwentyFourColumn => c.o3_24h.unwrap_or(c.o3),
            O3Source::O3Column => c.o3,
        };
        let mut readings = Readings::default();
        for (pollutant, col) in [
            (Pollutant::So2, c.so2),
            (Pollutant::No2, c.no2),
            (Pollutant::Co, c.co),
            (Pollutant::O3, o3),
            (Pollutant::Pm10, c.pm10),
            (Pollutant::Pm25, c.pm25),
        ] {
            match fields::reading(pollutant, s.field(col)) {
                Ok(r) => readings.set(pollutant, r),
                Err(kind) => return Err(self.error(line, Some(col), kind)),
            }
        }
        let so2_24h = match c.so2_24h {
            Some(col) => match fields::reading(Pollutant::So2, s.field(col)) {
                Ok(r) => r,
                Err(kind) => return Err(self.error(line, Some(col), kind)),
            },
            None => Reading::Missing,
        };
        let text = |col: Option<usize>| {
            col.map(|i| String::from_utf8_lossy(s.field(i)).trim().to_owned())
                .unwrap_or_default()
        };
        let row = HourlyRow {
            line,
            hour,
            area: text(c.area),
            position_name: text(c.position),
            readings,
            so2_24h,
            official_aqi: fields::official_aqi(s.field(c.aqi)),
            official_primary: fields::official_primary(s.field(c.primary)),
            station: StationCode(station),
        };
        if self.seen_hour != Some(hour) {
            self.seen_hour = Some(hour);
            self.seen.clear();
        }
        if let Some(first_line) = self.seen.get(row.station.as_str()) {
            let kind = RowErrorKind::Duplicate {
                first_line: *first_line,
            };
            return Err(self.error(line, Some(self.columns.station), kind));
        }
        self.seen.insert(row.station.0.clone(), line);
        Ok(row)
    }
}

impl Iterator for HourlyReader {
    type Item = Result<HourlyRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((raw, info)) = self.held.pop_front() {
                self.bytes += raw.len() as u64 + 1;
                return Some(self.parse(&raw, info));
            }
            if self.finished {
                return None;
            }
            let mut buf = std::mem::take(&mut self.buf);
            let next = self.lines.read(&mut buf);
            let item = match next {
                Ok(None) => {
                    self.finished = true;
                    None
                }
                Ok(Some(info)) => {
                    self.bytes += buf.len() as u64 + 1;
                    if buf.trim_ascii().is_empty() {
                        self.buf = buf;
                        continue;
                    }
                    Some(self.parse(&buf, info))
                }
                Err(e) => {
                    self.finished = true;
                    let line = self.lines.line_number() + 1;
                    Some(Err(self.error(
                        line,
                        None,
                        RowErrorKind::Io {
                            message: e.to_string(),
                        },
                    )))
                }
            };
            self.buf = buf;
            return item;
        }
    }
}

#[cfg(test)]
mod tests;
