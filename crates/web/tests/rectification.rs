//! The 督察整改 path through the web (issue 7): disclosure before acceptance refused, bad
//! evidence refused, create → update+evidence → submit → return(reason) → submit → accept →
//! 销号 → 公开 in the audit trail; and the 台账 downloads.

mod common;
mod sup_common;

use axum::http::{StatusCode, header};
use common::World;
use ecogov_domain::authz::AccountRole;
use sup_common::{item, notice, update};

#[tokio::test]
async fn the_whole_rectification_path_is_in_the_audit_trail() {
    let w = World::new().await;
    w.account("du", "督察办", AccountRole::Inspectorate).await;
    w.account("shui", "水科", AccountRole::UnitStaff).await;
    let du = w.token("du").await;
    let shui = w.token("shui").await;
    let r = w
        .post(
            "/rectification",
            Some(&du),
            &[
                ("source", "look_back"),
                ("finding", "通顺河沿岸垃圾堆放"),
                ("responsible", "水科"),
                ("deadline", "2023-11-30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let path = r.location.expect("location");
    let id: i64 = path
        .trim_start_matches("/rectification/")
        .parse()
        .expect("id");
    let post_step = |token: String, s: &'static str, reason: &'static str| {
        let w = &w;
        let path = path.clone();
        async move {
            w.post(
                &format!("{path}/step"),
                Some(&token),
                &[("step", s), ("reason", reason)],
            )
            .await
        }
    };
    // Disclosure before acceptance is refused; nothing changes.
    let r = post_step(du.clone(), "disclose", "").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body.contains("只有已验收的整改事项可以公开"),
        "{}",
        r.body
    );
    // Submitting without evidence is refused.
    let r = post_step(shui.clone(), "submit", "").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    // A file that is not what its name says is refused; nothing is kept.
    let r = update(&w, &shui, id, "清运垃圾", Some(("现场.pdf", b"MZ\x90\x00"))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("内容与扩展名不符"), "{}", r.body);
    let r = update(
        &w,
        &shui,
        id,
        "清运垃圾并设置围挡",
        Some(("现场照片.pdf", b"%PDF-1.7 a")),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        post_step(shui.clone(), "submit", "").await.status,
        StatusCode::SEE_OTHER
    );
    let r = post_step(du.clone(), "return", " ").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "a return needs a reason");
    let r = post_step(du.clone(), "return", "缺少验收监测报告").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = w.get(&path, Some(&shui)).await;
    assert!(page.body.contains("缺少验收监测报告"), "{}", page.body);
    let r = update(&w, &shui, id, "", Some(("监测报告.pdf", b"%PDF-1.4 b"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for (token, s) in [
        (&shui, "submit"),
        (&du, "accept"),
        (&du, "close"),
        (&du, "disclose"),
    ] {
        let r = post_step(token.clone(), s, "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{s}: {}", r.body);
    }
    let stored = w
        .state
        .store
        .rectification(id)
        .await
        .expect("read")
        .expect("exists");
    assert!(stored.item.disclosed);
    assert_eq!(stored.item.evidence, ["现场照片.pdf", "监测报告.pdf"]);
    // The public sees it without signing in.
    let public = w.get("/public/rectification", None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public.body.contains(stored.item.finding.as_str()),
        "{}",
        public.body
    );
    let page = w.get(&path, Some(&du)).await;
    assert!(page.body.contains("已销号") && page.body.contains("已向社会公开"));
    assert_eq!(
        page.body.matches("/evidence/").count(),
        2,
        "both files listed"
    );
    let subject = format!("rectification:{id}");
    let mut trail: Vec<(String, String)> = w
        .state
        .store
        .audit_events(500)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.subject == subject && e.action != "access.denied")
        .map(|e| (e.action, e.actor))
        .collect();
    trail.reverse();
    let expected: Vec<(String, String)> = [
        ("create_rectification", "du"),
        ("update_rectification", "shui"),
        ("submit_rectification", "shui"),
        ("return_rectification", "du"),
        ("update_rectification", "shui"),
        ("submit_rectification", "shui"),
        ("accept_rectification", "du"),
        ("close_rectification", "du"),
        ("disclose_rectification", "du"),
    ]
    .map(|(a, who)| (format!("rectification.{a}"), who.to_string()))
    .to_vec();
    assert_eq!(trail, expected);
    w.state.store.verify_audit().await.expect("chain verifies");
    let list = w.get("/rectification", Some(&shui)).await;
    assert!(list.body.contains("通顺河沿岸垃圾堆放") && list.body.contains("已公开"));
}

#[tokio::test]
async fn ledger_downloads_are_workbooks_for_staff_and_refused_to_the_administrator() {
    let w = World::new().await;
    w.account("leader", "办公室", AccountRole::Leadership).await;
    w.account("admin", "办公室", AccountRole::Admin).await;
    notice(&w, "水科", false).await;
    item(&w, "水科", &["update"]).await;
    let leader = w.token("leader").await;
    let admin = w.token("admin").await;
    for path in [
        "/exports/tasks.xlsx",
        "/exports/notices.xlsx",
        "/exports/rectifications.xlsx",
    ] {
        let r = w.get(path, Some(&leader)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        assert_eq!(
            r.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert!(r.body.starts_with("PK"), "{path} is a zip (xlsx)");
        assert_eq!(
            w.get(path, Some(&admin)).await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        w.get("/supervision", Some(&admin)).await.status,
        StatusCode::FORBIDDEN
    );
}
