//! 督办 and 整改 in the store (issue 7): every step is kept with its workflow and audit event,
//! read back exactly, and a step decided on a stale row is refused with nothing written. Runs
//! on SQLite, and on PostgreSQL when `ECOGOV_TEST_DATABASE_URL` names a server.

mod common;

use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action, Principal};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::rectification::{
    FindingSource, RectificationAction, RectificationDraft, RectificationState, apply, create,
};
use ecogov_domain::supervision::{NoticeDraft, NoticeState, NoticeSubject, close, issue, reply};
use ecogov_domain::task::TaskId;
use ecogov_domain::unit::UnitName;
use ecogov_store::{Evidence, Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn who(name: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(
        AccountId::parse(name).expect("name"),
        UnitName::new(unit),
        role,
    )
}

/// 2023-09-30 08:00 Beijing time, plus `days`.
fn at(days: i64) -> Timestamp {
    Timestamp::from_second(1_696_032_000 + days * 86_400).expect("time")
}

async fn notices(store: &Store, plan_id: i64) {
    let du = who("du", "督察办", AccountRole::Inspectorate);
    let shui = who("shui", "水科", AccountRole::UnitStaff);
    let draft = NoticeDraft {
        addressee: UnitName::new("水科"),
        subject: NoticeSubject::Task(TaskId::new(1, 1)),
        content: "请于10月10日前报送整改进展".into(),
        deadline: Date::constant(2023, 10, 10),
    };
    let (notice, event) = issue(draft, &du, at(0)).expect("issue");
    let id = store
        .issue_notice(plan_id, &notice, "（一）1 测试任务", &event, "127.0.0.1")
        .await
        .expect("store issue");
    let back = store.notice(id).await.expect("read").expect("exists");
    assert_eq!(back.notice, notice, "read back exactly");
    assert_eq!(back.subject_text, "（一）1 测试任务");

    let free = NoticeDraft {
        addressee: UnitName::new("气科"),
        subject: NoticeSubject::Free("信访件 2023-17 办理".into()),
        content: "请核查并回复".into(),
        deadline: Date::constant(2023, 10, 3),
    };
    let (other, e) = issue(free, &du, at(0)).expect("issue free");
    let other_id = store
        .issue_notice(plan_id, &other, "", &e, "")
        .await
        .expect("store");
    let listed = store.notices(plan_id).await.expect("list");
    assert_eq!(
        listed.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![other_id, id],
        "newest first"
    );
    assert_eq!(listed[0].subject_text, "信访件 2023-17 办理");

    let (replied, e) = reply(&notice, &shui, "已完成排查，报告附后", at(2)).expect("reply");
    store
        .save_notice_step(id, &notice, &replied, &e, "127.0.0.1")
        .await
        .expect("save reply");
    // The same reply again, decided on the stale notice: refused, nothing written.
    let again = store
        .save_notice_step(id, &notice, &replied, &e, "127.0.0.1")
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let (closed, e) = close(&replied, &du, at(3)).expect("close");
    store
        .save_notice_step(id, &replied, &closed, &e, "")
        .await
        .expect("save close");
    let back = store.notice(id).await.expect("read").expect("exists");
    assert_eq!(back.notice, closed);
    assert_eq!(
        back.notice.reply.as_ref().map(|r| r.on),
        Some(Date::constant(2023, 10, 2))
    );
    let steps = store.notice_steps(id).await.expect("steps");
    assert_eq!(
        steps.iter().map(|s| (s.action, s.to)).collect::<Vec<_>>(),
        vec![
            (Action::IssueNotice, NoticeState::Issued),
            (Action::ReplyNotice, NoticeState::Replied),
            (Action::CloseNotice, NoticeState::Closed),
        ]
    );
    assert_eq!(steps[1].reason.as_deref(), Some("已完成排查，报告附后"));
    assert!(store.notice(9_999).await.expect("read").is_none());
}

fn pdf(name: &str) -> Evidence {
    Evidence {
        filename: name.into(),
        content_type: "application/pdf".into(),
        data: b"%PDF-1.7 test".to_vec(),
    }
}

async fn rectifications(store: &Store) {
    let du = who("du", "督察办", AccountRole::Inspectorate);
    let shui = who("shui", "水科", AccountRole::UnitStaff);
    let draft = RectificationDraft {
        source: FindingSource::ProvincialInspection,
        finding: "东荆河某排口雨污混排".into(),
        responsible: UnitName::new("水科"),
        measures: String::new(),
        deadline: Date::constant(2023, 11, 30),
    };
    let (item, e) = create(draft, &du, at(0)).expect("create");
    let id = store
        .create_rectification(&item, &e, "")
        .await
        .expect("store create");
    let mut now = item;
    let steps = [
        (
            RectificationAction::Update {
                measures: Some("完成排口封堵并接入管网".into()),
                add_evidence: vec!["封堵照片.pdf".into()],
                remove_evidence: vec![],
            },
            &shui,
            Some(pdf("封堵照片.pdf")),
        ),
        (RectificationAction::Submit, &shui, None),
        (
            RectificationAction::Return {
                reason: "缺少监测报告".into(),
            },
            &du,
            None,
        ),
        (
            RectificationAction::Update {
                measures: None,
                add_evidence: vec!["监测报告.pdf".into()],
                remove_evidence: vec![],
            },
            &shui,
            Some(pdf("监测报告.pdf")),
        ),
        (RectificationAction::Submit, &shui, None),
        (RectificationAction::Accept, &du, None),
        (RectificationAction::Close, &du, None),
        (RectificationAction::Disclose, &du, None),
    ];
    for (i, (step, by, file)) in steps.into_iter().enumerate() {
        let (next, e) = apply(&now, step, by, at(i as i64 + 1)).expect("step");
        store
            .save_rectification_step(id, &now, &next, &e, file.as_ref(), "10.0.0.1")
            .await
            .expect("save step");
        if i == 2 {
            // A step decided on the item before the return is refused: nothing written.
            let (stale, e) = apply(&now, RectificationAction::Accept, &du, at(3)).expect("stale");
            let r = store
                .save_rectification_step(id, &now, &stale, &e, None, "")
                .await;
            assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
        }
        now = next;
    }
    let back = store
        .rectification(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(back.item, now, "read back exactly");
    assert_eq!(back.item.state, RectificationState::Closed);
    assert!(back.item.disclosed);
    assert_eq!(back.item.evidence, vec!["封堵照片.pdf", "监测报告.pdf"]);
    assert_eq!(back.created_at, at(0).as_second());
    let files = store
        .evidence_list(&format!("rectification:{id}"))
        .await
        .expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].uploaded_by, "shui");
    let recorded = store.rectification_steps(id).await.expect("steps");
    assert_eq!(recorded.len(), 9, "create and eight steps");
    assert_eq!(recorded[3].reason.as_deref(), Some("缺少监测报告"));
    assert_eq!(store.rectifications().await.expect("all").len(), 1);

    // Every step is in the audit trail, in order, and the chain still verifies.
    let subject = format!("rectification:{id}");
    let mut actions: Vec<String> = store
        .audit_events(200)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.subject == subject)
        .map(|e| e.action)
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        [
            "create_rectification",
            "update_rectification",
            "submit_rectification",
            "return_rectification",
            "update_rectification",
            "submit_rectification",
            "accept_rectification",
            "close_rectification",
            "disclose_rectification",
        ]
        .map(|a| format!("rectification.{a}"))
    );
    store.verify_audit().await.expect("chain verifies");

    // A name with a line break cannot be stored: refused, nothing written.
    let mut odd = now.clone();
    odd.evidence.push("a\nb.pdf".into());
    let r = store
        .save_rectification_step(id, &now, &odd, &recorded[8], None, "")
        .await;
    assert!(matches!(r, Err(StoreError::Rejected(_))), "{r:?}");
    assert_eq!(store.rectification_steps(id).await.expect("steps").len(), 9);
}

async fn story(target: &str) {
    let store = Store::open(target, true).await.expect("open");
    let plan = parse_plan(PLAN).expect("plan");
    store
        .install_plan(&plan, PLAN, "test")
        .await
        .expect("install");
    let plan_id = store.plan(None).await.expect("plan").id;
    notices(&store, plan_id).await;
    rectifications(&store).await;
}

#[tokio::test]
async fn sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sup.db");
    story(path.to_str().expect("utf-8 path")).await;
}

#[tokio::test]
async fn postgres_when_configured() {
    let Some(url) = common::fresh_postgres().await else {
        return;
    };
    story(&url).await;
}
