//! 演示监管、预警、督办记录 — demo records for the newer modules, so that their pages show
//! something in `ecogov demo`: the regulatory ledgers (企业与执法人员名录、双随机抽查、检查记录、
//! 柴油车检测、入河排污口、信访件), heavy-pollution warnings and an eco-compensation agreement,
//! and 督办通知 and 督察整改 items.
//!
//! Everything is invented and labelled: names end with （演示）, notes say 演示数据, and every
//! step is taken by the actor [`BY`] through the store's public API, as the commands and pages
//! do. All dates shown are fixed 2023 dates (the demo evaluates on 2023-09-30), so every demo
//! shows the same records.

mod alerts;
mod ledgers;
mod registry;
mod supervision;

use anyhow::Context;
use ecogov_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;

/// The actor of every demo step in the audit trail.
pub(crate) const BY: &str = "演示";

/// Writes the demo set once; returns how many records were written (0 when the database
/// already has enterprises or draws, i.e. the set, or someone's real data, is there).
pub(crate) async fn seed(store: &Store) -> anyhow::Result<usize> {
    if !store.enterprises().await?.is_empty() || !store.draws().await?.is_empty() {
        return Ok(0);
    }
    let mut n = registry::seed(store)
        .await
        .context("演示企业名录、执法人员与双随机抽查 (demo registers and draw)")?;
    n += ledgers::seed(store)
        .await
        .context("演示柴油车检测、入河排污口与信访件 (demo ledgers)")?;
    n += alerts::seed(store)
        .await
        .context("演示重污染天气预警与生态补偿协议 (demo warnings and agreement)")?;
    n += supervision::seed(store)
        .await
        .context("演示督办通知与整改事项 (demo notices and rectification items)")?;
    Ok(n)
}

/// A date of the demo year 2023.
pub(super) fn day(month: i8, day: i8) -> anyhow::Result<Date> {
    Date::new(2023, month, day).with_context(|| format!("演示日期 2023-{month}-{day} 无效"))
}

/// 10:00 Beijing time on a demo date, as the moment of a workflow step.
pub(super) fn moment(month: i8, d: i8) -> anyhow::Result<Timestamp> {
    jiff::tz::Offset::constant(8)
        .to_timestamp(day(month, d)?.at(10, 0, 0, 0))
        .context("演示时刻无效 (bad demo moment)")
}
