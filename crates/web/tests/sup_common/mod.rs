//! Helpers of the 督办/整改 web tests: notices and 整改 items put in a state directly through
//! the domain and the store, and the multipart update form.
#![allow(dead_code)]

use crate::common::{Reply, World};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Principal};
use ecogov_domain::rectification::{
    FindingSource, RectificationAction, RectificationDraft, RectificationItem, apply, create,
};
use ecogov_domain::supervision::{NoticeDraft, NoticeSubject, issue, reply};
use ecogov_domain::unit::UnitName;
use jiff::civil::Date;

pub fn principal(name: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(
        AccountId::parse(name).expect("id"),
        UnitName::new(unit),
        role,
    )
}

pub fn du() -> Principal {
    principal("du", "督察办", AccountRole::Inspectorate)
}

/// A notice to `addressee` stored directly (issued by du), replied if `replied`; its id.
pub async fn notice(w: &World, addressee: &str, replied: bool) -> i64 {
    let at = w.state.clock.timestamp();
    let (n, e) = issue(
        NoticeDraft {
            addressee: UnitName::new(addressee),
            subject: NoticeSubject::Free("信访件办理".into()),
            content: "请核查".into(),
            deadline: Date::constant(2023, 10, 10),
        },
        &du(),
        at,
    )
    .expect("issue");
    let store = &w.state.store;
    let plan_id = store.plan(None).await.expect("plan").id;
    let id = store
        .issue_notice(plan_id, &n, "", &e, "")
        .await
        .expect("store");
    if replied {
        let who = principal("x", addressee, AccountRole::UnitStaff);
        let (r, e) = reply(&n, &who, "已办理", at).expect("reply");
        store
            .save_notice_step(id, &n, &r, &e, "")
            .await
            .expect("save");
    }
    id
}

/// A 整改 item of `responsible` stored directly and taken through `steps` (by its unit and
/// whoever judges it); its id.
pub async fn item(w: &World, responsible: &str, steps: &[&str]) -> (i64, RectificationItem) {
    let at = w.state.clock.timestamp();
    let (mut it, e) = create(
        RectificationDraft {
            source: FindingSource::CentralInspection,
            finding: "某企业废气超标排放".into(),
            responsible: UnitName::new(responsible),
            measures: String::new(),
            deadline: Date::constant(2023, 12, 31),
        },
        &du(),
        at,
    )
    .expect("create");
    let store = &w.state.store;
    let id = store
        .create_rectification(&it, &e, "")
        .await
        .expect("store");
    let unit = principal("u", responsible, AccountRole::UnitStaff);
    let judge = if responsible == "督察办" {
        principal("leader", "办公室", AccountRole::Leadership)
    } else {
        du()
    };
    for s in steps {
        let (step, by) = match *s {
            "update" => (
                RectificationAction::Update {
                    measures: Some("停产整治".into()),
                    add_evidence: vec!["整治报告.pdf".into()],
                    remove_evidence: vec![],
                },
                &unit,
            ),
            "submit" => (RectificationAction::Submit, &unit),
            "accept" => (RectificationAction::Accept, &judge),
            other => panic!("unknown setup step {other}"),
        };
        let (next, e) = apply(&it, step, by, at).expect("setup step");
        store
            .save_rectification_step(id, &it, &next, &e, None, "")
            .await
            .expect("save");
        it = next;
    }
    (id, it)
}

/// A multipart post of the 整改 update form.
pub async fn update(
    w: &World,
    token: &str,
    id: i64,
    measures: &str,
    file: Option<(&str, &[u8])>,
) -> Reply {
    w.post_multipart(
        &format!("/rectification/{id}/update"),
        token,
        &[("measures", measures)],
        file,
    )
    .await
}
