//! 督办 and 整改 through the web (issue 7): every role against every state-changing action as the
//! policy says, a unit reaching another unit's notice by editing the id in the URL, reminders
//! and escalation on the list. (The 整改 path and the downloads: `rectification.rs`.)

mod common;
mod sup_common;

use axum::http::StatusCode;
use common::{Reply, World};
use ecogov_domain::authz::{AccountRole, Action, Resource, authorize};
use ecogov_domain::unit::UnitName;
use sup_common::{item, notice, principal, update};

const DAY: i64 = 86_400;

struct Who {
    name: &'static str,
    unit: &'static str,
    role: AccountRole,
}

const PEOPLE: [Who; 6] = [
    Who {
        name: "admin",
        unit: "办公室",
        role: AccountRole::Admin,
    },
    Who {
        name: "leader",
        unit: "办公室",
        role: AccountRole::Leadership,
    },
    Who {
        name: "du",
        unit: "督察办",
        role: AccountRole::Inspectorate,
    },
    Who {
        name: "shui",
        unit: "水科",
        role: AccountRole::UnitStaff,
    },
    Who {
        name: "qi",
        unit: "气科",
        role: AccountRole::UnitStaff,
    },
    Who {
        name: "station",
        unit: "监测站",
        role: AccountRole::MonitoringStation,
    },
];

#[tokio::test]
async fn every_role_against_every_supervision_action_as_the_policy_says() {
    let w = World::new().await;
    let mut tokens = Vec::new();
    for p in &PEOPLE {
        w.account(p.name, p.unit, p.role).await;
        tokens.push(w.token(p.name).await);
    }
    let water = UnitName::new("水科");
    let inspectorate = UnitName::new("督察办");
    let mut allowed = Vec::new();
    let mut refused = 0;
    for (p, token) in PEOPLE.iter().zip(&tokens) {
        let me = principal(p.name, p.unit, p.role);
        // (label, action, the responsible unit or addressee, the response)
        let mut tried: Vec<(&str, Action, &UnitName, Reply)> = Vec::new();
        let t = Some(token.as_str());
        let r = w
            .post(
                "/supervision/notices",
                t,
                &[
                    ("addressee", "水科"),
                    ("subject", "排口整治"),
                    ("content", "请报送进展"),
                    ("deadline", "2023-10-10"),
                ],
            )
            .await;
        tried.push(("issue", Action::IssueNotice, &water, r));
        let id = notice(&w, "水科", false).await;
        let r = w
            .post(
                &format!("/supervision/notices/{id}/reply"),
                t,
                &[("text", "已完成")],
            )
            .await;
        tried.push(("reply", Action::ReplyNotice, &water, r));
        let id = notice(&w, "水科", true).await;
        let r = w
            .post(&format!("/supervision/notices/{id}/close"), t, &[])
            .await;
        tried.push(("close-notice", Action::CloseNotice, &water, r));
        let r = w
            .post(
                "/rectification",
                t,
                &[
                    ("source", "central"),
                    ("finding", "污水直排"),
                    ("responsible", "水科"),
                    ("deadline", "2023-12-31"),
                ],
            )
            .await;
        tried.push(("create", Action::CreateRectification, &water, r));
        let (id, _) = item(&w, "水科", &[]).await;
        let r = update(&w, token, id, "截污纳管", None).await;
        tried.push(("update", Action::UpdateRectification, &water, r));
        let (id, _) = item(&w, "水科", &[]).await;
        let r = w
            .post(
                &format!("/rectification/{id}/revise"),
                t,
                &[("deadline", "2024-03-31")],
            )
            .await;
        tried.push(("revise", Action::ReviseRectification, &water, r));
        let (id, _) = item(&w, "水科", &["update"]).await;
        let r = w
            .post(
                &format!("/rectification/{id}/step"),
                t,
                &[("step", "submit")],
            )
            .await;
        tried.push(("submit", Action::SubmitRectification, &water, r));
        for (step, action, unit) in [
            ("accept", Action::AcceptRectification, &water),
            ("return", Action::ReturnRectification, &water),
            ("accept-own", Action::AcceptRectification, &inspectorate),
        ] {
            let (id, _) = item(&w, unit.as_str(), &["update", "submit"]).await;
            let name = step.trim_end_matches("-own");
            let r = w
                .post(
                    &format!("/rectification/{id}/step"),
                    t,
                    &[("step", name), ("reason", "佐证不足")],
                )
                .await;
            tried.push((step, action, unit, r));
        }
        for (step, action) in [
            ("close", Action::CloseRectification),
            ("disclose", Action::DiscloseRectification),
        ] {
            let (id, _) = item(&w, "水科", &["update", "submit", "accept"]).await;
            let r = w
                .post(&format!("/rectification/{id}/step"), t, &[("step", step)])
                .await;
            tried.push((step, action, &water, r));
        }
        for (label, action, unit, r) in tried {
            let resource = match action {
                Action::IssueNotice | Action::ReplyNotice | Action::CloseNotice => {
                    Resource::Notice { addressee: unit }
                }
                _ => Resource::Rectification {
                    responsible: unit,
                    disclosed: false,
                },
            };
            if authorize(&me, action, &resource).is_allowed() {
                assert_eq!(
                    r.status,
                    StatusCode::SEE_OTHER,
                    "{} {label}: {}",
                    p.name,
                    r.body
                );
                allowed.push(format!("{}:{label}", p.name));
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "{} {label}: {}",
                    p.name,
                    r.body
                );
                refused += 1;
            }
        }
    }
    // The matrix in words, so a change of policy shows here too.
    assert_eq!(
        allowed,
        [
            "leader:accept-own",
            "du:issue",
            "du:close-notice",
            "du:create",
            "du:revise",
            "du:accept",
            "du:return",
            "du:close",
            "du:disclose",
            "shui:reply",
            "shui:update",
            "shui:submit",
        ]
    );
    let denied = w
        .state
        .store
        .audit_events(2_000)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "access.denied")
        .count();
    assert_eq!(denied, refused, "each refusal is in the audit trail");
    // Anonymous posts are sent to sign in; nothing changes.
    let id = notice(&w, "水科", false).await;
    let r = w
        .post(
            &format!("/supervision/notices/{id}/reply"),
            None,
            &[("text", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.is_some_and(|l| l.starts_with("/login")));
    let n = w
        .state
        .store
        .notice(id)
        .await
        .expect("read")
        .expect("exists");
    assert!(n.notice.reply.is_none());
}

#[tokio::test]
async fn a_unit_cannot_reach_another_units_notice_by_editing_the_id() {
    let w = World::new().await;
    w.account("du", "督察办", AccountRole::Inspectorate).await;
    w.account("shui", "水科", AccountRole::UnitStaff).await;
    w.account("qi", "气科", AccountRole::UnitStaff).await;
    let du = w.token("du").await;
    let qi = w.token("qi").await;
    let shui = w.token("shui").await;
    let r = w
        .post(
            "/supervision/notices",
            Some(&du),
            &[
                ("addressee", "水科"),
                ("task", "1.1"),
                ("content", "请于十月十日前报送进展"),
                ("deadline", "2023-10-10"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let path = r.location.expect("location");
    let mine = notice(&w, "气科", false).await;
    // 气科 sees its own notice, not 水科's, and cannot open or answer 水科's by its number.
    let list = w.get("/supervision", Some(&qi)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains(&format!("/supervision/notices/{mine}\""))
    );
    assert!(!list.body.contains(&format!("\"{path}\"")), "{}", list.body);
    assert_eq!(w.get(&path, Some(&qi)).await.status, StatusCode::FORBIDDEN);
    let r = w
        .post(&format!("{path}/reply"), Some(&qi), &[("text", "冒名回复")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("被督办单位是 水科"), "{}", r.body);
    // Nothing changed; the refusal is audited.
    let page = w.get(&path, Some(&shui)).await;
    assert!(page.body.contains("尚未回复"), "{}", page.body);
    assert!(
        page.body
            .contains(r#"action="/supervision/notices/1/reply""#)
    );
    let events = w.state.store.audit_events(20).await.expect("audit");
    assert!(
        events
            .iter()
            .any(|e| e.action == "access.denied" && e.actor == "qi" && e.subject == "notice:1")
    );
    // 水科 answers; a second answer is refused by the state.
    let r = w
        .post(&format!("{path}/reply"), Some(&shui), &[("text", "已报送")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = w
        .post(&format!("{path}/reply"), Some(&shui), &[("text", "再报")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Bad input: a blank reply, an unknown unit, a bad date, a deadline before today.
    let other = notice(&w, "水科", false).await;
    let r = w
        .post(
            &format!("/supervision/notices/{other}/reply"),
            Some(&shui),
            &[("text", "  ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("回复内容不能为空"), "{}", r.body);
    for (addressee, deadline, says) in [
        ("不存在科", "2023-10-10", "不是本局的科室或直属单位"),
        ("水科", "2023-13-01", "办理时限“2023-13-01”无效"),
        ("水科", "2023-09-01", "早于发出日期"),
    ] {
        let before = w.state.store.notices(1).await.expect("list").len();
        let r = w
            .post(
                "/supervision/notices",
                Some(&du),
                &[
                    ("addressee", addressee),
                    ("subject", "x"),
                    ("content", "y"),
                    ("deadline", deadline),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{addressee} {deadline}");
        assert!(r.body.contains(says), "{}", r.body);
        assert_eq!(w.state.store.notices(1).await.expect("list").len(), before);
    }
    assert_eq!(
        w.get("/supervision/notices/abc", Some(&du)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_list_reminds_before_the_deadline_and_escalates_when_overdue() {
    let mut w = World::new().await;
    w.account("du", "督察办", AccountRole::Inspectorate).await;
    let du = w.token("du").await;
    notice(&w, "水科", false).await; // deadline 2023-10-10
    let on = |d: &str| format!("/supervision?as_of={d}");
    let page = w.get(&on("2023-10-06"), Some(&du)).await;
    assert!(
        !page.body.contains("即将到期（"),
        "four days before: no reminder"
    );
    let page = w.get(&on("2023-10-08"), Some(&du)).await;
    assert!(page.body.contains("即将到期（剩 2 天）"), "{}", page.body);
    let page = w.get(&on("2023-10-12"), Some(&du)).await;
    assert!(page.body.contains("已逾期 2 天"), "{}", page.body);
    // Without ?as_of, an instance judging on today (not a fixed evaluation date like the
    // demo's) goes by the clock: 2023-09-30 + 15 days is 5 days overdue.
    w.state.as_of = ecogov_web::AsOf::Today;
    w.advance(15 * DAY);
    let du = w.token("du").await; // the old session has long expired
    let page = w.get("/supervision", Some(&du)).await;
    assert!(
        page.body.contains("已上报局领导（逾期 5 天）"),
        "{}",
        page.body
    );
}
