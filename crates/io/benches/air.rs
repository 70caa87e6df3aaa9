//! The air-quality rules in memory: real-time AQI per station-hour, and an HJ 663 annual
//! evaluation of 1,900 stations × 8,760 hours (hourly values → daily values → period statistics).
//!
//! `cargo bench -p ecogov-io --bench air`
//!
//! (The benchmark lives in `ecogov-io` beside the reader benchmark so that the pure `standards`
//! crate keeps no benchmark dependencies.)

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ecogov_standards::air::daily::DayHours;
use ecogov_standards::air::stats::evaluate_period;
use ecogov_standards::air::{
    DailyValues, DayRecord, Edition, Grade, HourlyInput, LimitSet, Period, Pollutant, Reading,
    Readings, hourly_aqi,
};
use jiff::civil::Date;
use rust_decimal::Decimal;
use synthetic::{Rng, Sample};

fn readings(s: &Sample) -> Readings {
    let mut values = [
        Some(Decimal::from(s.so2)),
        Some(Decimal::from(s.no2)),
        Some(Decimal::new(i64::from(s.co_tenths), 1)),
        Some(Decimal::from(s.o3)),
        Some(Decimal::from(s.pm10)),
        Some(Decimal::from(s.pm25)),
    ];
    if s.pm10_missing {
        values[4] = None;
    }
    Readings::from_values(values).unwrap_or_default()
}

fn hourly(c: &mut Criterion) {
    let mut rng = Rng::new(3);
    let inputs: Vec<HourlyInput> = (0..100_000)
        .map(|_| HourlyInput {
            hour: readings(&Sample::random(&mut rng)),
            so2_day: Reading::Missing,
        })
        .collect();
    let mut group = c.benchmark_group("hourly_aqi");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    for edition in [Edition::Hj633_2012, Edition::Hj633_2026] {
        group.bench_function(edition.name(), |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for input in &inputs {
                    let r = hourly_aqi(edition, input);
                    sum += r.published().map_or(0, |s| u64::from(s.aqi.get()));
                }
                black_box(sum)
            })
        });
    }
    group.finish();
}

/// A pool of distinct station-days (hourly values), reused across stations and days so that
/// the data fit in memory; the work per station-day is the same as with distinct data.
fn day_pool(n: usize) -> Vec<DayHours> {
    let mut rng = Rng::new(11);
    (0..n)
        .map(|_| {
            let mut day: DayHours = [[None; 24]; 6];
            for h in 0..24 {
                let r = readings(&Sample::random(&mut rng));
                for (p, slot) in Pollutant::ALL.into_iter().zip(day.iter_mut()) {
                    slot[h] = r.get(p).get();
                }
            }
            day
        })
        .collect()
}

fn record(date: Date, values: &DailyValues) -> DayRecord {
    DayRecord {
        date,
        means: Pollutant::ALL.map(|p| values.means[p.index()].ok().map(|v| v.reported)),
        o3_max_eight_hour: values.o3_max_eight_hour.ok().map(|v| v.reported),
        o3_max_hour: values.o3_max_hour.ok().map(|v| v.reported),
    }
}

/// 1,900 stations × 365 days × 24 hours: daily values of every station-day, then the annual
/// statistics of every station.
fn annual(c: &mut Criterion) {
    const STATIONS: usize = 1900;
    let pool = day_pool(997);
    let dates: Vec<Date> = Date::constant(2023, 1, 1)
        .series(jiff::Span::new().days(1))
        .take(365)
        .collect();
    let mut group = c.benchmark_group("annual");
    group.sample_size(10);
    group.throughput(Throughput::Elements((STATIONS * 8760) as u64));
    group.bench_function("1900_stations_8760_hours", |b| {
        b.iter(|| {
            let mut good = 0usize;
            let mut records = Vec::with_capacity(365);
            for s in 0..STATIONS {
                records.clear();
                for (d, date) in dates.iter().enumerate() {
                    let hours = &pool[(s * 31 + d) % pool.len()];
                    let values = DailyValues::from_hours(hours, LimitSet::Gb3095_2012);
                    records.push(record(*date, &values));
                }
                let stats = evaluate_period(
                    Period::Year(2023),
                    &records,
                    LimitSet::Gb3095_2012,
                    Grade::Two,
                );
                good += stats.good_days;
            }
            black_box(good)
        })
    });
    group.finish();
}

criterion_group!(benches, hourly, annual);
criterion_main!(benches);
