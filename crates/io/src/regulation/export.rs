//! 台账导出 — each ledger as an `.xlsx` workbook: one sheet named after the ledger, the header
//! row first (the same column names the importers read, so an exported register can be edited
//! and imported again), then one row per record, every cell text.

use crate::export::{ExportError, Formats};
use ecogov_domain::enterprise::Enterprise;
use ecogov_domain::inspection::DieselCheck;
use ecogov_domain::outfall::Outfall;
use ecogov_domain::petition::{
    PetitionCase, REPEAT_WINDOW_DAYS, TimeLimits, deadline_status, repeats,
};
use jiff::civil::Date;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::Path;

/// A ledger to write: sheet name, column names, rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The sheet's name (at most 31 characters).
    pub sheet: String,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as many cells as columns.
    pub rows: Vec<Vec<String>>,
}

fn build(ledger: &Ledger) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let Formats { head, cell, .. } = Formats::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&ledger.sheet)?;
    for (c, h) in ledger.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_with_format(0, c, *h, &head)?;
        sheet.set_column_width(c, 18)?;
    }
    for (r, row) in ledger.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            sheet.write_with_format(r, u16::try_from(c).unwrap_or(u16::MAX), v.as_str(), &cell)?;
        }
    }
    Ok(book)
}

/// The workbook's bytes (for a download).
pub fn xlsx_bytes(ledger: &Ledger) -> Result<Vec<u8>, String> {
    build(ledger)
        .and_then(|mut b| b.save_to_buffer())
        .map_err(|e| e.to_string())
}

/// Writes the workbook to `path`.
pub fn xlsx(path: &Path, ledger: &Ledger) -> Result<(), ExportError> {
    build(ledger)
        .and_then(|mut b| b.save(path))
        .map_err(|e| ExportError {
            path: path.to_owned(),
            message: e.to_string(),
        })
}

/// 企业名录, in the import format.
pub fn enterprises(list: &[Enterprise]) -> Ledger {
    Ledger {
        sheet: "企业名录".into(),
        columns: vec![
            "企业名称",
            "统一社会信用代码",
            "地址",
            "行业",
            "监管类别",
            "排污许可证编号",
        ],
        rows: list
            .iter()
            .map(|e| {
                vec![
                    e.name().to_string(),
                    e.credit_code().to_string(),
                    e.address().to_string(),
                    e.industry().to_string(),
                    e.class().label().to_string(),
                    e.permit().map(|p| p.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// 柴油车检测记录, in the import format.
pub fn diesel(list: &[(DieselCheck, Option<String>)]) -> Ledger {
    Ledger {
        sheet: "柴油车检测记录".into(),
        columns: vec![
            "检测方式",
            "检测日期",
            "车牌号",
            "企业信用代码",
            "检测结果",
            "备注",
        ],
        rows: list
            .iter()
            .map(|(c, note)| {
                vec![
                    c.kind().label().to_string(),
                    c.date().to_string(),
                    c.plate().map(|p| p.to_string()).unwrap_or_default(),
                    c.enterprise().map(|e| e.to_string()).unwrap_or_default(),
                    c.result().label().to_string(),
                    note.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// 入河排污口台账 with each outfall's state, measures and closing date.
pub fn outfalls(list: &[Outfall]) -> Ledger {
    Ledger {
        sheet: "入河排污口台账".into(),
        columns: vec![
            "排污口编码",
            "排污口名称",
            "受纳水体",
            "状态",
            "整治措施",
            "销号日期",
        ],
        rows: list
            .iter()
            .map(|o| {
                let measures: Vec<String> = o
                    .measures()
                    .iter()
                    .map(|m| match m.done_on {
                        Some(d) => format!("{}（{d} 完成）", m.text),
                        None => m.text.clone(),
                    })
                    .collect();
                vec![
                    o.code().to_string(),
                    o.name().to_string(),
                    o.receiving_water().to_string(),
                    o.state().label().to_string(),
                    measures.join("；"),
                    o.closed_on().map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// 信访件台账 on `today`: each case with its state, current deadline, deadline status and the
/// repeats within 90 days.
pub fn petitions(cases: &[PetitionCase], today: Date, limits: &TimeLimits) -> Ledger {
    Ledger {
        sheet: "信访件台账".into(),
        columns: vec![
            "信访件编号",
            "信访渠道",
            "登记日期",
            "企业信用代码",
            "地址",
            "反映内容",
            "状态",
            "办理期限",
            "期限状态",
            "重复信访",
        ],
        rows: cases
            .iter()
            .map(|c| {
                let d = deadline_status(c, today, limits);
                let rep: Vec<String> = repeats(cases, c, REPEAT_WINDOW_DAYS)
                    .iter()
                    .map(|m| m.case.id().to_string())
                    .collect();
                vec![
                    c.id().to_string(),
                    c.channel().label().to_string(),
                    c.registered_on().to_string(),
                    c.enterprise().map(|e| e.to_string()).unwrap_or_default(),
                    c.address().to_string(),
                    c.summary().to_string(),
                    c.state().label().to_string(),
                    d.map(|d| d.due.to_string()).unwrap_or_default(),
                    d.map(|d| d.status.label().to_string()).unwrap_or_default(),
                    rep.join("、"),
                ]
            })
            .collect(),
    }
}
