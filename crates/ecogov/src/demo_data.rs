//! 模拟数据 for the demo: a year of synthetic hourly air data for Qianjiang's two provincial
//! stations, and monthly water samples for sections on the waters the plan names, loaded through
//! the same store imports as real files and labelled 模拟数据.

use anyhow::Context;
use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample, WaterSection};
use ecogov_io::synthetic::{Generator, SyntheticStation};
use ecogov_io::synthetic_water::WaterGenerator;
use ecogov_standards::air::HourEnding;
use ecogov_standards::water::{WaterBody, WaterClass};
use ecogov_store::{AirImport, Store, WaterImport};
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
    let mut generator = Generator::new(synthetic, year.unsigned_abs().into());
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

/// Demo water sections on the rivers, lakes and drinking-water sources the plan names. The
/// names carry （模拟） because the sections and their data are invented for the demo.
struct DemoSection {
    name: &'static str,
    water: &'static str,
    body: WaterBody,
    level: ControlLevel,
    target: WaterClass,
    district: &'static str,
    /// (upstream, downstream) of a cross-boundary section.
    boundary: Option<(&'static str, &'static str)>,
}

const DEMO_SECTIONS: [DemoSection; 9] = [
    DemoSection {
        name: "汉江泽口（模拟）",
        water: "汉江",
        body: WaterBody::River,
        level: ControlLevel::National,
        target: WaterClass::II,
        district: "泽口街道",
        boundary: None,
    },
    DemoSection {
        name: "红旗水源地（模拟）",
        water: "汉江",
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: WaterClass::II,
        district: "园林街道",
        boundary: None,
    },
    DemoSection {
        name: "四湖总干渠出境（模拟）",
        water: "四湖总干渠",
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: WaterClass::III,
        district: "老新镇",
        boundary: Some(("潜江市", "监利市")),
    },
    DemoSection {
        name: "东荆河（模拟）",
        water: "东荆河",
        body: WaterBody::River,
        level: ControlLevel::National,
        target: WaterClass::III,
        district: "浩口镇",
        boundary: None,
    },
    DemoSection {
        name: "汉南河（模拟）",
        water: "汉南河",
        body: WaterBody::River,
        level: ControlLevel::Municipal,
        target: WaterClass::III,
        district: "杨市街道",
        boundary: Some(("杨市街道", "周矶街道")),
    },
    DemoSection {
        name: "兴隆河（模拟）",
        water: "兴隆河",
        body: WaterBody::River,
        level: ControlLevel::Municipal,
        target: WaterClass::III,
        district: "王场镇",
        boundary: Some(("王场镇", "园林街道")),
    },
    DemoSection {
        name: "西荆河（模拟）",
        water: "西荆河",
        body: WaterBody::River,
        level: ControlLevel::Municipal,
        target: WaterClass::III,
        district: "高场街道",
        boundary: Some(("高场街道", "张金镇")),
    },
    DemoSection {
        name: "城南河（模拟）",
        water: "城南河",
        body: WaterBody::River,
        level: ControlLevel::Municipal,
        target: WaterClass::IV,
        district: "园林街道",
        boundary: None,
    },
    DemoSection {
        name: "返湾湖（模拟）",
        water: "返湾湖",
        body: WaterBody::LakeReservoir,
        level: ControlLevel::Municipal,
        target: WaterClass::III,
        district: "浩口镇",
        boundary: None,
    },
];

/// Registers the demo sections and loads a monthly manual sample for each in `year`; returns the
/// values written (0 when they were already there).
pub(crate) async fn load_water(store: &Store, year: i16) -> anyhow::Result<usize> {
    let sections: Vec<WaterSection> = DEMO_SECTIONS
        .iter()
        .map(|d| WaterSection {
            name: d.name.to_string(),
            water: d.water.to_string(),
            basin: "长江".to_string(),
            body: d.body,
            level: d.level,
            target: Some(d.target),
            district: Some(d.district.to_string()),
            upstream: d.boundary.map(|(up, _)| up.to_string()),
            downstream: d.boundary.map(|(_, down)| down.to_string()),
        })
        .collect();
    store.upsert_water_sections(&sections, "demo").await?;
    let mut generator = WaterGenerator::new(sections.len(), year.unsigned_abs().into());
    let mut samples = Vec::new();
    for month in 1..=12 {
        let time = Date::new(year, month, 10)
            .context("demo month")?
            .at(10, 0, 0, 0);
        for (i, s) in sections.iter().enumerate() {
            for (item, value) in generator.month(i, month, s.body == WaterBody::LakeReservoir) {
                samples.push(WaterSample {
                    section: s.name.clone(),
                    time,
                    parameter: WaterParameter::Basic(item),
                    value,
                    source: SampleSource::Manual,
                    stage: DataStage::Audited,
                });
            }
        }
    }
    let job = WaterImport {
        kind: "synthetic",
        file: "模拟数据（演示）",
        samples: &samples,
        replace: false,
        dry_run: false,
        actor: "demo",
    };
    Ok(store.import_water_samples(job).await?.inserted)
}
