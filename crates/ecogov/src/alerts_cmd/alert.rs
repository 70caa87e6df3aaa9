//! `ecogov alert list|ack|config` — 水质预警, and the alert step of `ecogov import water`.
//!
//! [`after_water_import`] runs the three rules of `ecogov_domain::water_alert` on the automatic
//! readings just imported (with the last stored reading before them, for 突变), stores the
//! alerts not raised before, delivers them to the inboxes of the recipients (水科 and 监测站 by
//! default) and to the outbound hook — all within the import command.

use super::hook;
use crate::cli::DbArg;
use crate::output;
use anyhow::{Context, bail};
use ecogov_domain::number::parse_decimal;
use ecogov_domain::unit::UnitName;
use ecogov_domain::water_alert::{MonthDay, evaluate};
use ecogov_domain::water_data::WaterSample;
use ecogov_store::{Store, StoredAlert};
use serde::Serialize;
use std::process::ExitCode;

/// The subcommands of `ecogov alert`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AlertSub {
    /// 预警列表（最新在前） — the latest alerts
    List {
        /// 条数 — how many
        #[arg(long, default_value_t = 50)]
        limit: u64,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 确认收到预警 — acknowledge an alert for a unit
    Ack {
        /// 预警编号 — alert number
        id: i64,
        /// 确认单位，如 水科 — the unit acknowledging
        #[arg(long)]
        unit: String,
        /// 确认人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 查看或修改预警规则设置 — show or change the rule settings
    Config {
        /// 突变比例，如 0.5 — sudden-change ratio
        #[arg(long)]
        change_ratio: Option<String>,
        /// 水华预警断面，逗号分隔 — bloom-watch sections
        #[arg(long)]
        bloom_sections: Option<String>,
        /// 水华预警期，如 01-01..04-30 — bloom-watch season
        #[arg(long)]
        bloom_season: Option<String>,
        /// 叶绿素a阈值（µg/L） — chlorophyll-a threshold
        #[arg(long)]
        chlorophyll: Option<String>,
        /// 接收单位，逗号分隔 — recipient units
        #[arg(long)]
        recipients: Option<String>,
        /// 设置人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct AlertJson {
    id: i64,
    rule: &'static str,
    rule_label: &'static str,
    section: String,
    parameter: String,
    time: String,
    value: String,
    message: String,
    acknowledged: Vec<AckJson>,
}

#[derive(Serialize)]
struct AckJson {
    unit: String,
    acknowledged: bool,
}

fn alert_json(a: &StoredAlert) -> AlertJson {
    AlertJson {
        id: a.id,
        rule: a.rule.code(),
        rule_label: a.rule.label(),
        section: a.section.clone(),
        parameter: a.parameter.name().to_string(),
        time: a.time.strftime("%Y-%m-%d %H:%M").to_string(),
        value: a.value.to_string(),
        message: a.message.clone(),
        acknowledged: a
            .acknowledged
            .iter()
            .map(|(u, ok)| AckJson {
                unit: u.clone(),
                acknowledged: *ok,
            })
            .collect(),
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn month_day(text: &str) -> Option<MonthDay> {
    let (m, d) = text.trim().split_once('-')?;
    MonthDay::new(m.parse().ok()?, d.parse().ok()?).ok()
}

pub(crate) async fn run(command: AlertSub) -> anyhow::Result<ExitCode> {
    match command {
        AlertSub::List { limit, json, db } => {
            let store = Store::open(&db.db, false).await?;
            let alerts = store.water_alerts(limit).await?;
            if json {
                let list: Vec<AlertJson> = alerts.iter().map(alert_json).collect();
                output::json(&list)?;
                return Ok(ExitCode::SUCCESS);
            }
            if alerts.is_empty() {
                output::line("暂无水质预警 (no alerts)")?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "编号".to_string(),
                "规则".into(),
                "断面".into(),
                "时间".into(),
                "确认".into(),
                "内容".into(),
            ]];
            for a in &alerts {
                let acks: Vec<String> = a
                    .acknowledged
                    .iter()
                    .map(|(u, ok)| format!("{u}{}", if *ok { "✓" } else { "✗" }))
                    .collect();
                rows.push(vec![
                    a.id.to_string(),
                    a.rule.label().to_string(),
                    a.section.clone(),
                    a.time.strftime("%Y-%m-%d %H:%M").to_string(),
                    acks.join(" "),
                    a.message.clone(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
        AlertSub::Ack { id, unit, by, db } => {
            let store = Store::open(&db.db, false).await?;
            store.acknowledge_alert(id, &unit, &by).await?;
            output::line(&format!("{unit} 已确认预警 {id} (acknowledged)"))?;
            Ok(ExitCode::SUCCESS)
        }
        AlertSub::Config {
            change_ratio,
            bloom_sections,
            bloom_season,
            chlorophyll,
            recipients,
            by,
            db,
        } => {
            let store = Store::open(&db.db, true).await?;
            let mut c = store.alert_config().await?;
            let mut changed = false;
            if let Some(r) = change_ratio {
                c.change_ratio = parse_decimal(&r).map_err(|_| {
                    anyhow::anyhow!("--change-ratio: “{r}”不是数值 (not a decimal)")
                })?;
                changed = true;
            }
            if let Some(s) = bloom_sections {
                c.bloom.sections = split_list(&s);
                let known: Vec<String> = store
                    .water_sections()
                    .await?
                    .into_iter()
                    .map(|s| s.name)
                    .collect();
                if let Some(u) = c.bloom.sections.iter().find(|s| !known.contains(s)) {
                    bail!("--bloom-sections: 未登记的断面“{u}” (unknown section)");
                }
                changed = true;
            }
            if let Some(s) = bloom_season {
                let (a, b) = s
                    .split_once("..")
                    .and_then(|(a, b)| Some((month_day(a)?, month_day(b)?)))
                    .with_context(|| {
                        format!("--bloom-season: “{s}”应为 MM-DD..MM-DD (expected MM-DD..MM-DD)")
                    })?;
                c.bloom.season_start = a;
                c.bloom.season_end = b;
                changed = true;
            }
            if let Some(v) = chlorophyll {
                c.bloom.chlorophyll_ug_per_l = parse_decimal(&v)
                    .map_err(|_| anyhow::anyhow!("--chlorophyll: “{v}”不是数值 (not a decimal)"))?;
                changed = true;
            }
            if let Some(r) = recipients {
                c.recipients = split_list(&r).iter().map(|u| UnitName::new(u)).collect();
                changed = true;
            }
            if changed {
                c.validate()?;
                store.set_alert_config(&c, &by).await?;
            }
            let recipients: Vec<&str> = c.recipients.iter().map(UnitName::as_str).collect();
            output::line(&format!(
                "突变比例 {}；水华预警断面 {}；预警期 {}至{}；叶绿素a阈值 {} µg/L；接收单位 {}",
                c.change_ratio.normalize(),
                if c.bloom.sections.is_empty() {
                    "（未设置）".to_string()
                } else {
                    c.bloom.sections.join("、")
                },
                c.bloom.season_start,
                c.bloom.season_end,
                c.bloom.chlorophyll_ug_per_l.normalize(),
                recipients.join("、")
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The alert step of a successful water import (`import_id` is the import record): evaluates
/// the automatic readings of `samples`, stores the new alerts, fills the inboxes and sends the
/// hook deliveries. Re-importing the same file raises nothing new (alerts are unique by key).
pub(crate) async fn after_water_import(
    store: &Store,
    samples: &[WaterSample],
    import_id: Option<i64>,
) -> anyhow::Result<()> {
    let readings = store.alert_readings(samples).await?;
    let Some(since) = readings.iter().map(|s| s.time).min() else {
        return Ok(());
    };
    let raised_before = store.alert_keys_since(since).await?;
    let sections = store.water_sections().await?;
    let config = store.alert_config().await?;
    let alerts = evaluate(&readings, &sections, &config, &raised_before)
        .context("水质预警规则设置有误 (alert settings refused)")?;
    let raised = store.raise_water_alerts(&alerts, import_id, "cli").await?;
    for a in &raised.alerts {
        let units: Vec<&str> = a.acknowledged.iter().map(|(u, _)| u.as_str()).collect();
        output::line(&format!(
            "水质预警 {}【{}】{} → {}",
            a.id,
            a.rule.label(),
            a.message,
            units.join("、")
        ))?;
    }
    if !raised.alerts.is_empty() {
        output::line(&format!(
            "新预警 {} 条，站内通知 {} 条 (new alerts, inbox notices)",
            raised.alerts.len(),
            raised.notices
        ))?;
    }
    if !raised.deliveries.is_empty() {
        let (sent, failed) = hook::deliver(store, Some(&raised.deliveries), false).await?;
        output::line(&format!(
            "外发：送达 {sent}，失败 {failed} (hook: delivered, failed)"
        ))?;
    }
    super::inbox::escalate(store, "cli").await?;
    Ok(())
}
