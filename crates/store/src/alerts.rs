//! 预警与通报 — warnings, water alerts, the inbox, outbound hooks, eco-compensation (issue 9).
//!
//! - [`settings`]: 设置 — the warning scheme the bureau chose, the alert rules' parameters, the
//!   outbound hook and the escalation policy, stored as key → text;
//! - [`warnings`]: 空气质量预报 and 预警记录 (发布/升级/降级/解除, each with its reason), and the
//!   measures of each level as data;
//! - [`water_alerts`]: 水质预警 stored once per dedup key, delivered in the same transaction to
//!   the inboxes of the recipient units and queued for the outbound hook;
//! - [`inbox`]: 站内通知 per unit — read, acknowledged, escalated when not acknowledged in time;
//! - [`hooks`]: 外发记录 — every outbound attempt and its error; nothing is dropped;
//! - [`agreements`]: 生态补偿协议 as imported, and the monthly factor values from the samples.
//!
//! Every state change writes its audit event in the same transaction.

mod agreements;
mod entity;
mod hooks;
mod inbox;
mod settings;
mod warnings;
mod water_alerts;

pub use agreements::StoredAgreement;
pub use hooks::{Delivery, DeliveryStatus};
pub use inbox::{InboxItem, NoticeKind};
pub use settings::{Escalation, HookTarget, SCHEMES, WarningSettings, scheme_by_code};
pub use warnings::{StoredForecast, StoredWarningEvent};
pub use water_alerts::{RaisedAlerts, StoredAlert};

use crate::StoreError;

/// A stored Unix second as Beijing wall time (UTC+8, no daylight saving since 1991),
/// `YYYY-MM-DD HH:MM`, for display.
pub fn beijing_time_text(seconds: i64) -> String {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    jiff::Timestamp::from_second(seconds)
        .map(|t| {
            t.to_zoned_datetime(tz)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

fn corrupt(table: &'static str, id: i64, field: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt {
        table,
        id,
        field,
        value: value.to_string(),
    }
}
