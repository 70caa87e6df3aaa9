//! Workbook cells as the text the long-form parsers read.
//!
//! Excel keeps every number as an IEEE-754 double. A number cell is therefore written with the
//! shortest decimal text that reads back as the same double (Rust's `Display` for `f64`) and that
//! text is parsed as a `Decimal`: `0.7` typed in Excel gives exactly `0.7`, and a value Excel
//! itself could not hold exactly (more than ~15 significant digits) comes out as Excel shows it.
//! This is the one place a regulated value passes through `f64`, because the file format stores
//! it so.
//!
//! Dates are serial day numbers (1900 or 1904 system); [`calamine::ExcelDateTime`] converts
//! them to calendar parts, rounded to the millisecond, which are written as `YYYY-MM-DD
//! HH:MM:SS` (with `.mmm` when not on the second, so that such a time is refused as not on the
//! full hour).

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

/// Serial numbers Excel can display as a date: 1900-01-01 … 9999-12-31.
const SERIALS: std::ops::Range<f64> = 0.0..2_958_466.0;

/// The text of a cell. In a time column (`time_column`) a plain number is read as a date
/// serial of the 1900 system (a date cell that lost its format).
pub(crate) fn text(cell: &Data, time_column: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) if time_column => serial(*i as f64, false),
        Data::Float(f) if time_column => serial(*f, false),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::DateTime(dt) if dt.is_datetime() => serial(dt.as_f64(), is_1904(dt)),
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

/// Whether a cell is empty or holds only white space.
pub(crate) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The shortest text that reads back as `f` (`Display` never uses an exponent).
fn number(f: f64) -> String {
    if f == 0.0 {
        // -0.0 displays as "-0"
        return "0".to_owned();
    }
    f.to_string()
}

/// Whether a date cell counts from 1904 (calamine does not expose the flag; a serial converted
/// both ways tells).
fn is_1904(dt: &ExcelDateTime) -> bool {
    let plain = ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, false);
    plain.to_ymd_hms_milli() != dt.to_ymd_hms_milli()
}

/// A date serial as `YYYY-MM-DD HH:MM:SS[.mmm]`, or the number itself when out of range.
fn serial(value: f64, is_1904: bool) -> String {
    if !SERIALS.contains(&value) {
        return number(value);
    }
    let dt = ExcelDateTime::new(value, ExcelDateTimeType::DateTime, is_1904);
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    if ms == 0 {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_digits() {
        assert_eq!(text(&Data::Float(0.7), false), "0.7");
        assert_eq!(text(&Data::Float(0.1 + 0.2), false), "0.30000000000000004");
        assert_eq!(text(&Data::Float(12.0), false), "12");
        assert_eq!(text(&Data::Float(-0.0), false), "0");
        assert_eq!(text(&Data::Float(1e-7), false), "0.0000001");
        assert_eq!(text(&Data::Float(f64::NAN), false), "NaN");
        assert_eq!(text(&Data::Int(35), false), "35");
        assert_eq!(text(&Data::String(" 0.5 ".into()), false), "0.5");
        let div0 = Data::Error(calamine::CellErrorType::Div0);
        assert_eq!(text(&div0, false), "#DIV/0!");
    }

    #[test]
    fn date_serials() {
        // 2023-05-01 04:00 = 45047 + 4/24
        let v = 45047.0 + 4.0 / 24.0;
        assert_eq!(text(&Data::Float(v), true), "2023-05-01 04:00:00");
        let dt = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt), false), "2023-05-01 04:00:00");
        let dt = ExcelDateTime::new(v - 1462.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(text(&Data::DateTime(dt), false), "2023-05-01 04:00:00");
        assert_eq!(
            text(&Data::Float(45047.0 + 0.5 / 24.0), true),
            "2023-05-01 00:30:00"
        );
        assert_eq!(text(&Data::Float(-3.0), true), "-3");
        assert_eq!(text(&Data::Float(1e300), true).len(), 301);
    }
}
