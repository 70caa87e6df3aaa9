//! 督办通知 — supervision notices from 督察办 to a unit, their replies, reminders and escalation.
//!
//! 已发出 → (被督办单位) 已回复 → (督察办) 已办结. A notice not replied to after its deadline is
//! 已逾期 — derived from the date, never stored. A reminder is due in the last days before the
//! deadline; a notice overdue for long enough is escalated to 局领导.
//!
//! Source: ecogov rule (issue 7), after the plan's task (五)2 "及时下达督办通知". Pure: today
//! (a [`Date`]) or the moment of an act (a [`Timestamp`]) is always a parameter.

use crate::acceptance::{WorkflowEvent, non_blank};
use crate::account::AccountId;
use crate::authz::{AccountRole, Action, Denial, Principal, Resource, authorize};
use crate::task::TaskId;
use crate::unit::UnitName;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

/// Days before the deadline from which a reminder is due (ecogov rule (issue 7)).
pub const DEFAULT_REMINDER_DAYS: u32 = 3;

/// Days overdue from which a notice is escalated to 局领导 (ecogov rule (issue 7)).
pub const DEFAULT_ESCALATION_DAYS: u32 = 5;

/// The calendar date in China (UTC+8, no daylight saving) at moment `at`: the date written on
/// notices, replies and 整改 records.
pub fn china_date(at: Timestamp) -> Date {
    Offset::constant(8).to_datetime(at).date()
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    from.duration_until(to).as_hours() / 24
}

/// 督办事项 — what a notice is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeSubject {
    /// A task of the plan.
    Task(TaskId),
    /// 其他事项 — a subject in words (a 信访件, a 整改 problem, …).
    Free(String),
}

/// 督办状态 — the stored state of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeState {
    /// 已发出 — issued, awaiting the reply.
    Issued,
    /// 已回复 — replied to, awaiting 督察办.
    Replied,
    /// 已办结 — closed.
    Closed,
}

impl NoticeState {
    /// All states.
    pub const ALL: [NoticeState; 3] = [Self::Issued, Self::Replied, Self::Closed];

    /// The code used in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Replied => "replied",
            Self::Closed => "closed",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Issued => "已发出",
            Self::Replied => "已回复",
            Self::Closed => "已办结",
        }
    }
}

/// 督办状态（显示）— the state shown on a date: the stored state, or 已逾期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeStatus {
    /// 已发出 — within the deadline, not replied.
    Issued,
    /// 已逾期 — past the deadline, not replied.
    Overdue,
    /// 已回复.
    Replied,
    /// 已办结.
    Closed,
}

impl NoticeStatus {
    /// A code for JSON and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Overdue => "overdue",
            Self::Replied => "replied",
            Self::Closed => "closed",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Issued => "已发出",
            Self::Overdue => "已逾期",
            Self::Replied => "已回复",
            Self::Closed => "已办结",
        }
    }
}

/// 督办回复 — the addressee's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeReply {
    /// 回复内容.
    pub text: String,
    /// 回复人.
    pub by: AccountId,
    /// 回复日期.
    pub on: Date,
}

/// 督办通知 — one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// 被督办单位 — the unit the notice is addressed to (canonical name).
    pub addressee: UnitName,
    /// 督办事项.
    pub subject: NoticeSubject,
    /// 督办要求 — what the unit is asked to do.
    pub content: String,
    /// 发出人.
    pub issued_by: AccountId,
    /// 发出日期.
    pub issued_on: Date,
    /// 办理时限 — the reply is due by the end of this day.
    pub deadline: Date,
    /// 状态.
    pub state: NoticeState,
    /// 回复 — present once replied.
    pub reply: Option<NoticeReply>,
}

/// A notice as 督察办 writes it, before checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDraft {
    /// 被督办单位 (canonical name; the caller resolves aliases against the unit registry).
    pub addressee: UnitName,
    /// 督办事项.
    pub subject: NoticeSubject,
    /// 督办要求.
    pub content: String,
    /// 办理时限.
    pub deadline: Date,
}

/// Why a notice step is refused. Nothing changes when a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    /// The principal may not take this step.
    #[error("无权操作：{0}")]
    NotPermitted(#[from] Denial),
    /// The step does not apply in the current state.
    #[error("督办通知当前为“{from}”，不能{action} (illegal transition)")]
    IllegalTransition {
        /// The current state's label.
        from: &'static str,
        /// The step's label.
        action: &'static str,
    },
    /// A blank subject, content or reply.
    #[error("{0}不能为空 (required text is empty)")]
    Empty(&'static str),
    /// A deadline before the day of issue.
    #[error("办理时限 {deadline} 早于发出日期 {issued_on} (deadline before the day of issue)")]
    DeadlineBeforeIssue {
        /// The deadline given.
        deadline: Date,
        /// The day of issue.
        issued_on: Date,
    },
}

/// 下发 — 督察办 issues a notice at `at`. The event has `from == to == 已发出`.
pub fn issue(
    draft: NoticeDraft,
    issuer: &Principal,
    at: Timestamp,
) -> Result<(Notice, WorkflowEvent<NoticeState>), NoticeError> {
    let action = Action::IssueNotice;
    authorize(
        issuer,
        action,
        &Resource::Notice {
            addressee: &draft.addressee,
        },
    )
    .into_result()?;
    let subject = match draft.subject {
        NoticeSubject::Task(id) => NoticeSubject::Task(id),
        NoticeSubject::Free(text) => {
            NoticeSubject::Free(non_blank(&text).ok_or(NoticeError::Empty("督办事项"))?)
        }
    };
    let content = non_blank(&draft.content).ok_or(NoticeError::Empty("督办要求"))?;
    let issued_on = china_date(at);
    if draft.deadline < issued_on {
        return Err(NoticeError::DeadlineBeforeIssue {
            deadline: draft.deadline,
            issued_on,
        });
    }
    let event = WorkflowEvent::by(
        issuer,
        action,
        at,
        NoticeState::Issued,
        NoticeState::Issued,
        None,
    )?;
    let notice = Notice {
        addressee: draft.addressee,
        subject,
        content,
        issued_by: event.actor.clone(),
        issued_on,
        deadline: draft.deadline,
        state: NoticeState::Issued,
        reply: None,
    };
    Ok((notice, event))
}

/// 回复 — the addressee replies at `at` (also after the deadline; the reply then counts as
/// late, see [`Notice::replied_late`]).
pub fn reply(
    notice: &Notice,
    replier: &Principal,
    text: &str,
    at: Timestamp,
) -> Result<(Notice, WorkflowEvent<NoticeState>), NoticeError> {
    let action = Action::ReplyNotice;
    step(notice, replier, action)?;
    if notice.state != NoticeState::Issued {
        return Err(illegal(notice, action));
    }
    let text = non_blank(text).ok_or(NoticeError::Empty("回复内容"))?;
    let event = WorkflowEvent::by(
        replier,
        action,
        at,
        notice.state,
        NoticeState::Replied,
        Some(text.clone()),
    )?;
    let mut next = notice.clone();
    next.state = NoticeState::Replied;
    next.reply = Some(NoticeReply {
        text,
        by: event.actor.clone(),
        on: china_date(at),
    });
    Ok((next, event))
}

/// 办结 — 督察办 closes a replied notice at `at`.
pub fn close(
    notice: &Notice,
    closer: &Principal,
    at: Timestamp,
) -> Result<(Notice, WorkflowEvent<NoticeState>), NoticeError> {
    let action = Action::CloseNotice;
    step(notice, closer, action)?;
    if notice.state != NoticeState::Replied {
        return Err(illegal(notice, action));
    }
    let event = WorkflowEvent::by(closer, action, at, notice.state, NoticeState::Closed, None)?;
    let mut next = notice.clone();
    next.state = NoticeState::Closed;
    Ok((next, event))
}

fn step(notice: &Notice, who: &Principal, action: Action) -> Result<(), Denial> {
    authorize(
        who,
        action,
        &Resource::Notice {
            addressee: &notice.addressee,
        },
    )
    .into_result()
}

fn illegal(notice: &Notice, action: Action) -> NoticeError {
    NoticeError::IllegalTransition {
        from: notice.state.label(),
        action: action.label(),
    }
}

impl Notice {
    /// Whether the notice is overdue on `today`: not replied and `today > deadline`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.state == NoticeState::Issued && today > self.deadline
    }

    /// Days overdue on `today` (1 on the day after the deadline); 0 when not overdue.
    pub fn days_overdue(&self, today: Date) -> i64 {
        if self.is_overdue(today) {
            days_between(self.deadline, today)
        } else {
            0
        }
    }

    /// The status shown on `today`.
    pub fn status(&self, today: Date) -> NoticeStatus {
        match self.state {
            NoticeState::Issued if self.is_overdue(today) => NoticeStatus::Overdue,
            NoticeState::Issued => NoticeStatus::Issued,
            NoticeState::Replied => NoticeStatus::Replied,
            NoticeState::Closed => NoticeStatus::Closed,
        }
    }

    /// Whether the reply came after the deadline (`None` before a reply).
    pub fn replied_late(&self) -> Option<bool> {
        self.reply.as_ref().map(|r| r.on > self.deadline)
    }
}

/// 到期提醒 — whether the addressee should be reminded on `today`: not replied, and `today` lies
/// within the last `days_before` days up to and including the deadline (with the default 3,
/// from deadline − 3 to the deadline). Due on every day of that window: a daily job that
/// reminds once should remember the last day it reminded.
pub fn reminder_due(notice: &Notice, today: Date, days_before: u32) -> bool {
    let left = days_between(today, notice.deadline);
    notice.state == NoticeState::Issued && (0..=i64::from(days_before)).contains(&left)
}

/// 升级督办 — an overdue notice raised to 局领导.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escalation {
    /// To whom: always 局领导.
    pub to: AccountRole,
    /// Days overdue on the day of the check.
    pub days_overdue: i64,
}

/// Whether a notice must be escalated to 局领导 on `today`: overdue for `after_days` days or
/// more (with the default 5, from deadline + 5).
pub fn escalation_due(notice: &Notice, today: Date, after_days: u32) -> Option<Escalation> {
    let days = notice.days_overdue(today);
    (days > 0 && days >= i64::from(after_days)).then_some(Escalation {
        to: AccountRole::Leadership,
        days_overdue: days,
    })
}

#[cfg(test)]
mod tests;
