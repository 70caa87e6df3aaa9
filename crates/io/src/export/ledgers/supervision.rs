//! 督办清单 and 整改台账 as workbooks, and the reminder/escalation mark of a notice.

use super::{Cell, Sheet, add_sheet, bytes, save};
use crate::export::ExportError;
use ecogov_domain::rectification::RectificationItem;
use ecogov_domain::supervision::{
    DEFAULT_ESCALATION_DAYS, DEFAULT_REMINDER_DAYS, Notice, NoticeStatus, escalation_due,
    reminder_due,
};
use jiff::civil::Date;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::Path;

/// 提醒与升级 — what a notice needs on a date: 即将到期, 已逾期 or 已上报局领导.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeAlert {
    /// `reminder`, `overdue` or `escalated` (for CSS classes and JSON).
    pub code: &'static str,
    /// The Chinese text, e.g. `即将到期（剩 2 天）`.
    pub text: String,
}

/// The alert of `notice` on `today` under the default rules (a reminder from 3 days before the
/// deadline, escalation to 局领导 from 5 days overdue), or `None`.
pub fn notice_alert(notice: &Notice, today: Date) -> Option<NoticeAlert> {
    if let Some(e) = escalation_due(notice, today, DEFAULT_ESCALATION_DAYS) {
        return Some(NoticeAlert {
            code: "escalated",
            text: format!("已上报局领导（逾期 {} 天）", e.days_overdue),
        });
    }
    if notice.status(today) == NoticeStatus::Overdue {
        return Some(NoticeAlert {
            code: "overdue",
            text: format!("已逾期 {} 天", notice.days_overdue(today)),
        });
    }
    if reminder_due(notice, today, DEFAULT_REMINDER_DAYS) {
        let left = today
            .until(notice.deadline)
            .map(|s| s.get_days())
            .unwrap_or(0);
        let text = if left == 0 {
            "即将到期（今日到期）".to_string()
        } else {
            format!("即将到期（剩 {left} 天）")
        };
        return Some(NoticeAlert {
            code: "reminder",
            text,
        });
    }
    None
}

/// One notice for the 督办清单.
#[derive(Debug, Clone, Copy)]
pub struct NoticeEntry<'a> {
    /// 编号.
    pub id: i64,
    /// The notice.
    pub notice: &'a Notice,
    /// 督办事项 as shown.
    pub subject: &'a str,
}

/// 督办清单的列 — the notice list's column headings, in order.
pub const NOTICE_COLUMNS: [&str; 13] = [
    "序号",
    "编号",
    "被督办单位",
    "督办事项",
    "督办要求",
    "发出人",
    "发出日期",
    "办理时限",
    "状态",
    "提醒/升级",
    "回复内容",
    "回复人",
    "回复日期",
];

const NOTICE_WIDTHS: [f64; 13] = [
    6.0, 7.0, 14.0, 28.0, 36.0, 10.0, 12.0, 12.0, 9.0, 20.0, 36.0, 10.0, 12.0,
];

fn notice_rows(today: Date, entries: &[NoticeEntry<'_>]) -> Vec<Vec<Cell>> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let n = e.notice;
            let reply = n.reply.as_ref();
            let mut replied_on = reply.map(|r| r.on.to_string()).unwrap_or_default();
            if n.replied_late() == Some(true) {
                replied_on.push_str("（逾期回复）");
            }
            vec![
                (i + 1).into(),
                e.id.into(),
                n.addressee.as_str().into(),
                e.subject.into(),
                n.content.as_str().into(),
                n.issued_by.as_str().into(),
                n.issued_on.to_string().into(),
                n.deadline.to_string().into(),
                n.status(today).label().into(),
                notice_alert(n, today)
                    .map(|a| a.text)
                    .unwrap_or_default()
                    .into(),
                reply.map(|r| r.text.clone()).unwrap_or_default().into(),
                reply
                    .map(|r| r.by.as_str().to_string())
                    .unwrap_or_default()
                    .into(),
                replied_on.into(),
            ]
        })
        .collect()
}

fn notice_book(
    title: &str,
    today: Date,
    entries: &[NoticeEntry<'_>],
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let columns: Vec<(&str, f64)> = NOTICE_COLUMNS.iter().copied().zip(NOTICE_WIDTHS).collect();
    let open = entries.iter().filter(|e| e.notice.reply.is_none()).count();
    let overdue = entries
        .iter()
        .filter(|e| e.notice.is_overdue(today))
        .count();
    add_sheet(
        &mut book,
        Sheet {
            name: "督办清单",
            title: format!("{title}督办清单"),
            note: format!(
                "截至 {today}：督办通知 {} 件，未回复 {open} 件，其中逾期 {overdue} 件。",
                entries.len()
            ),
            columns: &columns,
            rows: notice_rows(today, entries),
        },
    )?;
    Ok(book)
}

/// Writes the 督办清单 on `today` to `path` (`title` names the plan or bureau).
pub fn notices_xlsx(
    path: &Path,
    title: &str,
    today: Date,
    entries: &[NoticeEntry<'_>],
) -> Result<(), ExportError> {
    save(path, notice_book(title, today, entries))
}

/// The 督办清单 as bytes, for a download.
pub fn notices_xlsx_bytes(
    title: &str,
    today: Date,
    entries: &[NoticeEntry<'_>],
) -> Result<Vec<u8>, String> {
    bytes(notice_book(title, today, entries))
}

/// One item for the 整改台账.
#[derive(Debug, Clone, Copy)]
pub struct RectificationEntry<'a> {
    /// 编号.
    pub id: i64,
    /// The item.
    pub item: &'a RectificationItem,
}

/// 整改台账的列 — the 整改 ledger's column headings, in order.
pub const RECTIFICATION_COLUMNS: [&str; 14] = [
    "序号",
    "编号",
    "问题来源",
    "问题描述",
    "责任单位",
    "整改措施",
    "整改时限",
    "整改状态",
    "是否逾期",
    "佐证材料（项）",
    "佐证材料清单",
    "验收情况",
    "销号",
    "是否公开",
];

const RECTIFICATION_WIDTHS: [f64; 14] = [
    6.0, 7.0, 10.0, 36.0, 14.0, 36.0, 12.0, 11.0, 9.0, 9.0, 26.0, 18.0, 8.0, 8.0,
];

fn rectification_rows(today: Date, entries: &[RectificationEntry<'_>]) -> Vec<Vec<Cell>> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let it = e.item;
            let acceptance = if it.state.is_accepted() {
                "已验收".to_string()
            } else {
                match &it.return_reason {
                    Some(r) => format!("已退回：{r}"),
                    None => it.state.label().to_string(),
                }
            };
            let yes = |b: bool| if b { "是" } else { "否" };
            vec![
                (i + 1).into(),
                e.id.into(),
                it.source.label().into(),
                it.finding.as_str().into(),
                it.responsible.as_str().into(),
                it.measures.as_str().into(),
                it.deadline.to_string().into(),
                it.state.label().into(),
                yes(it.is_overdue(today)).into(),
                it.evidence.len().into(),
                it.evidence.join("；").into(),
                acceptance.into(),
                (if it.state == ecogov_domain::rectification::RectificationState::Closed {
                    "已销号"
                } else {
                    "未销号"
                })
                .into(),
                yes(it.disclosed).into(),
            ]
        })
        .collect()
}

fn rectification_book(
    title: &str,
    today: Date,
    entries: &[RectificationEntry<'_>],
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let columns: Vec<(&str, f64)> = RECTIFICATION_COLUMNS
        .iter()
        .copied()
        .zip(RECTIFICATION_WIDTHS)
        .collect();
    let accepted = entries
        .iter()
        .filter(|e| e.item.state.is_accepted())
        .count();
    let overdue = entries.iter().filter(|e| e.item.is_overdue(today)).count();
    add_sheet(
        &mut book,
        Sheet {
            name: "整改台账",
            title: format!("{title}督察整改台账"),
            note: format!(
                "截至 {today}：整改事项 {} 项，已验收（含销号）{accepted} 项，逾期未完成 {overdue} 项。",
                entries.len()
            ),
            columns: &columns,
            rows: rectification_rows(today, entries),
        },
    )?;
    Ok(book)
}

/// Writes the 整改台账 on `today` to `path`.
pub fn rectifications_xlsx(
    path: &Path,
    title: &str,
    today: Date,
    entries: &[RectificationEntry<'_>],
) -> Result<(), ExportError> {
    save(path, rectification_book(title, today, entries))
}

/// The 整改台账 as bytes, for a download.
pub fn rectifications_xlsx_bytes(
    title: &str,
    today: Date,
    entries: &[RectificationEntry<'_>],
) -> Result<Vec<u8>, String> {
    bytes(rectification_book(title, today, entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecogov_domain::account::AccountId;
    use ecogov_domain::supervision::{NoticeState, NoticeSubject};
    use ecogov_domain::unit::UnitName;

    fn notice(deadline: Date) -> Notice {
        Notice {
            addressee: UnitName::new("水科"),
            subject: NoticeSubject::Free("x".into()),
            content: "y".into(),
            issued_by: AccountId::parse("du").expect("id"),
            issued_on: Date::constant(2023, 9, 1),
            deadline,
            state: NoticeState::Issued,
            reply: None,
        }
    }

    #[test]
    fn alerts_follow_the_default_windows() {
        let n = notice(Date::constant(2023, 10, 10));
        let on = |d| notice_alert(&n, Date::constant(2023, 10, d)).map(|a| a.text);
        assert_eq!(on(6), None, "four days before: nothing yet");
        assert_eq!(on(7).as_deref(), Some("即将到期（剩 3 天）"));
        assert_eq!(on(10).as_deref(), Some("即将到期（今日到期）"));
        assert_eq!(on(11).as_deref(), Some("已逾期 1 天"));
        assert_eq!(on(14).as_deref(), Some("已逾期 4 天"));
        assert_eq!(on(15).as_deref(), Some("已上报局领导（逾期 5 天）"));
        let mut replied = n.clone();
        replied.state = NoticeState::Replied;
        assert_eq!(notice_alert(&replied, Date::constant(2023, 10, 20)), None);
    }
}
