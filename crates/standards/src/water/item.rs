//! 基本项目 — the 24 basic items of GB 3838-2002 表1, their names, units and directions.

use std::fmt;
use std::str::FromStr;

/// 地表水环境质量标准基本项目 — a basic item of GB 3838-2002 表1, in table order (序号 1–24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// 水温 (℃) — 表1 序号1; a limit on man-made change, not a class limit.
    WaterTemperature,
    /// pH (无量纲) — 表1 序号2; 6～9 for every class.
    Ph,
    /// 溶解氧 DO — 表1 序号3; higher is better.
    DissolvedOxygen,
    /// 高锰酸盐指数 CODMn — 表1 序号4.
    PermanganateIndex,
    /// 化学需氧量 COD — 表1 序号5.
    ChemicalOxygenDemand,
    /// 五日生化需氧量 BOD5 — 表1 序号6.
    BiochemicalOxygenDemand5,
    /// 氨氮 NH3-N — 表1 序号7.
    AmmoniaNitrogen,
    /// 总磷 TP (以P计) — 表1 序号8; rivers and lakes/reservoirs have different limits.
    TotalPhosphorus,
    /// 总氮 TN (湖、库，以N计) — 表1 序号9.
    TotalNitrogen,
    /// 铜 Cu — 表1 序号10.
    Copper,
    /// 锌 Zn — 表1 序号11.
    Zinc,
    /// 氟化物 (以F⁻计) — 表1 序号12.
    Fluoride,
    /// 硒 Se — 表1 序号13.
    Selenium,
    /// 砷 As — 表1 序号14.
    Arsenic,
    /// 汞 Hg — 表1 序号15.
    Mercury,
    /// 镉 Cd — 表1 序号16.
    Cadmium,
    /// 铬(六价) Cr⁶⁺ — 表1 序号17.
    HexavalentChromium,
    /// 铅 Pb — 表1 序号18.
    Lead,
    /// 氰化物 CN — 表1 序号19.
    Cyanide,
    /// 挥发酚 — volatile phenols, 表1 序号20.
    VolatilePhenols,
    /// 石油类 — petroleum, 表1 序号21.
    Petroleum,
    /// 阴离子表面活性剂 LAS — anionic surfactants, 表1 序号22.
    AnionicSurfactants,
    /// 硫化物 S²⁻ — sulfide, 表1 序号23.
    Sulfide,
    /// 粪大肠菌群 (个/L) — fecal coliform, 表1 序号24.
    FecalColiform,
}

/// 限值方向 — how a value is compared with the limits of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// "≤": the value must not exceed the limit (most items).
    AtMost,
    /// "≥": the value must be at least the limit (溶解氧: higher is better).
    AtLeast,
    /// A closed range that is the same for every class (pH 6～9).
    Range,
    /// 水温: a limit on man-made change (周平均最大温升 ≤ 1, 温降 ≤ 2), no class.
    ChangeOnly,
}

/// 水域类型 — the kind of water body; GB 3838-2002 表1 gives separate TP limits for 湖、库.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaterBody {
    /// 河流 — river (also the default for a section not in the registry).
    River,
    /// 湖泊、水库 — lake or reservoir.
    LakeReservoir,
}

impl Item {
    /// All 24 items in GB 3838-2002 表1 order.
    pub const ALL: [Item; 24] = [
        Item::WaterTemperature,
        Item::Ph,
        Item::DissolvedOxygen,
        Item::PermanganateIndex,
        Item::ChemicalOxygenDemand,
        Item::BiochemicalOxygenDemand5,
        Item::AmmoniaNitrogen,
        Item::TotalPhosphorus,
        Item::TotalNitrogen,
        Item::Copper,
        Item::Zinc,
        Item::Fluoride,
        Item::Selenium,
        Item::Arsenic,
        Item::Mercury,
        Item::Cadmium,
        Item::HexavalentChromium,
        Item::Lead,
        Item::Cyanide,
        Item::VolatilePhenols,
        Item::Petroleum,
        Item::AnionicSurfactants,
        Item::Sulfide,
        Item::FecalColiform,
    ];

    /// 序号 — the row number in GB 3838-2002 表1 (1–24).
    pub fn number(self) -> u8 {
        // ALL is in table order and the enum declares the variants in the same order.
        self as u8 + 1
    }

    /// The Chinese name as written in water exports and bulletins (`高锰酸盐指数`, `氨氮`, `pH`).
    pub fn name(self) -> &'static str {
        match self {
            Item::WaterTemperature => "水温",
            Item::Ph => "pH",
            Item::DissolvedOxygen => "溶解氧",
            Item::PermanganateIndex => "高锰酸盐指数",
            Item::ChemicalOxygenDemand => "化学需氧量",
            Item::BiochemicalOxygenDemand5 => "五日生化需氧量",
            Item::AmmoniaNitrogen => "氨氮",
            Item::TotalPhosphorus => "总磷",
            Item::TotalNitrogen => "总氮",
            Item::Copper => "铜",
            Item::Zinc => "锌",
            Item::Fluoride => "氟化物",
            Item::Selenium => "硒",
            Item::Arsenic => "砷",
            Item::Mercury => "汞",
            Item::Cadmium => "镉",
            Item::HexavalentChromium => "铬(六价)",
            Item::Lead => "铅",
            Item::Cyanide => "氰化物",
            Item::VolatilePhenols => "挥发酚",
            Item::Petroleum => "石油类",
            Item::AnionicSurfactants => "阴离子表面活性剂",
            Item::Sulfide => "硫化物",
            Item::FecalColiform => "粪大肠菌群",
        }
    }

    /// A short ASCII code (`CODMn`, `NH3-N`, `TP`, `DO`, `pH`), also accepted by [`FromStr`].
    pub fn code(self) -> &'static str {
        match self {
            Item::WaterTemperature => "WT",
            Item::Ph => "pH",
            Item::DissolvedOxygen => "DO",
            Item::PermanganateIndex => "CODMn",
            Item::ChemicalOxygenDemand => "COD",
            Item::BiochemicalOxygenDemand5 => "BOD5",
            Item::AmmoniaNitrogen => "NH3-N",
            Item::TotalPhosphorus => "TP",
            Item::TotalNitrogen => "TN",
            Item::Copper => "Cu",
            Item::Zinc => "Zn",
            Item::Fluoride => "F",
            Item::Selenium => "Se",
            Item::Arsenic => "As",
            Item::Mercury => "Hg",
            Item::Cadmium => "Cd",
            Item::HexavalentChromium => "Cr6+",
            Item::Lead => "Pb",
            Item::Cyanide => "CN",
            Item::VolatilePhenols => "VPh",
            Item::Petroleum => "Oil",
            Item::AnionicSurfactants => "LAS",
            Item::Sulfide => "S2-",
            Item::FecalColiform => "FC",
        }
    }

    /// 单位 — the unit of GB 3838-2002 表1 (`mg/L` unless stated).
    pub fn unit(self) -> &'static str {
        match self {
            Item::WaterTemperature => "℃",
            Item::Ph => "无量纲",
            Item::FecalColiform => "个/L",
            _ => "mg/L",
        }
    }

    /// How a value compares with the limits (GB 3838-2002 表1 "≤" / "≥" / range).
    pub fn direction(self) -> Direction {
        match self {
            Item::WaterTemperature => Direction::ChangeOnly,
            Item::Ph => Direction::Range,
            Item::DissolvedOxygen => Direction::AtLeast,
            _ => Direction::AtMost,
        }
    }

    /// 参评指标 — whether the item is one of the 21 items that decide a section's class
    /// (环办〔2011〕22号 §1.1: GB 3838-2002 表1 without 水温, 总氮 and 粪大肠菌群; standards.md §5.1).
    pub fn is_evaluated(self) -> bool {
        !matches!(
            self,
            Item::WaterTemperature | Item::TotalNitrogen | Item::FecalColiform
        )
    }

    /// 超标倍数 — whether an exceedance multiple is computed for the item: not for 水温, pH and
    /// 溶解氧 (环办〔2011〕22号, standards.md §5.4).
    pub fn has_exceedance_multiple(self) -> bool {
        !matches!(
            self,
            Item::WaterTemperature | Item::Ph | Item::DissolvedOxygen
        )
    }

    /// 重金属 — heavy metals (and the metalloids As, Se) of 表1, which with 氰化物 take priority as
    /// main pollutants (环办〔2011〕22号, main-pollutant rule; standards.md §5.4, unverified).
    pub fn is_heavy_metal(self) -> bool {
        matches!(
            self,
            Item::Copper
                | Item::Zinc
                | Item::Selenium
                | Item::Arsenic
                | Item::Mercury
                | Item::Cadmium
                | Item::HexavalentChromium
                | Item::Lead
        )
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text does not name a GB 3838-2002 表1 item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown water-quality item: {0:?}")]
pub struct UnknownItem(pub String);

/// Replaces full-width parentheses and drops spaces, so `铬（六价）` and `铬 (六价)` read alike.
pub(crate) fn normalise_name(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '₅' => '5',
            '₃' => '3',
            c => c,
        })
        .collect()
}

/// Splits a trailing `(…)` unit or note: `溶解氧(mg/L)` → `溶解氧`.
pub(crate) fn strip_unit(s: &str) -> Option<&str> {
    let body = s.strip_suffix(')')?;
    let open = body.rfind('(')?;
    Some(&body[..open])
}

fn lookup(name: &str) -> Option<Item> {
    let item = match name {
        "水温" | "温度" => Item::WaterTemperature,
        "pH值" | "PH值" => Item::Ph,
        "溶解氧" => Item::DissolvedOxygen,
        "高锰酸盐指数" => Item::PermanganateIndex,
        "化学需氧量" => Item::ChemicalOxygenDemand,
        "五日生化需氧量" | "生化需氧量" => Item::BiochemicalOxygenDemand5,
        "氨氮" => Item::AmmoniaNitrogen,
        "总磷" => Item::TotalPhosphorus,
        "总氮" => Item::TotalNitrogen,
        "铜" => Item::Copper,
        "锌" => Item::Zinc,
        "氟化物" => Item::Fluoride,
        "硒" => Item::Selenium,
        "砷" => Item::Arsenic,
        "汞" => Item::Mercury,
        "镉" => Item::Cadmium,
        "铬(六价)" | "六价铬" => Item::HexavalentChromium,
        "铅" => Item::Lead,
        "氰化物" => Item::Cyanide,
        "挥发酚" => Item::VolatilePhenols,
        "石油类" => Item::Petroleum,
        "阴离子表面活性剂" => Item::AnionicSurfactants,
        "硫化物" => Item::Sulfide,
        "粪大肠菌群" => Item::FecalColiform,
        _ => return lookup_code(&name.to_ascii_lowercase()),
    };
    Some(item)
}

fn lookup_code(code: &str) -> Option<Item> {
    let item = match code {
        "wt" | "temp" => Item::WaterTemperature,
        "ph" => Item::Ph,
        "do" => Item::DissolvedOxygen,
        "codmn" | "imn" => Item::PermanganateIndex,
        "cod" | "codcr" => Item::ChemicalOxygenDemand,
        "bod5" | "bod" => Item::BiochemicalOxygenDemand5,
        "nh3-n" | "nh3n" | "nh4-n" => Item::AmmoniaNitrogen,
        "tp" => Item::TotalPhosphorus,
        "tn" => Item::TotalNitrogen,
        "cu" => Item::Copper,
        "zn" => Item::Zinc,
        "f" | "f-" => Item::Fluoride,
        "se" => Item::Selenium,
        "as" => Item::Arsenic,
        "hg" => Item::Mercury,
        "cd" => Item::Cadmium,
        "cr6+" | "cr(vi)" => Item::HexavalentChromium,
        "pb" => Item::Lead,
        "cn" | "cn-" => Item::Cyanide,
        "vph" => Item::VolatilePhenols,
        "oil" => Item::Petroleum,
        "las" => Item::AnionicSurfactants,
        "s2-" => Item::Sulfide,
        "fc" => Item::FecalColiform,
        _ => return None,
    };
    Some(item)
}

impl FromStr for Item {
    type Err = UnknownItem;

    /// Accepts the Chinese name, with or without a trailing unit or note as in export headers
    /// (`pH(无量纲)`, `溶解氧(mg/L)`, `总磷(以P计)`, `铬（六价）`), common aliases (`六价铬`,
    /// `pH值`) and the ASCII codes of [`Item::code`] in any letter case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n = normalise_name(s);
        lookup(&n)
            .or_else(|| strip_unit(&n).and_then(lookup))
            .ok_or_else(|| UnknownItem(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for item in Item::ALL {
            assert_eq!(item.name().parse(), Ok(item), "{item:?}");
            assert_eq!(item.code().parse(), Ok(item), "{item:?}");
            assert_eq!(item.to_string(), item.name());
        }
    }

    #[test]
    fn numbers_follow_the_table() {
        for (i, item) in Item::ALL.iter().enumerate() {
            assert_eq!(usize::from(item.number()), i + 1);
        }
        assert_eq!(Item::FecalColiform.number(), 24);
    }

    #[test]
    fn export_headers_parse() {
        let cases = [
            ("水温(℃)", Item::WaterTemperature),
            ("pH(无量纲)", Item::Ph),
            ("溶解氧(mg/L)", Item::DissolvedOxygen),
            ("高锰酸盐指数(mg/L)", Item::PermanganateIndex),
            ("氨氮(mg/L)", Item::AmmoniaNitrogen),
            ("总磷(mg/L)", Item::TotalPhosphorus),
            ("总氮(mg/L)", Item::TotalNitrogen),
            ("总磷（以P计）", Item::TotalPhosphorus),
            ("铬（六价）", Item::HexavalentChromium),
            ("六价铬(mg/L)", Item::HexavalentChromium),
            ("粪大肠菌群(个/L)", Item::FecalColiform),
            (" PH ", Item::Ph),
            ("codmn", Item::PermanganateIndex),
            ("BOD₅", Item::BiochemicalOxygenDemand5),
        ];
        for (text, item) in cases {
            assert_eq!(text.parse(), Ok(item), "{text}");
        }
    }

    #[test]
    fn unknown_items_are_refused() {
        for text in [
            "电导率(μS/cm)",
            "浊度(NTU)",
            "叶绿素α(mg/L)",
            "藻密度(cells/L)",
            "",
            "()",
        ] {
            assert_eq!(text.parse::<Item>(), Err(UnknownItem(text.to_owned())));
        }
    }

    #[test]
    fn twenty_one_evaluated_items() {
        let evaluated: Vec<Item> = Item::ALL.into_iter().filter(|i| i.is_evaluated()).collect();
        assert_eq!(evaluated.len(), 21);
        assert!(!Item::TotalNitrogen.is_evaluated());
        assert!(Item::Ph.is_evaluated());
    }

    #[test]
    fn directions() {
        assert_eq!(Item::DissolvedOxygen.direction(), Direction::AtLeast);
        assert_eq!(Item::Ph.direction(), Direction::Range);
        assert_eq!(Item::WaterTemperature.direction(), Direction::ChangeOnly);
        assert_eq!(Item::Mercury.direction(), Direction::AtMost);
    }
}
