//! Commands for 预警与生态补偿 — warnings, alerts, eco-compensation (issue 9).
//!
//! - `ecogov warning …` — 重污染天气预警: scheme, forecasts, assessment, steps, log, measures;
//! - `ecogov alert …` — 水质预警: list, acknowledge, rule settings (alerts are raised by
//!   `ecogov import water`, see [`after_water_import`]);
//! - `ecogov inbox …` — 站内通知 per unit: list, read, acknowledge, escalate;
//! - `ecogov hook …` — 外发通道 (webhook URL or command) set by the administrator; retries;
//! - `ecogov agreement …` and `ecogov compensation` — 横向生态补偿 agreements and settlements.

mod alert;
mod compensation;
mod hook;
mod http;
mod inbox;
mod warning;

use crate::cli::DbArg;
use std::process::ExitCode;

pub(crate) use alert::after_water_import;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AlertCommand {
    /// 重污染天气预警：方案、预报、研判、发布/调整/解除、记录、措施 — heavy-pollution warnings
    Warning {
        #[command(subcommand)]
        command: warning::WarningCommand,
    },
    /// 水质预警：列表、确认、规则设置 — water alerts
    Alert {
        #[command(subcommand)]
        command: alert::AlertSub,
    },
    /// 站内通知：查看、已读、确认、逾期升级 — the inbox of a unit
    Inbox {
        #[command(subcommand)]
        command: Option<inbox::InboxSub>,
        /// 单位，如 水科（默认全部） — the unit (default: every unit)
        #[arg(long)]
        unit: Option<String>,
        /// 包括已确认的通知 — include acknowledged notices
        #[arg(long)]
        all: bool,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 外发通道（管理员设置 webhook 或命令）与外发记录 — the outbound hook
    Hook {
        #[command(subcommand)]
        command: hook::HookSub,
    },
    /// 生态补偿协议：导入、列表、查看 — eco-compensation agreements
    Agreement {
        #[command(subcommand)]
        command: compensation::AgreementSub,
    },
    /// 生态补偿结算：谁向谁支付多少、为什么 — settle an agreement over a period
    Compensation {
        /// 协议编号 — agreement id
        #[arg(long)]
        agreement: String,
        /// 考核期，如 2023-Q2、2023-05、2023 — period
        #[arg(long)]
        period: String,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

pub(crate) async fn run(command: AlertCommand) -> anyhow::Result<ExitCode> {
    match command {
        AlertCommand::Warning { command } => warning::run(command).await,
        AlertCommand::Alert { command } => alert::run(command).await,
        AlertCommand::Inbox {
            command,
            unit,
            all,
            json,
            db,
        } => inbox::run(command, unit.as_deref(), all, json, &db.db).await,
        AlertCommand::Hook { command } => hook::run(command).await,
        AlertCommand::Agreement { command } => compensation::agreement(command).await,
        AlertCommand::Compensation {
            agreement,
            period,
            json,
            db,
        } => compensation::settle(&db.db, &agreement, &period, json).await,
    }
}
