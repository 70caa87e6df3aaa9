//! Commands for 督办, 整改 and the 台账 exports (issue 7): `ecogov export tasks|notices|
//! rectifications --xlsx FILE`, `ecogov notices` (with reminder, overdue and escalation marks)
//! and `ecogov rectifications`.

use crate::cli::DbArg;
use crate::ledger_cmd::as_of_date;
use crate::output;
use anyhow::Context;
use ecogov_domain::acceptance::current;
use ecogov_domain::progress::summarize;
use ecogov_io::export::{
    NoticeEntry, RectificationEntry, TaskLedger, notice_alert, notices_xlsx, rectifications_xlsx,
    tasks_xlsx,
};
use ecogov_store::{Store, StoredPlan};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum SupervisionCommand {
    /// 台账导出为 Excel：任务台账、督办清单、整改台账 — export a ledger as XLSX
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// 督办通知：状态、即将到期、已逾期、已上报局领导 — 督办 notices with reminder/overdue/escalation marks
    Notices {
        #[command(flatten)]
        db: DbArg,
        /// 按该日判断提醒与逾期（默认今天） — judge reminders and overdue on this date (default: today in Beijing)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 督察整改台账 — the 整改 ledger
    Rectifications {
        #[command(flatten)]
        db: DbArg,
        /// 按该日判断逾期（默认今天） — judge overdue on this date (default: today in Beijing)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
}

/// The options every export takes.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// 写入的 Excel 文件 — the .xlsx file to write
    #[arg(long, value_name = "FILE")]
    xlsx: PathBuf,
    /// 截至日期（默认今天） — as of this date (default: today in Beijing)
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

/// Which ledger to export.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ExportCommand {
    /// 任务台账：各任务、量化任务的目标、完成、应完成、状态与验收状态，另附按单位汇总 — the task ledger
    Tasks(ExportArgs),
    /// 督办清单 — the 督办 list
    Notices(ExportArgs),
    /// 督察整改台账 — the 整改 ledger
    Rectifications(ExportArgs),
}

pub(crate) async fn run(command: SupervisionCommand) -> anyhow::Result<ExitCode> {
    match command {
        SupervisionCommand::Export { command } => match command {
            ExportCommand::Tasks(a) => export_tasks(&a).await,
            ExportCommand::Notices(a) => export_notices(&a).await,
            ExportCommand::Rectifications(a) => export_rectifications(&a).await,
        },
        SupervisionCommand::Notices { db, as_of, json } => {
            list_notices(&db.db, as_of.as_deref(), json).await
        }
        SupervisionCommand::Rectifications { db, as_of, json } => {
            list_rectifications(&db.db, as_of.as_deref(), json).await
        }
    }
}

/// Checks the target before anything is read: an `.xlsx` name in an existing directory.
fn check_target(path: &Path) -> anyhow::Result<()> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        anyhow::bail!(
            "{}: 导出文件应以 .xlsx 结尾 (the export file must end in .xlsx)",
            path.display()
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        anyhow::bail!("{}: 目录不存在 (directory does not exist)", dir.display());
    }
    Ok(())
}

/// What every export starts with: the target checked before anything is read, the date, and
/// the database with its plan.
async fn open_export(a: &ExportArgs) -> anyhow::Result<(jiff::civil::Date, Store, StoredPlan)> {
    check_target(&a.xlsx)?;
    let as_of = as_of_date(a.as_of.as_deref())?;
    let store = Store::open(&a.db.db, false).await?;
    let stored = store.plan(None).await?;
    Ok((as_of, store, stored))
}

async fn export_tasks(a: &ExportArgs) -> anyhow::Result<ExitCode> {
    let (as_of, store, stored) = open_export(a).await?;
    let reports = store.progress_reports(stored.id).await?;
    let progress = summarize(&stored.plan, &reports, as_of);
    let mut acceptance = HashMap::new();
    for t in &stored.plan.tasks {
        let steps = store.task_steps(stored.id, &t.id).await?;
        if !steps.is_empty() {
            acceptance.insert(t.id.clone(), current(&steps));
        }
    }
    tasks_xlsx(
        &a.xlsx,
        &TaskLedger {
            plan: &stored.plan,
            progress: &progress,
            acceptance: &acceptance,
            as_of,
            demo: progress.iter().any(|r| r.demo),
        },
    )?;
    let qualitative = stored
        .plan
        .tasks
        .iter()
        .filter(|t| t.deliverables.is_empty())
        .count();
    output::line(&format!(
        "已写入 (written) {}：任务台账，截至 {as_of}，{} 项任务、{} 行（量化任务 {} 项，定性任务 {qualitative} 项）",
        a.xlsx.display(),
        stored.plan.tasks.len(),
        progress.len() + qualitative,
        progress.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

async fn export_notices(a: &ExportArgs) -> anyhow::Result<ExitCode> {
    let (today, store, stored) = open_export(a).await?;
    let list = store.notices(stored.id).await?;
    let entries: Vec<NoticeEntry<'_>> = list
        .iter()
        .map(|n| NoticeEntry {
            id: n.id,
            notice: &n.notice,
            subject: &n.subject_text,
        })
        .collect();
    notices_xlsx(&a.xlsx, &stored.plan.issuer, today, &entries)?;
    output::line(&format!(
        "已写入 (written) {}：督办清单，截至 {today}，{} 件",
        a.xlsx.display(),
        entries.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

async fn export_rectifications(a: &ExportArgs) -> anyhow::Result<ExitCode> {
    let (today, store, stored) = open_export(a).await?;
    let items = store.rectifications().await?;
    let entries: Vec<RectificationEntry<'_>> = items
        .iter()
        .map(|r| RectificationEntry {
            id: r.id,
            item: &r.item,
        })
        .collect();
    rectifications_xlsx(&a.xlsx, &stored.plan.issuer, today, &entries)?;
    output::line(&format!(
        "已写入 (written) {}：督察整改台账，截至 {today}，{} 项",
        a.xlsx.display(),
        entries.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct NoticeLine {
    id: i64,
    addressee: String,
    subject: String,
    content: String,
    issued_by: String,
    issued_on: String,
    deadline: String,
    state: &'static str,
    status: &'static str,
    status_label: &'static str,
    /// `reminder`, `overdue`, `escalated` or null.
    alert: Option<&'static str>,
    alert_label: Option<String>,
    reply: Option<String>,
}

async fn list_notices(db: &str, as_of: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let today = as_of_date(as_of)?;
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let lines: Vec<NoticeLine> = store
        .notices(stored.id)
        .await
        .context("无法读取督办通知 (cannot read notices)")?
        .into_iter()
        .map(|n| {
            let status = n.notice.status(today);
            let alert = notice_alert(&n.notice, today);
            NoticeLine {
                id: n.id,
                addressee: n.notice.addressee.to_string(),
                subject: n.subject_text,
                content: n.notice.content.clone(),
                issued_by: n.notice.issued_by.to_string(),
                issued_on: n.notice.issued_on.to_string(),
                deadline: n.notice.deadline.to_string(),
                state: n.notice.state.code(),
                status: status.code(),
                status_label: status.label(),
                alert: alert.as_ref().map(|a| a.code),
                alert_label: alert.map(|a| a.text),
                reply: n.notice.reply.map(|r| r.text),
            }
        })
        .collect();
    if json {
        output::json(&lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = vec![
        [
            "编号",
            "被督办单位",
            "督办事项",
            "办理时限",
            "状态",
            "提醒/升级",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for l in &lines {
        table.push(vec![
            l.id.to_string(),
            l.addressee.clone(),
            output::clip(&l.subject, 40),
            l.deadline.clone(),
            l.status_label.to_string(),
            l.alert_label.clone().unwrap_or_default(),
        ]);
    }
    output::line(output::table(&table).trim_end())?;
    let count = |code: &str| lines.iter().filter(|l| l.alert == Some(code)).count();
    output::line(&format!(
        "按 {today} 判断：督办 {} 件，即将到期 {} 件，已逾期 {} 件，已上报局领导 {} 件",
        lines.len(),
        count("reminder"),
        count("overdue"),
        count("escalated")
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct RectificationLine {
    id: i64,
    source: &'static str,
    source_label: &'static str,
    finding: String,
    responsible: String,
    measures: String,
    deadline: String,
    state: &'static str,
    state_label: &'static str,
    overdue: bool,
    evidence: Vec<String>,
    return_reason: Option<String>,
    disclosed: bool,
}

async fn list_rectifications(
    db: &str,
    as_of: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let today = as_of_date(as_of)?;
    let store = Store::open(db, false).await?;
    let lines: Vec<RectificationLine> = store
        .rectifications()
        .await?
        .into_iter()
        .map(|r| {
            let it = r.item;
            RectificationLine {
                id: r.id,
                source: it.source.code(),
                source_label: it.source.label(),
                overdue: it.is_overdue(today),
                finding: it.finding,
                responsible: it.responsible.to_string(),
                measures: it.measures,
                deadline: it.deadline.to_string(),
                state: it.state.code(),
                state_label: it.state.label(),
                evidence: it.evidence,
                return_reason: it.return_reason,
                disclosed: it.disclosed,
            }
        })
        .collect();
    if json {
        output::json(&lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = vec![
        [
            "编号",
            "来源",
            "问题描述",
            "责任单位",
            "整改时限",
            "状态",
            "逾期",
            "佐证",
            "公开",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let yes = |b: bool| if b { "是" } else { "" }.to_string();
    for l in &lines {
        table.push(vec![
            l.id.to_string(),
            l.source_label.to_string(),
            output::clip(&l.finding, 36),
            l.responsible.clone(),
            l.deadline.clone(),
            l.state_label.to_string(),
            yes(l.overdue),
            l.evidence.len().to_string(),
            yes(l.disclosed),
        ]);
    }
    output::line(output::table(&table).trim_end())?;
    output::line(&format!(
        "按 {today} 判断：整改事项 {} 项，逾期未完成 {} 项",
        lines.len(),
        lines.iter().filter(|l| l.overdue).count()
    ))?;
    Ok(ExitCode::SUCCESS)
}
