//! 演示重污染天气预警（2018 三级方案，2023 年 1 月一次过程：发布黄色 → 升级橙色 → 解除）与
//! 横向生态补偿协议（演示双方，演示断面）.

use super::{BY, day};
use anyhow::{Context, anyhow, bail};
use ecogov_domain::warning::{Forecast, Level, RangeBound, assess};
use ecogov_io::alerts::agreement;
use ecogov_standards::air::Pollutant;
use ecogov_store::Store;
use std::path::Path;

/// (month, day, AQI low, AQI high) — the first 会商 forecast, entered on 2023-01-09.
const FIRST_FORECAST: [(i8, i8, u16, u16); 4] = [
    (1, 10, 170, 215),
    (1, 11, 185, 240),
    (1, 12, 160, 195),
    (1, 13, 110, 150),
];

/// The revised forecast of 2023-01-11: the episode lasts a day longer.
const REVISED_FORECAST: [(i8, i8, u16, u16); 5] = [
    (1, 11, 205, 250),
    (1, 12, 215, 265),
    (1, 13, 180, 225),
    (1, 14, 120, 170),
    (1, 15, 80, 120),
];

fn forecasts(days: &[(i8, i8, u16, u16)]) -> anyhow::Result<Vec<Forecast>> {
    days.iter()
        .map(|&(m, d, low, high)| {
            let primary = if high > 100 {
                vec![Pollutant::Pm25]
            } else {
                Vec::new()
            };
            Forecast::new(day(m, d)?, low, high, primary).map_err(|e| anyhow!("演示预报无效：{e}"))
        })
        .collect()
}

/// Assesses the forecast window from `(m, d)` under the chosen scheme and records the step,
/// which must reach `expected`; returns 1.
async fn step(store: &Store, m: i8, d: i8, expected: Option<Level>) -> anyhow::Result<usize> {
    let settings = store.warning_settings().await?;
    let date = day(m, d)?;
    let window = store.forecast_window(date).await?;
    let a = assess(&settings.scheme, &window, settings.bound)
        .map_err(|e| anyhow!("演示预警研判失败：{e}"))?;
    if a.level != expected {
        bail!("演示预警研判 {date} 应为 {expected:?}，实际 {:?}", a.level);
    }
    let reason = format!("{}（演示数据）", a.reason);
    store
        .record_warning_step(a.level, date, &reason, BY)
        .await?
        .ok_or_else(|| anyhow!("演示预警 {date} 未产生记录"))?;
    Ok(1)
}

async fn seed_warnings(store: &Store) -> anyhow::Result<usize> {
    store
        .choose_warning_scheme("guidance_2018", RangeBound::Upper, BY)
        .await?;
    let first = forecasts(&FIRST_FORECAST)?;
    store
        .save_forecasts(&first, "演示：2023-01-09 空气质量会商预报", BY)
        .await?;
    let mut n = first.len();
    n += step(store, 1, 10, Some(Level::Yellow)).await?;
    let revised = forecasts(&REVISED_FORECAST)?;
    store
        .save_forecasts(&revised, "演示：2023-01-11 空气质量会商预报（修订）", BY)
        .await?;
    n += revised.len();
    n += step(store, 1, 11, Some(Level::Orange)).await?;
    n += step(store, 1, 14, None).await?;
    Ok(n)
}

/// The demo agreement, as `ecogov agreement import` reads it (docs/compensation.md).
pub(super) const AGREEMENT_ID: &str = "demo-xinglong-2023";
const AGREEMENT: &str = r#"# 演示数据：双方与金额均为虚构，非真实协议
id = "demo-xinglong-2023"
name = "兴隆河流域横向生态补偿协议（演示）"
upstream = "示范上游镇（演示）"
downstream = "示范下游街道（演示）"
sections = ["兴隆河（模拟）"]
target = "Ⅲ"
assessment = "季度"
annual_cap = 200
source = "演示：按类别差计算，金额虚构"

[rule]
kind = "per_class_step"
per_step = 30
"#;

async fn seed_agreement(store: &Store) -> anyhow::Result<usize> {
    let file = "演示协议 demo-xinglong-2023.toml";
    let a = agreement::parse(Path::new(file), AGREEMENT).map_err(|issues| {
        let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
        anyhow!("演示协议无效：{}", shown.join("；"))
    })?;
    store
        .import_agreement(&a, AGREEMENT, file, BY)
        .await
        .context(AGREEMENT_ID)?;
    Ok(1)
}

/// Writes the warning episode and the agreement.
pub(super) async fn seed(store: &Store) -> anyhow::Result<usize> {
    Ok(seed_warnings(store).await? + seed_agreement(store).await?)
}
