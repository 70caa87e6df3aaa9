//! 工作流记录 — the steps of a task's acceptance (验收销号), each with its audit event; and
//! the `workflow_event` row of any workflow step (tasks here, 督办 and 整改 in
//! [`crate::supervision`]), written by [`event_row`] and read back by [`event_of`].

use super::entity::workflow_event;
use crate::audit::{Entry, append_entry};
use crate::{Store, StoreError};
use ecogov_domain::acceptance::{AcceptanceState, WorkflowEvent};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action};
use ecogov_domain::task::TaskId;
use ecogov_domain::unit::UnitName;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

const TASK: &str = "task";

/// The `workflow_event` row of one step of object `object` of workflow `kind`; `code` gives a
/// state's stored code, `reason` is the reason kept with the row.
pub(crate) fn event_row<S>(
    plan_id: i64,
    kind: &str,
    object: String,
    event: &WorkflowEvent<S>,
    code: impl Fn(&S) -> &'static str,
    reason: Option<String>,
) -> workflow_event::ActiveModel {
    workflow_event::ActiveModel {
        plan_id: Set(plan_id),
        kind: Set(kind.to_string()),
        object: Set(object),
        actor: Set(event.actor.as_str().to_string()),
        unit: Set(event.unit.as_str().to_string()),
        role: Set(event.role.code().to_string()),
        at: Set(event.at.to_string()),
        action: Set(event.action.code().to_string()),
        from_state: Set(code(&event.from).to_string()),
        to_state: Set(code(&event.to).to_string()),
        reason: Set(reason),
        ..Default::default()
    }
}

/// A stored `workflow_event` row read back, `state` reading its state codes; a field that does
/// not read is reported as a corrupt row.
pub(crate) fn event_of<S>(
    r: &workflow_event::Model,
    state: impl Fn(&str) -> Option<S>,
) -> Result<WorkflowEvent<S>, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "workflow_event",
        id: r.id,
        field,
        value: value.to_string(),
    };
    let state = |code: &str| state(code).ok_or_else(|| bad("state", code));
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
}

impl Store {
    /// Records a step of task `task`'s acceptance (the domain has checked it), with its audit
    /// event from `source`.
    pub async fn record_task_step(
        &self,
        plan_id: i64,
        task: &TaskId,
        event: &WorkflowEvent<AcceptanceState>,
        source: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let reason = match &event.to {
            AcceptanceState::Returned { reason } => Some(reason.clone()),
            _ => event.reason.clone(),
        };
        event_row(
            plan_id,
            TASK,
            task.as_str().to_string(),
            event,
            AcceptanceState::code,
            reason.clone(),
        )
        .insert(&txn)
        .await?;
        append_entry(
            &txn,
            &Entry {
                actor: event.actor.as_str(),
                source,
                action: &format!("task.{}", event.action.code()),
                subject: &format!("task:{}", task.as_str()),
                before: event.from.label(),
                after: &match &reason {
                    Some(r) => format!("{}（理由：{r}）", event.to.label()),
                    None => event.to.label().to_string(),
                },
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every recorded step of task `task`, in order.
    pub async fn task_steps(
        &self,
        plan_id: i64,
        task: &TaskId,
    ) -> Result<Vec<WorkflowEvent<AcceptanceState>>, StoreError> {
        let rows = workflow_event::Entity::find()
            .filter(workflow_event::Column::PlanId.eq(plan_id))
            .filter(workflow_event::Column::Kind.eq(TASK))
            .filter(workflow_event::Column::Object.eq(task.as_str()))
            .order_by_asc(workflow_event::Column::Id)
            .all(&self.db)
            .await?;
        rows.iter()
            .map(|r| {
                event_of(r, |code| {
                    AcceptanceState::from_stored(code, r.reason.as_deref())
                        .or_else(|| AcceptanceState::from_stored(code, Some("（未记录）")))
                })
            })
            .collect()
    }
}
