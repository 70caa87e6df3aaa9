//! Loading hourly series from the store: one station-year, and a 10-station city-year, from a
//! SQLite file holding 10 stations × 8,760 hours of synthetic data.
//!
//! `cargo bench -p ecogov-store --bench series`

use criterion::{Criterion, criterion_group, criterion_main};
use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_io::synthetic::{Generator, network};
use ecogov_standards::air::HourEnding;
use ecogov_store::{AirImport, Store};
use jiff::civil::Date;
use std::hint::black_box;

fn setup(rt: &tokio::runtime::Runtime, path: &str) -> (Store, Vec<StationCode>) {
    rt.block_on(async {
        let store = Store::open(path, true).await.expect("store");
        let net = network(10);
        let stations: Vec<AirStation> = net
            .iter()
            .map(|s| AirStation {
                code: StationCode::parse(&s.code).expect("code"),
                name: s.name.clone(),
                city: "模拟市".into(),
                longitude: None,
                latitude: None,
                control_point: false,
                level: ControlLevel::National,
            })
            .collect();
        store
            .upsert_air_stations(&stations, "bench")
            .await
            .expect("stations");
        let codes: Vec<StationCode> = stations.iter().map(|s| s.code.clone()).collect();
        let mut generator = Generator::new(net, 1);
        let mut hours = Vec::new();
        let mut day = Date::constant(2023, 1, 1);
        while day.year() == 2023 {
            for h in 1..=24 {
                let hour = HourEnding::new(day, h).expect("hour");
                for (code, readings) in codes.iter().zip(generator.hour(hour)) {
                    hours.push(AirHour {
                        station: code.clone(),
                        hour,
                        readings,
                        stage: DataStage::RealTime,
                    });
                }
            }
            day = day.tomorrow().expect("day");
        }
        let job = AirImport {
            kind: "bench",
            file: "bench",
            hours: &hours,
            replace: false,
            dry_run: false,
            actor: "bench",
        };
        store.import_air_hours(job).await.expect("import");
        (store, codes)
    })
}

fn series(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let (store, codes) = setup(&rt, path.to_str().expect("path"));
    let from = HourEnding::new(Date::constant(2023, 1, 1), 1).expect("from");
    let to = HourEnding::new(Date::constant(2023, 12, 31), 24).expect("to");
    let mut group = c.benchmark_group("air_series");
    group.sample_size(20);
    group.bench_function("one station-year (8,760 h)", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(store.air_series(&codes[..1], from, to))
                    .expect("series")
                    .len(),
            )
        })
    });
    group.bench_function("10-station city-year (87,600 h)", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(store.air_series(&codes, from, to))
                    .expect("series")
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, series);
criterion_main!(benches);
