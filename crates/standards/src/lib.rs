//! National environmental standards as pure rules.
//!
//! This crate holds the regulated arithmetic of the system: numerical rounding (GB/T 8170),
//! and, as they are added, the air-quality rules (HJ 633, GB 3095, HJ 663) and the
//! water-quality rules (GB 3838, 地表水环境质量评价办法). It performs no I/O, has no async and no
//! serialisation; every value is a [`rust_decimal::Decimal`] parsed from text.
//!
//! Error policy: each module returns its own `thiserror` enum carrying the offending data.
#![warn(missing_docs)]

pub mod air;
pub mod rounding;
pub mod water;
