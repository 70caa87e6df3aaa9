//! `ecogov import stations|air …` and `ecogov data summary`.
//!
//! Every file is imported all or nothing (air files are checked and applied one by one, then
//! written in groups of up to 240 files or 5 seconds, one transaction per group): a file with any
//! bad row is reported line by line and nothing of it is written; a station-hour already stored with other values refuses the
//! file unless `--replace` is given (the old values are kept as revisions); importing the same
//! file again changes nothing. Exit status: 0 when every file was imported (or, with
//! `--dry-run`, would be), 1 when any file was refused.

use crate::output;
use anyhow::Context;
use ecogov_domain::monitoring::{AirHour, AirStation, ControlLevel, DataStage, StationCode};
use ecogov_io::cnemc::HourlyReader;
use ecogov_store::{AirImport, Store};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 控制级别 of imported stations.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum LevelArg {
    /// 国控
    National,
    /// 省控
    Provincial,
    /// 市控
    Municipal,
}

impl From<LevelArg> for ControlLevel {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::National => ControlLevel::National,
            LevelArg::Provincial => ControlLevel::Provincial,
            LevelArg::Municipal => ControlLevel::Municipal,
        }
    }
}

/// Options shared by data imports.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct ImportOptions {
    /// 试运行：只检查、报告，不写入 — check and report, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// 以新值替换已存的不同数值（旧值存入修订记录） — replace differing stored values (old ones kept)
    #[arg(long)]
    pub replace: bool,
}

/// Problems of one file, as `file:line:field: message` lines.
pub(crate) type Problems = Vec<String>;

/// At most this many files, or this much time, between commits of an air import.
const GROUP_FILES: usize = 240;
const GROUP_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Records with the line each came from.
pub(crate) type Lined<T> = Vec<(u64, T)>;

pub(crate) async fn stations(
    db: &str,
    files: &[PathBuf],
    level: LevelArg,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, true).await?;
    let mut failed = false;
    for path in files {
        let (rows, errors, from_feed) = match ecogov_io::station_list::read(path) {
            Ok((rows, errors)) => (rows, errors, false),
            // Not a station list: an hourly feed file describes its stations too.
            Err(ecogov_io::FileError::MissingColumn { .. }) => {
                let (rows, errors) = stations_of_feed(path)?;
                (rows, errors, true)
            }
            Err(e) => return Err(e.into()),
        };
        let mut problems: Problems = errors.iter().map(ToString::to_string).collect();
        let mut stations = Vec::with_capacity(rows.len());
        for s in rows {
            let coordinate = |text: &Option<String>, what: &str, problems: &mut Problems| match text
            {
                None => None,
                Some(t) => match ecogov_domain::number::parse_decimal(t) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        problems.push(format!("{}: {} {what}: {e}", path.display(), s.code));
                        None
                    }
                },
            };
            let longitude = coordinate(&s.longitude, "经度", &mut problems);
            let latitude = coordinate(&s.latitude, "纬度", &mut problems);
            match StationCode::parse(&s.code) {
                Ok(code) => stations.push(AirStation {
                    code,
                    name: s.name,
                    city: s.city,
                    longitude,
                    latitude,
                    control_point: s.control_point,
                    level: level.into(),
                }),
                Err(e) => problems.push(format!("{}: 监测点编码: {e}", path.display())),
            }
        }
        if !problems.is_empty() {
            refuse(path, &problems)?;
            failed = true;
            continue;
        }
        if from_feed {
            // A feed only adds stations it is the first to name: it carries no 对照点 flag, and a
            // station list's names and flags are kept.
            let known: HashSet<StationCode> = store
                .air_stations()
                .await?
                .into_iter()
                .map(|s| s.code)
                .collect();
            stations.retain(|s| !known.contains(&s.code));
        }
        let (added, updated) = store.upsert_air_stations(&stations, "cli").await?;
        output::line(&format!(
            "{}: {} 个监测站，新增 {added}，更新 {updated}",
            path.display(),
            stations.len()
        ))?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The stations a CNEMC hourly file names (code, 监测点名称, 城市), each once.
fn stations_of_feed(
    path: &Path,
) -> anyhow::Result<(
    Vec<ecogov_io::station_list::Station>,
    Vec<ecogov_io::RowError>,
)> {
    let mut seen = HashSet::new();
    let (mut stations, mut errors) = (Vec::new(), Vec::new());
    for item in HourlyReader::open(path)? {
        match item {
            Ok(row) => {
                if seen.insert(row.station.as_str().to_string()) {
                    stations.push(ecogov_io::station_list::Station {
                        code: row.station.as_str().to_string(),
                        name: row.position_name.clone(),
                        city: row.area.clone(),
                        control_point: false,
                        longitude: None,
                        latitude: None,
                    });
                }
            }
            Err(e) => errors.push(e),
        }
    }
    Ok((stations, errors))
}

pub(crate) fn refuse(path: &Path, problems: &[String]) -> anyhow::Result<()> {
    for p in problems.iter().take(200) {
        output::line(p)?;
    }
    if problems.len() > 200 {
        output::line(&format!(
            "… 另有 {} 个问题 (more problems)",
            problems.len() - 200
        ))?;
    }
    output::line(&format!(
        "{}: {} 个问题，未写入任何数据 (nothing written)",
        path.display(),
        problems.len()
    ))
}

/// 空气数据文件格式 — the air file formats `import air` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AirFormat {
    /// 按文件内容识别 — recognise from the extension and header
    Auto,
    /// CNEMC 站点小时格式 — the CNEMC hourly station format
    Cnemc,
    /// 日宽表（date,hour,type,站点…） — the daily wide format
    Wide,
    /// 长表 CSV（station,time,pollutant,value,flag） — the long CSV
    Long,
    /// 长表 Excel（.xlsx/.xls） — the long form in a workbook
    Xlsx,
}

impl AirFormat {
    fn code(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Cnemc => "cnemc",
            Self::Wide => "wide",
            Self::Long => "long",
            Self::Xlsx => "xlsx",
        }
    }
}

/// The first line of a file, decoded loosely (headers of these formats are ASCII or Chinese).
pub(crate) fn first_line(path: &Path) -> anyhow::Result<String> {
    use std::io::Read;
    let mut head = vec![0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .with_context(|| format!("{}: 无法读取文件 (cannot read the file)", path.display()))?;
    head.truncate(n);
    let encoding = ecogov_io::text::detect(&head).encoding;
    let (text, _, _) = encoding.decode(&head);
    let text = text.trim_start_matches('\u{feff}');
    Ok(text.lines().next().unwrap_or("").trim().to_lowercase())
}

fn detect_air(path: &Path) -> anyhow::Result<AirFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    if matches!(ext.as_deref(), Some("xlsx" | "xls")) {
        return Ok(AirFormat::Xlsx);
    }
    let header = first_line(path)?;
    if header.starts_with("timepoint") {
        Ok(AirFormat::Cnemc)
    } else if header.starts_with("date,hour,type") {
        Ok(AirFormat::Wide)
    } else if header.contains("station") && header.contains("pollutant") {
        Ok(AirFormat::Long)
    } else {
        anyhow::bail!(
            "{}: 无法识别文件格式，请用 --format 指定 (unknown format; name it with --format)",
            path.display()
        )
    }
}

/// Reads an air file of any format into station-hours with their lines, and its problems.
fn read_air(
    path: &Path,
    format: AirFormat,
) -> anyhow::Result<(AirFormat, Lined<AirHour>, Problems)> {
    let format = if format == AirFormat::Auto {
        detect_air(path)?
    } else {
        format
    };
    let parsed = match format {
        AirFormat::Cnemc | AirFormat::Auto => {
            let (hours, problems) = read_cnemc(path)?;
            return Ok((format, hours, problems));
        }
        AirFormat::Wide => ecogov_io::wide::read(path)?,
        AirFormat::Long => ecogov_io::long::read(path)?,
        AirFormat::Xlsx => ecogov_io::xlsx::read(path)?,
    };
    let hours = parsed
        .records
        .into_iter()
        .map(|r| (r.line, r.value))
        .collect();
    Ok((
        format,
        hours,
        parsed.errors.iter().map(ToString::to_string).collect(),
    ))
}

/// Reads a CNEMC hourly file into station-hours with their lines, and its problems.
fn read_cnemc(path: &Path) -> anyhow::Result<(Lined<AirHour>, Problems)> {
    let reader = HourlyReader::open(path)?;
    let mut hours = Vec::new();
    let mut problems = Vec::new();
    for item in reader {
        match item {
            Ok(row) => match StationCode::parse(row.station.as_str()) {
                Ok(station) => hours.push((
                    row.line,
                    AirHour {
                        station,
                        hour: row.hour,
                        readings: row.readings,
                        stage: DataStage::RealTime,
                    },
                )),
                Err(e) => {
                    problems.push(format!("{}:{}:stationcode: {e}", path.display(), row.line))
                }
            },
            Err(e) => problems.push(e.to_string()),
        }
    }
    Ok((hours, problems))
}

pub(crate) async fn air(
    db: &str,
    files: &[PathBuf],
    format: AirFormat,
    opts: ImportOptions,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, !opts.dry_run).await?;
    let known: HashSet<StationCode> = store
        .air_stations()
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let show = std::io::stderr().is_terminal();
    let mut failed = false;
    // Files are committed in groups (each file still all or nothing): the session writes each
    // station-day it touched once per group instead of once per hourly file.
    let mut session = store.import_session().await?;
    let mut pending = 0usize;
    let mut opened = std::time::Instant::now();
    for (i, path) in files.iter().enumerate() {
        if pending >= GROUP_FILES || opened.elapsed() >= GROUP_TIME {
            session.commit().await?;
            session = store.import_session().await?;
            (pending, opened) = (0, std::time::Instant::now());
        }
        if show {
            eprint!(
                "\r导入中 (importing) {}/{}: {}",
                i + 1,
                files.len(),
                path.display()
            );
        }
        let (read_as, hours, mut problems) = read_air(path, format)?;
        for (line, h) in &hours {
            if !known.contains(&h.station) {
                problems.push(format!(
                    "{}:{line}:stationcode: 未登记的监测站“{}”，请先导入站点名录 (unknown station)",
                    path.display(),
                    h.station
                ));
            }
        }
        if !problems.is_empty() {
            if show {
                eprintln!();
            }
            refuse(path, &problems)?;
            failed = true;
            continue;
        }
        let hours: Vec<AirHour> = hours.into_iter().map(|(_, h)| h).collect();
        let name = path.display().to_string();
        let job = AirImport {
            kind: read_as.code(),
            file: &name,
            hours: &hours,
            replace: opts.replace,
            dry_run: opts.dry_run,
            actor: "cli",
        };
        let report = session
            .import_air_hours(job)
            .await
            .with_context(|| format!("{name}: 导入失败 (import failed)"))?;
        pending += 1;
        if !report.conflicts.is_empty() {
            if show {
                eprintln!();
            }
            for (station, hour) in report.conflicts.iter().take(50) {
                output::line(&format!(
                    "{name}: {station} {:?} 已有不同数值 (stored with other values)",
                    hour
                ))?;
            }
            output::line(&format!(
                "{name}: {} 个站点小时与已存数据不同；如确为修订数据，请加 --replace。未写入任何数据 (nothing written)",
                report.conflicts.len()
            ))?;
            failed = true;
            continue;
        }
        if !show || i + 1 == files.len() || opts.dry_run {
            if show {
                eprintln!();
            }
            let verb = if opts.dry_run {
                "试运行，未写入 (dry run)"
            } else {
                "已导入 (imported)"
            };
            output::line(&format!(
                "{name}: {} 个站点小时，新增 {}，未变 {}，替换 {} — {verb}",
                report.rows, report.inserted, report.unchanged, report.replaced
            ))?;
        }
    }
    session.commit().await?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) async fn summary(db: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let stations = store.air_stations().await?;
    let coverage = store.air_coverage().await?;
    let mut rows = vec![vec![
        "监测站".to_string(),
        "名称".into(),
        "月份".into(),
        "小时数".into(),
        "应有".into(),
        "覆盖率".into(),
    ]];
    for c in &coverage {
        let name = stations
            .iter()
            .find(|s| s.code == c.station)
            .map(|s| s.name.as_str())
            .unwrap_or("");
        let pct = if c.expected == 0 {
            0.0
        } else {
            f64::from(c.hours) * 100.0 / f64::from(c.expected)
        };
        rows.push(vec![
            c.station.to_string(),
            name.to_string(),
            c.month.strftime("%Y-%m").to_string(),
            c.hours.to_string(),
            c.expected.to_string(),
            format!("{pct:.1}%"),
        ]);
    }
    output::line(&format!(
        "空气监测站 {} 个；站点小时数据按月覆盖如下 (coverage per station and month)",
        stations.len()
    ))?;
    output::line(&output::table(&rows))?;
    Ok(ExitCode::SUCCESS)
}
