//! 执法人员名录文件 — `执法人员编号,姓名,所在单位`.

use super::sheet::{LedgerParsed, Sheet};
use crate::error::FileError;
use ecogov_domain::draw::{Inspector, InspectorId};
use std::collections::HashMap;
use std::path::Path;

/// Reads an inspector list.
pub fn read(path: &Path) -> Result<LedgerParsed<Inspector>, FileError> {
    parse(&Sheet::read(path)?)
}

/// Reads the rows of an inspector list: id and name required, ids distinct.
pub fn parse(sheet: &Sheet) -> Result<LedgerParsed<Inspector>, FileError> {
    let c_id = sheet.require("执法人员编号")?;
    let c_name = sheet.require("姓名")?;
    let c_unit = sheet.require("所在单位")?;
    let mut out = LedgerParsed {
        records: Vec::new(),
        errors: sheet.errors.clone(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, f) in &sheet.rows {
        let Some(id) = InspectorId::new(&f[c_id]) else {
            out.errors.push(sheet.error(
                *line,
                Some(c_id),
                "执法人员编号为空 (blank inspector id)",
            ));
            continue;
        };
        if f[c_name].is_empty() {
            out.errors
                .push(sheet.error(*line, Some(c_name), "姓名为空 (blank name)"));
            continue;
        }
        if let Some(first) = seen.get(id.as_str()) {
            out.errors.push(sheet.error(
                *line,
                Some(c_id),
                format!("执法人员编号 {id} 重复，首次在第 {first} 行 (duplicate id, first at line {first})"),
            ));
            continue;
        }
        seen.insert(id.to_string(), *line);
        out.records.push((
            *line,
            Inspector {
                id,
                name: f[c_name].clone(),
                unit: f[c_unit].clone(),
            },
        ));
    }
    Ok(out)
}
