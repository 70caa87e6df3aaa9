//! 总览 — targets by area, task groups with counts by status.

use crate::status::{self, Badge};
use crate::view::{AsOfQuery, Chrome, Ledger, TaskRow, status_bar, status_of, task_row};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use ecogov_domain::progress::ProgressStatus;
use ecogov_domain::target::{Comparator, TargetArea, ThresholdSource};
use ecogov_domain::target_tracking::TrackStatus;
use std::sync::Arc;

struct Indicator {
    id: String,
    /// Whether the indicator has a page with computed values.
    linked: bool,
    /// A quantified indicator not computed from data: the bureau enters it (人工填报).
    manual: bool,
    measure: String,
    threshold: String,
    source: &'static str,
    unset: bool,
    /// 当前值 — the computed year-to-date value, for bound indicators.
    current: String,
    /// Who entered the threshold, when it was entered rather than stated by the plan.
    set_by: String,
    /// 目标状态 (label, CSS class), for bound indicators.
    status: Option<(&'static str, &'static str)>,
    /// 余量 — what the rest of the year must achieve.
    budget: String,
}

struct Area {
    number: usize,
    label: &'static str,
    text: String,
    indicators: Vec<Indicator>,
}

struct Count {
    badge: Badge,
    count: usize,
}

struct Group {
    label: String,
    tasks: Vec<TaskRow>,
    counts: Vec<Count>,
    bar: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "overview.html")]
pub(crate) struct Overview {
    chrome: Chrome,
    issuer: String,
    published: String,
    areas: Vec<Area>,
    groups: Vec<Group>,
    deliverable_counts: Vec<Count>,
    deliverable_bar: String,
    deliverable_total: usize,
}

fn counts(statuses: &[Option<ProgressStatus>]) -> Vec<(Option<ProgressStatus>, usize)> {
    status::ORDER
        .iter()
        .map(|s| (*s, statuses.iter().filter(|x| *x == s).count()))
        .collect()
}

fn shown(counts: &[(Option<ProgressStatus>, usize)]) -> Vec<Count> {
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| Count {
            badge: status::badge(*s),
            count: *n,
        })
        .collect()
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<Overview, AppError> {
    let ledger = Ledger::load(&state, &q, "总览").await?;
    let plan = ledger.plan();
    let rows = ledger.rows();
    let targets = crate::target_view::Targets::load(&state, &ledger).await?;
    let areas = TargetArea::ALL
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let evals: Vec<_> = targets
                .evaluations
                .iter()
                .filter(|e| e.target.area == *area)
                .collect();
            Area {
                number: i + 1,
                label: area.label(),
                text: evals
                    .first()
                    .map(|e| e.target.text.clone())
                    .unwrap_or_default(),
                indicators: evals
                    .iter()
                    .map(|e| {
                        let t = &e.target;
                        let qualitative = t.comparator == Comparator::Qualitative;
                        Indicator {
                            id: t.id.clone(),
                            linked: !qualitative,
                            manual: e.status == TrackStatus::Unbound,
                            measure: t.measure.clone(),
                            threshold: t.threshold_label(),
                            source: match t.source {
                                ThresholdSource::Plan => "本计划",
                                ThresholdSource::Province => "省下达",
                                ThresholdSource::None => "定性",
                            },
                            set_by: targets.set_by(e),
                            unset: t.threshold.is_none() && !qualitative,
                            current: e.shown.clone(),
                            status: (!qualitative).then(|| (e.status.label(), e.status.code())),
                            budget: e.budget.clone().unwrap_or_default(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let groups = plan
        .groups
        .iter()
        .map(|g| {
            let tasks: Vec<_> = plan.tasks_in_group(g.number).collect();
            let statuses: Vec<_> = tasks.iter().map(|t| status_of(t, &rows)).collect();
            let c = counts(&statuses);
            Group {
                label: g.label(),
                tasks: tasks.iter().map(|t| task_row(t, &rows, "")).collect(),
                counts: shown(&c),
                bar: status_bar(&c, 160),
            }
        })
        .collect();
    let all: Vec<_> = rows.iter().map(|r| Some(r.status)).collect();
    let c = counts(&all);
    Ok(Overview {
        issuer: plan.issuer.clone(),
        published: plan.published.to_string(),
        areas,
        groups,
        deliverable_counts: shown(&c),
        deliverable_bar: status_bar(&c, 480),
        deliverable_total: rows.len(),
        chrome: ledger.chrome.clone(),
    })
}
