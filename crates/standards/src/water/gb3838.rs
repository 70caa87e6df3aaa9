//! GB 3838-2002 表1 — the class limits of the basic items and the class of one value.
//!
//! Limits are from standards.md §4 (\[S3+\]: Silence.Water JSON, a Java enum and three web pages,
//! all agreeing; the official PDF could not be opened there).
//!
//! Comparison rule: the class is the best (lowest-numbered) class whose limit the value meets; a
//! value equal to a limit meets it (GB 3838-2002 表1 "≤"/"≥"), so where Ⅰ and Ⅱ share a limit
//! (COD 15, BOD5 3, …) the value gets Ⅰ (standards.md §4 "Disagreements" 2: common practice and
//! two of three code sources). Values are compared in full, not rounded first (GB/T 8170-2008 §4.3,
//! 全数值比较法, the default when a standard says nothing else).

use rust_decimal::Decimal;

use super::class::WaterClass;
use super::item::{Direction, Item, WaterBody};
use super::measurement::{Measurement, Qualifier};

/// Builds a non-negative decimal `m × 10^-scale` in a constant context.
pub(crate) const fn dec(m: u32, scale: u32) -> Decimal {
    Decimal::from_parts(m, 0, 0, false, scale)
}

/// GB 3838-2002 表1 序号2 — pH lower bound, every class (6～9).
pub const PH_MIN: Decimal = dec(6, 0);
/// GB 3838-2002 表1 序号2 — pH upper bound, every class (6～9).
pub const PH_MAX: Decimal = dec(9, 0);
/// The physical pH scale used to refuse impossible values (0…14).
pub const PH_SCALE_MAX: Decimal = dec(14, 0);

/// GB 3838-2002 表1 序号1 — 周平均最大温升 ≤ 1 ℃ (man-made warming), every class.
pub const MAX_WEEKLY_WARMING: Decimal = dec(1, 0);
/// GB 3838-2002 表1 序号1 — 周平均最大温降 ≤ 2 ℃ (man-made cooling), every class.
pub const MAX_WEEKLY_COOLING: Decimal = dec(2, 0);

/// A value cannot be classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassifyError {
    /// 水温 has no class limits (GB 3838-2002 表1 序号1 limits man-made change only).
    #[error("{0} has no class limits in GB 3838-2002 表1")]
    NoClassLimits(Item),
    /// A pH outside the physical scale 0…14.
    #[error("pH {0} is outside 0..14")]
    PhOutOfScale(Decimal),
    /// A pH reported as below the detection limit, which has no meaning.
    #[error("pH cannot be below a detection limit")]
    PhBelowDetection,
}

/// GB 3838-2002 表1 — the Ⅰ…Ⅴ limits of an item for a kind of water body (mg/L; 个/L for 粪大肠菌群).
///
/// For "≤" items a value meets a class when it is at most the limit; for 溶解氧 ("≥") when it is at
/// least the limit. Returns `None` for 水温 and pH, which have no per-class limit (see [`PH_MIN`],
/// [`PH_MAX`], [`MAX_WEEKLY_WARMING`]).
///
/// 溶解氧 Ⅰ is "饱和率90%（或7.5）"; like every implementation seen (standards.md §4 note 3) this
/// uses 7.5 mg/L. 总氮 limits apply to 湖、库 in the standard; they are returned for both kinds of
/// water body so that a river's TN can still be reported for reference.
pub fn limits(item: Item, body: WaterBody) -> Option<[Decimal; 5]> {
    let l = match item {
        Item::WaterTemperature | Item::Ph => return None,
        // 表1 序号3
        Item::DissolvedOxygen => [dec(75, 1), dec(6, 0), dec(5, 0), dec(3, 0), dec(2, 0)],
        // 表1 序号4
        Item::PermanganateIndex => [dec(2, 0), dec(4, 0), dec(6, 0), dec(10, 0), dec(15, 0)],
        // 表1 序号5
        Item::ChemicalOxygenDemand => [dec(15, 0), dec(15, 0), dec(20, 0), dec(30, 0), dec(40, 0)],
        // 表1 序号6
        Item::BiochemicalOxygenDemand5 => [dec(3, 0), dec(3, 0), dec(4, 0), dec(6, 0), dec(10, 0)],
        // 表1 序号7
        Item::AmmoniaNitrogen => [dec(15, 2), dec(5, 1), dec(10, 1), dec(15, 1), dec(20, 1)],
        // 表1 序号8, rivers: 0.02 0.1 0.2 0.3 0.4; 湖、库: 0.01 0.025 0.05 0.1 0.2
        Item::TotalPhosphorus => match body {
            WaterBody::River => [dec(2, 2), dec(1, 1), dec(2, 1), dec(3, 1), dec(4, 1)],
            WaterBody::LakeReservoir => [dec(1, 2), dec(25, 3), dec(5, 2), dec(1, 1), dec(2, 1)],
        },
        // 表1 序号9 (湖、库); Ⅳ is 1.5, not the "105" typo of two web copies (standards.md §4)
        Item::TotalNitrogen => [dec(2, 1), dec(5, 1), dec(10, 1), dec(15, 1), dec(20, 1)],
        // 表1 序号10
        Item::Copper => [dec(1, 2), dec(10, 1), dec(10, 1), dec(10, 1), dec(10, 1)],
        // 表1 序号11
        Item::Zinc => [dec(5, 2), dec(10, 1), dec(10, 1), dec(20, 1), dec(20, 1)],
        // 表1 序号12
        Item::Fluoride => [dec(10, 1), dec(10, 1), dec(10, 1), dec(15, 1), dec(15, 1)],
        // 表1 序号13
        Item::Selenium => [dec(1, 2), dec(1, 2), dec(1, 2), dec(2, 2), dec(2, 2)],
        // 表1 序号14
        Item::Arsenic => [dec(5, 2), dec(5, 2), dec(5, 2), dec(1, 1), dec(1, 1)],
        // 表1 序号15
        Item::Mercury => [dec(5, 5), dec(5, 5), dec(1, 4), dec(1, 3), dec(1, 3)],
        // 表1 序号16
        Item::Cadmium => [dec(1, 3), dec(5, 3), dec(5, 3), dec(5, 3), dec(1, 2)],
        // 表1 序号17
        Item::HexavalentChromium => [dec(1, 2), dec(5, 2), dec(5, 2), dec(5, 2), dec(1, 1)],
        // 表1 序号18
        Item::Lead => [dec(1, 2), dec(1, 2), dec(5, 2), dec(5, 2), dec(1, 1)],
        // 表1 序号19
        Item::Cyanide => [dec(5, 3), dec(5, 2), dec(2, 1), dec(2, 1), dec(2, 1)],
        // 表1 序号20
        Item::VolatilePhenols => [dec(2, 3), dec(2, 3), dec(5, 3), dec(1, 2), dec(1, 1)],
        // 表1 序号21
        Item::Petroleum => [dec(5, 2), dec(5, 2), dec(5, 2), dec(5, 1), dec(10, 1)],
        // 表1 序号22
        Item::AnionicSurfactants => [dec(2, 1), dec(2, 1), dec(2, 1), dec(3, 1), dec(3, 1)],
        // 表1 序号23
        Item::Sulfide => [dec(5, 2), dec(1, 1), dec(2, 1), dec(5, 1), dec(10, 1)],
        // 表1 序号24, 个/L
        Item::FecalColiform => [
            dec(200, 0),
            dec(2000, 0),
            dec(10000, 0),
            dec(20000, 0),
            dec(40000, 0),
        ],
    };
    Some(l)
}

/// GB 3838-2002 表1 — the limit of one class (Ⅰ…Ⅴ) of an item; `None` for 劣Ⅴ, 水温 and pH.
pub fn limit(item: Item, body: WaterBody, class: WaterClass) -> Option<Decimal> {
    let i = class.limit_index()?;
    limits(item, body).map(|l| l[i])
}

/// GB 3838-2002 表1 — the class of a plain value of `item` (no qualifier).
///
/// - "≤" items: the best class whose limit is ≥ the value; above the Ⅴ limit, 劣Ⅴ.
/// - 溶解氧: the best class whose minimum is ≤ the value; below 2 mg/L, 劣Ⅴ.
/// - pH: Ⅰ inside 6～9 (bounds included), otherwise 劣Ⅴ (standards.md §4, "classification
///   convention": the pH limit is the same for every class and code sources map a miss to 劣Ⅴ);
///   outside 0…14 it is an error.
/// - 水温: [`ClassifyError::NoClassLimits`].
///
/// A negative value cannot be represented: take it through [`Measurement`].
pub fn classify_value(
    item: Item,
    body: WaterBody,
    value: Decimal,
) -> Result<WaterClass, ClassifyError> {
    match item.direction() {
        Direction::ChangeOnly => Err(ClassifyError::NoClassLimits(item)),
        Direction::Range => {
            if value < Decimal::ZERO || value > PH_SCALE_MAX {
                Err(ClassifyError::PhOutOfScale(value))
            } else if (PH_MIN..=PH_MAX).contains(&value) {
                Ok(WaterClass::I)
            } else {
                Ok(WaterClass::WorseThanV)
            }
        }
        Direction::AtMost | Direction::AtLeast => {
            let Some(lims) = limits(item, body) else {
                return Err(ClassifyError::NoClassLimits(item));
            };
            let at_least = item.direction() == Direction::AtLeast;
            let class = WaterClass::LIMITED
                .into_iter()
                .zip(lims)
                .find(|&(_, lim)| if at_least { value >= lim } else { value <= lim })
                .map_or(WaterClass::WorseThanV, |(c, _)| c);
            Ok(class)
        }
    }
}

/// GB 3838-2002 表1 — the class of one measurement.
///
/// A result below the detection limit `L` lies somewhere in `[0, L)`:
/// - for "≤" items it is classified at `L` itself, which is exact whenever `L` is within the Ⅰ
///   limit (the usual case) and otherwise the conservative (worst possible) class;
/// - for 溶解氧 ("≥") it is classified at zero, again the conservative reading;
/// - for pH it is an error ([`ClassifyError::PhBelowDetection`]).
pub fn classify(item: Item, body: WaterBody, m: &Measurement) -> Result<WaterClass, ClassifyError> {
    match m.qualifier() {
        Qualifier::Valid => classify_value(item, body, m.value()),
        Qualifier::BelowDetection { limit } => match item.direction() {
            Direction::Range => Err(ClassifyError::PhBelowDetection),
            Direction::AtLeast => classify_value(item, body, Decimal::ZERO),
            Direction::AtMost | Direction::ChangeOnly => classify_value(item, body, limit),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn limits_are_monotone_in_the_item_direction() {
        for body in [WaterBody::River, WaterBody::LakeReservoir] {
            for item in Item::ALL {
                let Some(l) = limits(item, body) else {
                    continue;
                };
                for w in l.windows(2) {
                    match item.direction() {
                        Direction::AtLeast => assert!(w[0] >= w[1], "{item:?}"),
                        _ => assert!(w[0] <= w[1], "{item:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn only_tp_differs_between_rivers_and_lakes() {
        for item in Item::ALL {
            let same = limits(item, WaterBody::River) == limits(item, WaterBody::LakeReservoir);
            assert_eq!(same, item != Item::TotalPhosphorus, "{item:?}");
        }
        assert_eq!(
            limit(
                Item::TotalPhosphorus,
                WaterBody::LakeReservoir,
                WaterClass::II
            ),
            Some(d("0.025"))
        );
        assert_eq!(
            limit(Item::TotalPhosphorus, WaterBody::River, WaterClass::III),
            Some(d("0.2"))
        );
        assert_eq!(limit(Item::Ph, WaterBody::River, WaterClass::III), None);
        assert_eq!(
            limit(
                Item::AmmoniaNitrogen,
                WaterBody::River,
                WaterClass::WorseThanV
            ),
            None
        );
    }

    #[test]
    fn equal_limits_give_the_better_class() {
        let r = WaterBody::River;
        assert_eq!(
            classify_value(Item::ChemicalOxygenDemand, r, d("15")),
            Ok(WaterClass::I)
        );
        assert_eq!(
            classify_value(Item::BiochemicalOxygenDemand5, r, d("3.0")),
            Ok(WaterClass::I)
        );
        assert_eq!(
            classify_value(Item::Copper, r, d("1.0")),
            Ok(WaterClass::II)
        );
        assert_eq!(
            classify_value(Item::DissolvedOxygen, r, d("7.5")),
            Ok(WaterClass::I)
        );
        assert_eq!(
            classify_value(Item::DissolvedOxygen, r, d("1.99")),
            Ok(WaterClass::WorseThanV)
        );
    }

    #[test]
    fn ph() {
        let r = WaterBody::River;
        assert_eq!(classify_value(Item::Ph, r, d("6")), Ok(WaterClass::I));
        assert_eq!(classify_value(Item::Ph, r, d("9.00")), Ok(WaterClass::I));
        assert_eq!(
            classify_value(Item::Ph, r, d("5.99")),
            Ok(WaterClass::WorseThanV)
        );
        assert_eq!(
            classify_value(Item::Ph, r, d("9.01")),
            Ok(WaterClass::WorseThanV)
        );
        assert_eq!(
            classify_value(Item::Ph, r, d("14.1")),
            Err(ClassifyError::PhOutOfScale(d("14.1")))
        );
        let nd = Measurement::below_detection(d("0.1")).expect("nd");
        assert_eq!(
            classify(Item::Ph, r, &nd),
            Err(ClassifyError::PhBelowDetection)
        );
    }

    #[test]
    fn water_temperature_has_no_class() {
        assert_eq!(
            classify_value(Item::WaterTemperature, WaterBody::River, d("20")),
            Err(ClassifyError::NoClassLimits(Item::WaterTemperature))
        );
    }

    #[test]
    fn below_detection() {
        let r = WaterBody::River;
        let m = |s: &str| Measurement::from_str(s).expect("m");
        // 石油类 detection limit 0.01 is within Ⅰ (0.05): exactly Ⅰ
        assert_eq!(classify(Item::Petroleum, r, &m("0.01L")), Ok(WaterClass::I));
        // a detection limit above the Ⅰ limit: conservative class of the limit itself
        assert_eq!(
            classify(Item::Mercury, r, &m("0.0001L")),
            Ok(WaterClass::III)
        );
        // DO below detection: the worst reading
        assert_eq!(
            classify(Item::DissolvedOxygen, r, &m("0.5L")),
            Ok(WaterClass::WorseThanV)
        );
    }

    #[test]
    fn lake_tp_is_stricter() {
        assert_eq!(
            classify_value(Item::TotalPhosphorus, WaterBody::River, d("0.05")),
            Ok(WaterClass::II)
        );
        assert_eq!(
            classify_value(Item::TotalPhosphorus, WaterBody::LakeReservoir, d("0.05")),
            Ok(WaterClass::III)
        );
        assert_eq!(
            classify_value(Item::TotalPhosphorus, WaterBody::LakeReservoir, d("0.21")),
            Ok(WaterClass::WorseThanV)
        );
    }
}
