//! Synthetic CNEMC-format data for benchmarks and the CLI measurement (shared by
//! `benches/*.rs` and `examples/gen_cnemc.rs` through `#[path]`). Deterministic: a fixed
//! xorshift generator, no dependency.

#![allow(dead_code)]

use std::io::{self, Write};

/// The feed's header (FORMAT-NOTES.md).
pub const HEADER: &str = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h";

/// A small deterministic pseudo-random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One station-hour of concentrations: SO2, NO2, CO (tenths of mg/m³), O3, PM10, PM2.5.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub so2: u32,
    pub no2: u32,
    pub co_tenths: u32,
    pub o3: u32,
    pub pm10: u32,
    pub pm25: u32,
    /// Whether PM10 is missing (about 1 in 200 rows).
    pub pm10_missing: bool,
}

impl Sample {
    pub fn random(rng: &mut Rng) -> Sample {
        let pm25 = rng.below(120) as u32 + rng.below(4) as u32 * rng.below(60) as u32;
        Sample {
            so2: 2 + rng.below(30) as u32,
            no2: 5 + rng.below(90) as u32,
            co_tenths: 2 + rng.below(20) as u32,
            o3: rng.below(220) as u32,
            pm10: pm25 + rng.below(150) as u32,
            pm25,
            pm10_missing: rng.below(200) == 0,
        }
    }
}

/// Writes `hours` consecutive hours from 2023-01-01T01 (layout of 2023: `…T01:00:00` labels,
/// swapped O3 columns) or from 2026-03-02T01 (layout of 2026: `…T0100`, `NA`) for `stations`
/// stations, rows in time order then station order, like a concatenation of hourly files.
pub fn write_file(
    out: &mut impl Write,
    stations: usize,
    hours: usize,
    layout_2026: bool,
    seed: u64,
) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    writeln!(out, "{HEADER}")?;
    let start = if layout_2026 {
        jiff::civil::datetime(2026, 3, 2, 0, 0, 0, 0)
    } else {
        jiff::civil::datetime(2023, 1, 1, 0, 0, 0, 0)
    };
    let mut rows = 0u64;
    for h in 1..=hours {
        let t = start
            .checked_add(jiff::Span::new().hours(h as i64))
            .map_err(io::Error::other)?;
        let label = if layout_2026 {
            t.strftime("%Y-%m-%dT%H%M").to_string()
        } else {
            t.strftime("%Y-%m-%dT%H:%M:%S").to_string()
        };
        for s in 0..stations {
            let v = Sample::random(&mut rng);
            let missing = if layout_2026 { "NA" } else { "" };
            let pm10 = if v.pm10_missing {
                missing.to_owned()
            } else {
                v.pm10.to_string()
            };
            let (o3_col, o3_24h_col) = if layout_2026 {
                (v.o3, v.o3)
            } else {
                (v.o3 + rng.below(40) as u32, v.o3)
            };
            writeln!(
                out,
                "{label},{}A,116.{s:04},39.{s:04},城市{},监测点{s},\"细颗粒物(PM2.5),颗粒物(PM10)\",{},{pm10},{},{},{},{o3_col},{o3_24h_col},{},{},{},{},{},{},{}.{},{}.{}",
                1001 + s,
                s / 10,
                rng.below(200),
                v.pm10,
                v.pm25,
                v.pm25,
                v.o3,
                v.o3,
                v.no2,
                v.no2,
                v.so2,
                v.so2,
                v.co_tenths / 10,
                v.co_tenths % 10,
                v.co_tenths / 10,
                v.co_tenths % 10,
            )?;
            rows += 1;
        }
    }
    Ok(rows)
}
