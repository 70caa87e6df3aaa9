//! 导入记录 — one row per imported file: what it was and what it did.

use crate::entity::import_batch;
use crate::{StoreError, now_seconds};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// The counts of one import.
pub(crate) struct BatchCounts {
    pub rows: usize,
    pub inserted: usize,
    pub unchanged: usize,
    pub replaced: usize,
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Records an import inside the caller's transaction; returns its id.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    kind: &str,
    file: &str,
    actor: &str,
    n: BatchCounts,
) -> Result<i64, StoreError> {
    let row = import_batch::ActiveModel {
        kind: Set(kind.to_string()),
        file: Set(file.to_string()),
        rows: Set(count(n.rows)),
        inserted: Set(count(n.inserted)),
        unchanged: Set(count(n.unchanged)),
        replaced: Set(count(n.replaced)),
        at: Set(now_seconds()),
        actor: Set(actor.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
