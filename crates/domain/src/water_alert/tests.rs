//! Tests for each rule and for deduplication.

use super::*;
use crate::monitoring::{ControlLevel, DataStage};
use crate::water_data::SampleSource;
use ecogov_standards::water::{Item, WaterBody};

fn section(name: &str, body: WaterBody, target: Option<WaterClass>) -> WaterSection {
    WaterSection {
        name: name.into(),
        water: "东荆河".into(),
        basin: "汉江".into(),
        body,
        level: ControlLevel::Provincial,
        target,
        district: None,
        upstream: None,
        downstream: None,
    }
}

fn registry() -> Vec<WaterSection> {
    vec![
        section("黄家场", WaterBody::River, Some(WaterClass::III)),
        section("湖心", WaterBody::LakeReservoir, Some(WaterClass::III)),
        section("无目标", WaterBody::River, None),
    ]
}

/// A reading at `(month, day, hour)` of 2023.
fn r(section: &str, at: (i8, i8, i8), parameter: &str, value: &str) -> WaterSample {
    WaterSample {
        section: section.into(),
        time: jiff::civil::date(2023, at.0, at.1).at(at.2, 0, 0, 0),
        parameter: parameter.parse().expect("parameter"),
        value: value.parse().expect("value"),
        source: SampleSource::Automatic,
        stage: DataStage::RealTime,
    }
}

fn config() -> AlertConfig {
    let mut c = AlertConfig::default();
    c.bloom.sections = vec!["湖心".into()];
    c
}

fn run(readings: &[WaterSample]) -> Vec<WaterAlert> {
    evaluate(readings, &registry(), &config(), &HashSet::new()).expect("valid config")
}

fn only(alerts: &[WaterAlert], rule: AlertRule) -> Vec<&WaterAlert> {
    alerts.iter().filter(|a| a.rule == rule).collect()
}

#[test]
fn rule_1_worse_than_target() {
    let readings = [
        // 氨氮 1.62: above the Ⅳ limit 1.5, within the Ⅴ limit 2.0 → Ⅴ, worse than Ⅲ
        r("黄家场", (5, 1, 8), "氨氮", "1.62"),
        // 氨氮 1.0 = Ⅲ limit → Ⅲ, meets the target
        r("黄家场", (5, 1, 12), "氨氮", "1.0"),
        // 溶解氧 4.5 < 5 (Ⅲ minimum) → Ⅳ
        r("黄家场", (5, 2, 8), "溶解氧", "4.5"),
        // 总氮 is not one of the 21 evaluated items
        r("黄家场", (5, 3, 8), "总氮", "5"),
        // a non-detect never alerts
        r("黄家场", (5, 3, 8), "总磷", "0.5L"),
        // 湖、库 TP: 0.06 > 0.05 (Ⅲ, lakes) → Ⅳ; the river limit (0.2) would pass it
        r("湖心", (5, 3, 8), "总磷", "0.06"),
        // no target / not registered
        r("无目标", (5, 3, 8), "氨氮", "5"),
        r("未登记", (5, 3, 8), "氨氮", "5"),
    ];
    let alerts = run(&readings);
    let hits = only(&alerts, AlertRule::ExceedsTarget);
    let got: Vec<(&str, WaterParameter, AlertDetail)> = hits
        .iter()
        .map(|a| (a.section.as_str(), a.parameter, a.detail.clone()))
        .collect();
    let p = |s: &str| s.parse::<WaterParameter>().expect("parameter");
    assert_eq!(
        got,
        [
            (
                "黄家场",
                p("氨氮"),
                AlertDetail::ExceedsTarget {
                    class: WaterClass::V,
                    target: WaterClass::III
                }
            ),
            (
                "黄家场",
                p("溶解氧"),
                AlertDetail::ExceedsTarget {
                    class: WaterClass::IV,
                    target: WaterClass::III
                }
            ),
            (
                "湖心",
                p("总磷"),
                AlertDetail::ExceedsTarget {
                    class: WaterClass::IV,
                    target: WaterClass::III
                }
            ),
        ]
    );
    assert_eq!(
        hits[0].message,
        "黄家场 2023-05-01 08:00 氨氮 1.62 mg/L，单项符合Ⅴ类，劣于水质目标Ⅲ类（GB 3838-2002 表1）"
    );
    assert_eq!(
        hits[0].key.as_str(),
        "exceeds_target|黄家场|NH3-N|2023-05-01T08:00:00|1.62"
    );
    assert_eq!(
        hits[0].recipients,
        [UnitName::new("水科"), UnitName::new("监测站")]
    );
}

#[test]
fn rule_2_sudden_change() {
    let readings = [
        // 高锰酸盐指数 4 → 6: |6 − 4| = 2 ≥ 0.5 × 4 → alert (exactly 50 %)
        r("无目标", (5, 1, 0), "高锰酸盐指数", "4"),
        r("无目标", (5, 1, 4), "高锰酸盐指数", "6"),
        // 6 → 3: a 50 % fall is an improvement for a "≤" item
        r("无目标", (5, 1, 8), "高锰酸盐指数", "3"),
        // 3 → 4.49: +49.7 %, below the ratio
        r("无目标", (5, 1, 12), "高锰酸盐指数", "4.49"),
        // 溶解氧 8 → 4: a 50 % fall is worse → alert; 4 → 8 is better
        r("无目标", (5, 1, 0), "溶解氧", "8"),
        r("无目标", (5, 1, 4), "溶解氧", "4"),
        r("无目标", (5, 1, 8), "溶解氧", "8"),
        // pH has no one-sided worse direction
        r("无目标", (5, 1, 0), "pH", "7"),
        r("无目标", (5, 1, 4), "pH", "11"),
        // a previous value of zero gives no ratio; a non-detect gives no change
        r("无目标", (5, 1, 0), "浊度", "0"),
        r("无目标", (5, 1, 4), "浊度", "30"),
        r("无目标", (5, 1, 0), "总磷", "0.01L"),
        r("无目标", (5, 1, 4), "总磷", "0.3"),
        // 浊度 at another section: 20 → 31 (+55 %) → alert
        r("黄家场", (5, 1, 0), "浊度", "20"),
        r("黄家场", (5, 1, 4), "浊度", "31"),
    ];
    let alerts = run(&readings);
    let hits = only(&alerts, AlertRule::SuddenChange);
    // ordered by time, section, rule, then parameter in GB 3838-2002 表1 order (溶解氧 before
    // 高锰酸盐指数)
    let messages: Vec<&str> = hits.iter().map(|a| a.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "无目标 2023-05-01 04:00 溶解氧 4，较上次（2023-05-01 00:00 8）下降50%，达到突变比例50%",
            "无目标 2023-05-01 04:00 高锰酸盐指数 6，较上次（2023-05-01 00:00 4）上升50%，达到突变比例50%",
            "黄家场 2023-05-01 04:00 浊度 31，较上次（2023-05-01 00:00 20）上升55%，达到突变比例50%",
        ]
    );
    assert!(matches!(
        hits[2].detail,
        AlertDetail::SuddenChange { ratio, .. } if ratio == Decimal::new(55, 2)
    ));
    // a stricter ratio (60 %) silences all three
    let mut c = config();
    c.change_ratio = Decimal::new(6, 1);
    let strict = evaluate(&readings, &registry(), &c, &HashSet::new()).expect("ok");
    assert!(only(&strict, AlertRule::SuddenChange).is_empty());
}

#[test]
fn rule_3_bloom_watch() {
    let readings = [
        // 1.0×10⁷ cells/L = HJ 1098 Ⅲ级 lower bound → alert
        r("湖心", (3, 15, 8), "藻密度", "10000000"),
        // just below Ⅲ级 → none
        r("湖心", (3, 16, 8), "藻密度", "9999999"),
        // 0.02 mg/L = 20 µg/L → alert; 0.0199 → none
        r("湖心", (3, 17, 8), "叶绿素a", "0.02"),
        r("湖心", (3, 18, 8), "叶绿素a", "0.0199"),
        // both at one time: 25 µg/L and 2×10⁷ → two alerts, both noting the definition
        r("湖心", (4, 30, 8), "叶绿素a", "0.025"),
        r("湖心", (4, 30, 8), "藻密度", "20000000"),
        // out of season (1 May) and an unwatched section → none
        r("湖心", (5, 1, 8), "藻密度", "200000000"),
        r("黄家场", (3, 15, 8), "藻密度", "200000000"),
    ];
    let alerts = run(&readings);
    let hits = only(&alerts, AlertRule::BloomWatch);
    let details: Vec<(jiff::civil::DateTime, AlertDetail)> =
        hits.iter().map(|a| (a.time, a.detail.clone())).collect();
    let t = |m: i8, d: i8| jiff::civil::date(2023, m, d).at(8, 0, 0, 0);
    assert_eq!(
        details,
        [
            (
                t(3, 15),
                AlertDetail::Bloom {
                    level: Some(BloomLevel::Light),
                    chlorophyll_ug_per_l: None,
                    cyanobacterial: false
                }
            ),
            (
                t(3, 17),
                AlertDetail::Bloom {
                    level: None,
                    chlorophyll_ug_per_l: Some(Decimal::from(20)),
                    cyanobacterial: false
                }
            ),
            (
                t(4, 30),
                AlertDetail::Bloom {
                    level: None,
                    chlorophyll_ug_per_l: Some(Decimal::from(25)),
                    cyanobacterial: true
                }
            ),
            (
                t(4, 30),
                AlertDetail::Bloom {
                    level: Some(BloomLevel::Light),
                    chlorophyll_ug_per_l: None,
                    cyanobacterial: true
                }
            ),
        ]
    );
    assert_eq!(
        hits[0].message,
        "湖心 2023-03-15 08:00 藻密度 10000000 个/L，Ⅲ级轻度水华（HJ 1098-2020），水华预警期1月1日至4月30日"
    );
    assert_eq!(
        hits[2].message,
        "湖心 2023-04-30 08:00 叶绿素a 25 µg/L（0.025 mg/L），达到阈值20 µg/L，水华预警期1月1日至4月30日；\
         同一时间叶绿素a与藻密度符合蓝藻水华定义（叶绿素a≥20 µg/L且藻密度≥1.0×10⁷个/L）"
    );
}

#[test]
fn seasons_and_settings() {
    let mut w = AlertConfig::default().bloom;
    let d = |m, day| jiff::civil::date(2023, m, day);
    assert!(w.in_season(d(1, 1)) && w.in_season(d(4, 30)));
    assert!(!w.in_season(d(5, 1)) && !w.in_season(d(12, 31)));
    w.season_start = MonthDay::new(11, 1).expect("ok");
    w.season_end = MonthDay::new(3, 31).expect("ok");
    assert!(w.in_season(d(12, 31)) && w.in_season(d(1, 15)) && !w.in_season(d(4, 1)));
    assert!(MonthDay::new(2, 29).is_ok());
    assert_eq!(
        MonthDay::new(4, 31),
        Err(AlertConfigError::BadMonthDay { month: 4, day: 31 })
    );
    let mut c = AlertConfig::default();
    assert_eq!(c.validate(), Ok(()));
    c.change_ratio = Decimal::ZERO;
    assert_eq!(
        evaluate(&[], &[], &c, &HashSet::new()),
        Err(AlertConfigError::NonPositiveRatio(Decimal::ZERO))
    );
    let mut c = AlertConfig::default();
    c.recipients.clear();
    assert_eq!(c.validate(), Err(AlertConfigError::NoRecipient));
    let mut c = AlertConfig::default();
    c.bloom.chlorophyll_ug_per_l = Decimal::NEGATIVE_ONE;
    assert!(c.validate().is_err());
}

#[test]
fn dedup_never_raises_the_same_value_twice() {
    let reading = r("黄家场", (5, 1, 8), "氨氮", "1.62");
    let first = run(std::slice::from_ref(&reading));
    assert_eq!(first.len(), 1);
    // the same reading twice in one batch raises once
    assert_eq!(run(&[reading.clone(), reading.clone()]).len(), 1);
    // re-evaluating with the stored keys raises nothing
    let stored: HashSet<AlertKey> = first
        .iter()
        .map(|a| AlertKey::from_stored(a.key.as_str()))
        .collect();
    let again = evaluate(
        std::slice::from_ref(&reading),
        &registry(),
        &config(),
        &stored,
    )
    .expect("ok");
    assert!(again.is_empty());
    // 1.620 is the same value
    let same = r("黄家场", (5, 1, 8), "氨氮", "1.620");
    assert!(
        evaluate(&[same], &registry(), &config(), &stored)
            .expect("ok")
            .is_empty()
    );
    // a revised value at the same time is a new alert
    let revised = r("黄家场", (5, 1, 8), "氨氮", "1.8");
    assert_eq!(
        evaluate(&[revised], &registry(), &config(), &stored)
            .expect("ok")
            .len(),
        1
    );
    // one reading may raise several rules, each with its own key
    let both = [
        r("黄家场", (5, 1, 0), "氨氮", "1.0"),
        r("黄家场", (5, 1, 4), "氨氮", "1.6"),
    ];
    let alerts = run(&both);
    let rules: Vec<AlertRule> = alerts.iter().map(|a| a.rule).collect();
    assert_eq!(rules, [AlertRule::ExceedsTarget, AlertRule::SuddenChange]);
    assert_ne!(alerts[0].key, alerts[1].key);
    let unused = Item::AmmoniaNitrogen;
    assert_eq!(unused.code(), "NH3-N");
}
