//! The web UI of ecogov: server-rendered Chinese pages that work without JavaScript and print.
//!
//! [`app`] builds the router over a [`Store`](ecogov_store::Store); tests drive it in process.
//! Error policy: handlers return [`error::AppError`], which renders a Chinese error page with the
//! right status and logs server-side failures once.

mod assets;
mod auth;
mod chart;
mod error;
mod headers;
mod pages;
mod status;
mod target_view;
mod view;

use axum::Router;
use axum::routing::get;
use ecogov_domain::account::{LockoutPolicy, PasswordPolicy, SessionPolicy};
use ecogov_store::Store;
use jiff::civil::Date;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

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

/// 时钟 — the time sessions and sign-ins are judged by (a hand-set clock in tests).
#[derive(Debug, Clone)]
pub enum Clock {
    /// The system clock.
    System,
    /// Unix seconds set by hand.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        match self {
            Self::System => jiff::Timestamp::now().as_second(),
            Self::Manual(t) => t.load(Ordering::SeqCst),
        }
    }

    /// Now, as a timestamp.
    pub fn timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_second(self.now()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }
}

/// 安全策略 — the sign-in rules (defaults: GB/T 22239-2019 第三级 expectations, issue 7).
#[derive(Debug, Clone)]
pub struct Security {
    /// Password rules.
    pub password: PasswordPolicy,
    /// Lockout after failures.
    pub lockout: LockoutPolicy,
    /// Idle and absolute session limits.
    pub session: SessionPolicy,
    /// Whether the bureau's pages may be read without signing in (the demo: read-only).
    pub open_ledger: bool,
    /// Whether the cookie is marked `Secure` (behind HTTPS).
    pub secure_cookie: bool,
}

impl Security {
    /// The defaults: 8+ characters of 3 classes, 5 failures lock 15 minutes, sessions end after
    /// 30 idle minutes or 12 hours; sign-in required.
    pub fn standard() -> Self {
        Self {
            password: PasswordPolicy::default(),
            lockout: LockoutPolicy::default(),
            session: SessionPolicy::default(),
            open_ledger: false,
            secure_cookie: false,
        }
    }
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
    /// Sign-in rules.
    pub security: Security,
    /// The clock of sessions and sign-ins.
    pub clock: Clock,
}

impl AppState {
    /// A state with the standard security and the system clock; the demo shows its ledger
    /// without signing in (read-only: every change still needs an account).
    pub fn new(store: Store, as_of: AsOf, demo: bool) -> Self {
        let mut security = Security::standard();
        security.open_ledger = demo;
        Self {
            store,
            as_of,
            demo,
            security,
            clock: Clock::System,
        }
    }
}

/// The router with every page: the bureau's pages behind [`auth::require_staff`], the sign-in
/// pages and public pages open; every request identified, cross-site posts refused
/// (Sec-Fetch-Site/Origin, tower-http `CsrfLayer`), security headers on every response.
pub fn app(state: AppState) -> Router {
    let state = Arc::new(state);
    let staff = Router::new()
        .route("/", get(pages::overview::show))
        .route("/units", get(pages::units::list))
        .route("/data", get(pages::data::show))
        .route("/water/monthly", get(pages::water::monthly))
        .route("/units/{name}", get(pages::units::show))
        .route("/tasks/{id}", get(pages::tasks::show))
        .route("/targets/{id}", get(pages::targets::show))
        .route("/reports/targets", get(pages::report::page))
        .route("/reports/targets.xlsx", get(pages::report::xlsx))
        .merge(pages::workflow::routes())
        .merge(pages::supervision::routes())
        .merge(pages::regulation::staff_routes())
        .merge(pages::alerts::staff_routes())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_staff,
        ));
    Router::new()
        .merge(staff)
        .merge(pages::regulation::public_routes())
        .merge(pages::alerts::public_routes())
        .merge(pages::public_rectification::routes())
        .merge(pages::login::routes())
        .route("/assets/app.css", get(assets::css))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::identify,
        ))
        .layer(tower_http::csrf::CsrfLayer::new())
        .layer(headers::layer())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
