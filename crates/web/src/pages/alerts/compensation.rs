//! 生态补偿结算 — the agreements and one agreement settled over a period (who pays whom, how
//! much, and why, month by month), computed from the stored samples as `ecogov compensation`.

use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use ecogov_domain::compensation::YearMonth;
use ecogov_domain::compensation::{AssessmentPeriod, settle};
use ecogov_io::alerts::agreement;
use ecogov_store::beijing_time_text;
use serde::Deserialize;
use std::sync::Arc;

/// `?period=2023-Q2`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PeriodQuery {
    period: Option<String>,
    as_of: Option<String>,
}

pub(super) struct AgreementRow {
    code: String,
    name: String,
    parties: String,
    imported: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_compensation_list.html")]
pub(crate) struct ListPage {
    chrome: Chrome,
    period: String,
    agreements: Vec<AgreementRow>,
}

pub(super) struct MonthRow {
    month: String,
    class: String,
    reason: String,
}

pub(super) struct LineRow {
    section: String,
    period: String,
    class: String,
    amount: String,
    reason: String,
    months: Vec<MonthRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_compensation.html")]
pub(crate) struct SettlementPage {
    chrome: Chrome,
    code: String,
    name: String,
    period: String,
    upstream: String,
    downstream: String,
    conclusion: String,
    reason: String,
    complete: bool,
    synthetic: bool,
    lines: Vec<LineRow>,
    source: String,
}

/// The quarter of `date`, as `2023-Q3`.
fn quarter_of(date: jiff::civil::Date) -> String {
    format!("{}-Q{}", date.year(), YearMonth::of(date).quarter())
}

pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<ListPage, AppError> {
    let ledger = Ledger::load(&state, &q, "生态补偿结算").await?;
    let agreements = state
        .store
        .agreements()
        .await?
        .into_iter()
        .map(|a| AgreementRow {
            code: a.code,
            name: a.name,
            parties: format!("{} → {}", a.upstream, a.downstream),
            imported: format!("{}（{}）", beijing_time_text(a.imported_at), a.imported_by),
        })
        .collect();
    Ok(ListPage {
        chrome: ledger.chrome_titled("生态补偿结算".into()),
        period: quarter_of(ledger.as_of),
        agreements,
    })
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<SettlementPage, AppError> {
    let ledger = Ledger::load(
        &state,
        &AsOfQuery {
            as_of: q.as_of.clone(),
        },
        "生态补偿结算",
    )
    .await?;
    let stored = state.store.agreement(&code).await?.ok_or_else(|| {
        AppError::NotFound(format!("没有编号为“{code}”的协议 (no such agreement)"))
    })?;
    let a = agreement::parse(std::path::Path::new(&stored.file), &stored.source_text).map_err(
        |issues| {
            let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
            AppError::BadRequest(format!(
                "数据库中的协议无效 (stored agreement invalid): {}",
                shown.join("；")
            ))
        },
    )?;
    let period_text = q
        .period
        .clone()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| quarter_of(ledger.as_of));
    let period: AssessmentPeriod = period_text
        .parse()
        .map_err(|e| AppError::BadRequest(format!("{e}")))?;
    let inputs = state
        .store
        .monthly_factor_values(&a.sections, &a.factors, period)
        .await?;
    let s = settle(&a, period, &inputs).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let conclusion = match (s.payer(), s.payee()) {
        (Some(payer), Some(payee)) => {
            format!("{payer} 向 {payee} 支付 {} 万元", s.amount().normalize())
        }
        _ => "双方互不支付".to_string(),
    };
    let lines = s
        .lines
        .iter()
        .map(|l| LineRow {
            section: l.section.clone(),
            period: l.period.to_string(),
            class: l
                .evaluation
                .as_ref()
                .map(|e| e.class.to_string())
                .unwrap_or_else(|| "无数据".into()),
            amount: l.amount.normalize().to_string(),
            reason: l.reason.clone(),
            months: l
                .months
                .iter()
                .map(|m| MonthRow {
                    month: m.month.to_string(),
                    class: m.evaluation.class.to_string(),
                    reason: m.evaluation.reason.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(SettlementPage {
        chrome: ledger.chrome_titled(format!("生态补偿结算 · {}", a.name)),
        code: a.id.clone(),
        name: a.name.clone(),
        period: s.period.to_string(),
        upstream: s.upstream.clone(),
        downstream: s.downstream.clone(),
        conclusion,
        reason: s.reason.clone(),
        complete: s.complete,
        synthetic: state.store.has_synthetic_data().await?,
        lines,
        source: a.source.clone(),
    })
}
