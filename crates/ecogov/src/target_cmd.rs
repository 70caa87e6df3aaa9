//! `ecogov target set` — enter a threshold the province hands down (省下达), recorded with who set
//! it and when.

use crate::output;
use anyhow::bail;
use ecogov_domain::number::parse_non_negative;
use ecogov_domain::target::{Comparator, ThresholdSource};
use ecogov_store::Store;
use std::process::ExitCode;

pub(crate) async fn set(
    db: &str,
    id: &str,
    value: &str,
    by: &str,
    note: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let Some(target) = stored.plan.targets.iter().find(|t| t.id == id.trim()) else {
        let ids: Vec<&str> = stored
            .plan
            .targets
            .iter()
            .filter(|t| t.source == ThresholdSource::Province)
            .map(|t| t.id.as_str())
            .collect();
        bail!(
            "指标“{id}”不存在 (unknown target)；待设定的指标：{}",
            ids.join(", ")
        );
    };
    if target.comparator == Comparator::Qualitative {
        bail!(
            "“{}”是定性目标，没有目标值 (a qualitative aim has no threshold)",
            target.measure
        );
    }
    if target.source == ThresholdSource::Plan {
        bail!(
            "“{}”的目标值由本计划明确为 {}，不能另行设定 (the plan states this threshold)",
            target.measure,
            target.threshold_label()
        );
    }
    if by.trim().is_empty() {
        bail!("--by 不能为空：须写明设定人 (who sets it)");
    }
    let value = parse_non_negative(value).map_err(|e| anyhow::anyhow!("目标值无效：{e}"))?;
    store
        .set_target_threshold(stored.id, &target.id, value, by.trim(), note)
        .await?;
    output::line(&format!(
        "已设定 (set)：{} {} {}{}（{}）",
        target.measure,
        target.comparator.symbol(),
        value.normalize(),
        target.unit.as_deref().unwrap_or(""),
        by.trim()
    ))?;
    Ok(ExitCode::SUCCESS)
}
