//! Imports as people run them: synthetic data, real CNEMC files, bad rows, re-imports, and an
//! import killed part-way.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn validation() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/validation/cnemc");
    dir.is_dir().then_some(dir)
}

#[test]
fn synthetic_data_imports_once_and_bad_rows_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(
        d,
        &[
            "gen",
            "air",
            "--stations",
            "3",
            "--from",
            "2023-03-01",
            "--to",
            "2023-03-02",
            "--out",
            "g",
            "--single",
        ],
    ));
    ok(ecogov(
        d,
        &["import", "stations", "g/stations.csv", "--db", "t.db"],
    ));
    let dry = ok(ecogov(
        d,
        &["import", "air", "g/air.csv", "--db", "t.db", "--dry-run"],
    ));
    assert!(dry.contains("新增 144"), "{dry}");
    assert!(
        !ok(ecogov(d, &["data", "summary", "--db", "t.db"])).contains("9001A"),
        "dry run wrote nothing"
    );
    let first = ok(ecogov(d, &["import", "air", "g/air.csv", "--db", "t.db"]));
    assert!(first.contains("新增 144，未变 0"), "{first}");
    let second = ok(ecogov(d, &["import", "air", "g/air.csv", "--db", "t.db"]));
    assert!(
        second.contains("新增 0，未变 144"),
        "same file twice, one copy: {second}"
    );

    // One bad row among good ones: reported with its line and field, nothing written.
    let text = std::fs::read_to_string(d.join("g/air.csv")).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[5] = lines[5].replacen("2023-03-01T", "2023-03-03T", 1);
    let fields: Vec<&str> = lines[9].split(',').collect();
    let mut bad: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
    bad[10] = "-5".into(); // pm2_5
    lines[9] = bad.join(",");
    std::fs::write(d.join("bad.csv"), lines.join("\n") + "\n").expect("write");
    let before = ok(ecogov(d, &["data", "summary", "--db", "t.db"]));
    let refused = ecogov(d, &["import", "air", "bad.csv", "--db", "t.db"]);
    assert!(!refused.status.success());
    let out = String::from_utf8_lossy(&refused.stdout);
    assert!(
        out.contains("bad.csv:10:pm2_5"),
        "line and field of the bad row: {out}"
    );
    assert!(out.contains("未写入任何数据"), "{out}");
    assert_eq!(
        ok(ecogov(d, &["data", "summary", "--db", "t.db"])),
        before,
        "the store is exactly as it was"
    );

    // A revised value: refused without --replace, taken with it.
    let mut revised: Vec<String> = text.lines().map(str::to_string).collect();
    let mut f: Vec<String> = revised[2].split(',').map(str::to_string).collect();
    f[10] = "999".into();
    f[7] = String::new();
    f[6] = String::new();
    revised[2] = f.join(",");
    std::fs::write(d.join("revised.csv"), revised[..3].join("\n") + "\n").expect("write");
    let conflict = ecogov(d, &["import", "air", "revised.csv", "--db", "t.db"]);
    assert!(!conflict.status.success());
    assert!(String::from_utf8_lossy(&conflict.stdout).contains("--replace"));
    let replaced = ok(ecogov(
        d,
        &["import", "air", "revised.csv", "--db", "t.db", "--replace"],
    ));
    assert!(replaced.contains("替换 1"), "{replaced}");
}

#[test]
fn real_cnemc_files_import() {
    let Some(dir) = validation() else {
        eprintln!("skipped: ../shared/validation/cnemc is absent");
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let list = dir.join("station-list-2022-02-13.csv");
    ok(ecogov(
        d,
        &[
            "import",
            "stations",
            list.to_str().expect("path"),
            "--db",
            "t.db",
        ],
    ));
    let hourly: Vec<PathBuf> = [
        "2023-01-18T08.csv",
        "2023-06-01T12.csv",
        "2023-12-22T09.csv",
        "2026-03-05T09.csv",
    ]
    .iter()
    .map(|n| dir.join(n))
    .collect();
    // Stations newer than the 2022 list are unknown: the file is refused, naming them by line.
    let refused = ecogov(
        d,
        &[
            "import",
            "air",
            hourly[3].to_str().expect("path"),
            "--db",
            "t.db",
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("未登记的监测站"));
    // The hourly files describe their stations too; registered from them, every file imports.
    for file in &hourly {
        ok(ecogov(
            d,
            &[
                "import",
                "stations",
                file.to_str().expect("path"),
                "--db",
                "t.db",
            ],
        ));
    }
    for file in &hourly {
        let text = ok(ecogov(
            d,
            &[
                "import",
                "air",
                file.to_str().expect("path"),
                "--db",
                "t.db",
            ],
        ));
        assert!(text.contains("已导入") && text.contains("替换 0"), "{text}");
    }
    let summary = ok(ecogov(d, &["data", "summary", "--db", "t.db"]));
    assert!(summary.contains("1001A"), "{summary}");
}

#[cfg(unix)]
#[test]
fn an_import_killed_part_way_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(
        d,
        &[
            "gen",
            "air",
            "--stations",
            "300",
            "--from",
            "2023-01-01",
            "--to",
            "2023-02-28",
            "--out",
            "g",
            "--single",
        ],
    ));
    ok(ecogov(
        d,
        &["import", "stations", "g/stations.csv", "--db", "t.db"],
    ));
    let before = ok(ecogov(d, &["data", "summary", "--db", "t.db"]));
    let wal = d.join("t.db-wal");
    let wal_size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let start_size = wal_size();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecogov"))
        .args(["import", "air", "g/air.csv", "--db", "t.db"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait until the import is writing (its transaction spills pages into the WAL), then SIGKILL.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            panic!(
                "the import finished ({status}) before it could be killed; make the data larger"
            );
        }
        if wal_size() > start_size + 4 * 1024 * 1024 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    // Readable, and exactly as before.
    assert_eq!(ok(ecogov(d, &["data", "summary", "--db", "t.db"])), before);
}

#[test]
fn every_format_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let write = |name: &str, text: &str| std::fs::write(d.join(name), text).expect("write");
    write(
        "stations.csv",
        "监测点编码,监测点名称,城市,经度,纬度,对照点\n1001A,万寿西宫,北京,116.3621,39.8784,N\n1002A,定陵(对照点),北京,116.2202,40.2915,Y\n",
    );
    ok(ecogov(
        d,
        &["import", "stations", "stations.csv", "--db", "t.db"],
    ));

    write(
        "long.csv",
        "station,time,pollutant,value,flag\n1001A,2023-05-01 04:00,SO2,12,\n1001A,2023-05-01 04:00,PM2.5,35,\n1002A,2023-05-01 04:00,O3,80,valid\n",
    );
    write(
        "wide.csv",
        "date,hour,type,1001A,1002A\n20230502,4,AQI,50,60\n20230502,4,PM2.5,30,40\n20230502,4,SO2,5,6\n",
    );
    // A GBK-encoded long file with Chinese pollutant names.
    let (gbk, _, _) = encoding_rs::GBK
        .encode("station,time,pollutant,value,flag\n1001A,2023-05-04 04:00,二氧化硫,9,\n");
    std::fs::write(d.join("gbk.csv"), &gbk).expect("write");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["station", "time", "pollutant", "value", "flag"],
        ["1002A", "2023-05-03 04:00", "NO2", "41", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).expect("cell");
        }
    }
    book.save(d.join("long.xlsx")).expect("xlsx");
    for file in ["long.csv", "wide.csv", "gbk.csv", "long.xlsx"] {
        let out = ok(ecogov(d, &["import", "air", file, "--db", "t.db"]));
        assert!(
            out.contains("已导入") && !out.contains("新增 0"),
            "{file}: {out}"
        );
    }
    let summary = ok(ecogov(d, &["data", "summary", "--db", "t.db"]));
    assert!(
        summary.contains("1001A") && summary.contains("1002A"),
        "{summary}"
    );

    write(
        "sections.csv",
        "断面名称,河流湖库,流域,水体类型,控制级别,水质目标,责任区镇街道,上游,下游\n潜江大桥,汉江,长江,河流,国控,Ⅱ,泽口街道,,\n返湾湖,返湾湖,长江,湖库,市控,Ⅲ,浩口镇,,\n",
    );
    ok(ecogov(
        d,
        &["import", "sections", "sections.csv", "--db", "t.db"],
    ));
    write(
        "auto.csv",
        "省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n湖北省,长江流域,潜江大桥,2023-05-01 04:00,Ⅱ,21.3,7.9,8.6,320,12,2.1,0.12,0.05,1.2,0.004,1200000,正常\n",
    );
    write(
        "manual.csv",
        "section,date,item,value\n返湾湖,2023-05-08,氨氮,0.215\n返湾湖,2023-05-08,总磷,0.01L\n",
    );
    for file in ["auto.csv", "manual.csv"] {
        let out = ok(ecogov(d, &["import", "water", file, "--db", "t.db"]));
        assert!(
            out.contains("已导入") && !out.contains("新增 0"),
            "{file}: {out}"
        );
    }
    let again = ok(ecogov(
        d,
        &["import", "water", "manual.csv", "--db", "t.db"],
    ));
    assert!(again.contains("新增 0，未变 2"), "{again}");
    write(
        "unknown.csv",
        "section,date,item,value\n不存在,2023-05-08,氨氮,0.2\n",
    );
    let refused = ecogov(d, &["import", "water", "unknown.csv", "--db", "t.db"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("unknown.csv:2:断面名称"));
}
