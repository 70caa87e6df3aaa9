//! 空气质量预报 — one forecast day, as a range of daily AQI.

use super::{AQI_MAX, WarningError};
use ecogov_standards::air::Pollutant;
use jiff::civil::Date;

/// 取值 — which end of a forecast AQI range a warning decision reads.
///
/// standards.md §6 states the conditions on the "forecast daily AQI" without saying which end of a
/// published range (e.g. "AQI 210～260") is meant. ecogov reads the **upper bound** by default:
/// the precautionary reading, under which a warning is issued as soon as the forecast range
/// reaches a threshold. This is a bureau choice, not a rule of the sources; `Lower` is offered for
/// a bureau that decides otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RangeBound {
    /// 上限 — the upper bound (default).
    #[default]
    Upper,
    /// 下限 — the lower bound.
    Lower,
}

impl RangeBound {
    /// The Chinese word (`上限`, `下限`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Upper => "上限",
            Self::Lower => "下限",
        }
    }
}

/// 预报日 — the forecast for one day: the daily AQI range and the primary pollutants.
///
/// The MEE notes that the daily AQI of a warning is the mean of 24 consecutive hours, which may
/// cross midnight (standards.md §6); a forecast day here stands for one such 24-hour block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    date: Date,
    aqi_low: u16,
    aqi_high: u16,
    primary: Vec<Pollutant>,
}

impl Forecast {
    /// A forecast day with AQI range `aqi_low`…`aqi_high` (both 0…500, low ≤ high) and its
    /// 首要污染物 (may be empty, e.g. when the AQI is 50 or less).
    pub fn new(
        date: Date,
        aqi_low: u16,
        aqi_high: u16,
        primary: Vec<Pollutant>,
    ) -> Result<Self, WarningError> {
        if aqi_low > aqi_high {
            return Err(WarningError::RangeInverted {
                date,
                low: aqi_low,
                high: aqi_high,
            });
        }
        if aqi_high > AQI_MAX {
            return Err(WarningError::AqiAboveMax {
                date,
                aqi: aqi_high,
            });
        }
        Ok(Self {
            date,
            aqi_low,
            aqi_high,
            primary,
        })
    }

    /// A forecast of a single AQI value (low = high).
    pub fn single(date: Date, aqi: u16, primary: Vec<Pollutant>) -> Result<Self, WarningError> {
        Self::new(date, aqi, aqi, primary)
    }

    /// 预报日期.
    pub fn date(&self) -> Date {
        self.date
    }

    /// AQI 下限.
    pub fn aqi_low(&self) -> u16 {
        self.aqi_low
    }

    /// AQI 上限.
    pub fn aqi_high(&self) -> u16 {
        self.aqi_high
    }

    /// 首要污染物.
    pub fn primary(&self) -> &[Pollutant] {
        &self.primary
    }

    /// The AQI the decision reads: the chosen end of the range.
    pub fn aqi(&self, bound: RangeBound) -> u16 {
        match bound {
            RangeBound::Upper => self.aqi_high,
            RangeBound::Lower => self.aqi_low,
        }
    }

    /// The range as written in a bulletin: `210～260`, or `230` for a single value.
    pub fn range_text(&self) -> String {
        if self.aqi_low == self.aqi_high {
            self.aqi_high.to_string()
        } else {
            format!("{}～{}", self.aqi_low, self.aqi_high)
        }
    }
}

/// Checks that `forecasts` are consecutive calendar days in order.
pub(super) fn check_consecutive(forecasts: &[Forecast]) -> Result<(), WarningError> {
    for pair in forecasts.windows(2) {
        let (previous, found) = (pair[0].date, pair[1].date);
        if previous.tomorrow().ok() != Some(found) {
            return Err(WarningError::NotConsecutive { previous, found });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn range_and_bounds() {
        let f = Forecast::new(date(2023, 12, 1), 210, 260, vec![Pollutant::Pm25]).expect("ok");
        assert_eq!(f.aqi(RangeBound::Upper), 260);
        assert_eq!(f.aqi(RangeBound::default()), 260);
        assert_eq!(f.aqi(RangeBound::Lower), 210);
        assert_eq!(f.range_text(), "210～260");
        assert_eq!(f.primary(), [Pollutant::Pm25]);
        let one = Forecast::single(date(2023, 12, 1), 230, vec![]).expect("ok");
        assert_eq!(one.range_text(), "230");
    }

    #[test]
    fn refuses_bad_ranges() {
        let d = date(2023, 12, 1);
        assert_eq!(
            Forecast::new(d, 260, 210, vec![]),
            Err(WarningError::RangeInverted {
                date: d,
                low: 260,
                high: 210
            })
        );
        assert_eq!(
            Forecast::single(d, 501, vec![]),
            Err(WarningError::AqiAboveMax { date: d, aqi: 501 })
        );
        assert!(Forecast::single(d, 500, vec![]).is_ok());
    }

    #[test]
    fn consecutive_days() {
        let f = |m: i8, day: i8| Forecast::single(date(2023, m, day), 100, vec![]).expect("ok");
        assert_eq!(check_consecutive(&[]), Ok(()));
        assert_eq!(check_consecutive(&[f(12, 31)]), Ok(()));
        assert_eq!(check_consecutive(&[f(11, 30), f(12, 1), f(12, 2)]), Ok(()));
        assert_eq!(
            check_consecutive(&[f(12, 1), f(12, 3)]),
            Err(WarningError::NotConsecutive {
                previous: date(2023, 12, 1),
                found: date(2023, 12, 3)
            })
        );
        assert!(check_consecutive(&[f(12, 2), f(12, 1)]).is_err());
    }
}
