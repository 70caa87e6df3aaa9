//! `ecogov inbox [--unit 水科] [read|ack|escalate]` — the notices of a unit.
//!
//! `ecogov inbox escalate` escalates every notice not acknowledged in time (default 24 hours, to
//! 办公室) and sends the escalations to the hook; run it from cron (e.g. hourly). Each water
//! import runs it too.

use super::hook;
use crate::cli::DbArg;
use crate::output;
use ecogov_domain::unit::UnitName;
use ecogov_store::{Escalation, InboxItem, Store, beijing_time_text};
use serde::Serialize;
use std::process::ExitCode;

/// The subcommands of `ecogov inbox`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum InboxSub {
    /// 标为已读 — mark a notice read
    Read {
        /// 通知编号 — notice number
        id: i64,
        /// 阅读人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 确认收到 — acknowledge a notice
    Ack {
        /// 通知编号 — notice number
        id: i64,
        /// 确认人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 逾期未确认的通知升级（可同时修改升级规则） — escalate overdue notices
    Escalate {
        /// 超过多少小时未确认即升级 — hours before escalation (sets the policy)
        #[arg(long)]
        after_hours: Option<u32>,
        /// 升级至哪个单位 — the unit escalated to (sets the policy)
        #[arg(long)]
        to: Option<String>,
        /// 操作人 — who
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct ItemJson {
    id: i64,
    unit: String,
    kind: &'static str,
    title: String,
    body: String,
    created_at: String,
    read_by: Option<String>,
    acknowledged_by: Option<String>,
    acknowledged_at: Option<String>,
    escalated: bool,
}

fn item_json(i: &InboxItem) -> ItemJson {
    ItemJson {
        id: i.id,
        unit: i.unit.clone(),
        kind: i.kind.code(),
        title: i.title.clone(),
        body: i.body.clone(),
        created_at: beijing_time_text(i.created_at),
        read_by: i.read.as_ref().map(|(_, by)| by.clone()),
        acknowledged_by: i.acknowledged.as_ref().map(|(_, by)| by.clone()),
        acknowledged_at: i.acknowledged.as_ref().map(|(t, _)| beijing_time_text(*t)),
        escalated: i.escalated_at.is_some(),
    }
}

fn state(i: &InboxItem) -> String {
    match (&i.acknowledged, &i.read) {
        (Some((_, by)), _) => format!("已确认（{by}）"),
        (None, Some(_)) if i.escalated_at.is_some() => "已读，已升级".into(),
        (None, Some(_)) => "已读".into(),
        (None, None) if i.escalated_at.is_some() => "未读，已升级".into(),
        (None, None) => "未读".into(),
    }
}

/// Escalates overdue notices and sends the escalations; returns how many were escalated.
pub(crate) async fn escalate(store: &Store, actor: &str) -> anyhow::Result<usize> {
    let now = jiff::Timestamp::now().as_second();
    let (created, queued) = store.escalate_overdue(now, actor).await?;
    for i in &created {
        output::line(&format!("升级 {} → {}：{}", i.ref_id, i.unit, i.title))?;
    }
    if !queued.is_empty() {
        hook::deliver(store, Some(&queued), false).await?;
    }
    Ok(created.len())
}

pub(crate) async fn run(
    command: Option<InboxSub>,
    unit: Option<&str>,
    all: bool,
    json: bool,
    db: &str,
) -> anyhow::Result<ExitCode> {
    match command {
        None => {
            let store = Store::open(db, false).await?;
            let items = store.inbox(unit, !all).await?;
            if json {
                let list: Vec<ItemJson> = items.iter().map(item_json).collect();
                output::json(&list)?;
                return Ok(ExitCode::SUCCESS);
            }
            if items.is_empty() {
                output::line("没有待确认的通知 (no open notices)")?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "编号".to_string(),
                "单位".into(),
                "时间".into(),
                "状态".into(),
                "标题".into(),
            ]];
            for i in &items {
                rows.push(vec![
                    i.id.to_string(),
                    i.unit.clone(),
                    beijing_time_text(i.created_at),
                    state(i),
                    i.title.clone(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(InboxSub::Read { id, by, db }) => {
            let store = Store::open(&db.db, false).await?;
            let i = store.mark_read(id, &by).await?;
            output::line(&format!("{} 已读：{}", i.unit, i.title))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(InboxSub::Ack { id, by, db }) => {
            let store = Store::open(&db.db, false).await?;
            let i = store.acknowledge(id, &by).await?;
            output::line(&format!("{} 已确认：{}", i.unit, i.title))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(InboxSub::Escalate {
            after_hours,
            to,
            by,
            db,
        }) => {
            let store = Store::open(&db.db, false).await?;
            if after_hours.is_some() || to.is_some() {
                let mut policy: Escalation = store.escalation().await?;
                if let Some(h) = after_hours {
                    policy.after_hours = h;
                }
                if let Some(u) = to {
                    policy.to_unit = UnitName::new(u.trim());
                }
                store.set_escalation(&policy, &by).await?;
            }
            let policy = store.escalation().await?;
            let n = escalate(&store, &by).await?;
            output::line(&format!(
                "超过{}小时未确认的通知升级至{}：本次 {n} 条 (escalated)",
                policy.after_hours, policy.to_unit
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
