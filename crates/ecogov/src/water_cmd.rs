//! `ecogov water class|lake|monthly` — water quality by GB 3838-2002 and the 评价办法.

use crate::output;
use anyhow::{Context, bail};
use ecogov_domain::water_assessment::{MonthlyBulletin, assess_month};
use ecogov_domain::water_data::{WaterParameter, WaterSection};
use ecogov_standards::water::lake::{TrophicParameter, trophic_state};
use ecogov_standards::water::section::{ExceedanceBasis, SectionRule, evaluate_section};
use ecogov_standards::water::{Item, Measurement, WaterBody};
use ecogov_store::Store;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum WaterCommand {
    /// 逐行评价水质自动站导出文件（不需数据库） — classify every row of an automatic-station export
    Class {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 断面名录所在数据库（可选；不在名录中的断面按河流评价） — database with the section registry
        #[arg(long)]
        db: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 湖库综合营养状态指数 TLI(Σ) — lake trophic state
    Lake {
        /// 参数=值，如 chla=10 TP=0.05 TN=1.2 SD=0.8 CODMn=4 — parameter=value pairs
        #[arg(required = true)]
        values: Vec<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 月度跨界断面考核通报 — the monthly section bulletin
    Monthly {
        /// 月份 — month
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[command(flatten)]
        db: crate::cli::DbArg,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        /// 另存为 Excel — also write the bulletin to this .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
}

pub(crate) async fn run(command: WaterCommand) -> anyhow::Result<ExitCode> {
    match command {
        WaterCommand::Class { files, db, json } => class(&files, db.as_deref(), json).await,
        WaterCommand::Lake { values, json } => lake(&values, json),
        WaterCommand::Monthly {
            month,
            db,
            json,
            xlsx,
        } => monthly(&month, &db.db, json, xlsx.as_deref()).await,
    }
}

#[derive(Serialize)]
struct ClassRow {
    section: String,
    time: String,
    class: Option<String>,
    reported_class: Option<String>,
    meets_target: Option<bool>,
    main_pollutants: Vec<String>,
    evaluated_as: &'static str,
    in_registry: bool,
    problem: Option<String>,
}

async fn class(files: &[PathBuf], db: Option<&str>, as_json: bool) -> anyhow::Result<ExitCode> {
    let registry: HashMap<String, WaterSection> = match db {
        Some(db) => Store::open(db, false)
            .await?
            .water_sections()
            .await?
            .into_iter()
            .map(|s| (s.name.clone(), s))
            .collect(),
        None => HashMap::new(),
    };
    let mut rows = Vec::new();
    let mut bad = 0usize;
    for path in files {
        let parsed = ecogov_io::water::automatic::read(path)?;
        for e in &parsed.errors {
            eprintln!("{e}");
        }
        bad += parsed.errors.len();
        for record in parsed.records {
            let r = record.value;
            let known = registry.get(&r.section);
            let rule = match known {
                Some(s) => SectionRule {
                    body: s.body,
                    target: s.target,
                    basis: ExceedanceBasis::ClassIII,
                },
                None => SectionRule::river(),
            };
            let values: Vec<(Item, Measurement)> = r
                .samples
                .iter()
                .filter_map(|s| match s.parameter {
                    WaterParameter::Basic(item) => Some((item, s.value)),
                    _ => None,
                })
                .collect();
            let evaluated = evaluate_section(&values, &rule);
            rows.push(ClassRow {
                section: r.section.clone(),
                time: r.time.strftime("%Y-%m-%d %H:%M").to_string(),
                class: evaluated.as_ref().ok().map(|e| e.class.to_string()),
                reported_class: r.reported_class.map(|c| c.to_string()),
                meets_target: evaluated.as_ref().ok().and_then(|e| e.meets_target()),
                main_pollutants: evaluated
                    .as_ref()
                    .map(|e| e.main_pollutants.iter().map(|p| p.label(2)).collect())
                    .unwrap_or_default(),
                evaluated_as: match rule.body {
                    WaterBody::River => "river",
                    WaterBody::LakeReservoir => "lake",
                },
                in_registry: known.is_some(),
                problem: evaluated.err().map(|e| e.to_string()),
            });
        }
    }
    if as_json {
        output::json(&rows)?;
    } else {
        let mut table = vec![vec![
            "断面".to_string(),
            "时间".into(),
            "类别".into(),
            "报送类别".into(),
            "主要污染指标".into(),
            "说明".into(),
        ]];
        for r in &rows {
            let note = match (r.in_registry, &r.problem) {
                (_, Some(p)) => p.clone(),
                (false, None) => {
                    "不在断面名录中，按河流评价 (not registered: evaluated as a river)".into()
                }
                (true, None) => String::new(),
            };
            table.push(vec![
                r.section.clone(),
                r.time.clone(),
                r.class.clone().unwrap_or_default(),
                r.reported_class.clone().unwrap_or_default(),
                r.main_pollutants.join("、"),
                note,
            ]);
        }
        output::line(&output::table(&table))?;
    }
    if bad > 0 {
        eprintln!("{bad} 行有误，已跳过（见上） ({bad} bad rows skipped)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn lake(values: &[String], as_json: bool) -> anyhow::Result<ExitCode> {
    let mut parsed = Vec::new();
    for v in values {
        let Some((name, number)) = v.split_once('=') else {
            bail!("“{v}” 应写作 参数=值，如 TP=0.05 (write parameter=value)");
        };
        let p: TrophicParameter = name.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        let d = ecogov_domain::number::parse_non_negative(number)
            .with_context(|| format!("{name} 的值无效 (bad value)"))?;
        parsed.push((p, d));
    }
    let state = trophic_state(&parsed).map_err(|e| anyhow::anyhow!("{e}"))?;
    if as_json {
        #[derive(Serialize)]
        struct Out {
            tli: String,
            class: String,
        }
        output::json(&Out {
            tli: state.rounded().to_string(),
            class: state.class().to_string(),
        })?;
    } else {
        output::line(&format!("TLI(Σ) = {}，{}", state.rounded(), state.class()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The bulletin of `month` (`YYYY-MM`) from the store.
pub(crate) async fn bulletin(store: &Store, month: &str) -> anyhow::Result<MonthlyBulletin> {
    let first = ecogov_domain::progress::parse_date(&format!("{month}-01"))
        .with_context(|| format!("--month “{month}” 无效，应为 YYYY-MM (bad month)"))?;
    Ok(assess_month(first, &store.water_month(first).await?))
}

async fn monthly(
    month: &str,
    db: &str,
    as_json: bool,
    xlsx: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let b = bulletin(&store, month).await?;
    let synthetic = store.has_synthetic_data().await?;
    if let Some(path) = xlsx {
        ecogov_io::export::bulletin_xlsx(path, &b, synthetic)?;
    }
    if as_json {
        output::json(&BulletinJson::of(&b, synthetic))?;
    } else {
        let mut table = vec![vec![
            "排名".to_string(),
            "断面".into(),
            "责任区镇街道".into(),
            "目标".into(),
            "类别".into(),
            "达标".into(),
            "主要污染指标".into(),
        ]];
        for s in &b.sections {
            table.push(vec![
                s.rank.map(|r| r.to_string()).unwrap_or_default(),
                s.section.name.clone(),
                s.section.district.clone().unwrap_or_default(),
                s.section.target.map(|c| c.to_string()).unwrap_or_default(),
                s.class
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "无数据".into()),
                match s.meets_target {
                    Some(true) => "达标".into(),
                    Some(false) => "未达标".into(),
                    None => String::new(),
                },
                s.main_pollutants.join("、"),
            ]);
        }
        let label = if synthetic { "（模拟数据）" } else { "" };
        output::line(&format!(
            "{}年{}月跨界断面水质通报{label}",
            b.month.year(),
            b.month.month()
        ))?;
        output::line(&output::table(&table))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct BulletinJson {
    month: String,
    synthetic: bool,
    evaluated: usize,
    good: usize,
    worse_than_v: usize,
    meeting_target: usize,
    with_target: usize,
    sections: Vec<SectionJson>,
}

#[derive(Serialize)]
struct SectionJson {
    rank: Option<usize>,
    section: String,
    water: String,
    district: Option<String>,
    upstream: Option<String>,
    downstream: Option<String>,
    target: Option<String>,
    class: Option<String>,
    meets_target: Option<bool>,
    main_pollutants: Vec<String>,
    samples: usize,
    problem: Option<String>,
}

impl BulletinJson {
    fn of(b: &MonthlyBulletin, synthetic: bool) -> Self {
        let (good, worse_than_v) = b.good_and_worst();
        let (meeting_target, with_target) = b.meeting_target();
        BulletinJson {
            month: b.month.strftime("%Y-%m").to_string(),
            synthetic,
            evaluated: b.evaluated(),
            good,
            worse_than_v,
            meeting_target,
            with_target,
            sections: b
                .sections
                .iter()
                .map(|s| SectionJson {
                    rank: s.rank,
                    section: s.section.name.clone(),
                    water: s.section.water.clone(),
                    district: s.section.district.clone(),
                    upstream: s.section.upstream.clone(),
                    downstream: s.section.downstream.clone(),
                    target: s.section.target.map(|c| c.to_string()),
                    class: s.class.map(|c| c.to_string()),
                    meets_target: s.meets_target,
                    main_pollutants: s.main_pollutants.clone(),
                    samples: s.samples,
                    problem: s.problem.clone(),
                })
                .collect(),
        }
    }
}
