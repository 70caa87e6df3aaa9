//! Water data conformance: sections, samples kept as written (`0.01L`), all-or-nothing imports.

use ecogov_domain::monitoring::{ControlLevel, DataStage};
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample, WaterSection};
use ecogov_standards::water::{Measurement, WaterBody, WaterClass};
use ecogov_store::{Store, StoreError, WaterImport};
use jiff::civil::{DateTime, date};

fn section(name: &str) -> WaterSection {
    WaterSection {
        name: name.into(),
        water: "四湖总干渠".into(),
        basin: "长江".into(),
        body: WaterBody::River,
        level: ControlLevel::Provincial,
        target: Some(WaterClass::III),
        district: Some("园林街道".into()),
        upstream: None,
        downstream: None,
    }
}

fn sample(section: &str, day: i8, parameter: &str, value: &str) -> WaterSample {
    WaterSample {
        section: section.into(),
        time: date(2023, 5, day).at(10, 0, 0, 0),
        parameter: parameter.parse().expect("parameter"),
        value: value.parse::<Measurement>().expect("measurement"),
        source: SampleSource::Manual,
        stage: DataStage::Audited,
    }
}

fn job<'a>(samples: &'a [WaterSample], replace: bool) -> WaterImport<'a> {
    WaterImport {
        kind: "manual",
        file: "samples.csv",
        samples,
        replace,
        dry_run: false,
        actor: "test",
    }
}

#[tokio::test]
async fn water_on_sqlite() {
    let store = Store::open("sqlite::memory:", true).await.expect("store");
    assert_eq!(
        store
            .upsert_water_sections(&[section("毛场"), section("丫角")], "test")
            .await
            .expect("sections"),
        (2, 0)
    );
    let mut changed = section("丫角");
    changed.target = Some(WaterClass::II);
    assert_eq!(
        store
            .upsert_water_sections(&[changed.clone()], "test")
            .await
            .expect("update"),
        (0, 1)
    );
    assert_eq!(
        store
            .upsert_water_sections(&[changed], "test")
            .await
            .expect("same"),
        (0, 0)
    );
    let sections = store.water_sections().await.expect("list");
    assert_eq!(
        sections
            .iter()
            .find(|s| s.name == "丫角")
            .and_then(|s| s.target),
        Some(WaterClass::II)
    );

    let samples = vec![
        sample("毛场", 1, "氨氮", "0.52"),
        sample("毛场", 1, "总磷", "0.01L"),
        sample("丫角", 1, "溶解氧", "7.8"),
    ];
    let first = store
        .import_water_samples(job(&samples, false))
        .await
        .expect("import");
    assert_eq!((first.inserted, first.unchanged), (3, 0));
    let again = store
        .import_water_samples(job(&samples, false))
        .await
        .expect("again");
    assert_eq!((again.inserted, again.unchanged), (0, 3));
    let from: DateTime = date(2023, 5, 1).at(0, 0, 0, 0);
    let to: DateTime = date(2023, 5, 31).at(23, 0, 0, 0);
    let back = store
        .water_samples("毛场", from, to)
        .await
        .expect("samples");
    assert_eq!(back.len(), 2);
    let tp = back
        .iter()
        .find(|s| s.parameter == "总磷".parse::<WaterParameter>().expect("tp"))
        .expect("tp");
    assert_eq!(
        tp.value.to_string(),
        "0.01L",
        "below the detection limit, kept as such"
    );

    let revised = vec![
        sample("毛场", 1, "氨氮", "0.61"),
        sample("毛场", 2, "氨氮", "0.40"),
    ];
    let refused = store
        .import_water_samples(job(&revised, false))
        .await
        .expect("report");
    assert_eq!((refused.conflicts.len(), refused.batch), (1, None));
    assert_eq!(
        store
            .water_samples("毛场", from, to)
            .await
            .expect("samples")
            .len(),
        2,
        "nothing written"
    );
    let replaced = store
        .import_water_samples(job(&revised, true))
        .await
        .expect("replace");
    assert_eq!((replaced.inserted, replaced.replaced), (1, 1));
    let unknown = vec![sample("不存在", 3, "氨氮", "0.1")];
    assert!(matches!(
        store.import_water_samples(job(&unknown, false)).await,
        Err(StoreError::Rejected(_))
    ));
}
