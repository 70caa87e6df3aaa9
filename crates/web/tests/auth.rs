//! Sign-in and sessions through the router (issue 7): lockout, idle and absolute expiry, a new
//! session id at sign-in, cross-site posts refused, the password policy, security headers.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{PASSWORD, World};
use ecogov_domain::authz::AccountRole;

#[tokio::test]
async fn pages_need_a_session_and_the_login_form_posts_username_and_password() {
    let w = World::new().await;
    let r = w.get("/tasks/1.1", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some("/login?next=/tasks/1.1"));
    let form = w.get("/login", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"name="username""#));
    assert!(form.body.contains(r#"name="password""#));
    w.account("shui", "水科", AccountRole::UnitStaff).await;
    let token = w.token("shui").await;
    let page = w.get("/tasks/1.1", Some(&token)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("shui（水科"),
        "the frame names the account"
    );
    // Security headers on every response.
    for h in [
        "x-frame-options",
        "x-content-type-options",
        "content-security-policy",
        "referrer-policy",
    ] {
        assert!(page.headers.contains_key(h), "{h}");
    }
    let cookie = w.login("shui", PASSWORD).await;
    let set = cookie
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let w = World::new().await;
    w.account("qi", "气科", AccountRole::UnitStaff).await;
    for i in 1..=4 {
        let r = w.login("qi", "Wrong#pass1").await;
        assert_eq!(r.status, StatusCode::OK, "attempt {i} shows the form again");
        assert!(r.body.contains("用户名或口令错误"), "{}", r.body);
        assert!(r.cookie.is_none());
    }
    let fifth = w.login("qi", "Wrong#pass1").await;
    assert!(fifth.body.contains("锁定"), "{}", fifth.body);
    // The right password is refused while locked, even a second before the end.
    w.advance(15 * 60 - 1);
    let locked = w.login("qi", PASSWORD).await;
    assert!(locked.cookie.is_none());
    assert!(locked.body.contains("锁定"));
    w.advance(1);
    let ok = w.login("qi", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(ok.cookie.is_some());
    // Unknown accounts get the same message as a wrong password.
    let unknown = w.login("nobody", PASSWORD).await;
    assert!(unknown.body.contains("用户名或口令错误"));
    let events = w.state.store.audit_events(50).await.expect("audit");
    let failures = events
        .iter()
        .filter(|e| e.action == "login.failure")
        .count();
    assert_eq!(failures, 5 + 1, "each failure is audited");
    assert!(events.iter().any(|e| e.action == "login.locked"));
}

#[tokio::test]
async fn sessions_end_after_thirty_idle_minutes_or_twelve_hours() {
    let w = World::new().await;
    w.account("tu", "土科", AccountRole::UnitStaff).await;
    let idle = w.token("tu").await;
    w.advance(29 * 60);
    assert_eq!(w.get("/", Some(&idle)).await.status, StatusCode::OK);
    w.advance(30 * 60);
    let r = w.get("/", Some(&idle)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "idle for 30 minutes");
    // Active every 20 minutes: alive before 12 hours, ended at 12 hours.
    let busy = w.token("tu").await;
    for _ in 0..35 {
        w.advance(20 * 60);
        assert_eq!(w.get("/units", Some(&busy)).await.status, StatusCode::OK);
    }
    w.advance(20 * 60); // 36 × 20 min = 12 h
    assert_eq!(
        w.get("/units", Some(&busy)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn signing_in_gives_a_new_session_id_and_ends_the_old_one() {
    let w = World::new().await;
    w.account("sheng", "生态科", AccountRole::UnitStaff).await;
    let first = w.token("sheng").await;
    let again = w
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("ecogov_session={first}"))
                .body(Body::from(format!(
                    "username=sheng&password={}&next=%2F",
                    common::encode(PASSWORD)
                )))
                .expect("request"),
        )
        .await;
    let second = again.cookie.expect("new cookie");
    assert_ne!(first, second);
    assert_eq!(w.get("/", Some(&first)).await.status, StatusCode::SEE_OTHER);
    assert_eq!(w.get("/", Some(&second)).await.status, StatusCode::OK);
    // Signing out ends the session.
    w.post("/logout", Some(&second), &[]).await;
    assert_eq!(
        w.get("/", Some(&second)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let w = World::new().await;
    w.account("du", "督察办", AccountRole::Inspectorate).await;
    let token = w.token("du").await;
    let r = w
        .send(
            Request::post("/tasks/1.1/step")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("ecogov_session={token}"))
                .header("sec-fetch-site", "cross-site")
                .header(header::ORIGIN, "http://evil.example")
                .header(header::HOST, "ecogov.local")
                .body(Body::from("step=accept"))
                .expect("request"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        w.state
            .store
            .task_steps(1, &ecogov_domain::task::TaskId::new(1, 1))
            .await
            .expect("steps")
            .is_empty()
    );
}

#[tokio::test]
async fn a_new_account_must_change_its_password_by_the_policy() {
    let w = World::new().await;
    let store = &w.state.store;
    store
        .add_account(
            &ecogov_domain::account::AccountId::parse("new").expect("id"),
            &ecogov_domain::unit::UnitName::new("水科"),
            AccountRole::UnitStaff,
            PASSWORD,
            "test",
        )
        .await
        .expect("add");
    let r = w.login("new", PASSWORD).await;
    assert_eq!(r.location.as_deref(), Some("/account/password"));
    let token = r.cookie.expect("cookie");
    assert_eq!(
        w.get("/", Some(&token)).await.location.as_deref(),
        Some("/account/password"),
        "every page sends it to the password form first"
    );
    let weak = w
        .post(
            "/account/password",
            Some(&token),
            &[
                ("current", PASSWORD),
                ("password", "abcdefgh"),
                ("confirm", "abcdefgh"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::OK);
    assert!(weak.body.contains("至少 3 类"), "{}", weak.body);
    let same_as_name = w
        .post(
            "/account/password",
            Some(&token),
            &[
                ("current", PASSWORD),
                ("password", "new"),
                ("confirm", "new"),
            ],
        )
        .await;
    assert!(same_as_name.body.contains("长度"), "{}", same_as_name.body);
    let good = w
        .post(
            "/account/password",
            Some(&token),
            &[
                ("current", PASSWORD),
                ("password", "Hj!river2024"),
                ("confirm", "Hj!river2024"),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert_eq!(w.get("/", Some(&token)).await.status, StatusCode::OK);
    assert_eq!(
        w.login("new", "Hj!river2024").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_public_sees_public_links_only() {
    let w = World::new().await;
    let page = w.get("/public/rectification", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"href="/public/draws""#));
    assert!(
        !page.body.contains(r#"href="/regulation""#),
        "no staff links"
    );
    w.account("shui", "水科", AccountRole::UnitStaff).await;
    let token = w.token("shui").await;
    let staff = w.get("/public/rectification", Some(&token)).await;
    assert!(staff.body.contains(r#"href="/regulation""#));
}
