//! 信访件登记文件 — `信访件编号,信访渠道,登记日期,企业信用代码,地址,反映内容`.
//!
//! 信访渠道 `12345`, `12369`, `微信公众号`, `来信`, `来访` (or `12345热线` …; another name is kept
//! as 其他 with that name). Each row registers a case (登记). 企业信用代码 and 地址 may be empty;
//! 反映内容 may not. Whether the enterprise is registered is checked when the cases are stored.

use super::sheet::{LedgerParsed, Sheet, parse_day};
use crate::error::FileError;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::petition::{Channel, PetitionCase, PetitionId};
use std::collections::HashMap;
use std::path::Path;

/// Reads a petition file.
pub fn read(path: &Path) -> Result<LedgerParsed<PetitionCase>, FileError> {
    parse(&Sheet::read(path)?)
}

/// Reads the rows of a petition file.
pub fn parse(sheet: &Sheet) -> Result<LedgerParsed<PetitionCase>, FileError> {
    let c_id = sheet.require("信访件编号")?;
    let c_channel = sheet.require("信访渠道")?;
    let c_date = sheet.require("登记日期")?;
    let c_code = sheet.column("企业信用代码");
    let c_address = sheet.column("地址");
    let c_summary = sheet.require("反映内容")?;
    let mut out = LedgerParsed {
        records: Vec::new(),
        errors: sheet.errors.clone(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, f) in &sheet.rows {
        let get = |c: Option<usize>| c.map(|i| f[i].as_str()).unwrap_or("");
        let case: Result<PetitionCase, (usize, String)> = (|| {
            let id = PetitionId::new(&f[c_id])
                .ok_or((c_id, "信访件编号为空 (blank case id)".to_string()))?;
            if let Some(first) = seen.get(id.as_str()) {
                return Err((
                    c_id,
                    format!(
                        "信访件编号 {id} 重复，首次在第 {first} 行 (duplicate id, first at line {first})"
                    ),
                ));
            }
            if f[c_channel].is_empty() {
                return Err((c_channel, "信访渠道为空 (blank channel)".to_string()));
            }
            let channel = match f[c_channel].trim_end_matches("热线") {
                "12345" => Channel::Hotline12345,
                "12369" => Channel::Hotline12369,
                _ => Channel::parse(&f[c_channel]),
            };
            let date = parse_day(&f[c_date]).ok_or_else(|| {
                (
                    c_date,
                    format!("登记日期“{}”无效，应为 YYYY-MM-DD (bad date)", f[c_date]),
                )
            })?;
            let code = get(c_code);
            let enterprise = if code.is_empty() {
                None
            } else {
                Some(CreditCode::parse(code).map_err(|e| (c_code.unwrap_or(c_id), e.to_string()))?)
            };
            if f[c_summary].is_empty() {
                return Err((c_summary, "反映内容为空 (blank summary)".to_string()));
            }
            Ok(PetitionCase::register(
                id,
                channel,
                date,
                enterprise,
                get(c_address),
                &f[c_summary],
            ))
        })();
        match case {
            Ok(c) => {
                seen.insert(c.id().to_string(), *line);
                out.records.push((*line, c));
            }
            Err((col, message)) => out.errors.push(sheet.error(*line, Some(col), message)),
        }
    }
    Ok(out)
}
