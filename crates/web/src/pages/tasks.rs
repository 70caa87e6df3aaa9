//! 任务 — one task: its text, who does what, deliverables with progress, reports.

use crate::status::{self, Badge};
use crate::view::{AsOfQuery, Chrome, DeliverableRow, Ledger, deliverable_row, status_of};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use std::sync::Arc;

struct Part {
    scope: String,
    lead: Vec<String>,
    co: Vec<String>,
}

struct Report {
    date: String,
    deliverable: String,
    unit: String,
    value: String,
    note: String,
    demo: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "task.html")]
pub(crate) struct TaskPage {
    chrome: Chrome,
    label: String,
    title: String,
    group: String,
    text: String,
    status: Badge,
    parts: Vec<Part>,
    deliverables: Vec<DeliverableRow>,
    reports: Vec<Report>,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<TaskPage, AppError> {
    let ledger = Ledger::load(&state, &q, "任务").await?;
    let plan = ledger.plan();
    let task = plan
        .task(&id)
        .ok_or_else(|| AppError::NotFound(format!("任务“{id}”不存在 (no such task)")))?;
    let rows = ledger.rows();
    let mine: Vec<_> = rows.iter().filter(|r| r.task.id == task.id).collect();
    let reports = ledger
        .reports
        .iter()
        .rev()
        .filter(|r| {
            r.date <= ledger.as_of && task.deliverables.iter().any(|d| d.id == r.deliverable)
        })
        .map(|r| Report {
            date: r.date.to_string(),
            deliverable: task
                .deliverables
                .iter()
                .find(|d| d.id == r.deliverable)
                .map(|d| d.description.clone())
                .unwrap_or_default(),
            unit: r.unit.to_string(),
            value: r.value.normalize().to_string(),
            note: r.note.clone().unwrap_or_default(),
            demo: r.demo,
        })
        .collect();
    Ok(TaskPage {
        chrome: ledger.chrome_titled(format!("{} {}", task.label(), task.title)),
        label: task.label(),
        title: task.title.clone(),
        group: plan
            .groups
            .iter()
            .find(|g| g.number == task.group)
            .map(|g| g.label())
            .unwrap_or_default(),
        text: task.text.clone(),
        status: status::badge(status_of(task, &rows)),
        parts: task
            .assignments
            .iter()
            .map(|a| Part {
                scope: a.scope.clone(),
                lead: a.lead.clone(),
                co: a.co.clone(),
            })
            .collect(),
        deliverables: mine.into_iter().map(deliverable_row).collect(),
        reports,
    })
}
