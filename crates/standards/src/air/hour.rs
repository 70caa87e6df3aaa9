//! The hour-labelling convention: an hour is labelled by its end.

use jiff::civil::{Date, DateTime, Time};

use super::edition::Edition;
use super::error::AirError;

/// 小时均值的时间标记 — an hour of a natural day, labelled by the full hour at which it ends.
///
/// Convention (HJ 663-2013 表A.1, quoted by GB/T 34302-2017; standards.md §2.3): the 1-hour
/// mean labelled X is the mean over the hour *ending* at the full hour X. A natural day D
/// (自然日, GB 3095-2026 §3 日平均) therefore consists of the hours labelled D 01:00 … D 23:00
/// and D+1 00:00, numbered here 1 … 24. CNEMC's real-time feed uses the same labels (its
/// day-maximum 8-hour O3 resets at 01:00 and still carries the previous day at 00:00;
/// standards.md §2.3).
///
/// The hour labelled 2026-03-01 00:00 belongs to 2026-02-28, so [`HourEnding::edition`] gives
/// HJ 633-2012 for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HourEnding {
    day: Date,
    hour: u8,
}

impl HourEnding {
    /// Hour `hour` (1 … 24) of the natural day `day`.
    pub fn new(day: Date, hour: i8) -> Result<HourEnding, AirError> {
        if !(1..=24).contains(&hour) {
            return Err(AirError::HourOutOfRange { hour });
        }
        Ok(HourEnding {
            day,
            hour: hour.unsigned_abs(),
        })
    }

    /// The hour whose label (its end) is `label`, which must be on a full hour. A label at
    /// 00:00 is hour 24 of the previous day.
    pub fn from_label(label: DateTime) -> Result<HourEnding, AirError> {
        if label.minute() != 0 || label.second() != 0 || label.subsec_nanosecond() != 0 {
            return Err(AirError::NotOnTheHour {
                label: label.to_string(),
            });
        }
        match label.hour() {
            0 => {
                let day = label
                    .date()
                    .yesterday()
                    .map_err(|_| AirError::DateOutOfRange)?;
                HourEnding::new(day, 24)
            }
            h => HourEnding::new(label.date(), h),
        }
    }

    /// The natural day the hour belongs to.
    pub const fn natural_day(self) -> Date {
        self.day
    }

    /// The hour number within the day, 1 … 24.
    pub const fn hour(self) -> u8 {
        self.hour
    }

    /// Position within the day, 0 … 23 (hour − 1), for arrays of 24 hourly values.
    pub const fn index(self) -> usize {
        self.hour as usize - 1
    }

    /// The label: the full hour at which the hour ends (hour 24 → next day 00:00).
    pub fn label(self) -> Result<DateTime, AirError> {
        if self.hour == 24 {
            let next = self.day.tomorrow().map_err(|_| AirError::DateOutOfRange)?;
            Ok(next.to_datetime(Time::midnight()))
        } else {
            let h = i8::try_from(self.hour).map_err(|_| AirError::DateOutOfRange)?;
            Ok(self.day.to_datetime(Time::constant(h, 0, 0, 0)))
        }
    }

    /// The AQI edition for this hour's real-time report: that of its natural day.
    pub fn edition(self) -> Edition {
        Edition::for_date(self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, datetime};

    #[test]
    fn midnight_is_hour_24_of_the_previous_day() {
        let h = HourEnding::from_label(datetime(2023, 1, 18, 0, 0, 0, 0)).expect("on the hour");
        assert_eq!(h.natural_day(), date(2023, 1, 17));
        assert_eq!(h.hour(), 24);
        assert_eq!(h.index(), 23);
        assert_eq!(h.label(), Ok(datetime(2023, 1, 18, 0, 0, 0, 0)));
        let h = HourEnding::from_label(datetime(2023, 1, 18, 8, 0, 0, 0)).expect("on the hour");
        assert_eq!((h.natural_day(), h.hour()), (date(2023, 1, 18), 8));
        assert_eq!(h.label(), Ok(datetime(2023, 1, 18, 8, 0, 0, 0)));
    }

    #[test]
    fn edition_of_the_switch_midnight() {
        let h = HourEnding::from_label(datetime(2026, 3, 1, 0, 0, 0, 0)).expect("on the hour");
        assert_eq!(h.edition(), Edition::Hj633_2012);
        let h = HourEnding::from_label(datetime(2026, 3, 1, 1, 0, 0, 0)).expect("on the hour");
        assert_eq!(h.edition(), Edition::Hj633_2026);
    }

    #[test]
    fn rejects_bad_hours() {
        assert!(HourEnding::new(date(2023, 1, 1), 0).is_err());
        assert!(HourEnding::new(date(2023, 1, 1), 25).is_err());
        assert!(HourEnding::from_label(datetime(2023, 1, 1, 8, 30, 0, 0)).is_err());
    }
}
