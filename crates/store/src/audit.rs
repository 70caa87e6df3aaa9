//! 审计记录 — the append-only audit trail. Rows are only ever inserted.

use crate::entity::audit_event;
use crate::{Store, StoreError, now_seconds};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};

/// One audit event as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Row id, increasing.
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// Who (a user name, or `cli` / `demo`).
    pub actor: String,
    /// What (`plan.install`, `progress.record` …).
    pub action: String,
    /// On what (`plan:2023`, `deliverable:yangtze-outfalls` …).
    pub subject: String,
    /// A human-readable summary.
    pub detail: String,
}

/// Appends an event inside the caller's transaction.
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), StoreError> {
    audit_event::ActiveModel {
        at: Set(now_seconds()),
        actor: Set(actor.to_string()),
        action: Set(action.to_string()),
        subject: Set(subject.to_string()),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

impl Store {
    /// The most recent audit events, newest first.
    pub async fn audit_events(&self, limit: u64) -> Result<Vec<AuditEvent>, StoreError> {
        let rows = audit_event::Entity::find()
            .order_by_desc(audit_event::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEvent {
                id: r.id,
                at: r.at,
                actor: r.actor,
                action: r.action,
                subject: r.subject,
                detail: r.detail,
            })
            .collect())
    }
}
