//! 空气质量预报文件 — forecast daily AQI ranges, one row per day:
//!
//! ```text
//! 日期,AQI下限,AQI上限,首要污染物
//! 2023-12-01,180,230,PM2.5
//! 2023-12-02,210,260,PM2.5、PM10
//! ```
//!
//! - 日期 `YYYY-MM-DD` (also `YYYY/MM/DD`); AQI 下限/上限 whole numbers 0…500, 下限 ≤ 上限;
//!   首要污染物 may be empty, several are separated by `、`, `/`, `;` or `,` inside quotes.
//! - English headers `date,aqi_low,aqi_high,primary` are accepted too. A single `AQI` column
//!   with one value or a range (`210～260`, `210-260`) may replace the two bounds.
//! - CSV (UTF-8 or GBK) or the first sheet of an XLSX workbook, recognised by content.
//! - Every problem is reported as `file:line:field: 中文 (English)`; the same date twice is an
//!   error.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use calamine::Data;
use ecogov_domain::warning::Forecast;
use ecogov_standards::air::Pollutant;
use jiff::civil::Date;

use crate::error::{FileError, RowError, RowErrorKind};
use crate::long::{Parsed, Record, Table};

/// Reads a forecast file: XLSX when it starts as a zip archive, CSV otherwise.
pub fn read(path: &Path) -> Result<Parsed<Forecast>, FileError> {
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: path.to_owned(),
        source,
    })?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        from_workbook(path, bytes)
    } else {
        from_csv(path, bytes)
    }
}

/// Reads forecast CSV text held in memory; `name` is the file named in errors.
pub fn from_csv(name: &Path, bytes: Vec<u8>) -> Result<Parsed<Forecast>, FileError> {
    let mut table = Table::from_reader(name, Cursor::new(bytes))?;
    let header: Vec<String> = table.header.iter().map(|h| h.to_string()).collect();
    let columns = Columns::find(name, table.header_line, &header)?;
    let file: Arc<Path> = Arc::from(name);
    let mut rows = Vec::new();
    while let Some(row) = table.next_row() {
        match row {
            Ok(line) => rows.push(Ok((
                line,
                (0..header.len()).map(|i| table.field(i)).collect(),
            ))),
            Err(e) => rows.push(Err(e)),
        }
    }
    Ok(parse(&file, &header, &columns, rows))
}

/// Reads the first sheet of a forecast workbook held in memory.
pub fn from_workbook(name: &Path, bytes: Vec<u8>) -> Result<Parsed<Forecast>, FileError> {
    let invalid = |m: String| FileError::Io {
        path: name.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, m),
    };
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::xlsx::first_sheet(bytes)
    }));
    let range = match opened {
        Ok(Ok(Some(r))) => r,
        Ok(Ok(None)) => return Err(FileError::Empty { path: name.into() }),
        Ok(Err(m)) => return Err(invalid(m)),
        Err(_) => {
            return Err(invalid(
                "工作簿解析失败 (the workbook parser failed)".into(),
            ));
        }
    };
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut lines = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            (
                first_row + i as u64 + 1,
                cells.iter().map(cell_text).collect::<Vec<String>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_line, header)) = lines.next() else {
        return Err(FileError::Empty { path: name.into() });
    };
    let columns = Columns::find(name, header_line, &header)?;
    let file: Arc<Path> = Arc::from(name);
    let rows: Vec<_> = lines.map(Ok).collect();
    Ok(parse(&file, &header, &columns, rows))
}

/// The text of a workbook cell: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e9 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

struct Columns {
    date: usize,
    low: Option<usize>,
    high: Option<usize>,
    single: Option<usize>,
    primary: Option<usize>,
}

impl Columns {
    fn find(name: &Path, line: u64, header: &[String]) -> Result<Self, FileError> {
        let norm = |h: &str| h.trim().trim_start_matches('\u{feff}').to_lowercase();
        let at = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&norm(h).as_str()))
        };
        let missing = |column| FileError::MissingColumn {
            path: name.to_owned(),
            line,
            column,
        };
        let date = at(&["日期", "预报日期", "date"]).ok_or_else(|| missing("日期"))?;
        let low = at(&["aqi下限", "aqi_low", "下限"]);
        let high = at(&["aqi上限", "aqi_high", "上限"]);
        let single = at(&["aqi", "预报aqi", "aqi范围"]);
        if single.is_none() && (low.is_none() || high.is_none()) {
            return Err(missing(if low.is_none() {
                "AQI下限"
            } else {
                "AQI上限"
            }));
        }
        Ok(Self {
            date,
            low,
            high,
            single,
            primary: at(&["首要污染物", "primary", "primary_pollutant"]),
        })
    }
}

fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim().replace('/', "-");
    let t = t.split([' ', 'T']).next().unwrap_or("");
    let mut parts = t.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: i8 = parts.next()?.parse().ok()?;
    let d: i8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::new(y, m, d).ok()
}

fn aqi(text: &str) -> Result<u16, RowErrorKind> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RowErrorKind::Blank);
    }
    match t.parse::<u16>() {
        Ok(v) if v <= 500 => Ok(v),
        Ok(_) => Err(RowErrorKind::OutOfRange {
            text: t.to_string(),
            allowed: "AQI 为 0–500 的整数 (AQI is a whole number 0–500)",
        }),
        Err(_) => Err(RowErrorKind::NotANumber {
            text: t.to_string(),
        }),
    }
}

fn pollutant(text: &str) -> Option<Pollutant> {
    let t = text.trim().to_ascii_uppercase();
    Pollutant::ALL.into_iter().find(|p| {
        p.symbol() == t
            || p.name_zh() == text.trim()
            || (t == "PM25" && *p == Pollutant::Pm25)
            || (text.trim() == "细颗粒物" && *p == Pollutant::Pm25)
            || (text.trim() == "可吸入颗粒物" && *p == Pollutant::Pm10)
    })
}

type Row = Result<(u64, Vec<String>), RowError>;

fn parse(file: &Arc<Path>, header: &[String], c: &Columns, rows: Vec<Row>) -> Parsed<Forecast> {
    let mut parsed = Parsed::default();
    let mut seen: HashMap<Date, u64> = HashMap::new();
    for row in rows {
        let (line, fields) = match row {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        let error = |col: usize, kind: RowErrorKind| RowError {
            file: Arc::clone(file),
            line,
            field: header.get(col).map(|h| Arc::from(h.trim())),
            kind,
        };
        let field = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
        let mut problems = Vec::new();
        let date = match parse_date(field(c.date)) {
            Some(d) => Some(d),
            None => {
                let kind = if field(c.date).is_empty() {
                    RowErrorKind::Blank
                } else {
                    RowErrorKind::BadTime {
                        text: field(c.date).to_string(),
                        expected: "YYYY-MM-DD",
                    }
                };
                problems.push(error(c.date, kind));
                None
            }
        };
        let (low, high) = match (c.low, c.high, c.single) {
            (Some(l), Some(h), _) => (
                aqi(field(l)).map_err(|k| error(l, k)),
                aqi(field(h)).map_err(|k| error(h, k)),
            ),
            (_, _, Some(s)) => {
                let t = field(s);
                match t.split_once(['～', '~', '-', '—']) {
                    Some((a, b)) => (
                        aqi(a).map_err(|k| error(s, k)),
                        aqi(b).map_err(|k| error(s, k)),
                    ),
                    None => (
                        aqi(t).map_err(|k| error(s, k)),
                        aqi(t).map_err(|k| error(s, k)),
                    ),
                }
            }
            _ => continue,
        };
        let mut primary = Vec::new();
        if let Some(p) = c.primary {
            for name in field(p)
                .split(['、', '/', ';', '；', ',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "—" && *s != "-")
            {
                match pollutant(name) {
                    Some(x) if !primary.contains(&x) => primary.push(x),
                    Some(_) => {}
                    None => problems.push(error(
                        p,
                        RowErrorKind::UnknownPollutant {
                            text: name.to_string(),
                        },
                    )),
                }
            }
        }
        let low = low.map_err(|e| problems.push(e)).ok();
        let high = high.map_err(|e| problems.push(e)).ok();
        if !problems.is_empty() {
            parsed.errors.extend(problems);
            continue;
        }
        let (Some(date), Some(low), Some(high)) = (date, low, high) else {
            continue;
        };
        let high_col = c.high.or(c.single).unwrap_or(c.date);
        if low > high {
            parsed.errors.push(error(
                high_col,
                RowErrorKind::OutOfRange {
                    text: format!("{low}>{high}"),
                    allowed: "AQI下限不得大于上限 (low must not exceed high)",
                },
            ));
            continue;
        }
        if let Some(first) = seen.get(&date) {
            parsed.errors.push(error(
                c.date,
                RowErrorKind::OutOfRange {
                    text: format!("{date}（首次在第 {first} 行）"),
                    allowed: "每个日期只能有一行 (one row per date)",
                },
            ));
            continue;
        }
        seen.insert(date, line);
        match Forecast::new(date, low, high, primary) {
            Ok(f) => parsed.records.push(Record { line, value: f }),
            Err(e) => parsed.errors.push(error(
                high_col,
                RowErrorKind::OutOfRange {
                    text: e.to_string(),
                    allowed: "0–500",
                },
            )),
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Parsed<Forecast> {
        from_csv(Path::new("f.csv"), text.as_bytes().to_vec()).expect("header")
    }

    #[test]
    fn reads_rows_and_reports_each_bad_field() {
        let p = csv("日期,AQI下限,AQI上限,首要污染物\n\
             2023-12-01,180,230,PM2.5\n\
             2023-12-02,210,260,PM2.5、PM10\n\
             2023-12-03,300,250,\n\
             2023-12-04,abc,600,CO2\n\
             2023-12-01,100,120,\n\
             2023-13-01,100,120,\n");
        assert_eq!(p.records.len(), 2);
        assert_eq!(
            p.records[1].value.primary(),
            [Pollutant::Pm25, Pollutant::Pm10]
        );
        assert_eq!(p.records[1].line, 3);
        let errors: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].starts_with("f.csv:4:AQI上限:"), "{}", errors[0]);
        assert!(errors.iter().any(|e| e.starts_with("f.csv:5:AQI下限:")));
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("f.csv:5:AQI上限:") && e.contains("0–500"))
        );
        assert!(errors.iter().any(|e| e.starts_with("f.csv:5:首要污染物:")));
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("f.csv:6:日期:") && e.contains("第 2 行"))
        );
        assert!(errors.iter().any(|e| e.starts_with("f.csv:7:日期:")));
    }

    #[test]
    fn single_range_column_and_english_header() {
        let p = csv("date,AQI,primary\n2023-12-01,210～260,PM2.5\n2023-12-02,230,\n");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.records[0].value.range_text(), "210～260");
        assert_eq!(p.records[1].value.aqi_low(), 230);
        assert!(from_csv(Path::new("x.csv"), b"a,b\n1,2\n".to_vec()).is_err());
    }
}
