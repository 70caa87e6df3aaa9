//! `ecogov gen air` — synthetic hourly air data (模拟数据) in the CNEMC station format.

use crate::output;
use anyhow::{Context, bail};
use ecogov_io::synthetic::{
    Generator, HEADER, SyntheticStation, network, write_row, write_station_list,
};
use ecogov_standards::air::HourEnding;
use jiff::civil::Date;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to generate.
#[derive(Debug, clap::Args)]
pub(crate) struct GenAirArgs {
    /// 站点数 — number of stations (codes 9001A, 9002A …)
    #[arg(long, default_value_t = 2)]
    pub stations: usize,
    /// 起始日期 — first day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    /// 结束日期（含） — last day (included)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: String,
    /// 随机种子 — seed; the same seed gives the same data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 输出目录 — output folder (created); one file per hour plus stations.csv
    #[arg(long)]
    pub out: PathBuf,
    /// 全部写入一个文件 air.csv — write all hours into one file, air.csv
    #[arg(long)]
    pub single: bool,
}

fn day(text: &str, what: &str) -> anyhow::Result<Date> {
    ecogov_domain::progress::parse_date(text)
        .with_context(|| format!("{what} “{text}” 无效，应为 YYYY-MM-DD (bad date)"))
}

/// Writes a network's hours from `from` to `to` into `out`; returns the station-hours written.
pub(crate) fn generate(
    stations: Vec<SyntheticStation>,
    from: Date,
    to: Date,
    seed: u64,
    out: &Path,
    single: bool,
) -> anyhow::Result<u64> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("无法创建目录 {} (cannot create folder)", out.display()))?;
    let list = out.join("stations.csv");
    let mut w = BufWriter::new(
        File::create(&list)
            .with_context(|| format!("无法写入 {} (cannot write)", list.display()))?,
    );
    write_station_list(&mut w, &stations)
        .and_then(|()| w.flush())
        .with_context(|| format!("无法写入 {}", list.display()))?;
    let mut generator = Generator::new(stations, seed);
    let create = |path: PathBuf| -> anyhow::Result<BufWriter<File>> {
        let mut w = BufWriter::new(
            File::create(&path)
                .with_context(|| format!("无法写入 {} (cannot write)", path.display()))?,
        );
        writeln!(w, "{HEADER}").with_context(|| format!("无法写入 {}", path.display()))?;
        Ok(w)
    };
    let mut single_file = if single {
        Some(create(out.join("air.csv"))?)
    } else {
        None
    };
    let days = from.until(to).map(|s| s.get_days()).unwrap_or(0) + 1;
    let show = std::io::stderr().is_terminal();
    let mut written = 0u64;
    let mut d = from;
    let mut n = 0;
    while d <= to {
        for h in 1..=24 {
            let hour = HourEnding::new(d, h).map_err(|e| anyhow::anyhow!("{e}"))?;
            let readings = generator.hour(hour);
            let label = hour.label().map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut per_hour;
            let w: &mut BufWriter<File> = match single_file.as_mut() {
                Some(w) => w,
                None => {
                    per_hour = create(out.join(format!("{}.csv", label.strftime("%Y-%m-%dT%H"))))?;
                    &mut per_hour
                }
            };
            for (s, r) in generator.stations().iter().zip(&readings) {
                write_row(w, hour, s, r).context("写入失败 (write failed)")?;
                written += 1;
            }
            w.flush().context("写入失败 (write failed)")?;
        }
        n += 1;
        if show && n % 10 == 0 {
            eprint!("\r生成中 (generating) {n}/{days} 天");
        }
        d = d.tomorrow().map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    if show {
        eprintln!();
    }
    Ok(written)
}

pub(crate) fn air(args: GenAirArgs) -> anyhow::Result<ExitCode> {
    let (from, to) = (day(&args.from, "--from")?, day(&args.to, "--to")?);
    if to < from {
        bail!("--to {to} 早于 --from {from} (--to before --from)");
    }
    if args.stations == 0 {
        bail!("--stations 至少为 1 (at least one station)");
    }
    let written = generate(
        network(args.stations),
        from,
        to,
        args.seed,
        &args.out,
        args.single,
    )?;
    output::line(&format!(
        "{}: 已生成 {written} 个站点小时的模拟数据（模拟数据）及 stations.csv (synthetic data written)",
        args.out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
