//! IAQI breakpoint tables (HJ 633-2012 表1, HJ 633-2026 表3) and formula (1).
//!
//! Every breakpoint of both tables is an integer (CO in mg/m³ included), so the tables are written
//! as exact integer decimals; no value passes through `f64`.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::pollutant::Indicator;
use crate::rounding::{ceil_int, ceil_ratio};

/// An exact integer decimal, usable in constants.
const fn d(n: u32) -> Decimal {
    Decimal::from_parts(n, 0, 0, false, 0)
}

/// 空气质量分指数 — the IAQI values of the table rows, HJ 633-2012 表1 / HJ 633-2026 表3 first
/// column: 0, 50, 100, 150, 200, 300, 400, 500.
pub const IAQI_STEPS: [Decimal; 8] = [d(0), d(50), d(100), d(150), d(200), d(300), d(400), d(500)];

/// The highest IAQI of the tables. Above the top breakpoint the standard defines no IAQI
/// ([NOT FOUND] in both editions, standards.md §1.4); we cap at 500 as CNEMC publishes (every
/// PM10 > 600 µg/m³ row of the 2023-03-22T10 and 2026-05-14T15 feeds shows AQI 500) and as
/// HJ 633-2026 §4.1.1 bounds the AQI range at 500.
pub const IAQI_CAP: Decimal = d(500);

/// One column of a breakpoint table: the concentration limits (BP) at IAQI 0, 50, 100, … in
/// order. A column may stop early: SO2 1 h stops at 800 (IAQI 200), O3 8 h at 800 (IAQI 300).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    points: &'static [Decimal],
    /// The same breakpoints as integers, for the 64-bit path of 式(1).
    ints: &'static [i64],
}

/// A column from integer breakpoints, kept both as decimals and as integers.
macro_rules! column {
    ($($bp:literal),+ $(,)?) => {
        Column {
            points: &[$(d($bp)),+],
            ints: &[$($bp),+],
        }
    };
}

/// The IAQI steps as integers (see [`IAQI_STEPS`]).
const STEP_INTS: [i64; 8] = [0, 50, 100, 150, 200, 300, 400, 500];

/// Powers of ten for the 64-bit path (scales 0 … 9).
const POW10: [i64; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

impl Column {
    /// The breakpoints, ascending.
    pub const fn points(self) -> &'static [Decimal] {
        self.points
    }

    /// The top breakpoint of the column.
    pub fn top(self) -> Decimal {
        self.points.last().copied().unwrap_or(Decimal::ZERO)
    }

    /// 式(1) rounded up, as an integer: the same value as [`Column::iaqi`], without building a
    /// decimal. `None` above the top breakpoint. This is the hot path of the real-time AQI
    /// (issue 3: ≥ 10 million station-hours per second).
    pub fn iaqi_integer(self, c: Decimal) -> Option<u16> {
        match self.iaqi_small(c) {
            Some(result) => result,
            None => self
                .iaqi(c)
                .map(|v| v.min(IAQI_CAP).to_u16().unwrap_or(500)),
        }
    }

    /// 式(1) in 64-bit integers (see [`Column::iaqi_exact_integer`] for the formula), for
    /// mantissas below 2⁵⁵ and scales up to 9: then `BP·10^s ≤ 3,840·10⁹` and
    /// `(IAQI_Hi − IAQI_Lo)(m − BP_Lo·10^s) < 100·2⁵⁵`, far inside `i64`. `None` outside that
    /// range (the caller takes the 128-bit path).
    fn iaqi_small(self, c: Decimal) -> Option<Option<u16>> {
        let unit = *POW10.get(c.scale() as usize)?;
        let m = c.mantissa();
        if m <= 0 {
            return Some(Some(0));
        }
        let m = i64::try_from(m).ok().filter(|m| *m < 1 << 55)?;
        let ints = self.ints;
        for k in 1..ints.len() {
            let (lo, hi) = (ints[k - 1], ints[k]);
            if m <= hi * unit {
                let (il, ih) = (STEP_INTS[k - 1], STEP_INTS[k]);
                // m > BP_Lo·10^s here (or BP_Lo = 0 < m), so the numerator is positive.
                let numerator = (ih - il) * (m - lo * unit);
                let denominator = (hi - lo) * unit;
                let up = numerator / denominator + i64::from(numerator % denominator != 0);
                return Some(u16::try_from(il + up).ok());
            }
        }
        Some(None)
    }

    /// HJ 633 式(1): `IAQI_P = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) × (C_P − BP_Lo) + IAQI_Lo`,
    /// rounded up (HJ 633-2012 §6.2 / HJ 633-2026 §4.2.6 进位取整) with
    /// [`crate::rounding::ceil_int`]. `BP_Hi`/`BP_Lo` bracket `c` with `BP_Lo < c ≤ BP_Hi`
    /// (at a breakpoint both neighbouring segments give the same value).
    ///
    /// Returns `None` when `c` is above the top breakpoint (the caller applies the edition's rule).
    ///
    /// Computed in exact integers when the scale allows (always, for real data), otherwise in
    /// decimals; a property test checks that both agree.
    ///
    /// Exactness of the decimal path: the breakpoints are integers and `c` is an exact decimal, so the quotient is
    /// rational with a denominator of at most `(BP_Hi − BP_Lo)·10^scale`. When it is a whole
    /// number the decimal division is exact; when it is not, it lies at least one denominator-th
    /// away from the next integer, far more than the 28-digit division error, so the ceiling is
    /// the ceiling of the exact value. (A float would turn 35.0000001 into 51; standards.md §1.8.)
    pub fn iaqi(self, c: Decimal) -> Option<Decimal> {
        match self.iaqi_exact_integer(c) {
            Some(result) => result,
            None => self.iaqi_decimal(c),
        }
    }

    /// 式(1) in decimal arithmetic, rounded up with [`ceil_int`] (the reference path).
    fn iaqi_decimal(self, c: Decimal) -> Option<Decimal> {
        let points = self.points;
        if c <= Decimal::ZERO {
            return Some(Decimal::ZERO);
        }
        for k in 1..points.len() {
            let (lo, hi) = (points[k - 1], points[k]);
            if c <= hi {
                let (il, ih) = (IAQI_STEPS[k - 1], IAQI_STEPS[k]);
                let raw = (ih - il) * (c - lo) / (hi - lo) + il;
                return Some(ceil_int(raw));
            }
        }
        None
    }

    /// 式(1) in exact integer arithmetic: with `c = m / 10^s` and integer breakpoints,
    /// `IAQI = IAQI_Lo + ⌈(IAQI_Hi − IAQI_Lo)(m − BP_Lo·10^s) / ((BP_Hi − BP_Lo)·10^s)⌉`
    /// ([`ceil_ratio`]; IAQI_Lo is an integer, so it leaves the ceiling unchanged). Same result
    /// as [`Column::iaqi_decimal`], several times faster; `None` (use the decimal path) when
    /// the scale is too large for the products to stay far inside `i128`.
    fn iaqi_exact_integer(self, c: Decimal) -> Option<Option<Decimal>> {
        const MAX_SCALE: u32 = 9;
        let scale = c.scale();
        if scale > MAX_SCALE {
            return None;
        }
        let m = c.mantissa();
        if m <= 0 {
            return Some(Some(Decimal::ZERO));
        }
        let unit = 10i128.pow(scale);
        let points = self.points;
        for k in 1..points.len() {
            // Breakpoints are scale-0 integers (see `d`), so the mantissa is the value.
            let (lo, hi) = (points[k - 1].mantissa(), points[k].mantissa());
            if m <= hi * unit {
                let (il, ih) = (IAQI_STEPS[k - 1].mantissa(), IAQI_STEPS[k].mantissa());
                let up = ceil_ratio((ih - il) * (m - lo * unit), (hi - lo) * unit)?;
                return Some(Some(Decimal::from_i128_with_scale(il + up, 0)));
            }
        }
        Some(None)
    }
}

/// The columns of one edition's table, one per [`Indicator`] (1-hour PM indicators point to
/// the daily columns, see [`Indicator::Pm25Hour`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakpointTable {
    columns: [Column; 12],
}

impl BreakpointTable {
    /// The column used for `indicator`.
    pub const fn column(&self, indicator: Indicator) -> Column {
        self.columns[indicator as usize]
    }
}

const SO2_HOUR: Column = column!(0, 150, 500, 650, 800);
const SO2_DAY: Column = column!(0, 50, 150, 475, 800, 1600, 2100, 2620);
const NO2_HOUR: Column = column!(0, 100, 200, 700, 1200, 2340, 3090, 3840);
const NO2_DAY: Column = column!(0, 40, 80, 180, 280, 565, 750, 940);
const CO_HOUR: Column = column!(0, 5, 10, 35, 60, 90, 120, 150);
const CO_DAY: Column = column!(0, 2, 4, 14, 24, 36, 48, 60);
const O3_HOUR: Column = column!(0, 160, 200, 300, 400, 800, 1000, 1200);
const O3_EIGHT_HOUR: Column = column!(0, 100, 160, 215, 265, 800);
const PM10_DAY_2012: Column = column!(0, 50, 150, 250, 350, 420, 500, 600);
const PM25_DAY_2012: Column = column!(0, 35, 75, 115, 150, 250, 350, 500);
/// HJ 633-2026 表3: only the IAQI-100 cells change, PM10 150 → 120 and PM2.5 75 → 60.
const PM10_DAY_2026: Column = column!(0, 50, 120, 250, 350, 420, 500, 600);
const PM25_DAY_2026: Column = column!(0, 35, 60, 115, 150, 250, 350, 500);

const fn table(pm10: Column, pm25: Column) -> BreakpointTable {
    // Order of Indicator::ALL.
    BreakpointTable {
        columns: [
            SO2_HOUR,
            SO2_DAY,
            NO2_HOUR,
            NO2_DAY,
            CO_HOUR,
            CO_DAY,
            O3_HOUR,
            O3_EIGHT_HOUR,
            pm10,
            pm10,
            pm25,
            pm25,
        ],
    }
}

/// HJ 633-2012 表1 空气质量分指数及对应的污染物项目浓度限值.
pub static TABLE_2012: BreakpointTable = table(PM10_DAY_2012, PM25_DAY_2012);

/// HJ 633-2026 表3 空气质量分指数及对应的污染物项目浓度限值.
pub static TABLE_2026: BreakpointTable = table(PM10_DAY_2026, PM25_DAY_2026);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_strictly_ascending_from_zero() {
        for t in [&TABLE_2012, &TABLE_2026] {
            for i in Indicator::ALL {
                let p = t.column(i).points();
                assert_eq!(p[0], Decimal::ZERO);
                assert!(p.windows(2).all(|w| w[0] < w[1]), "{i:?}");
                assert!(p.len() <= IAQI_STEPS.len());
            }
        }
    }

    #[test]
    fn tables_differ_only_at_pm_iaqi_100() {
        for i in Indicator::ALL {
            let (a, b) = (TABLE_2012.column(i).points(), TABLE_2026.column(i).points());
            let diffs: Vec<usize> = (0..a.len()).filter(|&k| a[k] != b[k]).collect();
            let is_pm = matches!(
                i,
                Indicator::Pm10Day | Indicator::Pm10Hour | Indicator::Pm25Day | Indicator::Pm25Hour
            );
            assert_eq!(diffs, if is_pm { vec![2] } else { vec![] }, "{i:?}");
        }
    }

    proptest::proptest! {
        /// The integer path equals the decimal reference path (式(1) with `ceil_int`).
        #[test]
        fn integer_path_equals_decimal_path(t in 0usize..2, k in 0usize..12, m in -10i64..50_000_000, scale in 0u32..7) {
            let column = [&TABLE_2012, &TABLE_2026][t].column(Indicator::ALL[k]);
            let c = Decimal::new(m, scale);
            let fast = column.iaqi_exact_integer(c).expect("small scale");
            proptest::prop_assert_eq!(fast, column.iaqi_decimal(c));
        }
    }

    proptest::proptest! {
        /// The 64-bit integer path equals the decimal reference path.
        #[test]
        fn small_integer_path_equals_decimal_path(t in 0usize..2, k in 0usize..12, m in -10i64..50_000_000, scale in 0u32..10) {
            let column = [&TABLE_2012, &TABLE_2026][t].column(Indicator::ALL[k]);
            let c = Decimal::new(m, scale);
            let small = column.iaqi_small(c).expect("small value");
            let reference = column.iaqi_decimal(c).map(|v| v.to_u16().expect("0 … 500"));
            proptest::prop_assert_eq!(small, reference);
            proptest::prop_assert_eq!(column.iaqi_integer(c), reference);
        }
    }

    #[test]
    fn above_top_is_none() {
        assert_eq!(TABLE_2012.column(Indicator::So2Hour).iaqi(d(801)), None);
        assert_eq!(
            TABLE_2012.column(Indicator::So2Hour).iaqi(d(800)),
            Some(d(200))
        );
        assert_eq!(
            TABLE_2012.column(Indicator::Pm25Day).iaqi(d(500)),
            Some(d(500))
        );
    }
}
