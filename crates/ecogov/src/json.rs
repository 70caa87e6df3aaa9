//! The JSON shapes other tools read (`plan show --json`, `tasks --json`, `progress --json`).

use ecogov_domain::deliverable::Deliverable;
use ecogov_domain::plan::Plan;
use ecogov_domain::progress::{DeliverableProgress, ProgressStatus};
use ecogov_domain::target::TargetIndicator;
use ecogov_domain::task::Task;
use ecogov_domain::unit::Unit;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use serde_json::{Number, Value};

/// A decimal as a JSON number: an integer when whole, otherwise the nearest double (JSON
/// readers parse numbers as doubles anyway; the exact text stays in the plan file and the store).
pub(crate) fn number(d: Decimal) -> Value {
    let d = d.normalize();
    if d.fract().is_zero()
        && let Some(i) = d.to_i64()
    {
        return Value::Number(Number::from(i));
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

#[derive(Serialize)]
pub(crate) struct PlanJson {
    year: i16,
    title: String,
    issuer: String,
    published: String,
    units: Vec<UnitJson>,
    targets: Vec<TargetJson>,
    groups: Vec<GroupJson>,
    tasks: Vec<TaskJson>,
}

#[derive(Serialize)]
struct UnitJson {
    name: String,
    kind: &'static str,
    internal: bool,
    aliases: Vec<String>,
    covers: Vec<&'static str>,
    note: Option<String>,
}

#[derive(Serialize)]
struct TargetJson {
    id: String,
    area: &'static str,
    area_label: &'static str,
    measure: String,
    text: String,
    comparator: &'static str,
    threshold: Value,
    unit: Option<String>,
    source: &'static str,
    basis: Option<String>,
}

#[derive(Serialize)]
struct GroupJson {
    number: u8,
    title: String,
}

#[derive(Serialize)]
pub(crate) struct TaskJson {
    id: String,
    group: u8,
    number: u8,
    label: String,
    title: String,
    text: String,
    lead_units: Vec<String>,
    co_units: Vec<String>,
    assignments: Vec<AssignmentJson>,
    deliverables: Vec<DeliverableJson>,
}

#[derive(Serialize)]
struct AssignmentJson {
    scope: String,
    lead_units: Vec<String>,
    co_units: Vec<String>,
}

#[derive(Serialize)]
struct DeliverableJson {
    id: String,
    description: String,
    target: Value,
    target_max: Value,
    unit: String,
    start: String,
    due: String,
    cadence: &'static str,
}

fn unit(u: &Unit) -> UnitJson {
    UnitJson {
        name: u.name.to_string(),
        kind: u.kind.code(),
        internal: u.kind.is_internal(),
        aliases: u.aliases.clone(),
        covers: u.covers.iter().map(|k| k.code()).collect(),
        note: u.note.clone(),
    }
}

fn target(t: &TargetIndicator) -> TargetJson {
    TargetJson {
        id: t.id.clone(),
        area: t.area.code(),
        area_label: t.area.label(),
        measure: t.measure.clone(),
        text: t.text.clone(),
        comparator: t.comparator.code(),
        threshold: t.threshold.map_or(Value::Null, number),
        unit: t.unit.clone(),
        source: t.source.code(),
        basis: t.basis.clone(),
    }
}

fn deliverable(d: &Deliverable) -> DeliverableJson {
    DeliverableJson {
        id: d.id.to_string(),
        description: d.description.clone(),
        target: number(d.target),
        target_max: d.target_max.map_or(Value::Null, number),
        unit: d.unit.clone(),
        start: d.start.to_string(),
        due: d.due.to_string(),
        cadence: d.cadence.code(),
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub(crate) fn task(t: &Task) -> TaskJson {
    TaskJson {
        id: t.id.to_string(),
        group: t.group,
        number: t.number,
        label: t.label(),
        title: t.title.clone(),
        text: t.text.clone(),
        lead_units: strings(&t.lead_units()),
        co_units: strings(&t.co_units()),
        assignments: t
            .assignments
            .iter()
            .map(|a| AssignmentJson {
                scope: a.scope.clone(),
                lead_units: a.lead.clone(),
                co_units: a.co.clone(),
            })
            .collect(),
        deliverables: t.deliverables.iter().map(deliverable).collect(),
    }
}

pub(crate) fn plan(p: &Plan) -> PlanJson {
    PlanJson {
        year: p.year,
        title: p.title.clone(),
        issuer: p.issuer.clone(),
        published: p.published.to_string(),
        units: p.units.all().iter().map(unit).collect(),
        targets: p.targets.iter().map(target).collect(),
        groups: p
            .groups
            .iter()
            .map(|g| GroupJson {
                number: g.number,
                title: g.title.clone(),
            })
            .collect(),
        tasks: p.tasks.iter().map(task).collect(),
    }
}

#[derive(Serialize)]
pub(crate) struct ProgressJson {
    id: String,
    task: String,
    description: String,
    target: Value,
    target_max: Value,
    unit: String,
    actual: Value,
    expected: Value,
    percent: Value,
    status: &'static str,
    status_label: &'static str,
    start: String,
    due: String,
    reports: usize,
    demo: bool,
}

pub(crate) fn progress(r: &DeliverableProgress<'_>) -> ProgressJson {
    let d = r.deliverable;
    ProgressJson {
        id: d.id.to_string(),
        task: r.task.id.to_string(),
        description: d.description.clone(),
        target: number(d.target),
        target_max: d.target_max.map_or(Value::Null, number),
        unit: d.unit.clone(),
        actual: number(r.actual),
        expected: number(r.expected),
        percent: number(r.percent().round_dp(1)),
        status: r.status.code(),
        status_label: r.status.label(),
        start: d.start.to_string(),
        due: d.due.to_string(),
        reports: r.reports,
        demo: r.demo,
    }
}

/// A status as JSON: code and label, or nulls for a task without quantified deliverables.
pub(crate) fn status(s: Option<ProgressStatus>) -> (Option<&'static str>, &'static str) {
    match s {
        Some(s) => (Some(s.code()), s.label()),
        None => (None, "定性任务"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_numbers() {
        assert_eq!(number(Decimal::from(1000)).to_string(), "1000");
        assert_eq!(number(Decimal::new(8770, 2)).to_string(), "87.7");
        assert_eq!(number(Decimal::ZERO).to_string(), "0");
    }
}
