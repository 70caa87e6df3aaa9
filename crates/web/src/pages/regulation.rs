//! 监管业务页面 — enterprises, draws (with the public verification page), inspections, diesel checks, outfalls, petitions (issue 8).
//!
//! Public (no sign-in): `/public/draws`, `/public/draws/{id}`, `/public/draws/verify` (GET form,
//! POST check — changes nothing), `/public/inspections`. Staff: `/regulation` and the ledgers
//! under it; every state change is a POST form taking the signed-in [`crate::auth::Actor`].

mod draws;
mod ledgers;
mod outfalls;
mod petitions;
mod public;

use crate::auth::Actor;
use crate::view::Chrome;
use crate::{AppError, AppState};
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ecogov_domain::authz::{Action, Resource};
use ecogov_domain::progress::parse_date;
use ecogov_store::StoreError;
use jiff::civil::Date;
use std::sync::Arc;

/// Pages anyone may see without signing in (一公开 results, public bulletins).
pub(crate) fn public_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/public/draws", get(public::draws))
        .route(
            "/public/draws/verify",
            get(public::verify_form).post(public::verify),
        )
        .route("/public/draws/{id}", get(public::draw))
        .route("/public/inspections", get(public::inspections))
}

/// Pages and form posts for the bureau's staff (issue 7 puts them behind the login).
pub(crate) fn staff_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/regulation", get(ledgers::hub))
        .route("/regulation/enterprises", get(ledgers::enterprises))
        .route(
            "/regulation/enterprises.xlsx",
            get(ledgers::enterprises_xlsx),
        )
        .route("/regulation/draws", get(draws::list).post(draws::plan))
        .route("/regulation/draws/{id}/commit", post(draws::commit))
        .route("/regulation/draws/{id}/run", post(draws::run))
        .route("/regulation/draws/{id}/reveal", post(draws::reveal))
        .route(
            "/regulation/inspections",
            get(ledgers::inspections).post(ledgers::record_inspection),
        )
        .route(
            "/regulation/diesel",
            get(ledgers::diesel).post(ledgers::add_diesel),
        )
        .route("/regulation/diesel.xlsx", get(ledgers::diesel_xlsx))
        .route(
            "/regulation/outfalls",
            get(outfalls::list).post(outfalls::add),
        )
        .route("/regulation/outfalls.xlsx", get(outfalls::xlsx))
        .route(
            "/regulation/outfalls/{code}/measure",
            post(outfalls::measure),
        )
        .route("/regulation/outfalls/{code}/done", post(outfalls::done))
        .route(
            "/regulation/outfalls/{code}/advance",
            post(outfalls::advance),
        )
        .route(
            "/regulation/petitions",
            get(petitions::list).post(petitions::register),
        )
        .route("/regulation/petitions.xlsx", get(petitions::xlsx))
        .route(
            "/regulation/petitions/{id}/advance",
            post(petitions::advance),
        )
}

/// The page frame of these pages: the plan's title when a plan is installed.
pub(super) async fn chrome(state: &AppState, title: &str) -> Result<Chrome, AppError> {
    let plan_title = match state.store.plan(None).await {
        Ok(p) => p.plan.title,
        Err(StoreError::NoPlan(_)) => "潜江市生态环境局".to_string(),
        Err(e) => return Err(e.into()),
    };
    Ok(Chrome {
        page_title: title.to_string(),
        plan_title,
        demo: state.demo,
        as_of: state.as_of.date().to_string(),
        keep: String::new(),
    })
}

/// A refusal of the store (bad input, wrong state) as 400 with its message; other failures as
/// they are.
pub(super) fn refused(e: StoreError) -> AppError {
    match e {
        StoreError::Rejected(m) | StoreError::Conflict(m) => AppError::BadRequest(m),
        e => e.into(),
    }
}

/// A bad form field as 400.
pub(super) fn bad(message: impl Into<String>) -> AppError {
    AppError::BadRequest(message.into())
}

/// Checks through the policy that `actor` may record regulatory work (监管业务记录) on the
/// ledger `subject` (a refusal is audited and shown as 403).
pub(super) async fn authorize_record(
    state: &AppState,
    actor: &Actor,
    subject: &str,
) -> Result<(), AppError> {
    actor
        .authorize(
            state,
            Action::RecordRegulatoryWork,
            &Resource::System,
            subject,
        )
        .await
}

/// A form's date field named `field` (日期, 登记日期, …); a bad one as 400.
pub(super) fn form_day(text: &str, field: &str) -> Result<Date, AppError> {
    parse_date(text).ok_or_else(|| bad(format!("{field}“{text}”无效 (bad date)")))
}

/// A form's optional text: `None` when blank.
pub(super) fn optional(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.trim().is_empty())
}

/// A workbook download.
pub(super) fn workbook(name: &str, bytes: Result<Vec<u8>, String>) -> Result<Response, AppError> {
    let bytes = bytes.map_err(AppError::Export)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Unix seconds as Beijing time `YYYY-MM-DD HH:MM`.
pub(super) fn beijing(seconds: i64) -> String {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    jiff::Timestamp::from_second(seconds)
        .map(|t| {
            t.to_zoned_datetime(tz)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}
