//! `ecogov import sections|water …` — the water section registry and water samples, with the
//! same all-or-nothing rules as air imports (see `import_cmd`).

use crate::import_cmd::{ImportOptions, Lined, Problems, first_line, refuse};
use crate::output;
use anyhow::Context;
use ecogov_domain::water_data::WaterSample;
use ecogov_store::{Store, WaterImport};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 水质数据文件格式 — the water file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum WaterFormat {
    /// 按表头识别 — recognise from the header
    Auto,
    /// 水质自动站导出（省份,流域,断面名称,监测时间,…） — automatic-station export
    Automatic,
    /// 手工监测结果（section,date,item,value） — manual sampling results
    Manual,
}

pub(crate) async fn sections(db: &str, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, true).await?;
    let mut failed = false;
    for path in files {
        let parsed = ecogov_io::sections::read(path)?;
        if !parsed.errors.is_empty() {
            let problems: Problems = parsed.errors.iter().map(ToString::to_string).collect();
            refuse(path, &problems)?;
            failed = true;
            continue;
        }
        let sections: Vec<_> = parsed.records.into_iter().map(|r| r.value).collect();
        let (added, updated) = store.upsert_water_sections(&sections, "cli").await?;
        output::line(&format!(
            "{}: {} 个断面，新增 {added}，更新 {updated}",
            path.display(),
            sections.len()
        ))?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn read(
    path: &Path,
    format: WaterFormat,
) -> anyhow::Result<(&'static str, Lined<WaterSample>, Problems)> {
    let format = match format {
        WaterFormat::Auto => {
            let header = first_line(path)?;
            if header.contains("断面名称") && header.contains("监测时间") && header.contains("省份")
            {
                WaterFormat::Automatic
            } else if header.contains("section") || header.contains("断面") {
                WaterFormat::Manual
            } else {
                anyhow::bail!(
                    "{}: 无法识别文件格式，请用 --format 指定 (unknown format; name it with --format)",
                    path.display()
                )
            }
        }
        f => f,
    };
    Ok(match format {
        WaterFormat::Automatic => {
            let parsed = ecogov_io::water::automatic::read(path)?;
            let samples = parsed
                .records
                .into_iter()
                .flat_map(|r| r.value.samples.into_iter().map(move |s| (r.line, s)))
                .collect();
            (
                "automatic",
                samples,
                parsed.errors.iter().map(ToString::to_string).collect(),
            )
        }
        _ => {
            let parsed = ecogov_io::water::manual::read(path)?;
            let samples = parsed
                .records
                .into_iter()
                .map(|r| (r.line, r.value))
                .collect();
            (
                "manual",
                samples,
                parsed.errors.iter().map(ToString::to_string).collect(),
            )
        }
    })
}

pub(crate) async fn water(
    db: &str,
    files: &[PathBuf],
    format: WaterFormat,
    opts: ImportOptions,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, !opts.dry_run).await?;
    let known: HashSet<String> = store
        .water_sections()
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let mut failed = false;
    for path in files {
        let (kind, samples, mut problems) = read(path, format)?;
        let mut reported = HashSet::new();
        for (line, s) in &samples {
            if !known.contains(&s.section) && reported.insert(s.section.clone()) {
                problems.push(format!(
                    "{}:{line}:断面名称: 未登记的断面“{}”，请先导入断面名录 (unknown section)",
                    path.display(),
                    s.section
                ));
            }
        }
        if !problems.is_empty() {
            refuse(path, &problems)?;
            failed = true;
            continue;
        }
        let samples: Vec<WaterSample> = samples.into_iter().map(|(_, s)| s).collect();
        let name = path.display().to_string();
        let job = WaterImport {
            kind,
            file: &name,
            samples: &samples,
            replace: opts.replace,
            dry_run: opts.dry_run,
            actor: "cli",
        };
        let report = store
            .import_water_samples(job)
            .await
            .with_context(|| format!("{name}: 导入失败 (import failed)"))?;
        if !report.conflicts.is_empty() {
            for (section, time, parameter) in report.conflicts.iter().take(50) {
                output::line(&format!(
                    "{name}: {section} {time} {} 已有不同数值 (stored with another value)",
                    parameter.name()
                ))?;
            }
            output::line(&format!(
                "{name}: {} 个数值与已存数据不同；如确为修订数据，请加 --replace。未写入任何数据 (nothing written)",
                report.conflicts.len()
            ))?;
            failed = true;
            continue;
        }
        let verb = if opts.dry_run {
            "试运行，未写入 (dry run)"
        } else {
            "已导入 (imported)"
        };
        output::line(&format!(
            "{name}: {} 个数值，新增 {}，未变 {}，替换 {} — {verb}",
            report.rows, report.inserted, report.unchanged, report.replaced
        ))?;
        if let Some(batch) = report.batch {
            // 水质预警 (issue 9): raised, delivered and hooked within this import.
            crate::alerts_cmd::after_water_import(&store, &samples, Some(batch)).await?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
