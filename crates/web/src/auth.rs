//! 身份与会话 — who is making a request, and the sign-in rules of 等保 2.0 第三级
//! (GB/T 22239-2019 8.1.4.1 身份鉴别): argon2id passwords, lockout after repeated failures, idle
//! and absolute session expiry, a new session id at every sign-in, HttpOnly SameSite cookies.
//!
//! [`identify`] runs on every request: it resolves the session cookie (ending an expired
//! session), records the client address, and makes the signed-in account visible to the page
//! frame through a task-local. [`require_staff`] guards the bureau's pages. [`Actor`] is the
//! extractor of every state-changing handler: it refuses anonymous requests, and
//! [`Actor::authorize`] applies the domain policy and audits a refusal.

use crate::{AppError, AppState};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use ecogov_domain::account::{AccountStatus, SessionState};
use ecogov_domain::authz::{Action, Principal, Resource, authorize};
use ecogov_store::{Account, AuditEntry};
use std::net::SocketAddr;
use std::sync::Arc;

/// The session cookie.
pub(crate) const COOKIE: &str = "ecogov_session";

/// A signed-in account and its session token.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub account: Account,
    pub token: String,
}

/// What [`identify`] learnt about the request.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub user: Option<Arc<SignedIn>>,
    /// The client's address (`-` when unknown, e.g. in tests).
    pub source: String,
}

tokio::task_local! {
    /// The account of the request being served, for the page frame.
    pub(crate) static CURRENT: Option<Arc<SignedIn>>;
}

/// The signed-in account of the request being served, if any.
pub(crate) fn current() -> Option<Arc<SignedIn>> {
    CURRENT.try_with(Clone::clone).ok().flatten()
}

/// The session token in the request's cookies.
pub(crate) fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The cookie that carries `token` (empty and expired to clear it).
pub(crate) fn cookie(state: &AppState, token: Option<&str>) -> String {
    let secure = if state.security.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(t) => format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict{secure}"),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

fn client(req: &Request) -> String {
    req.extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "-".to_string())
}

async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<Option<SignedIn>, AppError> {
    let Some(token) = token(headers) else {
        return Ok(None);
    };
    let Some(s) = state.store.session(&token).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    let ts = |secs| jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let live = state
        .security
        .session
        .session_state(ts(s.created_at), ts(s.last_seen), ts(now));
    if live != SessionState::Active || !s.account.status.may_sign_in() {
        state.store.end_session(&token).await?;
        return Ok(None);
    }
    state.store.touch_session(&token, now).await?;
    Ok(Some(SignedIn {
        account: s.account,
        token,
    }))
}

/// Middleware on every route: resolves the session and the client address.
pub(crate) async fn identify(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    // The stylesheet and the health check need no account: no session read or write for them.
    let path = req.uri().path();
    if path.starts_with("/assets/") || path == "/healthz" {
        return next.run(req).await;
    }
    let user = match resolve(&state, req.headers()).await {
        Ok(u) => u.map(Arc::new),
        Err(e) => return e.into_response(),
    };
    let source = client(&req);
    req.extensions_mut().insert(Identity {
        user: user.clone(),
        source,
    });
    CURRENT.scope(user, next.run(req)).await
}

/// Middleware on the bureau's pages: signed-in accounts only (unless the instance shows its
/// ledger openly, as the demo does), and an account that must change its password goes to the
/// password page first.
pub(crate) async fn require_staff(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let identity = req.extensions().get::<Identity>().cloned();
    match identity.and_then(|i| i.user) {
        Some(u) if u.account.status == AccountStatus::MustChangePassword => {
            Redirect::to("/account/password").into_response()
        }
        Some(_) => next.run(req).await,
        None if state.security.open_ledger => next.run(req).await,
        None => {
            let path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            let next_q: String = path
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            Redirect::to(&format!("/login?next={next_q}")).into_response()
        }
    }
}

/// The signed-in account making a state-changing request. Anonymous requests are refused.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    pub user: Arc<SignedIn>,
    pub source: String,
}

impl Actor {
    /// The account name, as recorded in the audit trail.
    pub fn name(&self) -> &str {
        self.user.account.name.as_str()
    }

    /// The account as the domain's policy sees it.
    pub fn principal(&self) -> Principal {
        let a = &self.user.account;
        Principal::account(a.name.clone(), a.unit.clone(), a.role)
    }

    /// Applies the policy (deny by default, [`authorize`]) and the account status; a refusal is
    /// recorded in the audit trail and shown as 403.
    pub async fn authorize(
        &self,
        state: &AppState,
        action: Action,
        resource: &Resource<'_>,
        subject: &str,
    ) -> Result<(), AppError> {
        let denied = if !self.user.account.status.permits(action) {
            Some("账户状态不允许此操作 (account status does not permit this)".to_string())
        } else {
            match authorize(&self.principal(), action, resource).into_result() {
                Ok(()) => None,
                Err(e) => Some(e.to_string()),
            }
        };
        let Some(reason) = denied else {
            return Ok(());
        };
        state
            .store
            .audit(&AuditEntry {
                actor: self.name(),
                source: &self.source,
                action: "access.denied",
                subject,
                before: action.code(),
                after: &reason,
            })
            .await?;
        Err(AppError::Forbidden(reason))
    }
}

impl FromRequestParts<Arc<AppState>> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let identity = parts.extensions.get::<Identity>().cloned();
        match identity {
            Some(Identity {
                user: Some(user),
                source,
            }) => Ok(Actor { user, source }),
            _ => Err(AppError::Unauthorized),
        }
    }
}
