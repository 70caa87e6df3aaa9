use super::*;
use jiff::civil::date;

fn dd(n: i64) -> Decimal {
    Decimal::from(n)
}

/// A day with constant values: SO2 12, NO2 40, CO 1.2, PM10 70, PM2.5 `pm25`, O3 MDA8 `o3`.
fn day(date: Date, pm25: i64, o3: i64) -> DayRecord {
    DayRecord {
        date,
        means: [
            Some(dd(12)),
            Some(dd(40)),
            Some(Decimal::new(12, 1)),
            None,
            Some(dd(70)),
            Some(dd(pm25)),
        ],
        o3_max_eight_hour: Some(dd(o3)),
        o3_max_hour: Some(dd(o3)),
    }
}

fn year_2023(f: impl Fn(usize) -> (i64, i64)) -> Vec<DayRecord> {
    let mut out = Vec::new();
    let mut d = date(2023, 1, 1);
    for k in 0..365 {
        let (pm25, o3) = f(k);
        out.push(day(d, pm25, o3));
        d = d.tomorrow().expect("in range");
    }
    out
}

#[test]
fn required_days() {
    assert_eq!(
        Period::Month {
            year: 2024,
            month: 2
        }
        .required_days(),
        Some(25)
    );
    assert_eq!(
        Period::Month {
            year: 2024,
            month: 3
        }
        .required_days(),
        Some(27)
    );
    assert_eq!(Period::Year(2024).required_days(), Some(324));
    let r = Period::Range {
        first: date(2024, 1, 1),
        last: date(2024, 1, 10),
    };
    assert_eq!(r.required_days(), None);
    assert!(r.contains(date(2024, 1, 10)) && !r.contains(date(2024, 1, 11)));
}

#[test]
fn annual_statistics_at_the_limits() {
    let days = year_2023(|_| (35, 160));
    let s = evaluate_period(Period::Year(2023), &days, LimitSet::Gb3095_2012, Grade::Two);
    let pm25 = s.pollutants[Pollutant::Pm25.index()];
    assert_eq!(
        (pm25.valid_days, pm25.valid, pm25.mean),
        (365, true, Some(dd(35)))
    );
    assert_eq!((pm25.percentile_rank, pm25.percentile), (95, Some(dd(35))));
    assert_eq!(pm25.attains, Some(true));
    assert_eq!(s.attains_all, Some(true));
    // Comprehensive index: 12/60 + 40/40 + 1.2/4 + 160/160 + 70/70 + 35/35 = 4.5.
    let ci = s.comprehensive_index.expect("all six");
    assert_eq!(ci.total, Decimal::new(45, 1));
    assert_eq!(ci.parts[Pollutant::So2.index()], Decimal::new(2, 1));
    // Daily AQI: PM2.5 35 → 50, PM10 70 → 60, O3 160 (8 h) → 100; 1 h 160 → 50 → AQI 100.
    assert_eq!((s.aqi_days, s.good_days, s.heavy_days), (365, 365, 0));
    assert_eq!(s.good_ratio_percent, Some(Decimal::ONE_HUNDRED));
}

#[test]
fn percentile_exceedance_and_heavy_days() {
    // 20 days of PM2.5 250 (AQI 300, 重度污染) in 365: P95 rank 346.8 → the sorted series has
    // 345 values of 30 then 20 of 250, so X(346) = X(347) = 250.
    let days = year_2023(|k| if k < 20 { (250, 100) } else { (30, 100) });
    let s = evaluate_period(Period::Year(2023), &days, LimitSet::Gb3095_2012, Grade::Two);
    let pm25 = s.pollutants[Pollutant::Pm25.index()];
    assert_eq!(pm25.percentile, Some(dd(250)));
    // Mean (20·250 + 345·30)/365 = 42.05… → 42.
    assert_eq!(pm25.mean, Some(dd(42)));
    assert_eq!(pm25.attains, Some(false));
    assert_eq!(s.attains_all, Some(false));
    assert_eq!(s.heavy_days, 20);
    assert_eq!(s.level_days[4], 20);
    assert_eq!(s.good_days, 345);
}

#[test]
fn validity_minimums() {
    // February 2023 with 24 days: invalid; with 25: valid.
    let feb: Vec<DayRecord> = (1..=24).map(|d| day(date(2023, 2, d), 30, 100)).collect();
    let p = Period::Month {
        year: 2023,
        month: 2,
    };
    let s = evaluate_period(p, &feb, LimitSet::Gb3095_2012, Grade::Two);
    assert!(!s.pollutants[0].valid);
    assert_eq!(s.pollutants[0].attains, None);
    assert_eq!(s.attains_all, None);
    let mut feb = feb;
    feb.push(day(date(2023, 2, 25), 30, 100));
    let s = evaluate_period(p, &feb, LimitSet::Gb3095_2012, Grade::Two);
    assert!(s.pollutants[0].valid);
    // A year with 323 days is invalid.
    let days: Vec<DayRecord> = year_2023(|_| (30, 100)).into_iter().take(323).collect();
    let s = evaluate_period(Period::Year(2023), &days, LimitSet::Gb3095_2012, Grade::Two);
    assert!(s.pollutants.iter().all(|p| !p.valid));
}

#[test]
fn daily_aqi_follows_the_edition_of_each_day() {
    let before = day(date(2026, 2, 28), 75, 100);
    let after = day(date(2026, 3, 1), 75, 100);
    assert_eq!(before.daily_aqi(), Some(100));
    assert_eq!(after.daily_aqi(), Some(114));
    // The same year under the transitional limits: PM2.5 60/30, PM10 120/60.
    let days = year_2023(|_| (35, 160));
    let s = evaluate_period(
        Period::Year(2023),
        &days,
        LimitSet::Gb3095_2026Transitional,
        Grade::Two,
    );
    assert_eq!(s.pollutants[Pollutant::Pm25.index()].attains, Some(false));
    assert_eq!(s.pollutants[Pollutant::Pm10.index()].attains, Some(false));
}

#[test]
fn city_mean_excludes_control_points() {
    let d = date(2023, 5, 1);
    let mut a = day(d, 30, 100);
    a.means[Pollutant::So2.index()] = None;
    let b = day(d, 41, 120);
    let control = day(d, 5, 50);
    let city = city_day(
        d,
        &[
            StationDay {
                record: a,
                control_point: false,
            },
            StationDay {
                record: b,
                control_point: false,
            },
            StationDay {
                record: control,
                control_point: true,
            },
        ],
    )
    .expect("two stations");
    // (30 + 41)/2 = 35.5 → 36 (half to even); SO2 only from b; O3 (100 + 120)/2 = 110.
    assert_eq!(city.means[Pollutant::Pm25.index()], Some(dd(36)));
    assert_eq!(city.means[Pollutant::So2.index()], Some(dd(12)));
    assert_eq!(city.o3_max_eight_hour, Some(dd(110)));
    assert_eq!(
        city_day(
            d,
            &[StationDay {
                record: control,
                control_point: true
            }]
        ),
        None
    );
}
