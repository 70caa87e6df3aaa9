use super::*;
use ecogov_standards::air::Indicator;
use rust_decimal::Decimal;

const HEADER: &str = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n";

fn read(text: &str) -> (Layout, Vec<Result<HourlyRow, RowError>>) {
    let r = HourlyReader::from_reader(Path::new("t.csv"), std::io::Cursor::new(text.to_owned()))
        .expect("header");
    (r.layout(), r.collect())
}

#[test]
fn swapped_ozone_layout_of_2023() {
    let text = format!(
        "{HEADER}2023-01-18T08:00:00,1001A,116.36,39.87,北京市,万寿西宫,颗粒物(PM10),61,71,83,20,19,73,7,60,35,57,17,3,3,0.5,0.3\n"
    );
    let (layout, rows) = read(&text);
    assert_eq!(layout.o3, O3Source::O3TwentyFourColumn);
    assert_eq!(layout.time, TimeStyle::WithColons);
    let row = rows[0].as_ref().expect("valid row");
    assert_eq!(
        row.readings.get(Pollutant::O3).get(),
        Some(Decimal::from(7))
    );
    assert_eq!(
        row.readings.get(Pollutant::Co).get(),
        Some(Decimal::new(5, 1))
    );
    assert_eq!(
        (row.line, row.station.as_str(), row.area.as_str()),
        (2, "1001A", "北京市")
    );
    assert_eq!(row.official_aqi, OfficialAqi::Published(61));
    assert_eq!(
        row.official_primary,
        OfficialPrimary::Listed([Indicator::Pm10Hour].into_iter().collect())
    );
}

#[test]
fn layout_of_2026_with_markers() {
    let text = format!(
        "{HEADER}2026-03-05T0900,1957A,86.19,41.71,巴音郭楞蒙古自治州,棉纺厂,颗粒物(PM10),102,124,163,34,39,30,30,32,32,41,29,/,/,/,/\n\
         2026-03-05T0900,1958A,86.19,41.71,巴音郭楞蒙古自治州,x,NA,NA,NA,163,34,39,30,30,32,32,41,29,5,5,0.4,0.4\n"
    );
    let (layout, rows) = read(&text);
    assert_eq!(layout.o3, O3Source::O3Column);
    assert_eq!(layout.time, TimeStyle::Compact);
    let row = rows[0].as_ref().expect("valid row");
    assert_eq!(row.readings.get(Pollutant::So2), Reading::NotInPlan);
    assert_eq!(
        row.readings.get(Pollutant::O3).get(),
        Some(Decimal::from(30))
    );
    let row = rows[1].as_ref().expect("valid row");
    assert_eq!(row.readings.get(Pollutant::Pm10), Reading::Missing);
    assert_eq!(row.official_aqi, OfficialAqi::NotPublished);
}

#[test]
fn bad_rows_are_reported_and_reading_goes_on() {
    let good =
        "2023-01-18T08:00:00,1001A,1,1,北京市,a,,20,10,10,10,10,10,10,10,10,10,10,10,10,0.5,0.5";
    let text = format!(
        "{HEADER}{good}\n\
         2023-01-18T08:00:00,1002A,1,1,北京市,a,,20,-5,10,10,10,10,10,10,10,10,10,10,10,0.5,0.5\n\
         2023-01-18T08:00:00,1003A,1,1,北京市,a,,20,10,10,abc,10,10,10,10,10,10,10,10,10,0.5,0.5\n\
         ,1004A,1,1,北京市,a,,20,10,10,10,10,10,10,10,10,10,10,10,10,0.5,0.5\n\
         2023-01-18T31:00:00,1005A,1,1,北京市,a,,20,10,10,10,10,10,10,10,10,10,10,10,10,0.5,0.5\n\
         2023-01-18T08:00:00,1006A,1,\"1,北京市\n\
         2023-01-18T08:00:00,1007A,1,1\n\
         {good}\n\
         2023-01-18T08:00:00,1008A,1,1,北京市,a,,20,10,10,10,10,10,10,10,10,10,10,10,10,0.5,0.5\n\
         2023-01-18T08:00:00,1009A,1,1,北京市,a,,20,10,1"
    );
    let (_, rows) = read(&text);
    let outcome: Vec<String> = rows
        .iter()
        .map(|r| match r {
            Ok(row) => format!("ok {}", row.line),
            Err(e) => format!(
                "{}:{}:{} {:?}",
                e.file.display(),
                e.line,
                e.field.as_deref().unwrap_or("-"),
                std::mem::discriminant(&e.kind)
            ),
        })
        .collect();
    assert_eq!(rows.len(), 10, "{outcome:?}");
    assert!(rows[0].is_ok());
    let kinds: Vec<(u64, Option<&str>, &RowErrorKind)> = rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line, e.field.as_deref(), &e.kind))
        .collect();
    assert!(matches!(
        kinds[0],
        (3, Some("pm10"), RowErrorKind::Negative { .. })
    ));
    assert!(matches!(
        kinds[1],
        (4, Some("pm2_5"), RowErrorKind::NotANumber { .. })
    ));
    assert!(matches!(
        kinds[2],
        (5, Some("timepoint"), RowErrorKind::Blank)
    ));
    assert!(matches!(
        kinds[3],
        (6, Some("timepoint"), RowErrorKind::OutOfRange { .. })
    ));
    assert!(matches!(kinds[4], (7, None, RowErrorKind::UnclosedQuote)));
    assert!(matches!(
        kinds[5],
        (8, None, RowErrorKind::FieldCount { fields: 4, .. })
    ));
    assert!(matches!(
        kinds[6],
        (
            9,
            Some("stationcode"),
            RowErrorKind::Duplicate { first_line: 2 }
        )
    ));
    assert!(rows[8].is_ok());
    assert!(matches!(
        kinds[7],
        (11, None, RowErrorKind::Truncated { .. })
    ));
    let message = rows[1]
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert_eq!(
        message,
        "t.csv:3:pm10: 浓度为负 -5 (negative concentration -5)"
    );
}

#[test]
fn gbk_file_is_read() {
    let text = format!(
        "{HEADER}2023-01-18T08:00:00,1001A,116.36,39.87,北京市,万寿西宫,颗粒物(PM10),61,71,83,20,19,73,7,60,35,57,17,3,3,0.5,0.3\n"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let reader =
        HourlyReader::from_reader(Path::new("g.csv"), std::io::Cursor::new(gbk.into_owned()))
            .expect("header");
    assert_eq!(reader.encoding(), encoding_rs::GB18030);
    let rows: Vec<_> = reader.collect();
    let row = rows[0].as_ref().expect("valid");
    assert_eq!(
        (row.area.as_str(), row.position_name.as_str()),
        ("北京市", "万寿西宫")
    );
}

#[test]
fn missing_column_is_fatal() {
    let e = HourlyReader::from_reader(Path::new("x.csv"), std::io::Cursor::new("a,b\n1,2\n"))
        .expect_err("not the format");
    assert!(matches!(
        e,
        FileError::MissingColumn {
            column: "timepoint",
            ..
        }
    ));
    let e =
        HourlyReader::from_reader(Path::new("x.csv"), std::io::Cursor::new("")).expect_err("empty");
    assert!(matches!(e, FileError::Empty { .. }));
}
