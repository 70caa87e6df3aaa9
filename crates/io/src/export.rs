//! 导出 — Excel exports of what the system computes, laid out the way they are handed upward.

mod ledgers;
mod targets;

pub use ledgers::{
    NOTICE_COLUMNS, NoticeAlert, NoticeEntry, RECTIFICATION_COLUMNS, RectificationEntry,
    TASK_LEDGER_COLUMNS, TaskLedger, UNIT_SUMMARY_COLUMNS, notice_alert, notices_xlsx,
    notices_xlsx_bytes, rectifications_xlsx, rectifications_xlsx_bytes, tasks_xlsx,
    tasks_xlsx_bytes,
};
pub use targets::{TARGET_COLUMNS, targets_xlsx, targets_xlsx_bytes};

use ecogov_domain::water_assessment::MonthlyBulletin;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[error("{}: 无法写入 Excel 文件 (cannot write the workbook): {message}", path.display())]
pub struct ExportError {
    /// The file.
    pub path: std::path::PathBuf,
    /// What the writer said.
    pub message: String,
}

/// The formats every exported sheet shares: the title row, the heading row, the cells.
pub(crate) struct Formats {
    pub title: Format,
    pub head: Format,
    pub cell: Format,
}

impl Formats {
    pub fn new() -> Self {
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            head: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color("#EEF2F5")
                .set_text_wrap(),
            cell: Format::new().set_border(FormatBorder::Thin).set_text_wrap(),
        }
    }
}

/// The monthly bulletin's column headings, in order.
pub const BULLETIN_COLUMNS: [&str; 10] = [
    "排名",
    "断面名称",
    "河流湖库",
    "责任区镇街道",
    "控制级别",
    "水质目标",
    "本月水质类别",
    "是否达标",
    "主要污染指标（超Ⅲ类倍数）",
    "监测次数",
];

/// Writes the monthly section bulletin (月度断面水质通报) as one sheet: a title row, a summary
/// row, then one row per section in rank order.
pub fn bulletin_xlsx(
    path: &Path,
    bulletin: &MonthlyBulletin,
    synthetic: bool,
) -> Result<(), ExportError> {
    write(path, bulletin, synthetic).map_err(|e| ExportError {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn write(path: &Path, b: &MonthlyBulletin, synthetic: bool) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("{}年{}月", b.month.year(), b.month.month()))?;
    let Formats { title, head, cell } = Formats::new();
    let mut heading = format!("{}年{}月跨界断面水质通报", b.month.year(), b.month.month());
    if synthetic {
        heading.push_str("（模拟数据）");
    }
    sheet.merge_range(
        0,
        0,
        0,
        (BULLETIN_COLUMNS.len() - 1) as u16,
        &heading,
        &title,
    )?;
    let (good, worst) = b.good_and_worst();
    let (meeting, with_target) = b.meeting_target();
    let summary = format!(
        "评价断面 {} 个：Ⅰ–Ⅲ类 {good} 个，劣Ⅴ类 {worst} 个；达到水质目标 {meeting} / {with_target} 个。",
        b.evaluated()
    );
    sheet.merge_range(
        1,
        0,
        1,
        (BULLETIN_COLUMNS.len() - 1) as u16,
        &summary,
        &Format::new(),
    )?;
    for (c, name) in BULLETIN_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &head)?;
    }
    for (i, s) in b.sections.iter().enumerate() {
        let r = 3 + i as u32;
        let text = |v: Option<String>| v.unwrap_or_default();
        let cells = [
            text(s.rank.map(|n| n.to_string())),
            s.section.name.clone(),
            s.section.water.clone(),
            text(s.section.district.clone()),
            s.section.level.label().to_string(),
            text(s.section.target.map(|c| c.to_string())),
            s.class
                .map(|c| c.to_string())
                .unwrap_or_else(|| "无数据".into()),
            match s.meets_target {
                Some(true) => "达标".into(),
                Some(false) => "未达标".into(),
                None => String::new(),
            },
            s.main_pollutants.join("、"),
            s.samples.to_string(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, v, &cell)?;
        }
    }
    for (c, w) in [6, 24, 14, 14, 10, 10, 14, 10, 30, 10].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    book.save(path)
}
