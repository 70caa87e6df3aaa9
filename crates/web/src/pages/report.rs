//! 主要目标完成情况 — the monthly target report: a printable A4 page and the same report as XLSX.

use crate::target_view::Targets;
use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ecogov_domain::progress::parse_date;
use ecogov_domain::target::Comparator;
use serde::Deserialize;
use std::sync::Arc;

/// `?month=YYYY-MM`: the report as of the month's last day (or the page's date, if earlier).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReportQuery {
    month: Option<String>,
    as_of: Option<String>,
}

struct Row {
    number: usize,
    area: &'static str,
    measure: String,
    threshold: String,
    current: String,
    last_year: String,
    status: &'static str,
    status_css: &'static str,
    budget: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "targets_report.html")]
pub(crate) struct ReportPage {
    chrome: Chrome,
    month: String,
    title: String,
    as_of: String,
    synthetic: bool,
    summary: String,
    rows: Vec<Row>,
}

/// The ledger judged on the report date: the last day of `?month=`, or the page's date.
async fn load(state: &AppState, q: &ReportQuery) -> Result<(Ledger, Targets, String), AppError> {
    // One ledger, judged on the month's last day, or on the page's date without a month.
    let as_of = match q.month.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => parse_date(&format!("{m}-01"))
            .map(|d| d.last_of_month().to_string())
            .ok_or_else(|| {
                AppError::BadRequest(format!("月份“{m}”无效，应为 YYYY-MM (bad month)"))
            })?,
        None => q
            .as_of
            .clone()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| state.as_of.date().to_string()),
    };
    let ledger = Ledger::load(state, &AsOfQuery { as_of: Some(as_of) }, "目标完成情况").await?;
    let targets = Targets::load(state, &ledger).await?;
    let month = ledger.as_of.strftime("%Y-%m").to_string();
    Ok((ledger, targets, month))
}

pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    Query(q): Query<ReportQuery>,
) -> Result<ReportPage, AppError> {
    let (ledger, targets, month) = load(&state, &q).await?;
    let e = &targets.evaluations;
    let synthetic = e.iter().any(|e| e.synthetic);
    let count = |code: &str| e.iter().filter(|e| e.status.code() == code).count();
    let quantified = e
        .iter()
        .filter(|e| e.target.comparator != Comparator::Qualitative)
        .count();
    let summary = format!(
        "主要目标 {} 项，其中量化指标 {quantified} 项：达标 {} 项、有风险 {} 项、已无法达标 {} 项、数据不足 {} 项、目标未设定 {} 项；定性目标 {} 项。",
        e.len(),
        count("on_track"),
        count("at_risk"),
        count("unreachable"),
        count("insufficient"),
        count("no_threshold"),
        e.len() - quantified
    );
    let rows = e
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            number: i + 1,
            area: e.target.area.label(),
            measure: e.target.measure.clone(),
            threshold: e.target.threshold_label(),
            current: e.shown.clone(),
            last_year: e.last_year.map(|v| e.show(Some(v))).unwrap_or_default(),
            status: e.status.label(),
            status_css: e.status.code(),
            budget: e.budget.clone().unwrap_or_default(),
        })
        .collect();
    let title = format!(
        "{}年{}月主要目标完成情况",
        ledger.as_of.year(),
        ledger.as_of.month()
    );
    Ok(ReportPage {
        chrome: ledger.chrome_titled(title.clone()),
        month,
        title,
        as_of: ledger.as_of.to_string(),
        synthetic,
        summary,
        rows,
    })
}

pub(crate) async fn xlsx(
    State(state): State<Arc<AppState>>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let (ledger, targets, month) = load(&state, &q).await?;
    let synthetic = targets.evaluations.iter().any(|e| e.synthetic);
    let bytes = ecogov_io::export::targets_xlsx_bytes(
        &ledger.plan().title,
        ledger.as_of,
        &targets.evaluations,
        synthetic,
    )
    .map_err(AppError::Export)?;
    let name = format!("targets-{month}.xlsx");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
