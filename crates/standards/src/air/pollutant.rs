//! The six basic pollutants and the index items (pollutant × averaging time) that carry an IAQI.

use std::fmt;

/// 基本项目污染物 — one of the six pollutants of GB 3095 表1 that enter the AQI.
///
/// Units (HJ 633-2012 表1, HJ 633-2026 表3): µg/m³ for all but CO, which is in mg/m³.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pollutant {
    /// 二氧化硫 — sulphur dioxide, SO2 (µg/m³).
    So2,
    /// 二氧化氮 — nitrogen dioxide, NO2 (µg/m³).
    No2,
    /// 一氧化碳 — carbon monoxide, CO (mg/m³).
    Co,
    /// 臭氧 — ozone, O3 (µg/m³).
    O3,
    /// 颗粒物（粒径小于等于10µm） — PM10 (µg/m³).
    Pm10,
    /// 颗粒物（粒径小于等于2.5µm） — PM2.5 (µg/m³).
    Pm25,
}

impl Pollutant {
    /// All six, in the column order of HJ 633-2026 表3.
    pub const ALL: [Pollutant; 6] = [
        Pollutant::So2,
        Pollutant::No2,
        Pollutant::Co,
        Pollutant::O3,
        Pollutant::Pm10,
        Pollutant::Pm25,
    ];

    /// Decimal places a reported concentration keeps: HJ 633-2026 §4.2.2 — µg/m³ pollutants are
    /// rounded (GB/T 8170) to integers, CO (mg/m³) to one decimal.
    pub const fn reported_places(self) -> u32 {
        match self {
            Pollutant::Co => 1,
            _ => 0,
        }
    }

    /// The Chinese name as written in HJ 633 (e.g. `二氧化硫`).
    pub const fn name_zh(self) -> &'static str {
        match self {
            Pollutant::So2 => "二氧化硫",
            Pollutant::No2 => "二氧化氮",
            Pollutant::Co => "一氧化碳",
            Pollutant::O3 => "臭氧",
            Pollutant::Pm10 => "颗粒物(PM10)",
            Pollutant::Pm25 => "细颗粒物(PM2.5)",
        }
    }

    /// The chemical or particulate symbol (`SO2`, `PM2.5`, …).
    pub const fn symbol(self) -> &'static str {
        match self {
            Pollutant::So2 => "SO2",
            Pollutant::No2 => "NO2",
            Pollutant::Co => "CO",
            Pollutant::O3 => "O3",
            Pollutant::Pm10 => "PM10",
            Pollutant::Pm25 => "PM2.5",
        }
    }

    /// Position in [`Pollutant::ALL`], for small fixed-size arrays indexed by pollutant.
    pub const fn index(self) -> usize {
        match self {
            Pollutant::So2 => 0,
            Pollutant::No2 => 1,
            Pollutant::Co => 2,
            Pollutant::O3 => 3,
            Pollutant::Pm10 => 4,
            Pollutant::Pm25 => 5,
        }
    }
}

impl fmt::Display for Pollutant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// 评价指标 — an index item: a pollutant at one averaging time, i.e. one column of the IAQI
/// breakpoint table (HJ 633-2012 表1, HJ 633-2026 表3) and one IAQI in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// 二氧化硫1小时平均 — SO2 1-hour mean.
    So2Hour,
    /// 二氧化硫24小时（日）平均 — SO2 24-hour (daily) mean.
    So2Day,
    /// 二氧化氮1小时平均 — NO2 1-hour mean.
    No2Hour,
    /// 二氧化氮24小时（日）平均 — NO2 24-hour (daily) mean.
    No2Day,
    /// 一氧化碳1小时平均 — CO 1-hour mean.
    CoHour,
    /// 一氧化碳24小时（日）平均 — CO 24-hour (daily) mean.
    CoDay,
    /// 臭氧1小时平均 — O3 1-hour mean (in a daily report of 2012: the day's maximum 1-hour mean).
    O3Hour,
    /// 臭氧8小时（滑动）平均 — O3 8-hour moving mean (in a daily report: the day's maximum).
    O3EightHour,
    /// 颗粒物(PM10)1小时平均 — PM10 1-hour mean, indexed on the daily breakpoints
    /// (HJ 633-2026 式(1) notes; CNEMC's published 2012-era practice).
    Pm10Hour,
    /// 颗粒物(PM10)24小时（日）平均 — PM10 24-hour (daily) mean.
    Pm10Day,
    /// 细颗粒物(PM2.5)1小时平均 — PM2.5 1-hour mean, indexed on the daily breakpoints.
    Pm25Hour,
    /// 细颗粒物(PM2.5)24小时（日）平均 — PM2.5 24-hour (daily) mean.
    Pm25Day,
}

impl Indicator {
    /// Every indicator, in a fixed order (the bit order of [`IndicatorSet`]).
    pub const ALL: [Indicator; 12] = [
        Indicator::So2Hour,
        Indicator::So2Day,
        Indicator::No2Hour,
        Indicator::No2Day,
        Indicator::CoHour,
        Indicator::CoDay,
        Indicator::O3Hour,
        Indicator::O3EightHour,
        Indicator::Pm10Hour,
        Indicator::Pm10Day,
        Indicator::Pm25Hour,
        Indicator::Pm25Day,
    ];

    /// The pollutant measured.
    pub const fn pollutant(self) -> Pollutant {
        match self {
            Indicator::So2Hour | Indicator::So2Day => Pollutant::So2,
            Indicator::No2Hour | Indicator::No2Day => Pollutant::No2,
            Indicator::CoHour | Indicator::CoDay => Pollutant::Co,
            Indicator::O3Hour | Indicator::O3EightHour => Pollutant::O3,
            Indicator::Pm10Hour | Indicator::Pm10Day => Pollutant::Pm10,
            Indicator::Pm25Hour | Indicator::Pm25Day => Pollutant::Pm25,
        }
    }

    /// The name CNEMC prints in the 首要污染物 field for this indicator (2026 spelling for O3,
    /// e.g. `臭氧1小时(O3_1h)`; the 2023 feed wrote `臭氧1小时`).
    pub const fn primary_name_zh(self) -> &'static str {
        match self {
            Indicator::So2Hour | Indicator::So2Day => "二氧化硫(SO2)",
            Indicator::No2Hour | Indicator::No2Day => "二氧化氮(NO2)",
            Indicator::CoHour | Indicator::CoDay => "一氧化碳(CO)",
            Indicator::O3Hour => "臭氧1小时(O3_1h)",
            Indicator::O3EightHour => "臭氧8小时(O3_8h)",
            Indicator::Pm10Hour | Indicator::Pm10Day => "颗粒物(PM10)",
            Indicator::Pm25Hour | Indicator::Pm25Day => "细颗粒物(PM2.5)",
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.primary_name_zh())
    }
}

/// A small set of indicators (a bit set; `Copy`, no allocation), used for 首要污染物 ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IndicatorSet(u16);

impl IndicatorSet {
    /// The empty set.
    pub const EMPTY: IndicatorSet = IndicatorSet(0);

    /// Adds an indicator.
    pub fn insert(&mut self, indicator: Indicator) {
        self.0 |= indicator.bit();
    }

    /// Whether the set holds `indicator`.
    pub const fn contains(self, indicator: Indicator) -> bool {
        self.0 & indicator.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of indicators in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The indicators in [`Indicator::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Indicator> {
        Indicator::ALL
            .into_iter()
            .filter(move |i| self.contains(*i))
    }

    /// Whether some indicator of `pollutant` is in the set.
    pub fn has_pollutant(self, pollutant: Pollutant) -> bool {
        self.iter().any(|i| i.pollutant() == pollutant)
    }
}

impl FromIterator<Indicator> for IndicatorSet {
    fn from_iter<T: IntoIterator<Item = Indicator>>(iter: T) -> Self {
        let mut set = IndicatorSet::EMPTY;
        for i in iter {
            set.insert(i);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_match_all() {
        for (n, p) in Pollutant::ALL.iter().enumerate() {
            assert_eq!(p.index(), n);
        }
    }

    #[test]
    fn set_operations() {
        let set: IndicatorSet = [Indicator::Pm25Hour, Indicator::O3Hour]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
        assert!(set.contains(Indicator::O3Hour));
        assert!(!set.contains(Indicator::O3EightHour));
        assert!(set.has_pollutant(Pollutant::Pm25));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![Indicator::O3Hour, Indicator::Pm25Hour]
        );
        assert!(IndicatorSet::EMPTY.is_empty());
    }
}
