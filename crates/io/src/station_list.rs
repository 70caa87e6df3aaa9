//! The national station list (国控站点列表): `监测点编码,监测点名称,城市,经度,纬度,对照点`.
//!
//! Used for metadata the hourly feed lacks — above all the 对照点 (background/control site) flag:
//! HJ 663 excludes control points from a city's value. Station lists name cities without the 市
//! suffix the feed uses (`北京` vs `北京市`); [`same_city`] compares them.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use crate::error::{FileError, RowError, RowErrorKind};
use crate::lines::{LineReader, Splitter};
use crate::text;

/// One station of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Station {
    /// 监测点编码.
    pub code: String,
    /// 监测点名称.
    pub name: String,
    /// 城市.
    pub city: String,
    /// 经度, as written (empty or `-` → `None`).
    pub longitude: Option<String>,
    /// 纬度, as written (empty or `-` → `None`).
    pub latitude: Option<String>,
    /// 对照点 — a background/control site (`Y`).
    pub control_point: bool,
}

/// Reads a station list; bad rows are returned beside the good ones.
pub fn read(path: &Path) -> Result<(Vec<Station>, Vec<RowError>), FileError> {
    let io = |source| FileError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let (input, _) = text::utf8_reader(file).map_err(io)?;
    let mut lines = LineReader::new(input);
    let mut split = Splitter::new();
    let mut buf = Vec::new();
    let mut columns: Option<[Option<usize>; 6]> = None;
    let (mut stations, mut errors) = (Vec::new(), Vec::new());
    let name: Arc<Path> = Arc::from(path);
    while let Some(line) = lines.read(&mut buf).map_err(io)? {
        if buf.trim_ascii().is_empty() {
            continue;
        }
        let unclosed = split.split(&buf).is_err();
        let field = |i: Option<usize>| {
            i.map(|i| String::from_utf8_lossy(split.field(i)).trim().to_owned())
                .unwrap_or_default()
        };
        let Some(cols) = columns else {
            let names: Vec<String> = (0..split.len()).map(|i| field(Some(i))).collect();
            let find = |n: &str| {
                names
                    .iter()
                    .position(|h| h.trim_start_matches('\u{feff}') == n)
            };
            let code = find("监测点编码").ok_or_else(|| FileError::MissingColumn {
                path: path.to_owned(),
                line: line.number,
                column: "监测点编码",
            })?;
            columns = Some([
                Some(code),
                find("监测点名称"),
                find("城市"),
                find("对照点"),
                find("经度"),
                find("纬度"),
            ]);
            continue;
        };
        let error = |field: Option<&str>, kind| RowError {
            file: Arc::clone(&name),
            line: line.number,
            field: field.map(Arc::from),
            kind,
        };
        if unclosed {
            errors.push(error(None, RowErrorKind::UnclosedQuote));
            continue;
        }
        let code = field(cols[0]);
        if code.is_empty() {
            errors.push(error(Some("监测点编码"), RowErrorKind::Blank));
            continue;
        }
        stations.push(Station {
            code,
            name: field(cols[1]),
            city: field(cols[2]),
            control_point: matches!(field(cols[3]).as_str(), "Y" | "y" | "是"),
            longitude: Some(field(cols[4])).filter(|s| !unknown(s)),
            latitude: Some(field(cols[5])).filter(|s| !unknown(s)),
        });
    }
    if columns.is_none() {
        return Err(FileError::Empty {
            path: path.to_owned(),
        });
    }
    Ok((stations, errors))
}

/// The list writes an unknown coordinate as empty or `-` (e.g. 1045A, 3019A in the 2022 list).
fn unknown(text: &str) -> bool {
    matches!(text, "" | "-" | "--" | "—" | "NA" | "/")
}

/// Whether two city names denote the same city, ignoring a trailing 市 (`北京` = `北京市`).
pub fn same_city(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.trim().trim_end_matches('市').to_owned();
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_the_list() {
        let mut f = tempfile::NamedTempFile::new().expect("temp file");
        write!(
            f,
            "监测点编码,监测点名称,城市,经度,纬度,对照点\n1001A,万寿西宫,北京,116.3621,39.8784,N\n1002A,定陵(对照点),北京,116.2202,40.2915,Y\n,x,北京,1,1,N\n"
        )
        .expect("write");
        let (stations, errors) = read(f.path()).expect("readable");
        assert_eq!(stations.len(), 2);
        assert!(!stations[0].control_point && stations[1].control_point);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
        assert!(same_city("北京", "北京市"));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn read_bytes(bytes: &[u8]) -> Result<(Vec<Station>, Vec<RowError>), FileError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("list.csv");
        std::fs::write(&path, bytes).expect("write");
        read(&path)
    }

    #[test]
    fn reads_codes_flags_and_coordinates() {
        let (stations, errors) =
            read_bytes("监测点编码,监测点名称,城市,经度,纬度,对照点\n1001A,万寿西宫,北京,116.3621,39.8784,N\n1045A,某站,某市,-,-,Y\n,无编码,某市,1,2,N\n".as_bytes())
                .expect("list");
        assert_eq!(stations.len(), 2);
        assert_eq!(stations[0].longitude.as_deref(), Some("116.3621"));
        assert_eq!(
            (stations[1].longitude.clone(), stations[1].control_point),
            (None, true)
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = read_bytes(&bytes);
        }

        #[test]
        fn arbitrary_rows_never_panic(rows in proptest::collection::vec("[^\n]{0,40}", 0..6)) {
            let text = format!("监测点编码,监测点名称,城市,经度,纬度,对照点\n{}", rows.join("\n"));
            let _ = read_bytes(text.as_bytes());
        }
    }
}
