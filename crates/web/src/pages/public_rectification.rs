//! 整改公开 — the 督察整改 items the 督察办 has disclosed, for the public (no sign-in). Only
//! items accepted or closed can be disclosed (ecogov_domain::rectification), and only the
//! disclosed ones appear here.

use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use std::sync::Arc;

/// The route of this page.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/public/rectification", get(list))
}

struct Row {
    source: &'static str,
    finding: String,
    responsible: String,
    measures: String,
    deadline: String,
    state: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "public_rectification.html")]
pub(crate) struct Page {
    chrome: Chrome,
    rows: Vec<Row>,
}

pub(crate) async fn list(State(state): State<Arc<AppState>>) -> Result<Page, AppError> {
    let rows = state
        .store
        .rectifications()
        .await?
        .into_iter()
        .filter(|r| r.item.disclosed && r.item.may_disclose())
        .map(|r| Row {
            source: r.item.source.label(),
            finding: r.item.finding,
            responsible: r.item.responsible.as_str().to_string(),
            measures: r.item.measures,
            deadline: r.item.deadline.to_string(),
            state: r.item.state.label(),
        })
        .collect();
    Ok(Page {
        chrome: Chrome {
            page_title: "整改情况公开".to_string(),
            plan_title: "潜江市生态环境局".to_string(),
            demo: state.demo,
            as_of: state.as_of.date().to_string(),
            keep: String::new(),
        },
        rows,
    })
}
