//! 水质类别 — the six water-quality classes of GB 3838-2002 and the 水质状况 words that describe them.

use std::fmt;
use std::str::FromStr;

/// 水质类别 — water quality class, GB 3838-2002 §3 (Ⅰ…Ⅴ) plus 劣Ⅴ类 for a value that misses the
/// Ⅴ limit.
///
/// The order is from best to worst: `I < II < … < V < WorseThanV`, so `max` over several classes is
/// the single-factor "worst class" (环办〔2011〕22号 §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WaterClass {
    /// Ⅰ类 — source water, national nature reserves.
    I,
    /// Ⅱ类 — first-grade drinking-water protection zones.
    II,
    /// Ⅲ类 — second-grade drinking-water protection zones, fisheries, swimming.
    III,
    /// Ⅳ类 — general industrial water, recreation without direct contact.
    IV,
    /// Ⅴ类 — agricultural water and general landscape water.
    V,
    /// 劣Ⅴ类 — worse than class Ⅴ.
    WorseThanV,
}

impl WaterClass {
    /// All six classes, best first.
    pub const ALL: [WaterClass; 6] = [
        WaterClass::I,
        WaterClass::II,
        WaterClass::III,
        WaterClass::IV,
        WaterClass::V,
        WaterClass::WorseThanV,
    ];

    /// The five classes that have a limit in GB 3838-2002 表1 (Ⅰ…Ⅴ), best first.
    pub const LIMITED: [WaterClass; 5] = [
        WaterClass::I,
        WaterClass::II,
        WaterClass::III,
        WaterClass::IV,
        WaterClass::V,
    ];

    /// The class as printed in bulletins: `Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ` (Unicode Roman numerals).
    pub fn symbol(self) -> &'static str {
        match self {
            WaterClass::I => "Ⅰ",
            WaterClass::II => "Ⅱ",
            WaterClass::III => "Ⅲ",
            WaterClass::IV => "Ⅳ",
            WaterClass::V => "Ⅴ",
            WaterClass::WorseThanV => "劣Ⅴ",
        }
    }

    /// Index of the limit column in GB 3838-2002 表1 (Ⅰ = 0 … Ⅴ = 4); `None` for 劣Ⅴ.
    pub fn limit_index(self) -> Option<usize> {
        match self {
            WaterClass::I => Some(0),
            WaterClass::II => Some(1),
            WaterClass::III => Some(2),
            WaterClass::IV => Some(3),
            WaterClass::V => Some(4),
            WaterClass::WorseThanV => None,
        }
    }

    /// 水质状况 — the status word for this class, 环办〔2011〕22号 表1 (Ⅰ～Ⅱ 优, Ⅲ 良好, Ⅳ 轻度污染,
    /// Ⅴ 中度污染, 劣Ⅴ 重度污染).
    pub fn status(self) -> QualityStatus {
        match self {
            WaterClass::I | WaterClass::II => QualityStatus::Excellent,
            WaterClass::III => QualityStatus::Good,
            WaterClass::IV => QualityStatus::LightlyPolluted,
            WaterClass::V => QualityStatus::ModeratelyPolluted,
            WaterClass::WorseThanV => QualityStatus::HeavilyPolluted,
        }
    }

    /// 评价结论 — the wording of a result, "符合Ⅲ类" or, for 劣Ⅴ, "劣于Ⅴ类" (环办〔2011〕22号: results are
    /// described as 符合 or 劣于 a class; standards.md §5.2).
    pub fn verdict(self) -> String {
        match self {
            WaterClass::WorseThanV => "劣于Ⅴ类".to_owned(),
            c => format!("符合{}类", c.symbol()),
        }
    }

    /// Ⅰ–Ⅲ类 — whether the class counts towards the 优良比例 (good-water share).
    pub fn is_good(self) -> bool {
        self <= WaterClass::III
    }
}

impl fmt::Display for WaterClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// The text was not a water-quality class.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a water-quality class: {0:?} (expected one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ)")]
pub struct ParseClassError(pub String);

impl FromStr for WaterClass {
    type Err = ParseClassError;

    /// Accepts the bulletin symbols (`Ⅲ`, `劣Ⅴ`), an optional trailing `类`, ASCII Roman numerals
    /// (`III`, `劣V`) and digits (`3`, `劣5`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t.strip_suffix('类').unwrap_or(t).trim();
        let (worse, core) = match t.strip_prefix('劣') {
            Some(rest) => (true, rest.trim()),
            None => (false, t),
        };
        let class = match core.to_ascii_uppercase().as_str() {
            "Ⅰ" | "I" | "1" => WaterClass::I,
            "Ⅱ" | "II" | "2" => WaterClass::II,
            "Ⅲ" | "III" | "3" => WaterClass::III,
            "Ⅳ" | "IV" | "4" => WaterClass::IV,
            "Ⅴ" | "V" | "5" => WaterClass::V,
            _ => return Err(ParseClassError(s.to_owned())),
        };
        match (worse, class) {
            (false, c) => Ok(c),
            (true, WaterClass::V) => Ok(WaterClass::WorseThanV),
            (true, _) => Err(ParseClassError(s.to_owned())),
        }
    }
}

/// 水质状况 — water-quality status word, used both for a section (环办〔2011〕22号 表1, by class)
/// and for a river or basin (环办〔2011〕22号 表2, by class proportions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QualityStatus {
    /// 优 — excellent.
    Excellent,
    /// 良好 — good.
    Good,
    /// 轻度污染 — lightly polluted.
    LightlyPolluted,
    /// 中度污染 — moderately polluted.
    ModeratelyPolluted,
    /// 重度污染 — heavily polluted.
    HeavilyPolluted,
}

impl QualityStatus {
    /// The Chinese word (`优`, `良好`, `轻度污染`, `中度污染`, `重度污染`).
    pub fn name(self) -> &'static str {
        match self {
            QualityStatus::Excellent => "优",
            QualityStatus::Good => "良好",
            QualityStatus::LightlyPolluted => "轻度污染",
            QualityStatus::ModeratelyPolluted => "中度污染",
            QualityStatus::HeavilyPolluted => "重度污染",
        }
    }

    /// 表征颜色 — the colour name of 环办〔2011〕22号 表1 (蓝色, 绿色, 黄色, 橙色, 红色).
    ///
    /// The RGB values are not given by the method (standards.md §5.2: NOT FOUND), so only names.
    pub fn colour_name(self) -> &'static str {
        match self {
            QualityStatus::Excellent => "蓝色",
            QualityStatus::Good => "绿色",
            QualityStatus::LightlyPolluted => "黄色",
            QualityStatus::ModeratelyPolluted => "橙色",
            QualityStatus::HeavilyPolluted => "红色",
        }
    }
}

impl fmt::Display for QualityStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for c in WaterClass::ALL {
            assert_eq!(c.to_string().parse::<WaterClass>(), Ok(c));
        }
        let shown: Vec<String> = WaterClass::ALL.iter().map(|c| c.to_string()).collect();
        assert_eq!(shown.join(" "), "Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ");
    }

    #[test]
    fn parse_variants() {
        assert_eq!("Ⅲ类".parse(), Ok(WaterClass::III));
        assert_eq!(" iv ".parse(), Ok(WaterClass::IV));
        assert_eq!("劣V类".parse(), Ok(WaterClass::WorseThanV));
        assert_eq!("劣5".parse(), Ok(WaterClass::WorseThanV));
        assert!("劣Ⅲ".parse::<WaterClass>().is_err());
        assert!("Ⅵ".parse::<WaterClass>().is_err());
        assert!("".parse::<WaterClass>().is_err());
    }

    #[test]
    fn order_is_best_to_worst() {
        assert!(WaterClass::I < WaterClass::WorseThanV);
        assert_eq!(
            [WaterClass::II, WaterClass::WorseThanV, WaterClass::IV]
                .into_iter()
                .max(),
            Some(WaterClass::WorseThanV)
        );
        assert!(WaterClass::III.is_good());
        assert!(!WaterClass::IV.is_good());
    }

    #[test]
    fn status_words() {
        assert_eq!(WaterClass::I.status(), QualityStatus::Excellent);
        assert_eq!(WaterClass::II.status().to_string(), "优");
        assert_eq!(WaterClass::III.status().to_string(), "良好");
        assert_eq!(WaterClass::WorseThanV.status().colour_name(), "红色");
        assert_eq!(WaterClass::III.verdict(), "符合Ⅲ类");
        assert_eq!(WaterClass::WorseThanV.verdict(), "劣于Ⅴ类");
    }
}
