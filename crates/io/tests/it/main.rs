//! Integration tests of the importers: arbitrary input never panics, and the CNEMC validation
//! files (`../shared/validation/cnemc`, beside the repository; skipped with a printed reason
//! when absent) are read with the right layout.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use ecogov_io::cnemc::{HourlyReader, O3Source, TimeStyle};
use proptest::prelude::*;

const HEADER: &str = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n";
const ROW: &str = "2023-01-18T08:00:00,1001A,116.3621,39.8784,北京市,万寿西宫,\"颗粒物(PM10),细颗粒物(PM2.5)\",61,71,83,20,19,73,7,60,35,57,17,3,3,0.5,0.3\n";

/// Reads everything; returns (rows, errors). Must never panic.
fn drain(bytes: Vec<u8>) -> (usize, usize) {
    match HourlyReader::from_reader(Path::new("fuzz.csv"), Cursor::new(bytes)) {
        Ok(reader) => reader.fold((0, 0), |(ok, bad), item| match item {
            Ok(_) => (ok + 1, bad),
            Err(_) => (ok, bad + 1),
        }),
        Err(_) => (0, 0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary bytes: no panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        drain(bytes);
    }

    /// Arbitrary bytes after a valid header reach the row parser: no panic, and every line is
    /// either a row or an error.
    #[test]
    fn arbitrary_rows_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut input = HEADER.as_bytes().to_vec();
        input.extend_from_slice(&bytes);
        drain(input);
    }

    /// A valid file with bytes overwritten or cut anywhere: no panic, and the untouched rows
    /// after the damage are still read.
    #[test]
    fn damaged_rows_do_not_stop_the_file(
        at in 0usize..ROW.len(),
        junk in proptest::collection::vec(any::<u8>(), 0..40),
        cut in any::<bool>(),
    ) {
        let mut damaged = ROW.as_bytes()[..at].to_vec();
        damaged.extend_from_slice(&junk);
        if !cut {
            damaged.extend_from_slice(&ROW.as_bytes()[at..]);
        }
        damaged.push(b'\n');
        let mut input = HEADER.as_bytes().to_vec();
        input.extend_from_slice(&damaged);
        for k in 0..3 {
            input.extend_from_slice(ROW.replace("1001A", &format!("2{k:03}A")).as_bytes());
        }
        let (ok, _) = drain(input);
        prop_assert!(ok >= 3, "the three good rows after the damaged one are read");
    }
}

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/validation/cnemc");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (shared validation data not here)",
            dir.display()
        );
        None
    }
}

/// FORMAT-NOTES.md: swapped O3 columns with `…T08:00:00` labels until Oct 2023; `o3` current
/// with compact labels from Dec 2023. The reader finds this out from each file.
#[test]
fn layouts_of_the_validation_files() {
    let Some(dir) = data_dir() else { return };
    let cases = [
        (
            "2023-01-18T08.csv",
            O3Source::O3TwentyFourColumn,
            TimeStyle::WithColons,
            1724,
        ),
        (
            "2023-10-15T20.csv",
            O3Source::O3TwentyFourColumn,
            TimeStyle::WithColons,
            1734,
        ),
        (
            "2023-12-22T09.csv",
            O3Source::O3Column,
            TimeStyle::Compact,
            1725,
        ),
        (
            "2026-05-14T15.csv",
            O3Source::O3Column,
            TimeStyle::Compact,
            1601,
        ),
        (
            "2023-01-17T08.head.csv",
            O3Source::O3TwentyFourColumn,
            TimeStyle::WithColons,
            148,
        ),
    ];
    for (file, o3, time, rows) in cases {
        let reader = HourlyReader::open(&dir.join(file)).expect("readable");
        assert_eq!(
            (reader.layout().o3, reader.layout().time),
            (o3, time),
            "{file}"
        );
        let (ok, bad): (Vec<_>, Vec<_>) = reader.partition(Result::is_ok);
        assert_eq!(ok.len(), rows, "{file}");
        // A *.head.csv is cut in the middle of its last row (PROVENANCE.md).
        assert_eq!(
            bad.len(),
            usize::from(file.ends_with(".head.csv")),
            "{file}: {bad:?}"
        );
    }
}
