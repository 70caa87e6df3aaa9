//! The binary as people use it: plan files, init, the ledger, progress records and refusals.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;
use std::process::Output;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

#[test]
fn plan_show_json_holds_the_whole_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = json(&ecogov(dir.path(), &["plan", "show", "--json"]));
    assert_eq!(plan["year"], 2023);
    let tasks = plan["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 25);
    let task = |id: &str| {
        tasks
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        task("1.1")["lead_units"],
        serde_json::json!(["审批科", "综合执法支队"])
    );
    assert_eq!(
        task("3.2")["co_units"],
        serde_json::json!(["综治执法支队", "监测站"])
    );
    assert_eq!(
        task("4.3")["lead_units"],
        serde_json::json!(["执法科", "综合执法支队"])
    );
    let deliverable = |id: &str| {
        tasks
            .iter()
            .flat_map(|t| t["deliverables"].as_array().into_iter().flatten())
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    assert_eq!(deliverable("yangtze-outfalls")["target"], 13);
    assert_eq!(deliverable("diesel-road-checks")["target"], 1000);
    assert_eq!(deliverable("diesel-home-checks")["target"], 300);
    assert_eq!(
        deliverable("sihu-compensation-agreement")["due"],
        "2023-03-31"
    );
    let d = deliverable("beautiful-river-lake-cases");
    assert_eq!(
        (d["target"].clone(), d["target_max"].clone()),
        (Value::from(1), Value::from(2))
    );
    let targets = plan["targets"].as_array().expect("targets");
    let farmland = targets
        .iter()
        .find(|t| t["id"] == "soil-polluted-farmland-safe-use")
        .expect("farmland");
    assert_eq!(
        (
            farmland["comparator"].clone(),
            farmland["threshold"].clone()
        ),
        (Value::from("ge"), Value::from(90))
    );
    let pm = targets
        .iter()
        .find(|t| t["id"] == "air-pm25-annual-mean")
        .expect("pm2.5");
    assert!(pm["threshold"].is_null(), "省下达: empty until set");
    assert!(
        plan["units"]
            .as_array()
            .expect("units")
            .iter()
            .any(|u| u["name"] == "禁烧办" && u["internal"] == false)
    );
}

#[test]
fn plan_check_lists_every_problem_and_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans/qianjiang-2023.toml");
    let good = ecogov(
        dir.path(),
        &["plan", "check", plan_path.to_str().expect("utf-8 path")],
    );
    assert!(good.status.success(), "{}", stdout(&good));
    let broken = PLAN
        .replacen("lead = [\"水科\"]", "lead = [\"水务科\"]", 1)
        .replacen(
            "id = \"press-conferences\"",
            "id = \"facility-open-days\"",
            1,
        )
        .replacen("due = \"2023-04-30\"", "due = \"2023-04-31\"", 1);
    std::fs::write(dir.path().join("broken.toml"), &broken).expect("write");
    let out = ecogov(dir.path(), &["plan", "check", "broken.toml"]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(text.contains("未登记的单位“水务科”"), "{text}");
    assert!(
        text.contains("重复的量化任务标识“facility-open-days”"),
        "{text}"
    );
    assert!(text.contains("日期“2023-04-31”无效"), "{text}");
    assert!(text.contains("共 3 个问题"), "{text}");
    // Each problem names the file and the line.
    let line_of = |needle: &str| {
        broken
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .expect("needle")
    };
    assert!(
        text.contains(&format!("broken.toml:{}:", line_of("水务科"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("broken.toml:{}:", line_of("2023-04-31"))),
        "{text}"
    );
    // Not a plan at all, and a missing file: clear errors, no panic.
    std::fs::write(dir.path().join("junk.toml"), [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let junk = ecogov(dir.path(), &["plan", "check", "junk.toml"]);
    assert!(
        !junk.status.success() && stderr(&junk).contains("UTF-8"),
        "{}",
        stderr(&junk)
    );
    let missing = ecogov(dir.path(), &["plan", "check", "nope.toml"]);
    assert!(!missing.status.success() && stderr(&missing).contains("无法读取计划文件"));
}

#[test]
fn progress_records_are_checked_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let init = ecogov(dir.path(), &["init", "--db", "t.db"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let again = ecogov(dir.path(), &["init", "--db", "t.db"]);
    assert!(
        stdout(&again).contains("未改动"),
        "init is idempotent: {}",
        stdout(&again)
    );

    let ledger = || {
        json(&ecogov(
            dir.path(),
            &[
                "progress",
                "--db",
                "t.db",
                "--as-of",
                "2023-12-31",
                "--json",
            ],
        ))
    };
    let before = ledger();
    let refused: [(&[&str], &str); 6] = [
        (
            &[
                "--deliverable",
                "no-such-thing",
                "--value",
                "1",
                "--date",
                "2023-05-01",
                "--unit",
                "水科",
            ],
            "不存在",
        ),
        (
            &[
                "--deliverable",
                "yangtze-outfalls",
                "--value",
                "1",
                "--date",
                "2023-05-01",
                "--unit",
                "气科",
            ],
            "不是任务",
        ),
        (
            &[
                "--deliverable",
                "yangtze-outfalls",
                "--value",
                "-2",
                "--date",
                "2023-05-01",
                "--unit",
                "水科",
            ],
            "负数",
        ),
        (
            &[
                "--deliverable",
                "yangtze-outfalls",
                "--value",
                "1",
                "--date",
                "2023/05/01",
                "--unit",
                "水科",
            ],
            "YYYY-MM-DD",
        ),
        (
            &[
                "--deliverable",
                "yangtze-outfalls",
                "--value",
                "1.5",
                "--date",
                "2023-05-01",
                "--unit",
                "水科",
            ],
            "整数",
        ),
        (
            &[
                "--deliverable",
                "yangtze-outfalls",
                "--value",
                "1",
                "--date",
                "2023-05-01",
                "--unit",
                "水务科",
            ],
            "不在单位名录",
        ),
    ];
    for (args, expected) in refused {
        let mut full = vec!["progress", "record", "--db", "t.db"];
        full.extend_from_slice(args);
        let out = ecogov(dir.path(), &full);
        assert!(!out.status.success(), "{args:?} must be refused");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        ledger(),
        before,
        "refused reports leave the database unchanged"
    );

    let ok = ecogov(
        dir.path(),
        &[
            "progress",
            "record",
            "--db",
            "t.db",
            "--deliverable",
            "yangtze-outfalls",
            "--value",
            "5",
            "--date",
            "2023-05-01",
            "--unit",
            "督察办",
        ],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let after = ledger();
    let row = after["deliverables"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|d| d["id"] == "yangtze-outfalls")
        .expect("row")
        .clone();
    assert_eq!(row["actual"], 5);
    assert_eq!(
        row["status"], "behind",
        "5 of 13 on the due date; overdue from the next day"
    );
}

#[test]
fn tasks_by_unit_and_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        ecogov(dir.path(), &["init", "--db", "t.db"])
            .status
            .success()
    );
    let lead = json(&ecogov(
        dir.path(),
        &[
            "tasks", "--db", "t.db", "--unit", "水科", "--role", "lead", "--json",
        ],
    ));
    let ids: Vec<&str> = lead
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert_eq!(ids, ["2.1", "2.3", "4.4"]);
    let all = json(&ecogov(dir.path(), &["tasks", "--db", "t.db", "--json"]));
    assert_eq!(all.as_array().map(Vec::len), Some(25));
    let unknown = ecogov(dir.path(), &["tasks", "--db", "t.db", "--unit", "水务科"]);
    assert!(!unknown.status.success() && stderr(&unknown).contains("水务科"));
    let no_db = ecogov(dir.path(), &["tasks", "--db", "absent.db"]);
    assert!(!no_db.status.success() && stderr(&no_db).contains("ecogov init"));
    assert!(
        !dir.path().join("absent.db").exists(),
        "a missing database is not created by reading"
    );
}

#[test]
fn province_thresholds_are_set_with_who_and_refused_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        ecogov(dir.path(), &["init", "--db", "t.db"])
            .status
            .success()
    );
    let set = |args: &[&str]| {
        let mut full = vec!["target", "set", "--db", "t.db"];
        full.extend_from_slice(args);
        ecogov(dir.path(), &full)
    };
    let ok = set(&[
        "--id",
        "air-pm25-annual-mean",
        "--value",
        "35",
        "--by",
        "张三",
        "--note",
        "省厅文件",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("≤ 35"));
    for (args, expected) in [
        (vec!["--id", "nope", "--value", "1", "--by", "x"], "不存在"),
        (
            vec!["--id", "ecology-biodiversity", "--value", "1", "--by", "x"],
            "定性目标",
        ),
        (
            vec![
                "--id",
                "soil-polluted-farmland-safe-use",
                "--value",
                "95",
                "--by",
                "x",
            ],
            "本计划明确",
        ),
        (
            vec!["--id", "air-good-days-ratio", "--value", "-3", "--by", "x"],
            "负数",
        ),
        (
            vec!["--id", "air-good-days-ratio", "--value", "abc", "--by", "x"],
            "不是数字",
        ),
    ] {
        let out = set(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
