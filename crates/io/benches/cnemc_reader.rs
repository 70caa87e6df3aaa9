//! Throughput of the CNEMC reader from memory (decoding, splitting, parsing; no AQI).
//!
//! `cargo bench -p ecogov-io --bench cnemc_reader`

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::io::Cursor;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ecogov_io::cnemc::HourlyReader;

fn reader(c: &mut Criterion) {
    let mut group = c.benchmark_group("cnemc_reader");
    for (name, layout_2026) in [("layout_2023", false), ("layout_2026", true)] {
        let mut data = Vec::new();
        let rows = synthetic::write_file(&mut data, 1900, 24, layout_2026, 7).expect("in memory");
        group.throughput(Throughput::Elements(rows));
        group.bench_function(format!("{name}_rows"), |b| {
            b.iter(|| {
                let r =
                    HourlyReader::from_reader(Path::new("bench.csv"), Cursor::new(data.clone()))
                        .expect("header");
                black_box(r.filter(Result::is_ok).count())
            })
        });
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(format!("{name}_bytes"), |b| {
            b.iter(|| {
                let r =
                    HourlyReader::from_reader(Path::new("bench.csv"), Cursor::new(data.clone()))
                        .expect("header");
                black_box(r.filter(Result::is_ok).count())
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = reader
}
criterion_main!(benches);
