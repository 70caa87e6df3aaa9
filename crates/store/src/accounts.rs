//! 账户 — accounts with argon2id password hashes, their lockout state, and sessions.
//!
//! Passwords are hashed here (argon2id, default parameters of the `argon2` crate, PHC strings);
//! the rules (policy, lockout, session expiry) are the domain's ([`ecogov_domain::account`]).

pub(crate) mod entity;
pub(crate) mod evidence;
mod sessions;
pub(crate) mod workflow;

pub use evidence::{Evidence, EvidenceInfo};
pub use sessions::SessionRecord;

use crate::audit::{Entry, append_entry};
use crate::{Store, StoreError, now_seconds};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use ecogov_domain::account::{AccountId, AccountStatus, LockoutState};
use ecogov_domain::authz::AccountRole;
use ecogov_domain::unit::UnitName;
use entity::account;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// An account as stored (without its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// 用户名.
    pub name: AccountId,
    /// 所属单位.
    pub unit: UnitName,
    /// 角色.
    pub role: AccountRole,
    /// 状态.
    pub status: AccountStatus,
    /// Failed sign-ins and lock.
    pub lockout: LockoutState,
    /// When the password was last set (Unix seconds).
    pub password_changed_at: i64,
}

fn ts(seconds: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn to_account(r: account::Model) -> Result<Account, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "account",
        id: r.id,
        field,
        value: value.to_string(),
    };
    Ok(Account {
        id: r.id,
        name: AccountId::parse(&r.name).map_err(|_| bad("name", &r.name))?,
        unit: UnitName::new(&r.unit),
        role: AccountRole::from_code(&r.role).ok_or_else(|| bad("role", &r.role))?,
        status: AccountStatus::from_code(&r.status).ok_or_else(|| bad("status", &r.status))?,
        lockout: LockoutState {
            failures: u32::try_from(r.failures).unwrap_or(u32::MAX),
            locked_until: r.locked_until.map(ts),
        },
        password_changed_at: r.password_changed_at,
    })
}

/// The argon2id PHC string of `password`.
fn hash(password: &str) -> Result<String, StoreError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Rejected(format!("无法生成口令摘要 (cannot hash): {e}")))
}

impl Store {
    /// Creates an account with `password` (already checked against the policy by the caller),
    /// status 须改密 (must change on first sign-in) unless `active`. Refuses a name in use.
    pub async fn add_account(
        &self,
        name: &AccountId,
        unit: &UnitName,
        role: AccountRole,
        password: &str,
        actor: &str,
    ) -> Result<Account, StoreError> {
        let txn = self.db.begin().await?;
        if account::Entity::find()
            .filter(account::Column::Name.eq(name.as_str()))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(StoreError::Rejected(format!(
                "用户名“{}”已存在 (account exists)",
                name.as_str()
            )));
        }
        let now = now_seconds();
        let row = account::ActiveModel {
            name: Set(name.as_str().to_string()),
            unit: Set(unit.as_str().to_string()),
            role: Set(role.code().to_string()),
            password_hash: Set(hash(password)?),
            status: Set(AccountStatus::MustChangePassword.code().to_string()),
            failures: Set(0),
            locked_until: Set(None),
            password_changed_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        append_entry(
            &txn,
            &Entry {
                actor,
                action: "account.add",
                subject: &format!("account:{}", name.as_str()),
                after: &format!("单位 {}，角色 {}", unit.as_str(), role.label()),
                ..Entry::default()
            },
        )
        .await?;
        txn.commit().await?;
        to_account(row)
    }

    /// Every account, by name.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        account::Entity::find()
            .order_by_asc(account::Column::Name)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_account)
            .collect()
    }

    /// The account called `name`, if any.
    pub async fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        account::Entity::find()
            .filter(account::Column::Name.eq(name.trim()))
            .one(&self.db)
            .await?
            .map(to_account)
            .transpose()
    }

    /// Whether `password` is the account's. Runs argon2 (tens of milliseconds by design).
    pub async fn password_matches(&self, id: i64, password: &str) -> Result<bool, StoreError> {
        let Some(row) = account::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(false);
        };
        let Ok(parsed) = PasswordHash::new(&row.password_hash) else {
            return Err(StoreError::Corrupt {
                table: "account",
                id,
                field: "password_hash",
                value: "(unparsable)".into(),
            });
        };
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    }

    /// Spends the time of one password check without an account, so that signing in with an
    /// unknown or disabled name takes as long as with a wrong password (the form must not tell
    /// which names exist).
    pub fn spend_password_check(&self, password: &str) {
        static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let Some(phc) = DUMMY.get_or_init(|| hash("ecogov-no-such-account").ok()) else {
            return;
        };
        if let Ok(parsed) = PasswordHash::new(phc) {
            let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
        }
    }

    /// Saves the lockout state after a sign-in attempt.
    pub async fn save_lockout(&self, id: i64, state: &LockoutState) -> Result<(), StoreError> {
        account::ActiveModel {
            id: Set(id),
            failures: Set(i64::from(state.failures)),
            locked_until: Set(state.locked_until.map(|t| t.as_second())),
            ..Default::default()
        }
        .update(&self.db)
        .await?;
        Ok(())
    }

    /// Sets a new password. `must_change`: an administrator's reset (the holder must change it
    /// at the next sign-in); otherwise the holder's own change. Ends the account's sessions
    /// other than `keep_session` and clears its lock.
    pub async fn set_password(
        &self,
        id: i64,
        password: &str,
        must_change: bool,
        actor: &str,
        keep_session: Option<&str>,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let row = account::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StoreError::Rejected(format!("账户 #{id} 不存在 (no such account)")))?;
        let status = if must_change {
            AccountStatus::MustChangePassword
        } else {
            AccountStatus::Active
        };
        let name = row.name.clone();
        let mut active: account::ActiveModel = row.into();
        active.password_hash = Set(hash(password)?);
        active.password_changed_at = Set(now_seconds());
        active.status = Set(status.code().to_string());
        active.failures = Set(0);
        active.locked_until = Set(None);
        active.update(&txn).await?;
        sessions::end_all(&txn, id, keep_session).await?;
        append_entry(
            &txn,
            &Entry {
                actor,
                action: if must_change {
                    "account.reset"
                } else {
                    "account.password"
                },
                subject: &format!("account:{name}"),
                after: status.label(),
                ..Entry::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Disables (or re-enables as 须改密) an account; disabling ends its sessions.
    pub async fn set_account_disabled(
        &self,
        id: i64,
        disabled: bool,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let row = account::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StoreError::Rejected(format!("账户 #{id} 不存在 (no such account)")))?;
        let before = row.status.clone();
        let name = row.name.clone();
        let status = if disabled {
            AccountStatus::Disabled
        } else {
            AccountStatus::MustChangePassword
        };
        let mut active: account::ActiveModel = row.into();
        active.status = Set(status.code().to_string());
        active.update(&txn).await?;
        sessions::end_all(&txn, id, None).await?;
        append_entry(
            &txn,
            &Entry {
                actor,
                action: if disabled {
                    "account.disable"
                } else {
                    "account.enable"
                },
                subject: &format!("account:{name}"),
                before: &before,
                after: status.code(),
                ..Entry::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
