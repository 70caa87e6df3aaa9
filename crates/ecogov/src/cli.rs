//! The command line: subcommands and their options.

use crate::{
    air_cmd, gen_cmd, import_cmd, import_water, ledger_cmd, plan_cmd, serve_cmd, target_cmd,
    targets_cmd, water_cmd,
};
use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "ecogov",
    version,
    about = "潜江市生态环境局年度重点工作任务系统 — the bureau's annual work plan as software"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The database: a SQLite file path, or a `sqlite://` / `postgres://` URL.
#[derive(Debug, clap::Args)]
pub(crate) struct DbArg {
    /// 数据库：SQLite 文件路径，或 sqlite:// / postgres:// URL (database path or URL)
    #[arg(long, env = "ECOGOV_DB", default_value = "ecogov.db")]
    pub db: String,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 初始化数据库并载入计划（可重复执行） — create/migrate the database and install the plan
    Init {
        #[command(flatten)]
        db: DbArg,
        /// 计划文件（默认为内置的潜江市2023年计划） — plan file (default: the built-in plan)
        #[arg(long)]
        plan: Option<PathBuf>,
    },
    /// 计划文件：检查、查看 — check or show a plan
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// 任务台账 — the task ledger, optionally for one unit
    Tasks {
        #[command(flatten)]
        db: DbArg,
        /// 只看该单位的任务（如 水科） — only this unit's tasks
        #[arg(long)]
        unit: Option<String>,
        /// 只看牵头或配合 — only tasks it leads (lead) or co-operates on (co)
        #[arg(long, value_enum, requires = "unit")]
        role: Option<RoleArg>,
        /// 评估日期（默认今天） — evaluation date (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 量化任务进度；`progress record` 填报进度 — deliverable progress; `record` reports progress
    Progress {
        #[command(subcommand)]
        command: Option<ProgressCommand>,
        #[command(flatten)]
        db: DbArg,
        /// 评估日期（默认今天） — evaluation date (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 启动网页服务 — serve the web UI
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// 监听地址 — address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// 固定评估日期（默认每天的今天） — fixed evaluation date (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// 计算小时 AQI（CNEMC 站点小时数据格式） — hourly AQI from CNEMC hourly station files
    Aqi(air_cmd::AqiArgs),
    /// 环境空气质量统计：日评价、年评价 — daily and period air-quality statistics
    Air {
        #[command(subcommand)]
        command: air_cmd::AirCommand,
    },
    /// 导入监测站名录或监测数据 — import station lists or monitoring data
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// 主要目标：设定省下达的目标值、填报数据、登记记录 — thresholds, entered figures, records
    Target {
        #[command(subcommand)]
        command: target_cmd::TargetCommand,
    },
    /// 主要目标完成情况：当前值、上年同期、状态、余量（可导出 Excel） — targets on a date
    Targets {
        #[command(flatten)]
        db: DbArg,
        /// 评估日期（默认今天） — evaluation date (default: today in Beijing)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        /// 另存月度报告为 Excel — also write the report to this .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: Option<std::path::PathBuf>,
    },
    /// 水质评价：逐行分类、湖库营养状态、月度断面通报 — water quality
    Water {
        #[command(subcommand)]
        command: water_cmd::WaterCommand,
    },
    #[command(flatten)]
    Accounts(crate::accounts_cmd::AccountCommand),
    #[command(flatten)]
    Supervision(crate::supervision_cmd::SupervisionCommand),
    #[command(flatten)]
    Regulation(crate::regulation_cmd::RegulationCommand),
    #[command(flatten)]
    Alerts(crate::alerts_cmd::AlertCommand),
    /// 监测数据概况 — what monitoring data is stored
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
    /// 生成模拟数据 — generate synthetic data (模拟数据)
    Gen {
        #[command(subcommand)]
        command: GenCommand,
    },
    /// 演示：建立（或沿用）演示数据库并启动网页服务 — demo database and web UI
    Demo {
        /// 演示数据库文件 — demo database file
        #[arg(long, default_value = "ecogov-demo.db")]
        db: String,
        /// 监听地址 — address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// 只准备演示数据库，不启动网页服务 — prepare the demo database and exit
        #[arg(long)]
        no_serve: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// 监测站名录（全国站点列表格式：监测点编码,监测点名称,城市,经度,纬度,对照点） — station list
    Stations {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 控制级别 — control level of these stations
        #[arg(long, value_enum, default_value = "national")]
        level: import_cmd::LevelArg,
        #[command(flatten)]
        db: DbArg,
    },
    /// 空气小时数据（CNEMC、日宽表、长表 CSV、Excel） — hourly air data in any supported format
    Air {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 文件格式 — file format
        #[arg(long, value_enum, default_value = "auto")]
        format: import_cmd::AirFormat,
        #[command(flatten)]
        options: import_cmd::ImportOptions,
        #[command(flatten)]
        db: DbArg,
    },
    /// 监测断面名录（断面名称,河流湖库,流域,水体类型,控制级别,水质目标,责任区镇街道,上游,下游） — sections
    Sections {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
    },
    /// 水质数据（自动站导出或手工监测结果） — water data (automatic-station export or manual results)
    Water {
        /// 文件 — files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 文件格式 — file format
        #[arg(long, value_enum, default_value = "auto")]
        format: import_water::WaterFormat,
        #[command(flatten)]
        options: import_cmd::ImportOptions,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, Subcommand)]
enum DataCommand {
    /// 各站各月数据覆盖情况 — coverage per station and month
    Summary {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, Subcommand)]
enum GenCommand {
    /// 空气小时数据（CNEMC 格式，模拟数据） — hourly air data in the CNEMC format
    Air(gen_cmd::GenAirArgs),
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// 检查计划文件，列出全部问题 — validate a plan file and list every problem
    Check {
        /// 计划文件 — plan file
        file: PathBuf,
    },
    /// 查看计划（数据库中的、文件中的或内置的） — show a plan (from --db, --plan or built in)
    Show {
        /// 计划文件 — plan file
        #[arg(long, conflicts_with = "db")]
        plan: Option<PathBuf>,
        /// 从数据库读取 — read the installed plan from this database
        #[arg(long)]
        db: Option<String>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ProgressCommand {
    /// 填报进度 — record progress on a deliverable
    Record {
        #[command(flatten)]
        db: DbArg,
        /// 量化任务编号（见 `ecogov progress`） — deliverable id
        #[arg(long)]
        deliverable: String,
        /// 本次完成量 — amount done
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        /// 完成日期 — date the work was done
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 填报单位（须为该任务的牵头或配合单位） — reporting unit (lead or co unit of the task)
        #[arg(long)]
        unit: String,
        /// 备注 — note
        #[arg(long)]
        note: Option<String>,
    },
}

/// 职责 — lead or co.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RoleArg {
    /// 牵头
    Lead,
    /// 配合
    Co,
}

pub(crate) async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init { db, plan } => ledger_cmd::init(&db.db, plan.as_deref()).await,
        Command::Plan {
            command: PlanCommand::Check { file },
        } => plan_cmd::check(&file),
        Command::Plan {
            command: PlanCommand::Show { plan, db, json },
        } => plan_cmd::show(plan.as_deref(), db.as_deref(), json).await,
        Command::Tasks {
            db,
            unit,
            role,
            as_of,
            json,
        } => ledger_cmd::tasks(&db.db, unit.as_deref(), role, as_of.as_deref(), json).await,
        Command::Progress {
            command: None,
            db,
            as_of,
            json,
        } => ledger_cmd::progress(&db.db, as_of.as_deref(), json).await,
        Command::Progress {
            command:
                Some(ProgressCommand::Record {
                    db,
                    deliverable,
                    value,
                    date,
                    unit,
                    note,
                }),
            ..
        } => {
            let input = ecogov_domain::progress::ReportInput {
                deliverable: &deliverable,
                value: &value,
                date: &date,
                unit: &unit,
                note: note.as_deref(),
            };
            ledger_cmd::record(&db.db, input).await
        }
        Command::Serve { db, addr, as_of } => {
            serve_cmd::serve(&db.db, addr, as_of.as_deref()).await
        }
        Command::Demo { db, addr, no_serve } => serve_cmd::demo(&db, addr, no_serve).await,
        Command::Aqi(args) => air_cmd::aqi(args),
        Command::Water { command } => water_cmd::run(command).await,
        Command::Target { command } => target_cmd::run(command).await,
        Command::Targets {
            db,
            as_of,
            json,
            xlsx,
        } => targets_cmd::targets(&db.db, as_of.as_deref(), json, xlsx.as_deref()).await,
        Command::Import {
            command: ImportCommand::Stations { files, level, db },
        } => import_cmd::stations(&db.db, &files, level).await,
        Command::Import {
            command:
                ImportCommand::Air {
                    files,
                    format,
                    options,
                    db,
                },
        } => import_cmd::air(&db.db, &files, format, options).await,
        Command::Import {
            command: ImportCommand::Sections { files, db },
        } => import_water::sections(&db.db, &files).await,
        Command::Import {
            command:
                ImportCommand::Water {
                    files,
                    format,
                    options,
                    db,
                },
        } => import_water::water(&db.db, &files, format, options).await,
        Command::Data {
            command: DataCommand::Summary { db },
        } => import_cmd::summary(&db.db).await,
        Command::Gen {
            command: GenCommand::Air(args),
        } => gen_cmd::air(args),
        Command::Air { command } => air_cmd::air(command),
        Command::Accounts(command) => crate::accounts_cmd::run(command).await,
        Command::Supervision(command) => crate::supervision_cmd::run(command).await,
        Command::Regulation(command) => crate::regulation_cmd::run(command).await,
        Command::Alerts(command) => crate::alerts_cmd::run(command).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
