//! Golden vectors (standards.md §1.8) and invariants of the AQI rules.

use super::*;
use crate::air::breakpoints::IAQI_STEPS;
use proptest::prelude::*;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test literal")
}

fn conc(p: Pollutant, s: &str) -> Concentration {
    Concentration::parse(p, s).expect("test literal")
}

fn value(e: Edition, i: Indicator, s: &str) -> IaqiOutcome {
    iaqi(e.rules(), i, conc(i.pollutant(), s))
}

const E12: Edition = Edition::Hj633_2012;
const E26: Edition = Edition::Hj633_2026;

/// standards.md §1.8, every row, plus the 2012 fall-backs of 表1 notes (2)/(3).
#[test]
fn golden_vectors() {
    use Indicator::*;
    let v = |n: u16| IaqiOutcome::Value(Iaqi::new_capped(n));
    let cases: &[(Edition, Indicator, &str, IaqiOutcome)] = &[
        (E12, Pm25Day, "40", v(57)),
        (E26, Pm25Day, "40", v(60)),
        (E12, Pm25Day, "75", v(100)),
        (E26, Pm25Day, "75", v(114)),
        (E12, Pm25Day, "60", v(82)),
        (E26, Pm25Day, "60", v(100)),
        (E26, Pm25Day, "61", v(101)),
        (E12, Pm10Day, "150", v(100)),
        (E26, Pm10Day, "150", v(112)),
        (E12, Pm10Day, "120", v(85)),
        (E26, Pm10Day, "120", v(100)),
        (E12, CoDay, "3.1", v(78)),
        (E26, CoDay, "3.1", v(78)),
        (E12, O3EightHour, "170", v(110)),
        (E26, O3EightHour, "170", v(110)),
        (E26, So2Hour, "801", v(200)),
        (E26, O3EightHour, "1200", v(300)),
        (E12, So2Hour, "801", IaqiOutcome::FallBack(So2Day)),
        (E12, O3EightHour, "1200", IaqiOutcome::FallBack(O3Hour)),
        // Above the top breakpoint: 500.
        (E12, Pm10Day, "5549", v(500)),
        (E26, Pm25Day, "500.4", v(500)),
        // Zero and breakpoints.
        (E26, Pm25Hour, "0", v(0)),
        (E12, Pm25Hour, "35", v(50)),
        (E12, Pm25Hour, "35.0000001", v(51)),
        // 2026 rounds first (GB/T 8170 half-even): 35.5 → 36, 34.5 → 34, CO 1.25 → 1.2.
        (E26, Pm25Hour, "35.5", v(52)),
        (E26, Pm25Hour, "34.5", v(49)),
        (E12, Pm25Hour, "34.5", v(50)),
        (E26, CoHour, "1.25", v(12)),
        (E12, CoHour, "1.25", v(13)),
    ];
    for (e, i, c, want) in cases {
        assert_eq!(value(*e, *i, c), *want, "{e:?} {i:?} {c}");
    }
}

fn readings(values: [Option<&str>; 6]) -> Readings {
    let mut r = Readings::default();
    for (p, v) in Pollutant::ALL.into_iter().zip(values) {
        if let Some(v) = v {
            r.set(p, Reading::parse(p, v).expect("test literal"));
        }
    }
    r
}

#[test]
fn hourly_primary_ties_and_level() {
    // SO2, NO2, CO, O3, PM10, PM2.5 — PM10 150 and PM2.5 75 both give 100 in 2012.
    let input = HourlyInput {
        hour: readings([
            Some("5"),
            Some("20"),
            Some("0.5"),
            Some("30"),
            Some("150"),
            Some("75"),
        ]),
        so2_day: Reading::Missing,
    };
    let r = hourly_aqi(E12, &input);
    let s = r.published().expect("published");
    assert_eq!(s.aqi.get(), 100);
    assert_eq!(s.level, Level::Good);
    assert_eq!(
        s.primary.iter().collect::<Vec<_>>(),
        vec![Indicator::Pm10Hour, Indicator::Pm25Hour]
    );
    // The same hour in 2026: PM2.5 75 → 114 alone.
    let s = hourly_aqi(E26, &input).published().expect("published");
    assert_eq!(s.aqi.get(), 114);
    assert_eq!(
        s.primary.iter().collect::<Vec<_>>(),
        vec![Indicator::Pm25Hour]
    );
    assert_eq!(s.level.category_zh(), "轻度污染");
}

#[test]
fn no_primary_at_or_below_fifty() {
    let input = HourlyInput {
        hour: readings([
            Some("5"),
            Some("20"),
            Some("0.5"),
            Some("30"),
            Some("50"),
            Some("35"),
        ]),
        so2_day: Reading::Missing,
    };
    let s = hourly_aqi(E26, &input).published().expect("published");
    assert_eq!(s.aqi.get(), 50);
    assert!(s.primary.is_empty());
}

#[test]
fn completeness_rule_2026() {
    // PM10 missing, the rest ≤ 100: NA (HJ 633-2026 §5.3.1).
    let low = HourlyInput {
        hour: readings([
            Some("5"),
            Some("20"),
            Some("0.5"),
            Some("30"),
            None,
            Some("40"),
        ]),
        so2_day: Reading::Missing,
    };
    let r = hourly_aqi(E26, &low);
    assert_eq!(r.publication, Publication::WithheldIncomplete);
    assert_eq!(r.computed.map(|s| s.aqi.get()), Some(60));
    assert!(r.missing.contains(Indicator::Pm10Hour));
    assert_eq!(r.sub_index(Indicator::Pm10Hour), SubIndex::Missing);
    assert_eq!(
        r.sub_index(Indicator::Pm25Hour),
        SubIndex::Value(Iaqi::new_capped(60))
    );
    // … above 100: published.
    let high = HourlyInput {
        hour: readings([
            Some("5"),
            Some("20"),
            Some("0.5"),
            Some("30"),
            None,
            Some("61"),
        ]),
        so2_day: Reading::Missing,
    };
    assert_eq!(
        hourly_aqi(E26, &high).published().map(|s| s.aqi.get()),
        Some(101)
    );
    // Not in the plan ("/", §5.3.2): published even at ≤ 100.
    let mut plan = low;
    plan.hour.set(Pollutant::Pm10, Reading::NotInPlan);
    let r = hourly_aqi(E26, &plan);
    assert_eq!(r.published().map(|s| s.aqi.get()), Some(60));
    assert_eq!(r.sub_index(Indicator::Pm10Hour), SubIndex::NotInPlan);
    // Nothing at all.
    let r = hourly_aqi(E26, &HourlyInput::default());
    assert_eq!(r.publication, Publication::NoData);
    assert_eq!(r.computed, None);
}

#[test]
fn so2_fallback_2012_hourly() {
    let mut input = HourlyInput {
        hour: readings([
            Some("900"),
            Some("20"),
            Some("0.5"),
            Some("30"),
            Some("50"),
            Some("35"),
        ]),
        so2_day: Reading::Missing,
    };
    let r = hourly_aqi(E12, &input);
    assert_eq!(r.sub_index(Indicator::So2Hour), SubIndex::Missing);
    assert_eq!(r.publication, Publication::WithheldIncomplete);
    input.so2_day = Reading::parse(Pollutant::So2, "475").expect("literal");
    let r = hourly_aqi(E12, &input);
    assert_eq!(
        r.sub_index(Indicator::So2Hour),
        SubIndex::Value(Iaqi::new_capped(150))
    );
    assert_eq!(r.published().map(|s| s.aqi.get()), Some(150));
    // 2026: fixed 200 whatever the 24-hour value.
    assert_eq!(
        hourly_aqi(E26, &input).published().map(|s| s.aqi.get()),
        Some(200)
    );
}

#[test]
fn daily_report_2012_and_2026() {
    let input = DailyInput {
        means: readings([
            Some("10"),
            Some("30"),
            Some("0.8"),
            None,
            Some("70"),
            Some("40"),
        ]),
        o3_max_eight_hour: Reading::parse(Pollutant::O3, "1200").expect("literal"),
        o3_max_hour: Reading::parse(Pollutant::O3, "850").expect("literal"),
    };
    // 2012: O3 8 h > 800 falls back to the O3 1 h IAQI: 850 → 300 + 100·50/200 = 325.
    let r = daily_aqi(E12, &input);
    let s = r.published().expect("published");
    assert_eq!(s.aqi.get(), 325);
    assert_eq!(
        r.sub_index(Indicator::O3EightHour),
        SubIndex::Value(Iaqi::new_capped(325))
    );
    assert_eq!(
        s.primary.iter().collect::<Vec<_>>(),
        vec![Indicator::O3Hour, Indicator::O3EightHour]
    );
    assert_eq!(
        s.primary_pollutants().collect::<Vec<_>>(),
        vec![Pollutant::O3]
    );
    // 2026: O3 8 h > 800 → 300; the 1-hour maximum is not a daily indicator.
    let r = daily_aqi(E26, &input);
    assert_eq!(r.sub_index(Indicator::O3Hour), SubIndex::NotInReport);
    assert_eq!(r.published().map(|s| s.aqi.get()), Some(300));
    // 2012 daily with a missing pollutant: published from the rest (§5.1.1).
    let mut low = input;
    low.o3_max_eight_hour = Reading::Missing;
    low.o3_max_hour = Reading::Missing;
    let r = daily_aqi(E12, &low);
    assert_eq!(r.published().map(|s| s.aqi.get()), Some(60));
    assert_eq!(
        daily_aqi(E26, &low).publication,
        Publication::WithheldIncomplete
    );
}

fn any_indicator() -> impl Strategy<Value = Indicator> {
    proptest::sample::select(Indicator::ALL.to_vec())
}

fn any_edition() -> impl Strategy<Value = Edition> {
    prop_oneof![Just(E12), Just(E26)]
}

fn resolve(e: Edition, i: Indicator, c: Decimal) -> u16 {
    let c = Concentration::new(i.pollutant(), c).expect("non-negative");
    match iaqi(e.rules(), i, c) {
        IaqiOutcome::Value(v) => v.get(),
        // Fall-backs resolved at the same concentration only for the monotonicity check.
        IaqiOutcome::FallBack(other) => match iaqi(e.rules(), other, c) {
            IaqiOutcome::Value(v) => v.get(),
            IaqiOutcome::FallBack(_) => 500,
        },
    }
}

proptest! {
    /// IAQI is monotone (non-decreasing) in concentration, for every indicator and edition
    /// (a 2012 fall-back is evaluated at the same concentration on its own column).
    #[test]
    fn iaqi_monotone(e in any_edition(), i in any_indicator(),
                     a in 0i64..4_000_000, b in 0i64..4_000_000, scale in 0u32..4) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (lo, hi) = (Decimal::new(lo, scale), Decimal::new(hi, scale));
        prop_assert!(resolve(e, i, lo) <= resolve(e, i, hi));
    }

    /// Within a segment (BP_Lo, BP_Hi] the IAQI lies in (IAQI_Lo, IAQI_Hi] (after rounding the
    /// concentration as the edition requires).
    #[test]
    fn iaqi_within_breakpoints(e in any_edition(), i in any_indicator(),
                               m in 1i64..4_000_000, scale in 0u32..4) {
        let c = Decimal::new(m, scale);
        let rules = e.rules();
        let cc = index_concentration(rules, i.pollutant(), Concentration::new(i.pollutant(), c).expect("≥0"));
        let points = rules.breakpoints.column(i).points();
        if let Some(k) = (1..points.len()).find(|&k| cc > points[k - 1] && cc <= points[k]) {
            let v = Decimal::from(resolve(e, i, c));
            prop_assert!(v > IAQI_STEPS[k - 1] && v <= IAQI_STEPS[k]);
        }
    }

    /// AQI is the maximum IAQI, and the primary indicators are exactly those at the maximum.
    #[test]
    fn aqi_is_max_iaqi(e in any_edition(),
                       vals in proptest::collection::vec(proptest::option::of(0i64..20_000), 6)) {
        let mut hour = Readings::default();
        for (p, v) in Pollutant::ALL.into_iter().zip(&vals) {
            if let Some(v) = v {
                hour.set(p, Reading::value(p, Decimal::new(*v, 1)).expect("≥0"));
            }
        }
        let r = hourly_aqi(e, &HourlyInput { hour, so2_day: Reading::Missing });
        let subs: Vec<u16> = e.rules().hourly_indicators.iter()
            .filter_map(|i| match r.sub_index(*i) { SubIndex::Value(v) => Some(v.get()), _ => None })
            .collect();
        prop_assert_eq!(r.computed.map(|s| s.aqi.get()), subs.iter().copied().max());
        if let Some(s) = r.computed {
            for i in e.rules().hourly_indicators {
                let at_max = r.sub_index(*i) == SubIndex::Value(s.aqi);
                prop_assert_eq!(s.primary.contains(*i), at_max && s.aqi.get() > 50);
            }
            prop_assert_eq!(s.level, Level::from_aqi(s.aqi));
        }
    }

    /// The edition switches exactly at 2026-03-01.
    #[test]
    fn edition_switch(days in -20_000i32..20_000) {
        let d = crate::air::edition::EDITION_2026_FROM
            .checked_add(jiff::Span::new().days(days)).expect("in range");
        let want = if days >= 0 { E26 } else { E12 };
        prop_assert_eq!(Edition::for_date(d), want);
    }
}

#[test]
fn negative_is_an_error() {
    assert!(matches!(
        Concentration::new(Pollutant::Pm25, dec("-0.1")),
        Err(crate::air::AirError::NegativeConcentration { .. })
    ));
}
