//! 目标评估 — every target of the built-in plan evaluated on 2023-09-30 for a city of 10 stations
//! with two years of hourly data (2022 for the same-period comparison, 2023 to the date) and 9
//! water sections with monthly samples: what the overview and the report compute per request.
//!
//! `cargo bench -p ecogov-io --bench targets`

use criterion::{Criterion, criterion_group, criterion_main};
use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::target_eval::{AirData, TargetInputs, WaterData, evaluate};
use ecogov_io::synthetic::{Generator, SyntheticStation};
use ecogov_standards::air::HourEnding;
use jiff::civil::Date;
use std::collections::HashMap;
use std::hint::black_box;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn city(stations: usize) -> AirData {
    let list: Vec<AirStation> = (0..stations)
        .filter_map(|i| {
            StationCode::parse(&format!("QJ{i:03}"))
                .ok()
                .map(|code| (i, code))
        })
        .map(|(i, code)| AirStation {
            code,
            name: format!("站{i}"),
            city: "潜江市".into(),
            longitude: None,
            latitude: None,
            control_point: false,
            level: ControlLevel::Provincial,
        })
        .collect();
    let synthetic = list
        .iter()
        .map(|s| SyntheticStation {
            code: s.code.to_string(),
            name: s.name.clone(),
            city: s.city.clone(),
            longitude: String::new(),
            latitude: String::new(),
        })
        .collect();
    let mut generator = Generator::new(synthetic, 7);
    let mut hours = Vec::new();
    let mut day = Date::constant(2022, 1, 1);
    while day <= Date::constant(2023, 9, 30) {
        for h in 1..=24 {
            let Ok(hour) = HourEnding::new(day, h) else {
                continue;
            };
            for (s, readings) in list.iter().zip(generator.hour(hour)) {
                hours.push(AirHour {
                    station: s.code.clone(),
                    hour,
                    readings,
                    stage: DataStage::RealTime,
                });
            }
        }
        day = match day.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    AirData {
        stations: list,
        hours,
        synthetic: true,
    }
}

fn bench(c: &mut Criterion) {
    let Ok(plan) = parse_plan(PLAN) else {
        return;
    };
    let inputs = TargetInputs {
        as_of: Date::constant(2023, 9, 30),
        thresholds: HashMap::new(),
        air: Some(city(10)),
        water: WaterData::default(),
        figures: Vec::new(),
        records: Vec::new(),
    };
    let mut group = c.benchmark_group("targets");
    group.sample_size(10);
    group.bench_function("evaluate, 10 stations × 21 months", |b| {
        b.iter(|| black_box(evaluate(&plan, &inputs).len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
