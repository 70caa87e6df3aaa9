use super::*;
use ecogov_domain::monitoring::DataStage;
use ecogov_standards::air::{Pollutant, Reading};
use jiff::civil::date;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to write.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(&'static str),
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// A workbook whose first sheet holds `rows` from row `first` (0-based).
fn workbook(first: u32, rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (first + r as u32, c as u16);
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s.as_str()).map(|_| ()),
                Cell::Number(f) => sheet.write_number(r, c, *f).map(|_| ()),
                Cell::Date(s) => {
                    let dt = ExcelDateTime::parse_from_str(s).expect("test date");
                    sheet
                        .write_datetime_with_format(r, c, &dt, &format)
                        .map(|_| ())
                }
            }
            .expect("cell written");
        }
    }
    book.save_to_buffer().expect("workbook in memory")
}

fn header() -> Vec<Cell> {
    ["station", "time", "pollutant", "value", "flag"]
        .into_iter()
        .map(t)
        .collect()
}

fn parse(bytes: Vec<u8>) -> Result<Parsed<AirHour>, FileError> {
    from_bytes(Path::new("long.xlsx"), bytes)
}

#[test]
fn number_text_and_date_cells() {
    let rows = vec![
        header(),
        vec![
            t("1001A"),
            Cell::Date("2023-05-01 04:00:00"),
            t("SO2"),
            Cell::Number(12.0),
            t(""),
        ],
        vec![
            t("1001A"),
            t("2023-05-01 04:00"),
            t("CO"),
            Cell::Number(0.7),
            t("valid"),
        ],
        vec![
            t("1001A"),
            Cell::Date("2023-05-01 04:00:00"),
            t("PM2.5"),
            t("35"),
            t(""),
        ],
        vec![
            t("1001A"),
            Cell::Date("2023-05-02 00:00:00"),
            t("O3"),
            t(""),
            t("notinplan"),
        ],
        vec![
            t("1002A"),
            Cell::Number(45047.0 + 4.0 / 24.0),
            t("NO2"),
            Cell::Number(0.1 + 0.2),
            t(""),
        ],
    ];
    // The header on the sheet's third row: lines are the sheet's row numbers.
    let p = parse(workbook(2, &rows)).expect("workbook");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.records.len(), 3);
    let first = &p.records[0];
    assert_eq!(first.line, 4);
    let h = &first.value;
    assert_eq!((h.hour.natural_day(), h.hour.hour()), (date(2023, 5, 1), 4));
    assert_eq!(
        h.readings.get(Pollutant::So2).get(),
        Some(Decimal::from(12))
    );
    assert_eq!(
        h.readings.get(Pollutant::Co).get(),
        Some(Decimal::new(7, 1))
    );
    assert_eq!(
        h.readings.get(Pollutant::Pm25).get(),
        Some(Decimal::from(35))
    );
    assert_eq!(h.stage, DataStage::RealTime);
    let midnight = &p.records[1].value;
    assert_eq!(midnight.hour.hour(), 24);
    assert_eq!(midnight.readings.get(Pollutant::O3), Reading::NotInPlan);
    let serial = &p.records[2].value;
    assert_eq!(serial.station.as_str(), "1002A");
    // The double Excel holds, written exactly as Excel would show it to full precision.
    assert_eq!(
        serial.readings.get(Pollutant::No2).get(),
        Some("0.30000000000000004".parse().expect("decimal"))
    );
}

#[test]
fn every_error_kind() {
    use RowErrorKind as K;
    let good = vec![t("1001A"), t("2023-05-01 05:00"), t("SO2"), t("1"), t("")];
    let rows = vec![
        header(),
        good.clone(),
        vec![t("1001A"), t("2023-05-01 04:00"), t("NH3"), t("1"), t("")],
        vec![
            t("1001A"),
            Cell::Date("2023-05-01 04:30:00"),
            t("SO2"),
            t("1"),
            t(""),
        ],
        vec![t("1001A"), t("May 1st"), t("SO2"), t("1"), t("")],
        vec![
            t("1002A"),
            t("2023-05-01 04:00"),
            t("SO2"),
            Cell::Number(-2.5),
            t(""),
        ],
        good.clone(),
        vec![
            t("1003A"),
            t("2023-05-01 04:00"),
            t("SO2"),
            t("1"),
            t(""),
            t("extra"),
        ],
        vec![t(""), t("2023-05-01 04:00"), t("SO2"), t("1"), t("")],
    ];
    let p = parse(workbook(0, &rows)).expect("workbook");
    let got: Vec<(u64, Option<&str>, &RowErrorKind)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_deref(), &e.kind))
        .collect();
    assert_eq!(got.len(), 7, "{got:?}");
    assert_eq!(got[0].0, 3);
    assert_eq!(got[0].2, &K::UnknownPollutant { text: "NH3".into() });
    assert!(matches!(got[1].2, K::OutOfRange { .. }) && got[1].1 == Some("time"));
    assert!(matches!(got[2].2, K::BadTime { .. }));
    assert_eq!(
        got[3].2,
        &K::Negative {
            value: Decimal::new(-25, 1)
        }
    );
    assert_eq!((got[4].0, got[4].2), (7, &K::Duplicate { first_line: 2 }));
    assert_eq!(
        got[5].2,
        &K::FieldCount {
            fields: 6,
            expected: 5
        }
    );
    assert_eq!((got[6].1, got[6].2), (Some("station"), &K::Blank));
    assert_eq!(p.records.len(), 1);
}

#[test]
fn not_a_workbook_and_wrong_header() {
    let e = parse(b"station,time,pollutant,value,flag\n".to_vec());
    assert!(
        matches!(&e, Err(FileError::Io { source, .. }) if source.kind() == std::io::ErrorKind::InvalidData),
        "{e:?}"
    );
    let wrong = workbook(0, &[vec![t("station"), t("time"), t("value")]]);
    assert!(matches!(
        parse(wrong),
        Err(FileError::MissingColumn {
            column: "pollutant",
            line: 1,
            ..
        })
    ));
    assert!(matches!(
        parse(workbook(0, &[])),
        Err(FileError::Empty { .. })
    ));
    assert!(matches!(
        read(Path::new("/nonexistent/long.xlsx")),
        Err(FileError::Io { .. })
    ));
}

#[test]
fn reads_from_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data.bin");
    let rows = vec![
        header(),
        vec![t("1001A"), t("2023-05-01 04:00"), t("SO2"), t("1"), t("")],
    ];
    std::fs::write(&path, workbook(0, &rows)).expect("write");
    let p = read(&path).expect("workbook recognised by content");
    assert_eq!(p.records.len(), 1);
}

/// A legacy BIFF8 `.xls` written by Python's `xlwt` 1.3 (the generator is in
/// `testdata/README.md`): date cells, a number cell, text, and a duplicate negative row.
const LEGACY_XLS: &[u8] = include_bytes!("testdata/long.xls");

#[test]
fn legacy_xls() {
    let p = from_bytes(Path::new("long.xls"), LEGACY_XLS.to_vec()).expect("xls workbook");
    assert_eq!(p.records.len(), 2, "{:?}", p.errors);
    let h = &p.records[0].value;
    assert_eq!((h.hour.natural_day(), h.hour.hour()), (date(2023, 5, 1), 4));
    assert_eq!(
        h.readings.get(Pollutant::So2).get(),
        Some(Decimal::from(12))
    );
    assert_eq!(
        h.readings.get(Pollutant::Co).get(),
        Some(Decimal::new(7, 1))
    );
    assert_eq!(p.records[1].value.hour.hour(), 24);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].line, 5);
    assert_eq!(p.errors[0].kind, RowErrorKind::Duplicate { first_line: 2 });
}

fn cell_strategy() -> impl Strategy<Value = Cell> {
    prop_oneof![
        "[0-9A-Za-z]{0,6}".prop_map(Cell::Text),
        "\\PC{0,4}".prop_map(Cell::Text),
        Just(t("SO2")),
        Just(t("2023-05-01 04:00")),
        any::<f64>().prop_map(Cell::Number),
        (-1e6f64..1e6).prop_map(Cell::Number),
        Just(Cell::Date("2023-05-01 04:00:00")),
    ]
}

/// A legacy workbook whose DIMENSIONS record declares a billion rows is refused before calamine
/// would reserve memory for them (an allocation failure aborts the process; it is not a panic).
#[test]
fn a_legacy_workbook_declaring_a_huge_range_is_refused() {
    let mut bytes = LEGACY_XLS.to_vec();
    // DIMENSIONS: type 0x0200, length 14, then first row and row-after-last as u32.
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("the fixture has a DIMENSIONS record");
    bytes[at + 8..at + 12].copy_from_slice(&1_000_000_000u32.to_le_bytes());
    let err = parse(bytes).expect_err("refused");
    assert!(format!("{err:?}").contains("超出格式上限"), "{err:?}");
    // The undamaged fixture still reads.
    assert!(parse(LEGACY_XLS.to_vec()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = parse(bytes);
    }

    #[test]
    fn damaged_legacy_xls_never_panic_nor_abort(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = LEGACY_XLS.to_vec();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = parse(bytes);
    }

    #[test]
    fn damaged_workbooks_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let rows = vec![header(), vec![t("1001A"), t("2023-05-01 04:00"), t("SO2"), t("1"), t("")]];
        let mut bytes = workbook(0, &rows);
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = parse(bytes.clone());
        bytes.truncate(cut.index(bytes.len()));
        let _ = parse(bytes);
    }

    #[test]
    fn header_and_random_cells_never_panic(
        rows in proptest::collection::vec(proptest::collection::vec(cell_strategy(), 0..7), 0..12)
    ) {
        let mut all = vec![header()];
        all.extend(rows);
        prop_assert!(parse(workbook(0, &all)).is_ok());
    }
}
