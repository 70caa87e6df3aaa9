//! `ecogov warning …` — 重污染天气预警: the scheme the bureau chose, forecasts (entered or
//! imported), the level a forecast window calls for (研判), the steps 发布/升级/降级/解除 with
//! their reasons, the log and the measures in force.

use super::hook;
use crate::cli::DbArg;
use crate::output;
use anyhow::{Context, bail};
use ecogov_domain::progress::parse_date;
use ecogov_domain::warning::{Forecast, Level, RangeBound, WarningState, assess};
use ecogov_standards::air::Pollutant;
use ecogov_store::{SCHEMES, Store, beijing_time_text, scheme_by_code};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommands of `ecogov warning`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum WarningCommand {
    /// 预警分级方案：查看或选择 — show or choose the scheme
    Scheme {
        /// 选择方案：mep_2017（2017年四级）或 guidance_2018（2018年三级） — choose a scheme
        #[arg(long)]
        choose: Option<String>,
        /// 以预测范围的上限或下限研判 — which end of a forecast range decides
        #[arg(long, value_parser = ["upper", "lower"], requires = "choose")]
        bound: Option<String>,
        /// 选择人 — who chooses
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 录入一天的预报 — enter one forecast day
    Forecast {
        /// 预报日期 — the day
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 预测AQI，如 210-260 或 230 — the AQI range
        #[arg(long)]
        aqi: String,
        /// 首要污染物，如 PM2.5 或 PM2.5,PM10 — primary pollutants
        #[arg(long)]
        primary: Option<String>,
        /// 录入人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 导入预报文件（CSV/XLSX：日期,AQI下限,AQI上限,首要污染物） — import forecast files
    Import {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 录入人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 研判：按所选方案判断自某日起的预报应发布的预警级别；--apply 记录发布/调整/解除 — assess
    Assess {
        /// 研判起始日（预报窗口第一天） — first day of the window
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 按研判结果发布、升级、降级或解除，并记录理由 — record the step
        #[arg(long)]
        apply: bool,
        /// 操作人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 按决定发布、调整或解除预警（须写明理由） — record a decided step with its reason
    Set {
        /// 日期 — the day it takes effect
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 级别：blue、yellow、orange、red 或 none（解除） — the level, or none to lift
        #[arg(long)]
        level: String,
        /// 理由 — reason
        #[arg(long)]
        reason: String,
        /// 操作人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 当前预警状态与应执行的措施 — the warning in force and its measures
    Status {
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 预警记录：每次发布、升级、降级、解除及理由 — every step with its reason
    Log {
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct EventJson {
    id: i64,
    kind: &'static str,
    label: &'static str,
    date: String,
    from: Option<&'static str>,
    to: Option<&'static str>,
    reason: String,
    scheme: String,
    actor: String,
    recorded_at: String,
}

#[derive(Serialize)]
struct AssessJson {
    date: String,
    scheme: String,
    level: Option<&'static str>,
    episode_days: usize,
    reason: String,
    recorded: Option<EventJson>,
}

fn date_arg(text: &str, flag: &str) -> anyhow::Result<jiff::civil::Date> {
    parse_date(text)
        .with_context(|| format!("{flag}: 日期“{text}”无效，应为 YYYY-MM-DD (bad date)"))
}

fn level_arg(text: &str) -> anyhow::Result<Option<Level>> {
    match text.trim() {
        "none" | "无" | "解除" => Ok(None),
        t => Level::ALL
            .into_iter()
            .find(|l| l.code() == t || l.colour() == t || l.to_string() == t)
            .map(Some)
            .with_context(|| {
                format!("--level: “{t}”应为 blue、yellow、orange、red 或 none (bad level)")
            }),
    }
}

fn pollutants(text: &str) -> anyhow::Result<Vec<Pollutant>> {
    let mut out = Vec::new();
    for name in text
        .split([',', '、', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let p = Pollutant::ALL
            .into_iter()
            .find(|p| p.symbol().eq_ignore_ascii_case(name) || p.name_zh() == name)
            .with_context(|| format!("--primary: 未知的污染物“{name}” (unknown pollutant)"))?;
        out.push(p);
    }
    Ok(out)
}

fn aqi_range(text: &str) -> anyhow::Result<(u16, u16)> {
    let bad = || format!("--aqi: “{text}”应为 0–500 的整数或范围，如 210-260 (bad AQI)");
    let n = |s: &str| s.trim().parse::<u16>().ok();
    match text.split_once(['-', '～', '~']) {
        Some((a, b)) => Ok((n(a).with_context(bad)?, n(b).with_context(bad)?)),
        None => {
            let v = n(text).with_context(bad)?;
            Ok((v, v))
        }
    }
}

fn event_json(e: &ecogov_store::StoredWarningEvent) -> EventJson {
    EventJson {
        id: e.id,
        kind: e.event.kind.code(),
        label: e.event.kind.label(),
        date: e.event.date.to_string(),
        from: e.event.from.map(Level::code),
        to: e.event.to.map(Level::code),
        reason: e.event.reason.clone(),
        scheme: e.scheme.clone(),
        actor: e.actor.clone(),
        recorded_at: beijing_time_text(e.recorded_at),
    }
}

async fn record(
    store: &Store,
    level: Option<Level>,
    date: jiff::civil::Date,
    reason: &str,
    by: &str,
) -> anyhow::Result<Option<ecogov_store::StoredWarningEvent>> {
    match store.record_warning_step(level, date, reason, by).await? {
        None => Ok(None),
        Some((event, deliveries)) => {
            if !deliveries.is_empty() {
                hook::deliver(store, Some(&deliveries), false).await?;
            }
            Ok(Some(event))
        }
    }
}

pub(crate) async fn run(command: WarningCommand) -> anyhow::Result<ExitCode> {
    match command {
        WarningCommand::Scheme {
            choose,
            bound,
            by,
            db,
        } => {
            let store = Store::open(&db.db, choose.is_some()).await?;
            if let Some(code) = choose {
                if scheme_by_code(&code).is_none() {
                    bail!(
                        "--choose: 未知的方案“{code}”，可选 {} (unknown scheme)",
                        SCHEMES.join("、")
                    );
                }
                let bound = match bound.as_deref() {
                    Some("lower") => RangeBound::Lower,
                    _ => RangeBound::Upper,
                };
                store.choose_warning_scheme(&code, bound, &by).await?;
            }
            let s = store.warning_settings().await?;
            output::line(&format!(
                "预警分级方案：{}（{}）{}；研判取预测范围{}；依据：{}",
                s.scheme.name(),
                s.code,
                if s.chosen {
                    ""
                } else {
                    "，默认，尚未由本局选定"
                },
                s.bound.label(),
                s.scheme.source()
            ))?;
            for rule in s.scheme.levels().iter().rev() {
                let groups: Vec<String> = rule
                    .any_of
                    .iter()
                    .map(|g| {
                        g.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("且")
                    })
                    .collect();
                output::line(&format!(
                    "  {}（{}）：{}",
                    rule.level,
                    rule.grade,
                    groups.join("；或")
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        WarningCommand::Forecast {
            date,
            aqi,
            primary,
            by,
            db,
        } => {
            let day = date_arg(&date, "--date")?;
            let (low, high) = aqi_range(&aqi)?;
            let primary = pollutants(primary.as_deref().unwrap_or(""))?;
            let f = Forecast::new(day, low, high, primary)
                .map_err(|e| anyhow::anyhow!("--aqi: {e}"))?;
            let store = Store::open(&db.db, true).await?;
            store
                .save_forecasts(std::slice::from_ref(&f), "cli", &by)
                .await?;
            output::line(&format!(
                "已录入预报 {day} AQI {} (forecast saved)",
                f.range_text()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        WarningCommand::Import { files, by, db } => {
            let store = Store::open(&db.db, true).await?;
            let mut failed = false;
            for path in &files {
                let parsed = ecogov_io::alerts::forecast::read(path)?;
                if !parsed.errors.is_empty() {
                    let problems: Vec<String> =
                        parsed.errors.iter().map(ToString::to_string).collect();
                    crate::import_cmd::refuse(path, &problems)?;
                    failed = true;
                    continue;
                }
                let list: Vec<Forecast> = parsed.records.into_iter().map(|r| r.value).collect();
                let name = path.display().to_string();
                store.save_forecasts(&list, &name, &by).await?;
                output::line(&format!(
                    "{name}: 已录入预报 {} 天 (forecast days saved)",
                    list.len()
                ))?;
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        WarningCommand::Assess {
            date,
            apply,
            by,
            json,
            db,
        } => {
            let day = date_arg(&date, "--date")?;
            let store = Store::open(&db.db, false).await?;
            let s = store.warning_settings().await?;
            let window = store.forecast_window(day).await?;
            let a = assess(&s.scheme, &window, s.bound)?;
            let recorded = if apply {
                record(&store, a.level, day, &a.reason, &by).await?
            } else {
                None
            };
            if json {
                output::json(&AssessJson {
                    date: day.to_string(),
                    scheme: s.code.clone(),
                    level: a.level.map(Level::code),
                    episode_days: a.episode_days,
                    reason: a.reason.clone(),
                    recorded: recorded.as_ref().map(event_json),
                })?;
                return Ok(ExitCode::SUCCESS);
            }
            output::line(&format!(
                "研判（{}，预报 {} 天）：{}",
                day,
                window.len(),
                a.level.map_or("不发布预警".to_string(), |l| l.to_string())
            ))?;
            output::line(&format!("理由：{}", a.reason))?;
            match (apply, &recorded) {
                (true, Some(e)) => output::line(&format!("已记录：{}", e.event.summary()))?,
                (true, None) => {
                    output::line("级别不变，未记录变更 (level unchanged, nothing recorded)")?
                }
                (false, _) => output::line("（未记录；加 --apply 按研判结果发布、调整或解除）")?,
            }
            Ok(ExitCode::SUCCESS)
        }
        WarningCommand::Set {
            date,
            level,
            reason,
            by,
            db,
        } => {
            let day = date_arg(&date, "--date")?;
            let level = level_arg(&level)?;
            let store = Store::open(&db.db, false).await?;
            match record(&store, level, day, &reason, &by).await? {
                Some(e) => output::line(&format!("已记录：{}", e.event.summary()))?,
                None => output::line("级别不变，未记录变更 (level unchanged, nothing recorded)")?,
            }
            Ok(ExitCode::SUCCESS)
        }
        WarningCommand::Status { json, db } => {
            let store = Store::open(&db.db, false).await?;
            let (log, _) = store.warning_log().await?;
            let measures = store.warning_measures().await?;
            let in_force = log
                .state()
                .level()
                .map(|l| measures.in_force(l))
                .unwrap_or_default();
            if json {
                let (level, issued, changed) = match log.state() {
                    WarningState::Inactive => (None, None, None),
                    WarningState::Active {
                        level,
                        issued_on,
                        changed_on,
                    } => (
                        Some(level.code()),
                        Some(issued_on.to_string()),
                        Some(changed_on.to_string()),
                    ),
                };
                output::json(&serde_json::json!({
                    "level": level,
                    "issued_on": issued,
                    "changed_on": changed,
                    "measures_example": measures.example,
                    "measures": in_force.iter().map(|m| serde_json::json!({"kind": m.kind.label(), "text": m.text})).collect::<Vec<_>>(),
                }))?;
                return Ok(ExitCode::SUCCESS);
            }
            match log.state() {
                WarningState::Inactive => output::line("当前无预警 (no warning in force)")?,
                WarningState::Active {
                    level,
                    issued_on,
                    changed_on,
                } => {
                    output::line(&format!(
                        "当前：{level}（{issued_on} 发布，{changed_on} 最近调整）"
                    ))?;
                    let note = if measures.example {
                        "（示例措施，须替换为本局应急预案）"
                    } else {
                        ""
                    };
                    output::line(&format!("应执行的措施{note}："))?;
                    for m in in_force {
                        output::line(&format!("  [{}] {}", m.kind.label(), m.text))?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        WarningCommand::Log { json, db } => {
            let store = Store::open(&db.db, false).await?;
            let (_, events) = store.warning_log().await?;
            if json {
                output::json(&events.iter().map(event_json).collect::<Vec<_>>())?;
                return Ok(ExitCode::SUCCESS);
            }
            if events.is_empty() {
                output::line("尚无预警记录 (no warning recorded)")?;
            }
            for e in &events {
                output::line(&format!(
                    "{}（{}，{}）",
                    e.event.summary(),
                    e.actor,
                    e.scheme
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
