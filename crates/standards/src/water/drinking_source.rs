//! GB 3838-2002 表2 — supplementary items for centralised drinking-water sources
//! (集中式生活饮用水地表水源地补充项目).
//!
//! Limits from standards.md §4 (\[S2\]: Silence.Water JSON and one web page). These items have a
//! single standard limit (标准限值), not classes: a value meets it or exceeds it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::gb3838::dec;
use super::item::{normalise_name, strip_unit};
use super::measurement::Measurement;

/// 集中式生活饮用水地表水源地补充项目 — an item of GB 3838-2002 表2, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SupplementaryItem {
    /// 硫酸盐 (以SO₄²⁻计) — 表2 序号1.
    Sulfate,
    /// 氯化物 (以Cl⁻计) — 表2 序号2.
    Chloride,
    /// 硝酸盐 (以N计) — 表2 序号3.
    Nitrate,
    /// 铁 Fe — 表2 序号4.
    Iron,
    /// 锰 Mn — 表2 序号5.
    Manganese,
}

impl SupplementaryItem {
    /// The five items in GB 3838-2002 表2 order.
    pub const ALL: [SupplementaryItem; 5] = [
        SupplementaryItem::Sulfate,
        SupplementaryItem::Chloride,
        SupplementaryItem::Nitrate,
        SupplementaryItem::Iron,
        SupplementaryItem::Manganese,
    ];

    /// The Chinese name (`硫酸盐`, `氯化物`, `硝酸盐`, `铁`, `锰`).
    pub fn name(self) -> &'static str {
        match self {
            SupplementaryItem::Sulfate => "硫酸盐",
            SupplementaryItem::Chloride => "氯化物",
            SupplementaryItem::Nitrate => "硝酸盐",
            SupplementaryItem::Iron => "铁",
            SupplementaryItem::Manganese => "锰",
        }
    }

    /// GB 3838-2002 表2 — the standard limit in mg/L (硫酸盐 250, 氯化物 250, 硝酸盐 10, 铁 0.3,
    /// 锰 0.1); a value meets it when it is at most the limit.
    pub fn limit(self) -> Decimal {
        match self {
            SupplementaryItem::Sulfate => dec(250, 0),
            SupplementaryItem::Chloride => dec(250, 0),
            SupplementaryItem::Nitrate => dec(10, 0),
            SupplementaryItem::Iron => dec(3, 1),
            SupplementaryItem::Manganese => dec(1, 1),
        }
    }

    /// GB 3838-2002 表2 — whether a measurement meets the limit (equal to the limit meets it).
    ///
    /// A non-detect is judged at its detection limit, which is conservative.
    pub fn meets(self, m: &Measurement) -> bool {
        m.value() <= self.limit()
    }

    /// 超标倍数 — `(C − limit) / limit` when the value exceeds the limit, else `None`
    /// (same formula as for 表1 items, standards.md §5.4).
    pub fn exceedance_multiple(self, m: &Measurement) -> Option<Decimal> {
        let lim = self.limit();
        if m.is_below_detection() || m.value() <= lim {
            return None;
        }
        (m.value() - lim).checked_div(lim)
    }
}

impl fmt::Display for SupplementaryItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text does not name a GB 3838-2002 表2 item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown drinking-water-source item: {0:?}")]
pub struct UnknownSupplementaryItem(pub String);

fn lookup(name: &str) -> Option<SupplementaryItem> {
    let item = match name {
        "硫酸盐" => SupplementaryItem::Sulfate,
        "氯化物" => SupplementaryItem::Chloride,
        "硝酸盐" | "硝酸盐氮" => SupplementaryItem::Nitrate,
        "铁" => SupplementaryItem::Iron,
        "锰" => SupplementaryItem::Manganese,
        _ => return None,
    };
    Some(item)
}

impl FromStr for SupplementaryItem {
    type Err = UnknownSupplementaryItem;

    /// Accepts the Chinese name with or without a trailing note or unit (`硫酸盐(以SO4²⁻计)`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n = normalise_name(s);
        lookup(&n)
            .or_else(|| strip_unit(&n).and_then(lookup))
            .ok_or_else(|| UnknownSupplementaryItem(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Measurement {
        s.parse().expect("test measurement")
    }

    #[test]
    fn golden_limits() {
        let want = ["250", "250", "10", "0.3", "0.1"];
        for (item, w) in SupplementaryItem::ALL.into_iter().zip(want) {
            let lim: Decimal = w.parse().expect("literal");
            assert_eq!(item.limit(), lim);
            assert!(item.meets(&m(w)), "{item} at limit");
            assert!(!item.meets(&Measurement::valid(lim + Decimal::new(1, 4)).expect("v")));
            assert!(item.meets(&Measurement::valid(lim - Decimal::new(1, 4)).expect("v")));
        }
    }

    #[test]
    fn exceedance() {
        let fe = SupplementaryItem::Iron;
        assert_eq!(fe.exceedance_multiple(&m("0.45")), Some(Decimal::new(5, 1)));
        assert_eq!(fe.exceedance_multiple(&m("0.3")), None);
        assert_eq!(fe.exceedance_multiple(&m("0.03L")), None);
    }

    #[test]
    fn parse() {
        for item in SupplementaryItem::ALL {
            assert_eq!(item.to_string().parse(), Ok(item));
        }
        assert_eq!("硫酸盐（以SO4计）".parse(), Ok(SupplementaryItem::Sulfate));
        assert_eq!("锰(mg/L)".parse(), Ok(SupplementaryItem::Manganese));
        assert!("氨氮".parse::<SupplementaryItem>().is_err());
    }
}
