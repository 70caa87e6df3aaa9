//! `ecogov target set|enter|record` — a threshold the province hands down (省下达), figures the
//! bureau reports (填报), and records an indicator counts; each recorded with who and when.

use crate::output;
use anyhow::{Context, bail};
use ecogov_domain::number::{parse_decimal, parse_non_negative};
use ecogov_domain::progress::parse_date;
use ecogov_domain::target::{Binding, Comparator, TargetIndicator, ThresholdSource};
use ecogov_domain::target_eval::{
    Component, EnteredFigure, RecordOutcome, TargetRecord, compute_figure, required_components,
};
use ecogov_store::{Store, StoredPlan};
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TargetCommand {
    /// 设定目标值（记录设定人和时间） — set a threshold (who and when are recorded)
    Set {
        /// 指标编号，如 air-pm25-annual-mean — target id
        #[arg(long)]
        id: String,
        /// 目标值 — threshold
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        /// 设定人 — who sets it
        #[arg(long)]
        by: String,
        /// 依据，如文件名 — source document or note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        db: crate::cli::DbArg,
    },
    /// 填报指标数据（注明来源和截止日期） — enter figures for an indicator, with source and date
    Enter {
        /// 指标编号 — target id
        #[arg(long)]
        id: String,
        /// 指标值（公式为填报值本身时） — the value, for indicators entered as such
        #[arg(long, allow_hyphen_values = true)]
        value: Option<String>,
        /// 公式所需的填报项，如 co2=495 gdp=840 co2_prev=500 gdp_prev=800 — figures of a formula
        #[arg(long = "figure", value_name = "CODE=VALUE")]
        figures: Vec<String>,
        /// 数据截止日期 — the date the figures hold for
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 数据来源，如 市统计局2023年统计公报 — source
        #[arg(long)]
        source: String,
        /// 填报人 — who enters it
        #[arg(long)]
        by: String,
        #[command(flatten)]
        db: crate::cli::DbArg,
    },
    /// 登记计数记录（放射源处置、事故） — add a record an indicator counts
    Record {
        /// 指标编号 — target id
        #[arg(long)]
        id: String,
        /// 日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 结果：safe 已安全处置 / unsafe 未安全处置 / pending 待处置 / occurred 已发生
        #[arg(long)]
        outcome: String,
        /// 说明 — description
        #[arg(long)]
        description: String,
        /// 录入人 — who enters it
        #[arg(long)]
        by: String,
        #[command(flatten)]
        db: crate::cli::DbArg,
    },
}

pub(crate) async fn run(command: TargetCommand) -> anyhow::Result<ExitCode> {
    match command {
        TargetCommand::Set {
            id,
            value,
            by,
            note,
            db,
        } => set(&db.db, &id, &value, &by, note.as_deref()).await,
        TargetCommand::Enter {
            id,
            value,
            figures,
            date,
            source,
            by,
            db,
        } => enter(&db.db, &id, value.as_deref(), &figures, &date, &source, &by).await,
        TargetCommand::Record {
            id,
            date,
            outcome,
            description,
            by,
            db,
        } => record(&db.db, &id, &date, &outcome, &description, &by).await,
    }
}

/// The target `id` of the stored plan, or an error listing the ids that fit `wanted`.
fn find<'a>(
    stored: &'a StoredPlan,
    id: &str,
    wanted: impl Fn(&TargetIndicator) -> bool,
) -> anyhow::Result<&'a TargetIndicator> {
    match stored.plan.targets.iter().find(|t| t.id == id.trim()) {
        Some(t) => Ok(t),
        None => {
            let ids: Vec<&str> = stored
                .plan
                .targets
                .iter()
                .filter(|t| wanted(t))
                .map(|t| t.id.as_str())
                .collect();
            bail!(
                "指标“{id}”不存在 (unknown target)；可用的指标：{}",
                ids.join(", ")
            )
        }
    }
}

fn required(text: &str, flag: &str, what: &str) -> anyhow::Result<String> {
    let t = text.trim();
    if t.is_empty() {
        bail!("{flag} 不能为空：须写明{what}");
    }
    Ok(t.to_string())
}

async fn enter(
    db: &str,
    id: &str,
    value: Option<&str>,
    figures: &[String],
    date: &str,
    source: &str,
    by: &str,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let is_entered = |t: &TargetIndicator| matches!(t.binding, Some(Binding::Entered(_)));
    let target = find(&stored, id, is_entered)?;
    let Some(Binding::Entered(formula)) = target.binding else {
        bail!(
            "“{}”不由填报数据计算 (this indicator is not computed from entered figures)",
            target.measure
        );
    };
    let date = parse_date(date)
        .with_context(|| format!("--date “{date}” 无效，应为 YYYY-MM-DD (bad date)"))?;
    if date < stored.plan.year_start() || date > stored.plan.year_end() {
        bail!(
            "--date {date} 不在计划年度 {} 内 (outside the plan year)",
            stored.plan.year
        );
    }
    let mut components = Vec::new();
    if let Some(v) = value {
        let v = parse_decimal(v).map_err(|e| anyhow::anyhow!("--value 无效：{e}"))?;
        components.push((Component::Value, v));
    }
    for f in figures {
        let (code, v) = f
            .split_once('=')
            .with_context(|| format!("--figure “{f}” 应写作 代码=数值 (CODE=VALUE)"))?;
        let c = Component::from_code(code).with_context(|| {
            let codes: Vec<String> = required_components(formula)
                .iter()
                .map(|c| format!("{}（{}）", c.code(), c.label()))
                .collect();
            format!(
                "--figure 代码“{code}”未知 (unknown code)；本指标需要：{}",
                codes.join("、")
            )
        })?;
        let v = parse_decimal(v).map_err(|e| anyhow::anyhow!("--figure {code} 无效：{e}"))?;
        if components.iter().any(|(k, _)| *k == c) {
            bail!("填报项 {code} 重复 (figure given twice)");
        }
        components.push((c, v));
    }
    let result = compute_figure(formula, &components)
        .map_err(|e| anyhow::anyhow!("“{}”：{e}", target.measure))?;
    let figure = EnteredFigure {
        target: target.id.clone(),
        as_of: date,
        components,
        source: required(source, "--source", "数据来源 (source)")?,
        entered_by: required(by, "--by", "填报人 (who enters it)")?,
        entered_at: 0,
    };
    store.enter_target_figure(stored.id, &figure).await?;
    output::line(&format!(
        "已填报 (entered)：{} = {}（截至 {date}，{}）",
        target.measure,
        ecogov_domain::target_eval::format_value(target, result),
        figure.source
    ))?;
    Ok(ExitCode::SUCCESS)
}

async fn record(
    db: &str,
    id: &str,
    date: &str,
    outcome: &str,
    description: &str,
    by: &str,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let counted = |t: &TargetIndicator| matches!(t.binding, Some(Binding::Records(_)));
    let target = find(&stored, id, counted)?;
    let Some(Binding::Records(rule)) = target.binding else {
        bail!(
            "“{}”不按记录计数 (this indicator does not count records)",
            target.measure
        );
    };
    let date = parse_date(date)
        .with_context(|| format!("--date “{date}” 无效，应为 YYYY-MM-DD (bad date)"))?;
    let outcome = RecordOutcome::from_code(outcome)
        .filter(|o| o.fits(rule))
        .with_context(|| {
            let fits: Vec<String> = RecordOutcome::ALL
                .into_iter()
                .filter(|o| o.fits(rule))
                .map(|o| format!("{}（{}）", o.code(), o.label()))
                .collect();
            format!(
                "--outcome “{outcome}” 不适用于本指标 (not valid here)；可用：{}",
                fits.join("、")
            )
        })?;
    let rec = TargetRecord {
        target: target.id.clone(),
        date,
        outcome,
        description: required(description, "--description", "说明 (description)")?,
        entered_by: required(by, "--by", "录入人 (who enters it)")?,
    };
    store.add_target_record(stored.id, &rec).await?;
    output::line(&format!(
        "已登记 (recorded)：{} {date} {} {}",
        target.measure,
        outcome.label(),
        rec.description
    ))?;
    Ok(ExitCode::SUCCESS)
}

async fn set(
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
