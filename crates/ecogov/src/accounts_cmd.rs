//! Commands for 账户、审计 — accounts and the audit trail (issue 7).

use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AccountCommand {}

pub(crate) async fn run(command: AccountCommand) -> anyhow::Result<ExitCode> {
    match command {}
}
