//! 督办与整改 — 督办通知 and the 督察整改 ledger (issue 7).
//!
//! The domain ([`ecogov_domain::supervision`], [`ecogov_domain::rectification`]) decides every
//! step; this module keeps the result. Each change writes, in one transaction, the row, its
//! `workflow_event` (kind `notice` or `rectification`, object = the row id) and its audit event;
//! a step is saved only if the row still holds the state the step was decided on, so two
//! people acting at once cannot both win.

mod entity;
mod notices;
mod rectifications;

pub use notices::StoredNotice;
pub use rectifications::StoredRectification;

use crate::StoreError;
use crate::accounts::entity::workflow_event;
use ecogov_domain::acceptance::WorkflowEvent;
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action};
use ecogov_domain::rectification::RectificationState;
use ecogov_domain::supervision::NoticeState;
use ecogov_domain::unit::UnitName;
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// A workflow state kept as a code.
trait StateCode: Sized + Copy {
    /// The `workflow_event.kind` of this workflow.
    const KIND: &'static str;
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

impl StateCode for NoticeState {
    const KIND: &'static str = "notice";
    fn code(self) -> &'static str {
        NoticeState::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        NoticeState::from_code(code)
    }
}

impl StateCode for RectificationState {
    const KIND: &'static str = "rectification";
    fn code(self) -> &'static str {
        RectificationState::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        RectificationState::from_code(code)
    }
}

/// Writes one workflow step of object `id` inside the caller's transaction.
async fn insert_event<C: ConnectionTrait, S: StateCode>(
    db: &C,
    plan_id: i64,
    id: i64,
    event: &WorkflowEvent<S>,
) -> Result<(), StoreError> {
    workflow_event::ActiveModel {
        plan_id: Set(plan_id),
        kind: Set(S::KIND.to_string()),
        object: Set(id.to_string()),
        actor: Set(event.actor.as_str().to_string()),
        unit: Set(event.unit.as_str().to_string()),
        role: Set(event.role.code().to_string()),
        at: Set(event.at.to_string()),
        action: Set(event.action.code().to_string()),
        from_state: Set(event.from.code().to_string()),
        to_state: Set(event.to.code().to_string()),
        reason: Set(event.reason.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Every recorded step of object `id`, in order.
async fn read_events<C: ConnectionTrait, S: StateCode>(
    db: &C,
    id: i64,
) -> Result<Vec<WorkflowEvent<S>>, StoreError> {
    let rows = workflow_event::Entity::find()
        .filter(workflow_event::Column::Kind.eq(S::KIND))
        .filter(workflow_event::Column::Object.eq(id.to_string()))
        .order_by_asc(workflow_event::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let bad = |field: &'static str, value: &str| StoreError::Corrupt {
                table: "workflow_event",
                id: r.id,
                field,
                value: value.to_string(),
            };
            let state = |code: &str| S::from_code(code).ok_or_else(|| bad("state", code));
            Ok(WorkflowEvent {
                actor: AccountId::parse(&r.actor).map_err(|_| bad("actor", &r.actor))?,
                unit: UnitName::new(&r.unit),
                role: AccountRole::from_code(&r.role).ok_or_else(|| bad("role", &r.role))?,
                at: r.at.parse().map_err(|_| bad("at", &r.at))?,
                action: Action::from_code(&r.action).ok_or_else(|| bad("action", &r.action))?,
                from: state(&r.from_state)?,
                to: state(&r.to_state)?,
                reason: r.reason.clone(),
            })
        })
        .collect()
}

/// Parses a stored ISO date.
fn parse_date(
    table: &'static str,
    id: i64,
    field: &'static str,
    text: &str,
) -> Result<Date, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt {
        table,
        id,
        field,
        value: text.to_string(),
    })
}

/// The refusal when a row changed between reading it and saving a step.
fn changed(what: &str, id: i64) -> StoreError {
    StoreError::Conflict(format!(
        "{what} #{id} 已被他人更新，请刷新后重试 (changed meanwhile; reload and try again)"
    ))
}
