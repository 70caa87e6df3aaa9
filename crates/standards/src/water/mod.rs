//! Water quality: GB 3838-2002, 地表水环境质量评价办法（试行）(环办〔2011〕22号), lake trophic state,
//! algal blooms.
//!
//! - [`item`], [`class`], [`measurement`]: the vocabulary — GB 3838-2002 表1 items, 水质类别, and a
//!   value with its qualifier (`0.01L` = below the detection limit).
//! - [`gb3838`]: 表1 limits and the class of one value; [`drinking_source`]: 表2 items.
//! - [`period`]: period means; [`section`]: one section (worst class, 超标倍数, 主要污染指标, target).
//! - [`basin`]: sets of sections (优良比例, 劣Ⅴ比例, river/basin 水质状况).
//! - [`lake`]: 综合营养状态指数 TLI(Σ); [`bloom`]: 水华 level (HJ 1098-2020).
//! - [`compensation`]: 横向生态补偿 formulas from published agreements.
//!
//! Every value is a [`rust_decimal::Decimal`]; classes are decided on full values (GB/T 8170-2008
//! §4.3) and displayed values are rounded once through [`crate::rounding`].
//! Error policy: each module has its own `thiserror` error carrying the offending data.

pub mod basin;
pub mod bloom;
pub mod class;
pub mod compensation;
pub mod drinking_source;
pub mod gb3838;
pub mod item;
pub mod lake;
pub mod measurement;
mod natural_log;
pub mod period;
pub mod section;

pub use class::{QualityStatus, WaterClass};
pub use item::{Direction, Item, WaterBody};
pub use measurement::{Measurement, Qualifier};

#[cfg(test)]
mod gb3838_tests;
