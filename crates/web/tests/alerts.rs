//! Issue 9 pages through the router: the public bulletin without sign-in, the staff pages behind
//! it, acknowledging a notice (own unit only, audited), and a compensation settlement.

mod common;
use common::*;

use axum::http::StatusCode;
use ecogov_domain::authz::AccountRole;
use ecogov_domain::monitoring::{ControlLevel, DataStage};
use ecogov_domain::warning::Level;
use ecogov_domain::water_alert::{AlertConfig, evaluate};
use ecogov_domain::water_data::{SampleSource, WaterSample, WaterSection};
use ecogov_standards::water::{Measurement, WaterBody, WaterClass};
use ecogov_store::{Store, WaterImport};
use jiff::civil::date;
use std::collections::HashSet;

fn section() -> WaterSection {
    WaterSection {
        name: "通顺河出境".into(),
        water: "通顺河".into(),
        basin: "长江".into(),
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: Some(WaterClass::III),
        district: Some("张金镇".into()),
        upstream: Some("潜江市".into()),
        downstream: Some("仙桃市".into()),
    }
}

fn sample(day: i8, parameter: &str, value: &str, source: SampleSource) -> WaterSample {
    WaterSample {
        section: "通顺河出境".into(),
        time: date(2023, 9, day).at(8, 0, 0, 0),
        parameter: parameter.parse().expect("parameter"),
        value: value.parse::<Measurement>().expect("value"),
        source,
        stage: DataStage::RealTime,
    }
}

async fn with_data(store: &Store) {
    store
        .upsert_water_sections(&[section()], "test")
        .await
        .expect("sections");
    let samples = vec![
        sample(5, "COD", "24", SampleSource::Manual),
        sample(5, "氨氮", "1.62", SampleSource::Automatic),
        sample(5, "总磷", "0.1", SampleSource::Manual),
    ];
    store
        .import_water_samples(WaterImport {
            kind: "test",
            file: "t.csv",
            samples: &samples,
            replace: false,
            dry_run: false,
            actor: "test",
        })
        .await
        .expect("import");
    let automatic: Vec<WaterSample> = samples
        .iter()
        .filter(|s| s.source == SampleSource::Automatic)
        .cloned()
        .collect();
    let alerts = evaluate(
        &automatic,
        &[section()],
        &AlertConfig::default(),
        &HashSet::new(),
    )
    .expect("evaluate");
    assert_eq!(alerts.len(), 1);
    store
        .raise_water_alerts(&alerts, None, "cli")
        .await
        .expect("raise");
}

#[tokio::test]
async fn the_public_page_needs_no_sign_in_and_shows_bulletin_and_warning() {
    let w = World::new().await;
    let empty = w.get("/public/bulletin", None).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert!(empty.body.contains("当前未发布重污染天气预警"));
    assert!(empty.body.contains("近一年尚无断面监测数据"));

    with_data(&w.state.store).await;
    w.state
        .store
        .record_warning_step(
            Some(Level::Orange),
            date(2023, 9, 29),
            "预测连续3天AQI>200",
            "值班员",
        )
        .await
        .expect("issue");
    let page = w.get("/public/bulletin", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("2023年9月全市跨界断面水质通报"),
        "{}",
        page.body
    );
    assert!(page.body.contains("通顺河出境") && page.body.contains("潜江市 → 仙桃市"));
    assert!(page.body.contains("Ⅴ"), "氨氮 1.62 → Ⅴ类");
    assert!(page.body.contains("2023-09-29 起发布橙色预警"));
    assert!(
        page.body.contains("中小学、幼儿园停止户外活动"),
        "health advice of orange"
    );
    assert!(!page.body.contains("<script"), "no JavaScript");

    // Staff pages are behind the sign-in.
    for path in ["/alerts", "/alerts/inbox", "/alerts/compensation"] {
        let r = w.get(path, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.location
                .as_deref()
                .is_some_and(|l| l.starts_with("/login")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_unit_acknowledges_its_own_notice_only() {
    let w = World::new().await;
    with_data(&w.state.store).await;
    w.account("shuike", "水科", AccountRole::UnitStaff).await;
    w.account("tuke", "土科", AccountRole::UnitStaff).await;
    let water = w.token("shuike").await;
    let soil = w.token("tuke").await;

    let hub = w.get("/alerts", Some(&water)).await;
    assert_eq!(hub.status, StatusCode::OK, "{}", hub.body);
    assert!(hub.body.contains("超过水质目标") && hub.body.contains("水科未确认"));

    let inbox = w.get("/alerts/inbox", Some(&water)).await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains("站内通知 · 水科") && inbox.body.contains("确认收到"));
    let item = w
        .state
        .store
        .inbox(Some("水科"), true)
        .await
        .expect("inbox");
    let path = format!("/alerts/inbox/{}/ack", item[0].id);

    let refused = w.post(&path, Some(&soil), &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let audit = w.state.store.audit_events(20).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "access.denied" && e.actor == "tuke")
    );
    assert!(
        w.state
            .store
            .inbox(Some("水科"), true)
            .await
            .expect("open")
            .len()
            == 1
    );

    let done = w.post(&path, Some(&water), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let all = w.state.store.inbox(Some("水科"), false).await.expect("all");
    assert_eq!(
        all[0].acknowledged.as_ref().map(|(_, by)| by.as_str()),
        Some("shuike")
    );
    let audit = w.state.store.audit_events(20).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "inbox.ack" && e.actor == "shuike")
    );
    let again = w.post(&path, Some(&water), &[]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    let hub = w.get("/alerts", Some(&water)).await;
    assert!(hub.body.contains("水科已确认"), "{}", hub.body);
}

#[tokio::test]
async fn the_settlement_page_says_who_pays_whom() {
    let w = World::new().await;
    with_data(&w.state.store).await;
    let text = "id = \"tongshun\"\nname = \"通顺河\"\nupstream = \"潜江市\"\ndownstream = \"仙桃市\"\nsections = [\"通顺河出境\"]\ntarget = \"Ⅲ\"\nassessment = \"月\"\n[rule]\nkind = \"exceedance_bands\"\n";
    let parsed = ecogov_io::alerts::agreement::parse(std::path::Path::new("t.toml"), text)
        .expect("agreement");
    w.state
        .store
        .import_agreement(&parsed, text, "t.toml", "test")
        .await
        .expect("import");
    w.account("shuike", "水科", AccountRole::UnitStaff).await;
    let t = w.token("shuike").await;
    let list = w.get("/alerts/compensation", Some(&t)).await;
    assert!(
        list.body.contains("tongshun") && list.body.contains("2023-Q3"),
        "{}",
        list.body
    );
    // September: COD 24 (0.2 over Ⅲ → 10 × 1.2 = 12), 氨氮 1.62 (0.62 → 25 × 1.62 = 40.5).
    let page = w
        .get("/alerts/compensation/tongshun?period=2023-09", Some(&t))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("潜江市 向 仙桃市 支付 52.5 万元"),
        "{}",
        page.body
    );
    let bad = w
        .get("/alerts/compensation/tongshun?period=2023-13", Some(&t))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let missing = w.get("/alerts/compensation/nope", Some(&t)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
