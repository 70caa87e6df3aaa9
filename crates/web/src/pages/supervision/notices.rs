//! 督办通知 — the list (with reminders, overdue marks and escalations), one notice with its
//! history, and issuing, replying and closing.

use super::{
    DayQuery, StepRow, form_date, may, number, open_page, resolve_unit, unit_names, viewer,
};
use crate::auth::{Actor, Identity};
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use ecogov_domain::authz::{Action, Resource};
use ecogov_domain::supervision::{self as sup, Notice, NoticeDraft, NoticeError, NoticeSubject};
use ecogov_domain::unit::UnitName;
use ecogov_io::export::notice_alert;
use ecogov_store::StoredNotice;
use serde::Deserialize;
use std::sync::Arc;

struct Row {
    id: i64,
    addressee: String,
    subject: String,
    issued_on: String,
    deadline: String,
    status: &'static str,
    status_css: &'static str,
    alert: String,
    alert_css: &'static str,
}

struct TaskOption {
    id: String,
    label: String,
}

/// 督办清单 counts.
#[derive(Default)]
struct Counts {
    total: usize,
    open: usize,
    reminder: usize,
    overdue: usize,
    escalated: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "sup_notices.html")]
pub(crate) struct ListPage {
    chrome: Chrome,
    today: String,
    rows: Vec<Row>,
    counts: Counts,
    can_issue: bool,
    units: Vec<String>,
    tasks: Vec<TaskOption>,
    signed_in: bool,
}

fn row(n: &StoredNotice, day: jiff::civil::Date) -> Row {
    let status = n.notice.status(day);
    let alert = notice_alert(&n.notice, day);
    Row {
        id: n.id,
        addressee: n.notice.addressee.to_string(),
        subject: n.subject_text.clone(),
        issued_on: n.notice.issued_on.to_string(),
        deadline: n.notice.deadline.to_string(),
        status: status.label(),
        status_css: status.code(),
        alert_css: alert.as_ref().map_or("", |a| a.code),
        alert: alert.map(|a| a.text).unwrap_or_default(),
    }
}

/// The notices the viewer may read.
pub(super) async fn visible(state: &AppState, plan_id: i64) -> Result<Vec<StoredNotice>, AppError> {
    let who = viewer();
    Ok(state
        .store
        .notices(plan_id)
        .await?
        .into_iter()
        .filter(|n| {
            super::may_view(
                who.as_ref(),
                &Resource::Notice {
                    addressee: &n.notice.addressee,
                },
            )
        })
        .collect())
}

pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Query(q): Query<DayQuery>,
) -> Result<ListPage, AppError> {
    let (day, ledger) = open_page(
        &state,
        &identity,
        &Resource::System,
        "supervision",
        &q,
        "督办通知",
    )
    .await?;
    let notices = visible(&state, ledger.stored.id).await?;
    let mut counts = Counts {
        total: notices.len(),
        ..Counts::default()
    };
    let rows: Vec<Row> = notices.iter().map(|n| row(n, day)).collect();
    for (n, r) in notices.iter().zip(&rows) {
        if n.notice.reply.is_none() {
            counts.open += 1;
        }
        match r.alert_css {
            "reminder" => counts.reminder += 1,
            "overdue" => counts.overdue += 1,
            "escalated" => counts.escalated += 1,
            _ => {}
        }
    }
    let who = viewer();
    let plan = ledger.plan();
    Ok(ListPage {
        today: day.to_string(),
        rows,
        counts,
        can_issue: may(
            who.as_ref(),
            Action::IssueNotice,
            &Resource::Notice {
                addressee: &UnitName::new(""),
            },
        ),
        units: unit_names(plan),
        tasks: plan
            .tasks
            .iter()
            .map(|t| TaskOption {
                id: t.id.to_string(),
                label: format!("{} {}", t.label(), t.title),
            })
            .collect(),
        signed_in: who.is_some(),
        chrome: ledger.chrome_titled("督办通知".into()),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct IssueForm {
    addressee: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    subject: String,
    content: String,
    deadline: String,
}

fn refused(e: NoticeError) -> AppError {
    match e {
        NoticeError::NotPermitted(d) => AppError::Forbidden(d.to_string()),
        e @ NoticeError::IllegalTransition { .. } => AppError::Conflict(e.to_string()),
        other => AppError::BadRequest(other.to_string()),
    }
}

pub(crate) async fn issue(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(f): Form<IssueForm>,
) -> Result<Response, AppError> {
    actor
        .authorize(
            &state,
            Action::IssueNotice,
            &Resource::Notice {
                addressee: &UnitName::new(&f.addressee),
            },
            "notice:new",
        )
        .await?;
    let stored = state.store.plan(None).await?;
    let plan = &stored.plan;
    let addressee = resolve_unit(plan, &f.addressee, "被督办单位")?;
    let (subject, subject_text) = match f.task.trim() {
        "" => (
            NoticeSubject::Free(f.subject.clone()),
            f.subject.trim().to_string(),
        ),
        id => {
            let task = plan
                .task(id)
                .ok_or_else(|| AppError::BadRequest(format!("任务“{id}”不存在 (no such task)")))?;
            let mut text = format!("{} {}", task.label(), task.title);
            if !f.subject.trim().is_empty() {
                text = format!("{text}：{}", f.subject.trim());
            }
            (NoticeSubject::Task(task.id.clone()), text)
        }
    };
    let draft = NoticeDraft {
        addressee,
        subject,
        content: f.content,
        deadline: form_date(&f.deadline, "办理时限")?,
    };
    let (notice, event) =
        sup::issue(draft, &actor.principal(), state.clock.timestamp()).map_err(refused)?;
    let id = state
        .store
        .issue_notice(stored.id, &notice, &subject_text, &event, &actor.source)
        .await?;
    Ok(Redirect::to(&format!("/supervision/notices/{id}")).into_response())
}

/// Notice `id` from the URL.
async fn load(state: &AppState, id: &str) -> Result<StoredNotice, AppError> {
    let n = number(id, "督办通知")?;
    state
        .store
        .notice(n)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("督办通知 #{n} 不存在 (no such notice)")))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReplyForm {
    #[serde(default)]
    text: String,
}

pub(crate) async fn reply(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    Form(f): Form<ReplyForm>,
) -> Result<Response, AppError> {
    let n = load(&state, &id).await?;
    take(&state, &actor, &n, Action::ReplyNotice, |notice, p, at| {
        sup::reply(notice, p, &f.text, at)
    })
    .await
}

pub(crate) async fn close(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let n = load(&state, &id).await?;
    take(&state, &actor, &n, Action::CloseNotice, sup::close).await
}

/// What a notice step returns.
type Stepped = Result<
    (
        Notice,
        ecogov_domain::acceptance::WorkflowEvent<sup::NoticeState>,
    ),
    NoticeError,
>;

/// Takes one step on `n`: the policy first, then the domain's step, then the store.
async fn take(
    state: &AppState,
    actor: &Actor,
    n: &StoredNotice,
    action: Action,
    step: impl FnOnce(&Notice, &ecogov_domain::authz::Principal, jiff::Timestamp) -> Stepped,
) -> Result<Response, AppError> {
    actor
        .authorize(
            state,
            action,
            &Resource::Notice {
                addressee: &n.notice.addressee,
            },
            &format!("notice:{}", n.id),
        )
        .await?;
    let (next, event) =
        step(&n.notice, &actor.principal(), state.clock.timestamp()).map_err(refused)?;
    state
        .store
        .save_notice_step(n.id, &n.notice, &next, &event, &actor.source)
        .await?;
    Ok(Redirect::to(&format!("/supervision/notices/{}", n.id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "sup_notice.html")]
pub(crate) struct NoticePage {
    chrome: Chrome,
    id: i64,
    addressee: String,
    subject: String,
    task: String,
    content: String,
    issued_by: String,
    issued_on: String,
    deadline: String,
    status: &'static str,
    status_css: &'static str,
    alert: String,
    alert_css: &'static str,
    reply: String,
    replied: String,
    steps: Vec<StepRow>,
    can_reply: bool,
    can_close: bool,
    signed_in: bool,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Path(id): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<NoticePage, AppError> {
    let n = load(&state, &id).await?;
    let (day, ledger) = open_page(
        &state,
        &identity,
        &Resource::Notice {
            addressee: &n.notice.addressee,
        },
        &format!("notice:{}", n.id),
        &q,
        "督办通知",
    )
    .await?;
    let steps = state
        .store
        .notice_steps(n.id)
        .await?
        .iter()
        .map(|e| StepRow::of(e, |s| s.label()))
        .collect();
    let who = viewer();
    let at = state.clock.timestamp();
    let can = |f: &dyn Fn(&ecogov_domain::authz::Principal) -> bool| who.as_ref().is_some_and(f);
    let r = row(&n, day);
    let reply = n.notice.reply.as_ref();
    Ok(NoticePage {
        chrome: ledger.chrome_titled(format!("督办通知 #{}", n.id)),
        id: n.id,
        addressee: r.addressee,
        subject: r.subject,
        task: match &n.notice.subject {
            NoticeSubject::Task(t) => t.to_string(),
            NoticeSubject::Free(_) => String::new(),
        },
        content: n.notice.content.clone(),
        issued_by: n.notice.issued_by.to_string(),
        issued_on: r.issued_on,
        deadline: r.deadline,
        status: r.status,
        status_css: r.status_css,
        alert: r.alert,
        alert_css: r.alert_css,
        reply: reply.map(|r| r.text.clone()).unwrap_or_default(),
        replied: reply
            .map(|r| {
                let late = if n.notice.replied_late() == Some(true) {
                    "（逾期回复）"
                } else {
                    ""
                };
                format!("{} 于 {} 回复{late}", r.by, r.on)
            })
            .unwrap_or_default(),
        steps,
        can_reply: can(&|p| sup::reply(&n.notice, p, "回复", at).is_ok()),
        can_close: can(&|p| sup::close(&n.notice, p, at).is_ok()),
        signed_in: who.is_some(),
    })
}
