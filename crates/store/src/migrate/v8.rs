//! Migration 8: warnings, water alerts, the inbox, outbound hooks, eco-compensation agreements (issue 9).

use super::Ddl;

pub(super) const NAME: &str = "warnings, water alerts, the inbox, outbound hooks, eco-compensation agreements (issue 9)";

pub(super) fn statements() -> Vec<Ddl> {
    Vec::new()
}
