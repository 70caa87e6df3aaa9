//! `ecogov init`, `ecogov tasks`, `ecogov progress` and `ecogov progress record`.

use crate::cli::RoleArg;
use crate::plan_cmd::load_plan_file;
use crate::{BUILTIN_PLAN, json, output};
use anyhow::{Context, bail};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::progress::{ReportInput, check_report, parse_date, summarize, task_status};
use ecogov_domain::task::Role;
use ecogov_store::{InstallOutcome, Store};
use jiff::civil::Date;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// The evaluation date: `--as-of` or today in Beijing.
pub(crate) fn as_of_date(as_of: Option<&str>) -> anyhow::Result<Date> {
    match as_of {
        Some(text) => parse_date(text)
            .with_context(|| format!("--as-of “{text}” 无效，应为 YYYY-MM-DD (bad date)")),
        None => Ok(ecogov_web::beijing_today()),
    }
}

pub(crate) async fn init(db: &str, plan_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (plan, source) = match plan_file {
        Some(path) => load_plan_file(path)?,
        None => (
            parse_plan(BUILTIN_PLAN)
                .map_err(|_| anyhow::anyhow!("内置计划无效 (built-in plan invalid)"))?,
            BUILTIN_PLAN.to_string(),
        ),
    };
    let store = Store::open(db, true).await?;
    let outcome = store.install_plan(&plan, &source, "cli").await?;
    let what = match outcome {
        InstallOutcome::Installed => "已载入 (installed)",
        InstallOutcome::Unchanged => "已是最新，未改动 (already installed, unchanged)",
        InstallOutcome::Replaced => "已替换为新文本 (replaced)",
    };
    output::line(&format!(
        "{db}: 《{}》{what}；{} 项任务",
        plan.title,
        plan.tasks.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TaskLine {
    #[serde(flatten)]
    task: json::TaskJson,
    role: Option<&'static str>,
    status: Option<&'static str>,
    status_label: &'static str,
}

pub(crate) async fn tasks(
    db: &str,
    unit: Option<&str>,
    role: Option<RoleArg>,
    as_of: Option<&str>,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    let as_of = as_of_date(as_of)?;
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let plan = &stored.plan;
    let reports = store.progress_reports(stored.id).await?;
    let rows = summarize(plan, &reports, as_of);
    let only = role.map(|r| match r {
        RoleArg::Lead => Role::Lead,
        RoleArg::Co => Role::Co,
    });
    let selected: Vec<(&ecogov_domain::task::Task, Option<Role>)> = match unit {
        Some(name) => {
            let Some(u) = plan.units.resolve(name) else {
                let known: Vec<&str> = plan
                    .units
                    .all()
                    .iter()
                    .filter(|u| u.kind.is_internal())
                    .map(|u| u.name.as_str())
                    .collect();
                bail!(
                    "单位“{name}”不在单位名录中 (unknown unit)；可选：{}",
                    known.join("、")
                );
            };
            plan.tasks_for_unit(u, only)
                .map(|(t, r)| (t, Some(r)))
                .collect()
        }
        None => plan.tasks.iter().map(|t| (t, None)).collect(),
    };
    let status_of = |t: &ecogov_domain::task::Task| {
        task_status(rows.iter().filter(|r| r.task.id == t.id).map(|r| r.status))
    };
    if as_json {
        let lines: Vec<TaskLine> = selected
            .iter()
            .map(|(t, r)| {
                let (status, status_label) = json::status(status_of(t));
                TaskLine {
                    task: json::task(t),
                    role: r.map(|r| r.code()),
                    status,
                    status_label,
                }
            })
            .collect();
        output::json(&lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = vec![vec![
        "序号".to_string(),
        "任务".into(),
        "职责".into(),
        "牵头单位".into(),
        "配合单位".into(),
        "量化".into(),
        "状态".into(),
    ]];
    for (t, r) in &selected {
        let (_, label) = json::status(status_of(t));
        table.push(vec![
            t.label(),
            output::clip(&t.title, 28),
            r.map(|r| r.label()).unwrap_or("").to_string(),
            t.lead_units().join("、"),
            output::clip(&t.co_units().join("、"), 30),
            t.deliverables.len().to_string(),
            label.to_string(),
        ]);
    }
    output::line(&output::table(&table))?;
    output::line(&format!("共 {} 项任务；评估日期 {as_of}", selected.len()))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ProgressOut {
    as_of: String,
    deliverables: Vec<json::ProgressJson>,
}

pub(crate) async fn progress(
    db: &str,
    as_of: Option<&str>,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    let as_of = as_of_date(as_of)?;
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let reports = store.progress_reports(stored.id).await?;
    let rows = summarize(&stored.plan, &reports, as_of);
    if as_json {
        output::json(&ProgressOut {
            as_of: as_of.to_string(),
            deliverables: rows.iter().map(json::progress).collect(),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = vec![vec![
        "编号".to_string(),
        "任务".into(),
        "量化任务".into(),
        "目标".into(),
        "累计".into(),
        "应完成".into(),
        "时限".into(),
        "状态".into(),
    ]];
    for r in &rows {
        let d = r.deliverable;
        table.push(vec![
            d.id.to_string(),
            r.task.label(),
            output::clip(&d.description, 30),
            d.target_label(),
            format!("{}{}", r.actual.normalize(), if r.demo { "*" } else { "" }),
            r.expected.normalize().to_string(),
            d.due.to_string(),
            r.status.label().to_string(),
        ]);
    }
    output::line(&output::table(&table))?;
    let demo = if rows.iter().any(|r| r.demo) {
        "；* 含演示数据"
    } else {
        ""
    };
    output::line(&format!(
        "共 {} 项量化任务；评估日期 {as_of}{demo}",
        rows.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn record(db: &str, input: ReportInput<'_>) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let report = check_report(&stored.plan, input, ecogov_web::beijing_today(), false)
        .context("进度未记录 (progress not recorded)")?;
    let id = store.record_progress(stored.id, &report, "cli").await?;
    output::line(&format!(
        "已记录 (recorded) #{id}：{} {} {}，{}（{}单位），日期 {}",
        report.deliverable,
        report.value.normalize(),
        stored
            .plan
            .deliverable(&report.deliverable)
            .map(|(_, d)| d.unit.as_str())
            .unwrap_or(""),
        report.unit,
        report.role.label(),
        report.date
    ))?;
    Ok(ExitCode::SUCCESS)
}
