//! `ecogov inspection record|list` and `ecogov diesel add|import|list|export` — inspection
//! records (双随机 results published) and diesel vehicle checks.

use super::common::{ByArg, date, open, read_all, source_of};
use crate::cli::DbArg;
use crate::output;
use anyhow::anyhow;
use ecogov_domain::draw::InspectorId;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::inspection::{
    CheckResult, DieselCheck, DieselCheckKind, InspectionRecord, PlateNumber,
};
use ecogov_io::regulation::{diesel, export};
use ecogov_store::DieselRecord;
use jiff::civil::Date;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The inspection subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum InspectionCommand {
    /// 登记执法检查记录 — record an inspection
    Record {
        /// 被检查企业统一社会信用代码 — enterprise
        #[arg(long)]
        enterprise: String,
        /// 检查日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 执法人员编号（至少 2 名，可多次） — inspector ids
        #[arg(long = "inspector", required = true)]
        inspectors: Vec<String>,
        /// 检查情况 — findings
        #[arg(long)]
        findings: String,
        /// 发现违法行为 — a violation was found
        #[arg(long)]
        violation: bool,
        /// 处理措施（可多次） — measures taken
        #[arg(long = "measure")]
        measures: Vec<String>,
        /// 所属双随机抽取编号 — the draw this inspection was drawn in
        #[arg(long)]
        draw: Option<i64>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看执法检查记录 — list inspections
    List {
        /// 只看双随机检查（公开结果） — only inspections of draws
        #[arg(long)]
        drawn: bool,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

/// The diesel subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum DieselCommand {
    /// 登记一条柴油车检测记录 — add one check
    Add {
        /// 检测方式：road 路检路查 / home 入户检测 — kind
        #[arg(long)]
        kind: String,
        /// 检测日期 — date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// 车牌号 — plate number
        #[arg(long)]
        plate: Option<String>,
        /// 企业统一社会信用代码（入户检测） — enterprise visited
        #[arg(long)]
        enterprise: Option<String>,
        /// 检测结果：合格 / 不合格 — result
        #[arg(long, default_value = "合格")]
        result: String,
        /// 备注 — note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 导入检测记录（XLSX 或 CSV；全部写入或全部不写） — import checks, all or nothing
    Import {
        /// 文件：检测方式,检测日期,车牌号,企业信用代码,检测结果[,备注]
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        by: ByArg,
    },
    /// 查看某年的检测记录和计数 — list a year's checks with counts
    List {
        /// 年份 — year
        #[arg(long)]
        year: i16,
        /// 输出 JSON — print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// 导出某年的检测记录为 Excel — export a year's checks
    Export {
        /// 年份 — year
        #[arg(long)]
        year: i16,
        /// 输出文件 — the .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Serialize)]
struct InspectionJson {
    id: i64,
    draw: Option<i64>,
    enterprise: String,
    date: String,
    inspectors: Vec<String>,
    findings: String,
    violation: bool,
    measures: Vec<String>,
}

#[derive(Serialize)]
struct DieselJson {
    year: i16,
    road_checks: usize,
    home_checks: usize,
    records: Vec<DieselRow>,
}

#[derive(Serialize)]
struct DieselRow {
    kind: &'static str,
    date: String,
    plate: Option<String>,
    enterprise: Option<String>,
    result: &'static str,
    note: Option<String>,
}

pub(crate) async fn run_inspection(command: InspectionCommand) -> anyhow::Result<ExitCode> {
    match command {
        InspectionCommand::Record {
            enterprise,
            date: d,
            inspectors,
            findings,
            violation,
            measures,
            draw,
            db,
            by,
        } => {
            let ids = inspectors
                .iter()
                .map(|i| {
                    InspectorId::new(i)
                        .ok_or_else(|| anyhow!("--inspector 不能为空 (empty inspector id)"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let record = InspectionRecord::new(
                ids,
                CreditCode::parse(&enterprise)?,
                date(&d, "--date")?,
                &findings,
                violation,
                measures,
            )?;
            let store = open(&db.db).await?;
            let id = store.record_inspection(draw, &record, &by.by).await?;
            output::line(&format!("已登记执法检查记录 {id} (inspection recorded)"))?;
        }
        InspectionCommand::List { drawn, json, db } => {
            let store = open(&db.db).await?;
            let list = store.inspections(drawn).await?;
            if json {
                let rows: Vec<InspectionJson> = list
                    .iter()
                    .map(|s| InspectionJson {
                        id: s.id,
                        draw: s.draw_id,
                        enterprise: s.record.enterprise().to_string(),
                        date: s.record.date().to_string(),
                        inspectors: s
                            .record
                            .inspectors()
                            .iter()
                            .map(|i| i.to_string())
                            .collect(),
                        findings: s.record.findings().to_string(),
                        violation: s.record.violation_found(),
                        measures: s.record.measures().to_vec(),
                    })
                    .collect();
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "日期".to_string(),
                "企业".into(),
                "抽取".into(),
                "执法人员".into(),
                "违法".into(),
                "检查情况".into(),
            ]];
            for s in &list {
                let r = &s.record;
                rows.push(vec![
                    r.date().to_string(),
                    r.enterprise().to_string(),
                    s.draw_id.map(|d| d.to_string()).unwrap_or_default(),
                    r.inspectors()
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join("、"),
                    if r.violation_found() { "是" } else { "否" }.into(),
                    output::clip(r.findings(), 40),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn year_range(year: i16) -> anyhow::Result<(Date, Date)> {
    let start = Date::new(year, 1, 1).map_err(|_| anyhow!("--year {year} 无效 (bad year)"))?;
    Ok((start, start.last_of_year()))
}

pub(crate) async fn run_diesel(command: DieselCommand) -> anyhow::Result<ExitCode> {
    match command {
        DieselCommand::Add {
            kind,
            date: d,
            plate,
            enterprise,
            result,
            note,
            db,
            by,
        } => {
            let kind = DieselCheckKind::parse(&kind).ok_or_else(|| {
                anyhow!("--kind “{kind}” 应为 road（路检路查）或 home（入户检测） (unknown kind)")
            })?;
            let result = match result.trim() {
                "合格" | "pass" => CheckResult::Pass,
                "不合格" | "fail" => CheckResult::Fail,
                other => anyhow::bail!("--result “{other}” 应为 合格 或 不合格 (unknown result)"),
            };
            let plate = plate.as_deref().map(PlateNumber::parse).transpose()?;
            let enterprise = enterprise.as_deref().map(CreditCode::parse).transpose()?;
            let check = DieselCheck::new(kind, date(&d, "--date")?, plate, enterprise, result)?;
            let store = open(&db.db).await?;
            let record = DieselRecord {
                origin: "命令行 (command line)".into(),
                check,
                note,
            };
            store.add_diesel_checks(&[record], "cli", &by.by).await?;
            output::line(&format!("已登记{}记录 (check recorded)", kind.label()))?;
        }
        DieselCommand::Import { files, db, by } => {
            let rows = read_all(&files, diesel::read)?;
            let records: Vec<DieselRecord> = rows
                .into_iter()
                .map(|(origin, r)| DieselRecord {
                    origin,
                    check: r.check,
                    note: r.note,
                })
                .collect();
            let source = source_of(&files);
            let store = open(&db.db).await?;
            let n = store.add_diesel_checks(&records, &source, &by.by).await?;
            let count = |k| records.iter().filter(|r| r.check.kind() == k).count();
            output::line(&format!(
                "已导入 {n} 条检测记录 (imported)：路检路查 {}，入户检测 {}",
                count(DieselCheckKind::RoadCheck),
                count(DieselCheckKind::HomeCheck)
            ))?;
        }
        DieselCommand::List { year, json, db } => {
            let (from, to) = year_range(year)?;
            let store = open(&db.db).await?;
            let list = store.diesel_checks(from, to).await?;
            let count = |k| list.iter().filter(|r| r.check.kind() == k).count();
            let (road, home) = (
                count(DieselCheckKind::RoadCheck),
                count(DieselCheckKind::HomeCheck),
            );
            if json {
                return output::json(&DieselJson {
                    year,
                    road_checks: road,
                    home_checks: home,
                    records: list
                        .iter()
                        .map(|r| DieselRow {
                            kind: r.check.kind().code(),
                            date: r.check.date().to_string(),
                            plate: r.check.plate().map(|p| p.to_string()),
                            enterprise: r.check.enterprise().map(|e| e.to_string()),
                            result: r.check.result().label(),
                            note: r.note.clone(),
                        })
                        .collect(),
                })
                .map(|()| ExitCode::SUCCESS);
            }
            let mut rows = vec![vec![
                "日期".to_string(),
                "方式".into(),
                "车牌号".into(),
                "企业".into(),
                "结果".into(),
            ]];
            for r in &list {
                let c = &r.check;
                rows.push(vec![
                    c.date().to_string(),
                    c.kind().label().into(),
                    c.plate().map(|p| p.to_string()).unwrap_or_default(),
                    c.enterprise().map(|e| e.to_string()).unwrap_or_default(),
                    c.result().label().into(),
                ]);
            }
            output::line(output::table(&rows).trim_end())?;
            output::line(&format!(
                "{year}年：路检路查 {road} 辆次，入户检测 {home} 辆次"
            ))?;
        }
        DieselCommand::Export { year, xlsx, db } => {
            let (from, to) = year_range(year)?;
            let store = open(&db.db).await?;
            let list: Vec<(DieselCheck, Option<String>)> = store
                .diesel_checks(from, to)
                .await?
                .into_iter()
                .map(|r| (r.check, r.note))
                .collect();
            export::xlsx(&xlsx, &export::diesel(&list))?;
            output::line(&format!(
                "已导出 {} 条记录到 {} (exported)",
                list.len(),
                xlsx.display()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
