//! `ecogov targets` on the demo data: the air indicators recomputed here from the raw stored
//! hours by a second, deliberately naive implementation (its own breakpoint table, its own
//! rounding calls, no code shared with the engine), and the monthly report as XLSX.

mod common;

use calamine::{Reader, Xlsx, open_workbook};
use common::{ecogov, ok};
use ecogov_domain::monitoring::AirHour;
use ecogov_standards::air::{HourEnding, Pollutant, Reading};
use ecogov_store::Store;
use jiff::civil::Date;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// GB/T 8170 修约 to `places`: round half to even on the exact decimal.
fn round(v: Decimal, places: u32) -> Decimal {
    v.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
}

fn mean(v: &[Decimal]) -> Decimal {
    v.iter().sum::<Decimal>() / Decimal::from(v.len())
}

/// HJ 633-2012 表1: 24-hour rows, the O3 8-hour and 1-hour rows (2023 is under the 2012
/// edition, whose daily AQI includes the O3 daily maximum 1-hour value).
fn iaqi(p: &str, c: Decimal) -> Decimal {
    let bp: &[i64] = match p {
        "so2" => &[0, 50, 150, 475, 800, 1600, 2100, 2620],
        "no2" => &[0, 40, 80, 180, 280, 565, 750, 940],
        "pm10" => &[0, 50, 150, 250, 350, 420, 500, 600],
        "co" => &[0, 2, 4, 14, 24, 36, 48, 60],
        "o3_8h" => &[0, 100, 160, 215, 265, 800],
        "o3_1h" => &[0, 160, 200, 300, 400, 800, 1000, 1200],
        _ => &[0, 35, 75, 115, 150, 250, 350, 500],
    };
    let levels = [0, 50, 100, 150, 200, 300, 400, 500];
    for i in 1..bp.len() {
        if c <= Decimal::from(bp[i]) {
            let (lo, hi) = (Decimal::from(bp[i - 1]), Decimal::from(bp[i]));
            let (il, ih) = (Decimal::from(levels[i - 1]), Decimal::from(levels[i]));
            let v = (ih - il) / (hi - lo) * (c - lo) + il;
            return v.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity);
        }
    }
    Decimal::from(500)
}

/// One station's day: (means of SO2, NO2, CO, PM10, PM2.5, O3 max 8-hour, O3 max 1-hour) when
/// every value is valid (≥ 20 hours; ≥ 14 windows of ≥ 6 hours), each rounded once.
fn station_day(hours: &[Option<[Option<Decimal>; 6]>; 24]) -> Option<[Decimal; 7]> {
    let series = |p: Pollutant| -> Vec<Option<Decimal>> {
        hours.iter().map(|h| h.and_then(|v| v[p.index()])).collect()
    };
    let mut out = [Decimal::ZERO; 7];
    for (slot, p, places) in [
        (0, Pollutant::So2, 0),
        (1, Pollutant::No2, 0),
        (2, Pollutant::Co, 1),
        (3, Pollutant::Pm10, 0),
        (4, Pollutant::Pm25, 0),
    ] {
        let v: Vec<Decimal> = series(p).into_iter().flatten().collect();
        if v.len() < 20 {
            return None;
        }
        out[slot] = round(mean(&v), places);
    }
    let o3 = series(Pollutant::O3);
    let windows: Vec<Decimal> = (0..17)
        .filter_map(|k| {
            let w: Vec<Decimal> = o3[k..k + 8].iter().flatten().copied().collect();
            (w.len() >= 6).then(|| mean(&w))
        })
        .collect();
    if windows.len() < 14 {
        return None;
    }
    out[5] = round(windows.iter().copied().max()?, 0);
    let o3_hours: Vec<Decimal> = o3.iter().flatten().copied().collect();
    if o3_hours.len() < 20 {
        return None;
    }
    out[6] = round(o3_hours.iter().copied().max()?, 0);
    Some(out)
}

struct Naive {
    valid: usize,
    good: usize,
    heavy: usize,
    pm25_mean: Decimal,
}

fn naive(hours: &[AirHour], from: Date, to: Date) -> Naive {
    type Day = [Option<[Option<Decimal>; 6]>; 24];
    let mut days: BTreeMap<(Date, String), Day> = BTreeMap::new();
    for h in hours {
        let date = h.hour.natural_day();
        if date < from || date > to {
            continue;
        }
        let mut v = [None; 6];
        for p in Pollutant::ALL {
            if let Reading::Value(c) = h.readings.get(p) {
                v[p.index()] = Some(c.value());
            }
        }
        days.entry((date, h.station.to_string()))
            .or_insert([None; 24])[h.hour.index()] = Some(v);
    }
    let mut city: BTreeMap<Date, Vec<[Decimal; 7]>> = BTreeMap::new();
    for ((date, _), d) in &days {
        if let Some(v) = station_day(d) {
            city.entry(*date).or_default().push(v);
        }
    }
    let (mut valid, mut good, mut heavy) = (0, 0, 0);
    let mut pm25 = Vec::new();
    for stations in city.values() {
        let v: Vec<Decimal> = (0..7)
            .map(|i| {
                let places = if i == 2 { 1 } else { 0 };
                round(
                    mean(&stations.iter().map(|s| s[i]).collect::<Vec<_>>()),
                    places,
                )
            })
            .collect();
        let aqi = ["so2", "no2", "co", "pm10", "pm25", "o3_8h", "o3_1h"]
            .iter()
            .zip(&v)
            .map(|(p, c)| iaqi(p, *c))
            .max()
            .unwrap_or_default();
        valid += 1;
        good += usize::from(aqi <= Decimal::from(100));
        heavy += usize::from(aqi > Decimal::from(200));
        pm25.push(v[4]);
    }
    Naive {
        valid,
        good,
        heavy,
        pm25_mean: round(mean(&pm25), 0),
    }
}

fn target<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["targets"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == id))
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn exact(t: &serde_json::Value) -> Decimal {
    t["value_exact"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no exact value: {t}"))
}

#[tokio::test]
async fn air_targets_equal_a_naive_recomputation_from_the_raw_hours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(d, &["demo", "--db", "demo.db", "--no-serve"]));
    let out = ok(ecogov(
        d,
        &[
            "targets",
            "--db",
            "demo.db",
            "--as-of",
            "2023-06-30",
            "--json",
        ],
    ));
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["as_of"], "2023-06-30");

    let store = Store::open(&d.join("demo.db").to_string_lossy(), false)
        .await
        .expect("store");
    let stations = store.air_stations().await.expect("stations");
    let codes: Vec<_> = stations.iter().map(|s| s.code.clone()).collect();
    let (from, to) = (Date::constant(2023, 1, 1), Date::constant(2023, 6, 30));
    let hours = store
        .air_series(
            &codes,
            HourEnding::new(from, 1).expect("hour"),
            HourEnding::new(to, 24).expect("hour"),
        )
        .await
        .expect("hours");
    assert!(hours.len() > 8000, "half a year of two stations");
    let n = naive(&hours, from, to);
    assert!(n.valid > 150, "{} valid days", n.valid);

    let pm = target(&json, "air-pm25-annual-mean");
    assert_eq!(exact(pm), n.pm25_mean, "PM2.5 mean");
    let ratio = target(&json, "air-good-days-ratio");
    assert_eq!(
        exact(ratio),
        Decimal::from(n.good) * Decimal::ONE_HUNDRED / Decimal::from(n.valid),
        "优良天数比例 ({} of {})",
        n.good,
        n.valid
    );
    let heavy = target(&json, "air-heavy-pollution-days");
    assert_eq!(exact(heavy), Decimal::from(n.heavy));
    // The budget sentence rests on the same counts: 184 days remain after 30 June.
    let left = 184;
    let t: Decimal = Decimal::new(852, 1); // the demo's example threshold 85.2 %
    let needed = (t / Decimal::ONE_HUNDRED * Decimal::from(n.valid + left) - Decimal::from(n.good))
        .round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity);
    let allowed = Decimal::from(left) - needed;
    assert_eq!(
        ratio["budget"],
        format!("余下 {left} 天中至多 {allowed} 天可劣于良，全年方能保持 ≥ 85.2%")
    );
    // The trail names the data, stations and rule edition.
    let trail = ratio["trail"].to_string();
    assert!(trail.contains("HJ 633-2012"), "{trail}");
    assert!(trail.contains("QJ001"), "{trail}");
    // Every plan target is in the output, bound or marked.
    for t in json["targets"].as_array().expect("targets") {
        assert!(
            t["binding"].is_string() || t["status"] == "qualitative",
            "{t}"
        );
    }
}

#[test]
fn the_monthly_report_opens_as_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(d, &["demo", "--db", "demo.db", "--no-serve"]));
    let out = ok(ecogov(
        d,
        &[
            "targets",
            "--db",
            "demo.db",
            "--as-of",
            "2023-09-30",
            "--xlsx",
            "report.xlsx",
        ],
    ));
    assert!(out.contains("report.xlsx"), "{out}");
    let mut book: Xlsx<_> = open_workbook(d.join("report.xlsx")).expect("open");
    let sheet = book.worksheet_range("目标完成情况").expect("sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(rows[0][0].contains("截至 2023-09-30"), "{:?}", rows[0]);
    assert_eq!(rows[1][2], "指标");
    // 24 indicators after the title and heading rows.
    assert_eq!(rows.len(), 26);
    let pm = rows
        .iter()
        .find(|r| r[2].contains("PM2.5"))
        .expect("PM2.5 row");
    assert!(pm[4].contains("μg/m³"), "{pm:?}");
    assert!(!pm[6].is_empty(), "status");
    let months = book.worksheet_range("逐月").expect("monthly sheet");
    assert!(months.rows().count() > 10);
    // A bad date is refused and writes nothing.
    let o = ecogov(
        d,
        &[
            "targets",
            "--db",
            "demo.db",
            "--as-of",
            "2023-02-30",
            "--xlsx",
            "bad.xlsx",
        ],
    );
    assert!(!o.status.success());
    assert!(!d.join("bad.xlsx").exists());
}
