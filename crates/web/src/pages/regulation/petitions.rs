//! 信访件（内部） — the ledger judged on a day (`?today=`, default the evaluation date): each
//! case's current deadline, 即将到期/逾期 flags and repeats within 90 days; registration and
//! the workflow forms.

use super::{authorize_record, bad, chrome, form_day, optional, refused, workbook};
use crate::auth::Actor;
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::petition::{
    Channel, DeadlineKind, PetitionCase, PetitionId, PetitionState, REPEAT_WINDOW_DAYS, TimeLimits,
    deadline_status, repeats,
};
use ecogov_domain::progress::parse_date;
use ecogov_io::regulation::export;
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

pub(super) struct CaseLine {
    id: String,
    channel: String,
    registered: String,
    enterprise: String,
    address: String,
    summary: String,
    state: &'static str,
    deadline: String,
    status: &'static str,
    status_code: &'static str,
    days: String,
    repeats: String,
    next: Vec<(&'static str, &'static str)>,
}

fn line(c: &PetitionCase, all: &[PetitionCase], today: Date, limits: &TimeLimits) -> CaseLine {
    let d = deadline_status(c, today, limits);
    CaseLine {
        id: c.id().to_string(),
        channel: c.channel().label().to_string(),
        registered: c.registered_on().to_string(),
        enterprise: c.enterprise().map(|e| e.to_string()).unwrap_or_default(),
        address: c.address().to_string(),
        summary: c.summary().to_string(),
        state: c.state().label(),
        deadline: d
            .map(|d| {
                let kind = match d.kind {
                    DeadlineKind::Acceptance => "受理",
                    DeadlineKind::Conclusion => "办结",
                };
                format!("{kind} {}", d.due)
            })
            .unwrap_or_default(),
        status: d.map_or("", |d| d.status.label()),
        status_code: d.map_or("closed", |d| d.status.code()),
        days: d
            .map(|d| {
                if d.days_left < 0 {
                    format!("逾期 {} 天", -d.days_left)
                } else {
                    format!("剩 {} 天", d.days_left)
                }
            })
            .unwrap_or_default(),
        repeats: repeats(all, c, REPEAT_WINDOW_DAYS)
            .iter()
            .map(|m| format!("{}（{} 天前）", m.case.id(), m.days_before))
            .collect::<Vec<_>>()
            .join("、"),
        next: c
            .state()
            .next()
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_petitions.html")]
pub(crate) struct PetitionsPage {
    chrome: Chrome,
    today: String,
    rows: Vec<CaseLine>,
    overdue: usize,
    due_soon: usize,
    open: usize,
}

/// `?today=YYYY-MM-DD`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TodayQuery {
    today: Option<String>,
}

fn today_of(state: &AppState, q: &TodayQuery) -> Result<Date, AppError> {
    match q.today.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => {
            parse_date(t).ok_or_else(|| bad(format!("日期“{t}”无效，应为 YYYY-MM-DD (bad date)")))
        }
        None => Ok(state.as_of.date()),
    }
}

/// `/regulation/petitions?today=`.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    Query(q): Query<TodayQuery>,
) -> Result<PetitionsPage, AppError> {
    let today = today_of(&state, &q)?;
    let cases = state.store.petitions().await?;
    let limits = TimeLimits::default();
    let rows: Vec<CaseLine> = cases
        .iter()
        .map(|c| line(c, &cases, today, &limits))
        .collect();
    let count = |code: &str| rows.iter().filter(|r| r.status_code == code).count();
    Ok(PetitionsPage {
        chrome: chrome(&state, "信访件").await?,
        today: today.to_string(),
        overdue: count("overdue"),
        due_soon: count("due_soon"),
        open: cases.iter().filter(|c| !c.state().is_closed()).count(),
        rows,
    })
}

/// `/regulation/petitions.xlsx?today=`.
pub(crate) async fn xlsx(
    State(state): State<Arc<AppState>>,
    Query(q): Query<TodayQuery>,
) -> Result<Response, AppError> {
    let today = today_of(&state, &q)?;
    let cases = state.store.petitions().await?;
    workbook(
        &format!("petitions-{today}.xlsx"),
        export::xlsx_bytes(&export::petitions(&cases, today, &TimeLimits::default())),
    )
}

/// A new case.
#[derive(Debug, Deserialize)]
pub(crate) struct RegisterForm {
    id: String,
    channel: String,
    date: String,
    summary: String,
    #[serde(default)]
    enterprise: String,
    #[serde(default)]
    address: String,
}

/// `POST /regulation/petitions`.
pub(crate) async fn register(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(form): Form<RegisterForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:petitions").await?;
    let id = PetitionId::new(&form.id).ok_or_else(|| bad("信访件编号不能为空 (empty case id)"))?;
    let on = form_day(&form.date, "登记日期")?;
    if form.summary.trim().is_empty() {
        return Err(bad("反映内容不能为空 (summary must not be empty)"));
    }
    let enterprise = Some(form.enterprise.trim())
        .filter(|e| !e.is_empty())
        .map(CreditCode::parse)
        .transpose()
        .map_err(|e| bad(e.to_string()))?;
    let case = PetitionCase::register(
        id,
        Channel::parse(&form.channel),
        on,
        enterprise,
        &form.address,
        &form.summary,
    );
    state
        .store
        .register_petitions(&[("网页表单 (web form)".into(), case)], "web", actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/petitions"))
}

/// A step of the workflow.
#[derive(Debug, Deserialize)]
pub(crate) struct AdvanceForm {
    to: String,
    date: String,
    #[serde(default)]
    note: String,
}

/// `POST /regulation/petitions/{id}/advance`.
pub(crate) async fn advance(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    Form(form): Form<AdvanceForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:petitions").await?;
    let id = PetitionId::new(&id).ok_or_else(|| bad("信访件编号不能为空 (empty case id)"))?;
    let to = PetitionState::parse(&form.to).ok_or_else(|| bad("状态无效 (unknown state)"))?;
    let on = form_day(&form.date, "日期")?;
    let note = optional(&form.note);
    state
        .store
        .advance_petition(&id, to, on, note, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/petitions"))
}
