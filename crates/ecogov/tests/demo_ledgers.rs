//! The demo's ledgers, warnings and supervision records, checked through the CLI: the demo
//! draw verifies, the diesel and outfall deliverables are counted from the ledgers, the demo
//! agreement settles, a notice is overdue on the demo date, and a second run adds nothing.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;

fn json(d: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(ecogov(d, args))).expect("json")
}

/// Everything a second demo run could duplicate, as printed.
fn snapshot(d: &Path) -> Vec<String> {
    [
        &["enterprise", "list", "--db", "demo.db"][..],
        &["draw", "list", "--db", "demo.db"],
        &["inspection", "list", "--db", "demo.db"],
        &["diesel", "list", "--year", "2023", "--db", "demo.db"],
        &["outfall", "list", "--db", "demo.db"],
        &[
            "petition",
            "list",
            "--db",
            "demo.db",
            "--today",
            "2023-09-30",
        ],
        &["warning", "log", "--db", "demo.db"],
        &["agreement", "list", "--db", "demo.db"],
        &["notices", "--db", "demo.db", "--as-of", "2023-09-30"],
        &["rectifications", "--db", "demo.db", "--as-of", "2023-09-30"],
        &[
            "progress",
            "--db",
            "demo.db",
            "--as-of",
            "2023-09-30",
            "--json",
        ],
    ]
    .iter()
    .map(|args| ok(ecogov(d, args)))
    .collect()
}

#[test]
fn the_demo_seeds_verifiable_ledgers_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let first = ok(ecogov(d, &["demo", "--no-serve", "--db", "demo.db"]));
    assert!(
        first.contains("条演示监管、预警、督办记录（演示数据）"),
        "{first}"
    );

    // The 双随机 draw with its fixed demo seed verifies from its published texts.
    let verified = ok(ecogov(d, &["draw", "verify", "1", "--db", "demo.db"]));
    assert!(verified.contains("验证通过"), "{verified}");
    let draw = json(d, &["draw", "show", "1", "--json", "--db", "demo.db"]);
    assert_eq!(draw["state"], "revealed");
    assert!(draw["period"].as_str().expect("period").contains("演示"));
    assert_eq!(
        draw["assignments"].as_array().expect("assignments").len(),
        2
    );
    let inspections = json(
        d,
        &["inspection", "list", "--drawn", "--json", "--db", "demo.db"],
    );
    assert_eq!(inspections.as_array().expect("inspections").len(), 2);

    // The counted deliverables come from the ledgers only (no hand-entered demo reports).
    let progress = json(
        d,
        &[
            "progress",
            "--db",
            "demo.db",
            "--as-of",
            "2023-09-30",
            "--json",
        ],
    );
    let row = |id: &str| {
        progress["deliverables"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .clone()
    };
    let diesel = json(
        d,
        &[
            "diesel", "list", "--year", "2023", "--json", "--db", "demo.db",
        ],
    );
    assert_eq!(diesel["road_checks"], 762);
    assert_eq!(diesel["home_checks"], 175);
    let road = row("diesel-road-checks");
    assert_eq!(road["actual"], diesel["road_checks"], "{road}");
    assert_eq!(road["status"], "on_track", "{road}");
    let home = row("diesel-home-checks");
    assert_eq!(home["actual"], diesel["home_checks"], "{home}");
    assert_eq!(home["status"], "behind", "{home}");
    let outfalls = row("yangtze-outfalls");
    assert_eq!(
        outfalls["actual"], 9,
        "9 of the 13 outfalls closed: {outfalls}"
    );
    assert_eq!(outfalls["status"], "on_track", "{outfalls}");
    let listed = ok(ecogov(d, &["outfall", "list", "--db", "demo.db"]));
    assert!(listed.contains("共 13 个，已销号 9 个"), "{listed}");

    // The demo agreement settles 2023-Q2 from the synthetic samples.
    let settled = ok(ecogov(
        d,
        &[
            "compensation",
            "--agreement",
            "demo-xinglong-2023",
            "--period",
            "2023-Q2",
            "--db",
            "demo.db",
        ],
    ));
    assert!(settled.contains("结论："), "{settled}");

    // One notice is overdue on the demo date, the other replied.
    let notices = json(
        d,
        &[
            "notices",
            "--db",
            "demo.db",
            "--as-of",
            "2023-09-30",
            "--json",
        ],
    );
    let statuses: Vec<&str> = notices
        .as_array()
        .expect("notices")
        .iter()
        .filter_map(|n| n["status"].as_str())
        .collect();
    assert!(statuses.contains(&"overdue"), "{statuses:?}");
    assert!(statuses.contains(&"replied"), "{statuses:?}");
    let text = ok(ecogov(
        d,
        &["notices", "--db", "demo.db", "--as-of", "2023-09-30"],
    ));
    assert!(text.contains("已逾期"), "{text}");

    // A second run reuses the database and writes nothing.
    let before = snapshot(d);
    let second = ok(ecogov(d, &["demo", "--no-serve", "--db", "demo.db"]));
    assert!(second.contains("沿用已有演示数据库"), "{second}");
    assert!(!second.contains("演示监管"), "{second}");
    assert_eq!(snapshot(d), before, "a second demo run duplicates nothing");
    let audit = ok(ecogov(d, &["audit", "verify", "--db", "demo.db"]));
    assert!(audit.contains("审计记录完整"), "{audit}");
}
