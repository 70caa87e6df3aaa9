//! `ecogov petition register|import|advance|list|export` — 信访件 with time limits, reminders,
//! overdue flags and repeats. Deadlines are judged on `--today` (default: today in Beijing,
//! read here, never in the rules).

use super::common::{ByArg, date, open, read_all, source_of};
use crate::cli::DbArg;
use crate::output;
use anyhow::anyhow;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::petition::{
    Channel, DeadlineKind, DeadlineStatus, PetitionCase, PetitionId, PetitionState,
    REPEAT_WINDOW_DAYS, TimeLimits, deadline_status, repeats,
};
use ecogov_io::regulation::{export, petitions};
use jiff::civil::Date;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum PetitionCommand {
    /// 登记信访件 — register a case
    Register {
        /// 信访件编号 — case id
        #[arg(long)]
        id: String,
        /// 渠道：12345、12369、微信公众号、来信、来访 或其他名称 — channel
        #[arg(long)]
        channel: String,
        /// 登记日期 — date registered
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 反映内容 — what is reported
        #[arg(long)]
        summary: String,
        /// 被反映企业统一社会信用代码 — enterprise concerned
        #[arg(long)]
        enterprise: Option<String>,
        /// 地址 — address concerned
        #[arg(long, default_value = "")]
        address: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 导入信访件（信访件编号,信访渠道,登记日期,企业信用代码,地址,反映内容） — import, all or nothing
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 办理：受理、不予受理、办理、答复、回访、办结 — move a case on
    Advance {
        /// 信访件编号 — case id
        #[arg(long)]
        id: String,
        /// 新状态 — the state
        #[arg(long)]
        to: String,
        /// 日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 说明 — note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 信访件台账：期限、提醒、逾期、重复信访 — the ledger with deadlines on a day
    List {
        /// 判断期限的日期（默认今天） — the day deadlines are judged on
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// 只看逾期和即将到期 — only overdue and due-soon cases
        #[arg(long)]
        due: bool,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 导出台账为 Excel — export the ledger
    Export {
        /// 判断期限的日期（默认今天） — the day deadlines are judged on
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// 输出文件 — the .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct Json {
    id: String,
    channel: String,
    registered_on: String,
    enterprise: Option<String>,
    address: String,
    summary: String,
    state: &'static str,
    state_label: &'static str,
    deadline_kind: Option<&'static str>,
    due: Option<String>,
    days_left: Option<i32>,
    deadline_status: Option<&'static str>,
    repeats: Vec<String>,
}

fn today(text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        Some(t) => date(t, "--today"),
        None => Ok(ecogov_web::beijing_today()),
    }
}

pub(crate) async fn run(command: PetitionCommand) -> anyhow::Result<ExitCode> {
    let limits = TimeLimits::default();
    match command {
        PetitionCommand::Register {
            id,
            channel,
            date: d,
            summary,
            enterprise,
            address,
            db,
            by,
        } => {
            let pid =
                PetitionId::new(&id).ok_or_else(|| anyhow!("--id 不能为空 (empty case id)"))?;
            if summary.trim().is_empty() {
                anyhow::bail!("--summary 不能为空：须写明反映内容 (summary must not be empty)");
            }
            let enterprise = enterprise
                .as_deref()
                .filter(|e| !e.trim().is_empty())
                .map(CreditCode::parse)
                .transpose()?;
            let case = PetitionCase::register(
                pid,
                Channel::parse(&channel),
                date(&d, "--date")?,
                enterprise,
                &address,
                &summary,
            );
            let store = open(&db.db).await?;
            store
                .register_petitions(
                    &[("命令行 (command line)".into(), case.clone())],
                    "cli",
                    &by.by,
                )
                .await?;
            output::line(&format!(
                "已登记信访件 {} ，受理期限 {} (registered)",
                case.id(),
                limits.acceptance_deadline(case.registered_on())
            ))?;
            let all = store.petitions().await?;
            for m in repeats(&all, &case, REPEAT_WINDOW_DAYS) {
                output::line(&format!(
                    "重复信访提示：{} 天前的信访件 {} 反映同一{} (repeat)",
                    m.days_before,
                    m.case.id(),
                    if m.same_enterprise {
                        "企业"
                    } else {
                        "地址"
                    }
                ))?;
            }
        }
        PetitionCommand::Import { files, db, by } => {
            let cases = read_all(&files, petitions::read)?;
            let source = source_of(&files);
            let store = open(&db.db).await?;
            let n = store.register_petitions(&cases, &source, &by.by).await?;
            output::line(&format!("已导入信访件 {n} 件 (imported)"))?;
        }
        PetitionCommand::Advance {
            id,
            to,
            date: d,
            note,
            db,
            by,
        } => {
            let pid =
                PetitionId::new(&id).ok_or_else(|| anyhow!("--id 不能为空 (empty case id)"))?;
            let state = PetitionState::parse(&to).ok_or_else(|| {
                anyhow!("--to “{to}” 应为 受理、不予受理、办理、答复、回访 或 办结 (unknown state)")
            })?;
            let on = date(&d, "--date")?;
            let store = open(&db.db).await?;
            let case = store
                .advance_petition(&pid, state, on, note.as_deref(), &by.by)
                .await?;
            let next = deadline_status(&case, on, &limits)
                .map(|d| format!("，办结期限 {}", d.due))
                .unwrap_or_default();
            output::line(&format!(
                "信访件 {pid} 已转为“{state}”{next} (state changed)"
            ))?;
        }
        PetitionCommand::List {
            today: t,
            due,
            json,
            db,
        } => {
            let today = today(t.as_deref())?;
            let store = open(&db.db).await?;
            let cases = store.petitions().await?;
            let rows: Vec<Json> = cases
                .iter()
                .map(|c| {
                    let d = deadline_status(c, today, &limits);
                    Json {
                        id: c.id().to_string(),
                        channel: c.channel().label().to_string(),
                        registered_on: c.registered_on().to_string(),
                        enterprise: c.enterprise().map(|e| e.to_string()),
                        address: c.address().to_string(),
                        summary: c.summary().to_string(),
                        state: c.state().code(),
                        state_label: c.state().label(),
                        deadline_kind: d.map(|d| match d.kind {
                            DeadlineKind::Acceptance => "acceptance",
                            DeadlineKind::Conclusion => "conclusion",
                        }),
                        due: d.map(|d| d.due.to_string()),
                        days_left: d.map(|d| d.days_left),
                        deadline_status: d.map(|d| d.status.code()),
                        repeats: repeats(&cases, c, REPEAT_WINDOW_DAYS)
                            .iter()
                            .map(|m| m.case.id().to_string())
                            .collect(),
                    }
                })
                .filter(|r| {
                    !due || r
                        .deadline_status
                        .is_some_and(|s| s != DeadlineStatus::Normal.code())
                })
                .collect();
            if json {
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            let mut table = vec![vec![
                "编号".to_string(),
                "渠道".into(),
                "登记".into(),
                "状态".into(),
                "期限".into(),
                "期限状态".into(),
                "重复".into(),
                "反映内容".into(),
            ]];
            for r in &rows {
                let status = match (r.deadline_status, r.days_left) {
                    (Some("overdue"), Some(n)) => format!("逾期 {} 天", -n),
                    (Some("due_soon"), Some(n)) => format!("即将到期（剩 {n} 天）"),
                    (Some(_), Some(n)) => format!("正常（剩 {n} 天）"),
                    _ => String::new(),
                };
                table.push(vec![
                    r.id.clone(),
                    r.channel.clone(),
                    r.registered_on.clone(),
                    r.state_label.into(),
                    r.due.clone().unwrap_or_default(),
                    status,
                    r.repeats.join("、"),
                    output::clip(&r.summary, 30),
                ]);
            }
            output::line(output::table(&table).trim_end())?;
            let count = |s: &str| rows.iter().filter(|r| r.deadline_status == Some(s)).count();
            output::line(&format!(
                "{today}：{} 件，逾期 {}，即将到期 {}",
                rows.len(),
                count("overdue"),
                count("due_soon")
            ))?;
        }
        PetitionCommand::Export { today: t, xlsx, db } => {
            let today = today(t.as_deref())?;
            let store = open(&db.db).await?;
            let cases = store.petitions().await?;
            export::xlsx(&xlsx, &export::petitions(&cases, today, &limits))?;
            output::line(&format!(
                "已导出 {} 件到 {} (exported)",
                cases.len(),
                xlsx.display()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
