//! Migration 6: accounts, sessions, the audit hash chain, the task workflow, 督办 and 整改 (issue 7).

use super::Ddl;

pub(super) const NAME: &str = "accounts, sessions, the audit hash chain, the task workflow, 督办 and 整改 (issue 7)";

pub(super) fn statements() -> Vec<Ddl> {
    Vec::new()
}
