//! `ecogov aqi` and `ecogov air …` — placeholder, to be implemented (issue 3).

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct AqiArgs {
    /// CNEMC 站点小时数据文件 — CNEMC hourly station files
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// 与文件中发布的 AQI 比对 — compare with the published AQI in the files
    #[arg(long)]
    check: bool,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum AirCommand {
    /// 日评价 — daily statistics
    Daily {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

pub(crate) fn aqi(args: AqiArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "尚未实现 (not implemented yet): {} 个文件, check={}",
        args.files.len(),
        args.check
    )
}

pub(crate) fn air(command: AirCommand) -> anyhow::Result<ExitCode> {
    let AirCommand::Daily { files } = command;
    anyhow::bail!("尚未实现 (not implemented yet): {} 个文件", files.len())
}
