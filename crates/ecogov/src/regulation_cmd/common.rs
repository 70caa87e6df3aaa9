//! Helpers shared by the regulation commands.

use anyhow::{Context, anyhow};
use ecogov_domain::draw::Seed;
use ecogov_domain::progress::parse_date;
use ecogov_io::regulation::LedgerRowError;
use ecogov_store::Store;
use jiff::civil::Date;
use std::path::PathBuf;

/// `--by`: who makes the change (the audit actor).
#[derive(Debug, clap::Args)]
pub(crate) struct ByArg {
    /// 操作人（记入审计记录） — who makes the change (recorded in the audit trail)
    #[arg(long, default_value = "cli")]
    pub by: String,
}

/// Opens an existing database.
pub(crate) async fn open(db: &str) -> anyhow::Result<Store> {
    Ok(Store::open(db, false).await?)
}

/// A `YYYY-MM-DD` argument.
pub(crate) fn date(text: &str, flag: &str) -> anyhow::Result<Date> {
    parse_date(text).with_context(|| format!("{flag} “{text}” 无效，应为 YYYY-MM-DD (bad date)"))
}

/// The refusal of an import with refused rows: every row, then the count; nothing written.
pub(crate) fn refused(errors: &[LedgerRowError]) -> anyhow::Error {
    let mut lines: Vec<String> = errors.iter().take(200).map(|e| e.to_string()).collect();
    if errors.len() > 200 {
        lines.push(format!(
            "… 另有 {} 个问题 (more problems)",
            errors.len() - 200
        ));
    }
    lines.push(format!(
        "{} 个问题，未写入任何数据 (nothing written)",
        errors.len()
    ));
    anyhow!(lines.join("\n"))
}

/// Reads every file with `read`, collecting `(file:line, record)`; any refused row (or an
/// unreadable file) refuses the whole import.
pub(crate) fn read_all<T>(
    files: &[PathBuf],
    read: fn(
        &std::path::Path,
    ) -> Result<ecogov_io::regulation::LedgerParsed<T>, ecogov_io::FileError>,
) -> anyhow::Result<Vec<(String, T)>> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        let parsed = read(f).map_err(|e| anyhow!("{e}；未写入任何数据 (nothing written)"))?;
        errors.extend(parsed.errors);
        records.extend(
            parsed
                .records
                .into_iter()
                .map(|(line, r)| (format!("{}:{line}", f.display()), r)),
        );
    }
    if !errors.is_empty() {
        return Err(refused(&errors));
    }
    Ok(records)
}

/// The files of an import, comma-separated: the source recorded with the imported rows.
pub(crate) fn source_of(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A secret seed: `--seed HEX` when given (tests, reruns), otherwise 32 bytes from the
/// operating system's random source.
pub(crate) fn seed(hex: Option<&str>) -> anyhow::Result<Seed> {
    match hex {
        Some(h) => Ok(Seed::from_hex(h)?),
        None => Ok(ecogov_store::os_seed()?),
    }
}
