//! Store conformance: the same story runs on SQLite (always) and on PostgreSQL when
//! `ECOGOV_TEST_DATABASE_URL` names a server (CI starts one).

mod common;

use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::progress::{ReportInput, check_report};
use ecogov_store::{InstallOutcome, Store, StoreError};
use jiff::civil::Date;
use rust_decimal::Decimal;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

async fn story(target: &str) {
    let store = Store::open(target, true).await.expect("open");
    assert_eq!(
        store.migrate().await.expect("migrate again"),
        0,
        "migrations are idempotent"
    );
    let plan = parse_plan(PLAN).expect("plan");

    // Install, then install the same text again: nothing changes.
    assert_eq!(
        store
            .install_plan(&plan, PLAN, "test")
            .await
            .expect("install"),
        InstallOutcome::Installed
    );
    assert_eq!(
        store
            .install_plan(&plan, PLAN, "test")
            .await
            .expect("reinstall"),
        InstallOutcome::Unchanged
    );
    assert_eq!(store.plan_years().await.expect("years"), vec![2023]);

    // Round trip: what comes back is the plan that went in.
    let stored = store.plan(None).await.expect("load");
    assert_eq!(stored.plan, plan);
    assert_eq!(stored.source, PLAN);
    assert!(matches!(
        store.plan(Some(2024)).await,
        Err(StoreError::NoPlan(Some(2024)))
    ));

    // Progress: a checked report is written and read back exactly.
    let today = Date::constant(2023, 12, 31);
    let input = ReportInput {
        deliverable: "diesel-road-checks",
        value: "120",
        date: "2023-03-15",
        unit: "综合执法支队",
        note: Some("三月路检"),
    };
    let report = check_report(&plan, input, today, false).expect("valid report");
    let id = store
        .record_progress(stored.id, &report, "test")
        .await
        .expect("record");
    let input = ReportInput {
        deliverable: "diesel-road-checks",
        value: "80.0",
        date: "2023-02-01",
        unit: "气科",
        note: None,
    };
    let second = check_report(&plan, input, today, true).expect("valid report");
    store
        .record_progress(stored.id, &second, "test")
        .await
        .expect("record");
    let back = store.progress_reports(stored.id).await.expect("reports");
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].date, Date::constant(2023, 2, 1), "ordered by date");
    assert_eq!(back[1].id, id);
    assert_eq!(back[1].value, Decimal::from(120));
    assert_eq!(back[1].unit.as_str(), "综合执法支队");
    assert_eq!(back[1].note.as_deref(), Some("三月路检"));
    assert!(back[0].demo && !back[1].demo);
    assert_eq!(store.progress_count(stored.id).await.expect("count"), 2);

    // A replacement that drops a reported deliverable is refused, and nothing changes.
    let dropped = PLAN.replace(
        "id = \"diesel-road-checks\"",
        "id = \"diesel-road-inspections\"",
    );
    let dropped_plan = parse_plan(&dropped).expect("still valid");
    assert!(matches!(
        store.install_plan(&dropped_plan, &dropped, "test").await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.plan(None).await.expect("load").source, PLAN);

    // A harmless edit replaces the text.
    let edited = PLAN.replacen(
        "title = \"潜江市生态环境局2023年重点工作任务\"",
        "title = \"潜江市生态环境局2023年重点工作任务（修订）\"",
        1,
    );
    let edited_plan = parse_plan(&edited).expect("valid");
    assert_eq!(
        store
            .install_plan(&edited_plan, &edited, "test")
            .await
            .expect("replace"),
        InstallOutcome::Replaced
    );
    assert_eq!(
        store.plan(Some(2023)).await.expect("load").plan.title,
        "潜江市生态环境局2023年重点工作任务（修订）"
    );

    // Every change left an audit event, newest first.
    let events = store.audit_events(10).await.expect("audit");
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "plan.replace",
            "progress.record",
            "progress.record",
            "plan.install"
        ]
    );
    assert!(events.windows(2).all(|w| w[0].id > w[1].id));

    // Thresholds entered later (省下达): the latest counts, and each is audited.
    let plan_id = store.plan(None).await.expect("plan").id;
    store
        .set_target_threshold(
            plan_id,
            "air-pm25-annual-mean",
            Decimal::from(38),
            "张三",
            Some("初稿"),
        )
        .await
        .expect("set");
    store
        .set_target_threshold(
            plan_id,
            "air-pm25-annual-mean",
            Decimal::new(355, 1),
            "李四",
            Some("省厅文件"),
        )
        .await
        .expect("set again");
    let thresholds = store.target_thresholds(plan_id).await.expect("thresholds");
    let pm = thresholds.get("air-pm25-annual-mean").expect("pm2.5");
    assert_eq!(
        (pm.value, pm.set_by.as_str(), pm.note.as_deref()),
        (Decimal::new(355, 1), "李四", Some("省厅文件"))
    );
    assert_eq!(
        store.audit_events(1).await.expect("audit")[0].action,
        "target.set"
    );
    accounts_and_sessions(&store).await;
    assert!(store.verify_audit().await.is_ok(), "the chain holds");
}

/// Accounts, argon2id hashes, sessions and evidence files, the same on every backend.
async fn accounts_and_sessions(store: &Store) {
    use ecogov_domain::account::{AccountId, AccountStatus};
    use ecogov_domain::authz::AccountRole;
    use ecogov_domain::unit::UnitName;
    let a = store
        .add_account(
            &AccountId::parse("wang").expect("id"),
            &UnitName::new("水科"),
            AccountRole::UnitStaff,
            "Qj#2023water",
            "test",
        )
        .await
        .expect("add");
    assert_eq!(a.status, AccountStatus::MustChangePassword);
    assert!(
        store
            .password_matches(a.id, "Qj#2023water")
            .await
            .expect("verify")
    );
    assert!(
        !store
            .password_matches(a.id, "qj#2023water")
            .await
            .expect("verify")
    );
    let token = store
        .start_session(a.id, "10.1.1.1", 1_000)
        .await
        .expect("session");
    let s = store.session(&token).await.expect("read").expect("found");
    assert_eq!((s.account.id, s.created_at), (a.id, 1_000));
    store.touch_session(&token, 1_500).await.expect("touch");
    assert_eq!(
        store
            .session(&token)
            .await
            .expect("read")
            .expect("found")
            .last_seen,
        1_500
    );
    store
        .set_account_disabled(a.id, true, "test")
        .await
        .expect("disable");
    assert!(
        store.session(&token).await.expect("read").is_none(),
        "sessions end"
    );
    let report_id = {
        let stored = store.plan(None).await.expect("plan");
        let input = ecogov_domain::progress::ReportInput {
            deliverable: "yangtze-outfalls",
            value: "1",
            date: "2023-03-01",
            unit: "水科",
            note: None,
        };
        let report = ecogov_domain::progress::check_report(
            &stored.plan,
            input,
            jiff::civil::Date::constant(2023, 12, 31),
            false,
        )
        .expect("report");
        let file = ecogov_store::Evidence {
            filename: "记录.pdf".into(),
            content_type: "application/pdf".into(),
            data: b"%PDF-1.4 x".to_vec(),
        };
        store
            .record_progress_with(stored.id, &report, "wang", "10.1.1.1", Some(&file))
            .await
            .expect("record")
    };
    let files = store.evidence_list("progress:").await.expect("list");
    assert_eq!(
        files.last().map(|f| f.owner.clone()),
        Some(format!("progress:{report_id}"))
    );
    let (_, bytes) = store
        .evidence(files.last().map(|f| f.id).unwrap_or_default())
        .await
        .expect("read")
        .expect("found");
    assert_eq!(bytes, b"%PDF-1.4 x");
}

#[tokio::test]
async fn sqlite_in_memory() {
    story("sqlite::memory:").await;
}

#[tokio::test]
async fn sqlite_file_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    let path = path.to_str().expect("utf-8 path");
    assert!(
        matches!(Store::open(path, false).await, Err(StoreError::Missing(_))),
        "no file is created without create"
    );
    story(path).await;
    let again = Store::open(path, false).await.expect("reopen");
    assert_eq!(again.plan(None).await.expect("plan").plan.tasks.len(), 25);
    assert_eq!(again.backend(), "sqlite");
}

#[tokio::test]
async fn postgres_when_configured() {
    let Some(url) = common::fresh_postgres().await else {
        return;
    };
    story(&url).await;
    assert_eq!(
        Store::open(&url, false).await.expect("reopen").backend(),
        "postgres"
    );
}
