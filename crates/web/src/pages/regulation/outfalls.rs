//! 入河排污口台账（内部） — the ledger with each outfall's measures, and the forms that move it.

use super::{authorize_record, bad, chrome, form_day, optional, refused, workbook};
use crate::auth::Actor;
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use ecogov_domain::outfall::{Outfall, OutfallState, count_closed};
use ecogov_io::regulation::export;
use serde::Deserialize;
use std::sync::Arc;

pub(super) struct MeasureLine {
    number: usize,
    text: String,
    done_on: String,
}

pub(super) struct OutfallLine {
    code: String,
    name: String,
    water: String,
    state: &'static str,
    state_code: &'static str,
    measures: Vec<MeasureLine>,
    next: Vec<(&'static str, &'static str)>,
    history: String,
}

fn line(o: &Outfall) -> OutfallLine {
    OutfallLine {
        code: o.code().to_string(),
        name: o.name().to_string(),
        water: o.receiving_water().to_string(),
        state: o.state().label(),
        state_code: o.state().code(),
        measures: o
            .measures()
            .iter()
            .enumerate()
            .map(|(i, m)| MeasureLine {
                number: i + 1,
                text: m.text.clone(),
                done_on: m.done_on.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect(),
        next: o
            .state()
            .next()
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        history: o
            .history()
            .iter()
            .map(|c| {
                let reason = c
                    .reason
                    .as_deref()
                    .map(|r| format!("（{r}）"))
                    .unwrap_or_default();
                format!("{} {}{reason}", c.on, c.to.label())
            })
            .collect::<Vec<_>>()
            .join("；"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_outfalls.html")]
pub(crate) struct OutfallsPage {
    chrome: Chrome,
    rows: Vec<OutfallLine>,
    closed: usize,
    by_state: Vec<(&'static str, usize)>,
}

/// `/regulation/outfalls`.
pub(crate) async fn list(State(state): State<Arc<AppState>>) -> Result<OutfallsPage, AppError> {
    let list = state.store.outfalls().await?;
    Ok(OutfallsPage {
        chrome: chrome(&state, "入河排污口台账").await?,
        closed: count_closed(&list),
        by_state: OutfallState::ALL
            .iter()
            .map(|s| (s.label(), list.iter().filter(|o| o.state() == *s).count()))
            .collect(),
        rows: list.iter().map(line).collect(),
    })
}

/// `/regulation/outfalls.xlsx`.
pub(crate) async fn xlsx(State(state): State<Arc<AppState>>) -> Result<Response, AppError> {
    let list = state.store.outfalls().await?;
    workbook(
        "outfalls.xlsx",
        export::xlsx_bytes(&export::outfalls(&list)),
    )
}

/// A new outfall: code, name, receiving water, measures one a line.
#[derive(Debug, Deserialize)]
pub(crate) struct AddForm {
    code: String,
    name: String,
    water: String,
    #[serde(default)]
    measures: String,
}

/// `POST /regulation/outfalls`.
pub(crate) async fn add(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(form): Form<AddForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:outfalls").await?;
    let mut o =
        Outfall::new(&form.code, &form.name, &form.water).map_err(|e| bad(e.to_string()))?;
    for m in form.measures.lines().filter(|m| !m.trim().is_empty()) {
        o.add_measure(m).map_err(|e| bad(e.to_string()))?;
    }
    state
        .store
        .add_outfalls(&[("网页表单 (web form)".into(), o)], "web", actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/outfalls"))
}

/// A measure to add.
#[derive(Debug, Deserialize)]
pub(crate) struct MeasureForm {
    text: String,
}

/// `POST /regulation/outfalls/{code}/measure`.
pub(crate) async fn measure(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(code): Path<String>,
    Form(form): Form<MeasureForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:outfalls").await?;
    state
        .store
        .add_outfall_measure(&code, &form.text, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/outfalls"))
}

/// A measure done.
#[derive(Debug, Deserialize)]
pub(crate) struct DoneForm {
    measure: usize,
    date: String,
}

/// `POST /regulation/outfalls/{code}/done`.
pub(crate) async fn done(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(code): Path<String>,
    Form(form): Form<DoneForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:outfalls").await?;
    let on = form_day(&form.date, "日期")?;
    state
        .store
        .complete_outfall_measure(&code, form.measure, on, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/outfalls"))
}

/// A change of state.
#[derive(Debug, Deserialize)]
pub(crate) struct AdvanceForm {
    to: String,
    date: String,
    #[serde(default)]
    reason: String,
}

/// `POST /regulation/outfalls/{code}/advance`.
pub(crate) async fn advance(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(code): Path<String>,
    Form(form): Form<AdvanceForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:outfalls").await?;
    let to = OutfallState::parse(&form.to).ok_or_else(|| bad("状态无效 (unknown state)"))?;
    let on = form_day(&form.date, "日期")?;
    let reason = optional(&form.reason);
    state
        .store
        .advance_outfall(&code, to, on, reason, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/outfalls"))
}
