//! 角色与访问主体 — roles and principals.

use crate::account::AccountId;
use crate::unit::UnitName;

/// 角色 — what an account may do, whatever its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountRole {
    /// 系统管理员 — manages accounts and target thresholds; no business work.
    Admin,
    /// 局领导 — reads everything; accepts only where 督察办 itself is the lead or responsible.
    Leadership,
    /// 督察办 — supervision: acceptance, 督办 notices, the 整改 ledger; also does its own
    /// unit's task work. Accounts of this role belong to [`super::INSPECTORATE_UNIT`]: the
    /// separation-of-duties rule recognises 督察办's own tasks and items by that name.
    Inspectorate,
    /// 科室/单位 — a unit's staff: progress, co-part confirmation, submission, replies.
    UnitStaff,
    /// 监测站 — imports monitoring data; also does its own unit's task work.
    MonitoringStation,
}

impl AccountRole {
    /// All roles.
    pub const ALL: [AccountRole; 5] = [
        Self::Admin,
        Self::Leadership,
        Self::Inspectorate,
        Self::UnitStaff,
        Self::MonitoringStation,
    ];

    /// The code used in the database, on the command line and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Leadership => "leadership",
            Self::Inspectorate => "inspectorate",
            Self::UnitStaff => "unit_staff",
            Self::MonitoringStation => "monitoring_station",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "系统管理员",
            Self::Leadership => "局领导",
            Self::Inspectorate => "督察办",
            Self::UnitStaff => "科室/单位",
            Self::MonitoringStation => "监测站",
        }
    }

    /// Whether accounts of this role do their own unit's task work (progress, confirmation,
    /// submission, replies to notices, 整改 of items they are responsible for).
    pub fn does_unit_work(self) -> bool {
        matches!(
            self,
            Self::Inspectorate | Self::UnitStaff | Self::MonitoringStation
        )
    }
}

/// 访问主体 — who is asking: a signed-in account or the anonymous public.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Principal {
    /// 公众 — anyone not signed in.
    Public,
    /// 登录账号 — a signed-in account.
    Account {
        /// 账号.
        id: AccountId,
        /// 所属单位 — the unit the account belongs to (canonical name).
        unit: UnitName,
        /// 角色.
        role: AccountRole,
    },
}

impl Principal {
    /// A signed-in account.
    pub fn account(id: AccountId, unit: UnitName, role: AccountRole) -> Self {
        Self::Account { id, unit, role }
    }

    /// The account id, or `None` for the public.
    pub fn id(&self) -> Option<&AccountId> {
        match self {
            Self::Public => None,
            Self::Account { id, .. } => Some(id),
        }
    }

    /// The account's unit, or `None` for the public.
    pub fn unit(&self) -> Option<&UnitName> {
        match self {
            Self::Public => None,
            Self::Account { unit, .. } => Some(unit),
        }
    }

    /// The account's role, or `None` for the public.
    pub fn role(&self) -> Option<AccountRole> {
        match self {
            Self::Public => None,
            Self::Account { role, .. } => Some(*role),
        }
    }
}
