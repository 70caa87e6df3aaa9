//! AQI levels, categories and colours: HJ 633-2012 表2 / HJ 633-2026 表1, 附录A 表A.1.

use super::aqi::Iaqi;

/// 空气质量指数级别 — AQI level (一级 … 六级) with its 类别 (category).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 一级 优 — AQI 0–50 (HJ 633-2012 表2) / 1–50 (HJ 633-2026 表1).
    Excellent,
    /// 二级 良 — AQI 51–100.
    Good,
    /// 三级 轻度污染 — AQI 101–150.
    LightlyPolluted,
    /// 四级 中度污染 — AQI 151–200.
    ModeratelyPolluted,
    /// 五级 重度污染 — AQI 201–300.
    HeavilyPolluted,
    /// 六级 严重污染 — AQI > 300.
    SeverelyPolluted,
}

/// 表示颜色 — a category colour of HJ 633 附录A 表A.1 (identical in 2012 and 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    /// The colour's name (绿色, 黄色, …).
    pub name_zh: &'static str,
    /// RGB components.
    pub rgb: (u8, u8, u8),
    /// `#RRGGBB`.
    pub hex: &'static str,
    /// CMYK components, in percent.
    pub cmyk: (u8, u8, u8, u8),
}

impl Level {
    /// All six levels, best first.
    pub const ALL: [Level; 6] = [
        Level::Excellent,
        Level::Good,
        Level::LightlyPolluted,
        Level::ModeratelyPolluted,
        Level::HeavilyPolluted,
        Level::SeverelyPolluted,
    ];

    /// HJ 633-2012 表2 / HJ 633-2026 表1: the level of an (integer) AQI. An AQI of 0 (possible
    /// only when every concentration is 0) is 一级.
    pub const fn from_aqi(aqi: Iaqi) -> Level {
        match aqi.get() {
            0..=50 => Level::Excellent,
            51..=100 => Level::Good,
            101..=150 => Level::LightlyPolluted,
            151..=200 => Level::ModeratelyPolluted,
            201..=300 => Level::HeavilyPolluted,
            _ => Level::SeverelyPolluted,
        }
    }

    /// 1 for 一级 … 6 for 六级.
    pub const fn number(self) -> u8 {
        match self {
            Level::Excellent => 1,
            Level::Good => 2,
            Level::LightlyPolluted => 3,
            Level::ModeratelyPolluted => 4,
            Level::HeavilyPolluted => 5,
            Level::SeverelyPolluted => 6,
        }
    }

    /// 空气质量指数级别 — `一级` … `六级`.
    pub const fn level_zh(self) -> &'static str {
        match self {
            Level::Excellent => "一级",
            Level::Good => "二级",
            Level::LightlyPolluted => "三级",
            Level::ModeratelyPolluted => "四级",
            Level::HeavilyPolluted => "五级",
            Level::SeverelyPolluted => "六级",
        }
    }

    /// 空气质量指数类别 — `优`, `良`, `轻度污染`, `中度污染`, `重度污染`, `严重污染`.
    pub const fn category_zh(self) -> &'static str {
        match self {
            Level::Excellent => "优",
            Level::Good => "良",
            Level::LightlyPolluted => "轻度污染",
            Level::ModeratelyPolluted => "中度污染",
            Level::HeavilyPolluted => "重度污染",
            Level::SeverelyPolluted => "严重污染",
        }
    }

    /// HJ 633 附录A 表A.1 — the category colour.
    pub const fn colour(self) -> Colour {
        match self {
            Level::Excellent => Colour {
                name_zh: "绿色",
                rgb: (0, 228, 0),
                hex: "#00E400",
                cmyk: (40, 0, 100, 0),
            },
            Level::Good => Colour {
                name_zh: "黄色",
                rgb: (255, 255, 0),
                hex: "#FFFF00",
                cmyk: (0, 0, 100, 0),
            },
            Level::LightlyPolluted => Colour {
                name_zh: "橙色",
                rgb: (255, 126, 0),
                hex: "#FF7E00",
                cmyk: (0, 52, 100, 0),
            },
            Level::ModeratelyPolluted => Colour {
                name_zh: "红色",
                rgb: (255, 0, 0),
                hex: "#FF0000",
                cmyk: (0, 100, 100, 0),
            },
            Level::HeavilyPolluted => Colour {
                name_zh: "紫色",
                rgb: (153, 0, 76),
                hex: "#99004C",
                cmyk: (10, 100, 40, 30),
            },
            Level::SeverelyPolluted => Colour {
                name_zh: "褐红色",
                rgb: (126, 0, 35),
                hex: "#7E0023",
                cmyk: (30, 100, 100, 30),
            },
        }
    }

    /// 优良 — levels 一级 and 二级 (AQI ≤ 100), counted in 优良天数比例 (standards.md §2.7).
    pub const fn is_good_or_better(self) -> bool {
        matches!(self, Level::Excellent | Level::Good)
    }

    /// 重污染 — levels 五级 and 六级 (AQI > 200), counted as 重污染天 (standards.md §2.7).
    pub const fn is_heavy_pollution(self) -> bool {
        matches!(self, Level::HeavilyPolluted | Level::SeverelyPolluted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let cases = [
            (0, Level::Excellent),
            (50, Level::Excellent),
            (51, Level::Good),
            (100, Level::Good),
            (101, Level::LightlyPolluted),
            (150, Level::LightlyPolluted),
            (151, Level::ModeratelyPolluted),
            (200, Level::ModeratelyPolluted),
            (201, Level::HeavilyPolluted),
            (300, Level::HeavilyPolluted),
            (301, Level::SeverelyPolluted),
            (500, Level::SeverelyPolluted),
        ];
        for (aqi, level) in cases {
            assert_eq!(Level::from_aqi(Iaqi::new_capped(aqi)), level, "{aqi}");
        }
        assert_eq!(Level::HeavilyPolluted.colour().hex, "#99004C");
        assert_eq!(Level::SeverelyPolluted.category_zh(), "严重污染");
    }
}
