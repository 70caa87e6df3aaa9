//! 账号 — accounts: identifiers, status, and the pure policies of sign-in.
//!
//! Everything here is a rule over values the caller supplies; the clock is always a parameter
//! (`now`), and no password is ever hashed or stored here (that is the store's job).
//!
//! - [`password`]: 口令复杂度 — [`PasswordPolicy`], which reports every rule a password fails.
//! - [`lockout`]: 登录失败处理 — [`LockoutPolicy`] and the [`LockoutState`] machine.
//! - [`session`]: 会话超时 — [`SessionPolicy`] and [`SessionState`].
//!
//! Source: GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》(等保 2.0) 第三级
//! 8.1.4.1 身份鉴别 a) 身份标识唯一、口令复杂度要求并定期更换, b) 登录失败处理、限制非法登录
//! 次数、登录连接超时自动退出.

pub mod lockout;
pub mod password;
pub mod session;

pub use lockout::{LockoutPolicy, LockoutState};
pub use password::{PasswordFailure, PasswordPolicy, WeakPassword};
pub use session::{SessionPolicy, SessionState};

use crate::authz::Action;
use jiff::SignedDuration;
use std::fmt;

/// Longest account identifier accepted, in characters.
pub const MAX_ACCOUNT_ID_CHARS: usize = 64;

/// 账号 — an account's identifier: the name the person signs in with (用户名), unique in the
/// system (等保 8.1.4.1 a) 身份标识具有唯一性).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(String);

impl AccountId {
    /// Checks and wraps a sign-in name: surrounding white space is removed; the rest must be
    /// 1 to [`MAX_ACCOUNT_ID_CHARS`] characters with no white space or control characters.
    pub fn parse(text: &str) -> Result<Self, AccountError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(AccountError::EmptyId);
        }
        if t.chars().count() > MAX_ACCOUNT_ID_CHARS {
            return Err(AccountError::IdTooLong(t.to_string()));
        }
        if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(AccountError::IdBadCharacter(t.to_string()));
        }
        Ok(Self(t.to_string()))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an account identifier or a policy setting is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The sign-in name is empty.
    #[error("用户名不能为空 (account id is empty)")]
    EmptyId,
    /// The sign-in name is too long.
    #[error("用户名“{0}”过长，最多 64 个字符 (account id too long)")]
    IdTooLong(String),
    /// The sign-in name holds white space or a control character.
    #[error("用户名“{0}”不能包含空白或控制字符 (account id has white space or control characters)")]
    IdBadCharacter(String),
    /// A password policy asks for fewer than 1 or more than 4 character classes, or no length.
    #[error("口令策略无效：{0} (invalid password policy)")]
    BadPasswordPolicy(&'static str),
    /// A lockout policy with no attempts or no lock period.
    #[error("登录失败处理策略无效：{0} (invalid lockout policy)")]
    BadLockoutPolicy(&'static str),
    /// A session policy with a non-positive timeout, or an idle timeout above the absolute one.
    #[error("会话策略无效：{0} (invalid session policy)")]
    BadSessionPolicy(&'static str),
}

/// 账号状态 — whether an account may be used.
///
/// Source: ecogov rule (issue 7); 等保 8.1.4.1 a) (口令定期更换: an administrator-set or expired
/// password puts the account in [`AccountStatus::MustChangePassword`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountStatus {
    /// 正常 — may sign in and act within its role.
    Active,
    /// 已停用 — may not sign in; existing sessions must end.
    Disabled,
    /// 须修改口令 — may sign in, but may do nothing except change its own password (set after an
    /// administrator creates the account or resets its password, or when the password expires).
    MustChangePassword,
}

impl AccountStatus {
    /// All statuses.
    pub const ALL: [AccountStatus; 3] = [Self::Active, Self::Disabled, Self::MustChangePassword];

    /// The code used in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
            Self::MustChangePassword => "must_change_password",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "正常",
            Self::Disabled => "已停用",
            Self::MustChangePassword => "须修改口令",
        }
    }

    /// Whether an account in this status may sign in at all.
    pub fn may_sign_in(self) -> bool {
        self != Self::Disabled
    }

    /// Whether a signed-in account in this status may attempt `action` (the role check of
    /// [`crate::authz::authorize`] still applies on top): everything when active; only changing
    /// its own password and reading public pages while a password change is due; nothing when
    /// disabled.
    pub fn permits(self, action: Action) -> bool {
        match self {
            Self::Active => true,
            Self::MustChangePassword => {
                matches!(action, Action::ChangeOwnPassword | Action::ViewPublic)
            }
            Self::Disabled => false,
        }
    }
}

/// Checks that a duration setting is strictly positive.
fn positive(d: SignedDuration) -> bool {
    d > SignedDuration::ZERO
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids() {
        assert_eq!(
            AccountId::parse("  shuike01 ").map(|a| a.to_string()),
            Ok("shuike01".to_string())
        );
        assert_eq!(AccountId::parse("  "), Err(AccountError::EmptyId));
        assert!(matches!(
            AccountId::parse("a b"),
            Err(AccountError::IdBadCharacter(_))
        ));
        assert!(AccountId::parse(&"x".repeat(64)).is_ok());
        assert!(matches!(
            AccountId::parse(&"x".repeat(65)),
            Err(AccountError::IdTooLong(_))
        ));
        assert!(AccountId::parse("督察办张三").is_ok());
    }

    #[test]
    fn status_codes_and_permissions() {
        for s in AccountStatus::ALL {
            assert_eq!(AccountStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(AccountStatus::from_code("x"), None);
        assert!(!AccountStatus::Disabled.may_sign_in());
        assert!(AccountStatus::MustChangePassword.may_sign_in());
        for a in Action::ALL {
            assert!(AccountStatus::Active.permits(a));
            assert!(!AccountStatus::Disabled.permits(a));
            assert_eq!(
                AccountStatus::MustChangePassword.permits(a),
                a == Action::ChangeOwnPassword || a == Action::ViewPublic
            );
        }
    }
}
