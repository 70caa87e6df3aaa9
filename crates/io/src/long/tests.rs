use super::*;
use crate::error::{RowError, RowErrorKind};
use ecogov_domain::monitoring::DataStage;
use ecogov_standards::air::{Pollutant, Reading};
use jiff::civil::date;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::io::Cursor;

const HEADER: &str = "station,time,pollutant,value,flag\n";

fn parse_bytes(bytes: Vec<u8>) -> Result<Parsed<AirHour>, FileError> {
    from_reader(Path::new("long.csv"), Cursor::new(bytes))
}

fn parse_text(text: &str) -> Parsed<AirHour> {
    parse_bytes(text.as_bytes().to_vec()).expect("header is right")
}

fn only_error(p: &Parsed<AirHour>) -> &RowError {
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    &p.errors[0]
}

#[test]
fn rows_of_one_station_hour_are_gathered() {
    let p = parse_text(&format!(
        "{HEADER}1001A,2023-05-01 04:00,SO2,12,valid\n\
         1002A,2023-05-01 04:00,pm2.5,30,\n\
         1001A,2023-05-01 04:00,CO,0.7,\n\
         1001A,2023-05-01 04:00,O3,,invalid\n\
         1001A,2023-05-01 04:00,no2,,notinplan\n\
         1001A,2023-05-02 00:00,细颗粒物,8,\n"
    ));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 3);
    let first = &p.records[0];
    assert_eq!(first.line, 2);
    let h = &first.value;
    assert_eq!(h.station.as_str(), "1001A");
    assert_eq!((h.hour.natural_day(), h.hour.hour()), (date(2023, 5, 1), 4));
    assert_eq!(
        h.readings.get(Pollutant::So2).get(),
        Some(Decimal::from(12))
    );
    assert_eq!(
        h.readings.get(Pollutant::Co).get(),
        Some(Decimal::new(7, 1))
    );
    assert_eq!(h.readings.get(Pollutant::O3), Reading::Missing);
    assert_eq!(h.readings.get(Pollutant::No2), Reading::NotInPlan);
    assert_eq!(h.readings.get(Pollutant::Pm10), Reading::Missing);
    assert_eq!(h.stage, DataStage::RealTime);
    // 00:00 is hour 24 of the day before.
    let midnight = &p.records[2].value.hour;
    assert_eq!(
        (midnight.natural_day(), midnight.hour()),
        (date(2023, 5, 1), 24)
    );
}

#[test]
fn stage_column_and_column_order() {
    let p = parse_text(
        "Flag,Value,Pollutant,Time,Station,Stage\n,5,SO2,2023-05-01 04:00:00,1001A,audited\n",
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records[0].value.stage, DataStage::Audited);
}

#[test]
fn gbk_file() {
    let text = format!("{HEADER}1001A,2023-05-01 04:00,二氧化硫,12,有效\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let p = parse_bytes(gbk.into_owned()).expect("header");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(
        p.records[0].value.readings.get(Pollutant::So2).get(),
        Some(Decimal::from(12))
    );
}

fn kind_of(row: &str) -> (RowErrorKind, Option<String>, usize) {
    let p = parse_text(&format!("{HEADER}1001A,2023-05-01 05:00,SO2,1,\n{row}\n"));
    let e = only_error(&p);
    assert_eq!(e.line, 3);
    (
        e.kind.clone(),
        e.field.as_deref().map(str::to_owned),
        p.records.len(),
    )
}

#[test]
fn every_error_kind() {
    use RowErrorKind as K;
    let field = |s: &str| Some(s.to_owned());
    let (k, f, _) = kind_of("1001A,2023-05-01 04:00,NH3,1,");
    assert_eq!(
        (k, f),
        (
            K::UnknownPollutant { text: "NH3".into() },
            field("pollutant")
        )
    );
    let (k, f, _) = kind_of("1001A,2023-05-01,SO2,1,");
    assert!(
        matches!(k, K::BadTime { .. }) && f == field("time"),
        "{k:?}"
    );
    let (k, _, _) = kind_of("1001A,2023-05-01 04:30,SO2,1,");
    assert!(matches!(k, K::OutOfRange { .. }), "{k:?}");
    let (k, _, _) = kind_of("1001A,2023-13-01 04:00,SO2,1,");
    assert!(matches!(k, K::OutOfRange { .. }), "{k:?}");
    let (k, f, _) = kind_of("1001A,2023-05-01 04:00,SO2,-3,");
    assert_eq!(
        (k, f),
        (
            K::Negative {
                value: Decimal::from(-3)
            },
            field("value")
        )
    );
    let (k, _, _) = kind_of("1001A,2023-05-01 04:00,SO2,abc,");
    assert_eq!(k, K::NotANumber { text: "abc".into() });
    let (k, f, _) = kind_of("1001A,2023-05-01 05:00,so2,2,");
    assert_eq!((k, f), (K::Duplicate { first_line: 2 }, field("pollutant")));
    let (k, f, _) = kind_of("1001A,2023-05-01 04:00,SO2,1");
    assert_eq!(
        (k, f),
        (
            K::FieldCount {
                fields: 4,
                expected: 5
            },
            None
        )
    );
    let (k, _, _) = kind_of("1001A,2023-05-01 04:00,SO2,\"1,");
    assert_eq!(k, K::UnclosedQuote);
    let (k, f, _) = kind_of(",2023-05-01 04:00,SO2,1,");
    assert_eq!((k, f), (K::Blank, field("station")));
    let (k, _, _) = kind_of("潜阳中路站,2023-05-01 04:00,SO2,1,");
    assert!(matches!(k, K::OutOfRange { .. }), "{k:?}");
    let (k, f, _) = kind_of("1001A,2023-05-01 04:00,SO2,1,maybe");
    assert!(
        matches!(k, K::OutOfRange { .. }) && f == field("flag"),
        "{k:?}"
    );
}

#[test]
fn a_refused_row_withholds_its_station_hour_only() {
    let p = parse_text(&format!(
        "{HEADER}1001A,2023-05-01 04:00,SO2,1,\n\
         1001A,2023-05-01 04:00,NO2,-1,\n\
         1002A,2023-05-01 04:00,NO2,1,\n"
    ));
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.records.len(), 1);
    assert_eq!(p.records[0].value.station.as_str(), "1002A");
}

#[test]
fn mixed_stages_within_one_station_hour() {
    let p = parse_text(
        "station,time,pollutant,value,flag,stage\n\
         1001A,2023-05-01 04:00,SO2,1,,realtime\n\
         1001A,2023-05-01 04:00,NO2,1,,audited\n\
         1001A,2023-05-01 04:00,CO,1,,later\n",
    );
    assert_eq!(p.errors.len(), 2);
    assert_eq!(p.errors[0].field.as_deref(), Some("stage"));
    assert!(p.records.is_empty());
}

#[test]
fn truncated_last_line() {
    let p = parse_text(&format!(
        "{HEADER}1001A,2023-05-01 04:00,SO2,1,\n1001A,2023-05-01 05"
    ));
    assert_eq!(
        only_error(&p).kind,
        RowErrorKind::Truncated {
            fields: 2,
            expected: 5
        }
    );
    assert_eq!(p.records.len(), 1);
}

#[test]
fn line_too_long() {
    let long = "9".repeat(70_000);
    let p = parse_text(&format!(
        "{HEADER}1001A,2023-05-01 04:00,SO2,{long},\n1001A,2023-05-01 05:00,SO2,1,\n"
    ));
    assert_eq!(only_error(&p).kind, RowErrorKind::LineTooLong);
    assert_eq!(p.records.len(), 1);
}

#[test]
fn wrong_header_and_empty_file() {
    assert!(matches!(
        parse_bytes(b"station,time,value,flag\n".to_vec()),
        Err(FileError::MissingColumn {
            column: "pollutant",
            ..
        })
    ));
    assert!(matches!(
        parse_bytes(b"\n\n".to_vec()),
        Err(FileError::Empty { .. })
    ));
    assert!(matches!(
        read(Path::new("/nonexistent/long.csv")),
        Err(FileError::Io { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = parse_bytes(bytes);
    }

    #[test]
    fn header_and_random_cells_never_panic(
        rows in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    "[0-9A-Za-z]{0,6}",
                    "-?[0-9]{1,4}(\\.[0-9]{0,3})?",
                    "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5]0(:00)?",
                    Just("SO2".to_owned()),
                    Just("PM2.5".to_owned()),
                    Just("notinplan".to_owned()),
                    Just("\"".to_owned()),
                    "\\PC{0,4}",
                ],
                0..8,
            ),
            0..20,
        )
    ) {
        let mut text = HEADER.to_owned();
        for row in rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let p = parse_bytes(text.into_bytes());
        prop_assert!(p.is_ok());
    }
}
