//! 监测断面名录 — the water section registry file:
//! `断面名称,河流湖库,流域,水体类型,控制级别,水质目标,责任区镇街道,上游,下游`.
//!
//! - 水体类型: `河流` (river) or `湖库` (lake or reservoir; decides the TP limits of GB 3838-2002
//!   表1 注). 控制级别: `国控`, `省控` or `市控`. 水质目标: `Ⅰ`…`Ⅴ` (or `III`, `3`), may be empty.
//! - 责任区镇街道, 上游, 下游 may be empty; for a cross-boundary section 上游/下游 name the
//!   districts on each side.
//! - Columns are found by name; the same section twice is refused.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ecogov_domain::monitoring::ControlLevel;
use ecogov_domain::water_data::WaterSection;
use ecogov_standards::water::{WaterBody, WaterClass};

use crate::error::{FileError, RowErrorKind};
use crate::long::{Parsed, Record, Table};

/// Reads a section registry file.
pub fn read(path: &Path) -> Result<Parsed<WaterSection>, FileError> {
    let file = FileError::open(path)?;
    from_reader(path, file)
}

/// Reads a section registry from any source; `name` is the file named in errors.
pub fn from_reader<R: Read + Send + 'static>(
    name: &Path,
    reader: R,
) -> Result<Parsed<WaterSection>, FileError> {
    let mut table = Table::from_reader(name, reader)?;
    let col = |t: &Table, n: &'static str| t.find(|h| h == n).ok_or_else(|| t.missing(n));
    let c_name = col(&table, "断面名称")?;
    let c_water = col(&table, "河流湖库")?;
    let c_basin = col(&table, "流域")?;
    let c_body = col(&table, "水体类型")?;
    let c_level = col(&table, "控制级别")?;
    let c_target = col(&table, "水质目标")?;
    let optional = |t: &Table, n: &str| t.find(|h| h == n);
    let (c_district, c_up, c_down) = (
        optional(&table, "责任区镇街道"),
        optional(&table, "上游"),
        optional(&table, "下游"),
    );
    let mut parsed = Parsed {
        records: Vec::new(),
        errors: Vec::new(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row() {
        let line = match row {
            Ok(line) => line,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        let text = |i: Option<usize>| i.map(|i| table.field(i)).filter(|s| !s.is_empty());
        let fail = |i: usize, kind: RowErrorKind| table.error(line, Some(i), kind);
        let section_name = table.field(c_name);
        if section_name.is_empty() {
            parsed.errors.push(fail(c_name, RowErrorKind::Blank));
            continue;
        }
        let body = match table.field(c_body).as_str() {
            "河流" | "river" => WaterBody::River,
            "湖库" | "湖泊" | "水库" | "lake" => WaterBody::LakeReservoir,
            other => {
                let kind = RowErrorKind::OutOfRange {
                    text: other.to_string(),
                    allowed: "河流 or 湖库 (river or lake)",
                };
                parsed.errors.push(fail(c_body, kind));
                continue;
            }
        };
        let level_text = table.field(c_level);
        let Some(level) = ControlLevel::parse(&level_text) else {
            let kind = RowErrorKind::OutOfRange {
                text: level_text,
                allowed: "国控, 省控 or 市控",
            };
            parsed.errors.push(fail(c_level, kind));
            continue;
        };
        let target = match text(Some(c_target)) {
            None => None,
            Some(t) => match t.parse::<WaterClass>() {
                Ok(c) if c != WaterClass::WorseThanV => Some(c),
                _ => {
                    let kind = RowErrorKind::OutOfRange {
                        text: t,
                        allowed: "Ⅰ–Ⅴ",
                    };
                    parsed.errors.push(fail(c_target, kind));
                    continue;
                }
            },
        };
        if let Some(first_line) = seen.get(&section_name) {
            parsed.errors.push(fail(
                c_name,
                RowErrorKind::DuplicateSample {
                    first_line: *first_line,
                },
            ));
            continue;
        }
        seen.insert(section_name.clone(), line);
        parsed.records.push(Record {
            line,
            value: WaterSection {
                name: section_name,
                water: table.field(c_water),
                basin: table.field(c_basin),
                body,
                level,
                target,
                district: text(c_district),
                upstream: text(c_up),
                downstream: text(c_down),
            },
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Parsed<WaterSection> {
        from_reader(
            Path::new("s.csv"),
            std::io::Cursor::new(text.as_bytes().to_vec()),
        )
        .expect("header")
    }

    const HEADER: &str =
        "断面名称,河流湖库,流域,水体类型,控制级别,水质目标,责任区镇街道,上游,下游\n";

    #[test]
    fn reads_sections_and_reports_bad_rows() {
        let p = parse(&format!(
            "{HEADER}毛场,四湖总干渠,长江,河流,省控,Ⅲ,张金镇,,\n返湾湖,返湾湖,长江,湖库,市控,III,浩口镇,,\n坏,河,江,海洋,省控,Ⅲ,,,\n坏2,河,江,河流,县控,Ⅲ,,,\n毛场,四湖总干渠,长江,河流,省控,Ⅲ,,,\n"
        ));
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[1].value.body, WaterBody::LakeReservoir);
        assert_eq!(p.records[0].value.target, Some(WaterClass::III));
        assert_eq!(p.records[0].value.district.as_deref(), Some("张金镇"));
        let lines: Vec<u64> = p.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6]);
    }

    #[test]
    fn header_must_name_the_columns() {
        assert!(
            from_reader(
                Path::new("x.csv"),
                std::io::Cursor::new(b"a,b\n1,2\n".to_vec())
            )
            .is_err()
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = from_reader(Path::new("x.csv"), std::io::Cursor::new(bytes));
        }

        #[test]
        fn arbitrary_rows_never_panic(rows in proptest::collection::vec("[^\n]{0,60}", 0..8)) {
            let text = format!("{HEADER}{}", rows.join("\n"));
            let _ = from_reader(Path::new("x.csv"), std::io::Cursor::new(text.into_bytes()));
        }
    }
}
