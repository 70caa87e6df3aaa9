//! Columns of a CNEMC file and the layout of its ozone columns, recognised from the file.
//!
//! FORMAT-NOTES.md (`shared/validation/cnemc`): the feed's header never changes, but what its
//! ozone columns hold does —
//! - until at least 2023-10 `o3` and `o3_24h` are swapped: the current 1-hour O3 is in `o3_24h`
//!   and `o3` is the maximum of the last 24 hours (the source README's caveat);
//! - in Dec 2023 `o3_24h` is empty and `o3` is the current 1-hour O3;
//! - in 2026 both hold the current 1-hour O3.
//!
//! The file says nothing about it, so the reader looks at the first rows: a row where both
//! columns have values and they differ can only come from the swapped layout (in the other two
//! a present `o3_24h` equals `o3`). Otherwise `o3` is the current value.

use std::sync::Arc;

use crate::lines::Splitter;

/// Where a file keeps the current 1-hour O3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum O3Source {
    /// In `o3_24h` (swapped columns, feed until at least 2023-10).
    O3TwentyFourColumn,
    /// In `o3` (Dec 2023 and 2026 layouts, and any file without `o3_24h`).
    O3Column,
}

/// How a file writes its time labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStyle {
    /// `2023-01-18T08:00:00` (feed until at least 2023-10).
    WithColons,
    /// `2023-12-22T0900` (from 2023-12).
    Compact,
    /// Neither, or no data row seen.
    Other,
}

/// The layout recognised for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Where the current 1-hour O3 is.
    pub o3: O3Source,
    /// The time-label style of the first data row.
    pub time: TimeStyle,
}

/// Positions of the columns the reader uses.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub names: Vec<Arc<str>>,
    pub timepoint: usize,
    pub station: usize,
    pub area: Option<usize>,
    pub position: Option<usize>,
    pub aqi: usize,
    pub primary: usize,
    pub so2: usize,
    pub no2: usize,
    pub co: usize,
    pub o3: usize,
    pub o3_24h: Option<usize>,
    pub pm10: usize,
    pub pm25: usize,
    pub so2_24h: Option<usize>,
}

impl Columns {
    /// Finds the columns in a header line; `Err` names the first required column missing.
    pub fn from_header(header: &Splitter) -> Result<Columns, &'static str> {
        let names: Vec<Arc<str>> = (0..header.len())
            .map(|i| {
                let text = String::from_utf8_lossy(header.field(i));
                Arc::from(
                    text.trim()
                        .trim_start_matches('\u{feff}')
                        .to_ascii_lowercase(),
                )
            })
            .collect();
        let find = |name: &str| names.iter().position(|n| &**n == name);
        let need = |name: &'static str| find(name).ok_or(name);
        Ok(Columns {
            timepoint: need("timepoint")?,
            station: need("stationcode")?,
            area: find("area"),
            position: find("positionname"),
            aqi: need("aqi")?,
            primary: need("primarypollutant")?,
            so2: need("so2")?,
            no2: need("no2")?,
            co: need("co")?,
            o3: need("o3")?,
            o3_24h: find("o3_24h"),
            pm10: need("pm10")?,
            pm25: need("pm2_5")?,
            so2_24h: find("so2_24h"),
            names,
        })
    }

    /// The name of column `i`, for error messages.
    pub fn name(&self, i: usize) -> Arc<str> {
        self.names.get(i).cloned().unwrap_or_else(|| Arc::from("?"))
    }
}

/// Evidence gathered from sample rows.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    differing: usize,
    time: Option<TimeStyle>,
}

impl Evidence {
    /// Looks at one split data row.
    pub fn observe(&mut self, columns: &Columns, row: &Splitter) {
        if self.time.is_none() {
            let t = row.field(columns.timepoint).trim_ascii();
            if !t.is_empty() {
                self.time = Some(match t.get(13) {
                    Some(b':') => TimeStyle::WithColons,
                    Some(b'0'..=b'9') => TimeStyle::Compact,
                    _ => TimeStyle::Other,
                });
            }
        }
        if let Some(c24) = columns.o3_24h {
            let (a, b) = (
                row.field(columns.o3).trim_ascii(),
                row.field(c24).trim_ascii(),
            );
            let value = |t: &[u8]| !t.is_empty() && t != b"NA" && t != b"/";
            let number = |t: &[u8]| {
                std::str::from_utf8(t)
                    .ok()
                    .and_then(|s| s.parse::<rust_decimal::Decimal>().ok())
            };
            if value(a) && value(b) && a != b && number(a) != number(b) {
                self.differing += 1;
            }
        }
    }

    /// The layout the evidence shows.
    pub fn layout(&self) -> Layout {
        Layout {
            o3: if self.differing > 0 {
                O3Source::O3TwentyFourColumn
            } else {
                O3Source::O3Column
            },
            time: self.time.unwrap_or(TimeStyle::Other),
        }
    }
}
