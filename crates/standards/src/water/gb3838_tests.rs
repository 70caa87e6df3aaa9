//! Golden and property tests for GB 3838-2002 表1 classification and the worst-class rule.
//!
//! The golden rows are written out by hand from standards.md §4 (limits as printed there) with the
//! class expected at each limit and just above it; they do not reuse the code's table.

use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::class::WaterClass;
use super::gb3838::{classify_value, limits};
use super::item::{Direction, Item, WaterBody};
use super::measurement::Measurement;
use super::section::{SectionRule, evaluate_section};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test literal")
}

fn classes(s: &str) -> Vec<WaterClass> {
    s.split_whitespace()
        .map(|c| WaterClass::from_str(c).expect("test class"))
        .collect()
}

/// One step in the last place after the printed limit: 0.15 → 0.001, 15 → 0.1.
fn step(limit: &str) -> Decimal {
    let scale = limit.split('.').nth(1).map_or(0, |f| f.len() as u32);
    Decimal::new(1, scale + 1)
}

/// (item, water body, limits Ⅰ…Ⅴ as printed in standards.md §4, class at each limit, class just
/// above each limit). For "≤" items a value just below a limit has the class at the limit.
const GOLDEN: &[(Item, WaterBody, &str, &str, &str)] = &[
    (
        Item::PermanganateIndex,
        WaterBody::River,
        "2 4 6 10 15",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::ChemicalOxygenDemand,
        WaterBody::River,
        "15 15 20 30 40",
        "Ⅰ Ⅰ Ⅲ Ⅳ Ⅴ",
        "Ⅲ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::BiochemicalOxygenDemand5,
        WaterBody::River,
        "3 3 4 6 10",
        "Ⅰ Ⅰ Ⅲ Ⅳ Ⅴ",
        "Ⅲ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::AmmoniaNitrogen,
        WaterBody::River,
        "0.15 0.5 1.0 1.5 2.0",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::TotalPhosphorus,
        WaterBody::River,
        "0.02 0.1 0.2 0.3 0.4",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::TotalPhosphorus,
        WaterBody::LakeReservoir,
        "0.01 0.025 0.05 0.1 0.2",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::TotalNitrogen,
        WaterBody::LakeReservoir,
        "0.2 0.5 1.0 1.5 2.0",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::Copper,
        WaterBody::River,
        "0.01 1.0 1.0 1.0 1.0",
        "Ⅰ Ⅱ Ⅱ Ⅱ Ⅱ",
        "Ⅱ 劣Ⅴ 劣Ⅴ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Zinc,
        WaterBody::River,
        "0.05 1.0 1.0 2.0 2.0",
        "Ⅰ Ⅱ Ⅱ Ⅳ Ⅳ",
        "Ⅱ Ⅳ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Fluoride,
        WaterBody::River,
        "1.0 1.0 1.0 1.5 1.5",
        "Ⅰ Ⅰ Ⅰ Ⅳ Ⅳ",
        "Ⅳ Ⅳ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Selenium,
        WaterBody::River,
        "0.01 0.01 0.01 0.02 0.02",
        "Ⅰ Ⅰ Ⅰ Ⅳ Ⅳ",
        "Ⅳ Ⅳ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Arsenic,
        WaterBody::River,
        "0.05 0.05 0.05 0.1 0.1",
        "Ⅰ Ⅰ Ⅰ Ⅳ Ⅳ",
        "Ⅳ Ⅳ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Mercury,
        WaterBody::River,
        "0.00005 0.00005 0.0001 0.001 0.001",
        "Ⅰ Ⅰ Ⅲ Ⅳ Ⅳ",
        "Ⅲ Ⅲ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Cadmium,
        WaterBody::River,
        "0.001 0.005 0.005 0.005 0.01",
        "Ⅰ Ⅱ Ⅱ Ⅱ Ⅴ",
        "Ⅱ Ⅴ Ⅴ Ⅴ 劣Ⅴ",
    ),
    (
        Item::HexavalentChromium,
        WaterBody::River,
        "0.01 0.05 0.05 0.05 0.1",
        "Ⅰ Ⅱ Ⅱ Ⅱ Ⅴ",
        "Ⅱ Ⅴ Ⅴ Ⅴ 劣Ⅴ",
    ),
    (
        Item::Lead,
        WaterBody::River,
        "0.01 0.01 0.05 0.05 0.1",
        "Ⅰ Ⅰ Ⅲ Ⅲ Ⅴ",
        "Ⅲ Ⅲ Ⅴ Ⅴ 劣Ⅴ",
    ),
    (
        Item::Cyanide,
        WaterBody::River,
        "0.005 0.05 0.2 0.2 0.2",
        "Ⅰ Ⅱ Ⅲ Ⅲ Ⅲ",
        "Ⅱ Ⅲ 劣Ⅴ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::VolatilePhenols,
        WaterBody::River,
        "0.002 0.002 0.005 0.01 0.1",
        "Ⅰ Ⅰ Ⅲ Ⅳ Ⅴ",
        "Ⅲ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::Petroleum,
        WaterBody::River,
        "0.05 0.05 0.05 0.5 1.0",
        "Ⅰ Ⅰ Ⅰ Ⅳ Ⅴ",
        "Ⅳ Ⅳ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::AnionicSurfactants,
        WaterBody::River,
        "0.2 0.2 0.2 0.3 0.3",
        "Ⅰ Ⅰ Ⅰ Ⅳ Ⅳ",
        "Ⅳ Ⅳ Ⅳ 劣Ⅴ 劣Ⅴ",
    ),
    (
        Item::Sulfide,
        WaterBody::River,
        "0.05 0.1 0.2 0.5 1.0",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
    (
        Item::FecalColiform,
        WaterBody::River,
        "200 2000 10000 20000 40000",
        "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
        "Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
    ),
];

#[test]
fn golden_limits_match_the_reference_table() {
    for &(item, body, lims, _, _) in GOLDEN {
        let want: Vec<Decimal> = lims.split_whitespace().map(d).collect();
        assert_eq!(
            limits(item, body).map(Vec::from),
            Some(want),
            "{item:?} {body:?}"
        );
    }
    // every "≤" item of 表1 is covered, TP for both water bodies, TN also for rivers (same limits)
    let covered = |i: Item| GOLDEN.iter().any(|g| g.0 == i);
    for item in Item::ALL {
        assert_eq!(
            covered(item),
            item.direction() == Direction::AtMost,
            "{item:?}"
        );
    }
}

#[test]
fn golden_classes_at_below_and_above_every_limit() {
    for &(item, body, lims, at, above) in GOLDEN {
        let at = classes(at);
        let above = classes(above);
        for (k, lim) in lims.split_whitespace().enumerate() {
            let eps = step(lim);
            let v = d(lim);
            let got = |x| classify_value(item, body, x).expect("classifiable");
            assert_eq!(got(v), at[k], "{item:?} {body:?} at {lim}");
            assert_eq!(got(v + eps), above[k], "{item:?} {body:?} above {lim}");
            assert_eq!(got(v - eps), at[k], "{item:?} {body:?} below {lim}");
        }
    }
}

#[test]
fn golden_dissolved_oxygen() {
    // "≥": at the limit the class, just below the next worse class, just above the same class.
    let lims = ["7.5", "6", "5", "3", "2"];
    let at = classes("Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ");
    let below = classes("Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ");
    for (k, lim) in lims.iter().enumerate() {
        let eps = step(lim);
        let v = d(lim);
        let got = |x| classify_value(Item::DissolvedOxygen, WaterBody::River, x).expect("DO");
        assert_eq!(got(v), at[k], "at {lim}");
        assert_eq!(got(v - eps), below[k], "below {lim}");
        assert_eq!(got(v + eps), at[k], "above {lim}");
    }
    assert_eq!(
        classify_value(Item::DissolvedOxygen, WaterBody::LakeReservoir, d("0")),
        Ok(WaterClass::WorseThanV)
    );
}

#[test]
fn golden_ph() {
    let cases = [
        ("5.9", "劣Ⅴ"),
        ("5.99", "劣Ⅴ"),
        ("6", "Ⅰ"),
        ("6.01", "Ⅰ"),
        ("7.5", "Ⅰ"),
        ("8.99", "Ⅰ"),
        ("9", "Ⅰ"),
        ("9.01", "劣Ⅴ"),
        ("9.1", "劣Ⅴ"),
        ("0", "劣Ⅴ"),
        ("14", "劣Ⅴ"),
    ];
    for (x, want) in cases {
        let want = WaterClass::from_str(want).expect("class");
        assert_eq!(
            classify_value(Item::Ph, WaterBody::River, d(x)),
            Ok(want),
            "pH {x}"
        );
    }
}

fn classified_item() -> impl Strategy<Value = Item> {
    let items: Vec<Item> = Item::ALL
        .into_iter()
        .filter(|&i| i != Item::WaterTemperature)
        .collect();
    proptest::sample::select(items)
}

fn body() -> impl Strategy<Value = WaterBody> {
    prop_oneof![Just(WaterBody::River), Just(WaterBody::LakeReservoir)]
}

/// A value from 0 to 50 000 with up to six decimals, covering every limit's neighbourhood.
fn value() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=14_000_000).prop_map(|m| Decimal::new(m, 6)),
        (0i64..=50_000_000).prop_map(|m| Decimal::new(m, 3)),
    ]
}

proptest! {
    #[test]
    fn class_is_monotone_in_concentration(
        item in classified_item().prop_filter("not pH", |i| *i != Item::Ph),
        body in body(),
        a in value(),
        b in value(),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let c_lo = classify_value(item, body, lo).expect("classifiable");
        let c_hi = classify_value(item, body, hi).expect("classifiable");
        match item.direction() {
            // DO: higher is better, so the class is reversed
            Direction::AtLeast => prop_assert!(c_lo >= c_hi, "{:?} {} {} {:?} {:?}", item, lo, hi, c_lo, c_hi),
            _ => prop_assert!(c_lo <= c_hi, "{:?} {} {} {:?} {:?}", item, lo, hi, c_lo, c_hi),
        }
    }

    #[test]
    fn class_meets_its_own_limit_and_misses_the_better_one(
        item in classified_item().prop_filter("not pH", |i| *i != Item::Ph),
        body in body(),
        v in value(),
    ) {
        let c = classify_value(item, body, v).expect("classifiable");
        let lims = limits(item, body).expect("limits");
        let meets = |lim: Decimal| match item.direction() {
            Direction::AtLeast => v >= lim,
            _ => v <= lim,
        };
        if let Some(k) = c.limit_index() {
            prop_assert!(meets(lims[k]));
        }
        let best_missed = c.limit_index().unwrap_or(5);
        for lim in &lims[..best_missed] {
            prop_assert!(!meets(*lim));
        }
    }

    #[test]
    fn section_class_is_the_worst_item_class(
        rows in proptest::collection::btree_map(classified_item(), value(), 1..12),
        body in body(),
    ) {
        let values: Vec<(Item, Measurement)> = rows
            .iter()
            .filter(|(i, v)| **i != Item::Ph || **v <= Decimal::from(14))
            .map(|(i, v)| (*i, Measurement::valid(*v).expect("non-negative")))
            .collect();
        let rule = SectionRule { body, ..SectionRule::river() };
        let worst = values
            .iter()
            .filter(|(i, _)| i.is_evaluated())
            .map(|(i, m)| classify_value(*i, body, m.value()).expect("classifiable"))
            .max();
        match evaluate_section(&values, &rule) {
            Ok(e) => {
                prop_assert_eq!(Some(e.class), worst);
                prop_assert!(e.main_pollutants.len() <= 3);
                prop_assert_eq!(e.main_pollutants.is_empty(), e.class <= WaterClass::III);
                // removing any evaluated item never makes the section worse
                for skip in 0..values.len() {
                    let fewer: Vec<_> = values.iter().enumerate()
                        .filter(|(j, _)| *j != skip).map(|(_, r)| *r).collect();
                    if let Ok(f) = evaluate_section(&fewer, &rule) {
                        prop_assert!(f.class <= e.class);
                    }
                }
            }
            Err(_) => prop_assert_eq!(worst, None),
        }
    }
}
