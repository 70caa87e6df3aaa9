//! Air quality: HJ 633 (AQI), GB 3095 (limits, validity), HJ 663 (assessment statistics).
//!
//! - [`edition`]: HJ 633-2012 / HJ 633-2026 chosen by date, one [`RuleSet`] each.
//! - [`breakpoints`], [`aqi`], [`level`]: IAQI, AQI, primary pollutant, level and colour;
//!   real-time (hourly) and daily reports.
//! - [`hour`]: the hour-ending convention; [`daily`]: daily means and O3 8-hour statistics.
//! - [`limits`]: GB 3095 limits; [`stats`]: HJ 663 period statistics for a station or a city.
//!
//! Error policy: input errors are [`AirError`]; unmet validity minimums are
//! [`daily::InsufficientData`] carrying the counts. Nothing here panics on data.

pub mod aqi;
pub mod breakpoints;
pub mod daily;
pub mod edition;
pub mod error;
pub mod hour;
pub mod level;
pub mod limits;
pub mod percentile;
pub mod pollutant;
pub mod reading;
pub mod stats;

pub use aqi::{
    AqiReport, AqiSummary, DailyInput, HourlyInput, Iaqi, IaqiOutcome, Publication, SubIndex,
    daily_aqi, hourly_aqi, iaqi,
};
pub use daily::{DailyValue, DailyValues, InsufficientData};
pub use edition::{AirStandards, Edition, MissingPolicy, OverflowRule, RuleSet};
pub use error::AirError;
pub use hour::HourEnding;
pub use level::{Colour, Level};
pub use limits::{Averaging, Grade, LimitSet};
pub use percentile::percentile;
pub use pollutant::{Indicator, IndicatorSet, Pollutant};
pub use reading::{Concentration, Reading, Readings};
pub use stats::{
    ComprehensiveIndex, DayRecord, Period, PeriodStats, PollutantStats, StationDay, city_day,
    evaluate_period,
};
