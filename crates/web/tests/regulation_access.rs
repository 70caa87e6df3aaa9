//! The regulatory ledgers' writes go through the policy (issue 7 × issue 8): every role tries to
//! record a diesel check; only the roles the policy allows succeed, and each refusal is audited.

mod common;

use axum::http::StatusCode;
use common::World;
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action, Principal, Resource, authorize};
use ecogov_domain::unit::UnitName;

#[tokio::test]
async fn every_role_against_a_regulatory_write() {
    let w = World::new().await;
    let people = [
        ("admin", "办公室", AccountRole::Admin),
        ("leader", "办公室", AccountRole::Leadership),
        ("du", "督察办", AccountRole::Inspectorate),
        ("zhifa", "综合执法支队", AccountRole::UnitStaff),
        ("station", "监测站", AccountRole::MonitoringStation),
    ];
    let mut allowed = Vec::new();
    for (name, unit, role) in people {
        w.account(name, unit, role).await;
        let token = w.token(name).await;
        let r = w
            .post(
                "/regulation/diesel",
                Some(&token),
                &[
                    ("kind", "路检路查"),
                    ("date", "2023-09-01"),
                    ("plate", "鄂N12345"),
                    ("result", "合格"),
                ],
            )
            .await;
        let p = Principal::account(
            AccountId::parse(name).expect("id"),
            UnitName::new(unit),
            role,
        );
        let expected = authorize(&p, Action::RecordRegulatoryWork, &Resource::System).is_allowed();
        if expected {
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: {}", r.body);
            allowed.push(name);
        } else {
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {}", r.body);
        }
    }
    assert_eq!(allowed, ["du", "zhifa"]);
    // Anonymous writes are sent to the sign-in page.
    let anonymous = w
        .post("/regulation/diesel", None, &[("kind", "路检路查")])
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous.location.is_some_and(|l| l.starts_with("/login")),
        "to the sign-in page"
    );
    let denied = w
        .state
        .store
        .audit_events(100)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "access.denied")
        .count();
    assert_eq!(denied, 3, "admin, leader and station refused and audited");
}
