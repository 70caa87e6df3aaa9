//! `ecogov enterprise import|list|export` — the enterprise register.

use super::common::{ByArg, open, read_all, source_of};
use crate::cli::DbArg;
use crate::output;
use ecogov_domain::enterprise::{Enterprise, SupervisionClass};
use ecogov_io::regulation::{enterprises, export};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum EnterpriseCommand {
    /// 导入企业名录（XLSX 或 CSV；全部写入或全部不写） — import the register, all or nothing
    Import {
        /// 文件：企业名称,统一社会信用代码,地址,行业,监管类别[,排污许可证编号]
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看企业名录 — list the register
    List {
        /// 只看该监管类别（key/general/special 或中文） — only this class
        #[arg(long)]
        class: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 导出企业名录为 Excel — export the register as XLSX
    Export {
        /// 输出文件 — the .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    credit_code: &'a str,
    address: &'a str,
    industry: &'a str,
    class: &'static str,
    class_label: &'static str,
    permit: Option<String>,
}

pub(crate) async fn run(command: EnterpriseCommand) -> anyhow::Result<ExitCode> {
    match command {
        EnterpriseCommand::Import { files, db, by } => {
            let records = read_all(&files, enterprises::read)?;
            let store = open(&db.db).await?;
            let list: Vec<Enterprise> = records.into_iter().map(|(_, e)| e).collect();
            let source = source_of(&files);
            let counts = store.import_enterprises(&list, &source, &by.by).await?;
            output::line(&format!(
                "已导入企业名录 (imported): {} 家，新增 {}，更新 {}，未变 {}",
                list.len(),
                counts.inserted,
                counts.updated,
                counts.unchanged
            ))?;
        }
        EnterpriseCommand::List { class, json, db } => {
            let class = match class.as_deref() {
                Some(c) => Some(SupervisionClass::parse(c).ok_or_else(|| {
                    anyhow::anyhow!(
                        "--class “{c}” 应为 key、general、special 或中文类别 (unknown class)"
                    )
                })?),
                None => None,
            };
            let store = open(&db.db).await?;
            let list: Vec<Enterprise> = store
                .enterprises()
                .await?
                .into_iter()
                .filter(|e| class.is_none_or(|c| e.class() == c))
                .collect();
            if json {
                let rows: Vec<Row<'_>> = list
                    .iter()
                    .map(|e| Row {
                        name: e.name(),
                        credit_code: e.credit_code().as_str(),
                        address: e.address(),
                        industry: e.industry(),
                        class: e.class().code(),
                        class_label: e.class().label(),
                        permit: e.permit().map(|p| p.to_string()),
                    })
                    .collect();
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "统一社会信用代码".to_string(),
                "企业名称".into(),
                "监管类别".into(),
                "行业".into(),
                "排污许可证编号".into(),
            ]];
            for e in &list {
                rows.push(vec![
                    e.credit_code().to_string(),
                    output::clip(e.name(), 30),
                    e.class().label().into(),
                    output::clip(e.industry(), 20),
                    e.permit().map(|p| p.to_string()).unwrap_or_default(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            output::line(&format!("共 {} 家 (enterprises)", list.len()))?;
        }
        EnterpriseCommand::Export { xlsx, db } => {
            let store = open(&db.db).await?;
            let list = store.enterprises().await?;
            export::xlsx(&xlsx, &export::enterprises(&list))?;
            output::line(&format!(
                "已导出 {} 家企业到 {} (exported)",
                list.len(),
                xlsx.display()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
