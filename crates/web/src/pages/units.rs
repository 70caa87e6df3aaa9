//! 单位 — the unit registry, and each unit's tasks as lead and as co-operating unit.

use crate::view::{AsOfQuery, Chrome, DeliverableRow, Ledger, TaskRow, deliverable_row, task_row};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use ecogov_domain::task::Role;
use ecogov_domain::unit::UnitKind;
use std::sync::Arc;

struct UnitRow {
    name: String,
    kind: &'static str,
    aliases: String,
    note: String,
    lead: usize,
    co: usize,
}

struct KindGroup {
    label: &'static str,
    units: Vec<UnitRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "units.html")]
pub(crate) struct UnitsPage {
    chrome: Chrome,
    groups: Vec<KindGroup>,
}

pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<UnitsPage, AppError> {
    let ledger = Ledger::load(&state, &q, "单位").await?;
    let plan = ledger.plan();
    let groups = [
        UnitKind::Section,
        UnitKind::Affiliated,
        UnitKind::Collective,
        UnitKind::External,
    ]
    .into_iter()
    .map(|kind| KindGroup {
        label: kind.label(),
        units: plan
            .units
            .all()
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| {
                let roles: Vec<Role> = plan.tasks_for_unit(u, None).map(|(_, r)| r).collect();
                UnitRow {
                    name: u.name.to_string(),
                    kind: u.kind.label(),
                    aliases: u.aliases.join("、"),
                    note: u.note.clone().unwrap_or_default(),
                    lead: roles.iter().filter(|r| **r == Role::Lead).count(),
                    co: roles.iter().filter(|r| **r == Role::Co).count(),
                }
            })
            .collect(),
    })
    .collect();
    Ok(UnitsPage {
        chrome: ledger.chrome.clone(),
        groups,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "unit.html")]
pub(crate) struct UnitPage {
    chrome: Chrome,
    unit: UnitRow,
    lead: Vec<TaskRow>,
    co: Vec<TaskRow>,
    deliverables: Vec<DeliverableRow>,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<UnitPage, AppError> {
    let ledger = Ledger::load(&state, &q, "单位").await?;
    let plan = ledger.plan();
    let unit = plan
        .units
        .resolve(&name)
        .ok_or_else(|| AppError::NotFound(format!("单位“{name}”不在名录中 (no such unit)")))?;
    let rows = ledger.rows();
    let tasks: Vec<_> = plan.tasks_for_unit(unit, None).collect();
    let pick = |role: Role| -> Vec<TaskRow> {
        tasks
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(t, r)| task_row(t, &rows, r.label()))
            .collect()
    };
    let deliverables = rows
        .iter()
        .filter(|r| {
            tasks
                .iter()
                .any(|(t, role)| t.id == r.task.id && *role == Role::Lead)
        })
        .map(deliverable_row)
        .collect();
    Ok(UnitPage {
        chrome: ledger.chrome_titled(unit.name.to_string()),
        lead: pick(Role::Lead),
        co: pick(Role::Co),
        deliverables,
        unit: UnitRow {
            name: unit.name.to_string(),
            kind: unit.kind.label(),
            aliases: unit.aliases.join("、"),
            note: unit.note.clone().unwrap_or_default(),
            lead: tasks.iter().filter(|(_, r)| *r == Role::Lead).count(),
            co: tasks.iter().filter(|(_, r)| *r == Role::Co).count(),
        },
    })
}
