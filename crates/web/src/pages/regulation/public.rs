//! 一公开 — the public draw pages (commitment, inputs, result, seed, and the draw re-run from
//! them) and the published inspection results.

use super::{beijing, chrome};
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use ecogov_store::{DrawState, StoredDraw, draw_text};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) struct DrawLine {
    pub id: i64,
    pub period: String,
    pub state: &'static str,
    pub state_code: &'static str,
    pub commitment: String,
    pub planned: String,
}

pub(super) fn line(d: &StoredDraw) -> DrawLine {
    DrawLine {
        id: d.id,
        period: d.period.clone(),
        state: d.state.label(),
        state_code: d.state.code(),
        commitment: d.commitment.clone().unwrap_or_default(),
        planned: beijing(d.planned_at),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_public_draws.html")]
pub(crate) struct DrawsPage {
    chrome: Chrome,
    draws: Vec<DrawLine>,
}

/// `/public/draws`: every committed draw (planned ones are not yet public).
pub(crate) async fn draws(State(state): State<Arc<AppState>>) -> Result<DrawsPage, AppError> {
    let draws = state
        .store
        .draws()
        .await?
        .iter()
        .filter(|d| d.state != DrawState::Planned)
        .map(line)
        .collect();
    Ok(DrawsPage {
        chrome: chrome(&state, "双随机抽查公示").await?,
        draws,
    })
}

pub(super) struct Pick {
    pub pool: String,
    pub code: String,
    pub name: String,
    pub inspectors: String,
}

pub(super) struct Finding {
    pub date: String,
    pub code: String,
    pub name: String,
    pub draw: String,
    pub findings: String,
    pub violation: bool,
    pub measures: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_public_draw.html")]
pub(crate) struct DrawPage {
    chrome: Chrome,
    draw: DrawLine,
    inputs: String,
    inputs_digest: String,
    seed: String,
    result: String,
    picks: Vec<Pick>,
    /// `Some(Ok(n))` verified with n inspections; `Some(Err(message))` failed; `None` not yet.
    verified: Option<Result<usize, String>>,
    times: Vec<(&'static str, String)>,
    findings: Vec<Finding>,
}

async fn names(state: &AppState) -> Result<HashMap<String, String>, AppError> {
    Ok(state
        .store
        .enterprises()
        .await?
        .into_iter()
        .map(|e| (e.credit_code().to_string(), e.name().to_string()))
        .collect())
}

/// `/public/draws/{id}`: what was published at each step; once the seed is disclosed, the draw
/// re-run here from the published inputs and seed, and the outcome.
pub(crate) async fn draw(
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Result<DrawPage, AppError> {
    let not_found =
        || AppError::NotFound(format!("抽取 {id} 不存在或尚未公布 (no such public draw)"));
    let d = state.store.draw(id).await.map_err(|_| not_found())?;
    if d.state == DrawState::Planned {
        return Err(not_found());
    }
    let names = names(&state).await?;
    let inspector_names: HashMap<String, String> = draw_text::parse_inputs(&d.inputs)
        .map(|i| {
            i.inspectors()
                .iter()
                .map(|x| (x.id.to_string(), x.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let picks = match d.parsed_result() {
        Some(Ok(r)) => r
            .assignments
            .iter()
            .map(|a| Pick {
                pool: a.pool.to_string(),
                code: a.enterprise.to_string(),
                name: names
                    .get(a.enterprise.as_str())
                    .cloned()
                    .unwrap_or_default(),
                inspectors: a
                    .inspectors
                    .iter()
                    .map(|i| match inspector_names.get(i.as_str()) {
                        Some(n) => format!("{n}（{i}）"),
                        None => i.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
            })
            .collect(),
        _ => Vec::new(),
    };
    let verified = match (&d.seed, &d.result, &d.commitment) {
        (Some(s), Some(r), Some(c)) => Some(
            draw_text::verify_published(&d.inputs, r, s, c)
                .map(|r| r.assignments.len())
                .map_err(|e| e.to_string()),
        ),
        _ => None,
    };
    let mut times = vec![("编制", beijing(d.planned_at))];
    for (label, t) in [
        ("公布承诺", d.committed_at),
        ("抽取", d.drawn_at),
        ("公开种子", d.revealed_at),
    ] {
        if let Some(t) = t {
            times.push((label, beijing(t)));
        }
    }
    let findings = published(&state, &names)
        .await?
        .into_iter()
        .filter(|f| f.draw == id.to_string())
        .collect();
    Ok(DrawPage {
        chrome: chrome(&state, &format!("双随机抽查公示 · {}", d.period)).await?,
        draw: line(&d),
        inputs: d.inputs.clone(),
        inputs_digest: d.inputs_digest.clone(),
        seed: d.seed.clone().unwrap_or_default(),
        result: d.result.clone().unwrap_or_default(),
        picks,
        verified,
        times,
        findings,
    })
}

async fn published(
    state: &AppState,
    names: &HashMap<String, String>,
) -> Result<Vec<Finding>, AppError> {
    Ok(state
        .store
        .inspections(true)
        .await?
        .into_iter()
        .map(|s| Finding {
            date: s.record.date().to_string(),
            code: s.record.enterprise().to_string(),
            name: names
                .get(s.record.enterprise().as_str())
                .cloned()
                .unwrap_or_default(),
            draw: s.draw_id.map(|d| d.to_string()).unwrap_or_default(),
            findings: s.record.findings().to_string(),
            violation: s.record.violation_found(),
            measures: s.record.measures().join("；"),
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_public_inspections.html")]
pub(crate) struct InspectionsPage {
    chrome: Chrome,
    findings: Vec<Finding>,
}

/// `/public/inspections`: 抽查情况及查处结果 of every draw.
pub(crate) async fn inspections(
    State(state): State<Arc<AppState>>,
) -> Result<InspectionsPage, AppError> {
    let names = names(&state).await?;
    Ok(InspectionsPage {
        chrome: chrome(&state, "双随机抽查结果公开").await?,
        findings: published(&state, &names).await?,
    })
}

/// The fields of the verification form.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct VerifyForm {
    #[serde(default)]
    inputs: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    seed: String,
    #[serde(default)]
    commitment: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_verify.html")]
pub(crate) struct VerifyPage {
    chrome: Chrome,
    form: VerifyForm,
    outcome: Option<Result<usize, String>>,
}

/// `GET /public/draws/verify`: the form.
pub(crate) async fn verify_form(
    State(state): State<Arc<AppState>>,
) -> Result<VerifyPage, AppError> {
    Ok(VerifyPage {
        chrome: chrome(&state, "验证抽取").await?,
        form: VerifyForm::default(),
        outcome: None,
    })
}

/// `POST /public/draws/verify`: re-runs a draw from the texts pasted and tells whether it
/// matches. Changes nothing.
pub(crate) async fn verify(
    State(state): State<Arc<AppState>>,
    Form(form): Form<VerifyForm>,
) -> Result<VerifyPage, AppError> {
    // Browsers send line breaks in text areas as CRLF; the published texts use LF.
    let lf = |t: &str| {
        let mut s = t.replace("\r\n", "\n");
        if !s.is_empty() && !s.ends_with('\n') {
            s.push('\n');
        }
        s
    };
    let outcome = draw_text::verify_published(
        &lf(&form.inputs),
        &lf(&form.result),
        &form.seed,
        &form.commitment,
    )
    .map(|r| r.assignments.len())
    .map_err(|e| e.to_string());
    Ok(VerifyPage {
        chrome: chrome(&state, "验证抽取").await?,
        form,
        outcome: Some(outcome),
    })
}
