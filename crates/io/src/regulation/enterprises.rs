//! 企业名录文件 — `企业名称,统一社会信用代码,地址,行业,监管类别[,排污许可证编号]`.
//!
//! 监管类别 is `重点排污单位`, `一般排污单位` (or `一般`), `特殊监管对象` (or the codes `key`,
//! `general`, `special`). The credit code is checked by GB 32100-2015 and the permit number by
//! HJ 608-2017 (`ecogov_domain::enterprise`); the same credit code twice is refused.

use super::sheet::{LedgerParsed, Sheet};
use crate::error::FileError;
use ecogov_domain::enterprise::{Enterprise, EnterpriseError, SupervisionClass};
use std::collections::HashMap;
use std::path::Path;

/// Reads an enterprise register file.
pub fn read(path: &Path) -> Result<LedgerParsed<Enterprise>, FileError> {
    parse(&Sheet::read(path)?)
}

fn class(text: &str) -> Option<SupervisionClass> {
    match text.trim() {
        "一般" | "一般单位" => Some(SupervisionClass::GeneralDischarger),
        "重点" => Some(SupervisionClass::KeyDischarger),
        "特殊" => Some(SupervisionClass::Special),
        t => SupervisionClass::parse(t),
    }
}

/// Reads the rows of an enterprise register.
pub fn parse(sheet: &Sheet) -> Result<LedgerParsed<Enterprise>, FileError> {
    let c_name = sheet.require("企业名称")?;
    let c_code = sheet.require("统一社会信用代码")?;
    let c_address = sheet.require("地址")?;
    let c_industry = sheet.require("行业")?;
    let c_class = sheet.require("监管类别")?;
    let c_permit = sheet.column("排污许可证编号");
    let mut out = LedgerParsed {
        records: Vec::new(),
        errors: sheet.errors.clone(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, f) in &sheet.rows {
        let Some(class) = class(&f[c_class]) else {
            out.errors.push(sheet.error(
                *line,
                Some(c_class),
                format!(
                    "监管类别“{}”应为 重点排污单位、一般排污单位 或 特殊监管对象 (unknown supervision class)",
                    f[c_class]
                ),
            ));
            continue;
        };
        let permit = c_permit.map(|c| f[c].as_str());
        match Enterprise::new(
            &f[c_name],
            &f[c_code],
            &f[c_address],
            &f[c_industry],
            class,
            permit,
        ) {
            Ok(e) => {
                if let Some(first) = seen.get(e.credit_code().as_str()) {
                    out.errors.push(sheet.error(
                        *line,
                        Some(c_code),
                        format!(
                            "统一社会信用代码 {} 重复，首次在第 {first} 行 (duplicate credit code, first at line {first})",
                            e.credit_code()
                        ),
                    ));
                    continue;
                }
                seen.insert(e.credit_code().to_string(), *line);
                out.records.push((*line, e));
            }
            Err(e) => {
                let col = match &e {
                    EnterpriseError::CreditCode(_) => c_code,
                    EnterpriseError::Empty { field: "名称" } => c_name,
                    EnterpriseError::Empty { field: "地址" } => c_address,
                    EnterpriseError::Empty { .. } => c_industry,
                    EnterpriseError::PermitFormat(_)
                    | EnterpriseError::PermitOfOtherUnit { .. } => c_permit.unwrap_or(c_code),
                };
                out.errors
                    .push(sheet.error(*line, Some(col), e.to_string()));
            }
        }
    }
    Ok(out)
}
