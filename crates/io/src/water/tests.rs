use super::automatic::{self, AutomaticRow};
use super::manual;
use super::*;
use crate::error::{FileError, RowError};
use ecogov_domain::monitoring::DataStage;
use ecogov_domain::water_data::{SampleSource, WaterSample};
use ecogov_standards::water::{Qualifier, WaterClass};
use jiff::civil::datetime;
use proptest::prelude::*;
use std::io::Cursor;
use std::path::Path;

const AUTO_HEADER: &str = "省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n";
const MANUAL_HEADER: &str = "section,date,item,value\n";

fn auto(bytes: Vec<u8>) -> Result<Parsed<AutomaticRow>, FileError> {
    automatic::from_reader(Path::new("auto.csv"), Cursor::new(bytes))
}

fn auto_text(text: &str) -> Parsed<AutomaticRow> {
    auto(text.as_bytes().to_vec()).expect("header is right")
}

fn manual(bytes: Vec<u8>) -> Result<Parsed<WaterSample>, FileError> {
    manual::from_reader(Path::new("manual.csv"), Cursor::new(bytes))
}

fn manual_text(text: &str) -> Parsed<WaterSample> {
    manual(text.as_bytes().to_vec()).expect("header is right")
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

const GOOD_AUTO: &str = "湖北省,长江流域,潜江大桥,2023-05-01 04:00,Ⅲ,21.3,7.52,8.1,412,15.2,3.1,0.21,0.082,1.52,0.0041,2.1e6,正常";

#[test]
fn automatic_export_in_gbk() {
    let text = format!(
        "{AUTO_HEADER}{GOOD_AUTO}\n湖北省,长江流域,潜江大桥,2023-05-01 08:00:00,--,--,-,,,,,0.02L,,,,,维护\n"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let p = auto(gbk.into_owned()).expect("header");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 2);
    let r = &p.records[0];
    assert_eq!(r.line, 2);
    let row = &r.value;
    assert_eq!(
        (
            row.province.as_str(),
            row.basin.as_str(),
            row.section.as_str()
        ),
        ("湖北省", "长江流域", "潜江大桥")
    );
    assert_eq!(row.time, datetime(2023, 5, 1, 4, 0, 0, 0));
    assert_eq!(row.reported_class, Some(WaterClass::III));
    assert_eq!(row.station_status, "正常");
    assert_eq!(row.samples.len(), 11);
    let ph = &row.samples[1];
    assert_eq!(ph.parameter, WaterParameter::Basic(Item::Ph));
    assert_eq!(ph.value.value(), d("7.52"));
    assert_eq!(
        (ph.source, ph.stage),
        (SampleSource::Automatic, DataStage::RealTime)
    );
    assert_eq!(row.samples[10].parameter, WaterParameter::AlgalDensity);
    assert_eq!(row.samples[10].value.value(), d("2100000"));
    let second = &p.records[1].value;
    assert_eq!(
        (second.reported_class, second.station_status.as_str()),
        (None, "维护")
    );
    assert_eq!(second.samples.len(), 1);
    assert_eq!(
        second.samples[0].value.qualifier(),
        Qualifier::BelowDetection { limit: d("0.02") }
    );
}

fn auto_error(row: &str) -> (Vec<RowError>, usize) {
    let p = auto_text(&format!("{AUTO_HEADER}{GOOD_AUTO}\n{row}\n"));
    assert!(p.errors.iter().all(|e| e.line == 3), "{:?}", p.errors);
    (p.errors, p.records.len())
}

#[test]
fn automatic_error_kinds() {
    use RowErrorKind as K;
    let with = |col: usize, value: &str| {
        let mut cells: Vec<&str> = GOOD_AUTO.split(',').collect();
        cells[3] = "2023-05-01 08:00";
        cells[col] = value;
        cells.join(",")
    };
    let one = |row: String| {
        let (errors, records) = auto_error(&row);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(records, 1, "the bad row is not kept");
        let e = &errors[0];
        (e.field.as_deref().map(str::to_owned), e.kind.clone())
    };
    let f = |s: &str| Some(s.to_owned());
    assert_eq!(
        one(with(6, "15.2")),
        (
            f("pH(无量纲)"),
            K::OutOfRange {
                text: "15.2".into(),
                allowed: "pH 0–14"
            }
        )
    );
    assert_eq!(
        one(with(11, "-0.1")),
        (f("氨氮(mg/L)"), K::Negative { value: d("-0.1") })
    );
    assert_eq!(
        one(with(12, "abc")),
        (f("总磷(mg/L)"), K::NotANumber { text: "abc".into() })
    );
    assert!(matches!(one(with(12, "0L")).1, K::OutOfRange { .. }));
    let (field, kind) = one(with(3, "2023-05-01"));
    assert!(
        matches!(kind, K::BadTime { .. }) && field == f("监测时间"),
        "{kind:?}"
    );
    assert!(matches!(
        one(with(3, "2023-05-01 25:00")).1,
        K::OutOfRange { .. }
    ));
    assert!(matches!(one(with(4, "Ⅵ")).1, K::OutOfRange { .. }));
    assert_eq!(one(with(2, "")), (f("断面名称"), K::Blank));
    let dup = GOOD_AUTO.replace("2023-05-01 04:00", "2023-05-01 04:00:00");
    assert_eq!(
        one(dup),
        (f("监测时间"), K::DuplicateSample { first_line: 2 })
    );
    let (_, kind) = one("湖北省,长江流域,潜江大桥".to_owned());
    assert_eq!(
        kind,
        K::FieldCount {
            fields: 3,
            expected: 17
        }
    );
    let (_, kind) = one("湖北省,\"长江流域,潜江大桥".to_owned());
    assert_eq!(kind, K::UnclosedQuote);
    // Several bad cells in one row are all reported.
    let (errors, _) = auto_error(&with(6, "x").replace(",0.21,", ",-1,"));
    assert_eq!(errors.len(), 2);
}

#[test]
fn automatic_header() {
    assert!(matches!(
        auto(MANUAL_HEADER.as_bytes().to_vec()),
        Err(FileError::MissingColumn {
            column: "断面名称",
            ..
        })
    ));
    assert!(matches!(auto(Vec::new()), Err(FileError::Empty { .. })));
    assert!(matches!(
        automatic::read(Path::new("/nonexistent/auto.csv")),
        Err(FileError::Io { .. })
    ));
}

#[test]
fn manual_results() {
    let text = format!(
        "{MANUAL_HEADER}潜江大桥,2023-05-08,氨氮,0.215\n\
         潜江大桥,2023-05-08,总磷(以P计),0.01L\n\
         潜江大桥,2023-05-08 10:30,codmn,3.2\n\
         潜江大桥,2023-05-08,石油类,--\n"
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let p = manual(gbk.into_owned()).expect("header");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 3, "a value not measured gives no sample");
    let nd = &p.records[1];
    assert_eq!(nd.line, 3);
    assert_eq!(
        nd.value.parameter,
        WaterParameter::Basic(Item::TotalPhosphorus)
    );
    assert!(nd.value.value.is_below_detection());
    assert_eq!(nd.value.value.to_string(), "0.01L");
    assert_eq!(nd.value.time, datetime(2023, 5, 8, 0, 0, 0, 0));
    assert_eq!(
        (nd.value.source, nd.value.stage),
        (SampleSource::Manual, DataStage::Audited)
    );
    assert_eq!(p.records[2].value.time, datetime(2023, 5, 8, 10, 30, 0, 0));
}

#[test]
fn manual_error_kinds() {
    use RowErrorKind as K;
    let one = |row: &str| {
        let p = manual_text(&format!(
            "{MANUAL_HEADER}潜江大桥,2023-05-08,氨氮,0.2\n{row}\n"
        ));
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].line, 3);
        (
            p.errors[0].field.as_deref().map(str::to_owned),
            p.errors[0].kind.clone(),
        )
    };
    let f = |s: &str| Some(s.to_owned());
    assert_eq!(
        one("潜江大桥,2023-05-08,水色,1"),
        (
            f("item"),
            K::UnknownParameter {
                text: "水色".into()
            }
        )
    );
    assert_eq!(
        one("潜江大桥,2023-05-08,NH3-N,0.3"),
        (f("item"), K::DuplicateSample { first_line: 2 })
    );
    assert!(matches!(
        one("潜江大桥,08/05/2023,氨氮,0.3").1,
        K::BadTime { .. }
    ));
    assert_eq!(
        one("潜江大桥,2023-05-09,氨氮,-0.3").1,
        K::Negative { value: d("-0.3") }
    );
    assert!(matches!(
        one("潜江大桥,2023-05-09,pH,14.5").1,
        K::OutOfRange { .. }
    ));
    assert_eq!(
        one("潜江大桥,2023-05-09,氨氮,ND").1,
        K::NotANumber { text: "ND".into() }
    );
    assert_eq!(one(",2023-05-09,氨氮,1"), (f("section"), K::Blank));
    assert_eq!(
        one("潜江大桥,2023-05-09,氨氮").1,
        K::FieldCount {
            fields: 3,
            expected: 4
        }
    );
    let p =
        manual_text("断面名称,采样日期,监测项目,监测值,stage\n潜江大桥,2023-05-09,氨氮,1,later\n");
    assert!(matches!(p.errors[0].kind, K::OutOfRange { .. }));
    assert!(matches!(
        manual(b"section,date,value\n".to_vec()),
        Err(FileError::MissingColumn { column: "item", .. })
    ));
}

fn cells() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{1,3}(\\.[0-9]{0,3})?L?",
        Just("--".to_owned()),
        Just("2023-05-01 04:00".to_owned()),
        Just("Ⅲ".to_owned()),
        Just("氨氮".to_owned()),
        Just("\"".to_owned()),
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = auto(bytes.clone());
        let _ = manual(bytes);
    }

    #[test]
    fn header_and_random_cells_never_panic(
        rows in proptest::collection::vec(proptest::collection::vec(cells(), 0..18), 0..12)
    ) {
        let mut a = AUTO_HEADER.to_owned();
        let mut m = MANUAL_HEADER.to_owned();
        for row in rows {
            a.push_str(&row.join(","));
            a.push('\n');
            m.push_str(&row.iter().take(4).cloned().collect::<Vec<_>>().join(","));
            m.push('\n');
        }
        prop_assert!(auto(a.into_bytes()).is_ok());
        prop_assert!(manual(m.into_bytes()).is_ok());
    }
}
