//! The pages, driven through the router in process on an in-memory SQLite store.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::progress::{ReportInput, check_report};
use ecogov_store::Store;
use ecogov_web::{AppState, AsOf, app};
use http_body_util::BodyExt;
use jiff::civil::Date;
use scraper::{Html, Selector};
use tower::ServiceExt;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

async fn state(demo: bool) -> AppState {
    let store = Store::open("sqlite::memory:", true).await.expect("store");
    let plan = parse_plan(PLAN).expect("plan");
    store
        .install_plan(&plan, PLAN, "test")
        .await
        .expect("install");
    let stored = store.plan(None).await.expect("plan");
    for (d, u, date, v) in [
        ("yangtze-outfalls", "水科", "2023-03-01", "4"),
        ("sihu-compensation-agreement", "水科", "2023-03-20", "1"),
        ("diesel-road-checks", "综合执法支队", "2023-08-01", "900"),
    ] {
        let input = ReportInput {
            deliverable: d,
            value: v,
            date,
            unit: u,
            note: Some("测试"),
        };
        let report =
            check_report(&stored.plan, input, Date::constant(2023, 12, 31), demo).expect("report");
        store
            .record_progress(stored.id, &report, "test")
            .await
            .expect("record");
    }
    // These tests read the ledger without signing in (as the demo does); sign-in is tested in
    // auth.rs and workflow.rs.
    let mut state = AppState::new(store, AsOf::Fixed(Date::constant(2023, 6, 30)), demo);
    state.security.open_ledger = true;
    state
}

/// Registers 潜阳中路站 (QJ001, 潜江市) and returns its code.
async fn register_qianjiang_station(s: &AppState) -> ecogov_domain::monitoring::StationCode {
    use ecogov_domain::monitoring::{AirStation, ControlLevel, StationCode};
    let code = StationCode::parse("QJ001").expect("code");
    let station = AirStation {
        code: code.clone(),
        name: "潜阳中路站".into(),
        city: "潜江市".into(),
        longitude: None,
        latitude: None,
        control_point: false,
        level: ControlLevel::Provincial,
    };
    s.store
        .upsert_air_stations(&[station], "test")
        .await
        .expect("station");
    code
}

async fn get(state: AppState, uri: &str) -> (StatusCode, String) {
    let (status, bytes) = get_bytes(state, uri).await;
    (status, String::from_utf8(bytes).expect("utf-8"))
}

async fn get_bytes(state: AppState, uri: &str) -> (StatusCode, Vec<u8>) {
    let response = app(state)
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, bytes.to_vec())
}

fn select(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[tokio::test]
async fn overview_shows_targets_and_groups() {
    let (status, body) = get(state(false).await, "/").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&body);
    assert_eq!(select(&doc, "h1"), ["潜江市生态环境局2023年重点工作任务"]);
    let areas = select(&doc, ".area h3");
    assert_eq!(areas.len(), 8);
    assert_eq!(areas[0], "1. 水环境");
    assert_eq!(areas[7], "8. 核与辐射安全");
    assert_eq!(select(&doc, ".group h3").len(), 6);
    assert_eq!(select(&doc, ".group table.tasks tbody tr").len(), 25);
    assert!(
        select(&doc, "td")
            .iter()
            .any(|t| t.starts_with("稳定在 ≥ 90%")),
        "farmland threshold shown"
    );
    assert!(
        select(&doc, "td.unset")
            .iter()
            .all(|t| t.starts_with("目标未设定"))
    );
    // Every target is shown: the 20 quantified ones bound to a computation, each with a status,
    // and the 4 qualitative ones marked as such; none left unbound.
    let rows = select(&doc, ".area table.indicators tbody tr");
    assert_eq!(rows.len(), 24);
    assert_eq!(select(&doc, ".area .manual").len(), 0);
    assert_eq!(select(&doc, ".area .track").len(), 20);
    assert_eq!(
        select(&doc, ".area td")
            .iter()
            .filter(|t| t.as_str() == "定性目标")
            .count(),
        4
    );
    // The deliverable status legend counts all 47 deliverables.
    let total: usize = select(&doc, "section.summary ul.legend li")
        .iter()
        .filter_map(|li| {
            li.split_whitespace()
                .last()
                .and_then(|n| n.parse::<usize>().ok())
        })
        .sum();
    assert_eq!(total, 47);
    assert!(body.contains("<svg"), "status bar is inline SVG");
    assert!(!body.contains("<script"), "no JavaScript");
    assert!(
        !body.contains("演示数据"),
        "no demo banner outside the demo"
    );
}

#[tokio::test]
async fn task_page_shows_text_units_and_progress() {
    let (status, body) = get(state(false).await, "/tasks/2.3").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&body);
    assert!(select(&doc, "h1")[0].starts_with("（二）3 深入打好碧水保卫战"));
    assert!(select(&doc, "blockquote")[0].contains("推动一季度与荆州市人民政府签订"));
    assert_eq!(select(&doc, "table.parts a.unit:not(.co)"), ["水科"]);
    assert_eq!(
        select(&doc, "table.parts a.unit.co"),
        ["综合执法支队", "监测站", "环科院"]
    );
    let row = Html::parse_fragment(&body);
    let agreement = select(&row, "#d-sihu-compensation-agreement .badge");
    assert_eq!(agreement, ["已完成"]);
    assert_eq!(
        select(&row, "#d-algal-bloom-watch .badge"),
        ["逾期"],
        "due 04-30, nothing reported by 06-30"
    );
    assert_eq!(select(&doc, "table.reports tbody tr").len(), 1);
}

#[tokio::test]
async fn unit_page_lists_lead_and_co_tasks() {
    let (status, body) = get(
        state(false).await,
        "/units/%E7%BB%BC%E5%90%88%E6%89%A7%E6%B3%95%E6%94%AF%E9%98%9F",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "综合执法支队");
    let doc = Html::parse_document(&body);
    let sections = Selector::parse("section").expect("sel");
    let tables: Vec<Vec<String>> = doc
        .select(&sections)
        .map(|s| {
            s.select(&Selector::parse("table.tasks tbody tr td.num:first-child").expect("sel"))
                .map(|e| e.text().collect())
                .collect()
        })
        .collect();
    assert!(
        tables[0].contains(&"（二）1".to_string()),
        "leads (二)1: {tables:?}"
    );
    assert!(
        tables[2].contains(&"（三）2".to_string()),
        "co-operates on (三)2 as 综治执法支队: {tables:?}"
    );
    let (status, _) = get(state(false).await, "/units").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn as_of_query_changes_the_judgement() {
    let (_, early) = get(state(false).await, "/tasks/2.2?as_of=2023-02-01").await;
    let (_, late) = get(state(false).await, "/tasks/2.2?as_of=2023-08-15").await;
    let badge = |body: &str| select(&Html::parse_document(body), "#d-diesel-road-checks .badge");
    assert_eq!(badge(&early), ["滞后"], "nothing done by Feb");
    assert_eq!(badge(&late), ["正常"], "900 of 1000 by mid-August");
}

#[tokio::test]
async fn errors_are_pages_with_status() {
    assert_eq!(
        get(state(false).await, "/tasks/9.9").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(state(false).await, "/units/%E4%B8%8D%E5%AD%98%E5%9C%A8")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(state(false).await, "/nowhere").await.0,
        StatusCode::NOT_FOUND
    );
    let (status, body) = get(state(false).await, "/?as_of=2023-13-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("评估日期"));
    let mut empty = AppState::new(
        Store::open("sqlite::memory:", true).await.expect("store"),
        AsOf::Today,
        false,
    );
    empty.security.open_ledger = true;
    let (status, body) = get(empty, "/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("ecogov init"));
}

#[tokio::test]
async fn demo_pages_carry_the_banner_and_css_is_served() {
    let (_, body) = get(state(true).await, "/").await;
    assert!(body.contains("演示数据"));
    let (status, css) = get(state(true).await, "/assets/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains("@media print"));
}

#[tokio::test]
async fn data_page_labels_synthetic_data() {
    use ecogov_domain::monitoring::{AirHour, DataStage};
    use ecogov_standards::air::{HourEnding, Readings};
    use ecogov_store::AirImport;

    let s = state(false).await;
    let (status, body) = get(s.clone(), "/data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("尚无空气监测数据") && !body.contains("synthetic-tag"));

    let code = register_qianjiang_station(&s).await;
    let hours = vec![AirHour {
        station: code,
        hour: HourEnding::new(Date::constant(2023, 1, 1), 1).expect("hour"),
        readings: Readings::default(),
        stage: DataStage::RealTime,
    }];
    let job = AirImport {
        kind: "synthetic",
        file: "gen",
        hours: &hours,
        replace: false,
        dry_run: false,
        actor: "test",
    };
    s.store.import_air_hours(job).await.expect("import");
    let (_, body) = get(s, "/data").await;
    let doc = Html::parse_document(&body);
    assert!(select(&doc, ".synthetic-tag").len() >= 2, "模拟数据 shown");
    assert_eq!(select(&doc, "table.stations tbody tr td.code"), ["QJ001"]);
}

#[tokio::test]
async fn monthly_bulletin_page() {
    use ecogov_domain::monitoring::{ControlLevel, DataStage};
    use ecogov_domain::water_data::{SampleSource, WaterSample, WaterSection};
    use ecogov_standards::water::{WaterBody, WaterClass};
    use ecogov_store::WaterImport;

    let s = state(false).await;
    let section = WaterSection {
        name: "毛场".into(),
        water: "四湖总干渠".into(),
        basin: "长江".into(),
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: Some(WaterClass::III),
        district: Some("张金镇".into()),
        upstream: Some("张金镇".into()),
        downstream: Some("老新镇".into()),
    };
    s.store
        .upsert_water_sections(&[section], "test")
        .await
        .expect("section");
    let samples = vec![WaterSample {
        section: "毛场".into(),
        time: jiff::civil::date(2023, 5, 10).at(10, 0, 0, 0),
        parameter: "氨氮".parse().expect("item"),
        value: "1.62".parse().expect("value"),
        source: SampleSource::Manual,
        stage: DataStage::Audited,
    }];
    let job = WaterImport {
        kind: "manual",
        file: "m.csv",
        samples: &samples,
        replace: false,
        dry_run: false,
        actor: "test",
    };
    s.store.import_water_samples(job).await.expect("import");
    let (status, body) = get(s.clone(), "/water/monthly?month=2023-05").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&body);
    assert_eq!(
        select(&doc, "h1.bulletin-title"),
        ["2023年5月全市跨界断面水质通报"]
    );
    let cells = select(&doc, "table.bulletin-table tbody tr td");
    assert_eq!(&cells[..3], ["1", "毛场", "四湖总干渠"]);
    assert!(cells.contains(&"Ⅴ".to_string()) && cells.contains(&"未达标".to_string()));
    assert!(cells.contains(&"氨氮(0.62)".to_string()));
    assert!(cells.contains(&"张金镇 → 老新镇".to_string()));
    assert_eq!(
        get(s, "/water/monthly?month=2023-13").await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn overview_shows_year_to_date_air_values() {
    use ecogov_domain::monitoring::{AirHour, DataStage};
    use ecogov_standards::air::{HourEnding, Pollutant, Reading, Readings};
    use ecogov_store::AirImport;
    use rust_decimal::Decimal;

    let s = state(false).await;
    let code = register_qianjiang_station(&s).await;
    let hours: Vec<AirHour> = (1..=24)
        .map(|h| {
            let mut r = Readings::default();
            for (p, v) in [
                (Pollutant::So2, 5),
                (Pollutant::No2, 20),
                (Pollutant::Pm10, 60),
                (Pollutant::Pm25, 42),
                (Pollutant::O3, 60),
            ] {
                r.set(p, Reading::value(p, Decimal::from(v)).expect("value"));
            }
            r.set(
                Pollutant::Co,
                Reading::value(Pollutant::Co, Decimal::new(6, 1)).expect("co"),
            );
            AirHour {
                station: code.clone(),
                hour: HourEnding::new(Date::constant(2023, 3, 1), h).expect("hour"),
                readings: r,
                stage: DataStage::RealTime,
            }
        })
        .collect();
    let job = AirImport {
        kind: "cnemc",
        file: "f.csv",
        hours: &hours,
        replace: false,
        dry_run: false,
        actor: "test",
    };
    s.store.import_air_hours(job).await.expect("import");
    let plan_id = s.store.plan(None).await.expect("plan").id;
    s.store
        .set_target_threshold(
            plan_id,
            "air-pm25-annual-mean",
            Decimal::from(35),
            "张三",
            Some("省厅文件"),
        )
        .await
        .expect("threshold");
    let (status, page) = get(s.clone(), "/targets/air-pm25-annual-mean").await;
    assert_eq!(status, StatusCode::OK);
    let target = Html::parse_document(&page);
    assert_eq!(select(&target, "svg.chart rect title"), ["3月：42 μg/m³"]);
    assert!(
        select(&target, "ul.method li")
            .iter()
            .any(|m| m.contains("QJ001 潜阳中路站"))
    );
    assert_eq!(
        get(s.clone(), "/targets/nope").await.0,
        StatusCode::NOT_FOUND
    );
    let (_, body) = get(s, "/").await;
    let doc = Html::parse_document(&body);
    assert!(select(&doc, ".area .set-by").contains(&"张三 设定，省厅文件".to_string()));
    // 42 so far over one valid day, 184 days left (2023-06-30 → 12-31): the rest must average
    // ≤ (35 × 185 − 42) ÷ 184 = 34.96, shown rounded down to 34; 42 > 35 now, so at risk.
    let air = "article.area:nth-child(2)";
    assert_eq!(
        select(&doc, &format!("{air} .track")),
        ["有风险", "目标未设定", "目标未设定"]
    );
    assert_eq!(
        select(&doc, &format!("{air} .budget")),
        ["余下 184 天日均 PM2.5 平均须 ≤ 34 μg/m³，全年方能 ≤ 35 μg/m³"]
    );
    let current = select(&doc, &format!("{air} .current"));
    assert_eq!(current.len(), 3, "{current:?}");
    assert_eq!(current[0], "当前：42 μg/m³（截至 2023-06-30，有效 1 天）");
    assert_eq!(current[1], "当前：100%（截至 2023-06-30，有效 1 天）");
    assert_eq!(current[2], "当前：0 天（截至 2023-06-30，有效 1 天）");
}

#[tokio::test]
async fn the_target_report_prints_and_downloads() {
    let s = state(false).await;
    let (status, body) = get(s.clone(), "/reports/targets?month=2023-06").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&body);
    assert_eq!(select(&doc, "h1"), ["2023年6月主要目标完成情况"]);
    assert_eq!(select(&doc, ".report-table tbody tr").len(), 24);
    assert!(body.contains("截至 2023-06-30"));
    let (status, xlsx) = get_bytes(s.clone(), "/reports/targets.xlsx?month=2023-06").await;
    assert_eq!(status, StatusCode::OK);
    assert!(xlsx.starts_with(b"PK\x03\x04"), "a zip container");
    assert_eq!(
        get(s, "/reports/targets?month=2023-13").await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_open_ledger_shows_no_forms_that_change_things() {
    // The demo's pages are readable without signing in, but every form that writes is hidden.
    for path in [
        "/regulation/petitions",
        "/regulation/outfalls",
        "/regulation/diesel",
        "/regulation/draws",
        "/tasks/5.1",
    ] {
        let (status, body) = get(state(true).await, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !body.contains(r#"method="post" action="/regulation"#),
            "{path}"
        );
        assert!(!body.contains(r#"action="/tasks/5.1/step""#), "{path}");
    }
}
