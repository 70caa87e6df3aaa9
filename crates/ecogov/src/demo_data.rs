//! 模拟数据 for the demo: a year of synthetic hourly air data for Qianjiang's two provincial
//! stations, loaded through the same store import as real files and labelled 模拟数据.

use anyhow::Context;
use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_io::synthetic::{Generator, SyntheticStation};
use ecogov_standards::air::HourEnding;
use ecogov_store::{AirImport, Store};
use jiff::civil::Date;

/// Qianjiang's provincial air stations (潜阳中路站, 章华南路站). The codes are local codes of this
/// system: the national list does not carry these stations.
pub(crate) const QIANJIANG_STATIONS: [(&str, &str); 2] =
    [("QJ001", "潜阳中路站"), ("QJ002", "章华南路站")];

/// The station registry entries (coordinates left empty: not known here).
pub(crate) fn qianjiang_stations() -> anyhow::Result<Vec<AirStation>> {
    QIANJIANG_STATIONS
        .iter()
        .map(|(code, name)| {
            Ok(AirStation {
                code: StationCode::parse(code).map_err(|e| anyhow::anyhow!("{e}"))?,
                name: (*name).to_string(),
                city: "潜江市".to_string(),
                longitude: None,
                latitude: None,
                control_point: false,
                level: ControlLevel::Provincial,
            })
        })
        .collect()
}

/// Registers the stations and loads `year` of synthetic hours (seed fixed, so every demo shows the
/// same figures); returns the station-hours written (0 when they were already there).
pub(crate) async fn load_air(store: &Store, year: i16) -> anyhow::Result<usize> {
    let stations = qianjiang_stations()?;
    store.upsert_air_stations(&stations, "demo").await?;
    let synthetic: Vec<SyntheticStation> = stations
        .iter()
        .map(|s| SyntheticStation {
            code: s.code.to_string(),
            name: s.name.clone(),
            city: s.city.clone(),
            longitude: String::new(),
            latitude: String::new(),
        })
        .collect();
    let mut generator = Generator::new(synthetic, 2023);
    let mut hours = Vec::with_capacity(2 * 24 * 366);
    let mut day = Date::new(year, 1, 1).context("demo year")?;
    while day.year() == year {
        for h in 1..=24 {
            let hour = HourEnding::new(day, h).map_err(|e| anyhow::anyhow!("{e}"))?;
            for (s, readings) in stations.iter().zip(generator.hour(hour)) {
                hours.push(AirHour {
                    station: s.code.clone(),
                    hour,
                    readings,
                    stage: DataStage::RealTime,
                });
            }
        }
        day = day.tomorrow().map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let job = AirImport {
        kind: "synthetic",
        file: "模拟数据（演示）",
        hours: &hours,
        replace: false,
        dry_run: false,
        actor: "demo",
    };
    let report = store.import_air_hours(job).await?;
    Ok(report.inserted)
}
