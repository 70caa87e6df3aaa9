//! Commands for 预警与生态补偿 — warnings, alerts, eco-compensation (issue 9).

use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AlertCommand {}

pub(crate) async fn run(command: AlertCommand) -> anyhow::Result<ExitCode> {
    match command {}
}
