//! The web UI of ecogov: server-rendered Chinese pages that work without JavaScript and print.
//!
//! [`app`] builds the router over a [`Store`](ecogov_store::Store); tests drive it in process.
//! Error policy: handlers return [`error::AppError`], which renders a Chinese error page with the
//! right status and logs server-side failures once.

mod assets;
mod auth;
mod chart;
mod error;
mod pages;
mod status;
mod target_view;
mod view;

use axum::Router;
use axum::routing::get;
use ecogov_store::Store;
use jiff::civil::Date;
use std::sync::Arc;

pub use error::AppError;

/// 评估日期 — the date the pages judge progress on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// Today in Beijing time (UTC+8), read at each request.
    Today,
    /// A fixed date (e.g. the demo's).
    Fixed(Date),
}

impl AsOf {
    /// The date this stands for now.
    pub fn date(self) -> Date {
        match self {
            Self::Fixed(d) => d,
            Self::Today => beijing_today(),
        }
    }
}

/// Today's date in Beijing time. China has kept UTC+8 with no daylight saving since 1991.
pub fn beijing_today() -> Date {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    jiff::Timestamp::now().to_zoned_datetime(tz).date()
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The default evaluation date.
    pub as_of: AsOf,
    /// Whether this is the demonstration instance (pages carry a 演示数据 banner).
    pub demo: bool,
}

/// The router with every page.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::overview::show))
        .route("/units", get(pages::units::list))
        .route("/data", get(pages::data::show))
        .route("/water/monthly", get(pages::water::monthly))
        .route("/units/{name}", get(pages::units::show))
        .route("/tasks/{id}", get(pages::tasks::show))
        .route("/targets/{id}", get(pages::targets::show))
        .route("/reports/targets", get(pages::report::page))
        .route("/reports/targets.xlsx", get(pages::report::xlsx))
        .merge(pages::regulation::routes())
        .merge(pages::alerts::routes())
        .route("/assets/app.css", get(assets::css))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(pages::not_found)
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(Arc::new(state))
}
