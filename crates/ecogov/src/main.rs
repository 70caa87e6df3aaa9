//! `ecogov` — the bureau's annual work plan as software: one binary, many subcommands.
//!
//! Error policy: subcommands return `anyhow::Result` with context on every I/O step; `main`
//! prints the chain in Chinese and English and exits non-zero. Nothing is written when a command
//! is refused.

mod accounts_cmd;
mod air_cmd;
mod alerts_cmd;
mod cli;
mod demo;
mod demo_data;
mod demo_ledgers;
mod demo_targets;
mod gen_cmd;
mod import_cmd;
mod import_water;
mod json;
mod ledger_cmd;
mod output;
mod plan_cmd;
mod regulation_cmd;
mod serve_cmd;
mod supervision_cmd;
mod target_cmd;
mod targets_cmd;
mod water_cmd;

use clap::Parser;
use std::process::ExitCode;

/// The plan embedded in the binary: 《潜江市生态环境局2023年重点工作任务》.
pub(crate) const BUILTIN_PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ECOGOV_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("错误 (error): 无法启动运行时 (cannot start the runtime): {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误 (error): {e:#}");
            ExitCode::FAILURE
        }
    }
}
