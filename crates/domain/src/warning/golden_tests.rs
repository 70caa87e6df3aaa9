//! Golden tests: hand-made forecast windows at every threshold of both shipped schemes
//! (standards.md §6(a) and §6(b)), and a recorded warning lifecycle.

use super::*;
use jiff::civil::{Date, date};

const START: Date = Date::constant(2023, 12, 1);

/// A window of single-value forecasts starting on 2023-12-01.
fn window(aqis: &[u16]) -> Vec<Forecast> {
    window_from(START, aqis)
}

fn window_from(start: Date, aqis: &[u16]) -> Vec<Forecast> {
    let mut day = start;
    let mut out = Vec::new();
    for &a in aqis {
        out.push(Forecast::single(day, a, vec![]).expect("valid forecast"));
        day = day.tomorrow().expect("date in range");
    }
    out
}

fn level(scheme: &WarningScheme, aqis: &[u16]) -> Option<Level> {
    level_for(scheme, &window(aqis)).expect("consecutive window")
}

use Level::{Blue, Orange, Red, Yellow};

/// standards.md §6(a): 蓝 > 200; 黄 > 200 ≥ 2 days; 橙 > 200 ≥ 3 days and > 300 ≥ 1 day;
/// 红 > 200 ≥ 4 days and > 300 ≥ 2 consecutive days, or 500 on one day.
#[test]
fn scheme_2017_every_threshold() {
    let s = WarningScheme::mep_2017();
    let cases: &[(&[u16], Option<Level>, &str)] = &[
        (&[], None, "no forecast"),
        (&[200], None, "200 is not > 200"),
        (&[201], Some(Blue), "201 one day: blue"),
        (&[201, 200], Some(Blue), "run of 1"),
        (
            &[150, 201, 201],
            None,
            "episode must start on the first day",
        ),
        (&[201, 201], Some(Yellow), "run of 2 (48 h)"),
        (&[201, 201, 200, 201], Some(Yellow), "run broken after 2"),
        (&[201, 201, 201], Some(Yellow), "run of 3 but no day > 300"),
        (&[201, 201, 300], Some(Yellow), "300 is not > 300"),
        (&[201, 201, 301], Some(Orange), "run of 3 with one day 301"),
        (
            &[301, 201, 201],
            Some(Orange),
            "the > 300 day may be anywhere in the run",
        ),
        (&[301, 301], Some(Yellow), "> 300 but run of 2 only"),
        (
            &[201, 201, 201, 201],
            Some(Yellow),
            "run of 4, nothing > 300",
        ),
        (
            &[201, 201, 301, 300],
            Some(Orange),
            "run of 4, one day > 300",
        ),
        (
            &[301, 201, 301, 201],
            Some(Orange),
            "two days > 300 but not consecutive",
        ),
        (
            &[201, 201, 301, 301],
            Some(Red),
            "run of 4 and 301 × 2 consecutive",
        ),
        (&[301, 301, 301], Some(Orange), "301 × 3 but run of 3 only"),
        (
            &[201, 201, 301, 200, 301, 301],
            Some(Orange),
            "the later pair is outside the run",
        ),
        (&[499], Some(Blue), "499 does not reach 500"),
        (&[500], Some(Red), "500 on one day: red (or-rule)"),
        (&[201, 499], Some(Yellow), "499 in a run of 2"),
        (&[201, 500], Some(Red), "500 inside the run"),
        (
            &[150, 500],
            None,
            "500 after a clean first day is a later episode",
        ),
    ];
    for (aqis, want, why) in cases {
        assert_eq!(level(&s, aqis), *want, "{why}: {aqis:?}");
    }
}

/// standards.md §6(b): 黄 > 200 ≥ 48 h; 橙 > 200 ≥ 72 h; 红 > 200 ≥ 96 h and > 300 ≥ 48 h, or 500.
#[test]
fn scheme_2018_every_threshold() {
    let s = WarningScheme::guidance_2018();
    let cases: &[(&[u16], Option<Level>, &str)] = &[
        (
            &[201],
            None,
            "one day > 200 is no warning in the 3-level scheme",
        ),
        (&[201, 200], None, "run of 1"),
        (&[200, 200], None, "200 is not > 200"),
        (&[201, 201], Some(Yellow), "run of 2 (48 h)"),
        (&[201, 201, 200], Some(Yellow), "run of 2 then 200"),
        (
            &[201, 201, 201],
            Some(Orange),
            "run of 3 (72 h), no > 300 needed",
        ),
        (
            &[201, 201, 201, 201],
            Some(Orange),
            "run of 4, nothing > 300",
        ),
        (
            &[201, 201, 201, 301],
            Some(Orange),
            "run of 4, one day > 300",
        ),
        (&[201, 201, 301, 300], Some(Orange), "300 is not > 300"),
        (
            &[301, 201, 301, 201],
            Some(Orange),
            "two days > 300 not consecutive",
        ),
        (
            &[201, 201, 301, 301],
            Some(Red),
            "run of 4 (96 h) and > 300 for 48 h",
        ),
        (
            &[301, 301, 301],
            Some(Orange),
            "> 300 for 72 h but run of 3 only",
        ),
        (&[499], None, "499 one day"),
        (&[499, 499], Some(Yellow), "499 two days"),
        (&[500], Some(Red), "reaches 500"),
        (&[200, 500], None, "500 after a clean first day"),
    ];
    for (aqis, want, why) in cases {
        assert_eq!(level(&s, aqis), *want, "{why}: {aqis:?}");
    }
}

#[test]
fn upper_bound_is_the_default_and_lower_is_a_choice() {
    let s = WarningScheme::mep_2017();
    let f = vec![
        Forecast::new(START, 180, 230, vec![]).expect("ok"),
        Forecast::new(date(2023, 12, 2), 190, 240, vec![]).expect("ok"),
    ];
    assert_eq!(level_for(&s, &f), Ok(Some(Yellow)));
    assert_eq!(
        assess(&s, &f, RangeBound::Upper).map(|a| a.level),
        Ok(Some(Yellow))
    );
    assert_eq!(assess(&s, &f, RangeBound::Lower).map(|a| a.level), Ok(None));
}

#[test]
fn gaps_in_the_window_are_refused() {
    let s = WarningScheme::mep_2017();
    let mut f = window(&[250, 250]);
    f.push(Forecast::single(date(2023, 12, 4), 250, vec![]).expect("ok"));
    assert_eq!(
        level_for(&s, &f),
        Err(WarningError::NotConsecutive {
            previous: date(2023, 12, 2),
            found: date(2023, 12, 4)
        })
    );
}

#[test]
fn reason_texts() {
    let s = WarningScheme::mep_2017();
    let a = assess(&s, &window(&[230, 310, 280, 150]), RangeBound::Upper).expect("ok");
    assert_eq!(a.level, Some(Orange));
    assert_eq!(a.episode_days, 3);
    assert_eq!(
        a.reason,
        "预测自2023-12-01起连续3天AQI>200（最高310），满足橙色预警（Ⅱ级）条件：\
         AQI>200持续3天(72小时)且AQI>300至少1天（2017年四级方案（预测范围上限））"
    );
    let r = assess(&s, &window(&[500]), RangeBound::Upper).expect("ok");
    assert_eq!(
        r.met,
        vec![Condition::on_days(AqiThreshold::AtLeast(500), 1)]
    );
    let none = assess(
        &WarningScheme::guidance_2018(),
        &window(&[230]),
        RangeBound::Upper,
    )
    .expect("ok");
    assert_eq!(
        none.reason,
        "预测自2023-12-01起连续1天AQI>200（最高230），未达到任何预警等级条件（2018年三级方案（预测范围上限））"
    );
    let clean = assess(&s, &window(&[150, 250]), RangeBound::Upper).expect("ok");
    assert_eq!(
        clean.reason,
        "2023-12-01预测AQI 150，未达到AQI>200，2017年四级方案（预测范围上限）不发布预警"
    );
}

/// A week of daily reviews under the 2018 scheme; each day the window starts on that day.
///
/// | day | window (upper AQI) | run > 200 | level | event |
/// |---|---|---|---|---|
/// | 12-01 | 180 230 260 280 | 0 | — | none |
/// | 12-02 | 230 260 280 190 | 3 | 橙 | 发布 |
/// | 12-03 | 260 320 350 290 150 | 4, 320/350 | 红 | 升级 |
/// | 12-04 | 320 350 290 150 | 3 | 橙 — but the bureau keeps 红 one more day (manual decision) | none |
/// | 12-05 | 290 210 150 | 2 | 黄 | 降级 |
/// | 12-06 | 210 150 | 1 | — | 解除 |
#[test]
fn lifecycle_sequence_with_reasons() {
    let s = WarningScheme::guidance_2018();
    let mut log = WarningLog::new();
    let days: [(i8, &[u16]); 5] = [
        (1, &[180, 230, 260, 280]),
        (2, &[230, 260, 280, 190]),
        (3, &[260, 320, 350, 290, 150]),
        (5, &[290, 210, 150]),
        (6, &[210, 150]),
    ];
    for (day, aqis) in days {
        let today = date(2023, 12, day);
        let a = assess(&s, &window_from(today, aqis), RangeBound::Upper).expect("ok");
        log.record(a.level, today, &a.reason).expect("step");
        if day == 3 {
            let kept = log
                .record(
                    Some(Red),
                    date(2023, 12, 4),
                    "会商决定维持红色预警至12月5日",
                )
                .expect("step");
            assert_eq!(kept, None);
        }
    }
    let lines: Vec<String> = log.events().iter().map(WarningEvent::summary).collect();
    assert_eq!(
        lines,
        [
            "2023-12-02 发布橙色预警：预测自2023-12-02起连续3天AQI>200（最高280），满足橙色预警（二级）条件：AQI>200持续3天(72小时)（2018年三级方案（预测范围上限））",
            "2023-12-03 橙色预警升级为红色预警：预测自2023-12-03起连续4天AQI>200（最高350），满足红色预警（一级）条件：AQI>200持续4天(96小时)且AQI>300持续2天(48小时)（2018年三级方案（预测范围上限））",
            "2023-12-05 红色预警降级为黄色预警：预测自2023-12-05起连续2天AQI>200（最高290），满足黄色预警（三级）条件：AQI>200持续2天(48小时)（2018年三级方案（预测范围上限））",
            "2023-12-06 解除黄色预警：预测自2023-12-06起连续1天AQI>200（最高210），未达到任何预警等级条件（2018年三级方案（预测范围上限））",
        ]
    );
    let kinds: Vec<EventKind> = log.events().iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Issue,
            EventKind::Upgrade,
            EventKind::Downgrade,
            EventKind::Lift
        ]
    );
    assert_eq!(log.state(), WarningState::Inactive);
    assert_eq!(log.events()[1].from, Some(Orange));
    assert_eq!(log.events()[1].to, Some(Red));
}
