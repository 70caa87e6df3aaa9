//! `ecogov aqi` and `ecogov air` as people use them: the check against CNEMC's published AQI
//! over every validation file, and per-row errors on bad input.
//!
//! The validation files live in `../shared/validation/cnemc` beside the repository and are never
//! copied into it; without them the real-data test prints why and passes without checking.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ecogov(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecogov"))
        .args(args)
        .output()
        .expect("run ecogov")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/validation/cnemc");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (the shared validation data are not checked out here)",
            dir.display()
        );
        None
    }
}

/// Every hourly file of the folder (all `*.csv` but the station list, which is another format).
fn hourly_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("station-list"))
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn check_reproduces_every_published_aqi() {
    let Some(dir) = data_dir() else { return };
    let files = hourly_files(&dir);
    assert_eq!(
        files.len(),
        35,
        "9 full hours and 26 first pages (PROVENANCE.md)"
    );
    let mut args = vec!["aqi", "--check"];
    args.extend(files.iter().map(String::as_str));
    let o = ecogov(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    eprintln!("{out}");
    let last = out.lines().last().unwrap_or_default();
    assert!(last.ends_with("mismatched 0"), "{last}");
    assert!(!out.contains("不一致 (mismatch)"), "{out}");
    // Frozen figures, so that any change shows: rows compared and matched, then the rows counted
    // apart because the file alone cannot decide them (see PROVENANCE.md / FORMAT-NOTES.md).
    assert_eq!(last, "compared 18840, matched 18840, mismatched 0");
    let apart = |needle: &str| {
        out.lines()
            .find(|l| l.contains(needle))
            .and_then(|l| l.split('\t').next())
            .and_then(|n| n.parse::<u64>().ok())
    };
    assert_eq!(apart("HJ 633-2026 §5.3.2"), Some(217));
    assert_eq!(apart("others give AQI > 100"), Some(7));
    assert_eq!(apart("all six pollutants are present"), Some(10));
    // The 26 first pages are each cut in their last row: reported, not compared.
    assert_eq!(apart("rows with errors"), Some(26));
    assert_eq!(stderr(&o).matches("truncated file").count(), 26);
}

#[test]
fn aqi_streams_the_computed_values_not_the_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.csv");
    // The file claims AQI 999 and a wrong primary pollutant: the output must ignore them.
    fs::write(&path, format!("{HEADER}{}", row("1001A", "40", "61"))).expect("write");
    let o = ecogov(&["aqi", path.to_str().expect("UTF-8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "timepoint,stationcode,aqi,primary_pollutants,level\n\
         2023-01-18T08:00:00,1001A,57,细颗粒物(PM2.5),二级\n"
    );
}

const HEADER: &str = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n";

fn row(station: &str, pm25: &str, pm10: &str) -> String {
    format!(
        "2023-01-18T08:00:00,{station},116.36,39.87,北京市,某站,二氧化硫,999,{pm10},60,{pm25},40,30,20,30,30,20,20,5,5,0.5,0.5\n"
    )
}

#[test]
fn bad_rows_are_reported_with_file_line_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.csv");
    let text = format!(
        "{HEADER}{}{}{}{}{}",
        row("1001A", "40", "61"),
        row("1002A", "-3", "61"),
        row("1003A", "40", "abc"),
        row("1004A", "40", "61"),
        &row("1005A", "40", "61")[..30],
    );
    fs::write(&bad, text).expect("write");
    let missing = dir.path().join("missing.csv");
    let o = ecogov(&[
        "aqi",
        bad.to_str().expect("UTF-8 path"),
        missing.to_str().expect("UTF-8 path"),
    ]);
    let err = stderr(&o);
    // A missing file is fatal (exit 1) but the other file is still read completely.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bad.csv:3:pm2_5: 浓度为负 -3 (negative concentration -3)"),
        "{err}"
    );
    assert!(err.contains("bad.csv:4:pm10: 不是数值 \"abc\""), "{err}");
    assert!(err.contains("bad.csv:6: 行不完整"), "{err}");
    assert!(
        err.contains("missing.csv: 无法读取文件 (cannot read the file)"),
        "{err}"
    );
    let out = stdout(&o);
    assert!(
        out.contains(",1001A,57,") && out.contains(",1004A,57,"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "{out}");

    // Per-row errors alone are not fatal.
    let o = ecogov(&["aqi", "--check", bad.to_str().expect("UTF-8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The file's own AQI 999 is out of range: in --check those rows are errors too.
    assert!(
        stderr(&o).contains("bad.csv:2:aqi: 超出范围 \"999\""),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(out.contains("5\t未比对"), "{out}");
    assert!(
        out.ends_with("compared 0, matched 0, mismatched 0\n"),
        "{out}"
    );
}

#[test]
fn gbk_files_give_the_same_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "{HEADER}{}{}",
        row("1001A", "40", "61"),
        row("1002A", "80", "61")
    );
    let (utf8, gbk) = (dir.path().join("u.csv"), dir.path().join("g.csv"));
    fs::write(&utf8, &text).expect("write");
    fs::write(&gbk, gbk_bytes(&text)).expect("write");
    let a = ecogov(&["air", "daily", utf8.to_str().expect("path")]);
    let b = ecogov(&["air", "daily", gbk.to_str().expect("path")]);
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&b).contains("北京市"));
}

/// GBK encoding of the few CJK characters the test rows use.
fn gbk_bytes(text: &str) -> Vec<u8> {
    let table: [(char, [u8; 2]); 6] = [
        ('北', [0xB1, 0xB1]),
        ('京', [0xBE, 0xA9]),
        ('市', [0xCA, 0xD0]),
        ('某', [0xC4, 0xB3]),
        ('站', [0xD5, 0xBE]),
        ('二', [0xB6, 0xFE]),
    ];
    let extra: [(char, [u8; 2]); 3] = [
        ('氧', [0xD1, 0xF5]),
        ('化', [0xBB, 0xAF]),
        ('硫', [0xC1, 0xF2]),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
        } else {
            let bytes = table
                .iter()
                .chain(extra.iter())
                .find(|(k, _)| *k == c)
                .map(|(_, b)| *b)
                .expect("character in the table");
            out.extend_from_slice(&bytes);
        }
    }
    out
}

#[test]
fn daily_values_of_a_full_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = HEADER.to_owned();
    for h in 1..=24 {
        let label = if h == 24 {
            "2023-01-19T00:00:00".to_owned()
        } else {
            format!("2023-01-18T{h:02}:00:00")
        };
        text.push_str(&row("1001A", "40", "61").replacen("2023-01-18T08:00:00", &label, 1));
    }
    let path = dir.path().join("day.csv");
    fs::write(&path, text).expect("write");
    let o = ecogov(&["air", "daily", path.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    // O3: the file's `o3` (30) differs from `o3_24h` (20), so it has the swapped 2023 layout and
    // the current 1-hour O3 is 20. PM2.5 daily mean 40 → IAQI 57 (HJ 633-2012 表1: 50 + 50·5/40 = 56.25, rounded up).
    assert_eq!(
        stdout(&o).lines().nth(1),
        Some("2023-01-18,1001A,北京市,24,5,20,0.5,61,40,20,20,57,细颗粒物(PM2.5),二级")
    );
    let o = ecogov(&[
        "air",
        "annual",
        path.to_str().expect("path"),
        "--station",
        "1001A",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["aqi_days"], 1);
    assert_eq!(v["good_days"], 1);
    assert_eq!(v["pollutants"][5]["mean"], 40);
    assert_eq!(v["pollutants"][5]["valid"], false, "1 day of 324");
}

#[test]
fn help_states_the_exit_status_policy() {
    let o = ecogov(&["aqi", "--help"]);
    assert!(stdout(&o).contains("退出状态 (exit status)"));
}
