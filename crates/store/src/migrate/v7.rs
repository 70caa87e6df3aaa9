//! Migration 7: enterprises, inspectors, draws, inspections, diesel checks, outfalls, petitions (issue 8).

use super::Ddl;

pub(super) const NAME: &str = "enterprises, inspectors, draws, inspections, diesel checks, outfalls, petitions (issue 8)";

pub(super) fn statements() -> Vec<Ddl> {
    Vec::new()
}
