//! A signed-in client for the router: accounts, sign-in, cookies, forms, a hand-set clock.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::AccountRole;
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::unit::UnitName;
use ecogov_store::Store;
use ecogov_web::{AppState, AsOf, Clock, app};
use http_body_util::BodyExt;
use jiff::civil::Date;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use tower::ServiceExt;

pub const PLAN: &str = include_str!("../../../../plans/qianjiang-2023.toml");

/// The password every test account gets (meets the policy).
pub const PASSWORD: &str = "Qj#2023water";

/// 2023-09-30 08:00 Beijing time, in Unix seconds.
pub const START: i64 = 1_696_032_000;

pub struct World {
    pub state: AppState,
    pub clock: Arc<AtomicI64>,
}

impl World {
    /// An in-memory store with the built-in plan, sign-in required, the clock at [`START`].
    pub async fn new() -> Self {
        let store = Store::open("sqlite::memory:", true).await.expect("store");
        let plan = parse_plan(PLAN).expect("plan");
        store
            .install_plan(&plan, PLAN, "test")
            .await
            .expect("install");
        let clock = Arc::new(AtomicI64::new(START));
        let mut state = AppState::new(store, AsOf::Fixed(Date::constant(2023, 9, 30)), false);
        state.clock = Clock::Manual(clock.clone());
        Self { state, clock }
    }

    pub fn router(&self) -> Router {
        app(self.state.clone())
    }

    pub fn advance(&self, seconds: i64) {
        self.clock.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Adds an active account (its password already changed) and returns its row id.
    pub async fn account(&self, name: &str, unit: &str, role: AccountRole) -> i64 {
        let store = &self.state.store;
        let a = store
            .add_account(
                &AccountId::parse(name).expect("name"),
                &UnitName::new(unit),
                role,
                PASSWORD,
                "test",
            )
            .await
            .expect("add");
        store
            .set_password(a.id, PASSWORD, false, "test", None)
            .await
            .expect("activate");
        a.id
    }

    /// Sends a request and returns the status, the `Set-Cookie` token (if any), the
    /// `Location`, and the body.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router().oneshot(req).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            cookie: headers
                .get(header::SET_COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .and_then(|kv| kv.split_once('='))
                .map(|(_, v)| v.to_string()),
            location: headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut req = Request::get(path);
        if let Some(t) = token {
            req = req.header(header::COOKIE, format!("ecogov_session={t}"));
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// A same-origin form post.
    pub async fn post(&self, path: &str, token: Option<&str>, form: &[(&str, &str)]) -> Reply {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(t) = token {
            req = req.header(header::COOKIE, format!("ecogov_session={t}"));
        }
        self.send(req.body(Body::from(body.join("&"))).expect("request"))
            .await
    }

    /// A same-origin `multipart/form-data` post, as a browser sends it: the text `fields`, then
    /// the optional file `(name, bytes)` as the field `file`.
    pub async fn post_multipart(
        &self,
        path: &str,
        token: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Reply {
        let b = "XyZboundary42";
        let mut body = Vec::new();
        for (k, v) in fields {
            body.extend(
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                    .bytes(),
            );
        }
        if let Some((name, bytes)) = file {
            body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").bytes());
            body.extend_from_slice(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{b}--\r\n").bytes());
        self.send(
            Request::post(path)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={b}"),
                )
                .header(header::COOKIE, format!("ecogov_session={token}"))
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// Signs in and returns the session token.
    pub async fn login(&self, name: &str, password: &str) -> Reply {
        self.post(
            "/login",
            None,
            &[("username", name), ("password", password), ("next", "/")],
        )
        .await
    }

    pub async fn token(&self, name: &str) -> String {
        let r = self.login(name, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.cookie.expect("session cookie")
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub cookie: Option<String>,
    pub location: Option<String>,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// `application/x-www-form-urlencoded` encoding.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
