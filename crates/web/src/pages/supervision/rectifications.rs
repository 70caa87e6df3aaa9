//! 督察整改台账 — the ledger, one item with its history and evidence, and every step: create,
//! update (measures, evidence upload), revise (finding, 延期), submit, accept, return with a
//! reason, 销号, public disclosure.

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
use ecogov_domain::authz::{Action, Principal, Resource};
use ecogov_domain::rectification::{
    FindingSource, RectificationAction, RectificationDraft, RectificationError, RectificationState,
    apply, create as create_item,
};
use ecogov_domain::unit::UnitName;
use ecogov_store::{Evidence, StoredRectification};
use serde::Deserialize;
use std::sync::Arc;

struct Row {
    id: i64,
    source: &'static str,
    finding: String,
    responsible: String,
    deadline: String,
    state: &'static str,
    state_css: &'static str,
    overdue: bool,
    evidence: usize,
    disclosed: bool,
}

struct SourceOption {
    code: &'static str,
    label: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "sup_rectifications.html")]
pub(crate) struct ListPage {
    chrome: Chrome,
    today: String,
    rows: Vec<Row>,
    overdue: usize,
    accepted: usize,
    can_create: bool,
    units: Vec<String>,
    sources: Vec<SourceOption>,
    signed_in: bool,
}

fn resource(r: &StoredRectification) -> Resource<'_> {
    Resource::Rectification {
        responsible: &r.item.responsible,
        disclosed: r.item.disclosed,
    }
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
        "rectification",
        &q,
        "督察整改台账",
    )
    .await?;
    let items = state.store.rectifications().await?;
    let rows: Vec<Row> = items
        .iter()
        .map(|r| {
            let it = &r.item;
            Row {
                id: r.id,
                source: it.source.label(),
                finding: it.finding.clone(),
                responsible: it.responsible.to_string(),
                deadline: it.deadline.to_string(),
                state: it.state.label(),
                state_css: it.state.code(),
                overdue: it.is_overdue(day),
                evidence: it.evidence.len(),
                disclosed: it.disclosed,
            }
        })
        .collect();
    let who = viewer();
    Ok(ListPage {
        today: day.to_string(),
        overdue: rows.iter().filter(|r| r.overdue).count(),
        accepted: items.iter().filter(|r| r.item.state.is_accepted()).count(),
        rows,
        can_create: may(
            who.as_ref(),
            Action::CreateRectification,
            &Resource::Rectification {
                responsible: &UnitName::new(""),
                disclosed: false,
            },
        ),
        units: unit_names(ledger.plan()),
        sources: FindingSource::ALL
            .iter()
            .map(|s| SourceOption {
                code: s.code(),
                label: s.label(),
            })
            .collect(),
        signed_in: who.is_some(),
        chrome: ledger.chrome_titled("督察整改台账".into()),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct CreateForm {
    source: String,
    finding: String,
    responsible: String,
    #[serde(default)]
    measures: String,
    deadline: String,
}

fn refused(e: RectificationError) -> AppError {
    use RectificationError as E;
    match e {
        E::NotPermitted(d) => AppError::Forbidden(d.to_string()),
        e @ (E::IllegalTransition { .. } | E::NotAccepted(_) | E::AlreadyDisclosed) => {
            AppError::Conflict(e.to_string())
        }
        other => AppError::BadRequest(other.to_string()),
    }
}

pub(crate) async fn create(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(f): Form<CreateForm>,
) -> Result<Response, AppError> {
    actor
        .authorize(
            &state,
            Action::CreateRectification,
            &Resource::Rectification {
                responsible: &UnitName::new(&f.responsible),
                disclosed: false,
            },
            "rectification:new",
        )
        .await?;
    let stored = state.store.plan(None).await?;
    let source = FindingSource::from_code(f.source.trim()).ok_or_else(|| {
        AppError::BadRequest(format!(
            "问题来源“{}”无效，应为 中央督察、省级督察、回头看 或 信访转办 (unknown source)",
            f.source.trim()
        ))
    })?;
    let draft = RectificationDraft {
        source,
        finding: f.finding,
        responsible: resolve_unit(&stored.plan, &f.responsible, "责任单位")?,
        measures: f.measures,
        deadline: form_date(&f.deadline, "整改时限")?,
    };
    let (item, event) =
        create_item(draft, &actor.principal(), state.clock.timestamp()).map_err(refused)?;
    let id = state
        .store
        .create_rectification(&item, &event, &actor.source)
        .await?;
    Ok(Redirect::to(&format!("/rectification/{id}")).into_response())
}

/// Item `id` from the URL.
pub(super) async fn load(state: &AppState, id: &str) -> Result<StoredRectification, AppError> {
    let n = number(id, "整改事项")?;
    state
        .store
        .rectification(n)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("整改事项 #{n} 不存在 (no such item)")))
}

/// Takes `step` on `r` as `actor`: the policy first, then the domain, then the store.
pub(super) async fn take(
    state: &AppState,
    actor: &Actor,
    r: &StoredRectification,
    step: RectificationAction,
    file: Option<&Evidence>,
) -> Result<Response, AppError> {
    let (next, event) =
        apply(&r.item, step, &actor.principal(), state.clock.timestamp()).map_err(refused)?;
    state
        .store
        .save_rectification_step(r.id, &r.item, &next, &event, file, &actor.source)
        .await?;
    Ok(Redirect::to(&format!("/rectification/{}", r.id)).into_response())
}

pub(super) async fn authorize(
    state: &AppState,
    actor: &Actor,
    r: &StoredRectification,
    action: Action,
) -> Result<(), AppError> {
    actor
        .authorize(
            state,
            action,
            &resource(r),
            &format!("rectification:{}", r.id),
        )
        .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct StepForm {
    step: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn step(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    Form(f): Form<StepForm>,
) -> Result<Response, AppError> {
    let r = load(&state, &id).await?;
    let step = match f.step.as_str() {
        "submit" => RectificationAction::Submit,
        "accept" => RectificationAction::Accept,
        "return" => RectificationAction::Return { reason: f.reason },
        "close" => RectificationAction::Close,
        "disclose" => RectificationAction::Disclose,
        other => {
            return Err(AppError::BadRequest(format!(
                "未知操作“{other}” (unknown step)"
            )));
        }
    };
    authorize(&state, &actor, &r, step.action()).await?;
    take(&state, &actor, &r, step, None).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReviseForm {
    #[serde(default)]
    finding: String,
    #[serde(default)]
    deadline: String,
}

pub(crate) async fn revise(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    Form(f): Form<ReviseForm>,
) -> Result<Response, AppError> {
    let r = load(&state, &id).await?;
    authorize(&state, &actor, &r, Action::ReviseRectification).await?;
    let finding = Some(f.finding).filter(|t| !t.trim().is_empty() && t.trim() != r.item.finding);
    let deadline = match f.deadline.trim() {
        "" => None,
        d => Some(form_date(d, "整改时限")?).filter(|d| *d != r.item.deadline),
    };
    if finding.is_none() && deadline.is_none() {
        return Err(AppError::BadRequest(
            "问题描述和整改时限均未改动 (nothing to revise)".into(),
        ));
    }
    take(
        &state,
        &actor,
        &r,
        RectificationAction::Revise { finding, deadline },
        None,
    )
    .await
}

struct FileRow {
    id: i64,
    filename: String,
    size: String,
    by: String,
}

/// What the viewer may do on the item now: each step is tried against the domain's rules.
#[derive(Default)]
struct Can {
    update: bool,
    revise: bool,
    submit: bool,
    decide: bool,
    close: bool,
    disclose: bool,
}

fn can(r: &StoredRectification, who: Option<&Principal>, at: jiff::Timestamp) -> Can {
    let Some(p) = who else {
        return Can::default();
    };
    let ok = |step: RectificationAction| apply(&r.item, step, p, at).is_ok();
    let allowed = |action| may(Some(p), action, &resource(r));
    Can {
        update: ok(RectificationAction::Update {
            measures: None,
            add_evidence: Vec::new(),
            remove_evidence: Vec::new(),
        }),
        revise: ok(RectificationAction::Revise {
            finding: None,
            deadline: None,
        }),
        // Shown while 整改中 even without evidence yet: the refusal explains what is missing.
        submit: allowed(Action::SubmitRectification)
            && r.item.state == RectificationState::InProgress,
        decide: ok(RectificationAction::Accept),
        close: ok(RectificationAction::Close),
        disclose: ok(RectificationAction::Disclose),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sup_rectification.html")]
pub(crate) struct ItemPage {
    chrome: Chrome,
    id: i64,
    source: &'static str,
    finding: String,
    responsible: String,
    measures: String,
    deadline: String,
    state: &'static str,
    state_css: &'static str,
    overdue: bool,
    return_reason: String,
    disclosed: bool,
    may_disclose: bool,
    evidence: Vec<String>,
    files: Vec<FileRow>,
    steps: Vec<StepRow>,
    can: Can,
    signed_in: bool,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Path(id): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<ItemPage, AppError> {
    let r = load(&state, &id).await?;
    let (day, ledger) = open_page(
        &state,
        &identity,
        &resource(&r),
        &format!("rectification:{}", r.id),
        &q,
        "整改事项",
    )
    .await?;
    let owner = format!("rectification:{}", r.id);
    let files = state
        .store
        .evidence_list(&owner)
        .await?
        .into_iter()
        .filter(|f| f.owner == owner)
        .map(|f| FileRow {
            id: f.id,
            filename: f.filename,
            size: format!("{:.1} KB", f.size as f64 / 1024.0),
            by: f.uploaded_by,
        })
        .collect();
    let steps = state
        .store
        .rectification_steps(r.id)
        .await?
        .iter()
        .map(|e| StepRow::of(e, |s| s.label()))
        .collect();
    let who = viewer();
    let it = &r.item;
    Ok(ItemPage {
        chrome: ledger.chrome_titled(format!("整改事项 #{}", r.id)),
        id: r.id,
        source: it.source.label(),
        finding: it.finding.clone(),
        responsible: it.responsible.to_string(),
        measures: it.measures.clone(),
        deadline: it.deadline.to_string(),
        state: it.state.label(),
        state_css: it.state.code(),
        overdue: it.is_overdue(day),
        return_reason: it.return_reason.clone().unwrap_or_default(),
        disclosed: it.disclosed,
        may_disclose: it.may_disclose(),
        evidence: it.evidence.clone(),
        files,
        steps,
        can: can(&r, who.as_ref(), state.clock.timestamp()),
        signed_in: who.is_some(),
    })
}
