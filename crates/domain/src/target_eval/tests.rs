use super::*;
use crate::monitoring::{ControlLevel, DataStage};
use crate::plan_file::parse_plan;
use crate::water_data::SampleSource;
use ecogov_standards::water::{WaterBody, WaterClass};

const PLAN: &str = include_str!("../../../../plans/qianjiang-2023.toml");

fn plan() -> Plan {
    parse_plan(PLAN).expect("built-in plan")
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn inputs(as_of: Date) -> TargetInputs {
    TargetInputs {
        as_of,
        thresholds: HashMap::new(),
        air: None,
        water: WaterData::default(),
        figures: Vec::new(),
        records: Vec::new(),
    }
}

fn find<'a>(all: &'a [Evaluation], id: &str) -> &'a Evaluation {
    all.iter().find(|e| e.target.id == id).expect("target")
}

#[test]
fn every_target_is_evaluated_and_marked() {
    let p = plan();
    let all = evaluate(&p, &inputs(Date::constant(2023, 6, 30)));
    assert_eq!(all.len(), p.targets.len());
    for e in &all {
        match e.target.comparator {
            Comparator::Qualitative => assert_eq!(e.status, TrackStatus::Qualitative),
            _ => {
                assert!(e.target.binding.is_some(), "{} unbound", e.target.id);
                assert_ne!(e.status, TrackStatus::Unbound);
            }
        }
        assert!(!e.trail.is_empty(), "{} has no trail", e.target.id);
    }
    // No accident recorded: zero, within "零事故".
    let acc = find(&all, "radiation-accidents");
    assert_eq!(acc.value, Some(Decimal::ZERO));
    assert_eq!(acc.status, TrackStatus::OnTrack);
    // A plan threshold without a figure: 数据不足; a province one not set: 目标未设定.
    assert_eq!(
        find(&all, "climate-co2-intensity-reduction").status,
        TrackStatus::InsufficientData
    );
    assert_eq!(
        find(&all, "totals-nox-reduction").status,
        TrackStatus::NoThreshold
    );
}

fn section(name: &str, level: ControlLevel, target: WaterClass) -> WaterSection {
    WaterSection {
        name: name.into(),
        water: "汉江".into(),
        basin: "长江".into(),
        body: WaterBody::River,
        level,
        target: Some(target),
        district: None,
        upstream: None,
        downstream: None,
    }
}

/// One ammonia sample on the 10th of each month `m` with the value of `values[m - 1]`.
fn samples(name: &str, year: i16, values: &[&str]) -> Vec<WaterSample> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| WaterSample {
            section: name.into(),
            time: jiff::civil::date(year, i as i8 + 1, 10).at(10, 0, 0, 0),
            parameter: "氨氮".parse().expect("item"),
            value: v.parse().expect("value"),
            source: SampleSource::Manual,
            stage: DataStage::Audited,
        })
        .collect()
}

#[test]
fn water_ratios_and_months_a_section_can_still_fail() {
    let p = plan();
    let mut i = inputs(Date::constant(2023, 6, 30));
    // NH3-N limits (GB 3838 表1): Ⅱ 0.5, Ⅲ 1.0, Ⅳ 1.5, Ⅴ 2.0.
    // 甲: all Ⅱ. 乙: mean of (0.8, 0.9, 1.4, 1.3, 0.6, 0.6) = 0.9333 → Ⅲ, but March and April
    // are Ⅳ: two failed months of a Ⅲ target, none left to fail. 丙: 2.5 → 劣Ⅴ all along.
    let mut yi = samples("乙", 2023, &["0.8", "0.9", "1.4", "1.3", "0.6", "0.6"]);
    yi.extend(samples("乙", 2022, &["0.4"; 12]));
    i.water.sections = vec![
        (
            section("甲", ControlLevel::National, WaterClass::III),
            samples("甲", 2023, &["0.4"; 6]),
        ),
        (section("乙", ControlLevel::National, WaterClass::III), yi),
        (
            section("丙", ControlLevel::National, WaterClass::IV),
            samples("丙", 2023, &["2.5"; 6]),
        ),
        (
            section("丁", ControlLevel::Provincial, WaterClass::III),
            samples("丁", 2023, &["0.4"; 6]),
        ),
    ];
    i.thresholds
        .insert("water-national-good-ratio".into(), d("66.7"));
    i.thresholds
        .insert("water-national-worse-than-v-ratio".into(), d("0"));
    let all = evaluate(&p, &i);
    let good = find(&all, "water-national-good-ratio");
    // 甲 and 乙 of three national sections are 优良: 66.666…% ≥ 66.7 fails by a hair.
    assert_eq!(good.value.map(|v| v.round_dp(2)), Some(d("66.67")));
    assert_eq!(good.status, TrackStatus::AtRisk);
    assert_eq!(
        good.budget.as_deref(),
        Some("3 个断面中须至少 3 个水质优良（目前 2 个），至多 0 个可不满足")
    );
    // Last year only 乙 had data: 1 of 1.
    assert_eq!(good.last_year, Some(Decimal::ONE_HUNDRED));
    let worst = find(&all, "water-national-worse-than-v-ratio");
    assert_eq!(worst.status, TrackStatus::AtRisk);
    assert_eq!(
        worst.budget.as_deref(),
        Some("3 个断面中至多 0 个可为劣Ⅴ类（目前 1 个）")
    );
    let yi = good
        .sections
        .iter()
        .find(|s| s.section.name == "乙")
        .expect("乙");
    assert_eq!((yi.months_assessed, yi.months_meeting), (6, 4));
    // 80 % of 12 = 9.6 → 10 months must meet: 2 may fail, both spent.
    assert_eq!(yi.can_still_fail, Some(0));
    assert_eq!(yi.class, Some(WaterClass::III));
    // Function zones: every section with a target; 乙 meets 4 of 6 (66.7 % < 80 %), 丙 none.
    let zones = find(&all, "water-function-zone-compliance");
    assert_eq!(zones.value, Some(d("50")));
    assert!(
        zones
            .trail
            .iter()
            .any(|l| l.contains("至多 2 个月可不达标")),
        "{:?}",
        zones.trail
    );
    let march = &good.monthly[2];
    assert_eq!(march.this_year.map(|v| v.round_dp(2)), Some(d("33.33")));
}

#[test]
fn entered_figures_use_the_latest_entry_of_the_year() {
    let p = plan();
    let mut i = inputs(Date::constant(2023, 12, 31));
    let fig = |as_of: Date, co2: &str, at: i64| EnteredFigure {
        target: "climate-co2-intensity-reduction".into(),
        as_of,
        components: vec![
            (Component::Co2, d(co2)),
            (Component::Gdp, d("840")),
            (Component::Co2Previous, d("500")),
            (Component::GdpPrevious, d("800")),
        ],
        source: "市统计局".into(),
        entered_by: "气科".into(),
        entered_at: at,
    };
    i.figures = vec![
        fig(Date::constant(2023, 6, 30), "495", 1),
        fig(Date::constant(2023, 12, 31), "510", 2),
        // A figure for next year is ignored.
        fig(Date::constant(2024, 3, 1), "100", 3),
    ];
    let all = evaluate(&p, &i);
    let e = find(&all, "climate-co2-intensity-reduction");
    // 1 − (510/840)/(500/800) = 1 − 0.607142857/0.625 = 0.028571… → 2.86 % < 4 %.
    assert_eq!(e.value.map(|v| v.round_dp(2)), Some(d("2.86")));
    assert_eq!(e.status, TrackStatus::AtRisk);
    assert!(e.shown.starts_with("2.86%"), "{}", e.shown);
}

#[test]
fn one_unsafe_disposal_loses_a_hundred_percent() {
    let p = plan();
    let mut i = inputs(Date::constant(2023, 9, 30));
    let rec = |outcome| TargetRecord {
        target: "radiation-source-safe-disposal".into(),
        date: Date::constant(2023, 5, 1),
        outcome,
        description: "Cs-137 源".into(),
        entered_by: "辐射科".into(),
    };
    i.records = vec![rec(RecordOutcome::Safe), rec(RecordOutcome::Pending)];
    let e = evaluate(&p, &i);
    let e = find(&e, "radiation-source-safe-disposal");
    assert_eq!(e.value, Some(Decimal::ONE_HUNDRED));
    assert_eq!(e.status, TrackStatus::OnTrack);
    i.records.push(rec(RecordOutcome::Unsafe));
    let e = evaluate(&p, &i);
    let e = find(&e, "radiation-source-safe-disposal");
    assert_eq!(e.value, Some(Decimal::from(50)));
    assert_eq!(e.status, TrackStatus::Unreachable);
}
