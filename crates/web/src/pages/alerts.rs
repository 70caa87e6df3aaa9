//! 预警与通报页面 — warnings, alerts, the inbox, eco-compensation, the public page (issue 9).

use crate::AppState;
use axum::Router;
use std::sync::Arc;

/// The routes of this module: [`public_routes`] and [`staff_routes`] together.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    public_routes().merge(staff_routes())
}

/// Pages anyone may see without signing in (一公开 results, public bulletins).
pub(crate) fn public_routes() -> Router<Arc<AppState>> {
    Router::new()
}

/// Pages and form posts for the bureau's staff (issue 7 puts them behind the login).
pub(crate) fn staff_routes() -> Router<Arc<AppState>> {
    Router::new()
}
