//! 站内通知 — a unit's inbox with read and acknowledge forms (plain POST forms, no JavaScript).
//!
//! Only the unit a notice is addressed to (or 局领导) may mark it read or acknowledge it; a
//! refusal is recorded in the audit trail. Each change writes its audit event in the store's
//! transaction, with the signed-in account as the actor.

use crate::auth::Actor;
use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use ecogov_domain::authz::AccountRole;
use ecogov_store::{AuditEntry, InboxItem, beijing_time_text};
use serde::Deserialize;
use std::sync::Arc;

/// `?unit=水科&all=1`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct InboxQuery {
    unit: Option<String>,
    all: Option<String>,
    as_of: Option<String>,
}

pub(super) struct ItemRow {
    id: i64,
    unit: String,
    kind: &'static str,
    title: String,
    body: String,
    created: String,
    state: String,
    state_css: &'static str,
    can_read: bool,
    can_ack: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_inbox.html")]
pub(crate) struct InboxPage {
    chrome: Chrome,
    unit: String,
    all: bool,
    units: Vec<String>,
    items: Vec<ItemRow>,
    escalation: String,
}

fn row(i: &InboxItem) -> ItemRow {
    let (state, state_css) = match (&i.acknowledged, &i.read) {
        (Some((t, by)), _) => (format!("已确认（{by}，{}）", beijing_time_text(*t)), "done"),
        (None, Some((_, by))) => (format!("已读（{by}），未确认"), "open"),
        (None, None) => ("未读".to_string(), "open"),
    };
    let state = if i.escalated_at.is_some() && i.acknowledged.is_none() {
        format!("{state}，已逾期升级")
    } else {
        state
    };
    ItemRow {
        id: i.id,
        unit: i.unit.clone(),
        kind: i.kind.label(),
        title: i.title.clone(),
        body: i.body.clone(),
        created: beijing_time_text(i.created_at),
        state,
        state_css,
        can_read: i.read.is_none(),
        can_ack: i.acknowledged.is_none(),
    }
}

pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    Query(q): Query<InboxQuery>,
) -> Result<InboxPage, AppError> {
    let ledger = Ledger::load(
        &state,
        &AsOfQuery {
            as_of: q.as_of.clone(),
        },
        "站内通知",
    )
    .await?;
    let own = crate::auth::current().map(|u| u.account.unit.as_str().to_string());
    let unit = q
        .unit
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or(own)
        .unwrap_or_default();
    let all = q.all.as_deref().is_some_and(|a| !a.is_empty() && a != "0");
    let filter = (!unit.is_empty()).then_some(unit.as_str());
    let items = state.store.inbox(filter, !all).await?;
    let mut units: Vec<String> = state
        .store
        .inbox(None, false)
        .await?
        .into_iter()
        .map(|i| i.unit)
        .collect();
    units.sort();
    units.dedup();
    let policy = state.store.escalation().await?;
    Ok(InboxPage {
        chrome: ledger.chrome_titled(if unit.is_empty() {
            "站内通知".into()
        } else {
            format!("站内通知 · {unit}")
        }),
        escalation: format!(
            "超过{}小时未确认的通知升级至{}（ecogov inbox escalate 定时执行）。",
            policy.after_hours, policy.to_unit
        ),
        unit,
        all,
        units,
        items: items.iter().map(row).collect(),
    })
}

/// The notice, if the actor may act on it (its own unit, or 局领导); a refusal is audited.
async fn allowed(state: &AppState, actor: &Actor, id: i64) -> Result<InboxItem, AppError> {
    let item = state
        .store
        .inbox_item(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("通知 {id} 不存在 (no such notice)")))?;
    let account = &actor.user.account;
    if account.unit.as_str() == item.unit || account.role == AccountRole::Leadership {
        return Ok(item);
    }
    let reason = format!(
        "该通知发给{}，{}不能代为处理 (only the addressed unit may act on a notice)",
        item.unit,
        account.unit.as_str()
    );
    state
        .store
        .audit(&AuditEntry {
            actor: actor.name(),
            source: &actor.source,
            action: "access.denied",
            subject: &format!("inbox_item:{id}"),
            before: "inbox.ack",
            after: &reason,
        })
        .await?;
    Err(AppError::Forbidden(reason))
}

fn back(unit: &str) -> Redirect {
    let encoded: String = unit
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    Redirect::to(&format!("/alerts/inbox?unit={encoded}"))
}

pub(crate) async fn read(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let item = allowed(&state, &actor, id).await?;
    state.store.mark_read(id, actor.name()).await?;
    Ok(back(&item.unit))
}

pub(crate) async fn ack(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let item = allowed(&state, &actor, id).await?;
    match state.store.acknowledge(id, actor.name()).await {
        Ok(_) => Ok(back(&item.unit)),
        Err(ecogov_store::StoreError::Conflict(m)) => Err(AppError::BadRequest(m)),
        Err(e) => Err(e.into()),
    }
}
