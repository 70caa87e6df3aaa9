//! 督办与整改页面 — 督办通知, the 督察整改 ledger and the 台账 downloads (issue 7).
//!
//! Every state-changing action goes through [`Actor::authorize`] (the domain's policy; a refusal
//! is audited and shown as 403) before anything else is read from the form, and then through the
//! domain's own step function, which checks the state and the input; the store saves the step
//! only if the row still holds the state the step was decided on. Reading: a signed-in account
//! needs [`Action::ViewLedger`] on what it reads (unit staff see only the notices addressed to
//! their unit); without an account these pages are reachable only on an instance that shows its
//! ledger openly (the demo), read-only.
//!
//! Reminders and escalations are judged on today's date in China (`china_date` of the clock), or
//! on `?as_of=` when given.

mod evidence_upload;
mod exports;
mod notices;
mod rectifications;

use crate::auth::{Actor, Identity};
use crate::view::{AsOfQuery, Ledger};
use crate::{AppError, AppState};
use axum::Router;
use axum::routing::{get, post};
use ecogov_domain::authz::{Action, Principal, Resource, authorize};
use ecogov_domain::plan::Plan;
use ecogov_domain::progress::parse_date;
use ecogov_domain::supervision::china_date;
use ecogov_domain::unit::UnitName;
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

/// The routes of this module (staff only).
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/supervision", get(notices::list))
        .route("/supervision/notices", post(notices::issue))
        .route("/supervision/notices/{id}", get(notices::show))
        .route("/supervision/notices/{id}/reply", post(notices::reply))
        .route("/supervision/notices/{id}/close", post(notices::close))
        .route(
            "/rectification",
            get(rectifications::list).post(rectifications::create),
        )
        .route("/rectification/{id}", get(rectifications::show))
        .route("/rectification/{id}/update", post(evidence_upload::update))
        .route("/rectification/{id}/revise", post(rectifications::revise))
        .route("/rectification/{id}/step", post(rectifications::step))
        .route("/exports/tasks.xlsx", get(exports::tasks))
        .route("/exports/notices.xlsx", get(exports::notices))
        .route("/exports/rectifications.xlsx", get(exports::rectifications))
}

/// `?as_of=YYYY-MM-DD`: the day reminders and overdue marks are judged on.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DayQuery {
    pub as_of: Option<String>,
}

/// The day to judge on: `?as_of=` if given, else the instance's evaluation date (the demo's
/// fixed date), else today in China by the clock.
pub(crate) fn today(state: &AppState, q: &DayQuery) -> Result<Date, AppError> {
    match q.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => parse_date(text).ok_or_else(|| {
            AppError::BadRequest(format!("日期“{text}”无效，应为 YYYY-MM-DD (bad date)"))
        }),
        None => Ok(match state.as_of {
            crate::AsOf::Fixed(d) => d,
            crate::AsOf::Today => china_date(state.clock.timestamp()),
        }),
    }
}

/// The signed-in account as the policy sees it, or `None` (the open ledger).
pub(crate) fn viewer() -> Option<Principal> {
    crate::auth::current().and_then(|u| {
        let a = &u.account;
        a.status
            .may_sign_in()
            .then(|| Principal::account(a.name.clone(), a.unit.clone(), a.role))
    })
}

/// Whether `who` may take `action` on `resource` (for showing or hiding forms).
pub(crate) fn may(who: Option<&Principal>, action: Action, resource: &Resource<'_>) -> bool {
    who.is_some_and(|p| authorize(p, action, resource).is_allowed())
}

/// Whether the viewer may read `resource` (everyone may on the open ledger).
pub(crate) fn may_view(who: Option<&Principal>, resource: &Resource<'_>) -> bool {
    who.is_none_or(|p| authorize(p, Action::ViewLedger, resource).is_allowed())
}

/// Checks a reading action for a signed-in account through the policy (a refusal is audited
/// and shown as 403); the open ledger's anonymous reader passes.
pub(crate) async fn check_read(
    state: &AppState,
    identity: &Identity,
    action: Action,
    resource: &Resource<'_>,
    subject: &str,
) -> Result<(), AppError> {
    match &identity.user {
        Some(user) => {
            Actor {
                user: user.clone(),
                source: identity.source.clone(),
            }
            .authorize(state, action, resource, subject)
            .await
        }
        None => Ok(()),
    }
}

/// Opens a reading page: the policy's [`Action::ViewLedger`] check on `resource` (see
/// [`check_read`]), then the day to judge on and the ledger titled `title`.
pub(crate) async fn open_page(
    state: &AppState,
    identity: &Identity,
    resource: &Resource<'_>,
    subject: &str,
    q: &DayQuery,
    title: &str,
) -> Result<(Date, Ledger), AppError> {
    check_read(state, identity, Action::ViewLedger, resource, subject).await?;
    let day = today(state, q)?;
    let ledger = Ledger::load(
        state,
        &AsOfQuery {
            as_of: q.as_of.clone(),
        },
        title,
    )
    .await?;
    Ok((day, ledger))
}

/// The bureau's own units (科室 and 直属单位), canonical names, for the unit selects.
pub(crate) fn unit_names(plan: &Plan) -> Vec<String> {
    plan.units
        .all()
        .iter()
        .filter(|u| u.kind.is_internal())
        .map(|u| u.name.as_str().to_string())
        .collect()
}

/// Resolves a unit written in a form to its canonical name; only the bureau's own units.
pub(crate) fn resolve_unit(plan: &Plan, written: &str, what: &str) -> Result<UnitName, AppError> {
    let written = written.trim();
    plan.units
        .resolve(written)
        .filter(|u| u.kind.is_internal())
        .map(|u| u.name.clone())
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "{what}“{written}”不是本局的科室或直属单位 (unknown unit)；可选：{}",
                unit_names(plan).join("、")
            ))
        })
}

/// Parses a form's date field.
pub(crate) fn form_date(text: &str, what: &str) -> Result<Date, AppError> {
    parse_date(text.trim()).ok_or_else(|| {
        AppError::BadRequest(format!(
            "{what}“{}”无效，应为 YYYY-MM-DD (bad date)",
            text.trim()
        ))
    })
}

/// Parses the number in a URL.
pub(crate) fn number(id: &str, what: &str) -> Result<i64, AppError> {
    id.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| AppError::NotFound(format!("{what}“{id}”不存在 (no such record)")))
}

/// A moment as `YYYY-MM-DD HH:MM` in China.
pub(crate) fn china_time(at: jiff::Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// One recorded step of a workflow, ready to show.
pub(crate) struct StepRow {
    pub at: String,
    pub who: String,
    pub action: &'static str,
    pub to: &'static str,
    pub reason: String,
}

impl StepRow {
    pub fn of<S>(
        e: &ecogov_domain::acceptance::WorkflowEvent<S>,
        label: impl Fn(&S) -> &'static str,
    ) -> Self {
        Self {
            at: china_time(e.at),
            who: format!("{}（{}）", e.actor.as_str(), e.unit.as_str()),
            action: e.action.label(),
            to: label(&e.to),
            reason: e.reason.clone().unwrap_or_default(),
        }
    }
}
