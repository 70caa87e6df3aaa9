//! Commands for 监管业务 — enterprises, draws, inspections, diesel checks, outfalls, petitions (issue 8).
//!
//! Every state change is recorded with `--by` (default `cli`) as the audit actor; imports are
//! all or nothing across the files given.

mod common;
mod draw;
mod enterprise;
mod inspector;
mod outfall;
mod petition;
mod records;

use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum RegulationCommand {
    /// 企业名录：导入、查看、导出 — the enterprise register
    Enterprise {
        #[command(subcommand)]
        command: enterprise::EnterpriseCommand,
    },
    /// 执法人员名录与回避关系 — inspectors and recusal relations
    Inspector {
        #[command(subcommand)]
        command: inspector::InspectorCommand,
    },
    /// 双随机抽取：编制、承诺、抽取、公开种子、验证 — verifiable random draws
    Draw {
        #[command(subcommand)]
        command: draw::DrawCommand,
    },
    /// 执法检查记录（双随机检查结果公开） — inspection records
    Inspection {
        #[command(subcommand)]
        command: records::InspectionCommand,
    },
    /// 柴油车路检路查、入户检测记录 — diesel vehicle checks
    Diesel {
        #[command(subcommand)]
        command: records::DieselCommand,
    },
    /// 入河排污口台账（一口一策、整治、验收、销号） — the outfall ledger
    Outfall {
        #[command(subcommand)]
        command: outfall::OutfallCommand,
    },
    /// 信访件：登记、办理、期限、重复信访 — petitions and complaints
    Petition {
        #[command(subcommand)]
        command: petition::PetitionCommand,
    },
}

pub(crate) async fn run(command: RegulationCommand) -> anyhow::Result<ExitCode> {
    match command {
        RegulationCommand::Enterprise { command } => enterprise::run(command).await,
        RegulationCommand::Inspector { command } => inspector::run(command).await,
        RegulationCommand::Draw { command } => draw::run(command).await,
        RegulationCommand::Inspection { command } => records::run_inspection(command).await,
        RegulationCommand::Diesel { command } => records::run_diesel(command).await,
        RegulationCommand::Outfall { command } => outfall::run(command).await,
        RegulationCommand::Petition { command } => petition::run(command).await,
    }
}
