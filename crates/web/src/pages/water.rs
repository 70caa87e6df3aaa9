//! 月度跨界断面水质通报 — the monthly section bulletin as a printable page (A4, 通报 layout).

use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use ecogov_domain::progress::parse_date;
use ecogov_domain::water_assessment::assess_month;
use serde::Deserialize;
use std::sync::Arc;

/// `?month=YYYY-MM`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MonthQuery {
    month: Option<String>,
    as_of: Option<String>,
}

/// One section of a monthly bulletin, as shown (the bulletin page and the public page).
pub(crate) struct Row {
    pub(crate) rank: String,
    pub(crate) name: String,
    pub(crate) water: String,
    pub(crate) district: String,
    pub(crate) boundary: String,
    pub(crate) target: String,
    pub(crate) class: String,
    pub(crate) class_css: &'static str,
    pub(crate) verdict: &'static str,
    pub(crate) verdict_css: &'static str,
    pub(crate) main: String,
    pub(crate) samples: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "water_monthly.html")]
pub(crate) struct MonthlyPage {
    chrome: Chrome,
    month: String,
    title: String,
    synthetic: bool,
    summary: String,
    rows: Vec<Row>,
}

pub(crate) async fn monthly(
    State(state): State<Arc<AppState>>,
    Query(q): Query<MonthQuery>,
) -> Result<MonthlyPage, AppError> {
    let as_of = AsOfQuery {
        as_of: q.as_of.clone(),
    };
    let ledger = Ledger::load(&state, &as_of, "月度断面水质通报").await?;
    let first = match q.month.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => parse_date(&format!("{m}-01")).ok_or_else(|| {
            AppError::BadRequest(format!("月份“{m}”无效，应为 YYYY-MM (bad month)"))
        })?,
        None => ledger.as_of.first_of_month(),
    };
    let b = assess_month(first, &state.store.water_month(first).await?);
    let synthetic = state.store.has_synthetic_data().await?;
    let (good, worst) = b.good_and_worst();
    let (meeting, with_target) = b.meeting_target();
    let summary = format!(
        "本月评价断面 {} 个，其中Ⅰ–Ⅲ类 {good} 个、劣Ⅴ类 {worst} 个；有水质目标的 {with_target} 个断面中 {meeting} 个达标。",
        b.evaluated()
    );
    let rows = rows(&b);
    let title = format!("{}年{}月全市跨界断面水质通报", first.year(), first.month());
    Ok(MonthlyPage {
        chrome: ledger.chrome_titled(title.clone()),
        month: first.strftime("%Y-%m").to_string(),
        title,
        synthetic,
        summary,
        rows,
    })
}

/// The bulletin's sections as shown, in rank order.
pub(crate) fn rows(b: &ecogov_domain::water_assessment::MonthlyBulletin) -> Vec<Row> {
    b.sections
        .iter()
        .map(|s| Row {
            rank: s.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
            name: s.section.name.clone(),
            water: s.section.water.clone(),
            district: s.section.district.clone().unwrap_or_default(),
            boundary: match (&s.section.upstream, &s.section.downstream) {
                (Some(u), Some(d)) => format!("{u} → {d}"),
                _ => String::new(),
            },
            target: s.section.target.map(|c| c.to_string()).unwrap_or_default(),
            class: s
                .class
                .map(|c| c.to_string())
                .unwrap_or_else(|| "无数据".into()),
            class_css: match s.class {
                Some(c) if c.is_good() => "good",
                Some(ecogov_standards::water::WaterClass::WorseThanV) => "worst",
                Some(_) => "poor",
                None => "none",
            },
            verdict: match s.meets_target {
                Some(true) => "达标",
                Some(false) => "未达标",
                None => "",
            },
            verdict_css: if s.meets_target == Some(false) {
                "fail"
            } else {
                ""
            },
            main: s.main_pollutants.join("、"),
            samples: s.samples,
        })
        .collect()
}
