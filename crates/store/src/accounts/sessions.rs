//! 会话 — sign-in sessions. The cookie carries a random 256-bit token; the table keeps only its
//! SHA-256, so a copy of the database cannot be used to sign in.

use super::entity::{account, session};
use super::{Account, to_account};
use crate::{Store, StoreError};
use ecogov_domain::audit_chain::to_hex;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// A session as stored, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The SHA-256 of the token (the row key).
    pub id: String,
    /// The account.
    pub account: Account,
    /// Created (Unix seconds).
    pub created_at: i64,
    /// Last request (Unix seconds).
    pub last_seen: i64,
}

fn key(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

/// A fresh random token (32 bytes from the operating system, hex).
fn new_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Rejected(format!("无法取得系统随机数 (no OS randomness): {e}")))?;
    Ok(to_hex(&bytes))
}

/// Ends every session of the account except `keep` (a token).
pub(super) async fn end_all<C: ConnectionTrait>(
    db: &C,
    account_id: i64,
    keep: Option<&str>,
) -> Result<(), StoreError> {
    let mut q = session::Entity::delete_many().filter(session::Column::AccountId.eq(account_id));
    if let Some(k) = keep {
        q = q.filter(session::Column::Id.ne(key(k)));
    }
    q.exec(db).await?;
    Ok(())
}

impl Store {
    /// Starts a session for the account at `now` (Unix seconds); returns the token for the
    /// cookie. Every sign-in gets a new token (no session id survives a sign-in).
    pub async fn start_session(
        &self,
        account_id: i64,
        source: &str,
        now: i64,
    ) -> Result<String, StoreError> {
        let token = new_token()?;
        session::ActiveModel {
            id: Set(key(&token)),
            account_id: Set(account_id),
            created_at: Set(now),
            last_seen: Set(now),
            source: Set(source.to_string()),
        }
        .insert(&self.db)
        .await?;
        Ok(token)
    }

    /// The session of `token` with its account, if it exists.
    pub async fn session(&self, token: &str) -> Result<Option<SessionRecord>, StoreError> {
        let Some(s) = session::Entity::find_by_id(key(token))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let Some(a) = account::Entity::find_by_id(s.account_id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(SessionRecord {
            id: s.id,
            account: to_account(a)?,
            created_at: s.created_at,
            last_seen: s.last_seen,
        }))
    }

    /// Records a request on the session.
    pub async fn touch_session(&self, token: &str, now: i64) -> Result<(), StoreError> {
        session::ActiveModel {
            id: Set(key(token)),
            last_seen: Set(now),
            ..Default::default()
        }
        .update(&self.db)
        .await?;
        Ok(())
    }

    /// Ends the session of `token` (sign-out or expiry).
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        session::Entity::delete_by_id(key(token))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
