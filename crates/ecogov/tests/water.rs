//! Water commands: the monthly bulletin on the demo data (JSON and XLSX), row-by-row
//! classification with bad rows refused, and the lake index.

mod common;
use common::*;

use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;

#[test]
fn monthly_bulletin_on_the_demo_data_as_json_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(d, &["demo", "--db", "demo.db", "--no-serve"]));
    let json: Value = serde_json::from_str(&ok(ecogov(
        d,
        &[
            "water", "monthly", "--month", "2023-05", "--db", "demo.db", "--json", "--xlsx",
            "b.xlsx",
        ],
    )))
    .expect("json");
    assert_eq!(json["month"], "2023-05");
    assert_eq!(json["synthetic"], true, "demo data are labelled");
    let sections = json["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 9);
    assert_eq!(json["evaluated"], 9);
    let ranks: Vec<u64> = sections.iter().filter_map(|s| s["rank"].as_u64()).collect();
    assert_eq!(ranks, (1..=9).collect::<Vec<_>>());
    for s in sections {
        let class = s["class"].as_str().expect("class");
        assert!(["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ"].contains(&class), "{class}");
        assert!(s["district"].is_string());
    }

    let mut book: Xlsx<_> = open_workbook(d.join("b.xlsx")).expect("open xlsx");
    let sheet = book.worksheet_range("2023年5月").expect("sheet");
    let cell = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert!(
        cell(0, 0).contains("2023年5月") && cell(0, 0).contains("模拟数据"),
        "{}",
        cell(0, 0)
    );
    assert_eq!(cell(2, 1), "断面名称");
    assert_eq!(cell(3, 0), "1");
    assert_eq!(cell(3, 1), sections[0]["section"].as_str().expect("name"));
    assert_eq!(cell(3, 6), sections[0]["class"].as_str().expect("class"));
    assert_eq!(sheet.height(), 3 + 9);

    let bad = ecogov(
        d,
        &["water", "monthly", "--month", "2023-13", "--db", "demo.db"],
    );
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM"));
}

#[test]
fn class_rows_and_refuse_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("auto.csv"),
        "省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n\
         湖北省,长江流域,潜江大桥,2023-05-01 04:00,Ⅱ,21.3,7.9,8.6,320,12,2.1,1.62,0.05,1.2,0.004,1200000,正常\n\
         湖北省,长江流域,潜江大桥,2023-05-01 08:00,Ⅱ,21.3,17.9,8.6,320,12,2.1,0.12,0.05,1.2,0.004,1200000,正常\n\
         湖北省,长江流域,潜江大桥,2023-05-01 12:00,Ⅱ,21.3,7.9,8.6,320,12,2.1,0.12,0.01L,1.2,0.004,1200000,正常\n",
    )
    .expect("write");
    let out = ecogov(d, &["water", "class", "auto.csv", "--json"]);
    assert!(
        !out.status.success(),
        "a bad row makes the exit status non-zero"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("auto.csv:3:pH(无量纲)"),
        "file, line and field: {err}"
    );
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 2, "the good rows are still classified");
    assert_eq!(rows[0]["class"], "Ⅴ", "NH3-N 1.62 is class Ⅴ");
    assert_eq!(
        rows[0]["main_pollutants"],
        serde_json::json!(["氨氮(0.62)"])
    );
    assert_eq!(rows[0]["evaluated_as"], "river");
    assert_eq!(rows[0]["in_registry"], false);
    assert_eq!(rows[1]["class"], "Ⅱ");
}

#[test]
fn lake_trophic_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = ok(ecogov(
        dir.path(),
        &[
            "water", "lake", "chla=10", "TP=0.05", "TN=1.2", "SD=0.8", "CODMn=4", "--json",
        ],
    ));
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["class"], "中营养");
    let bad = ecogov(dir.path(), &["water", "lake", "XX=1"]);
    assert!(!bad.status.success());
}
