//! Loose structs mirroring the TOML, keeping the span of every value that is checked later.

use serde::Deserialize;
use toml::Spanned;

/// A number as written: an integer, or a decimal in quotes. Floats are refused later, because a
/// TOML float is read through binary floating point and may not be the number written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawNumber {
    Int(i64),
    Text(String),
    Float(f64),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlan {
    pub year: Option<Spanned<i64>>,
    pub title: Option<Spanned<String>>,
    pub issuer: Option<String>,
    pub city: Option<String>,
    pub published: Option<Spanned<String>>,
    #[serde(default)]
    pub general: String,
    #[serde(default)]
    pub units: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    pub targets: Vec<Spanned<RawTarget>>,
    #[serde(default)]
    pub groups: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub tasks: Vec<Spanned<RawTask>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnit {
    pub name: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub covers: Vec<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    pub id: Option<Spanned<String>>,
    pub area: Option<Spanned<String>>,
    pub measure: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub comparator: Option<Spanned<String>>,
    pub threshold: Option<Spanned<RawNumber>>,
    pub unit: Option<String>,
    pub source: Option<Spanned<String>>,
    pub basis: Option<String>,
    pub binding: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub number: Option<Spanned<i64>>,
    pub title: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTask {
    pub group: Option<Spanned<i64>>,
    pub number: Option<Spanned<i64>>,
    pub title: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    #[serde(default)]
    pub assignments: Vec<Spanned<RawAssignment>>,
    #[serde(default)]
    pub deliverables: Vec<Spanned<RawDeliverable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAssignment {
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub lead: Vec<Spanned<String>>,
    #[serde(default)]
    pub co: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeliverable {
    pub id: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub target: Option<Spanned<RawNumber>>,
    pub target_max: Option<Spanned<RawNumber>>,
    pub unit: Option<Spanned<String>>,
    pub whole: Option<bool>,
    pub start: Option<Spanned<String>>,
    pub due: Option<Spanned<String>>,
    pub cadence: Option<Spanned<String>>,
    pub counted_by: Option<Spanned<String>>,
}
