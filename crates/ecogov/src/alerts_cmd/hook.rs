//! `ecogov hook show|set|clear|retry|log` — the outbound hook the administrator configures
//! (a webhook URL on the intranet, or a command), and the delivery of queued notices.
//!
//! The JSON a receiver gets (POST body, or the command's standard input):
//!
//! ```json
//! {"source":"ecogov","delivery":12,"kind":"water_alert","kind_label":"水质预警","ref":7,
//!  "title":"【超过水质目标】…","body":"…","units":["水科","监测站"],"created_at":1700000000}
//! ```

use super::http;
use crate::cli::DbArg;
use crate::output;
use anyhow::bail;
use ecogov_store::{Delivery, HookTarget, Store, beijing_time_text};
use std::process::ExitCode;

/// The subcommands of `ecogov hook`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum HookSub {
    /// 查看外发通道 — show the hook
    Show {
        #[command(flatten)]
        db: DbArg,
    },
    /// 设置外发通道（二选一） — set the hook: a webhook URL or a command
    Set {
        /// 内网 webhook 地址（http://…），收到 JSON POST — webhook URL
        #[arg(long, conflicts_with = "command", required_unless_present = "command")]
        url: Option<String>,
        /// 命令路径，JSON 从标准输入传入 — a program given the JSON on standard input
        #[arg(long)]
        command: Option<String>,
        /// 设置人 — who sets it
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 取消外发通道 — remove the hook
    Clear {
        /// 设置人 — who removes it
        #[arg(long, default_value = "cli")]
        by: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 重新发送未送达的通知 — send again every notice not delivered
    Retry {
        #[command(flatten)]
        db: DbArg,
    },
    /// 外发记录 — the latest deliveries
    Log {
        /// 条数 — how many
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[command(flatten)]
        db: DbArg,
    },
}

pub(crate) async fn run(command: HookSub) -> anyhow::Result<ExitCode> {
    match command {
        HookSub::Show { db } => {
            let store = Store::open(&db.db, false).await?;
            match store.hook().await? {
                None => output::line("未设置外发通道 (no hook configured)")?,
                Some(HookTarget::Url(u)) => output::line(&format!("webhook: {u}"))?,
                Some(HookTarget::Command(c)) => output::line(&format!("命令 (command): {c}"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        HookSub::Set {
            url,
            command,
            by,
            db,
        } => {
            let target = match (url, command) {
                (Some(u), None) => {
                    http::parse_url(&u).map_err(|e| anyhow::anyhow!("--url: {e}"))?;
                    HookTarget::Url(u.trim().to_string())
                }
                (None, Some(c)) => {
                    if !std::path::Path::new(&c).is_file() {
                        bail!("--command: 找不到程序 {c} (no such program file)");
                    }
                    HookTarget::Command(c)
                }
                _ => bail!("请给出 --url 或 --command 之一 (give --url or --command)"),
            };
            let store = Store::open(&db.db, true).await?;
            store.set_hook(Some(&target), &by).await?;
            output::line(&format!("已设置外发通道 (hook set): {}", target.encode()))?;
            Ok(ExitCode::SUCCESS)
        }
        HookSub::Clear { by, db } => {
            let store = Store::open(&db.db, false).await?;
            store.set_hook(None, &by).await?;
            output::line("已取消外发通道 (hook removed)")?;
            Ok(ExitCode::SUCCESS)
        }
        HookSub::Retry { db } => {
            let store = Store::open(&db.db, false).await?;
            let (sent, failed) = deliver(&store, None, true).await?;
            output::line(&format!("送达 {sent}，失败 {failed} (delivered, failed)"))?;
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        HookSub::Log { limit, db } => {
            let store = Store::open(&db.db, false).await?;
            let mut rows = vec![vec![
                "编号".to_string(),
                "时间".into(),
                "状态".into(),
                "次数".into(),
                "通知".into(),
                "错误".into(),
            ]];
            for d in store.deliveries(limit).await? {
                rows.push(vec![
                    d.id.to_string(),
                    beijing_time_text(d.created_at),
                    d.status.label().to_string(),
                    d.attempts.to_string(),
                    output::clip(&d.title, 40),
                    d.last_error.unwrap_or_default(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The JSON notice of a delivery.
pub(crate) fn payload(d: &Delivery) -> String {
    serde_json::json!({
        "source": "ecogov",
        "delivery": d.id,
        "kind": d.kind.code(),
        "kind_label": d.kind.label(),
        "ref": d.ref_id,
        "title": d.title,
        "body": d.body,
        "units": d.units.iter().map(|u| u.as_str()).collect::<Vec<_>>(),
        "created_at": d.created_at,
    })
    .to_string()
}

/// Sends the undelivered notices (those in `ids` when given; failed ones too with
/// `with_failed`) and records each attempt. Returns (delivered, failed). A failure is
/// recorded, reported on standard error, and never loses the notice.
pub(crate) async fn deliver(
    store: &Store,
    ids: Option<&[i64]>,
    with_failed: bool,
) -> anyhow::Result<(usize, usize)> {
    let (mut sent, mut failed) = (0, 0);
    for d in store.undelivered(with_failed, ids).await? {
        let body = payload(&d);
        let outcome = match &d.target {
            HookTarget::Url(u) => http::post_json(u, &body).await,
            HookTarget::Command(c) => http::run_command(c, &body).await,
        };
        if let Err(e) = &outcome {
            eprintln!(
                "外发失败，已记录，可用 `ecogov hook retry` 重发 (delivery {} failed, kept for retry): {e}",
                d.id
            );
            failed += 1;
        } else {
            sent += 1;
        }
        store.record_delivery_attempt(d.id, outcome, "cli").await?;
    }
    Ok((sent, failed))
}
