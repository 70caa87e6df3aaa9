//! 监管业务 in the store, on SQLite (always) and PostgreSQL (when `ECOGOV_TEST_DATABASE_URL` is
//! set): all-or-nothing imports, the draw's states, ledger-counted deliverables, restored
//! outfalls and petitions.

mod common;

use ecogov_domain::draw::{Inspector, InspectorId, Seed, Share};
use ecogov_domain::enterprise::{CreditCode, Enterprise, SupervisionClass};
use ecogov_domain::inspection::{CheckResult, DieselCheck, DieselCheckKind, PlateNumber};
use ecogov_domain::outfall::{Outfall, OutfallState};
use ecogov_domain::petition::{Channel, PetitionCase, PetitionId, PetitionState};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::progress::summarize;
use ecogov_store::{DieselRecord, DrawState, Store, StoreError, draw_text};
use jiff::civil::Date;
use rust_decimal::Decimal;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn code(n: u32) -> CreditCode {
    let body = format!("91429005{n:09}");
    let c = CreditCode::check_character(&body).expect("body");
    CreditCode::parse(&format!("{body}{c}")).expect("code")
}

fn enterprise(n: u32, class: SupervisionClass) -> Enterprise {
    Enterprise::new(
        &format!("企业{n}"),
        code(n).as_str(),
        "潜江市",
        "化工",
        class,
        None,
    )
    .expect("valid")
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

async fn actual(store: &Store, id: &str, as_of: Date) -> Decimal {
    let stored = store.plan(None).await.expect("plan");
    let reports = store.progress_reports(stored.id).await.expect("reports");
    summarize(&stored.plan, &reports, as_of)
        .into_iter()
        .find(|r| r.deliverable.id.as_str() == id)
        .map(|r| r.actual)
        .expect("deliverable")
}

async fn story(target: &str) {
    let store = Store::open(target, true).await.expect("open");
    let plan = parse_plan(PLAN).expect("plan");
    store
        .install_plan(&plan, PLAN, "test")
        .await
        .expect("install");

    // Enterprises: a batch with a repeated code writes nothing.
    let key = SupervisionClass::KeyDischarger;
    let batch: Vec<Enterprise> = (1..=5).map(|n| enterprise(n, key)).collect();
    let mut repeated = batch.clone();
    repeated.push(enterprise(2, SupervisionClass::Special));
    assert!(matches!(
        store.import_enterprises(&repeated, "x.csv", "test").await,
        Err(StoreError::Rejected(_))
    ));
    assert!(store.enterprises().await.expect("list").is_empty());
    let c = store
        .import_enterprises(&batch, "x.csv", "test")
        .await
        .expect("import");
    assert_eq!((c.inserted, c.updated), (5, 0));
    let again = store
        .import_enterprises(&batch, "x.csv", "test")
        .await
        .expect("again");
    assert_eq!(again.unchanged, 5);

    // Diesel checks: one unknown enterprise refuses the batch; counted rows move the plan.
    let before = actual(&store, "diesel-road-checks", d(2023, 12, 31)).await;
    let plate = || Some(PlateNumber::parse("鄂N12345").expect("plate"));
    let road = |day| DieselRecord {
        origin: "t:2".into(),
        check: DieselCheck::new(
            DieselCheckKind::RoadCheck,
            day,
            plate(),
            None,
            CheckResult::Pass,
        )
        .expect("check"),
        note: None,
    };
    let stranger = DieselRecord {
        origin: "t:9".into(),
        check: DieselCheck::new(
            DieselCheckKind::HomeCheck,
            d(2023, 5, 1),
            None,
            Some(code(99)),
            CheckResult::Pass,
        )
        .expect("check"),
        note: None,
    };
    let refused = store
        .add_diesel_checks(&[road(d(2023, 5, 1)), stranger], "t", "test")
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("t:9")));
    assert_eq!(
        actual(&store, "diesel-road-checks", d(2023, 12, 31)).await,
        before
    );
    store
        .add_diesel_checks(
            &[
                road(d(2023, 5, 1)),
                road(d(2023, 5, 1)),
                road(d(2023, 9, 1)),
            ],
            "t",
            "test",
        )
        .await
        .expect("add");
    assert_eq!(
        actual(&store, "diesel-road-checks", d(2023, 12, 31)).await,
        before + Decimal::from(3)
    );
    assert_eq!(
        actual(&store, "diesel-road-checks", d(2023, 6, 30)).await,
        before + Decimal::from(2)
    );

    // Outfalls: restored from their history; closing counts toward yangtze-outfalls.
    let mut o = Outfall::new("PK-1", "一号口", "东荆河").expect("outfall");
    o.add_measure("截污").expect("measure");
    store
        .add_outfalls(&[("t:2".into(), o.clone())], "t", "test")
        .await
        .expect("add");
    assert!(
        store
            .add_outfalls(&[("t:3".into(), o)], "t", "test")
            .await
            .is_err(),
        "code used"
    );
    store
        .advance_outfall(
            "PK-1",
            OutfallState::Rectifying,
            d(2023, 2, 1),
            None,
            "test",
        )
        .await
        .expect("1");
    store
        .complete_outfall_measure("PK-1", 1, d(2023, 3, 1), "test")
        .await
        .expect("done");
    store
        .advance_outfall("PK-1", OutfallState::Rectified, d(2023, 3, 2), None, "test")
        .await
        .expect("2");
    store
        .advance_outfall("PK-1", OutfallState::Accepted, d(2023, 3, 3), None, "test")
        .await
        .expect("3");
    assert!(
        store
            .advance_outfall(
                "PK-1",
                OutfallState::Rectifying,
                d(2023, 3, 4),
                None,
                "test"
            )
            .await
            .is_err(),
        "a return needs a reason"
    );
    let closed_before = actual(&store, "yangtze-outfalls", d(2023, 12, 31)).await;
    store
        .advance_outfall("PK-1", OutfallState::Closed, d(2023, 3, 5), None, "test")
        .await
        .expect("4");
    assert_eq!(
        actual(&store, "yangtze-outfalls", d(2023, 12, 31)).await,
        closed_before + Decimal::ONE
    );
    let back = store.outfall("PK-1").await.expect("read");
    assert_eq!(
        (back.state(), back.closed_on()),
        (OutfallState::Closed, Some(d(2023, 3, 5)))
    );

    // Petitions round-trip with their history.
    let case = PetitionCase::register(
        PetitionId::new("P1").expect("id"),
        Channel::WeChat,
        d(2023, 12, 30),
        Some(code(1)),
        "地址",
        "反映",
    );
    store
        .register_petitions(&[("t:2".into(), case)], "t", "test")
        .await
        .expect("register");
    let id = PetitionId::new("P1").expect("id");
    store
        .advance_petition(&id, PetitionState::Accepted, d(2024, 1, 2), None, "test")
        .await
        .expect("accept");
    assert!(
        store
            .advance_petition(&id, PetitionState::Replied, d(2024, 1, 3), None, "test")
            .await
            .is_err()
    );
    let cases = store.petitions().await.expect("cases");
    assert_eq!(cases[0].accepted_on(), Some(d(2024, 1, 2)));
    assert_eq!(cases[0].channel(), &Channel::WeChat);

    // A draw: steps in order only; the stored texts verify; the seed stays hidden until revealed.
    let inspectors: Vec<Inspector> = ["A1", "A2", "A3"]
        .iter()
        .map(|i| Inspector {
            id: InspectorId::new(i).expect("id"),
            name: format!("人员{i}"),
            unit: "支队".into(),
        })
        .collect();
    store
        .upsert_inspectors(&inspectors, "test")
        .await
        .expect("inspectors");
    store
        .add_relation(&inspectors[0].id, &code(1), "亲属", "test")
        .await
        .expect("relation");
    let plan_d = store
        .plan_draw("2023年第三季度", 2, &[(key, Share::Count(2))], "test")
        .await
        .expect("plan");
    assert!(matches!(
        store.run_committed_draw(plan_d.id, "test").await,
        Err(StoreError::Rejected(_))
    ));
    let seed = Seed::from_hex("00112233445566778899aabbccddeeff").expect("seed");
    let committed = store
        .commit_draw(plan_d.id, &seed, "test")
        .await
        .expect("commit");
    assert_eq!(committed.seed, None);
    let drawn = store
        .run_committed_draw(plan_d.id, "test")
        .await
        .expect("run");
    assert_eq!((drawn.state, drawn.seed.clone()), (DrawState::Drawn, None));
    let revealed = store.reveal_draw(plan_d.id, "test").await.expect("reveal");
    let (r, s, c) = (
        revealed.result.clone().expect("result"),
        revealed.seed.clone().expect("seed"),
        revealed.commitment.clone().expect("commitment"),
    );
    assert_eq!(
        draw_text::verify_published(&revealed.inputs, &r, &s, &c)
            .expect("verifies")
            .assignments
            .len(),
        2
    );
    // The next draw's inputs carry this draw's teams as `previous`.
    let next = store
        .plan_draw("2023年第四季度", 2, &[(key, Share::Count(1))], "test")
        .await
        .expect("plan 2");
    assert!(next.inputs.contains("\nprevious "), "{}", next.inputs);
}

#[tokio::test]
async fn sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.db");
    story(path.to_str().expect("path")).await;
}

#[tokio::test]
async fn postgres_when_configured() {
    let Some(url) = common::fresh_postgres().await else {
        return;
    };
    story(&url).await;
}
