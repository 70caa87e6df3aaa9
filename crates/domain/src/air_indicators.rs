//! 城市空气质量指标 — a city's air statistics over a period, computed from stored hourly data.
//!
//! Hourly values → each station's daily values (GB 3095 表4 validity, via
//! [`DailyValues::from_hours`]) → the city's daily values (mean over its stations, 对照点 excluded,
//! HJ 663 via [`city_day`]) → the period statistics of HJ 663 ([`evaluate_period`]): the PM2.5 mean,
//! 优良天数比例 and 重污染天数 the plan's air targets name.

use crate::monitoring::{AirHour, AirStation, StationCode};
use ecogov_standards::air::daily::DayHours;
use ecogov_standards::air::{
    DailyValues, DayRecord, Grade, LimitSet, Period, PeriodStats, Pollutant, Reading, StationDay,
    city_day, evaluate_period,
};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};

/// The city's statistics from `from` to `to` (both included) over `stations` (their 对照点 flags
/// are honoured), with the limits in force on `to` and the Grade Ⅱ limits that apply to cities.
pub fn city_period(
    stations: &[AirStation],
    hours: &[AirHour],
    from: Date,
    to: Date,
) -> PeriodStats {
    let control: HashMap<&StationCode, bool> = stations
        .iter()
        .map(|s| (&s.code, s.control_point))
        .collect();
    let mut days: BTreeMap<Date, HashMap<&StationCode, DayHours>> = BTreeMap::new();
    for h in hours {
        let date = h.hour.natural_day();
        if date < from || date > to {
            continue;
        }
        let slot = days
            .entry(date)
            .or_default()
            .entry(&h.station)
            .or_insert([[None; 24]; 6]);
        for p in Pollutant::ALL {
            slot[p.index()][h.hour.index()] = match h.readings.get(p) {
                Reading::Value(c) => Some(c.value()),
                Reading::Missing | Reading::NotInPlan => None,
            };
        }
    }
    let records: Vec<DayRecord> = days
        .into_iter()
        .filter_map(|(date, per_station)| {
            let station_days: Vec<StationDay> = per_station
                .into_iter()
                .map(|(code, day)| StationDay {
                    record: DayRecord::from_daily(
                        date,
                        &DailyValues::from_hours(&day, LimitSet::for_date(date)),
                    ),
                    control_point: control.get(code).copied().unwrap_or(false),
                })
                .collect();
            city_day(date, &station_days)
        })
        .collect();
    evaluate_period(
        Period::Range {
            first: from,
            last: to,
        },
        &records,
        LimitSet::for_date(to),
        Grade::Two,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::{ControlLevel, DataStage};
    use ecogov_standards::air::{HourEnding, Readings};
    use rust_decimal::Decimal;

    fn station(code: &str, control_point: bool) -> AirStation {
        AirStation {
            code: StationCode::parse(code).expect("code"),
            name: code.into(),
            city: "潜江市".into(),
            longitude: None,
            latitude: None,
            control_point,
            level: ControlLevel::Provincial,
        }
    }

    fn day_of(code: &str, date: Date, pm25: i64) -> Vec<AirHour> {
        (1..=24)
            .map(|h| {
                let mut r = Readings::default();
                for (p, v) in [
                    (Pollutant::So2, 5),
                    (Pollutant::No2, 20),
                    (Pollutant::Pm10, pm25 * 3 / 2),
                    (Pollutant::Pm25, pm25),
                    (Pollutant::O3, 60),
                ] {
                    r.set(p, Reading::value(p, Decimal::from(v)).expect("value"));
                }
                r.set(
                    Pollutant::Co,
                    Reading::value(Pollutant::Co, Decimal::new(6, 1)).expect("co"),
                );
                AirHour {
                    station: StationCode::parse(code).expect("code"),
                    hour: HourEnding::new(date, h).expect("hour"),
                    readings: r,
                    stage: DataStage::RealTime,
                }
            })
            .collect()
    }

    #[test]
    fn city_mean_excludes_control_points_and_counts_days() {
        let d1 = Date::constant(2023, 1, 1);
        let d2 = Date::constant(2023, 1, 2);
        let mut hours = day_of("A", d1, 30);
        hours.extend(day_of("B", d1, 50));
        hours.extend(day_of("C", d1, 500)); // a control point: ignored
        hours.extend(day_of("A", d2, 160));
        hours.extend(day_of("B", d2, 160));
        let stations = [station("A", false), station("B", false), station("C", true)];
        let stats = city_period(&stations, &hours, d1, d2);
        // Day 1: (30 + 50) / 2 = 40 (good); day 2: 160 → IAQI above 200 (heavy under both editions).
        assert_eq!(
            stats.pollutants[Pollutant::Pm25.index()].mean,
            Some(Decimal::from(100))
        );
        assert_eq!(stats.aqi_days, 2);
        assert_eq!(stats.good_days, 1);
        assert_eq!(stats.heavy_days, 1);
    }
}
