//! Air data conformance: stations, all-or-nothing imports, idempotence, revisions, series —
//! on SQLite always and on PostgreSQL when `ECOGOV_TEST_DATABASE_URL` is set.

use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_standards::air::{HourEnding, Pollutant, Reading, Readings};
use ecogov_store::{AirImport, Store, StoreError};
use jiff::civil::Date;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Database};

fn code(s: &str) -> StationCode {
    StationCode::parse(s).expect("code")
}

fn station(c: &str, name: &str) -> AirStation {
    AirStation {
        code: code(c),
        name: name.into(),
        city: "潜江市".into(),
        longitude: Some(Decimal::new(112_8990, 4)),
        latitude: Some(Decimal::new(30_4210, 4)),
        control_point: false,
        level: ControlLevel::Provincial,
    }
}

fn hour(c: &str, day: i8, h: i8, pm25: i64) -> AirHour {
    let mut readings = Readings::default();
    readings.set(
        Pollutant::Pm25,
        Reading::value(Pollutant::Pm25, Decimal::from(pm25)).expect("pm25"),
    );
    readings.set(
        Pollutant::Co,
        Reading::value(Pollutant::Co, Decimal::new(7, 1)).expect("co"),
    );
    readings.set(Pollutant::Pm10, Reading::NotInPlan);
    AirHour {
        station: code(c),
        hour: HourEnding::new(Date::constant(2023, 1, day), h).expect("hour"),
        readings,
        stage: DataStage::RealTime,
    }
}

fn job<'a>(hours: &'a [AirHour], replace: bool, dry_run: bool) -> AirImport<'a> {
    AirImport {
        kind: "test",
        file: "test.csv",
        hours,
        replace,
        dry_run,
        actor: "test",
    }
}

async fn story(store: &Store) {
    let (added, updated) = store
        .upsert_air_stations(
            &[station("QJ01", "潜阳中路站"), station("QJ02", "章华南路站")],
            "test",
        )
        .await
        .expect("stations");
    assert_eq!((added, updated), (2, 0));
    let mut renamed = station("QJ02", "章华南路");
    renamed.level = ControlLevel::Municipal;
    assert_eq!(
        store
            .upsert_air_stations(&[renamed.clone()], "test")
            .await
            .expect("update"),
        (0, 1)
    );
    assert_eq!(
        store
            .upsert_air_stations(&[renamed], "test")
            .await
            .expect("same"),
        (0, 0)
    );
    assert_eq!(store.air_stations().await.expect("list").len(), 2);

    let day: Vec<AirHour> = (1..=24)
        .flat_map(|h| {
            [
                hour("QJ01", 17, h, 40 + i64::from(h)),
                hour("QJ02", 17, h, 30),
            ]
        })
        .collect();
    // Dry run: reports, writes nothing.
    let dry = store
        .import_air_hours(job(&day, false, true))
        .await
        .expect("dry run");
    assert_eq!((dry.rows, dry.inserted, dry.batch), (48, 48, None));
    let from = HourEnding::new(Date::constant(2023, 1, 17), 1).expect("from");
    let to = HourEnding::new(Date::constant(2023, 1, 17), 24).expect("to");
    assert!(
        store
            .air_series(&[code("QJ01")], from, to)
            .await
            .expect("series")
            .is_empty()
    );

    let first = store
        .import_air_hours(job(&day, false, false))
        .await
        .expect("import");
    assert_eq!((first.inserted, first.unchanged), (48, 0));
    let again = store
        .import_air_hours(job(&day, false, false))
        .await
        .expect("reimport");
    assert_eq!(
        (again.inserted, again.unchanged, again.replaced),
        (0, 48, 0),
        "same file twice: one copy"
    );

    // Round trip: what comes back is what went in, readings and all.
    let series = store
        .air_series(&[code("QJ01")], from, to)
        .await
        .expect("series");
    assert_eq!(series.len(), 24);
    assert_eq!(
        series,
        day.iter()
            .filter(|h| h.station == code("QJ01"))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        store
            .air_series(&[code("QJ01"), code("QJ02")], from, to)
            .await
            .expect("city")
            .len(),
        48
    );

    // A revised value: refused without --replace (nothing written), kept as a revision with it.
    let revised = vec![hour("QJ01", 17, 5, 99), hour("QJ01", 18, 1, 20)];
    let refused = store
        .import_air_hours(job(&revised, false, false))
        .await
        .expect("conflict report");
    assert_eq!(refused.conflicts.len(), 1);
    assert_eq!(refused.batch, None);
    let h5 = HourEnding::new(Date::constant(2023, 1, 17), 5).expect("h5");
    let next = HourEnding::new(Date::constant(2023, 1, 18), 1).expect("next");
    assert!(
        store
            .air_series(&[code("QJ01")], next, next)
            .await
            .expect("series")
            .is_empty(),
        "all or nothing"
    );
    let replaced = store
        .import_air_hours(job(&revised, true, false))
        .await
        .expect("replace");
    assert_eq!((replaced.inserted, replaced.replaced), (1, 1));
    let now = store
        .air_series(&[code("QJ01")], h5, h5)
        .await
        .expect("series");
    assert_eq!(
        now[0].readings.get(Pollutant::Pm25).get(),
        Some(Decimal::from(99))
    );
    let old = store
        .air_hour_revisions(&code("QJ01"), h5)
        .await
        .expect("revisions");
    assert_eq!(old.len(), 1);
    assert_eq!(
        old[0].readings.get(Pollutant::Pm25).get(),
        Some(Decimal::from(45))
    );

    // Coverage per station and month.
    let coverage = store.air_coverage().await.expect("coverage");
    let summary: Vec<(String, String, u32, u32)> = coverage
        .iter()
        .map(|c| {
            (
                c.station.to_string(),
                c.month.to_string(),
                c.hours,
                c.expected,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("QJ01".to_string(), "2023-01-01".to_string(), 25, 744),
            ("QJ02".to_string(), "2023-01-01".to_string(), 24, 744)
        ]
    );

    // Unknown station or a repeated station-hour: the whole file is refused.
    let unknown = vec![hour("QJ01", 19, 1, 10), hour("XX99", 19, 1, 10)];
    assert!(matches!(
        store.import_air_hours(job(&unknown, false, false)).await,
        Err(StoreError::Rejected(_))
    ));
    let repeated = vec![hour("QJ01", 19, 1, 10), hour("QJ01", 19, 1, 11)];
    assert!(matches!(
        store.import_air_hours(job(&repeated, false, false)).await,
        Err(StoreError::Rejected(_))
    ));
    let d19 = HourEnding::new(Date::constant(2023, 1, 19), 1).expect("d19");
    assert!(
        store
            .air_series(&[code("QJ01")], d19, d19)
            .await
            .expect("series")
            .is_empty()
    );
}

#[tokio::test]
async fn air_on_sqlite() {
    story(&Store::open("sqlite::memory:", true).await.expect("store")).await;
}

#[tokio::test]
async fn air_on_postgres_when_configured() {
    let Ok(url) = std::env::var("ECOGOV_TEST_DATABASE_URL") else {
        eprintln!(
            "skipped: ECOGOV_TEST_DATABASE_URL is not set (CI sets it to a local PostgreSQL server)"
        );
        return;
    };
    // A schema of its own, so that this test and the plan story can share the server.
    let admin = Database::connect(&url).await.expect("connect");
    admin
        .execute_unprepared("DROP SCHEMA IF EXISTS air_story CASCADE; CREATE SCHEMA air_story;")
        .await
        .expect("schema");
    admin.close().await.expect("close");
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{sep}options=-c%20search_path%3Dair_story");
    story(&Store::open(&scoped, false).await.expect("store")).await;
}
