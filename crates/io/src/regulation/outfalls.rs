//! 入河排污口台账文件 — `排污口编码,排污口名称,受纳水体[,整治措施]`.
//!
//! Each row is a newly surveyed outfall (排查). 整治措施 lists its 一口一策 measures separated
//! by `；`, `;` or line breaks. The same code twice is refused.

use super::sheet::{LedgerParsed, Sheet};
use crate::error::FileError;
use ecogov_domain::outfall::{Outfall, OutfallError};
use std::collections::HashMap;
use std::path::Path;

/// Reads an outfall ledger file.
pub fn read(path: &Path) -> Result<LedgerParsed<Outfall>, FileError> {
    parse(&Sheet::read(path)?)
}

/// Reads the rows of an outfall ledger file.
pub fn parse(sheet: &Sheet) -> Result<LedgerParsed<Outfall>, FileError> {
    let c_code = sheet.require("排污口编码")?;
    let c_name = sheet.require("排污口名称")?;
    let c_water = sheet.require("受纳水体")?;
    let c_measures = sheet.column("整治措施");
    let mut out = LedgerParsed {
        records: Vec::new(),
        errors: sheet.errors.clone(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, f) in &sheet.rows {
        let built = Outfall::new(&f[c_code], &f[c_name], &f[c_water]).and_then(|mut o| {
            if let Some(c) = c_measures {
                for m in f[c]
                    .split(['；', ';', '\n'])
                    .filter(|m| !m.trim().is_empty())
                {
                    o.add_measure(m)?;
                }
            }
            Ok(o)
        });
        match built {
            Ok(o) => {
                if let Some(first) = seen.get(o.code().as_str()) {
                    out.errors.push(sheet.error(
                        *line,
                        Some(c_code),
                        format!("排污口编码 {} 重复，首次在第 {first} 行 (duplicate code, first at line {first})", o.code()),
                    ));
                    continue;
                }
                seen.insert(o.code().to_string(), *line);
                out.records.push((*line, o));
            }
            Err(e) => {
                let col = match e {
                    OutfallError::Empty { field: "名称" } => c_name,
                    OutfallError::Empty {
                        field: "受纳水体"
                    } => c_water,
                    _ => c_code,
                };
                out.errors
                    .push(sheet.error(*line, Some(col), e.to_string()));
            }
        }
    }
    Ok(out)
}
