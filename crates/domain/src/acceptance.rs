//! 任务验收 — the acceptance workflow of a task, and the workflow events all workflows record.
//!
//! 进行中 → (牵头单位) 已提交验收 → (督察办) 已退回 {理由} → (牵头单位) 已提交验收 → (督察办)
//! 已验收 → (督察办) 已销号. Progress reports and co units' confirmations happen while the task is
//! 进行中 or 已退回 and leave the state unchanged, but are recorded as events all the same.
//!
//! Source: ecogov rule (issue 7). Who may take each step is decided by
//! [`crate::authz::authorize`] (so a task 督察办 leads is judged by 局领导).

use crate::account::AccountId;
use crate::authz::{AccountRole, Action, Denial, Principal, Resource, TaskParties, authorize};
use crate::unit::UnitName;
use jiff::Timestamp;

/// 流程记录 — one step of a workflow: who did what when, from which state to which, and why.
///
/// Shared by task acceptance, 督办 notices and 整改 items (`S` is the workflow's state type).
/// Steps that leave the state unchanged (a progress report, a confirmation, a disclosure) have
/// `from == to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowEvent<S> {
    /// 操作人 — the account.
    pub actor: AccountId,
    /// 操作人单位 — the account's unit at the time.
    pub unit: UnitName,
    /// 操作人角色 — the account's role at the time.
    pub role: AccountRole,
    /// 时间 — when.
    pub at: Timestamp,
    /// 操作 — what was done.
    pub action: Action,
    /// 原状态.
    pub from: S,
    /// 新状态.
    pub to: S,
    /// 理由/说明 — the reason of a return, or the text of a reply.
    pub reason: Option<String>,
}

impl<S> WorkflowEvent<S> {
    /// Builds an event for `principal`; the public cannot act, so it gets
    /// [`Denial::SignInRequired`].
    pub fn by(
        principal: &Principal,
        action: Action,
        at: Timestamp,
        from: S,
        to: S,
        reason: Option<String>,
    ) -> Result<Self, Denial> {
        match principal {
            Principal::Public => Err(Denial::SignInRequired),
            Principal::Account { id, unit, role } => Ok(Self {
                actor: id.clone(),
                unit: unit.clone(),
                role: *role,
                at,
                action,
                from,
                to,
                reason,
            }),
        }
    }
}

/// A reason or other required text, trimmed; `None` when blank.
pub(crate) fn non_blank(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// 验收状态 — where a task stands in acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AcceptanceState {
    /// 进行中 — being worked on.
    InProgress,
    /// 已提交验收 — submitted by the lead, awaiting 督察办.
    Submitted,
    /// 已退回 — returned to the lead, with the reason.
    Returned {
        /// 退回理由 — never empty.
        reason: String,
    },
    /// 已验收 — accepted.
    Accepted,
    /// 已销号 — closed; nothing further happens.
    Closed,
}

impl AcceptanceState {
    /// The code used in the database and JSON (the reason of a return is stored beside it).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Submitted => "submitted",
            Self::Returned { .. } => "returned",
            Self::Accepted => "accepted",
            Self::Closed => "closed",
        }
    }

    /// The Chinese label.
    pub fn label(&self) -> &'static str {
        match self {
            Self::InProgress => "进行中",
            Self::Submitted => "已提交验收",
            Self::Returned { .. } => "已退回",
            Self::Accepted => "已验收",
            Self::Closed => "已销号",
        }
    }

    /// Rebuilds a stored state from its code and stored reason; `None` for an unknown code or
    /// a `returned` state without a reason.
    pub fn from_stored(code: &str, reason: Option<&str>) -> Option<Self> {
        match code {
            "in_progress" => Some(Self::InProgress),
            "submitted" => Some(Self::Submitted),
            "returned" => reason
                .and_then(non_blank)
                .map(|reason| Self::Returned { reason }),
            "accepted" => Some(Self::Accepted),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }

    /// Whether the task's work (progress reports, confirmations) is open: 进行中 or 已退回.
    pub fn is_open(&self) -> bool {
        matches!(self, Self::InProgress | Self::Returned { .. })
    }
}

/// 验收操作 — a step of the acceptance workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskAction {
    /// 填报进度 — by a lead or co unit, while open.
    ReportProgress,
    /// 确认配合部分 — by a co unit, while open.
    ConfirmCoPart,
    /// 提交验收 — by a lead unit, from 进行中 or 已退回.
    Submit,
    /// 退回 — by 督察办, from 已提交验收, with a non-empty reason.
    Return {
        /// 退回理由.
        reason: String,
    },
    /// 验收 — by 督察办, from 已提交验收.
    Accept,
    /// 销号 — by 督察办, from 已验收.
    Close,
}

impl TaskAction {
    /// The [`Action`] checked with [`authorize`].
    pub fn action(&self) -> Action {
        match self {
            Self::ReportProgress => Action::ReportProgress,
            Self::ConfirmCoPart => Action::ConfirmCoPart,
            Self::Submit => Action::SubmitForAcceptance,
            Self::Return { .. } => Action::ReturnTask,
            Self::Accept => Action::AcceptTask,
            Self::Close => Action::CloseTask,
        }
    }
}

/// Why a step of the acceptance workflow is refused. Nothing changes when a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcceptanceError {
    /// The principal may not take this step.
    #[error("无权操作：{0}")]
    NotPermitted(#[from] Denial),
    /// The step does not apply in the current state.
    #[error("任务当前为“{from}”，不能{action} (illegal transition)")]
    IllegalTransition {
        /// The current state's label.
        from: &'static str,
        /// The step's label.
        action: &'static str,
    },
    /// A return without a reason.
    #[error("退回须填写理由 (a return needs a reason)")]
    EmptyReason,
}

/// Takes one step: checks permission (via [`authorize`] on the task's parties), then that the
/// step applies to `state`, then the reason of a return. Returns the event to record; its `to`
/// is the new state.
pub fn transition(
    state: &AcceptanceState,
    step: TaskAction,
    actor: &Principal,
    parties: &TaskParties,
    at: Timestamp,
) -> Result<WorkflowEvent<AcceptanceState>, AcceptanceError> {
    let action = step.action();
    authorize(actor, action, &Resource::Task(parties)).into_result()?;
    let illegal = || AcceptanceError::IllegalTransition {
        from: state.label(),
        action: action.label(),
    };
    use AcceptanceState as S;
    let (to, reason) = match (&step, state) {
        (TaskAction::ReportProgress | TaskAction::ConfirmCoPart, s) if s.is_open() => {
            (s.clone(), None)
        }
        (TaskAction::Submit, s) if s.is_open() => (S::Submitted, None),
        (TaskAction::Return { reason }, S::Submitted) => {
            let reason = non_blank(reason).ok_or(AcceptanceError::EmptyReason)?;
            (
                S::Returned {
                    reason: reason.clone(),
                },
                Some(reason),
            )
        }
        (TaskAction::Accept, S::Submitted) => (S::Accepted, None),
        (TaskAction::Close, S::Accepted) => (S::Closed, None),
        _ => return Err(illegal()),
    };
    Ok(WorkflowEvent::by(
        actor,
        action,
        at,
        state.clone(),
        to,
        reason,
    )?)
}

/// The current state after `events` (in order): the last event's `to`, or 进行中.
pub fn current(events: &[WorkflowEvent<AcceptanceState>]) -> AcceptanceState {
    events
        .last()
        .map_or(AcceptanceState::InProgress, |e| e.to.clone())
}

/// The co units that have confirmed their part since the task was last returned (a return
/// asks for the parts to be confirmed again), in order of confirmation.
pub fn confirmed_co_units(events: &[WorkflowEvent<AcceptanceState>]) -> Vec<UnitName> {
    let since = events
        .iter()
        .rposition(|e| e.action == Action::ReturnTask)
        .map_or(0, |i| i + 1);
    let mut out: Vec<UnitName> = Vec::new();
    for e in &events[since..] {
        if e.action == Action::ConfirmCoPart && !out.contains(&e.unit) {
            out.push(e.unit.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
