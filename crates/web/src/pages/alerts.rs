//! 预警与通报页面 — warnings, alerts, the inbox, eco-compensation, the public page (issue 9).
//!
//! Public (no sign-in): `/public/bulletin` — the latest monthly cross-boundary bulletin and the
//! city's current air quality (with the warning in force). Staff: `/alerts` (warning status,
//! forecasts, log, measures, water alerts), `/alerts/inbox?unit=…` with the POST forms
//! `/alerts/inbox/{id}/read` and `/alerts/inbox/{id}/ack`, `/alerts/compensation` and
//! `/alerts/compensation/{id}?period=2023-Q2`.

mod compensation;
mod hub;
mod inbox;
mod public;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;

/// Pages anyone may see without signing in (public bulletins).
pub(crate) fn public_routes() -> Router<Arc<AppState>> {
    Router::new().route("/public/bulletin", get(public::bulletin))
}

/// Pages and form posts for the bureau's staff (behind the sign-in).
pub(crate) fn staff_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/alerts", get(hub::page))
        .route("/alerts/inbox", get(inbox::page))
        .route("/alerts/inbox/{id}/read", post(inbox::read))
        .route("/alerts/inbox/{id}/ack", post(inbox::ack))
        .route("/alerts/compensation", get(compensation::list))
        .route("/alerts/compensation/{id}", get(compensation::show))
}
