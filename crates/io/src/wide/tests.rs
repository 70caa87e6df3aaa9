use super::*;
use crate::error::RowError;
use ecogov_standards::air::Reading;
use jiff::civil::date;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::io::Cursor;

const HEADER: &str = "date,hour,type,1001A,1002A\n";
const TYPES: [&str; 15] = [
    "AQI",
    "PM2.5",
    "PM2.5_24h",
    "PM10",
    "PM10_24h",
    "SO2",
    "SO2_24h",
    "NO2",
    "NO2_24h",
    "O3",
    "O3_24h",
    "O3_8h",
    "O3_8h_24h",
    "CO",
    "CO_24h",
];

fn parse_bytes(bytes: Vec<u8>) -> Result<Parsed<AirHour>, FileError> {
    from_reader(Path::new("china_sites_20230501.csv"), Cursor::new(bytes))
}

fn parse_text(text: &str) -> Parsed<AirHour> {
    parse_bytes(text.as_bytes().to_vec()).expect("header is right")
}

/// A full hour block: station 1001A has value `i` for type number `i`, 1002A is empty.
fn block(date: &str, hour: u8) -> String {
    TYPES
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{date},{hour},{t},{i},\n"))
        .collect()
}

fn only_error(p: &Parsed<AirHour>) -> &RowError {
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    &p.errors[0]
}

#[test]
fn keeps_the_six_hourly_means() {
    let p = parse_text(&format!(
        "{HEADER}{}{}",
        block("20230501", 4),
        block("20230502", 0)
    ));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 2, "1002A has no data: {:?}", p.records);
    let r = &p.records[0];
    assert_eq!(r.line, 3, "the PM2.5 row, the first kept");
    let h = &r.value;
    assert_eq!(h.station.as_str(), "1001A");
    assert_eq!((h.hour.natural_day(), h.hour.hour()), (date(2023, 5, 1), 4));
    let get = |p: Pollutant| h.readings.get(p).get();
    assert_eq!(get(Pollutant::Pm25), Some(Decimal::from(1)));
    assert_eq!(get(Pollutant::Pm10), Some(Decimal::from(3)));
    assert_eq!(get(Pollutant::So2), Some(Decimal::from(5)));
    assert_eq!(get(Pollutant::No2), Some(Decimal::from(7)));
    assert_eq!(get(Pollutant::O3), Some(Decimal::from(9)));
    assert_eq!(get(Pollutant::Co), Some(Decimal::from(13)));
    assert_eq!(h.stage, DataStage::RealTime);
    // hour 0 of 2 May is hour 24 of 1 May.
    let midnight = p.records[1].value.hour;
    assert_eq!(
        (midnight.natural_day(), midnight.hour()),
        (date(2023, 5, 1), 24)
    );
}

#[test]
fn markers_and_gbk() {
    let text = format!("{HEADER}20230501,4,SO2,/,NA\n20230501,4,CO,0.5,\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let p = parse_bytes(gbk.into_owned()).expect("header");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 2);
    assert_eq!(
        p.records[0].value.readings.get(Pollutant::So2),
        Reading::NotInPlan
    );
    assert_eq!(
        p.records[1].value.readings.get(Pollutant::So2),
        Reading::Missing
    );
}

fn error_of(row: &str) -> (RowErrorKind, Option<String>, Vec<String>) {
    let p = parse_text(&format!("{HEADER}20230501,4,SO2,1,2\n{row}\n"));
    let e = only_error(&p);
    assert_eq!(e.line, 3);
    let stations = p
        .records
        .iter()
        .map(|r| r.value.station.to_string())
        .collect();
    (
        e.kind.clone(),
        e.field.as_deref().map(str::to_owned),
        stations,
    )
}

#[test]
fn every_error_kind() {
    use RowErrorKind as K;
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let (k, f, _) = error_of("2023-05-01,4,NO2,1,2");
    assert!(
        matches!(k, K::BadTime { .. }) && f.as_deref() == Some("date"),
        "{k:?}"
    );
    let (k, _, _) = error_of("20230231,4,NO2,1,2");
    assert!(matches!(k, K::OutOfRange { .. }), "{k:?}");
    let (k, f, _) = error_of("20230501,24,NO2,1,2");
    assert!(
        matches!(k, K::OutOfRange { .. }) && f.as_deref() == Some("hour"),
        "{k:?}"
    );
    let (k, f, _) = error_of("20230501,4,NH3,1,2");
    assert_eq!(
        (k, f.as_deref()),
        (K::UnknownPollutant { text: "NH3".into() }, Some("type"))
    );
    let (k, f, _) = error_of("20230501,4,so2,1,2");
    assert_eq!(
        (k, f.as_deref()),
        (K::Duplicate { first_line: 2 }, Some("type"))
    );
    // A bad cell withholds its station-hour only.
    let (k, f, st) = error_of("20230501,4,NO2,-1,2");
    assert_eq!(
        (k, f.as_deref()),
        (
            K::Negative {
                value: Decimal::from(-1)
            },
            Some("1001A")
        )
    );
    assert_eq!(st, s(&["1002A"]));
    let (k, _, st) = error_of("20230501,4,NO2,1,x");
    assert_eq!(k, K::NotANumber { text: "x".into() });
    assert_eq!(st, s(&["1001A"]));
    let (k, _, _) = error_of("20230501,4,NO2,1");
    assert_eq!(
        k,
        K::FieldCount {
            fields: 4,
            expected: 5
        }
    );
    let (k, _, _) = error_of("20230501,4,NO2,\"1,2");
    assert_eq!(k, K::UnclosedQuote);
    let (k, _, _) = error_of("20230501,,NO2,1,2");
    assert_eq!(k, K::Blank);
}

#[test]
fn header_problems() {
    let p = parse_text("date,hour,type,1001A,北京,1001A,\n20230501,4,SO2,1,2,3,4\n");
    assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
    assert!(p.errors.iter().all(|e| e.line == 1));
    assert!(matches!(p.errors[0].kind, RowErrorKind::OutOfRange { .. }));
    assert_eq!(p.errors[1].kind, RowErrorKind::Duplicate { first_line: 1 });
    assert_eq!(p.records.len(), 1);
    assert!(matches!(
        parse_bytes(b"date,hour,1001A\n".to_vec()),
        Err(FileError::MissingColumn { column: "type", .. })
    ));
    assert!(matches!(
        parse_bytes("date,hour,type,北京,上海\n".as_bytes().to_vec()),
        Err(FileError::MissingColumn { .. })
    ));
    assert!(matches!(
        parse_bytes(Vec::new()),
        Err(FileError::Empty { .. })
    ));
}

#[test]
fn truncated_last_line() {
    let p = parse_text(&format!("{HEADER}20230501,4,SO2,1,2\n20230501,4,NO2"));
    assert_eq!(
        only_error(&p).kind,
        RowErrorKind::Truncated {
            fields: 3,
            expected: 5
        }
    );
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
                    "20[0-9]{2}[01][0-9][0-3][0-9]",
                    "[0-9]{1,2}",
                    "-?[0-9]{1,4}(\\.[0-9]{0,3})?",
                    proptest::sample::select(TYPES.to_vec()).prop_map(str::to_owned),
                    Just("\"".to_owned()),
                    "\\PC{0,4}",
                ],
                0..7,
            ),
            0..30,
        )
    ) {
        let mut text = HEADER.to_owned();
        for row in rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        prop_assert!(parse_bytes(text.into_bytes()).is_ok());
    }
}
