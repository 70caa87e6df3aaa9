//! `ecogov agreement import|list|show` and `ecogov compensation --agreement ID --period P` —
//! 横向生态补偿: agreements as data (TOML, `docs/compensation.md`) and their settlement from the
//! stored samples (monthly means per section and factor, as the monthly bulletin computes them).

use crate::cli::DbArg;
use crate::output;
use anyhow::Context;
use ecogov_domain::compensation::{
    Agreement, AssessmentPeriod, Settlement, settle as settle_agreement,
};
use ecogov_io::alerts::agreement;
use ecogov_store::{Store, beijing_time_text};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The subcommands of `ecogov agreement`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AgreementSub {
    /// 导入协议文件（TOML，格式见 docs/compensation.md） — import agreement files
    Import {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 导入人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 协议列表 — the agreements
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// 查看协议原文 — print an agreement as imported
    Show {
        /// 协议编号 — agreement id
        id: String,
        #[command(flatten)]
        db: DbArg,
    },
}

/// Loads and parses a stored agreement.
pub(crate) async fn load(store: &Store, id: &str) -> anyhow::Result<Agreement> {
    let stored = store.agreement(id).await?.with_context(|| {
        format!("没有编号为“{id}”的协议，请先 `ecogov agreement import` (no such agreement)")
    })?;
    agreement::parse(Path::new(&stored.file), &stored.source_text).map_err(|issues| {
        let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "数据库中的协议无效 (stored agreement invalid):\n{}",
            shown.join("\n")
        )
    })
}

pub(crate) async fn agreement(command: AgreementSub) -> anyhow::Result<ExitCode> {
    match command {
        AgreementSub::Import { files, by, db } => {
            let store = Store::open(&db.db, true).await?;
            let mut failed = false;
            for path in &files {
                let (a, text) = match agreement::read(path) {
                    Ok(x) => x,
                    Err(e) => {
                        output::line(&e.to_string())?;
                        output::line(&format!(
                            "{}: 协议有误，未写入任何数据 (nothing written)",
                            path.display()
                        ))?;
                        failed = true;
                        continue;
                    }
                };
                let name = path.display().to_string();
                let new = store.import_agreement(&a, &text, &name, &by).await?;
                output::line(&format!(
                    "{name}: 协议 {}“{}”{} ({} → {})",
                    a.id,
                    a.name,
                    if new {
                        "已导入"
                    } else {
                        "已更新或未变"
                    },
                    a.upstream,
                    a.downstream
                ))?;
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        AgreementSub::List { db } => {
            let store = Store::open(&db.db, false).await?;
            let list = store.agreements().await?;
            if list.is_empty() {
                output::line("尚无生态补偿协议 (no agreement)")?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "编号".to_string(),
                "名称".into(),
                "上游".into(),
                "下游".into(),
                "导入".into(),
            ]];
            for a in list {
                rows.push(vec![
                    a.code,
                    a.name,
                    a.upstream,
                    a.downstream,
                    format!("{} {}", beijing_time_text(a.imported_at), a.imported_by),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
        AgreementSub::Show { id, db } => {
            let store = Store::open(&db.db, false).await?;
            let stored = store
                .agreement(&id)
                .await?
                .with_context(|| format!("没有编号为“{id}”的协议 (no such agreement)"))?;
            output::line(stored.source_text.trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Settles `id` over `period` from the stored samples.
pub(crate) async fn compute(store: &Store, id: &str, period: &str) -> anyhow::Result<Settlement> {
    let period: AssessmentPeriod = period
        .parse()
        .map_err(|e| anyhow::anyhow!("--period: {e}"))?;
    let a = load(store, id).await?;
    let inputs = store
        .monthly_factor_values(&a.sections, &a.factors, period)
        .await?;
    Ok(settle_agreement(&a, period, &inputs)?)
}

#[derive(Serialize)]
struct SettlementJson {
    agreement: String,
    name: String,
    period: String,
    upstream: String,
    downstream: String,
    payer: Option<String>,
    payee: Option<String>,
    /// 万元, exact decimal text.
    amount: String,
    net: String,
    gross: String,
    capped: bool,
    complete: bool,
    reason: String,
    lines: Vec<LineJson>,
}

#[derive(Serialize)]
struct LineJson {
    section: String,
    period: String,
    class: Option<String>,
    amount: String,
    missing: Vec<String>,
    reason: String,
    months: Vec<MonthJson>,
}

#[derive(Serialize)]
struct MonthJson {
    month: String,
    class: String,
    values: Vec<(String, String)>,
    reason: String,
}

fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

fn settlement_json(s: &Settlement) -> SettlementJson {
    SettlementJson {
        agreement: s.agreement_id.clone(),
        name: s.agreement_name.clone(),
        period: s.period.to_string(),
        upstream: s.upstream.clone(),
        downstream: s.downstream.clone(),
        payer: s.payer().map(str::to_string),
        payee: s.payee().map(str::to_string),
        amount: dec(s.amount()),
        net: dec(s.net),
        gross: dec(s.gross),
        capped: s.capped,
        complete: s.complete,
        reason: s.reason.clone(),
        lines: s
            .lines
            .iter()
            .map(|l| LineJson {
                section: l.section.clone(),
                period: l.period.to_string(),
                class: l.evaluation.as_ref().map(|e| e.class.to_string()),
                amount: dec(l.amount),
                missing: l.missing.iter().map(ToString::to_string).collect(),
                reason: l.reason.clone(),
                months: l
                    .months
                    .iter()
                    .map(|m| MonthJson {
                        month: m.month.to_string(),
                        class: m.evaluation.class.to_string(),
                        values: m
                            .evaluation
                            .factors
                            .iter()
                            .map(|f| (f.item.name().to_string(), dec(f.value)))
                            .collect(),
                        reason: m.evaluation.reason.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(crate) async fn settle(
    db: &str,
    id: &str,
    period: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let s = compute(&store, id, period).await?;
    if json {
        output::json(&settlement_json(&s))?;
        return Ok(ExitCode::SUCCESS);
    }
    output::line(&format!(
        "{}（{}） {}",
        s.agreement_name, s.agreement_id, s.period
    ))?;
    output::line(&format!("上游 {} → 下游 {}", s.upstream, s.downstream))?;
    match (s.payer(), s.payee()) {
        (Some(payer), Some(payee)) => output::line(&format!(
            "结论：{payer} 向 {payee} 支付 {} 万元",
            dec(s.amount())
        ))?,
        _ => output::line("结论：双方互不支付")?,
    }
    output::line("明细：")?;
    for l in &s.lines {
        for m in &l.months {
            output::line(&format!("  {}", m.evaluation.reason))?;
        }
        output::line(&format!("  ▸ {}", l.reason))?;
    }
    output::line(&format!("说明：{}", s.reason))?;
    if !s.complete {
        output::line("注意：部分月份缺少监测数据，结算不完整 (incomplete data)")?;
    }
    Ok(ExitCode::SUCCESS)
}
