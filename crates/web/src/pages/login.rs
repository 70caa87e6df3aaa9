//! 登录 — sign-in, sign-out and the password change, by the rules of [`crate::auth`].

use crate::auth::{Identity, cookie, token};
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Extension, Form, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use ecogov_domain::account::AccountStatus;
use ecogov_store::AuditEntry;
use serde::Deserialize;
use std::sync::Arc;

/// The routes of this module.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/login", get(form).post(sign_in))
        .route("/logout", axum::routing::post(sign_out))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    chrome: Chrome,
    next: String,
    message: String,
    username: String,
}

/// Only local paths are followed after signing in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

fn chrome(state: &AppState, title: &str) -> Chrome {
    Chrome {
        page_title: title.to_string(),
        plan_title: "ecogov".to_string(),
        demo: state.demo,
        as_of: state.as_of.date().to_string(),
        keep: String::new(),
    }
}

pub(crate) async fn form(
    State(state): State<Arc<AppState>>,
    Query(q): Query<NextQuery>,
) -> LoginPage {
    LoginPage {
        chrome: chrome(&state, "登录"),
        next: safe_next(q.next.as_deref()),
        message: String::new(),
        username: String::new(),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Credentials {
    username: String,
    password: String,
    next: Option<String>,
}

/// The one message for an unknown account, a wrong password and a disabled account, so the
/// form does not tell which names exist.
const WRONG: &str = "用户名或口令错误 (wrong user name or password)";

pub(crate) async fn sign_in(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    headers: HeaderMap,
    Form(c): Form<Credentials>,
) -> Result<Response, AppError> {
    let next = safe_next(c.next.as_deref());
    let refuse = |message: String| -> Response {
        LoginPage {
            chrome: chrome(&state, "登录"),
            next: next.clone(),
            message,
            username: c.username.clone(),
        }
        .into_response()
    };
    let audit = |action: &'static str, detail: String| {
        let state = state.clone();
        let (name, source) = (c.username.trim().to_string(), identity.source.clone());
        async move {
            state
                .store
                .audit(&AuditEntry {
                    actor: &name,
                    source: &source,
                    action,
                    subject: &format!("account:{name}"),
                    before: "",
                    after: &detail,
                })
                .await
        }
    };
    let now = state.clock.timestamp();
    let Some(account) = state.store.account(&c.username).await? else {
        state.store.spend_password_check(&c.password);
        audit("login.failure", "无此账户 (no such account)".into()).await?;
        return Ok(refuse(WRONG.into()));
    };
    if !account.status.may_sign_in() {
        state.store.spend_password_check(&c.password);
        audit("login.failure", "账户已停用 (disabled)".into()).await?;
        return Ok(refuse(WRONG.into()));
    }
    if account.lockout.is_locked(now) {
        audit("login.locked", "账户锁定中 (locked)".into()).await?;
        let until = account
            .lockout
            .locked_until
            .map(|t| {
                t.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
                    .strftime("%H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        return Ok(refuse(format!(
            "连续登录失败次数过多，账户已锁定至 {until} (account locked)"
        )));
    }
    if !state
        .store
        .password_matches(account.id, &c.password)
        .await?
    {
        let lockout = account.lockout.record_failure(&state.security.lockout, now);
        state.store.save_lockout(account.id, &lockout).await?;
        let left = lockout.attempts_left(&state.security.lockout, now);
        audit(
            "login.failure",
            format!("口令错误，累计 {} 次 (wrong password)", lockout.failures),
        )
        .await?;
        return Ok(refuse(if lockout.is_locked(now) {
            format!(
                "连续 {} 次失败，账户锁定 {} 分钟 (account locked)",
                state.security.lockout.max_failures,
                state.security.lockout.lock_for.as_mins()
            )
        } else {
            format!("{WRONG}；还可尝试 {left} 次")
        }));
    }
    state
        .store
        .save_lockout(account.id, &account.lockout.record_success())
        .await?;
    // A new session id at every sign-in; the old session (if any) ends.
    if let Some(old) = token(&headers) {
        state.store.end_session(&old).await?;
    }
    let fresh = state
        .store
        .start_session(account.id, &identity.source, state.clock.now())
        .await?;
    audit("login.success", account.role.label().to_string()).await?;
    let to = if account.status == AccountStatus::MustChangePassword {
        "/account/password".to_string()
    } else {
        next
    };
    Ok((
        [(header::SET_COOKIE, cookie(&state, Some(&fresh)))],
        Redirect::to(&to),
    )
        .into_response())
}

pub(crate) async fn sign_out(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(t) = token(&headers) {
        state.store.end_session(&t).await?;
    }
    if let Some(u) = identity.user {
        state
            .store
            .audit(&AuditEntry {
                actor: u.account.name.as_str(),
                source: &identity.source,
                action: "logout",
                subject: &format!("account:{}", u.account.name.as_str()),
                before: "",
                after: "",
            })
            .await?;
    }
    Ok((
        [(header::SET_COOKIE, cookie(&state, None))],
        Redirect::to("/login"),
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
pub(crate) struct PasswordPage {
    chrome: Chrome,
    name: String,
    must_change: bool,
    messages: Vec<String>,
}

pub(crate) async fn password_form(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
) -> Result<Response, AppError> {
    let Some(u) = identity.user else {
        return Ok(Redirect::to("/login?next=/account/password").into_response());
    };
    Ok(PasswordPage {
        chrome: chrome(&state, "修改口令"),
        name: u.account.name.as_str().to_string(),
        must_change: u.account.status == AccountStatus::MustChangePassword,
        messages: Vec::new(),
    }
    .into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct NewPassword {
    current: String,
    password: String,
    confirm: String,
}

pub(crate) async fn change_password(
    State(state): State<Arc<AppState>>,
    Extension(identity): Extension<Identity>,
    Form(f): Form<NewPassword>,
) -> Result<Response, AppError> {
    let Some(u) = identity.user else {
        return Err(AppError::Unauthorized);
    };
    let name = u.account.name.as_str().to_string();
    let mut messages = Vec::new();
    if !state
        .store
        .password_matches(u.account.id, &f.current)
        .await?
    {
        messages.push("当前口令不正确 (current password is wrong)".to_string());
    }
    if f.password != f.confirm {
        messages.push("两次输入的新口令不一致 (the new passwords differ)".to_string());
    }
    if f.password == f.current {
        messages.push("新口令不能与当前口令相同 (choose a new password)".to_string());
    }
    if let Err(weak) = state.security.password.check(&name, &f.password) {
        messages.extend(weak.0.iter().map(|p| p.to_string()));
    }
    if !messages.is_empty() {
        return Ok(PasswordPage {
            chrome: chrome(&state, "修改口令"),
            name,
            must_change: u.account.status == AccountStatus::MustChangePassword,
            messages,
        }
        .into_response());
    }
    state
        .store
        .set_password(u.account.id, &f.password, false, &name, Some(&u.token))
        .await?;
    Ok(Redirect::to("/").into_response())
}
