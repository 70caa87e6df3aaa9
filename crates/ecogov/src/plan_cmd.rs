//! `ecogov plan check` and `ecogov plan show`.

use crate::{BUILTIN_PLAN, json, output};
use anyhow::{Context, bail};
use ecogov_domain::plan::Plan;
use ecogov_domain::plan_file::parse_plan;
use ecogov_store::Store;
use std::path::Path;
use std::process::ExitCode;

/// Reads a plan file's text, refusing files that are not UTF-8.
pub(crate) fn read_plan_file(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "无法读取计划文件 {} (cannot read plan file)",
            path.display()
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "计划文件 {} 不是 UTF-8 编码（第 {} 字节起） (plan file is not UTF-8)",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Parses a plan file, or fails listing every problem with its place.
pub(crate) fn load_plan_file(path: &Path) -> anyhow::Result<(Plan, String)> {
    let text = read_plan_file(path)?;
    match parse_plan(&text) {
        Ok(plan) => Ok((plan, text)),
        Err(issues) => {
            let list: Vec<String> = issues
                .iter()
                .map(|i| format!("  {}:{i}", path.display()))
                .collect();
            bail!(
                "计划文件有 {} 个问题 (plan file has problems):\n{}",
                issues.len(),
                list.join("\n")
            )
        }
    }
}

pub(crate) fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let text = read_plan_file(path)?;
    match parse_plan(&text) {
        Ok(plan) => {
            let deliverables = plan.deliverables().count();
            output::line(&format!(
                "{}: 有效 (valid) — {} 年，{} 个单位，{} 个指标，{} 组 {} 项任务，{} 项量化任务",
                path.display(),
                plan.year,
                plan.units.all().len(),
                plan.targets.len(),
                plan.groups.len(),
                plan.tasks.len(),
                deliverables
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(issues) => {
            for issue in &issues {
                let place = issue
                    .line
                    .map(|l| format!("{}:{l}", path.display()))
                    .unwrap_or_else(|| path.display().to_string());
                output::line(&format!("{place}: {}: {}", issue.path, issue.problem))?;
            }
            output::line(&format!(
                "共 {} 个问题 ({} problems)",
                issues.len(),
                issues.len()
            ))?;
            Ok(ExitCode::FAILURE)
        }
    }
}

pub(crate) async fn show(
    file: Option<&Path>,
    db: Option<&str>,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    let plan = match (file, db) {
        (Some(path), _) => load_plan_file(path)?.0,
        (None, Some(db)) => Store::open(db, false).await?.plan(None).await?.plan,
        (None, None) => parse_plan(BUILTIN_PLAN)
            .map_err(|_| anyhow::anyhow!("内置计划无效 (built-in plan invalid)"))?,
    };
    if as_json {
        output::json(&json::plan(&plan))?;
        return Ok(ExitCode::SUCCESS);
    }
    output::line(&format!(
        "{}（{}，{}）",
        plan.title, plan.issuer, plan.published
    ))?;
    output::line("\n二、主要目标")?;
    let mut rows = vec![vec![
        "领域".to_string(),
        "指标".into(),
        "目标".into(),
        "编号".into(),
    ]];
    for t in &plan.targets {
        rows.push(vec![
            t.area.label().into(),
            t.measure.clone(),
            t.threshold_label(),
            t.id.clone(),
        ]);
    }
    output::line(&output::table(&rows))?;
    output::line("三、重点工作任务")?;
    for g in &plan.groups {
        output::line(&format!("\n{}", g.label()))?;
        for t in plan.tasks_in_group(g.number) {
            output::line(&format!("  {} {}", t.label(), t.title))?;
            for a in &t.assignments {
                let co = if a.co.is_empty() {
                    String::new()
                } else {
                    format!("；配合：{}", a.co.join("、"))
                };
                output::line(&format!("      牵头：{}{co}", a.lead.join("、")))?;
            }
            for d in &t.deliverables {
                output::line(&format!(
                    "      · {}：{}，时限 {}  [{}]",
                    d.description,
                    d.target_label(),
                    d.due,
                    d.id
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
