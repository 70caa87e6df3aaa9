//! 预警级别与条件 — the warning colours and the conditions a level is defined by.

use std::fmt;

/// 预警级别 — warning colour, from the least to the most severe (`Blue < … < Red`).
///
/// The grade number (Ⅳ级 … Ⅰ级) depends on the scheme: see [`super::LevelRule::grade`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 蓝色预警 — only in the 2017 four-level scheme.
    Blue,
    /// 黄色预警.
    Yellow,
    /// 橙色预警.
    Orange,
    /// 红色预警.
    Red,
}

impl Level {
    /// All levels, least severe first.
    pub const ALL: [Level; 4] = [Level::Blue, Level::Yellow, Level::Orange, Level::Red];

    /// The colour (`蓝色`, `黄色`, `橙色`, `红色`).
    pub fn colour(self) -> &'static str {
        match self {
            Self::Blue => "蓝色",
            Self::Yellow => "黄色",
            Self::Orange => "橙色",
            Self::Red => "红色",
        }
    }

    /// A stable code for the database and JSON (`blue`, `yellow`, `orange`, `red`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Blue => "blue",
            Self::Yellow => "yellow",
            Self::Orange => "orange",
            Self::Red => "red",
        }
    }

    /// Parses a [`Level::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for Level {
    /// `橙色预警`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}预警", self.colour())
    }
}

/// 阈值 — a comparison of one day's AQI with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AqiThreshold {
    /// AQI > n ("大于200", "> 200").
    Above(u16),
    /// AQI ≥ n ("达到500").
    AtLeast(u16),
}

impl AqiThreshold {
    /// Whether `aqi` meets the threshold.
    pub fn met(self, aqi: u16) -> bool {
        match self {
            Self::Above(n) => aqi > n,
            Self::AtLeast(n) => aqi >= n,
        }
    }
}

impl fmt::Display for AqiThreshold {
    /// `AQI>200`, `AQI≥500`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Above(n) => write!(f, "AQI>{n}"),
            Self::AtLeast(n) => write!(f, "AQI≥{n}"),
        }
    }
}

/// 条件 — "`threshold` 持续 `days` 天" (consecutive) or "`threshold` 至少 `days` 天", over the
/// episode (see the run semantics in the [module documentation](super)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Condition {
    /// The daily threshold.
    pub threshold: AqiThreshold,
    /// Days required (a day is a 24-hour block: 2 days = 48 h).
    pub days: u8,
    /// Whether the days must be consecutive (持续) or may be apart (累计).
    pub consecutive: bool,
}

impl Condition {
    /// "`threshold` 持续 ≥ `days` 天".
    pub const fn lasting(threshold: AqiThreshold, days: u8) -> Self {
        Self {
            threshold,
            days,
            consecutive: true,
        }
    }

    /// "`threshold` 至少 `days` 天" (not necessarily consecutive).
    pub const fn on_days(threshold: AqiThreshold, days: u8) -> Self {
        Self {
            threshold,
            days,
            consecutive: false,
        }
    }

    /// Whether the condition holds over the episode's AQI values.
    pub fn holds(&self, episode: &[u16]) -> bool {
        let days = usize::from(self.days);
        if self.consecutive {
            longest_run(episode, self.threshold) >= days
        } else {
            episode.iter().filter(|&&a| self.threshold.met(a)).count() >= days
        }
    }
}

impl fmt::Display for Condition {
    /// `AQI>200持续2天(48小时)` or `AQI>300至少1天`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.consecutive {
            let hours = u32::from(self.days) * 24;
            write!(f, "{}持续{}天({hours}小时)", self.threshold, self.days)
        } else {
            write!(f, "{}至少{}天", self.threshold, self.days)
        }
    }
}

fn longest_run(values: &[u16], threshold: AqiThreshold) -> usize {
    let (mut best, mut run) = (0, 0);
    for &a in values {
        run = if threshold.met(a) { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use AqiThreshold::{Above, AtLeast};

    #[test]
    fn thresholds_and_conditions() {
        assert!(!Above(200).met(200));
        assert!(Above(200).met(201));
        assert!(!AtLeast(500).met(499));
        assert!(AtLeast(500).met(500));
        let c = Condition::lasting(Above(300), 2);
        assert!(c.holds(&[250, 310, 320, 250]));
        assert!(!c.holds(&[310, 250, 320, 250]));
        assert!(Condition::on_days(Above(300), 2).holds(&[310, 250, 320, 250]));
        assert_eq!(c.to_string(), "AQI>300持续2天(48小时)");
        assert_eq!(
            Condition::on_days(AtLeast(500), 1).to_string(),
            "AQI≥500至少1天"
        );
    }

    #[test]
    fn levels_order_and_codes() {
        assert!(Level::Blue < Level::Yellow && Level::Orange < Level::Red);
        assert_eq!(Level::Orange.to_string(), "橙色预警");
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
        }
    }
}
