//! `ecogov inspector add|import|list|recuse|active` — the inspectors and their 回避 relations.

use super::common::{ByArg, open, read_all};
use crate::cli::DbArg;
use crate::output;
use anyhow::anyhow;
use ecogov_domain::draw::{Inspector, InspectorId};
use ecogov_domain::enterprise::CreditCode;
use ecogov_io::regulation::inspectors;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum InspectorCommand {
    /// 登记或更新一名执法人员 — add or update an inspector
    Add {
        /// 执法人员编号（执法证号） — id
        #[arg(long)]
        id: String,
        /// 姓名 — name
        #[arg(long)]
        name: String,
        /// 所在单位 — unit
        #[arg(long, default_value = "")]
        unit: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 导入执法人员名录（执法人员编号,姓名,所在单位） — import inspectors, all or nothing
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看执法人员名录及回避关系 — list inspectors and relations
    List {
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 登记回避关系：该人员不得被派往该企业 — record a recusal relation
    Recuse {
        /// 执法人员编号 — inspector id
        #[arg(long)]
        inspector: String,
        /// 企业统一社会信用代码 — enterprise credit code
        #[arg(long)]
        enterprise: String,
        /// 回避原因 — reason
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 设为在岗或不在岗（不在岗者不参加抽取） — mark active or inactive
    Active {
        /// 执法人员编号 — inspector id
        #[arg(long)]
        id: String,
        /// yes 在岗 / no 不在岗
        #[arg(long, value_parser = clap::builder::BoolishValueParser::new())]
        set: bool,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    unit: &'a str,
    active: bool,
    recused_from: Vec<String>,
}

fn inspector_id(text: &str) -> anyhow::Result<InspectorId> {
    InspectorId::new(text)
        .ok_or_else(|| anyhow!("执法人员编号不能为空 (inspector id must not be empty)"))
}

pub(crate) async fn run(command: InspectorCommand) -> anyhow::Result<ExitCode> {
    match command {
        InspectorCommand::Add {
            id,
            name,
            unit,
            db,
            by,
        } => {
            let inspector = Inspector {
                id: inspector_id(&id)?,
                name,
                unit,
            };
            let store = open(&db.db).await?;
            store.upsert_inspectors(&[inspector], &by.by).await?;
            output::line(&format!("已登记执法人员 {} (inspector saved)", id.trim()))?;
        }
        InspectorCommand::Import { files, db, by } => {
            let list: Vec<Inspector> = read_all(&files, inspectors::read)?
                .into_iter()
                .map(|(_, i)| i)
                .collect();
            let store = open(&db.db).await?;
            let c = store.upsert_inspectors(&list, &by.by).await?;
            output::line(&format!(
                "已导入执法人员 (imported): {} 名，新增 {}，更新 {}，未变 {}",
                list.len(),
                c.inserted,
                c.updated,
                c.unchanged
            ))?;
        }
        InspectorCommand::List { json, db } => {
            let store = open(&db.db).await?;
            let list = store.inspectors(false).await?;
            let relations = store.relations().await?;
            let recused = |id: &InspectorId| -> Vec<String> {
                relations
                    .iter()
                    .filter(|(r, _)| &r.inspector == id)
                    .map(|(r, reason)| format!("{}（{reason}）", r.enterprise))
                    .collect()
            };
            if json {
                let rows: Vec<Row<'_>> = list
                    .iter()
                    .map(|r| Row {
                        id: r.inspector.id.as_str(),
                        name: &r.inspector.name,
                        unit: &r.inspector.unit,
                        active: r.active,
                        recused_from: recused(&r.inspector.id),
                    })
                    .collect();
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "编号".to_string(),
                "姓名".into(),
                "所在单位".into(),
                "在岗".into(),
                "回避企业".into(),
            ]];
            for r in &list {
                rows.push(vec![
                    r.inspector.id.to_string(),
                    r.inspector.name.clone(),
                    r.inspector.unit.clone(),
                    if r.active { "是" } else { "否" }.into(),
                    recused(&r.inspector.id).join("、"),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
        }
        InspectorCommand::Recuse {
            inspector,
            enterprise,
            reason,
            db,
            by,
        } => {
            let id = inspector_id(&inspector)?;
            let code = CreditCode::parse(&enterprise)?;
            let store = open(&db.db).await?;
            let added = store.add_relation(&id, &code, &reason, &by.by).await?;
            output::line(&if added {
                format!("已登记回避关系：{id} 不得派往 {code} (recusal recorded)")
            } else {
                format!("回避关系已存在：{id} — {code} (already recorded)")
            })?;
        }
        InspectorCommand::Active { id, set, db, by } => {
            let id = inspector_id(&id)?;
            let store = open(&db.db).await?;
            store.set_inspector_active(&id, set, &by.by).await?;
            output::line(&format!(
                "执法人员 {id} 已设为{} (saved)",
                if set { "在岗" } else { "不在岗" }
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
