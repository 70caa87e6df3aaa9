//! `ecogov draw plan|commit|run|reveal|show|list|verify` — verifiable 双随机 draws.
//!
//! The steps: `plan` fixes the inputs (published as canonical text with its digest); `commit`
//! fixes the secret seed and publishes its SHA-256 commitment; `run` draws and publishes the
//! result; `reveal` discloses the seed; `verify` re-runs the draw from the published texts and
//! seed and checks that everything matches.

use super::common::{ByArg, open, seed};
use crate::cli::DbArg;
use crate::output;
use anyhow::{Context, anyhow, bail};
use ecogov_domain::draw::{DrawResult, Share};
use ecogov_domain::enterprise::SupervisionClass;
use ecogov_store::{StoredDraw, draw_text};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum DrawCommand {
    /// 编制抽查计划：按当前企业名录、执法人员名录和回避关系固定抽取输入 — fix a draw's inputs
    Plan {
        /// 抽查期次，如 2023年第三季度 — period label
        #[arg(long)]
        period: String,
        /// 每个检查组的执法人员人数（至少 2） — inspectors per inspection
        #[arg(long, default_value_t = 2)]
        per_inspection: usize,
        /// 抽查对象库及比例，如 key=10% general=5 special=100%（可多次） — pool=share
        #[arg(long = "pool", value_name = "CLASS=SHARE", required = true)]
        pools: Vec<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 公布承诺：生成秘密种子并公布其 SHA-256 — fix the secret seed, publish its commitment
    Commit {
        /// 抽取编号 — draw number
        id: i64,
        /// 种子（十六进制，至少 16 字节；默认取自系统随机源） — seed in hex (default: OS random)
        #[arg(long, value_name = "HEX")]
        seed: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 抽取：按固定输入和已承诺的种子抽取并公布结果 — run the draw
    Run {
        /// 抽取编号 — draw number
        id: i64,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 公开种子 — disclose the seed
    Reveal {
        /// 抽取编号 — draw number
        id: i64,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看一次抽取；--out 目录另存公示文件 — show a draw; --out writes the published files
    Show {
        /// 抽取编号 — draw number
        id: i64,
        /// 公示文件目录（inputs.txt、commitment.txt、result.txt、seed.txt） — write published files
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 列出抽取 — list draws
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// 验证抽取：按公布的输入和种子重新抽取并比对 — verify a draw
    Verify {
        /// 数据库中的抽取编号（或改用下面四个公示文件参数） — a stored draw's number
        id: Option<i64>,
        /// 公布的抽取输入文件 — published inputs text
        #[arg(long, value_name = "FILE", conflicts_with = "id", requires_all = ["result", "seed", "commitment"])]
        inputs: Option<PathBuf>,
        /// 公布的抽取结果文件 — published result text
        #[arg(long, value_name = "FILE")]
        result: Option<PathBuf>,
        /// 公开的种子（十六进制） — disclosed seed
        #[arg(long, value_name = "HEX")]
        seed: Option<String>,
        /// 事先公布的承诺值 — commitment published before the draw
        #[arg(long, value_name = "HEX")]
        commitment: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
}

fn pool(text: &str) -> anyhow::Result<(SupervisionClass, Share)> {
    let bad = || {
        anyhow!(
            "--pool “{text}” 应为 类别=比例 或 类别=数量，如 key=10%、general=5 (expected CLASS=PERCENT% or CLASS=COUNT)"
        )
    };
    let (class, share) = text.split_once('=').ok_or_else(bad)?;
    let class = SupervisionClass::parse(class).ok_or_else(bad)?;
    let share = match share.trim().strip_suffix('%') {
        Some(p) => Share::Percent(p.trim().parse::<Decimal>().map_err(|_| bad())?),
        None => Share::Count(share.trim().parse::<usize>().map_err(|_| bad())?),
    };
    Ok((class, share))
}

#[derive(Serialize)]
struct Json<'a> {
    id: i64,
    period: &'a str,
    state: &'static str,
    state_label: &'static str,
    inputs_digest: &'a str,
    commitment: Option<&'a str>,
    seed: Option<&'a str>,
    assignments: Vec<JsonAssignment>,
}

#[derive(Serialize)]
struct JsonAssignment {
    pool: String,
    enterprise: String,
    inspectors: Vec<String>,
}

fn result_of(d: &StoredDraw) -> anyhow::Result<Option<DrawResult>> {
    d.parsed_result()
        .transpose()
        .map_err(|e| anyhow!("抽取 {} 的结果无法读取：{e}", d.id))
}

fn summary(d: &StoredDraw) -> anyhow::Result<()> {
    output::line(&format!(
        "抽取 {}：{}（{}）",
        d.id,
        d.period,
        d.state.label()
    ))?;
    output::line(&format!("输入摘要 (inputs digest): {}", d.inputs_digest))?;
    if let Some(c) = &d.commitment {
        output::line(&format!("承诺值 (commitment): {c}"))?;
    }
    if let Some(s) = &d.seed {
        output::line(&format!("种子 (seed): {s}"))?;
    }
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> anyhow::Result<()> {
    let path = dir.join(name);
    std::fs::write(&path, text)
        .with_context(|| format!("{}: 无法写入 (cannot write)", path.display()))
}

async fn show(db: &str, id: i64, out: Option<&Path>, json: bool) -> anyhow::Result<()> {
    let store = open(db).await?;
    let d = store.draw(id).await?;
    let result = result_of(&d)?;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| {
            format!("{}: 无法建立目录 (cannot create directory)", dir.display())
        })?;
        write(dir, "inputs.txt", &d.inputs)?;
        if let Some(c) = &d.commitment {
            write(dir, "commitment.txt", &format!("{c}\n"))?;
        }
        if let Some(r) = &d.result {
            write(dir, "result.txt", r)?;
        }
        if let Some(s) = &d.seed {
            write(dir, "seed.txt", &format!("{s}\n"))?;
        }
    }
    if json {
        let assignments = result
            .iter()
            .flat_map(|r| r.assignments.iter())
            .map(|a| JsonAssignment {
                pool: a.pool.to_string(),
                enterprise: a.enterprise.to_string(),
                inspectors: a.inspectors.iter().map(|i| i.to_string()).collect(),
            })
            .collect();
        return output::json(&Json {
            id: d.id,
            period: &d.period,
            state: d.state.code(),
            state_label: d.state.label(),
            inputs_digest: &d.inputs_digest,
            commitment: d.commitment.as_deref(),
            seed: d.seed.as_deref(),
            assignments,
        });
    }
    summary(&d)?;
    if let Some(r) = result {
        let names: std::collections::HashMap<String, String> = store
            .enterprises()
            .await?
            .into_iter()
            .map(|e| (e.credit_code().to_string(), e.name().to_string()))
            .collect();
        let mut rows = vec![vec![
            "对象库".to_string(),
            "统一社会信用代码".into(),
            "企业名称".into(),
            "执法人员".into(),
        ]];
        for a in &r.assignments {
            rows.push(vec![
                a.pool.to_string(),
                a.enterprise.to_string(),
                names
                    .get(a.enterprise.as_str())
                    .cloned()
                    .unwrap_or_default(),
                a.inspectors
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ]);
        }
        output::line(output::table(&rows).trim_end())?;
    }
    if let Some(dir) = out {
        output::line(&format!(
            "公示文件已写入 {} (published files written)",
            dir.display()
        ))?;
    }
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("{}: 无法读取 (cannot read)", path.display()))
}

pub(crate) async fn run(command: DrawCommand) -> anyhow::Result<ExitCode> {
    match command {
        DrawCommand::Plan {
            period,
            per_inspection,
            pools,
            db,
            by,
        } => {
            let shares = pools
                .iter()
                .map(|p| pool(p))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let store = open(&db.db).await?;
            let d = store
                .plan_draw(&period, per_inspection, &shares, &by.by)
                .await?;
            summary(&d)?;
            output::line(&format!(
                "下一步：ecogov draw commit {} 公布承诺值 (next: commit)",
                d.id
            ))?;
        }
        DrawCommand::Commit {
            id,
            seed: hex,
            db,
            by,
        } => {
            let seed = seed(hex.as_deref())?;
            let store = open(&db.db).await?;
            let d = store.commit_draw(id, &seed, &by.by).await?;
            summary(&d)?;
            output::line(
                "请在抽取前公布上述承诺值和抽取输入（ecogov draw show --out）。种子在公开前保密。",
            )?;
        }
        DrawCommand::Run { id, db, by } => {
            let store = open(&db.db).await?;
            store.run_committed_draw(id, &by.by).await?;
            show(&db.db, id, None, false).await?;
        }
        DrawCommand::Reveal { id, db, by } => {
            let store = open(&db.db).await?;
            let d = store.reveal_draw(id, &by.by).await?;
            summary(&d)?;
        }
        DrawCommand::Show { id, out, json, db } => show(&db.db, id, out.as_deref(), json).await?,
        DrawCommand::List { db } => {
            let store = open(&db.db).await?;
            let mut rows = vec![vec![
                "编号".to_string(),
                "期次".into(),
                "状态".into(),
                "承诺值".into(),
            ]];
            for d in store.draws().await? {
                rows.push(vec![
                    d.id.to_string(),
                    d.period.clone(),
                    d.state.label().into(),
                    d.commitment.clone().unwrap_or_default(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
        }
        DrawCommand::Verify {
            id,
            inputs,
            result,
            seed,
            commitment,
            db,
        } => {
            let (inputs_text, result_text, seed_hex, commitment_hex) = match (id, inputs) {
                (Some(id), _) => {
                    let store = open(&db.db).await?;
                    let d = store.draw(id).await?;
                    let Some(seed) = d.seed.clone() else {
                        bail!("抽取 {id} 的种子尚未公开，不能验证 (seed not disclosed yet)");
                    };
                    let (Some(r), Some(c)) = (d.result.clone(), d.commitment.clone()) else {
                        bail!("抽取 {id} 尚无结果 (no result yet)");
                    };
                    (d.inputs, r, seed, c)
                }
                (None, Some(inputs)) => (
                    read(&inputs)?,
                    read(
                        result
                            .as_deref()
                            .context("缺少 --result (missing --result)")?,
                    )?,
                    seed.context("缺少 --seed (missing --seed)")?,
                    commitment.context("缺少 --commitment (missing --commitment)")?,
                ),
                (None, None) => bail!(
                    "请给出抽取编号，或 --inputs --result --seed --commitment (give a draw number or the published files)"
                ),
            };
            let r =
                draw_text::verify_published(&inputs_text, &result_text, &seed_hex, &commitment_hex)
                    .map_err(|e| anyhow!("验证未通过 (verification failed)：{e}"))?;
            output::line(&format!(
                "验证通过：种子与承诺值相符，输入摘要相符，按公布的输入和种子重新抽取的 {} 项检查与公布结果一致 (verified)",
                r.assignments.len()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
