//! 审计记录 — the append-only audit trail, sealed into a SHA-256 hash chain
//! ([`ecogov_domain::audit_chain`]; GB/T 22239-2019 8.1.4.3 安全审计). Rows are only ever
//! inserted; `ecogov audit verify` re-computes the chain and compares its end with the head row.
//! Nothing deletes audit rows: they are kept for as long as the database is (at least the six
//! months 《网络安全法》第二十一条 asks for).

use crate::entity::{audit_event, audit_head};
use crate::{Store, StoreError, now_seconds};
use ecogov_domain::audit_chain::{AuditRecord, ChainError, ChainHash, ChainedRecord, chain_hash};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

/// One audit event as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Row id, increasing.
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// Who (an account name, or `cli` / `demo`).
    pub actor: String,
    /// What (`plan.install`, `progress.record`, `login.failure` …).
    pub action: String,
    /// On what (`plan:2023`, `deliverable:yangtze-outfalls` …).
    pub subject: String,
    /// The state after, or a summary.
    pub detail: String,
    /// Where the request came from (an address, or empty for the command line).
    pub source: String,
    /// The state before, when there was one.
    pub before: String,
}

/// An event to append.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    /// Who.
    pub actor: &'a str,
    /// From where (client address), empty on the command line.
    pub source: &'a str,
    /// What.
    pub action: &'a str,
    /// On what.
    pub subject: &'a str,
    /// The state before.
    pub before: &'a str,
    /// The state after, or a summary.
    pub after: &'a str,
}

/// Appends an event inside the caller's transaction (no source, no before-state).
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), StoreError> {
    append_entry(
        db,
        &Entry {
            actor,
            action,
            subject,
            after: detail,
            ..Entry::default()
        },
    )
    .await
}

fn record(seq: i64, r: &audit_event::Model) -> AuditRecord {
    AuditRecord {
        seq: u64::try_from(seq).unwrap_or_default(),
        at: r.at.to_string(),
        actor: r.actor.clone(),
        source: r.source.clone(),
        action: r.action.clone(),
        object: r.subject.clone(),
        before: r.before.clone(),
        after: r.detail.clone(),
    }
}

fn corrupt_head(value: &str) -> StoreError {
    StoreError::Corrupt {
        table: "audit_head",
        id: 1,
        field: "hash",
        value: value.to_string(),
    }
}

/// Appends `entry` inside the caller's transaction: takes the next sequence number from the head
/// row (the update locks it, so concurrent appends queue), hashes the record onto the chain and
/// moves the head.
pub(crate) async fn append_entry<C: ConnectionTrait>(
    db: &C,
    entry: &Entry<'_>,
) -> Result<(), StoreError> {
    db.execute(
        &Query::update()
            .table("audit_head")
            .value("seq", Expr::col("seq").add(1))
            .and_where(Expr::col("id").eq(1))
            .take(),
    )
    .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| corrupt_head("missing"))?;
    let prev = ChainHash::parse(&head.hash).ok_or_else(|| corrupt_head(&head.hash))?;
    let mut row = audit_event::Model {
        id: 0,
        at: now_seconds(),
        actor: entry.actor.to_string(),
        action: entry.action.to_string(),
        subject: entry.subject.to_string(),
        detail: entry.after.to_string(),
        seq: Some(head.seq),
        source: entry.source.to_string(),
        before: entry.before.to_string(),
        hash: None,
    };
    let hash = chain_hash(&prev, &record(head.seq, &row)).to_hex();
    row.hash = Some(hash.clone());
    audit_event::ActiveModel {
        at: Set(row.at),
        actor: Set(row.actor),
        action: Set(row.action),
        subject: Set(row.subject),
        detail: Set(row.detail),
        seq: Set(row.seq),
        source: Set(row.source),
        before: Set(row.before),
        hash: Set(row.hash),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit_head::ActiveModel {
        id: Set(1),
        seq: Set(head.seq),
        hash: Set(hash),
    }
    .update(db)
    .await?;
    Ok(())
}

/// Creates the head row on a database that has none, sealing any rows written before the chain
/// existed (in id order) first. Idempotent.
pub(crate) async fn ensure_head(db: &sea_orm::DatabaseConnection) -> Result<(), StoreError> {
    if audit_head::Entity::find_by_id(1).one(db).await?.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::Hash.is_null())
        .order_by_asc(audit_event::Column::Id)
        .all(&txn)
        .await?;
    let mut prev = ChainHash::GENESIS;
    let mut seq = 0i64;
    for r in rows {
        seq += 1;
        let hash = chain_hash(&prev, &record(seq, &r));
        let mut active: audit_event::ActiveModel = r.into();
        active.seq = Set(Some(seq));
        active.hash = Set(Some(hash.to_hex()));
        active.update(&txn).await?;
        prev = hash;
    }
    audit_head::ActiveModel {
        id: Set(1),
        seq: Set(seq),
        hash: Set(prev.to_hex()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Why the audit trail failed verification.
#[derive(Debug, thiserror::Error)]
pub enum AuditVerifyError {
    /// A row's hash, a gap or a reorder in the chain.
    #[error("{0}")]
    Chain(#[from] ChainError),
    /// The chain ends before the head says it should: rows were cut off the end.
    #[error(
        "审计链末端与链头不符：链头为第 {head_seq} 条，记录止于第 {last_seq} 条 (the chain's end does not match its head: rows removed)"
    )]
    Truncated {
        /// The head's sequence number.
        head_seq: i64,
        /// The last row's.
        last_seq: i64,
    },
    /// A row without a sequence number or hash.
    #[error("审计记录 #{0} 未封存 (audit row not sealed)")]
    Unsealed(i64),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for AuditVerifyError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Store(StoreError::from(e))
    }
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
                source: r.source,
                before: r.before,
            })
            .collect())
    }

    /// Appends an event on its own (a login, a refusal), outside any other change.
    pub async fn audit(&self, entry: &Entry<'_>) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        append_entry(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Re-computes the whole chain; returns how many rows it holds.
    pub async fn verify_audit(&self) -> Result<u64, AuditVerifyError> {
        let rows = audit_event::Entity::find()
            .order_by_asc(audit_event::Column::Seq)
            .order_by_asc(audit_event::Column::Id)
            .all(&self.db)
            .await?;
        let mut chained = Vec::with_capacity(rows.len());
        for r in &rows {
            let (Some(seq), Some(hash)) = (r.seq, r.hash.clone()) else {
                return Err(AuditVerifyError::Unsealed(r.id));
            };
            chained.push(ChainedRecord {
                record: record(seq, r),
                hash,
            });
        }
        ecogov_domain::audit_chain::verify(&chained)?;
        let head = audit_head::Entity::find_by_id(1).one(&self.db).await?;
        let last_seq = rows.last().and_then(|r| r.seq).unwrap_or(0);
        let last_hash = rows
            .last()
            .and_then(|r| r.hash.clone())
            .unwrap_or_else(|| ChainHash::GENESIS.to_hex());
        match head {
            Some(h) if h.seq == last_seq && h.hash == last_hash => Ok(chained.len() as u64),
            Some(h) => Err(AuditVerifyError::Truncated {
                head_seq: h.seq,
                last_seq,
            }),
            None => Err(StoreError::Corrupt {
                table: "audit_head",
                id: 1,
                field: "id",
                value: "missing".into(),
            }
            .into()),
        }
    }
}
