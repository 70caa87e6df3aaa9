//! 进度 — progress reports on deliverables, and each deliverable's status.
//!
//! A report records an amount of work done (本次完成量) on one date by one unit; a deliverable's
//! actual figure is the sum of its reports up to the date of evaluation.

use crate::deliverable::{Deliverable, DeliverableId};
use crate::number::{NumberError, parse_decimal};
use crate::plan::Plan;
use crate::task::{Role, Task};
use crate::unit::UnitName;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// 进度状态 — the status of a deliverable on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressStatus {
    /// 未开始 — nothing reported yet and nothing due yet on the pro-rata schedule.
    NotStarted,
    /// 正常 — at or ahead of the pro-rata schedule.
    OnTrack,
    /// 滞后 — behind the whole units the pro-rata schedule expects by now.
    Behind,
    /// 逾期 — past the due date and not complete.
    Overdue,
    /// 已完成 — target reached.
    Done,
}

impl ProgressStatus {
    /// All statuses in display order.
    pub const ALL: [ProgressStatus; 5] = [
        Self::NotStarted,
        Self::OnTrack,
        Self::Behind,
        Self::Overdue,
        Self::Done,
    ];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "未开始",
            Self::OnTrack => "正常",
            Self::Behind => "滞后",
            Self::Overdue => "逾期",
            Self::Done => "已完成",
        }
    }

    /// A code for JSON and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::OnTrack => "on_track",
            Self::Behind => "behind",
            Self::Overdue => "overdue",
            Self::Done => "done",
        }
    }
}

/// Days from `from` to `to`, counting both ends; 0 when `to` is before `from`.
fn days_inclusive(from: Date, to: Date) -> i64 {
    if to < from {
        return 0;
    }
    from.until(to)
        .map(|s| i64::from(s.get_days()) + 1)
        .unwrap_or(0)
}

/// 应完成量 — the whole units the pro-rata schedule expects by `as_of`:
/// ⌊target × elapsed days ÷ period days⌋, both counted inclusively, capped at the target.
pub fn expected_by(d: &Deliverable, as_of: Date) -> Decimal {
    let total = days_inclusive(d.start, d.due);
    let elapsed = days_inclusive(d.start, as_of).min(total);
    if total == 0 {
        return Decimal::ZERO;
    }
    (d.target * Decimal::from(elapsed) / Decimal::from(total))
        .floor()
        .min(d.target)
}

/// Judges a deliverable's status on `as_of` from its actual figure.
///
/// In order: 已完成 when the target is reached; 逾期 when past the due date; 未开始 before the
/// start; 滞后 when the actual figure is below the whole units expected pro rata
/// ([`expected_by`]); 未开始 when nothing is done yet; otherwise 正常.
pub fn judge(d: &Deliverable, actual: Decimal, as_of: Date) -> ProgressStatus {
    if actual >= d.target {
        ProgressStatus::Done
    } else if as_of > d.due {
        ProgressStatus::Overdue
    } else if as_of < d.start {
        ProgressStatus::NotStarted
    } else if actual < expected_by(d, as_of) {
        ProgressStatus::Behind
    } else if actual.is_zero() {
        ProgressStatus::NotStarted
    } else {
        ProgressStatus::OnTrack
    }
}

/// 进度报告 — a stored report of work done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    /// Store identifier.
    pub id: i64,
    /// The deliverable reported on.
    pub deliverable: DeliverableId,
    /// 本次完成量 — the amount done.
    pub value: Decimal,
    /// 完成日期 — the date the work was done.
    pub date: Date,
    /// 填报单位 — the unit that reported (canonical name).
    pub unit: UnitName,
    /// 备注.
    pub note: Option<String>,
    /// 演示数据 — whether the report is demonstration data.
    pub demo: bool,
}

/// A report that has passed every check and may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// The deliverable reported on.
    pub deliverable: DeliverableId,
    /// The task the deliverable belongs to.
    pub task: String,
    /// The amount done, zero or more.
    pub value: Decimal,
    /// The date the work was done.
    pub date: Date,
    /// The reporting unit (canonical name).
    pub unit: UnitName,
    /// The unit's role on the task.
    pub role: Role,
    /// 备注.
    pub note: Option<String>,
    /// 演示数据.
    pub demo: bool,
}

/// Why a progress report is refused. Nothing is written when a report is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// No deliverable has this id.
    #[error("量化任务“{0}”不存在，可用 `ecogov progress` 查看编号 (unknown deliverable)")]
    UnknownDeliverable(String),
    /// The unit is not in the registry.
    #[error("单位“{0}”不在单位名录中 (unknown unit)")]
    UnknownUnit(String),
    /// The unit is neither lead nor co-operating unit of the task.
    #[error(
        "{unit} 不是任务 {task} 的牵头或配合单位，不能填报 (unit is neither lead nor co unit of the task)"
    )]
    NotAssigned {
        /// The unit.
        unit: String,
        /// The task id.
        task: String,
    },
    /// The value is not a number or is negative.
    #[error("完成量无效：{0}")]
    BadValue(NumberError),
    /// A fractional value for a deliverable counted in whole things.
    #[error("完成量 {value} 应为整数（计量单位：{unit}） (value must be a whole number)")]
    NotWhole {
        /// The value given.
        value: Decimal,
        /// The deliverable's unit.
        unit: String,
    },
    /// The date is not `YYYY-MM-DD`.
    #[error("日期“{0}”无效，应为 YYYY-MM-DD (malformed date)")]
    BadDate(String),
    /// The date lies outside the plan year.
    #[error("日期 {date} 不在计划年度 {year} 内 (date outside the plan year)")]
    OutsidePlanYear {
        /// The date given.
        date: Date,
        /// The plan year.
        year: i16,
    },
    /// The date is after today.
    #[error("日期 {date} 晚于今天 {today} (date in the future)")]
    InFuture {
        /// The date given.
        date: Date,
        /// Today.
        today: Date,
    },
}

/// Parses a calendar date written strictly as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    t.parse().ok()
}

/// The text of a report as given by a person or a form, before checking.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// Deliverable id.
    pub deliverable: &'a str,
    /// Amount done, as written.
    pub value: &'a str,
    /// Date, as written.
    pub date: &'a str,
    /// Reporting unit, as written (a name or an alias).
    pub unit: &'a str,
    /// Optional note.
    pub note: Option<&'a str>,
}

/// Checks a report against the plan: the deliverable exists; the unit is lead or co unit of its
/// task; the value is a non-negative number (whole for counted deliverables); the date is
/// `YYYY-MM-DD`, inside the plan year and not after `today`.
pub fn check_report(
    plan: &Plan,
    input: ReportInput<'_>,
    today: Date,
    demo: bool,
) -> Result<NewReport, ReportError> {
    let id = DeliverableId::new(input.deliverable);
    let (task, d): (&Task, &Deliverable) = plan
        .deliverable(&id)
        .ok_or_else(|| ReportError::UnknownDeliverable(input.deliverable.trim().to_string()))?;
    let unit = plan
        .units
        .resolve(input.unit)
        .ok_or_else(|| ReportError::UnknownUnit(input.unit.trim().to_string()))?;
    let role = task
        .role_of(&plan.units, unit)
        .ok_or_else(|| ReportError::NotAssigned {
            unit: unit.name.to_string(),
            task: format!("{} {}", task.label(), task.title),
        })?;
    let value = parse_decimal(input.value).map_err(ReportError::BadValue)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ReportError::BadValue(NumberError::Negative(value)));
    }
    if d.whole && !value.fract().is_zero() {
        return Err(ReportError::NotWhole {
            value,
            unit: d.unit.clone(),
        });
    }
    let date =
        parse_date(input.date).ok_or_else(|| ReportError::BadDate(input.date.to_string()))?;
    if date < plan.year_start() || date > plan.year_end() {
        return Err(ReportError::OutsidePlanYear {
            date,
            year: plan.year,
        });
    }
    if date > today {
        return Err(ReportError::InFuture { date, today });
    }
    Ok(NewReport {
        deliverable: id,
        task: task.id.to_string(),
        value,
        date,
        unit: unit.name.clone(),
        role,
        note: input
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        demo,
    })
}

/// 进度汇总 — one deliverable's standing on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliverableProgress<'p> {
    /// The task.
    pub task: &'p Task,
    /// The deliverable.
    pub deliverable: &'p Deliverable,
    /// 累计完成 — the sum of reports dated on or before the evaluation date.
    pub actual: Decimal,
    /// 应完成 — what the pro-rata schedule expects by now.
    pub expected: Decimal,
    /// The status.
    pub status: ProgressStatus,
    /// How many reports count toward `actual`.
    pub reports: usize,
    /// Whether any counted report is demonstration data.
    pub demo: bool,
}

impl DeliverableProgress<'_> {
    /// Percent of target reached, 0–100 (capped), for progress bars.
    pub fn percent(&self) -> Decimal {
        let p = self.actual * Decimal::ONE_HUNDRED / self.deliverable.target;
        p.min(Decimal::ONE_HUNDRED).max(Decimal::ZERO)
    }
}

/// Each deliverable of the plan with its actual figure and status on `as_of`.
pub fn summarize<'p>(
    plan: &'p Plan,
    reports: &[ProgressReport],
    as_of: Date,
) -> Vec<DeliverableProgress<'p>> {
    plan.deliverables()
        .map(|(task, d)| {
            let counted: Vec<&ProgressReport> = reports
                .iter()
                .filter(|r| r.deliverable == d.id && r.date <= as_of)
                .collect();
            let actual = counted.iter().map(|r| r.value).sum();
            DeliverableProgress {
                task,
                deliverable: d,
                actual,
                expected: expected_by(d, as_of),
                status: judge(d, actual, as_of),
                reports: counted.len(),
                demo: counted.iter().any(|r| r.demo),
            }
        })
        .collect()
}

/// 任务状态 — a task's status from its deliverables' statuses: `None` when it has no quantified
/// deliverable; 已完成 when all are done; otherwise the most serious of the unfinished ones
/// (逾期 over 滞后 over 正常 over 未开始).
pub fn task_status(statuses: impl IntoIterator<Item = ProgressStatus>) -> Option<ProgressStatus> {
    let rank = |s: ProgressStatus| match s {
        ProgressStatus::Done => 0,
        ProgressStatus::NotStarted => 1,
        ProgressStatus::OnTrack => 2,
        ProgressStatus::Behind => 3,
        ProgressStatus::Overdue => 4,
    };
    let mut any = false;
    let mut worst_unfinished: Option<ProgressStatus> = None;
    for s in statuses {
        any = true;
        if s != ProgressStatus::Done && worst_unfinished.is_none_or(|w| rank(s) > rank(w)) {
            worst_unfinished = Some(s);
        }
    }
    if !any {
        return None;
    }
    Some(worst_unfinished.unwrap_or(ProgressStatus::Done))
}

#[cfg(test)]
mod tests;
