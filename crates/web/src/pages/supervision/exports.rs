//! 台账下载 — the task ledger, the 督办清单 and the 整改台账 as workbooks, the way the bureau
//! hands them upward. Downloading needs [`Action::ExportLedger`]; the 督办清单 holds only the
//! notices the account may read.

use super::notices::visible;
use super::{DayQuery, check_read, today};
use crate::auth::Identity;
use crate::view::{AsOfQuery, Ledger};
use crate::{AppError, AppState};
use axum::extract::{Extension, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ecogov_domain::acceptance::current;
use ecogov_domain::authz::{Action, Resource};
use ecogov_io::export::{
    NoticeEntry, RectificationEntry, TaskLedger, notices_xlsx_bytes, rectifications_xlsx_bytes,
    tasks_xlsx_bytes,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The workbook as a download named `{ascii}-{date}.xlsx` (and, for browsers that read it,
/// `{chinese}-{date}.xlsx`).
fn download(bytes: Vec<u8>, ascii: &str, chinese: &str, date: jiff::civil::Date) -> Response {
    let utf8: String = format!("{chinese}-{date}.xlsx")
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}-{date}.xlsx\"; filename*=UTF-8''{utf8}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn allowed(state: &AppState, identity: &Identity, what: &str) -> Result<(), AppError> {
    check_read(
        state,
        identity,
        Action::ExportLedger,
        &Resource::System,
        &format!("export:{what}"),
    )
    .await
}

pub(crate) async fn tasks(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Query(q): Query<DayQuery>,
) -> Result<Response, AppError> {
    allowed(&state, &identity, "tasks").await?;
    let ledger = Ledger::load(&state, &AsOfQuery { as_of: q.as_of }, "任务台账").await?;
    let plan = ledger.plan();
    let mut acceptance = HashMap::new();
    for t in &plan.tasks {
        let steps = state.store.task_steps(ledger.stored.id, &t.id).await?;
        if !steps.is_empty() {
            acceptance.insert(t.id.clone(), current(&steps));
        }
    }
    let progress = ledger.rows();
    let bytes = tasks_xlsx_bytes(&TaskLedger {
        plan,
        progress: &progress,
        acceptance: &acceptance,
        as_of: ledger.as_of,
        demo: progress.iter().any(|r| r.demo),
    })
    .map_err(AppError::Export)?;
    Ok(download(bytes, "tasks", "任务台账", ledger.as_of))
}

pub(crate) async fn notices(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Query(q): Query<DayQuery>,
) -> Result<Response, AppError> {
    allowed(&state, &identity, "notices").await?;
    let day = today(&state, &q)?;
    let stored = state.store.plan(None).await?;
    let list = visible(&state, stored.id).await?;
    let entries: Vec<NoticeEntry<'_>> = list
        .iter()
        .map(|n| NoticeEntry {
            id: n.id,
            notice: &n.notice,
            subject: &n.subject_text,
        })
        .collect();
    let bytes = notices_xlsx_bytes(&stored.plan.issuer, day, &entries).map_err(AppError::Export)?;
    Ok(download(bytes, "notices", "督办清单", day))
}

pub(crate) async fn rectifications(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Query(q): Query<DayQuery>,
) -> Result<Response, AppError> {
    allowed(&state, &identity, "rectifications").await?;
    let day = today(&state, &q)?;
    let stored = state.store.plan(None).await?;
    let items = state.store.rectifications().await?;
    let entries: Vec<RectificationEntry<'_>> = items
        .iter()
        .map(|r| RectificationEntry {
            id: r.id,
            item: &r.item,
        })
        .collect();
    let bytes =
        rectifications_xlsx_bytes(&stored.plan.issuer, day, &entries).map_err(AppError::Export)?;
    Ok(download(bytes, "rectifications", "督察整改台账", day))
}
