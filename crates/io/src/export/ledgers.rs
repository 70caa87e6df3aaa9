//! 台账导出 — the ledgers the bureau hands upward, as workbooks: 任务台账 (each task and
//! deliverable with progress, status and acceptance, and a per-unit summary), 督办清单 and
//! 整改台账 ([`supervision`]). Each sheet has a title row, a note row (date, demo marking),
//! the heading row and one row per entry, and prints landscape with the heading repeated.

mod supervision;

pub use supervision::{
    NOTICE_COLUMNS, NoticeAlert, NoticeEntry, RECTIFICATION_COLUMNS, RectificationEntry,
    notice_alert, notices_xlsx, notices_xlsx_bytes, rectifications_xlsx, rectifications_xlsx_bytes,
};

use super::{ExportError, Formats};
use ecogov_domain::acceptance::AcceptanceState;
use ecogov_domain::plan::Plan;
use ecogov_domain::progress::{DeliverableProgress, ProgressStatus, task_status};
use ecogov_domain::task::{Task, TaskId};
use ecogov_domain::unit::UnitKind;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;

/// One cell of a ledger row.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Self::Text(s.to_string())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Self::Number(n as f64)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Self::Number(n as f64)
    }
}

impl From<Decimal> for Cell {
    fn from(d: Decimal) -> Self {
        d.to_f64()
            .map_or_else(|| Self::Text(d.to_string()), Self::Number)
    }
}

/// A sheet of the ledger: name, title, note, headings with widths, rows.
pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub title: String,
    pub note: String,
    pub columns: &'a [(&'a str, f64)],
    pub rows: Vec<Vec<Cell>>,
}

/// Writes `s` into a new worksheet of `book`.
pub(crate) fn add_sheet(book: &mut Workbook, s: Sheet<'_>) -> Result<(), XlsxError> {
    let Formats { title, head, cell } = Formats::new();
    let sheet: &mut Worksheet = book.add_worksheet();
    sheet.set_name(s.name)?;
    let last = (s.columns.len().max(1) - 1) as u16;
    sheet.merge_range(0, 0, 0, last, &s.title, &title)?;
    sheet.merge_range(1, 0, 1, last, &s.note, &rust_xlsxwriter::Format::new())?;
    for (c, (name, width)) in s.columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &head)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    for (i, row) in s.rows.iter().enumerate() {
        let r = 3 + i as u32;
        for (c, v) in row.iter().enumerate() {
            match v {
                Cell::Text(t) => sheet.write_string_with_format(r, c as u16, t, &cell)?,
                Cell::Number(n) => sheet.write_number_with_format(r, c as u16, *n, &cell)?,
            };
        }
    }
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Saves `book` at `path`.
pub(crate) fn save(path: &Path, book: Result<Workbook, XlsxError>) -> Result<(), ExportError> {
    book.and_then(|mut b| b.save(path))
        .map_err(|e| ExportError {
            path: path.to_owned(),
            message: e.to_string(),
        })
}

/// `book` as bytes, for a download.
pub(crate) fn bytes(book: Result<Workbook, XlsxError>) -> Result<Vec<u8>, String> {
    book.and_then(|mut b| b.save_to_buffer())
        .map_err(|e| e.to_string())
}

/// 任务台账的列 — the task ledger's column headings, in order.
pub const TASK_LEDGER_COLUMNS: [&str; 15] = [
    "序号",
    "任务类别",
    "任务编号",
    "重点工作任务",
    "牵头单位",
    "配合单位",
    "量化任务",
    "目标",
    "计量单位",
    "累计完成",
    "应完成",
    "完成率（%）",
    "完成时限",
    "进度状态",
    "验收状态",
];

const TASK_WIDTHS: [f64; 15] = [
    6.0, 18.0, 8.0, 30.0, 16.0, 20.0, 36.0, 12.0, 8.0, 10.0, 10.0, 10.0, 12.0, 10.0, 12.0,
];

/// 按单位汇总的列 — the per-unit summary's column headings.
pub const UNIT_SUMMARY_COLUMNS: [&str; 9] = [
    "单位",
    "牵头任务",
    "配合任务",
    "已完成",
    "正常",
    "滞后",
    "逾期",
    "未开始/定性",
    "已验收（含销号）",
];

/// What the task ledger is made of.
#[derive(Debug, Clone, Copy)]
pub struct TaskLedger<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Each deliverable's progress on `as_of` (`ecogov_domain::progress::summarize`).
    pub progress: &'a [DeliverableProgress<'a>],
    /// Each task's acceptance state; a task not in the map is 进行中.
    pub acceptance: &'a HashMap<TaskId, AcceptanceState>,
    /// 截至日期.
    pub as_of: Date,
    /// Whether any progress counted is demo data (the title says so).
    pub demo: bool,
}

impl TaskLedger<'_> {
    fn acceptance_of(&self, task: &TaskId) -> &'static str {
        self.acceptance
            .get(task)
            .map_or(AcceptanceState::InProgress.label(), AcceptanceState::label)
    }

    fn status_of(&self, task: &Task) -> Option<ProgressStatus> {
        task_status(
            self.progress
                .iter()
                .filter(|r| r.task.id == task.id)
                .map(|r| r.status),
        )
    }

    fn group_of(&self, task: &Task) -> String {
        self.plan
            .groups
            .iter()
            .find(|g| g.number == task.group)
            .map(|g| g.label())
            .unwrap_or_default()
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        let mut rows = Vec::new();
        for task in &self.plan.tasks {
            let head = |n: usize| -> Vec<Cell> {
                vec![
                    n.into(),
                    self.group_of(task).into(),
                    task.label().into(),
                    task.title.clone().into(),
                    task.lead_units().join("、").into(),
                    task.co_units().join("、").into(),
                ]
            };
            let acceptance = self.acceptance_of(&task.id);
            let mine: Vec<_> = self
                .progress
                .iter()
                .filter(|r| r.task.id == task.id)
                .collect();
            if mine.is_empty() {
                let mut row = head(rows.len() + 1);
                row.extend(["（定性任务）", "", "", "", "", "", ""].map(Cell::from));
                row.extend(["定性任务", acceptance].map(Cell::from));
                rows.push(row);
            }
            for r in mine {
                let d = r.deliverable;
                let mut row = head(rows.len() + 1);
                row.extend([
                    Cell::from(d.description.as_str()),
                    d.target_label().into(),
                    d.unit.as_str().into(),
                    r.actual.normalize().into(),
                    r.expected.normalize().into(),
                    r.percent().round_dp(1).normalize().into(),
                    d.due.to_string().into(),
                    r.status.label().into(),
                    acceptance.into(),
                ]);
                rows.push(row);
            }
        }
        rows
    }

    fn unit_rows(&self) -> Vec<Vec<Cell>> {
        let units = &self.plan.units;
        units
            .all()
            .iter()
            .filter(|u| u.kind != UnitKind::Collective)
            .filter_map(|u| {
                let led: Vec<&Task> = self
                    .plan
                    .tasks_for_unit(u, Some(ecogov_domain::task::Role::Lead))
                    .map(|(t, _)| t)
                    .collect();
                let co = self
                    .plan
                    .tasks_for_unit(u, Some(ecogov_domain::task::Role::Co))
                    .count();
                if led.is_empty() && co == 0 {
                    return None;
                }
                let count = |want: Option<ProgressStatus>| {
                    led.iter().filter(|t| self.status_of(t) == want).count()
                };
                let other = count(None) + count(Some(ProgressStatus::NotStarted));
                let accepted = led
                    .iter()
                    .filter(|t| {
                        matches!(
                            self.acceptance.get(&t.id),
                            Some(AcceptanceState::Accepted | AcceptanceState::Closed)
                        )
                    })
                    .count();
                Some(vec![
                    u.name.as_str().into(),
                    led.len().into(),
                    co.into(),
                    count(Some(ProgressStatus::Done)).into(),
                    count(Some(ProgressStatus::OnTrack)).into(),
                    count(Some(ProgressStatus::Behind)).into(),
                    count(Some(ProgressStatus::Overdue)).into(),
                    other.into(),
                    accepted.into(),
                ])
            })
            .collect()
    }

    fn build(&self) -> Result<Workbook, XlsxError> {
        let mut book = Workbook::new();
        let demo = if self.demo {
            "（含演示数据）"
        } else {
            ""
        };
        let columns: Vec<(&str, f64)> = TASK_LEDGER_COLUMNS
            .iter()
            .copied()
            .zip(TASK_WIDTHS)
            .collect();
        add_sheet(
            &mut book,
            Sheet {
                name: "任务台账",
                title: format!("{}任务台账{demo}", self.plan.title),
                note: format!(
                    "截至 {}；进度状态按计划时限折算，验收状态为验收销号流程的当前状态。",
                    self.as_of
                ),
                columns: &columns,
                rows: self.rows(),
            },
        )?;
        let columns: Vec<(&str, f64)> = UNIT_SUMMARY_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, if i == 0 { 18.0 } else { 11.0 }))
            .collect();
        add_sheet(
            &mut book,
            Sheet {
                name: "按单位汇总",
                title: format!("{}任务台账·按单位汇总{demo}", self.plan.title),
                note: format!(
                    "截至 {}；状态按牵头任务统计（任务状态取其量化任务中最需关注者）。",
                    self.as_of
                ),
                columns: &columns,
                rows: self.unit_rows(),
            },
        )?;
        Ok(book)
    }
}

/// Writes the task ledger (sheet 1: one row per deliverable, or per qualitative task; sheet 2:
/// per unit) to `path`.
pub fn tasks_xlsx(path: &Path, ledger: &TaskLedger<'_>) -> Result<(), ExportError> {
    save(path, ledger.build())
}

/// The task ledger as bytes, for a download.
pub fn tasks_xlsx_bytes(ledger: &TaskLedger<'_>) -> Result<Vec<u8>, String> {
    bytes(ledger.build())
}
