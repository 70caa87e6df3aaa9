//! `ecogov aqi [--check] FILE...`: the real-time AQI of every station-hour, computed from the raw
//! 1-hour concentrations only, or compared with what the files publish.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use ecogov_io::cnemc::{HourlyRow, OfficialAqi, OfficialPrimary};
use ecogov_io::{RowError, RowErrorKind};
use ecogov_standards::air::{AqiSummary, HourEnding, IndicatorSet, Publication, hourly_aqi};

use super::{Outcome, csv_field, for_each_row, report};

const WRITE: &str = "写入标准输出失败 (cannot write to standard output)";

pub(super) fn run(files: &[PathBuf], check: bool) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout);
    let outcome = if check {
        run_check(files, &mut out)?
    } else {
        writeln!(out, "timepoint,stationcode,aqi,primary_pollutants,level").context(WRITE)?;
        let mut labels = LabelCache::default();
        for_each_row(
            files,
            |_, row| write_row(&mut out, &mut labels, row).context(WRITE),
            |_| {},
        )?
    };
    out.flush().context(WRITE)?;
    Ok(outcome)
}

/// The hour label as text, computed once per hour (a file holds one hour).
#[derive(Default)]
struct LabelCache {
    hour: Option<HourEnding>,
    text: String,
}

impl LabelCache {
    fn get(&mut self, hour: HourEnding) -> &str {
        if self.hour != Some(hour) {
            self.hour = Some(hour);
            self.text = hour.label().map(|l| l.to_string()).unwrap_or_default();
        }
        &self.text
    }
}

fn primary_names(set: IndicatorSet) -> String {
    set.iter()
        .map(|i| i.primary_name_zh())
        .collect::<Vec<_>>()
        .join(",")
}

/// `timepoint,stationcode,aqi,primary_pollutants,level`; `NA` for AQI, primary pollutants and
/// level where the AQI is not published (HJ 633-2026 §5.3.1: a missing pollutant and the rest
/// giving AQI ≤ 100; or no pollutant at all).
fn write_row(
    out: &mut impl Write,
    labels: &mut LabelCache,
    row: &HourlyRow,
) -> std::io::Result<()> {
    let report = hourly_aqi(row.hour.edition(), &row.hourly_input());
    out.write_all(labels.get(row.hour).as_bytes())?;
    out.write_all(b",")?;
    csv_field(out, row.station.as_str())?;
    match report.published() {
        Some(s) => {
            write!(out, ",{},", s.aqi.get())?;
            csv_field(out, &primary_names(s.primary))?;
            writeln!(out, ",{}", s.level.level_zh())
        }
        None => out.write_all(b",NA,NA,NA\n"),
    }
}

/// Counters of `--check`.
#[derive(Debug, Default)]
struct Tally {
    compared: u64,
    matched: u64,
    mismatched: u64,
    /// Matched with the AQI `NA`/blank on both sides.
    matched_withheld: u64,
    /// Published although a pollutant is missing and the rest give AQI ≤ 100; ours agrees
    /// with the published value.
    published_incomplete: u64,
    /// Not published although all six pollutants are present.
    withheld_complete: u64,
    /// Not published although a pollutant is missing and the rest give AQI > 100.
    withheld_above_hundred: u64,
    /// Rows whose published columns cannot be read.
    bad_official: u64,
}

fn run_check(files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<Outcome> {
    let mut tally = Tally::default();
    let mut outcome = for_each_row(
        files,
        |file, row| check_row(out, &mut tally, file, row),
        |_: &RowError| {},
    )?;
    outcome.bad_rows += tally.bad_official;
    let lines = [
        (
            tally.published_incomplete,
            "不能仅凭文件判定，另计 (undecidable from the file alone, counted apart): 有污染物缺测（NA/空）、其余污染物 AQI ≤ 100 却已发布；是否发布取决于该站点历年首要污染物记录 (published although a pollutant is missing and the others give AQI ≤ 100: publication depends on the station's history, HJ 633-2026 §5.3.2); 其 AQI 与首要污染物与我们一致 (their AQI and primary pollutants agree with ours)",
        ),
        (
            tally.withheld_above_hundred,
            "不能仅凭文件判定，另计 (undecidable from the file alone, counted apart): 有污染物缺测、其余污染物 AQI > 100 却未发布 (not published although a pollutant is missing and the others give AQI > 100, which HJ 633-2026 §5.3.1 would publish: a decision, e.g. data review or §5.3.2, the file does not carry)",
        ),
        (
            tally.withheld_complete,
            "不能仅凭文件判定，另计 (undecidable from the file alone, counted apart): 六项污染物齐全却未发布 AQI (not published although all six pollutants are present: a decision, e.g. data review, the file does not carry)",
        ),
        (
            outcome.bad_rows,
            "未比对：行有错误，见标准错误 (not compared: rows with errors, listed on standard error)",
        ),
    ];
    for (n, text) in lines {
        if n > 0 {
            writeln!(out, "{n}\t{text}").context(WRITE)?;
        }
    }
    if tally.matched_withheld > 0 {
        writeln!(
            out,
            "{}\t其中双方均未发布 AQI（NA/空） (of the matched: AQI not published on both sides)",
            tally.matched_withheld
        )
        .context(WRITE)?;
    }
    writeln!(
        out,
        "compared {}, matched {}, mismatched {}",
        tally.compared, tally.matched, tally.mismatched
    )
    .context(WRITE)?;
    Ok(outcome)
}

fn official_error(file: &Arc<Path>, row: &HourlyRow, field: &str, kind: RowErrorKind) {
    report(&RowError {
        file: Arc::clone(file),
        line: row.line,
        field: Some(field.into()),
        kind,
    });
}

/// Compares one row with the file's own `aqi` and `primarypollutant`.
///
/// The AQI and primary pollutants are compared wherever both sides have them. The decision to
/// publish is compared too, except where it rests on facts the file does not carry (see
/// [`Tally`]); those rows are counted apart, never among the matches.
fn check_row(
    out: &mut impl Write,
    tally: &mut Tally,
    file: &Arc<Path>,
    row: &HourlyRow,
) -> anyhow::Result<()> {
    let official_primary = match &row.official_primary {
        OfficialPrimary::Listed(set) => *set,
        OfficialPrimary::Unknown(text) => {
            tally.bad_official += 1;
            let kind = RowErrorKind::UnknownPollutant { text: text.clone() };
            official_error(file, row, "primarypollutant", kind);
            return Ok(());
        }
    };
    let report = hourly_aqi(row.hour.edition(), &row.hourly_input());
    let ours = report.computed.map(|s| (s.aqi.get(), s.primary));
    let verdict = match (&row.official_aqi, report.publication) {
        (OfficialAqi::Invalid(text), _) => {
            tally.bad_official += 1;
            let kind = RowErrorKind::OutOfRange {
                text: text.clone(),
                allowed: "AQI 为 0–500 的整数、NA 或空 (an integer 0–500, NA or empty)",
            };
            official_error(file, row, "aqi", kind);
            return Ok(());
        }
        (OfficialAqi::Published(aqi), Publication::Published) => {
            Verdict::compare(ours == Some((*aqi, official_primary)))
        }
        (OfficialAqi::Published(aqi), Publication::WithheldIncomplete) => {
            if ours == Some((*aqi, official_primary)) {
                tally.published_incomplete += 1;
                Verdict::Apart
            } else {
                Verdict::Mismatch
            }
        }
        (OfficialAqi::Published(_), Publication::NoData) => Verdict::Mismatch,
        (OfficialAqi::NotPublished, Publication::WithheldIncomplete | Publication::NoData) => {
            tally.matched_withheld += 1;
            Verdict::Match
        }
        (OfficialAqi::NotPublished, Publication::Published) => {
            if report.missing.is_empty() {
                tally.withheld_complete += 1;
            } else {
                tally.withheld_above_hundred += 1;
            }
            Verdict::Apart
        }
    };
    match verdict {
        Verdict::Match => {
            tally.compared += 1;
            tally.matched += 1;
        }
        Verdict::Mismatch => {
            tally.compared += 1;
            tally.mismatched += 1;
            let official = match &row.official_aqi {
                OfficialAqi::Published(aqi) => {
                    format!("{aqi} [{}]", primary_names(official_primary))
                }
                _ => "NA".to_owned(),
            };
            writeln!(
                out,
                "不一致 (mismatch) {}:{}: {} {}: 发布 (published) {official}; 计算 (ours) {}",
                file.display(),
                row.line,
                row.station,
                row.hour.label().map(|l| l.to_string()).unwrap_or_default(),
                ours_text(report.computed, report.publication),
            )
            .context(WRITE)?;
        }
        Verdict::Apart => {}
    }
    Ok(())
}

enum Verdict {
    Match,
    Mismatch,
    Apart,
}

impl Verdict {
    fn compare(equal: bool) -> Verdict {
        if equal {
            Verdict::Match
        } else {
            Verdict::Mismatch
        }
    }
}

/// Our result for a mismatch line.
fn ours_text(summary: Option<AqiSummary>, publication: Publication) -> String {
    match (summary, publication) {
        (Some(s), Publication::Published) => {
            format!("{} [{}]", s.aqi.get(), primary_names(s.primary))
        }
        (Some(s), _) => format!(
            "NA（计算值 computed {} [{}]）",
            s.aqi.get(),
            primary_names(s.primary)
        ),
        (None, _) => "NA".to_owned(),
    }
}
