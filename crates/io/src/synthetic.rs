//! 模拟数据 — synthetic hourly air data in the CNEMC station format, for benchmarks and the demo.
//!
//! The model is deliberately simple and deterministic for a seed: per station a base level; a
//! seasonal cycle (particles and CO high in winter, O3 high in summer); daily cycles (traffic
//! peaks for NO2 and CO, an afternoon peak for O3); persistent weather-like noise (an AR(1)
//! process per station); and gaps (single missing hours and short outages). It is computed in
//! floating point because it is invented data, not a regulated computation; every value is
//! written as text with the precision the feed uses (integers, CO one decimal) and read back as
//! an exact decimal like any other file. Everything it produces is 模拟数据 and must be labelled
//! so wherever it is shown.

use ecogov_standards::air::{
    Edition, HourEnding, HourlyInput, Pollutant, Reading, Readings, hourly_aqi,
};
use rust_decimal::Decimal;
use std::f64::consts::PI;
use std::io::{self, Write};
use std::str::FromStr;

/// The CNEMC hourly header, in the layout of the feed since 2023-12 (current O3 in `o3`).
pub const HEADER: &str = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h";

/// A station of the synthetic network.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticStation {
    /// 监测点编码.
    pub code: String,
    /// 监测点名称.
    pub name: String,
    /// 城市.
    pub city: String,
    /// 经度, as written.
    pub longitude: String,
    /// 纬度, as written.
    pub latitude: String,
}

/// A network of `n` stations with codes `9001A`, `9002A` … spread over 100 cities.
pub fn network(n: usize) -> Vec<SyntheticStation> {
    (0..n)
        .map(|i| SyntheticStation {
            code: format!("{}A", 9001 + i),
            name: format!("模拟站{}", i + 1),
            city: format!("模拟市{:02}", i % 100 + 1),
            longitude: format!("{:.4}", 100.0 + (i % 37) as f64 * 0.7),
            latitude: format!("{:.4}", 22.0 + (i % 29) as f64 * 0.6),
        })
        .collect()
}

/// SplitMix64: small, fast, deterministic; enough for invented data.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * PI * v).cos()
    }
}

#[derive(Debug, Clone)]
struct StationState {
    base: f64,
    weather: f64,
    outage: u32,
}

/// Generates consecutive hours for a network; call [`Generator::hour`] in time order.
#[derive(Debug, Clone)]
pub struct Generator {
    stations: Vec<SyntheticStation>,
    states: Vec<StationState>,
    rng: Rng,
}

impl Generator {
    /// A generator for `stations`, deterministic for `seed`.
    pub fn new(stations: Vec<SyntheticStation>, seed: u64) -> Self {
        let mut rng = Rng(seed);
        let states = stations
            .iter()
            .map(|_| StationState {
                base: 0.7 + 0.6 * rng.unit(),
                weather: 0.0,
                outage: 0,
            })
            .collect();
        Self {
            stations,
            states,
            rng,
        }
    }

    /// The stations.
    pub fn stations(&self) -> &[SyntheticStation] {
        &self.stations
    }

    /// The readings of every station for `hour` (missing hours have every reading missing).
    pub fn hour(&mut self, hour: HourEnding) -> Vec<Readings> {
        let day = f64::from(hour.natural_day().day_of_year());
        let h = f64::from(hour.hour()) - 0.5;
        // Seasons: +1 in mid-January, −1 in mid-July.
        let winter = (2.0 * PI * (day - 15.0) / 365.25).cos();
        let traffic =
            0.6 * (-((h - 8.0) / 2.0).powi(2)).exp() + 0.8 * (-((h - 19.0) / 2.5).powi(2)).exp();
        let sun = ((PI * (h - 7.0) / 12.0).sin()).max(0.0);
        let mut out = Vec::with_capacity(self.states.len());
        for state in &mut self.states {
            let rng = &mut self.rng;
            state.weather = 0.92 * state.weather + 0.39 * rng.normal();
            if state.outage == 0 && rng.unit() < 0.0005 {
                state.outage = 2 + (rng.next() % 11) as u32;
            }
            if state.outage > 0 {
                state.outage -= 1;
                out.push(Readings::default());
                continue;
            }
            if rng.unit() < 0.005 {
                out.push(Readings::default());
                continue;
            }
            let w = (0.45 * state.weather).exp();
            let pm25 = state.base * (38.0 + 26.0 * winter) * (1.0 + 0.25 * traffic) * w;
            let pm10 = pm25 * (1.45 + 0.3 * rng.unit());
            let no2 = state.base * (18.0 + 8.0 * winter + 22.0 * traffic) * w.sqrt();
            let so2 = state.base * (6.0 + 3.0 * winter) * (1.0 + 0.2 * rng.normal()).max(0.3);
            let co = state.base * (0.55 + 0.3 * winter + 0.25 * traffic) * w.sqrt();
            let o3 = (20.0 + (70.0 - 45.0 * winter) * sun) * (1.0 + 0.15 * rng.normal()).max(0.2)
                / w.sqrt();
            let mut r = Readings::default();
            for (p, v, places) in [
                (Pollutant::So2, so2, 0),
                (Pollutant::No2, no2, 0),
                (Pollutant::Co, co, 1),
                (Pollutant::O3, o3, 0),
                (Pollutant::Pm10, pm10, 0),
                (Pollutant::Pm25, pm25, 0),
            ] {
                let text = format!("{:.*}", places, v.max(0.0));
                if let Ok(d) = Decimal::from_str(&text)
                    && let Ok(reading) = Reading::value(p, d)
                {
                    r.set(p, reading);
                }
            }
            out.push(r);
        }
        out
    }
}

fn field(r: Reading) -> String {
    match r {
        Reading::Value(c) => c.value().normalize().to_string(),
        Reading::Missing => String::new(),
        Reading::NotInPlan => "/".to_string(),
    }
}

fn primary_name(p: Pollutant) -> &'static str {
    match p {
        Pollutant::So2 => "二氧化硫",
        Pollutant::No2 => "二氧化氮",
        Pollutant::Co => "一氧化碳",
        Pollutant::O3 => "臭氧1小时",
        Pollutant::Pm10 => "颗粒物(PM10)",
        Pollutant::Pm25 => "细颗粒物(PM2.5)",
    }
}

/// Writes one CNEMC row: the hour label without a colon (`2023-05-01T1400`), the AQI and
/// primary pollutant as the edition of the hour computes them, the 1-hour values, and empty
/// moving-average columns.
pub fn write_row<W: Write>(
    out: &mut W,
    hour: HourEnding,
    station: &SyntheticStation,
    r: &Readings,
) -> io::Result<()> {
    let label = hour
        .label()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    let report = hourly_aqi(
        Edition::for_date(hour.natural_day()),
        &HourlyInput {
            hour: *r,
            so2_day: Reading::Missing,
        },
    );
    let (aqi, primary) = match report.published() {
        Some(s) => {
            let names: Vec<&str> = s.primary_pollutants().map(primary_name).collect();
            let primary = match names.len() {
                0 => String::new(),
                1 => names[0].to_string(),
                _ => format!("\"{}\"", names.join(",")),
            };
            (s.aqi.get().to_string(), primary)
        }
        None => (String::new(), String::new()),
    };
    writeln!(
        out,
        "{},{},{},{},{},{},{},{},{},,{},,{},,,,{},,{},,{},",
        label.strftime("%Y-%m-%dT%H%M"),
        station.code,
        station.longitude,
        station.latitude,
        station.city,
        station.name,
        primary,
        aqi,
        field(r.get(Pollutant::Pm10)),
        field(r.get(Pollutant::Pm25)),
        field(r.get(Pollutant::O3)),
        field(r.get(Pollutant::No2)),
        field(r.get(Pollutant::So2)),
        field(r.get(Pollutant::Co)),
    )
}

/// Writes the station list of a network in the national list format
/// (`监测点编码,监测点名称,城市,经度,纬度,对照点`).
pub fn write_station_list<W: Write>(out: &mut W, stations: &[SyntheticStation]) -> io::Result<()> {
    writeln!(out, "监测点编码,监测点名称,城市,经度,纬度,对照点")?;
    for s in stations {
        writeln!(
            out,
            "{},{},{},{},{},N",
            s.code, s.name, s.city, s.longitude, s.latitude
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    #[test]
    fn deterministic_for_a_seed_and_plausible() {
        let hours: Vec<HourEnding> = (1..=24)
            .map(|h| HourEnding::new(Date::constant(2023, 1, 17), h).expect("hour"))
            .collect();
        let run = |seed| {
            let mut g = Generator::new(network(20), seed);
            hours.iter().map(|h| g.hour(*h)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let all: Vec<Readings> = run(7).into_iter().flatten().collect();
        let pm: Vec<Decimal> = all
            .iter()
            .filter_map(|r| r.get(Pollutant::Pm25).get())
            .collect();
        assert!(pm.len() > 400, "few gaps: {}", pm.len());
        assert!(
            pm.iter()
                .all(|v| *v >= Decimal::ZERO && *v < Decimal::from(1000))
        );
    }

    #[test]
    fn rows_have_the_header_width() {
        let mut g = Generator::new(network(3), 1);
        let h = HourEnding::new(Date::constant(2023, 7, 1), 15).expect("hour");
        let readings = g.hour(h);
        let mut buf = Vec::new();
        for (s, r) in g.stations().iter().zip(&readings) {
            write_row(&mut buf, h, s, r).expect("write");
        }
        let text = String::from_utf8(buf).expect("utf-8");
        let columns = HEADER.split(',').count();
        for line in text.lines() {
            // a quoted list of primary pollutants adds commas inside quotes
            let unquoted: String = line.split('"').step_by(2).collect::<Vec<_>>().join("");
            assert_eq!(unquoted.split(',').count(), columns, "{line}");
            assert!(line.starts_with("2023-07-01T1500,"), "{line}");
        }
    }
}
