//! Commands for 监管业务 — enterprises, draws, inspections, diesel checks, outfalls, petitions (issue 8).

use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum RegulationCommand {}

pub(crate) async fn run(command: RegulationCommand) -> anyhow::Result<ExitCode> {
    match command {}
}
