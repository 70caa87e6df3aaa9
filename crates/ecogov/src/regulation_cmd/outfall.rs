//! `ecogov outfall add|import|measure|done|advance|list|export` — the 入河排污口 ledger.

use super::common::{ByArg, date, open, read_all, source_of};
use crate::cli::DbArg;
use crate::output;
use anyhow::anyhow;
use ecogov_domain::outfall::{Outfall, OutfallState};
use ecogov_io::regulation::{export, outfalls};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum OutfallCommand {
    /// 登记排查发现的排污口 — add a surveyed outfall
    Add {
        /// 排污口编码 — code
        #[arg(long)]
        code: String,
        /// 排污口名称 — name
        #[arg(long)]
        name: String,
        /// 受纳水体 — receiving water
        #[arg(long)]
        water: String,
        /// 一口一策整治措施（可多次） — measures
        #[arg(long = "measure")]
        measures: Vec<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 导入排污口台账（排污口编码,排污口名称,受纳水体[,整治措施]） — import, all or nothing
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 添加一口一策整治措施 — add a measure
    Measure {
        /// 排污口编码 — code
        #[arg(long)]
        code: String,
        /// 措施内容 — the measure
        #[arg(long)]
        text: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 标记整治措施完成 — mark a measure done
    Done {
        /// 排污口编码 — code
        #[arg(long)]
        code: String,
        /// 措施序号（从 1 起） — measure number
        #[arg(long)]
        measure: usize,
        /// 完成日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 变更状态：整治中、已整治、验收、销号（验收退回整治中须写原因） — change state
    Advance {
        /// 排污口编码 — code
        #[arg(long)]
        code: String,
        /// 新状态 — the state (整治中/已整治/验收/销号 or rectifying/rectified/accepted/closed)
        #[arg(long)]
        to: String,
        /// 日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 原因或说明 — reason
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看台账 — list the ledger
    List {
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 导出台账为 Excel — export the ledger
    Export {
        /// 输出文件 — the .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct Json {
    code: String,
    name: String,
    receiving_water: String,
    state: &'static str,
    state_label: &'static str,
    measures: Vec<(String, Option<String>)>,
    closed_on: Option<String>,
}

pub(crate) async fn run(command: OutfallCommand) -> anyhow::Result<ExitCode> {
    match command {
        OutfallCommand::Add {
            code,
            name,
            water,
            measures,
            db,
            by,
        } => {
            let mut o = Outfall::new(&code, &name, &water)?;
            for m in &measures {
                o.add_measure(m)?;
            }
            let store = open(&db.db).await?;
            store
                .add_outfalls(&[("命令行 (command line)".into(), o)], "cli", &by.by)
                .await?;
            output::line(&format!("已登记排污口 {} (outfall added)", code.trim()))?;
        }
        OutfallCommand::Import { files, db, by } => {
            let entries = read_all(&files, outfalls::read)?;
            let source = source_of(&files);
            let store = open(&db.db).await?;
            let n = store.add_outfalls(&entries, &source, &by.by).await?;
            output::line(&format!("已导入排污口 {n} 个 (imported)"))?;
        }
        OutfallCommand::Measure { code, text, db, by } => {
            let store = open(&db.db).await?;
            store.add_outfall_measure(&code, &text, &by.by).await?;
            output::line(&format!("已添加整治措施 (measure added): {}", code.trim()))?;
        }
        OutfallCommand::Done {
            code,
            measure,
            date: d,
            db,
            by,
        } => {
            let on = date(&d, "--date")?;
            let store = open(&db.db).await?;
            store
                .complete_outfall_measure(&code, measure, on, &by.by)
                .await?;
            output::line(&format!(
                "排污口 {} 措施 {measure} 已完成 (measure done)",
                code.trim()
            ))?;
        }
        OutfallCommand::Advance {
            code,
            to,
            date: d,
            reason,
            db,
            by,
        } => {
            let state = OutfallState::parse(&to).ok_or_else(|| {
                anyhow!("--to “{to}” 应为 整治中、已整治、验收 或 销号 (unknown state)")
            })?;
            let on = date(&d, "--date")?;
            let store = open(&db.db).await?;
            store
                .advance_outfall(&code, state, on, reason.as_deref(), &by.by)
                .await?;
            output::line(&format!(
                "排污口 {} 已转为“{state}” (state changed)",
                code.trim()
            ))?;
        }
        OutfallCommand::List { json, db } => {
            let store = open(&db.db).await?;
            let list = store.outfalls().await?;
            if json {
                let rows: Vec<Json> = list
                    .iter()
                    .map(|o| Json {
                        code: o.code().to_string(),
                        name: o.name().to_string(),
                        receiving_water: o.receiving_water().to_string(),
                        state: o.state().code(),
                        state_label: o.state().label(),
                        measures: o
                            .measures()
                            .iter()
                            .map(|m| (m.text.clone(), m.done_on.map(|d| d.to_string())))
                            .collect(),
                        closed_on: o.closed_on().map(|d| d.to_string()),
                    })
                    .collect();
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "编码".to_string(),
                "名称".into(),
                "受纳水体".into(),
                "状态".into(),
                "措施（完成/总数）".into(),
            ]];
            for o in &list {
                let done = o.measures().iter().filter(|m| m.done_on.is_some()).count();
                rows.push(vec![
                    o.code().to_string(),
                    o.name().to_string(),
                    o.receiving_water().to_string(),
                    o.state().label().into(),
                    format!("{done}/{}", o.measures().len()),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            output::line(&format!(
                "共 {} 个，已销号 {} 个",
                list.len(),
                ecogov_domain::outfall::count_closed(&list)
            ))?;
        }
        OutfallCommand::Export { xlsx, db } => {
            let store = open(&db.db).await?;
            let list = store.outfalls().await?;
            export::xlsx(&xlsx, &export::outfalls(&list))?;
            output::line(&format!(
                "已导出 {} 个排污口到 {} (exported)",
                list.len(),
                xlsx.display()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
