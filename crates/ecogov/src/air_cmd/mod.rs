//! `ecogov aqi` and `ecogov air daily|annual`: air quality from CNEMC hourly station files.
//!
//! Files are streamed through [`ecogov_io::cnemc::HourlyReader`]; the rules are those of
//! [`ecogov_standards::air`]. Bad rows are reported on standard error as
//! `file:line:field: 中文 (English)` and reading goes on; a file that cannot be read is fatal
//! for that file only (the others are still read) and makes the exit status 1.

mod annual;
mod aqi;
mod daily;
mod progress;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use ecogov_io::RowError;
use ecogov_io::cnemc::{HourlyReader, HourlyRow};

use progress::Progress;

/// Exit-status policy shown in `--help`.
const EXIT_POLICY: &str = "退出状态 (exit status): 0 = 所有文件均已读完，坏行已在标准错误中逐行报告 \
(every file was read; bad rows are reported on stderr as file:line:field and do not change the \
status); 1 = 有文件无法读取或不是 CNEMC 格式、或无法写出结果 (a file could not be read or is \
not in the CNEMC format, or output could not be written; the other files are still read); \
2 = 命令行用法错误 (usage error). 输出被提前关闭（如 | head）时安静退出，状态 0 (a closed \
output pipe ends quietly with status 0).";

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_POLICY)]
pub(crate) struct AqiArgs {
    /// CNEMC 站点小时数据文件（UTF-8 或 GBK/GB18030） — CNEMC hourly station files (UTF-8 or GBK)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// 与文件自带的 aqi、primarypollutant 列比对，逐条列出不一致 — compare with the files' own
    /// aqi and primarypollutant columns and list each mismatch
    #[arg(long)]
    check: bool,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum AirCommand {
    /// 日评价：各站点每日的日均值、臭氧日最大8小时平均和日 AQI — daily values and daily AQI per
    /// station
    #[command(after_help = EXIT_POLICY)]
    Daily {
        /// CNEMC 站点小时数据文件 — CNEMC hourly station files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
    /// 时段评价（HJ 663）：一个站点或一个城市的年/月统计 — HJ 663 period statistics of a station
    /// or a city
    #[command(after_help = EXIT_POLICY)]
    #[command(group(clap::ArgGroup::new("who").required(true).args(["station", "city"])))]
    Annual {
        /// CNEMC 站点小时数据文件 — CNEMC hourly station files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 站点编码（如 1001A） — station code
        #[arg(long, value_name = "CODE")]
        station: Option<String>,
        /// 城市（文件 area 列，如 北京市；“市”可省略） — city (the area column)
        #[arg(long, value_name = "NAME")]
        city: Option<String>,
        /// 评价时段：YYYY、YYYY-MM 或 YYYY-MM-DD..YYYY-MM-DD（默认：数据所在的年份） — period
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// 站点列表（监测点编码,…,城市,…,对照点），用于在城市评价中排除对照点 — station list, to
        /// exclude control points (对照点) from a city
        #[arg(long, value_name = "FILE")]
        stations: Option<PathBuf>,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn aqi(args: AqiArgs) -> anyhow::Result<ExitCode> {
    finish(aqi::run(&args.files, args.check))
}

pub(crate) fn air(command: AirCommand) -> anyhow::Result<ExitCode> {
    match command {
        AirCommand::Daily { files, json } => finish(daily::run(&files, json)),
        AirCommand::Annual {
            files,
            station,
            city,
            period,
            stations,
            json,
        } => {
            let who = match (station, city) {
                (Some(code), _) => annual::Who::Station(code),
                (None, Some(name)) => annual::Who::City(name),
                (None, None) => {
                    anyhow::bail!("须指定 --station 或 --city (give --station or --city)")
                }
            };
            let options = annual::Options {
                who,
                period: period.as_deref(),
                stations: stations.as_deref(),
                json,
            };
            finish(annual::run(&files, &options))
        }
    }
}

/// Maps a run's outcome to the exit status: a closed output pipe is a quiet success.
fn finish(outcome: anyhow::Result<Outcome>) -> anyhow::Result<ExitCode> {
    match outcome {
        Ok(o) if o.fatal_files > 0 => Ok(ExitCode::FAILURE),
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// What a run saw, for the exit status and the summaries.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Outcome {
    /// Files that could not be read (or not completely).
    pub fatal_files: usize,
    /// Rows rejected with an error.
    pub bad_rows: u64,
    /// Rows read.
    pub rows: u64,
}

/// Reports a bad row on standard error.
pub(crate) fn report(error: &dyn std::fmt::Display) {
    let mut err = io::stderr().lock();
    // Standard error is the last resort: if even it fails there is nobody left to tell.
    let _ = writeln!(err, "{error}");
}

/// Streams every row of every file to `each`, reporting bad rows and unreadable files on
/// standard error. `each` returning an error (a write failure) stops the run.
pub(crate) fn for_each_row(
    files: &[PathBuf],
    mut each: impl FnMut(&Arc<Path>, &HourlyRow) -> anyhow::Result<()>,
    mut bad: impl FnMut(&RowError),
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut progress = Progress::new(files.len());
    for (k, path) in files.iter().enumerate() {
        let mut reader = match HourlyReader::open(path) {
            Ok(r) => r,
            Err(e) => {
                // The whole chain: the file, then the operating system's reason.
                report(&format_args!("错误 (error): {:#}", anyhow::Error::from(e)));
                outcome.fatal_files += 1;
                continue;
            }
        };
        progress.start_file(k, path);
        let file = Arc::clone(reader.file());
        while let Some(item) = reader.next() {
            outcome.rows += 1;
            match item {
                Ok(row) => each(&file, &row)?,
                Err(e) => {
                    outcome.bad_rows += 1;
                    if e.is_fatal() {
                        outcome.fatal_files += 1;
                    }
                    report(&e);
                    bad(&e);
                }
            }
            progress.tick(outcome.rows, reader.bytes_read());
        }
        progress.end_file(reader.bytes_read());
    }
    progress.clear();
    Ok(outcome)
}

/// Writes one CSV field, quoted when it holds a comma, a quote or a line break.
pub(crate) fn csv_field(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}
