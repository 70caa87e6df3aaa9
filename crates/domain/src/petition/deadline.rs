//! 办理时限 — the time limits of a case and its deadline status on a given day.

use super::{PetitionCase, PetitionState};
use jiff::Span;
use jiff::civil::Date;

/// 办理时限 — time limits in calendar days (ecogov rule, configurable).
///
/// A limit of N days runs from the day after the starting date, and the deadline is the end of
/// the Nth calendar day: registered on 1 月 31 日 with 15 days, the decision is due by the end
/// of 2 月 15 日. Weekends and holidays are not skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimits {
    /// 受理时限 — days from 登记 to the decision to accept or not (default 15).
    pub acceptance_days: u16,
    /// 办结时限 — days from 受理 to 办结 (default 60).
    pub conclusion_days: u16,
    /// 提醒天数 — a case is 即将到期 when at most this many days remain (default 3).
    pub reminder_days: u16,
}

impl Default for TimeLimits {
    fn default() -> Self {
        Self {
            acceptance_days: 15,
            conclusion_days: 60,
            reminder_days: 3,
        }
    }
}

fn add_days(date: Date, days: u16) -> Date {
    date.saturating_add(Span::new().days(i64::from(days)))
}

impl TimeLimits {
    /// The last day for deciding acceptance of a case registered on `registered_on`.
    pub fn acceptance_deadline(&self, registered_on: Date) -> Date {
        add_days(registered_on, self.acceptance_days)
    }

    /// The last day for concluding a case accepted on `accepted_on`.
    pub fn conclusion_deadline(&self, accepted_on: Date) -> Date {
        add_days(accepted_on, self.conclusion_days)
    }
}

/// 期限状态 — how a case stands against its current deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineStatus {
    /// 正常 — more than the reminder days remain.
    Normal,
    /// 即将到期 — between 0 and the reminder days remain (the deadline day included).
    DueSoon,
    /// 逾期 — the deadline has passed.
    Overdue,
}

impl DeadlineStatus {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "正常",
            Self::DueSoon => "即将到期",
            Self::Overdue => "逾期",
        }
    }

    /// A code for JSON and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::DueSoon => "due_soon",
            Self::Overdue => "overdue",
        }
    }
}

/// Which time limit applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineKind {
    /// 受理期限 — while the case is 登记.
    Acceptance,
    /// 办结期限 — from 受理 until 办结.
    Conclusion,
}

/// A case's current deadline and its status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// Which limit.
    pub kind: DeadlineKind,
    /// The last day.
    pub due: Date,
    /// Days from `today` to `due`; negative when overdue.
    pub days_left: i32,
    /// The status.
    pub status: DeadlineStatus,
}

/// The current deadline of `case` on `today`: the acceptance deadline while 登记, the
/// conclusion deadline from 受理 to 回访, `None` once closed. 逾期 when `today` is after the
/// deadline; 即将到期 when at most `limits.reminder_days` remain; otherwise 正常.
pub fn deadline_status(case: &PetitionCase, today: Date, limits: &TimeLimits) -> Option<Deadline> {
    let (kind, due) = match case.state() {
        PetitionState::Registered => (
            DeadlineKind::Acceptance,
            limits.acceptance_deadline(case.registered_on()),
        ),
        PetitionState::Concluded | PetitionState::Rejected => return None,
        _ => (
            DeadlineKind::Conclusion,
            limits.conclusion_deadline(case.accepted_on()?),
        ),
    };
    let days_left = today.until(due).map_or(0, |s| s.get_days());
    let status = if days_left < 0 {
        DeadlineStatus::Overdue
    } else if days_left <= i32::from(limits.reminder_days) {
        DeadlineStatus::DueSoon
    } else {
        DeadlineStatus::Normal
    };
    Some(Deadline {
        kind,
        due,
        days_left,
        status,
    })
}
