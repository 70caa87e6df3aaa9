//! 双随机抽取（内部） — planning a draw, publishing the commitment, drawing, disclosing the seed.

use super::public::{DrawLine, line};
use super::{authorize_record, bad, chrome, refused};
use crate::auth::Actor;
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use ecogov_domain::draw::Share;
use ecogov_domain::enterprise::SupervisionClass;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::sync::Arc;

pub(super) struct ClassCount {
    pub code: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_draws.html")]
pub(crate) struct DrawsPage {
    chrome: Chrome,
    draws: Vec<DrawLine>,
    classes: Vec<ClassCount>,
    inspectors: usize,
}

/// `/regulation/draws`: the draws with the next step of each, and the form to plan one.
pub(crate) async fn list(State(state): State<Arc<AppState>>) -> Result<DrawsPage, AppError> {
    let enterprises = state.store.enterprises().await?;
    let classes = SupervisionClass::ALL
        .into_iter()
        .map(|c| ClassCount {
            code: c.code(),
            label: c.label(),
            count: enterprises.iter().filter(|e| e.class() == c).count(),
        })
        .collect();
    Ok(DrawsPage {
        chrome: chrome(&state, "双随机抽取").await?,
        draws: state.store.draws().await?.iter().map(line).collect(),
        classes,
        inspectors: state.store.inspectors(true).await?.len(),
    })
}

/// The plan form: a period, team size and a share per class (`10%`, `5`, or empty to skip).
#[derive(Debug, Deserialize)]
pub(crate) struct PlanForm {
    period: String,
    per_inspection: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    general: String,
    #[serde(default)]
    special: String,
}

fn share(text: &str, class: SupervisionClass) -> Result<Option<Share>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let wrong = || {
        bad(format!(
            "“{}”的抽查比例“{t}”应写作 10% 或 5 (share must be a percentage or a count)",
            class.label()
        ))
    };
    Ok(Some(
        match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
            Some(p) => Share::Percent(p.trim().parse::<Decimal>().map_err(|_| wrong())?),
            None => Share::Count(t.parse::<usize>().map_err(|_| wrong())?),
        },
    ))
}

/// `POST /regulation/draws`: fixes a new draw's inputs.
pub(crate) async fn plan(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(form): Form<PlanForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:draws").await?;
    let per: usize = form
        .per_inspection
        .trim()
        .parse()
        .map_err(|_| bad("每组人数应为整数 (team size must be a whole number)"))?;
    let mut shares = Vec::new();
    for (text, class) in [
        (&form.key, SupervisionClass::KeyDischarger),
        (&form.general, SupervisionClass::GeneralDischarger),
        (&form.special, SupervisionClass::Special),
    ] {
        if let Some(s) = share(text, class)? {
            shares.push((class, s));
        }
    }
    let d = state
        .store
        .plan_draw(&form.period, per, &shares, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to(&format!("/regulation/draws#d{}", d.id)))
}

/// `POST /regulation/draws/{id}/commit`: a seed from the OS random source, its commitment
/// published.
pub(crate) async fn commit(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:draws").await?;
    let seed = ecogov_store::os_seed().map_err(refused)?;
    state
        .store
        .commit_draw(id, &seed, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to(&format!("/regulation/draws#d{id}")))
}

/// `POST /regulation/draws/{id}/run`: the draw.
pub(crate) async fn run(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:draws").await?;
    state
        .store
        .run_committed_draw(id, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to(&format!("/public/draws/{id}")))
}

/// `POST /regulation/draws/{id}/reveal`: the seed disclosed.
pub(crate) async fn reveal(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:draws").await?;
    state
        .store
        .reveal_draw(id, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to(&format!("/public/draws/{id}")))
}
