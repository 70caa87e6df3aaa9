//! 任务 — one task: its text, who does what, deliverables with progress, reports.

use crate::status::{self, Badge};
use crate::view::{AsOfQuery, Chrome, DeliverableRow, Ledger, deliverable_row, status_of};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use ecogov_domain::acceptance::{AcceptanceState, TaskAction, current, transition};
use ecogov_domain::authz::Principal;
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

/// One recorded step of the acceptance workflow.
struct StepRow {
    at: String,
    who: String,
    action: &'static str,
    to: &'static str,
    reason: String,
}

/// What the signed-in account may do on this task now.
#[derive(Default)]
struct Can {
    report: bool,
    confirm: bool,
    submit: bool,
    decide: bool,
    close: bool,
}

struct Option_ {
    id: String,
    description: String,
}

struct EvidenceRow {
    id: i64,
    filename: String,
    size: String,
    by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "task.html")]
pub(crate) struct TaskPage {
    chrome: Chrome,
    id: String,
    label: String,
    title: String,
    group: String,
    text: String,
    status: Badge,
    parts: Vec<Part>,
    deliverables: Vec<DeliverableRow>,
    reports: Vec<Report>,
    workflow: &'static str,
    workflow_css: &'static str,
    steps: Vec<StepRow>,
    can: Can,
    options: Vec<Option_>,
    evidence: Vec<EvidenceRow>,
    signed_in: bool,
}

/// The steps the signed-in account may take now: each is tried against the domain's rules.
fn can(
    state: &AcceptanceState,
    parties: &ecogov_domain::authz::TaskParties,
    at: jiff::Timestamp,
) -> Can {
    let Some(user) = crate::auth::current() else {
        return Can::default();
    };
    let a = &user.account;
    if !a.status.may_sign_in() {
        return Can::default();
    }
    let p = Principal::account(a.name.clone(), a.unit.clone(), a.role);
    let ok = |step: TaskAction| transition(state, step, &p, parties, at).is_ok();
    Can {
        report: ok(TaskAction::ReportProgress),
        confirm: ok(TaskAction::ConfirmCoPart),
        submit: ok(TaskAction::Submit),
        decide: ok(TaskAction::Accept),
        close: ok(TaskAction::Close),
    }
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
    let parties = ecogov_domain::authz::TaskParties::of(task, &plan.units);
    let history = state.store.task_steps(ledger.stored.id, &task.id).await?;
    let now_state = current(&history);
    let steps = history
        .iter()
        .map(|e| StepRow {
            at: e
                .at
                .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
                .strftime("%Y-%m-%d %H:%M")
                .to_string(),
            who: format!("{}（{}）", e.actor.as_str(), e.unit.as_str()),
            action: e.action.label(),
            to: e.to.label(),
            reason: e.reason.clone().unwrap_or_default(),
        })
        .collect();
    let evidence = state
        .store
        .evidence_list("progress:")
        .await?
        .into_iter()
        .filter(|f| {
            f.owner
                .strip_prefix("progress:")
                .and_then(|n| n.parse::<i64>().ok())
                .is_some_and(|rid| {
                    ledger.reports.iter().any(|r| {
                        r.id == rid && task.deliverables.iter().any(|d| d.id == r.deliverable)
                    })
                })
        })
        .map(|f| EvidenceRow {
            id: f.id,
            filename: f.filename,
            size: format!("{:.1} KB", f.size as f64 / 1024.0),
            by: f.uploaded_by,
        })
        .collect();
    Ok(TaskPage {
        workflow: now_state.label(),
        workflow_css: now_state.code(),
        can: can(&now_state, &parties, state.clock.timestamp()),
        steps,
        options: task
            .deliverables
            .iter()
            .map(|d| Option_ {
                id: d.id.to_string(),
                description: d.description.clone(),
            })
            .collect(),
        evidence,
        signed_in: crate::auth::current().is_some(),
        id: task.id.to_string(),
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
