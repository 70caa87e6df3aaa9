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
use crate::accounts::workflow::{event_of, event_row};
use crate::audit::{Entry, append_entry};
use ecogov_domain::acceptance::WorkflowEvent;
use ecogov_domain::rectification::RectificationState;
use ecogov_domain::supervision::NoticeState;
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
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

/// Writes one workflow step of object `id` inside the caller's transaction: its
/// `workflow_event` row and its audit entry (`<kind>.<action>` on `<kind>:<id>`, the object
/// described `before` and `after`).
async fn record_step<C: ConnectionTrait, S: StateCode>(
    db: &C,
    plan_id: i64,
    id: i64,
    event: &WorkflowEvent<S>,
    source: &str,
    before: &str,
    after: &str,
) -> Result<(), StoreError> {
    event_row(
        plan_id,
        S::KIND,
        id.to_string(),
        event,
        |s| s.code(),
        event.reason.clone(),
    )
    .insert(db)
    .await?;
    append_entry(
        db,
        &Entry {
            actor: event.actor.as_str(),
            source,
            action: &format!("{}.{}", S::KIND, event.action.code()),
            subject: &format!("{}:{id}", S::KIND),
            before,
            after,
        },
    )
    .await
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
    rows.iter().map(|r| event_of(r, S::from_code)).collect()
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
