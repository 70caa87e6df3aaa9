//! Persistence for ecogov: one code path over the embedded SQLite default and PostgreSQL.
//!
//! The backend is chosen by the database URL (`sqlite://…` or `postgres://…`; a bare path means
//! a SQLite file). Queries are built once with sea-orm/sea-query and rendered for whichever
//! backend is connected, so there is no second copy of any query. Only this crate names
//! sea-orm: the API takes and returns domain types.
//!
//! Error policy: every failure is a [`StoreError`]; database errors are kept as the source.
//! Writes that belong together run in one transaction, so a refused or failed write changes
//! nothing.

mod accounts;
mod air;
mod air_day;
mod alerts;
mod audit;
mod batch;
mod coverage;
mod entity;
mod migrate;
mod plans;
mod progress;
mod regulation;
mod supervision;
mod target_data;
mod targets;
mod water;

pub use accounts::{Account, Evidence, EvidenceInfo, SessionRecord};
pub use air::{AirImport, AirImportReport, ImportSession};
pub use alerts::*;
pub use audit::{AuditEvent, AuditVerifyError, Entry as AuditEntry};
pub use coverage::MonthCoverage;
pub use plans::{InstallOutcome, StoredPlan};
pub use regulation::{
    DieselRecord, DrawState, ImportCounts, InspectorRow, StoredDraw, StoredInspection, draw_text,
    os_seed,
};
pub use supervision::{StoredNotice, StoredRectification};
pub use targets::ThresholdSetting;
pub use water::{WaterImport, WaterImportReport};

use ecogov_domain::plan_file::PlanIssue;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened.
    #[error("无法打开数据库 {target} (cannot open database): {cause}")]
    Connect {
        /// The path or URL, with any password removed.
        target: String,
        /// The driver's error.
        cause: DbErr,
    },
    /// A SQLite file that does not exist where an existing database is required.
    #[error(
        "数据库文件 {0} 不存在，请先运行 `ecogov init --db {0}` (database file does not exist; run init first)"
    )]
    Missing(String),
    /// No plan is installed (for that year).
    #[error("数据库中没有{}计划，请先运行 `ecogov init` (no plan installed; run init first)", .0.map(|y| format!(" {y} 年的")).unwrap_or_default())]
    NoPlan(Option<i16>),
    /// The operation contradicts what is stored.
    #[error("{0}")]
    Conflict(String),
    /// A stored plan no longer passes validation (e.g. edited by hand).
    #[error("数据库中保存的计划无效 (stored plan is invalid): {}", .0.iter().map(|i| i.to_string()).collect::<Vec<_>>().join("; "))]
    StoredPlanInvalid(Vec<PlanIssue>),
    /// A stored value that cannot be read back.
    #[error("数据库记录无法解析 (corrupt record) {table}#{id}.{field} = “{value}”")]
    Corrupt {
        /// Table name.
        table: &'static str,
        /// Row id.
        id: i64,
        /// Column name.
        field: &'static str,
        /// The stored text.
        value: String,
    },
    /// Input the store refuses as a whole (unknown stations, repeated keys …); nothing is written.
    #[error("{0}")]
    Rejected(String),
    /// Any other database error.
    #[error("数据库错误 (database error): {0}")]
    Backend(DbErr),
}

// Not `#[from]`: that would also make the driver error the `source`, and error chains would
// print its message twice.
impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        Self::Backend(e)
    }
}

/// Turns a `--db` argument into a database URL: a URL is kept; a path becomes a SQLite file URL
/// (`mode=rwc` creates it when `create` is set, `mode=rw` requires it to exist).
pub fn database_url(target: &str, create: bool) -> String {
    if target.contains("://") || target.starts_with("sqlite:") {
        return target.to_string();
    }
    let mode = if create { "rwc" } else { "rw" };
    format!("sqlite://{target}?mode={mode}")
}

/// A URL with any password replaced by `***`, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((auth, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// The database, with the schema migrated.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Opens the database named by `target` (a path or URL) and applies pending migrations.
    ///
    /// With `create` unset, a SQLite file must already exist.
    pub async fn open(target: &str, create: bool) -> Result<Self, StoreError> {
        let url = database_url(target, create);
        let is_file = !target.contains("://") && !target.starts_with("sqlite:");
        if is_file && !create && !std::path::Path::new(target).exists() {
            return Err(StoreError::Missing(target.to_string()));
        }
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let mut opts = ConnectOptions::new(url.clone());
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            // An in-memory database lives in one connection; keep exactly one, forever.
            let max = if memory { 1 } else { 4 };
            opts.max_connections(max).min_connections(1);
            if memory {
                opts.idle_timeout(None).max_lifetime(None);
            }
            opts.map_sqlx_sqlite_opts(|o| {
                use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                o.foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    // 256 MiB of page cache: an hourly file touches one index page per station,
                    // and a national network has ~1,900 stations.
                    .pragma("cache_size", "-262144")
                    // Rows cross from SQLite's worker thread in batches rather than nearly one by
                    // one: a station-year is 8,760 rows.
                    .row_buffer_size(4096)
            });
        }
        let db = Database::connect(opts)
            .await
            .map_err(|cause| StoreError::Connect {
                target: redact(&url),
                cause,
            })?;
        let store = Self { db };
        migrate::run(&store.db).await?;
        audit::ensure_head(&store.db).await?;
        Ok(store)
    }

    /// Which backend is connected: `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Postgres => "postgres",
            DbBackend::Sqlite => "sqlite",
            _ => "other",
        }
    }

    /// Applies pending migrations again (a no-op when up to date); returns how many were applied.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        let n = migrate::run(&self.db).await?;
        audit::ensure_head(&self.db).await?;
        Ok(n)
    }
}

fn now_seconds() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(database_url("x.db", true), "sqlite://x.db?mode=rwc");
        assert_eq!(database_url("x.db", false), "sqlite://x.db?mode=rw");
        assert_eq!(
            database_url("postgres://u:p@h/db", false),
            "postgres://u:p@h/db"
        );
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
