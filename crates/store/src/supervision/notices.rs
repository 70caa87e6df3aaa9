//! 督办通知的存储 — notices, their replies and closing, each step with its workflow and audit
//! event.

use super::entity::notice;
use super::{changed, parse_date, read_events, record_step};
use crate::{Store, StoreError};
use ecogov_domain::acceptance::WorkflowEvent;
use ecogov_domain::account::AccountId;
use ecogov_domain::supervision::{Notice, NoticeReply, NoticeState, NoticeSubject};
use ecogov_domain::task::TaskId;
use ecogov_domain::unit::UnitName;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// 督办通知 as stored: its number, the plan it belongs to, and the subject as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNotice {
    /// 编号 — the row id.
    pub id: i64,
    /// The plan the notice was issued under.
    pub plan_id: i64,
    /// The notice.
    pub notice: Notice,
    /// 督办事项 as shown: the free text, or the task's label and title as written at issue.
    pub subject_text: String,
}

fn to_notice(r: notice::Model) -> Result<StoredNotice, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "notice",
        id: r.id,
        field,
        value: value.to_string(),
    };
    let account = |field, text: &str| AccountId::parse(text).map_err(|_| bad(field, text));
    let date = |field, text: &str| parse_date("notice", r.id, field, text);
    let subject = match &r.task {
        Some(t) => {
            let (g, n) = TaskId::parse(t).ok_or_else(|| bad("task", t))?;
            NoticeSubject::Task(TaskId::new(g, n))
        }
        None => NoticeSubject::Free(r.subject.clone()),
    };
    let reply = match (&r.reply, &r.replied_by, &r.replied_on) {
        (Some(text), Some(by), Some(on)) => Some(NoticeReply {
            text: text.clone(),
            by: account("replied_by", by)?,
            on: date("replied_on", on)?,
        }),
        (None, None, None) => None,
        _ => return Err(bad("reply", r.reply.as_deref().unwrap_or("(partial)"))),
    };
    Ok(StoredNotice {
        id: r.id,
        plan_id: r.plan_id,
        notice: Notice {
            addressee: UnitName::new(&r.addressee),
            subject,
            content: r.content.clone(),
            issued_by: account("issued_by", &r.issued_by)?,
            issued_on: date("issued_on", &r.issued_on)?,
            deadline: date("deadline", &r.deadline)?,
            state: NoticeState::from_code(&r.state).ok_or_else(|| bad("state", &r.state))?,
            reply,
        },
        subject_text: r.subject.clone(),
    })
}

/// What the audit trail says of a notice's state: the state, with the reply if any.
fn describe(n: &Notice) -> String {
    match &n.reply {
        Some(r) => format!("{}（回复：{}）", n.state.label(), r.text),
        None => n.state.label().to_string(),
    }
}

impl Store {
    /// Saves a notice the domain has issued ([`ecogov_domain::supervision::issue`]) under plan
    /// `plan_id`, with its event, from `source`; returns its number. `subject_text` is what is
    /// shown for a task subject (e.g. `（一）1 标题`); a free subject is shown as written.
    pub async fn issue_notice(
        &self,
        plan_id: i64,
        notice: &Notice,
        subject_text: &str,
        event: &WorkflowEvent<NoticeState>,
        source: &str,
    ) -> Result<i64, StoreError> {
        let (task, subject) = match &notice.subject {
            NoticeSubject::Task(id) => (Some(id.as_str().to_string()), subject_text.trim()),
            NoticeSubject::Free(text) => (None, text.as_str()),
        };
        let txn = self.db.begin().await?;
        let row = notice::ActiveModel {
            plan_id: Set(plan_id),
            addressee: Set(notice.addressee.as_str().to_string()),
            task: Set(task),
            subject: Set(subject.to_string()),
            content: Set(notice.content.clone()),
            issued_by: Set(notice.issued_by.as_str().to_string()),
            issued_on: Set(notice.issued_on.to_string()),
            deadline: Set(notice.deadline.to_string()),
            state: Set(notice.state.code().to_string()),
            reply: Set(None),
            replied_by: Set(None),
            replied_on: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record_step(
            &txn,
            plan_id,
            row.id,
            event,
            source,
            "",
            &format!(
                "{}：致 {}，{}，时限 {}",
                notice.state.label(),
                notice.addressee,
                subject,
                notice.deadline
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    /// Saves a step the domain has taken on notice `id` (reply or close): `before` is the
    /// notice the step was decided on; if the stored notice is no longer in that state (someone
    /// acted meanwhile) nothing is written and the step is refused.
    pub async fn save_notice_step(
        &self,
        id: i64,
        before: &Notice,
        after: &Notice,
        event: &WorkflowEvent<NoticeState>,
        source: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let reply = after.reply.as_ref();
        let update = notice::Entity::update_many()
            .col_expr(notice::Column::State, Expr::value(after.state.code()))
            .col_expr(
                notice::Column::Reply,
                Expr::value(reply.map(|r| r.text.clone())),
            )
            .col_expr(
                notice::Column::RepliedBy,
                Expr::value(reply.map(|r| r.by.as_str().to_string())),
            )
            .col_expr(
                notice::Column::RepliedOn,
                Expr::value(reply.map(|r| r.on.to_string())),
            )
            .filter(notice::Column::Id.eq(id))
            .filter(notice::Column::State.eq(before.state.code()))
            .exec(&txn)
            .await?;
        if update.rows_affected != 1 {
            return Err(changed("督办通知", id));
        }
        let plan_id = notice::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .map(|r| r.plan_id)
            .unwrap_or_default();
        record_step(
            &txn,
            plan_id,
            id,
            event,
            source,
            &describe(before),
            &describe(after),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The notices of plan `plan_id`, newest first.
    pub async fn notices(&self, plan_id: i64) -> Result<Vec<StoredNotice>, StoreError> {
        notice::Entity::find()
            .filter(notice::Column::PlanId.eq(plan_id))
            .order_by_desc(notice::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_notice)
            .collect()
    }

    /// Notice `id`, if it exists.
    pub async fn notice(&self, id: i64) -> Result<Option<StoredNotice>, StoreError> {
        notice::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(to_notice)
            .transpose()
    }

    /// Every recorded step of notice `id`, in order.
    pub async fn notice_steps(
        &self,
        id: i64,
    ) -> Result<Vec<WorkflowEvent<NoticeState>>, StoreError> {
        read_events::<_, NoticeState>(&self.db, id).await
    }
}
