//! 佐证材料的存储 — evidence files kept in the database beside what they support.

use crate::{Store, StoreError, now_seconds};
use ecogov_domain::audit_chain::to_hex;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};
use sha2::{Digest, Sha256};

/// A checked file to keep (see `ecogov_domain::evidence::check`).
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The file name as uploaded.
    pub filename: String,
    /// Its media type.
    pub content_type: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// A stored file's description.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct EvidenceInfo {
    /// Row id.
    pub id: i64,
    /// What it belongs to (`progress:12`, `rectification:3`).
    pub owner: String,
    /// File name.
    pub filename: String,
    /// Media type.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: String,
}

/// Stores `file` for `owner` inside the caller's transaction.
pub(crate) async fn keep<C: ConnectionTrait>(
    db: &C,
    owner: &str,
    file: &Evidence,
    by: &str,
) -> Result<(), StoreError> {
    db.execute(
        &Query::insert()
            .into_table("attachment")
            .columns([
                "owner",
                "filename",
                "content_type",
                "size",
                "sha256",
                "data",
                "uploaded_by",
                "uploaded_at",
            ])
            .values_panic([
                owner.into(),
                file.filename.clone().into(),
                file.content_type.clone().into(),
                i64::try_from(file.data.len()).unwrap_or(i64::MAX).into(),
                to_hex(&Sha256::digest(&file.data)).into(),
                file.data.clone().into(),
                by.into(),
                now_seconds().into(),
            ])
            .take(),
    )
    .await?;
    Ok(())
}

impl Store {
    /// The files kept for owners starting with `prefix` (e.g. `progress:`), by id.
    pub async fn evidence_list(&self, prefix: &str) -> Result<Vec<EvidenceInfo>, StoreError> {
        let stmt = Query::select()
            .columns([
                "id",
                "owner",
                "filename",
                "content_type",
                "size",
                "sha256",
                "uploaded_by",
            ])
            .from("attachment")
            .and_where(Expr::col("owner").like(format!("{prefix}%")))
            .order_by("id", sea_orm::sea_query::Order::Asc)
            .take();
        let backend = self.db.get_database_backend();
        Ok(EvidenceInfo::find_by_statement(backend.build(&stmt))
            .all(&self.db)
            .await?)
    }

    /// One file's description and bytes.
    pub async fn evidence(&self, id: i64) -> Result<Option<(EvidenceInfo, Vec<u8>)>, StoreError> {
        #[derive(FromQueryResult)]
        struct Row {
            id: i64,
            owner: String,
            filename: String,
            content_type: String,
            size: i64,
            sha256: String,
            uploaded_by: String,
            data: Vec<u8>,
        }
        let stmt = Query::select()
            .columns([
                "id",
                "owner",
                "filename",
                "content_type",
                "size",
                "sha256",
                "uploaded_by",
                "data",
            ])
            .from("attachment")
            .and_where(Expr::col("id").eq(id))
            .take();
        let backend = self.db.get_database_backend();
        Ok(Row::find_by_statement(backend.build(&stmt))
            .one(&self.db)
            .await?
            .map(|r| {
                (
                    EvidenceInfo {
                        id: r.id,
                        owner: r.owner,
                        filename: r.filename,
                        content_type: r.content_type,
                        size: r.size,
                        sha256: r.sha256,
                        uploaded_by: r.uploaded_by,
                    },
                    r.data,
                )
            }))
    }
}
