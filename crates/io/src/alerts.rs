//! 预报与协议文件 — forecast and agreement files (issue 9).
//!
//! - [`forecast`]: 空气质量预报 — `日期,AQI下限,AQI上限,首要污染物` as CSV or XLSX, one row per
//!   forecast day; every bad row is reported as `file:line:field: 原因 (reason)`;
//! - [`agreement`]: 生态补偿协议 — the TOML agreement file of `docs/compensation.md`, checked as a
//!   whole; every problem names the file, the line and the field.

pub mod agreement;
pub mod forecast;
