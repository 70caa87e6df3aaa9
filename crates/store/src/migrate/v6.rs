//! Migration 6: accounts, sessions, the audit hash chain, the task workflow, 督办 and 整改
//! (issue 7).

use super::{Ddl, alter, big, id, index, opt_text, table, text};
use sea_orm::sea_query::{ColumnDef, ForeignKey, Index, Table};

pub(super) const NAME: &str =
    "accounts, sessions, the audit hash chain, the task workflow, 督办 and 整改 (issue 7)";

/// `ALTER TABLE audit_event ADD COLUMN …`, one column a statement (SQLite adds one at a time).
fn audit_column(c: ColumnDef) -> Ddl {
    alter(Table::alter().table("audit_event").add_column(c).take())
}

pub(super) fn statements() -> Vec<Ddl> {
    vec![
        table(
            Table::create()
                .table("account")
                .col(id("id"))
                .col(ColumnDef::new("name").text().not_null().unique_key())
                .col(text("unit"))
                .col(text("role"))
                .col(text("password_hash"))
                .col(text("status"))
                .col(big("failures"))
                .col(ColumnDef::new("locked_until").big_integer().null())
                .col(big("password_changed_at"))
                .col(big("created_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("session")
                .col(ColumnDef::new("id").text().not_null().primary_key())
                .col(big("account_id"))
                .col(big("created_at"))
                .col(big("last_seen"))
                .col(text("source"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_account")
                        .from("session", "account_id")
                        .to("account", "id"),
                )
                .take(),
        ),
        // The audit chain: seq and hash per row (older rows are sealed on first open), where
        // the request came from, and the state before the change (`detail` is the state after).
        audit_column(ColumnDef::new("seq").big_integer().null().take()),
        audit_column(
            ColumnDef::new("source")
                .text()
                .not_null()
                .default("")
                .take(),
        ),
        audit_column(
            ColumnDef::new("before")
                .text()
                .not_null()
                .default("")
                .take(),
        ),
        audit_column(ColumnDef::new("hash").text().null().take()),
        // The chain's head: the last sequence number and hash, one row, updated with every
        // append (so appends serialise on it, and a cut-off tail shows).
        table(
            Table::create()
                .table("audit_head")
                .col(ColumnDef::new("id").big_integer().not_null().primary_key())
                .col(big("seq"))
                .col(text("hash"))
                .take(),
        ),
        // Workflow steps of tasks (验收销号), notices (督办) and findings (整改).
        table(
            Table::create()
                .table("workflow_event")
                .col(id("id"))
                .col(big("plan_id"))
                .col(text("kind"))
                .col(text("object"))
                .col(text("actor"))
                .col(text("unit"))
                .col(text("role"))
                .col(text("at"))
                .col(text("action"))
                .col(text("from_state"))
                .col(text("to_state"))
                .col(opt_text("reason"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_workflow_event_object")
                .table("workflow_event")
                .col("plan_id")
                .col("kind")
                .col("object")
                .take(),
        ),
        table(
            Table::create()
                .table("notice")
                .col(id("id"))
                .col(big("plan_id"))
                .col(text("addressee"))
                .col(opt_text("task"))
                .col(text("subject"))
                .col(text("content"))
                .col(text("issued_by"))
                .col(text("issued_on"))
                .col(text("deadline"))
                .col(text("state"))
                .col(opt_text("reply"))
                .col(opt_text("replied_by"))
                .col(opt_text("replied_on"))
                .take(),
        ),
        table(
            Table::create()
                .table("rectification")
                .col(id("id"))
                .col(text("source"))
                .col(text("finding"))
                .col(text("responsible"))
                .col(text("measures"))
                .col(text("deadline"))
                .col(text("evidence"))
                .col(text("state"))
                .col(opt_text("return_reason"))
                .col(big("disclosed"))
                .col(big("created_at"))
                .take(),
        ),
        // Evidence files (progress reports, 整改 items), checked for type and size on upload.
        table(
            Table::create()
                .table("attachment")
                .col(id("id"))
                .col(text("owner"))
                .col(text("filename"))
                .col(text("content_type"))
                .col(big("size"))
                .col(text("sha256"))
                .col(ColumnDef::new("data").blob().not_null())
                .col(text("uploaded_by"))
                .col(big("uploaded_at"))
                .take(),
        ),
    ]
}
