//! 督察整改 — the ledger of problems found by environmental inspections, and their 整改.
//!
//! 整改中 → (责任单位) 已提交验收 → (督察办) 已验收 → (督察办) 已销号; a submitted item may be
//! returned, with a reason, to 整改中. An item not yet accepted after its deadline is overdue —
//! derived from the date, never stored. Only an item that has passed acceptance (已验收 or
//! 已销号) may be disclosed to the public.
//!
//! Source: ecogov rule (issue 7), after the plan's task (五)1 "统筹推进中央和省级生态环境保护
//! 督察及'回头看'反馈问题、交办信访件整改落实……按期完成验收销号". Who may take each step is
//! decided by [`crate::authz::authorize`].

use crate::acceptance::{WorkflowEvent, non_blank};
use crate::authz::{Action, Denial, Principal, Resource, authorize};
use crate::unit::UnitName;
use jiff::Timestamp;
use jiff::civil::Date;

/// 问题来源 — where a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingSource {
    /// 中央生态环境保护督察.
    CentralInspection,
    /// 省级生态环境保护督察.
    ProvincialInspection,
    /// 督察"回头看".
    LookBack,
    /// 信访转办 — a petition passed on by an inspection.
    PetitionReferral,
}

impl FindingSource {
    /// All sources.
    pub const ALL: [FindingSource; 4] = [
        Self::CentralInspection,
        Self::ProvincialInspection,
        Self::LookBack,
        Self::PetitionReferral,
    ];

    /// The code used in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::CentralInspection => "central",
            Self::ProvincialInspection => "provincial",
            Self::LookBack => "look_back",
            Self::PetitionReferral => "petition",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::CentralInspection => "中央督察",
            Self::ProvincialInspection => "省级督察",
            Self::LookBack => "回头看",
            Self::PetitionReferral => "信访转办",
        }
    }
}

/// 整改状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RectificationState {
    /// 整改中 — being rectified (also after a return).
    InProgress,
    /// 已提交验收 — submitted by the responsible unit.
    Submitted,
    /// 已验收 — accepted by 督察办.
    Accepted,
    /// 已销号 — closed.
    Closed,
}

impl RectificationState {
    /// All states.
    pub const ALL: [RectificationState; 4] = [
        Self::InProgress,
        Self::Submitted,
        Self::Accepted,
        Self::Closed,
    ];

    /// The code used in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
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
            Self::InProgress => "整改中",
            Self::Submitted => "已提交验收",
            Self::Accepted => "已验收",
            Self::Closed => "已销号",
        }
    }

    /// Whether the item has passed acceptance (已验收 or 已销号).
    pub fn is_accepted(self) -> bool {
        matches!(self, Self::Accepted | Self::Closed)
    }
}

/// 整改事项 — one item of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationItem {
    /// 问题来源.
    pub source: FindingSource,
    /// 问题描述 — the finding, as the inspection wrote it.
    pub finding: String,
    /// 责任单位 (canonical name).
    pub responsible: UnitName,
    /// 整改措施 — may be empty until the responsible unit writes it; required to submit.
    pub measures: String,
    /// 整改时限.
    pub deadline: Date,
    /// 佐证材料 — names of the evidence files or documents, in the order added, no repeats.
    pub evidence: Vec<String>,
    /// 状态.
    pub state: RectificationState,
    /// 退回理由 — the reason of the last return, until the item is submitted again.
    pub return_reason: Option<String>,
    /// 公开 — disclosed to the public; only ever true once accepted.
    pub disclosed: bool,
}

/// A new item as 督察办 enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationDraft {
    /// 问题来源.
    pub source: FindingSource,
    /// 问题描述.
    pub finding: String,
    /// 责任单位 (canonical name; the caller resolves aliases against the unit registry).
    pub responsible: UnitName,
    /// 整改措施, if already known.
    pub measures: String,
    /// 整改时限 (may already have passed when an old finding is entered).
    pub deadline: Date,
}

/// 整改操作 — a step on an existing item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RectificationAction {
    /// 更新 — the responsible unit, while 整改中: new measures and/or evidence.
    Update {
        /// New 整改措施 (replaces the old text), if given.
        measures: Option<String>,
        /// Evidence names to add.
        add_evidence: Vec<String>,
        /// Evidence names to remove.
        remove_evidence: Vec<String>,
    },
    /// 修订 — 督察办, before acceptance: correct the finding, change the deadline (延期).
    Revise {
        /// New 问题描述, if given.
        finding: Option<String>,
        /// New 整改时限, if given.
        deadline: Option<Date>,
    },
    /// 提交验收 — the responsible unit, from 整改中; needs measures and at least one evidence.
    Submit,
    /// 验收 — 督察办, from 已提交验收.
    Accept,
    /// 退回 — 督察办, from 已提交验收 back to 整改中, with a reason.
    Return {
        /// 退回理由.
        reason: String,
    },
    /// 销号 — 督察办, from 已验收.
    Close,
    /// 公开 — 督察办, only once accepted.
    Disclose,
}

impl RectificationAction {
    /// The [`Action`] checked with [`authorize`].
    pub fn action(&self) -> Action {
        match self {
            Self::Update { .. } => Action::UpdateRectification,
            Self::Revise { .. } => Action::ReviseRectification,
            Self::Submit => Action::SubmitRectification,
            Self::Accept => Action::AcceptRectification,
            Self::Return { .. } => Action::ReturnRectification,
            Self::Close => Action::CloseRectification,
            Self::Disclose => Action::DiscloseRectification,
        }
    }
}

/// Why a 整改 step is refused. Nothing changes when a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RectificationError {
    /// The principal may not take this step.
    #[error("无权操作：{0}")]
    NotPermitted(#[from] Denial),
    /// The step does not apply in the current state.
    #[error("整改事项当前为“{from}”，不能{action} (illegal transition)")]
    IllegalTransition {
        /// The current state's label.
        from: &'static str,
        /// The step's label.
        action: &'static str,
    },
    /// A blank finding, measures text, evidence name or reason.
    #[error("{0}不能为空 (required text is empty)")]
    Empty(&'static str),
    /// Submitted without any evidence.
    #[error("提交验收须至少附一项佐证材料 (submission needs evidence)")]
    NoEvidence,
    /// Evidence added twice.
    #[error("佐证材料“{0}”已存在 (evidence already listed)")]
    DuplicateEvidence(String),
    /// Evidence to remove is not listed.
    #[error("佐证材料“{0}”不存在 (evidence not listed)")]
    UnknownEvidence(String),
    /// Disclosure before acceptance.
    #[error("只有已验收的整改事项可以公开，当前为“{0}” (only accepted items may be disclosed)")]
    NotAccepted(&'static str),
    /// Disclosed already.
    #[error("该整改事项已公开 (already disclosed)")]
    AlreadyDisclosed,
}

type Step = (RectificationItem, WorkflowEvent<RectificationState>);

/// 新建 — 督察办 adds an item at `at`. The event has `from == to == 整改中`.
pub fn create(
    draft: RectificationDraft,
    creator: &Principal,
    at: Timestamp,
) -> Result<Step, RectificationError> {
    let action = Action::CreateRectification;
    authorize(
        creator,
        action,
        &Resource::Rectification {
            responsible: &draft.responsible,
            disclosed: false,
        },
    )
    .into_result()?;
    let finding = non_blank(&draft.finding).ok_or(RectificationError::Empty("问题描述"))?;
    let state = RectificationState::InProgress;
    let event = WorkflowEvent::by(creator, action, at, state, state, None)?;
    let item = RectificationItem {
        source: draft.source,
        finding,
        responsible: draft.responsible,
        measures: draft.measures.trim().to_string(),
        deadline: draft.deadline,
        evidence: Vec::new(),
        state,
        return_reason: None,
        disclosed: false,
    };
    Ok((item, event))
}

/// Takes one step on `item` at `at`: checks permission, then that the step applies to the
/// item's state, then the step's own rules. Returns the changed item and the event to record.
pub fn apply(
    item: &RectificationItem,
    step: RectificationAction,
    actor: &Principal,
    at: Timestamp,
) -> Result<Step, RectificationError> {
    let action = step.action();
    authorize(
        actor,
        action,
        &Resource::Rectification {
            responsible: &item.responsible,
            disclosed: item.disclosed,
        },
    )
    .into_result()?;
    let illegal = || RectificationError::IllegalTransition {
        from: item.state.label(),
        action: action.label(),
    };
    use RectificationState as S;
    let mut next = item.clone();
    let mut reason = None;
    match (step, item.state) {
        (
            RectificationAction::Update {
                measures,
                add_evidence,
                remove_evidence,
            },
            S::InProgress,
        ) => {
            if let Some(m) = measures {
                next.measures = non_blank(&m).ok_or(RectificationError::Empty("整改措施"))?;
            }
            for name in remove_evidence {
                let name = name.trim();
                let i = next
                    .evidence
                    .iter()
                    .position(|e| e == name)
                    .ok_or_else(|| RectificationError::UnknownEvidence(name.to_string()))?;
                next.evidence.remove(i);
            }
            for name in add_evidence {
                let name = non_blank(&name).ok_or(RectificationError::Empty("佐证材料名称"))?;
                if next.evidence.contains(&name) {
                    return Err(RectificationError::DuplicateEvidence(name));
                }
                next.evidence.push(name);
            }
        }
        (RectificationAction::Revise { finding, deadline }, S::InProgress | S::Submitted) => {
            if let Some(f) = finding {
                next.finding = non_blank(&f).ok_or(RectificationError::Empty("问题描述"))?;
            }
            if let Some(d) = deadline {
                next.deadline = d;
            }
        }
        (RectificationAction::Submit, S::InProgress) => {
            if item.measures.trim().is_empty() {
                return Err(RectificationError::Empty("整改措施"));
            }
            if item.evidence.is_empty() {
                return Err(RectificationError::NoEvidence);
            }
            next.state = S::Submitted;
            next.return_reason = None;
        }
        (RectificationAction::Accept, S::Submitted) => next.state = S::Accepted,
        (RectificationAction::Return { reason: r }, S::Submitted) => {
            let r = non_blank(&r).ok_or(RectificationError::Empty("退回理由"))?;
            next.state = S::InProgress;
            next.return_reason = Some(r.clone());
            reason = Some(r);
        }
        (RectificationAction::Close, S::Accepted) => next.state = S::Closed,
        (RectificationAction::Disclose, state) => {
            if !state.is_accepted() {
                return Err(RectificationError::NotAccepted(state.label()));
            }
            if item.disclosed {
                return Err(RectificationError::AlreadyDisclosed);
            }
            next.disclosed = true;
        }
        _ => return Err(illegal()),
    }
    let event = WorkflowEvent::by(actor, action, at, item.state, next.state, reason)?;
    Ok((next, event))
}

impl RectificationItem {
    /// Whether the item is overdue on `today`: not yet accepted and `today > deadline`.
    /// (An item waiting for acceptance past its deadline still counts: the problem is not
    /// yet rectified.)
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.state.is_accepted() && today > self.deadline
    }

    /// Whether the item may be disclosed: it has passed acceptance. Disclosed items always
    /// satisfy this ([`apply`] never discloses anything else, and no step leaves acceptance).
    pub fn may_disclose(&self) -> bool {
        self.state.is_accepted()
    }
}

#[cfg(test)]
mod tests;
