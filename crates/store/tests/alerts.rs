//! Warnings, water alerts, the inbox, hook deliveries and compensation inputs (issue 9): the
//! same story on SQLite (always) and PostgreSQL (when `ECOGOV_TEST_DATABASE_URL` is set).

use ecogov_domain::compensation::{AssessmentPeriod, default_factors};
use ecogov_domain::monitoring::{ControlLevel, DataStage};
use ecogov_domain::warning::{EventKind, Forecast, Level, RangeBound, WarningState, assess};
use ecogov_domain::water_alert::evaluate;
use ecogov_domain::water_data::{SampleSource, WaterSample, WaterSection};
use ecogov_standards::water::{Item, Measurement, WaterBody, WaterClass};
use ecogov_store::{DeliveryStatus, HookTarget, NoticeKind, Store, StoreError, WaterImport};
use jiff::civil::{Date, date};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Database};
use std::str::FromStr;

fn section(name: &str) -> WaterSection {
    WaterSection {
        name: name.into(),
        water: "通顺河".into(),
        basin: "长江".into(),
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: Some(WaterClass::III),
        district: Some("园林街道".into()),
        upstream: Some("潜江市".into()),
        downstream: Some("仙桃市".into()),
    }
}

fn auto(section: &str, day: i8, hour: i8, parameter: &str, value: &str) -> WaterSample {
    WaterSample {
        section: section.into(),
        time: date(2023, 5, day).at(hour, 0, 0, 0),
        parameter: parameter.parse().expect("parameter"),
        value: value.parse::<Measurement>().expect("measurement"),
        source: SampleSource::Automatic,
        stage: DataStage::RealTime,
    }
}

fn manual(section: &str, month: i8, parameter: &str, value: &str) -> WaterSample {
    WaterSample {
        section: section.into(),
        time: date(2023, month, 10).at(10, 0, 0, 0),
        parameter: parameter.parse().expect("parameter"),
        value: value.parse::<Measurement>().expect("measurement"),
        source: SampleSource::Manual,
        stage: DataStage::Audited,
    }
}

async fn import(store: &Store, samples: &[WaterSample]) -> Option<i64> {
    store
        .import_water_samples(WaterImport {
            kind: "test",
            file: "t.csv",
            samples,
            replace: false,
            dry_run: false,
            actor: "test",
        })
        .await
        .expect("import")
        .batch
}

async fn warnings(store: &Store) {
    let s = store.warning_settings().await.expect("settings");
    assert_eq!(s.code, "guidance_2018");
    assert!(!s.chosen);
    store
        .choose_warning_scheme("mep_2017", RangeBound::Upper, "局长")
        .await
        .expect("choose");
    assert!(matches!(
        store
            .choose_warning_scheme("nope", RangeBound::Upper, "局长")
            .await,
        Err(StoreError::Rejected(_))
    ));
    let s = store.warning_settings().await.expect("settings");
    assert_eq!((s.code.as_str(), s.chosen), ("mep_2017", true));

    // Forecasts: a day entered again replaces the old entry; the window stops at a gap.
    let d = |day: i8| Date::constant(2023, 12, day);
    let f = |day: i8, lo: u16, hi: u16| Forecast::new(d(day), lo, hi, vec![]).expect("forecast");
    store
        .save_forecasts(
            &[f(1, 200, 230), f(2, 250, 320), f(3, 150, 180)],
            "f.csv",
            "预报员",
        )
        .await
        .expect("forecasts");
    store
        .save_forecasts(&[f(3, 210, 240), f(5, 300, 350)], "f2.csv", "预报员")
        .await
        .expect("revise");
    let window = store.forecast_window(d(1)).await.expect("window");
    assert_eq!(window.len(), 3, "4 December is missing");
    assert_eq!(window[2].aqi_high(), 240);

    // The 2017 scheme on [230, 320, 240]: a 3-day episode with one day > 300 → orange.
    let a = assess(&s.scheme, &window, s.bound).expect("assess");
    assert_eq!(a.level, Some(Level::Orange));
    let (event, _) = store
        .record_warning_step(a.level, d(1), &a.reason, "值班员")
        .await
        .expect("issue")
        .expect("an event");
    assert_eq!(event.event.kind, EventKind::Issue);
    assert_eq!(event.event.reason, a.reason);
    assert_eq!(event.scheme, "mep_2017");

    // The same level again records nothing; an empty reason or an earlier date is refused.
    assert!(
        store
            .record_warning_step(Some(Level::Orange), d(2), "复核", "值班员")
            .await
            .expect("same")
            .is_none()
    );
    assert!(matches!(
        store
            .record_warning_step(Some(Level::Red), d(2), "  ", "值班员")
            .await,
        Err(StoreError::Rejected(_))
    ));
    assert!(matches!(
        store
            .record_warning_step(None, Date::constant(2023, 11, 30), "解除", "值班员")
            .await,
        Err(StoreError::Rejected(_))
    ));
    store
        .record_warning_step(Some(Level::Red), d(2), "预报上调，AQI≥500", "值班员")
        .await
        .expect("upgrade");
    store
        .record_warning_step(Some(Level::Yellow), d(3), "预报下调", "值班员")
        .await
        .expect("downgrade");
    store
        .record_warning_step(None, d(4), "空气质量好转", "值班员")
        .await
        .expect("lift");
    let (log, events) = store.warning_log().await.expect("log");
    assert_eq!(log.state(), WarningState::Inactive);
    let kinds: Vec<EventKind> = events.iter().map(|e| e.event.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Issue,
            EventKind::Upgrade,
            EventKind::Downgrade,
            EventKind::Lift
        ]
    );
    assert_eq!(events[1].event.from, Some(Level::Orange));
    assert_eq!(events[1].event.reason, "预报上调，AQI≥500");
    assert_eq!(events[3].actor, "值班员");
    let audit = store.audit_events(50).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "warning.upgrade" && e.detail.contains("预报上调"))
    );
    // Warning steps reach the recipients' inboxes (气科, 办公室 by default).
    let notices = store.inbox(Some("气科"), false).await.expect("inbox");
    assert_eq!(notices.len(), 4);
    assert!(notices.iter().all(|n| n.kind == NoticeKind::Warning));
    // Measures: the example table until the bureau stores its own.
    assert!(store.warning_measures().await.expect("measures").example);
}

async fn water_alerts(store: &Store) {
    store
        .upsert_water_sections(&[section("通顺河出境")], "test")
        .await
        .expect("sections");
    store
        .set_hook(
            Some(&HookTarget::Url("http://127.0.0.1:1/hook".into())),
            "admin",
        )
        .await
        .expect("hook");
    // First import: 氨氮 0.4 (Ⅱ); second import: 氨氮 1.62 (Ⅳ, worse than Ⅲ and +305 %).
    let first = vec![auto("通顺河出境", 1, 4, "氨氮", "0.4")];
    import(store, &first).await;
    let second = vec![auto("通顺河出境", 1, 8, "氨氮", "1.62")];
    let batch = import(store, &second).await;
    let readings = store.alert_readings(&second).await.expect("readings");
    assert_eq!(readings.len(), 2, "the last stored reading is included");
    let sections = store.water_sections().await.expect("sections");
    let config = store.alert_config().await.expect("config");
    let since = date(2023, 5, 1).at(0, 0, 0, 0);
    let keys = store.alert_keys_since(since).await.expect("keys");
    let alerts = evaluate(&readings, &sections, &config, &keys).expect("evaluate");
    assert_eq!(alerts.len(), 2, "exceeds target and sudden change");
    let raised = store
        .raise_water_alerts(&alerts, batch, "cli")
        .await
        .expect("raise");
    assert_eq!(raised.alerts.len(), 2);
    assert_eq!(raised.notices, 4, "水科 and 监测站, two alerts each");
    assert_eq!(raised.deliveries.len(), 2);

    // Raising again (same keys) adds nothing; evaluating again finds nothing new.
    let again = store
        .raise_water_alerts(&alerts, batch, "cli")
        .await
        .expect("again");
    assert!(again.alerts.is_empty() && again.deliveries.is_empty());
    let keys = store.alert_keys_since(since).await.expect("keys");
    assert!(
        evaluate(&readings, &sections, &config, &keys)
            .expect("eval")
            .is_empty()
    );

    // Inbox: read, acknowledge once; a second acknowledgement is refused.
    let inbox = store.inbox(Some("水科"), true).await.expect("inbox");
    assert_eq!(inbox.len(), 2);
    let item = store.mark_read(inbox[0].id, "张三").await.expect("read");
    assert!(item.read.is_some() && item.acknowledged.is_none());
    let item = store.acknowledge(inbox[0].id, "张三").await.expect("ack");
    assert_eq!(
        item.acknowledged.map(|(_, by)| by),
        Some("张三".to_string())
    );
    assert!(matches!(
        store.acknowledge(inbox[0].id, "李四").await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.inbox(Some("水科"), true).await.expect("open").len(),
        1
    );
    let alert_id = raised.alerts[0].id;
    store
        .acknowledge_alert(alert_id, "监测站", "王五")
        .await
        .expect("ack alert");
    assert!(
        store
            .acknowledge_alert(alert_id, "土科", "x")
            .await
            .is_err()
    );

    // Deliveries: a failed attempt is kept, counted and retried, never dropped.
    let pending = store.undelivered(false, None).await.expect("pending");
    assert_eq!(pending.len(), 2);
    store
        .record_delivery_attempt(pending[0].id, Err("connection refused".into()), "cli")
        .await
        .expect("attempt");
    store
        .record_delivery_attempt(pending[1].id, Ok(()), "cli")
        .await
        .expect("attempt");
    assert_eq!(store.undelivered(false, None).await.expect("p").len(), 0);
    let retry = store.undelivered(true, None).await.expect("retry");
    assert_eq!(retry.len(), 1);
    assert_eq!(retry[0].status, DeliveryStatus::Failed);
    assert_eq!(retry[0].attempts, 1);
    assert_eq!(retry[0].last_error.as_deref(), Some("connection refused"));

    // Escalation: everything not acknowledged 24 h later goes to 办公室, once.
    let later = jiff::Timestamp::now().as_second() + 25 * 3600;
    let (created, queued) = store
        .escalate_overdue(later, "cli")
        .await
        .expect("escalate");
    let open_before = created.len();
    assert!(open_before >= 2, "{open_before}");
    assert!(
        created
            .iter()
            .all(|i| i.unit == "办公室" && i.kind == NoticeKind::Escalation)
    );
    assert_eq!(queued.len(), open_before);
    let (again, _) = store.escalate_overdue(later, "cli").await.expect("again");
    assert!(again.is_empty(), "escalated once");
}

async fn compensation_inputs(store: &Store) {
    store
        .upsert_water_sections(&[section("界河")], "test")
        .await
        .expect("sections");
    let samples = vec![
        manual("界河", 4, "COD", "18"),
        manual("界河", 4, "氨氮", "0.8"),
        manual("界河", 4, "总磷", "0.1"),
        manual("界河", 5, "COD", "22"),
        manual("界河", 5, "氨氮", "1.2"),
        manual("界河", 5, "总磷", "0.01L"),
        manual("界河", 5, "溶解氧", "6"),
    ];
    let mut second = manual("界河", 5, "COD", "26");
    second.time = date(2023, 5, 25).at(10, 0, 0, 0);
    let mut all = samples.clone();
    all.push(second);
    import(store, &all).await;
    let q2: AssessmentPeriod = "2023-Q2".parse().expect("period");
    let values = store
        .monthly_factor_values(&["界河".to_string()], &default_factors(), q2)
        .await
        .expect("values");
    assert_eq!(values.len(), 2, "June has no data");
    let may = &values[1];
    assert_eq!(may.month.to_string(), "2023-05");
    let v = |item: &str| {
        may.values
            .iter()
            .find(|(i, _)| *i == Item::from_str(item).expect("item"))
            .map(|(_, v)| *v)
    };
    assert_eq!(v("COD"), Some(Decimal::from(24)), "(22 + 26) / 2");
    assert_eq!(
        v("总磷"),
        Some(Decimal::new(5, 3)),
        "0.01L alone: half the limit"
    );
    assert_eq!(v("溶解氧"), None, "not a factor");
}

async fn story(target: &str) {
    let store = Store::open(target, true).await.expect("open");
    warnings(&store).await;
    water_alerts(&store).await;
    compensation_inputs(&store).await;
}

#[tokio::test]
async fn alerts_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("alerts.db");
    story(&path.display().to_string()).await;
}

#[tokio::test]
async fn alerts_on_postgres_when_configured() {
    let Ok(url) = std::env::var("ECOGOV_TEST_DATABASE_URL") else {
        eprintln!("skipped: ECOGOV_TEST_DATABASE_URL is not set");
        return;
    };
    let admin = Database::connect(&url).await.expect("connect");
    admin
        .execute_unprepared("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
        .await
        .expect("reset schema");
    admin.close().await.expect("close");
    story(&url).await;
}
