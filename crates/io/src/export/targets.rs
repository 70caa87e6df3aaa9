//! 主要目标完成情况 — the monthly target report as a workbook: one row per indicator, then each
//! bound indicator's months this year and last year.

use super::ExportError;
use ecogov_domain::target_eval::Evaluation;
use ecogov_standards::rounding::gb8170;
use jiff::civil::Date;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::Path;

/// The report's column headings, in order.
pub const TARGET_COLUMNS: [&str; 10] = [
    "序号",
    "领域",
    "指标",
    "目标",
    "当前值",
    "上年同期",
    "状态",
    "余量",
    "全年预测",
    "计算依据",
];

/// Writes the target report for `as_of`: sheet 1 the indicators, sheet 2 their monthly values.
pub fn targets_xlsx(
    path: &Path,
    title: &str,
    as_of: Date,
    evaluations: &[Evaluation],
    synthetic: bool,
) -> Result<(), ExportError> {
    build(title, as_of, evaluations, synthetic)
        .and_then(|mut book| book.save(path))
        .map_err(|e| ExportError {
            path: path.to_owned(),
            message: e.to_string(),
        })
}

/// The same workbook as bytes, for a download.
pub fn targets_xlsx_bytes(
    title: &str,
    as_of: Date,
    evaluations: &[Evaluation],
    synthetic: bool,
) -> Result<Vec<u8>, String> {
    build(title, as_of, evaluations, synthetic)
        .and_then(|mut book| book.save_to_buffer())
        .map_err(|e| e.to_string())
}

fn build(
    title: &str,
    as_of: Date,
    evaluations: &[Evaluation],
    synthetic: bool,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let super::Formats {
        title: heading,
        head,
        cell,
    } = super::Formats::new();
    let sheet = book.add_worksheet();
    sheet.set_name("目标完成情况")?;
    let mut text = format!("{title} 主要目标完成情况（截至 {as_of}）");
    if synthetic {
        text.push_str("（含模拟数据）");
    }
    sheet.merge_range(0, 0, 0, (TARGET_COLUMNS.len() - 1) as u16, &text, &heading)?;
    for (c, h) in TARGET_COLUMNS.iter().enumerate() {
        sheet.write_with_format(1, c as u16, *h, &head)?;
    }
    for (i, e) in evaluations.iter().enumerate() {
        let row = i as u32 + 2;
        let t = &e.target;
        let cells = [
            (i + 1).to_string(),
            t.area.label().to_string(),
            t.measure.clone(),
            t.threshold_label(),
            e.shown.clone(),
            e.last_year.map(|v| e.show(Some(v))).unwrap_or_default(),
            e.status.label().to_string(),
            e.budget.clone().unwrap_or_default(),
            e.projection
                .as_ref()
                .map(|p| e.show(Some(p.value)))
                .unwrap_or_default(),
            e.trail.first().cloned().unwrap_or_default(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_with_format(row, c as u16, v.as_str(), &cell)?;
        }
    }
    for (c, w) in [5, 12, 30, 16, 36, 14, 10, 40, 16, 40].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let months = book.add_worksheet();
    months.set_name("逐月")?;
    months.write_with_format(0, 0, "指标", &head)?;
    months.write_with_format(0, 1, "年份", &head)?;
    for m in 1..=12u16 {
        months.write_with_format(0, m + 1, format!("{m}月"), &head)?;
    }
    let mut row = 1;
    for e in evaluations.iter().filter(|e| !e.monthly.is_empty()) {
        for (label, this) in [("今年", true), ("上年", false)] {
            months.write_with_format(row, 0, e.target.measure.as_str(), &cell)?;
            months.write_with_format(row, 1, label, &cell)?;
            for p in &e.monthly {
                let v = if this { p.this_year } else { p.last_year };
                let text = v.map(|v| gb8170(v, 2).normalize().to_string());
                months.write_with_format(
                    row,
                    p.month as u16 + 1,
                    text.as_deref().unwrap_or(""),
                    &cell,
                )?;
            }
            row += 1;
        }
    }
    months.set_column_width(0, 30)?;
    Ok(book)
}
