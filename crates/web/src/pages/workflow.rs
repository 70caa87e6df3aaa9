//! 验收销号 — a task's acceptance workflow on its page: progress reports with evidence, the
//! co units' confirmations, submission, 督察办's acceptance or return (with a reason) and 销号.
//! Every step is checked by the domain's policy against the task named in the URL (so editing
//! the id reaches another task's parties, and is refused), recorded with its audit event.

use crate::auth::Actor;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ecogov_domain::acceptance::{
    AcceptanceError, AcceptanceState, TaskAction, current, transition,
};
use ecogov_domain::authz::{Resource, TaskParties};
use ecogov_domain::evidence;
use ecogov_domain::progress::{ReportInput, check_report};
use ecogov_domain::task::{Task, TaskId};
use ecogov_store::{Evidence, StoredPlan};
use serde::Deserialize;
use std::sync::Arc;

/// The routes of this module (staff only).
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/tasks/{id}/step", post(step))
        .route("/tasks/{id}/progress", post(report))
        .route("/evidence/{id}", get(download))
}

/// The stored plan, the task named in the URL and its parties.
pub(crate) async fn task_of(
    state: &AppState,
    id: &str,
) -> Result<(StoredPlan, Task, TaskParties), AppError> {
    let stored = state.store.plan(None).await?;
    let task = stored
        .plan
        .task(id)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("任务“{id}”不存在 (no such task)")))?;
    let parties = TaskParties::of(&task, &stored.plan.units);
    Ok((stored, task, parties))
}

/// The task's acceptance state now.
pub(crate) async fn state_of(
    state: &AppState,
    plan_id: i64,
    task: &TaskId,
) -> Result<AcceptanceState, AppError> {
    Ok(current(&state.store.task_steps(plan_id, task).await?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct StepForm {
    step: String,
    #[serde(default)]
    reason: String,
}

fn refused(e: AcceptanceError) -> AppError {
    match e {
        AcceptanceError::NotPermitted(d) => AppError::Forbidden(d.to_string()),
        other => AppError::Conflict(other.to_string()),
    }
}

/// Takes one step of `task`'s workflow as `actor`.
async fn take(state: &AppState, actor: &Actor, id: &str, step: TaskAction) -> Result<(), AppError> {
    let (stored, task, parties) = task_of(state, id).await?;
    actor
        .authorize(
            state,
            step.action(),
            &Resource::Task(&parties),
            &format!("task:{id}"),
        )
        .await?;
    let now = state_of(state, stored.id, &task.id).await?;
    let event = transition(
        &now,
        step,
        &actor.principal(),
        &parties,
        state.clock.timestamp(),
    )
    .map_err(refused)?;
    state
        .store
        .record_task_step(stored.id, &task.id, &event, &actor.source)
        .await?;
    Ok(())
}

pub(crate) async fn step(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    Form(f): Form<StepForm>,
) -> Result<Response, AppError> {
    let step = match f.step.as_str() {
        "confirm" => TaskAction::ConfirmCoPart,
        "submit" => TaskAction::Submit,
        "return" => TaskAction::Return { reason: f.reason },
        "accept" => TaskAction::Accept,
        "close" => TaskAction::Close,
        other => {
            return Err(AppError::BadRequest(format!(
                "未知操作“{other}” (unknown step)"
            )));
        }
    };
    take(&state, &actor, &id, step).await?;
    Ok(Redirect::to(&format!("/tasks/{id}#workflow")).into_response())
}

/// The fields of a progress report form, read from a multipart body.
#[derive(Debug, Default)]
struct ReportForm {
    deliverable: String,
    value: String,
    date: String,
    note: String,
    file: Option<(String, Vec<u8>)>,
}

async fn read_form(mut m: Multipart) -> Result<ReportForm, AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!("表单无法读取 (bad form): {e}"))
    };
    let mut f = ReportForm::default();
    while let Some(field) = m.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let filename = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(bad)?;
            if !filename.is_empty() || !bytes.is_empty() {
                f.file = Some((filename, bytes.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "deliverable" => f.deliverable = text,
            "value" => f.value = text,
            "date" => f.date = text,
            "note" => f.note = text,
            _ => {}
        }
    }
    Ok(f)
}

pub(crate) async fn report(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let f = read_form(multipart).await?;
    let (stored, task, parties) = task_of(&state, &id).await?;
    if !task
        .deliverables
        .iter()
        .any(|d| d.id.as_str() == f.deliverable.trim())
    {
        return Err(AppError::BadRequest(format!(
            "量化任务“{}”不属于任务 {id} (deliverable of another task)",
            f.deliverable.trim()
        )));
    }
    // Permission and state (open) first, then the report's own checks.
    actor
        .authorize(
            &state,
            TaskAction::ReportProgress.action(),
            &Resource::Task(&parties),
            &format!("task:{id}"),
        )
        .await?;
    let now = state_of(&state, stored.id, &task.id).await?;
    transition(
        &now,
        TaskAction::ReportProgress,
        &actor.principal(),
        &parties,
        state.clock.timestamp(),
    )
    .map_err(refused)?;
    let evidence = match &f.file {
        Some((name, bytes)) => {
            let kind =
                evidence::check(name, bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
            Some(Evidence {
                filename: name.clone(),
                content_type: kind.content_type().to_string(),
                data: bytes.clone(),
            })
        }
        None => None,
    };
    let input = ReportInput {
        deliverable: &f.deliverable,
        value: &f.value,
        date: &f.date,
        unit: actor.user.account.unit.as_str(),
        note: Some(f.note.as_str()).filter(|n| !n.trim().is_empty()),
    };
    let report = check_report(&stored.plan, input, state.as_of.date(), false)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    state
        .store
        .record_progress_with(
            stored.id,
            &report,
            actor.name(),
            &actor.source,
            evidence.as_ref(),
        )
        .await?;
    Ok(Redirect::to(&format!("/tasks/{id}#workflow")).into_response())
}

pub(crate) async fn download(
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (info, data) = state
        .store
        .evidence(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("佐证材料 #{id} 不存在 (no such file)")))?;
    let ascii: String = info
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, info.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
        ],
        data,
    )
        .into_response())
}
