//! 指标 — one target indicator: its value so far against last year, the monthly picture, what the
//! rest of the year must achieve, and the trail of how the number was made.

use crate::chart::monthly_bars;
use crate::target_view::Targets;
use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use ecogov_domain::target::Comparator;
use std::sync::Arc;

/// One row of the section table of a water indicator.
struct SectionRow {
    name: String,
    level: &'static str,
    target: String,
    class: String,
    last_class: String,
    months: String,
    can_still_fail: String,
    /// CSS class: `lost` when the section can no longer comply.
    css: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "target.html")]
pub(crate) struct TargetPage {
    chrome: Chrome,
    area: &'static str,
    measure: String,
    text: String,
    threshold: String,
    set_by: String,
    current: String,
    last_year: String,
    projection: String,
    status: Option<(&'static str, &'static str)>,
    budget: String,
    chart: String,
    method: Vec<String>,
    sections: Vec<SectionRow>,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<TargetPage, AppError> {
    let ledger = Ledger::load(&state, &q, "指标").await?;
    if !ledger.plan().targets.iter().any(|t| t.id == id) {
        return Err(AppError::NotFound(format!(
            "指标“{id}”不存在 (no such target)"
        )));
    }
    let targets = Targets::load(&state, &ledger).await?;
    let e = targets
        .evaluations
        .iter()
        .find(|e| e.target.id == id)
        .ok_or_else(|| AppError::NotFound(format!("指标“{id}”不存在 (no such target)")))?;
    let t = &e.target;
    let qualitative = t.comparator == Comparator::Qualitative;
    let unit = match t.unit.as_deref() {
        Some("%") => "%".to_string(),
        Some(u) => format!(" {u}"),
        None => String::new(),
    };
    let chart = if e.monthly.iter().any(|p| p.this_year.is_some()) {
        monthly_bars(&e.monthly, t.threshold, &unit)
    } else {
        String::new()
    };
    let sections = e
        .sections
        .iter()
        .map(|s| SectionRow {
            name: s.section.name.clone(),
            level: s.section.level.label(),
            target: s
                .section
                .target
                .map(|c| c.symbol().to_string())
                .unwrap_or_else(|| "—".into()),
            class: s
                .class
                .map(|c| c.symbol().to_string())
                .unwrap_or_else(|| "无数据".into()),
            last_class: s
                .last_year_class
                .map(|c| c.symbol().to_string())
                .unwrap_or_else(|| "—".into()),
            months: format!("{} / {}", s.months_meeting, s.months_assessed),
            can_still_fail: match s.can_still_fail {
                Some(n) if n < 0 => "已无法达标".into(),
                Some(n) => format!("{n} 个月"),
                None => "—".into(),
            },
            css: if s.can_still_fail.is_some_and(|n| n < 0) {
                "lost"
            } else {
                ""
            },
        })
        .collect();
    Ok(TargetPage {
        chrome: ledger.chrome_titled(t.measure.clone()),
        area: t.area.label(),
        measure: t.measure.clone(),
        text: t.text.clone(),
        threshold: t.threshold_label(),
        set_by: targets.set_by(e),
        current: e.shown.clone(),
        last_year: e.last_year.map(|v| e.show(Some(v))).unwrap_or_default(),
        projection: e
            .projection
            .as_ref()
            .map(|p| format!("{}（{}）", e.show(Some(p.value)), p.method))
            .unwrap_or_default(),
        status: (!qualitative).then(|| (e.status.label(), e.status.code())),
        budget: e.budget.clone().unwrap_or_default(),
        chart,
        method: e.trail.clone(),
        sections,
    })
}
