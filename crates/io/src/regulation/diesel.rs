//! 柴油车检测记录文件 — `检测方式,检测日期,车牌号,企业信用代码,检测结果[,备注]`.
//!
//! 检测方式 `路检路查` or `入户检测` (or `road`, `home`); 检测日期 `YYYY-MM-DD` (a date cell in a
//! workbook); 检测结果 `合格` or `不合格`. 车牌号 and 企业信用代码 may be empty where the
//! domain allows (a road check needs the plate; an in-premises check the plate or the
//! enterprise). Whether the enterprise is registered is checked when the records are stored.

use super::sheet::{LedgerParsed, Sheet, parse_day};
use crate::error::FileError;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::inspection::{CheckResult, DieselCheck, DieselCheckKind, PlateNumber};
use std::path::Path;

/// One check read, with its 备注.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DieselRow {
    /// The check.
    pub check: DieselCheck,
    /// 备注, when given.
    pub note: Option<String>,
}

/// Reads a diesel check file.
pub fn read(path: &Path) -> Result<LedgerParsed<DieselRow>, FileError> {
    parse(&Sheet::read(path)?)
}

/// Reads the rows of a diesel check file.
pub fn parse(sheet: &Sheet) -> Result<LedgerParsed<DieselRow>, FileError> {
    let c_kind = sheet.require("检测方式")?;
    let c_date = sheet.require("检测日期")?;
    let c_plate = sheet.column("车牌号");
    let c_code = sheet.column("企业信用代码");
    let c_result = sheet.require("检测结果")?;
    let c_note = sheet.column("备注");
    let mut out = LedgerParsed {
        records: Vec::new(),
        errors: sheet.errors.clone(),
    };
    for (line, f) in &sheet.rows {
        let get = |c: Option<usize>| c.map(|i| f[i].as_str()).filter(|s| !s.is_empty());
        let row: Result<DieselRow, (usize, String)> = (|| {
            let kind = DieselCheckKind::parse(&f[c_kind]).ok_or_else(|| {
                (
                    c_kind,
                    format!(
                        "检测方式“{}”应为 路检路查 或 入户检测 (unknown check kind)",
                        f[c_kind]
                    ),
                )
            })?;
            let date = parse_day(&f[c_date]).ok_or_else(|| {
                (
                    c_date,
                    format!("检测日期“{}”无效，应为 YYYY-MM-DD (bad date)", f[c_date]),
                )
            })?;
            let plate = get(c_plate)
                .map(PlateNumber::parse)
                .transpose()
                .map_err(|e| (c_plate.unwrap_or(c_kind), e.to_string()))?;
            let enterprise = get(c_code)
                .map(CreditCode::parse)
                .transpose()
                .map_err(|e| (c_code.unwrap_or(c_kind), e.to_string()))?;
            let result = match f[c_result].as_str() {
                "合格" | "pass" => CheckResult::Pass,
                "不合格" | "fail" => CheckResult::Fail,
                other => {
                    return Err((
                        c_result,
                        format!("检测结果“{other}”应为 合格 或 不合格 (unknown result)"),
                    ));
                }
            };
            let check = DieselCheck::new(kind, date, plate, enterprise, result)
                .map_err(|e| (c_plate.unwrap_or(c_kind), e.to_string()))?;
            Ok(DieselRow {
                check,
                note: get(c_note).map(str::to_string),
            })
        })();
        match row {
            Ok(r) => out.records.push((*line, r)),
            Err((col, message)) => out.errors.push(sheet.error(*line, Some(col), message)),
        }
    }
    Ok(out)
}
