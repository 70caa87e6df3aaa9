//! 公开信息 — the public page (no sign-in): the city's air quality so far this year (the plan's air
//! targets, evaluated as the overview does), the heavy-pollution warning in force with its health
//! advice, and the latest monthly cross-boundary section bulletin. Printable, no JavaScript.

use crate::target_view::Targets;
use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use ecogov_domain::target::Binding;
use ecogov_domain::warning::{MeasureKind, WarningState};
use ecogov_domain::water_assessment::{MonthlyBulletin, assess_month};
use std::sync::Arc;

pub(super) struct AirRow {
    measure: String,
    current: String,
    last_year: String,
    threshold: String,
    status: &'static str,
    status_css: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_public.html")]
pub(crate) struct PublicPage {
    chrome: Chrome,
    as_of: String,
    synthetic: bool,
    air: Vec<AirRow>,
    warning: Option<String>,
    warning_css: &'static str,
    advice: Vec<String>,
    bulletin_title: String,
    bulletin_summary: String,
    sections: Vec<crate::pages::water::Row>,
}

/// The latest month up to `first` (its first day) with evaluated sections, looking back a year.
async fn latest_bulletin(
    state: &AppState,
    first: jiff::civil::Date,
) -> Result<Option<MonthlyBulletin>, AppError> {
    let mut month = first;
    for _ in 0..12 {
        let b = assess_month(month, &state.store.water_month(month).await?);
        if b.evaluated() > 0 {
            return Ok(Some(b));
        }
        month = match month.checked_sub(jiff::Span::new().months(1)) {
            Ok(m) => m,
            Err(_) => break,
        };
    }
    Ok(None)
}

pub(crate) async fn bulletin(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<PublicPage, AppError> {
    let ledger = Ledger::load(&state, &q, "公开信息：空气质量与跨界断面水质").await?;
    let targets = Targets::load(&state, &ledger).await?;
    let air: Vec<AirRow> = targets
        .evaluations
        .iter()
        .filter(|e| matches!(e.target.binding, Some(Binding::Air(_))))
        .map(|e| AirRow {
            measure: e.target.measure.clone(),
            current: if e.shown.is_empty() {
                "—".into()
            } else {
                e.shown.clone()
            },
            last_year: e.show(e.last_year),
            threshold: e.target.threshold_label(),
            status: e.status.label(),
            status_css: e.status.code(),
        })
        .collect();
    let (log, _) = state.store.warning_log().await?;
    let measures = state.store.warning_measures().await?;
    let (warning, warning_css, advice) = match log.state() {
        WarningState::Inactive => (None, "none", Vec::new()),
        WarningState::Active {
            level, issued_on, ..
        } => (
            Some(format!("{issued_on} 起发布{level}")),
            level.code(),
            measures
                .in_force(level)
                .into_iter()
                .filter(|m| m.kind == MeasureKind::HealthProtection)
                .map(|m| m.text.clone())
                .collect(),
        ),
    };
    let b = latest_bulletin(&state, ledger.as_of.first_of_month()).await?;
    let (bulletin_title, bulletin_summary, sections) = match &b {
        Some(b) => {
            let (good, worst) = b.good_and_worst();
            let (meeting, with_target) = b.meeting_target();
            (
                format!(
                    "{}年{}月全市跨界断面水质通报",
                    b.month.year(),
                    b.month.month()
                ),
                format!(
                    "本月评价断面 {} 个，其中Ⅰ–Ⅲ类 {good} 个、劣Ⅴ类 {worst} 个；有水质目标的 {with_target} 个断面中 {meeting} 个达标。",
                    b.evaluated()
                ),
                crate::pages::water::rows(b),
            )
        }
        None => (
            "跨界断面水质通报".to_string(),
            "近一年尚无断面监测数据。".to_string(),
            Vec::new(),
        ),
    };
    Ok(PublicPage {
        chrome: ledger.chrome_titled("公开信息".into()),
        as_of: ledger.as_of.to_string(),
        synthetic: state.store.has_synthetic_data().await?,
        air,
        warning,
        warning_css,
        advice,
        bulletin_title,
        bulletin_summary,
        sections,
    })
}
