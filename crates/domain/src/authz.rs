//! 权限 — who may do what: roles, principals, actions, and the one decision function.
//!
//! [`authorize`] is the only place permissions are decided. It is pure and denies by default:
//! an action is allowed only by an explicit rule below; anything else is refused with a reason
//! given in Chinese and English.
//!
//! Sources: GB/T 22239-2019 第三级 8.1.4.2 访问控制 c) "应授予管理用户所需的最小权限，实现管理
//! 用户的权限分离" (the administrator does no business work and does not read the audit trail)
//! and 8.1.4.3 安全审计; the business rules are ecogov rule (issue 7):
//!
//! - 公众 the public sees only public things ([`Resource::is_public`]) and changes nothing.
//! - 科室/单位 staff (also 督察办 and 监测站 accounts, whose units carry plan tasks) report
//!   progress only on tasks where their unit is lead or co; a co unit confirms its own part;
//!   only a lead unit submits for acceptance; a notice is answered by the unit it is addressed
//!   to; a 整改 item is updated and submitted by its responsible unit.
//! - 督察办 accepts, returns (with a reason) and closes (销号) tasks and 整改 items, issues and
//!   closes 督办 notices, keeps the 整改 ledger (adds items, corrects findings, extends
//!   deadlines) and decides its public disclosure.
//! - 职责分离 separation of duties: 督察办 does not accept, return or close a task it leads or a
//!   整改 item it is responsible for; 局领导 does those, and only those (the one place where the
//!   leadership changes anything).
//! - 局领导 reads everything (ledger, notices, audit trail, exports); 督察办 too. Unit staff read
//!   the ledger and exports, but only the notices addressed to their own unit.
//! - 系统管理员 manages accounts and target thresholds and nothing else (it reads only public
//!   pages: no ledger, no exports, no audit trail — 三员分立).
//! - 监测站 imports monitoring data.
//! - Every signed-in account may change its own password.

use crate::task::{Role, Task, TaskId};
use crate::unit::{UnitKind, UnitName, UnitRegistry};

mod action;
mod principal;
#[cfg(test)]
mod tests;

pub use action::Action;
use action::ResourceKind;
pub use principal::{AccountRole, Principal};

/// The unit whose accounts hold the [`AccountRole::Inspectorate`] role and whose own tasks and
/// 整改 items fall under the separation-of-duties rule.
pub const INSPECTORATE_UNIT: &str = "督察办";

/// 任务分工 — the units of a task by role, canonical names, collective names expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskParties {
    /// The task.
    pub task: TaskId,
    /// 牵头单位 — units leading any part of the task.
    pub lead: Vec<UnitName>,
    /// 配合单位 — units co-operating on some part and leading none.
    pub co: Vec<UnitName>,
}

impl TaskParties {
    /// The parties of `task`: every non-collective unit of the registry the task names, as
    /// [`Task::role_of`] judges it (aliases resolved, 各科室-style names expanded).
    pub fn of(task: &Task, units: &UnitRegistry) -> Self {
        let mut lead = Vec::new();
        let mut co = Vec::new();
        for u in units
            .all()
            .iter()
            .filter(|u| u.kind != UnitKind::Collective)
        {
            match task.role_of(units, u) {
                Some(Role::Lead) => lead.push(u.name.clone()),
                Some(Role::Co) => co.push(u.name.clone()),
                None => {}
            }
        }
        Self {
            task: task.id.clone(),
            lead,
            co,
        }
    }

    /// The role of `unit`, lead before co.
    pub fn role_of(&self, unit: &UnitName) -> Option<Role> {
        if self.lead.contains(unit) {
            Some(Role::Lead)
        } else if self.co.contains(unit) {
            Some(Role::Co)
        } else {
            None
        }
    }

    /// Whether 督察办 ([`INSPECTORATE_UNIT`]) leads the task.
    pub fn led_by_inspectorate(&self) -> bool {
        self.lead.iter().any(|u| u.as_str() == INSPECTORATE_UNIT)
    }
}

/// 操作对象 — what an action is about, with the facts the decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// 系统 — no particular object: public pages, imports, accounts, thresholds, the audit
    /// trail, exports, one's own password.
    System,
    /// 任务 — a task of the plan with its parties.
    Task(&'a TaskParties),
    /// 督办通知 — a notice, by the unit it is addressed to.
    Notice {
        /// 被督办单位.
        addressee: &'a UnitName,
    },
    /// 整改事项 — an item of the 整改 ledger.
    Rectification {
        /// 责任单位.
        responsible: &'a UnitName,
        /// 已公开 — whether the item is disclosed to the public.
        disclosed: bool,
    },
}

impl Resource<'_> {
    fn kind(&self) -> ResourceKind {
        match self {
            Self::System => ResourceKind::System,
            Self::Task(_) => ResourceKind::Task,
            Self::Notice { .. } => ResourceKind::Notice,
            Self::Rectification { .. } => ResourceKind::Rectification,
        }
    }

    /// Whether the public may see it: public pages, the plan's tasks, and disclosed 整改 items;
    /// never 督办 notices.
    pub fn is_public(&self) -> bool {
        match self {
            Self::System | Self::Task(_) => true,
            Self::Notice { .. } => false,
            Self::Rectification { disclosed, .. } => *disclosed,
        }
    }
}

/// 拒绝理由 — why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// The public asked for something that needs an account.
    #[error("请先登录 (sign-in required)")]
    SignInRequired,
    /// Not public.
    #[error("该内容不公开 (not public)")]
    NotPublic,
    /// The action does not apply to this kind of object.
    #[error("“{0}”不适用于该对象 (action does not apply to this resource)")]
    WrongResource(&'static str),
    /// The role may not do this at all.
    #[error("{role}角色无权{action} (role not permitted)")]
    RoleNotPermitted {
        /// The role's label.
        role: &'static str,
        /// The action's label.
        action: &'static str,
    },
    /// The unit is neither lead nor co of the task.
    #[error("{unit} 不是任务 {task} 的牵头或配合单位 (unit is neither lead nor co of the task)")]
    NotAssigned {
        /// The unit.
        unit: UnitName,
        /// The task.
        task: TaskId,
    },
    /// Only a lead unit submits.
    #[error("只有牵头单位可以提交验收，{unit} 是配合单位 (only the lead unit submits)")]
    NotLead {
        /// The unit.
        unit: UnitName,
    },
    /// Only a co unit confirms its own part.
    #[error(
        "只有配合单位确认本单位的配合部分，{unit} 是牵头单位 (only a co unit confirms its part)"
    )]
    NotCo {
        /// The unit.
        unit: UnitName,
    },
    /// The notice is addressed to another unit.
    #[error("督办通知的被督办单位是 {addressee}，不是 {unit} (notice addressed to another unit)")]
    NotAddressee {
        /// The principal's unit.
        unit: UnitName,
        /// The notice's addressee.
        addressee: UnitName,
    },
    /// The 整改 item belongs to another unit.
    #[error("整改事项的责任单位是 {responsible}，不是 {unit} (not the responsible unit)")]
    NotResponsible {
        /// The principal's unit.
        unit: UnitName,
        /// The item's responsible unit.
        responsible: UnitName,
    },
    /// 督察办 judging its own work.
    #[error(
        "督察办不能验收、退回或销号本单位牵头或负责的事项，应由局领导办理 (separation of duties)"
    )]
    OwnWork,
    /// 局领导 judging work that is 督察办's to judge.
    #[error(
        "验收、退回、销号由督察办办理；局领导只办理督察办本单位牵头或负责的事项 (inspectorate's work)"
    )]
    InspectoratesWork,
}

/// 判定 — the outcome of [`authorize`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Decision {
    /// 允许.
    Allow,
    /// 拒绝, with the reason.
    Deny(Denial),
}

impl Decision {
    /// Whether the action is allowed.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Self::Allow)
    }

    /// `Ok(())` when allowed, else the reason.
    pub fn into_result(self) -> Result<(), Denial> {
        match self {
            Self::Allow => Ok(()),
            Self::Deny(d) => Err(d),
        }
    }
}

fn allow_if(condition: bool, otherwise: impl FnOnce() -> Denial) -> Decision {
    if condition {
        Decision::Allow
    } else {
        Decision::Deny(otherwise())
    }
}

/// Decides whether `principal` may do `action` on `resource`. Deny by default; see the module
/// documentation for the rules and their sources.
pub fn authorize(principal: &Principal, action: Action, resource: &Resource<'_>) -> Decision {
    if action
        .applies_to()
        .is_some_and(|kind| kind != resource.kind())
    {
        return Decision::Deny(Denial::WrongResource(action.label()));
    }
    let (unit, role) = match principal {
        Principal::Public => {
            return match action {
                Action::ViewPublic => allow_if(resource.is_public(), || Denial::NotPublic),
                _ => Decision::Deny(Denial::SignInRequired),
            };
        }
        Principal::Account { unit, role, .. } => (unit, *role),
    };
    let role_denied = || Denial::RoleNotPermitted {
        role: role.label(),
        action: action.label(),
    };
    let only = |roles: &[AccountRole]| allow_if(roles.contains(&role), role_denied);
    use AccountRole::{Admin, Inspectorate, Leadership, MonitoringStation, UnitStaff};
    match (action, resource) {
        (Action::ViewPublic, _) => allow_if(resource.is_public(), || Denial::NotPublic),
        (Action::ViewLedger, Resource::Notice { addressee }) => match role {
            Leadership | Inspectorate => Decision::Allow,
            UnitStaff | MonitoringStation => {
                allow_if(unit == *addressee, || Denial::NotAddressee {
                    unit: unit.clone(),
                    addressee: (*addressee).clone(),
                })
            }
            Admin => Decision::Deny(role_denied()),
        },
        (Action::ViewLedger, _) | (Action::ExportLedger, _) => {
            only(&[Leadership, Inspectorate, UnitStaff, MonitoringStation])
        }
        (Action::ReportProgress | Action::ConfirmCoPart | Action::SubmitForAcceptance, _)
            if !role.does_unit_work() =>
        {
            Decision::Deny(role_denied())
        }
        (Action::ReportProgress, Resource::Task(parties)) => task_work(unit, parties, None),
        (Action::ConfirmCoPart, Resource::Task(parties)) => {
            task_work(unit, parties, Some(Role::Co))
        }
        (Action::SubmitForAcceptance, Resource::Task(parties)) => {
            task_work(unit, parties, Some(Role::Lead))
        }
        (Action::AcceptTask | Action::ReturnTask | Action::CloseTask, Resource::Task(parties)) => {
            judge(role, parties.led_by_inspectorate(), role_denied)
        }
        (Action::IssueNotice | Action::CloseNotice, _) => only(&[Inspectorate]),
        (Action::ReplyNotice, Resource::Notice { addressee }) => {
            if role.does_unit_work() {
                allow_if(unit == *addressee, || Denial::NotAddressee {
                    unit: unit.clone(),
                    addressee: (*addressee).clone(),
                })
            } else {
                Decision::Deny(role_denied())
            }
        }
        (
            Action::CreateRectification
            | Action::ReviseRectification
            | Action::DiscloseRectification,
            _,
        ) => only(&[Inspectorate]),
        (
            Action::UpdateRectification | Action::SubmitRectification,
            Resource::Rectification { responsible, .. },
        ) => {
            if role.does_unit_work() {
                allow_if(unit == *responsible, || Denial::NotResponsible {
                    unit: unit.clone(),
                    responsible: (*responsible).clone(),
                })
            } else {
                Decision::Deny(role_denied())
            }
        }
        (
            Action::AcceptRectification | Action::ReturnRectification | Action::CloseRectification,
            Resource::Rectification { responsible, .. },
        ) => judge(role, responsible.as_str() == INSPECTORATE_UNIT, role_denied),
        // The sections and the 执法支队 keep the regulatory ledgers; 督察办 too (信访转办).
        (Action::RecordRegulatoryWork, _) => only(&[UnitStaff, Inspectorate]),
        (Action::ImportMonitoringData, _) => only(&[MonitoringStation]),
        (Action::ManageAccounts | Action::SetTargetThreshold, _) => only(&[Admin]),
        (Action::ViewAuditTrail, _) => only(&[Leadership, Inspectorate]),
        (Action::ChangeOwnPassword, _) => Decision::Allow,
        // Unreachable after the resource check above; denied all the same.
        _ => Decision::Deny(Denial::WrongResource(action.label())),
    }
}

/// Task work of `unit` on a task: any assigned unit when `needed` is `None`, else only a unit
/// with exactly that role.
fn task_work(unit: &UnitName, parties: &TaskParties, needed: Option<Role>) -> Decision {
    match (parties.role_of(unit), needed) {
        (None, _) => Decision::Deny(Denial::NotAssigned {
            unit: unit.clone(),
            task: parties.task.clone(),
        }),
        (Some(_), None) => Decision::Allow,
        (Some(have), Some(want)) if have == want => Decision::Allow,
        (Some(_), Some(Role::Lead)) => Decision::Deny(Denial::NotLead { unit: unit.clone() }),
        (Some(_), Some(Role::Co)) => Decision::Deny(Denial::NotCo { unit: unit.clone() }),
    }
}

/// Acceptance, return and 销号: 督察办 unless the object is its own, then 局领导.
fn judge(
    role: AccountRole,
    inspectorates_own: bool,
    role_denied: impl FnOnce() -> Denial,
) -> Decision {
    match (role, inspectorates_own) {
        (AccountRole::Inspectorate, false) | (AccountRole::Leadership, true) => Decision::Allow,
        (AccountRole::Inspectorate, true) => Decision::Deny(Denial::OwnWork),
        (AccountRole::Leadership, false) => Decision::Deny(Denial::InspectoratesWork),
        _ => Decision::Deny(role_denied()),
    }
}
