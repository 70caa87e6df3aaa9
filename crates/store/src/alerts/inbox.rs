//! 站内通知 — each unit's inbox: notices of water alerts, warning steps and escalations, with
//! read and acknowledged state; a notice not acknowledged within the configured hours is
//! escalated (once) to the escalation unit and to the outbound hook.

use super::corrupt;
use super::entity::inbox_item;
use super::hooks::queue;
use super::settings::HookTarget;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::unit::UnitName;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

/// 通知类别 — what a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// 水质预警 (ref: the water alert).
    WaterAlert,
    /// 重污染天气预警 (ref: the warning event).
    Warning,
    /// 逾期未确认升级 (ref: the inbox item escalated).
    Escalation,
}

impl NoticeKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::WaterAlert => "water_alert",
            Self::Warning => "warning",
            Self::Escalation => "escalation",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::WaterAlert => "水质预警",
            Self::Warning => "重污染天气预警",
            Self::Escalation => "逾期未确认",
        }
    }

    /// Parses [`NoticeKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::WaterAlert, Self::Warning, Self::Escalation]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// 通知 — one notice in one unit's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    /// Row id.
    pub id: i64,
    /// 接收单位.
    pub unit: String,
    /// What it is about.
    pub kind: NoticeKind,
    /// The alert, warning event or escalated notice id.
    pub ref_id: i64,
    /// 标题.
    pub title: String,
    /// 正文.
    pub body: String,
    /// Unix seconds.
    pub created_at: i64,
    /// 已读 — when and by whom.
    pub read: Option<(i64, String)>,
    /// 已确认 — when and by whom.
    pub acknowledged: Option<(i64, String)>,
    /// 已升级 — when.
    pub escalated_at: Option<i64>,
}

fn from_model(m: inbox_item::Model) -> Result<InboxItem, StoreError> {
    Ok(InboxItem {
        kind: NoticeKind::from_code(&m.kind)
            .ok_or_else(|| corrupt("inbox_item", m.id, "kind", &m.kind))?,
        id: m.id,
        unit: m.unit,
        ref_id: m.ref_id,
        title: m.title,
        body: m.body,
        created_at: m.created_at,
        read: m.read_at.zip(m.read_by),
        acknowledged: m.acked_at.zip(m.acked_by),
        escalated_at: m.escalated_at,
    })
}

/// Puts a notice in the inbox of each unit (skipping a unit that already has it), inside the
/// caller's transaction; returns the ids created.
pub(crate) async fn deliver<C: ConnectionTrait>(
    db: &C,
    units: &[UnitName],
    kind: NoticeKind,
    ref_id: i64,
    title: &str,
    body: &str,
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::new();
    for unit in units {
        let exists = inbox_item::Entity::find()
            .filter(inbox_item::Column::Unit.eq(unit.as_str()))
            .filter(inbox_item::Column::Kind.eq(kind.code()))
            .filter(inbox_item::Column::RefId.eq(ref_id))
            .one(db)
            .await?;
        if exists.is_some() {
            continue;
        }
        let row = inbox_item::ActiveModel {
            unit: Set(unit.as_str().to_string()),
            kind: Set(kind.code().to_string()),
            ref_id: Set(ref_id),
            title: Set(title.to_string()),
            body: Set(body.to_string()),
            created_at: Set(now_seconds()),
            read_at: Set(None),
            read_by: Set(None),
            acked_at: Set(None),
            acked_by: Set(None),
            escalated_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

impl Store {
    /// A unit's inbox (every unit's with `None`), newest first; `open_only` leaves out
    /// acknowledged notices.
    pub async fn inbox(
        &self,
        unit: Option<&str>,
        open_only: bool,
    ) -> Result<Vec<InboxItem>, StoreError> {
        let mut q = inbox_item::Entity::find().order_by_desc(inbox_item::Column::Id);
        if let Some(u) = unit {
            q = q.filter(inbox_item::Column::Unit.eq(u));
        }
        if open_only {
            q = q.filter(inbox_item::Column::AckedAt.is_null());
        }
        q.all(&self.db).await?.into_iter().map(from_model).collect()
    }

    /// One notice.
    pub async fn inbox_item(&self, id: i64) -> Result<Option<InboxItem>, StoreError> {
        inbox_item::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(from_model)
            .transpose()
    }

    /// Marks a notice read (once; reading again changes nothing).
    pub async fn mark_read(&self, id: i64, actor: &str) -> Result<InboxItem, StoreError> {
        self.change_item(id, actor, false).await
    }

    /// Acknowledges a notice (确认收到; also marks it read). Acknowledging again is refused.
    pub async fn acknowledge(&self, id: i64, actor: &str) -> Result<InboxItem, StoreError> {
        self.change_item(id, actor, true).await
    }

    async fn change_item(&self, id: i64, actor: &str, ack: bool) -> Result<InboxItem, StoreError> {
        let txn = self.db.begin().await?;
        let Some(row) = inbox_item::Entity::find_by_id(id).one(&txn).await? else {
            return Err(StoreError::Rejected(format!(
                "通知 {id} 不存在 (no such notice)"
            )));
        };
        if ack && let (Some(_), Some(by)) = (row.acked_at, &row.acked_by) {
            return Err(StoreError::Conflict(format!(
                "通知 {id} 已由 {by} 确认 (already acknowledged)"
            )));
        }
        if !ack && row.read_at.is_some() {
            return from_model(row);
        }
        let now = now_seconds();
        let (unit, title) = (row.unit.clone(), row.title.clone());
        let mut a: inbox_item::ActiveModel = row.clone().into();
        if row.read_at.is_none() {
            a.read_at = Set(Some(now));
            a.read_by = Set(Some(actor.to_string()));
        }
        if ack {
            a.acked_at = Set(Some(now));
            a.acked_by = Set(Some(actor.to_string()));
        }
        let updated = a.update(&txn).await?;
        let (action, verb) = if ack {
            ("inbox.ack", "确认")
        } else {
            ("inbox.read", "阅读")
        };
        audit::append(
            &txn,
            actor,
            action,
            &format!("inbox_item:{id}"),
            &format!("{unit}{verb}通知：{title}"),
        )
        .await?;
        txn.commit().await?;
        from_model(updated)
    }

    /// Escalates every notice that is neither acknowledged nor escalated and older than the
    /// configured hours at `now` (Unix seconds): a notice goes to the escalation unit's inbox and
    /// to the hook. Returns the notices created and the hook deliveries queued.
    pub async fn escalate_overdue(
        &self,
        now: i64,
        actor: &str,
    ) -> Result<(Vec<InboxItem>, Vec<i64>), StoreError> {
        let policy = self.escalation().await?;
        let hook: Option<HookTarget> = self.hook().await?;
        let cutoff = now - i64::from(policy.after_hours) * 3600;
        let txn = self.db.begin().await?;
        let overdue = inbox_item::Entity::find()
            .filter(inbox_item::Column::AckedAt.is_null())
            .filter(inbox_item::Column::EscalatedAt.is_null())
            .filter(inbox_item::Column::Kind.ne(NoticeKind::Escalation.code()))
            .filter(inbox_item::Column::CreatedAt.lte(cutoff))
            .order_by_asc(inbox_item::Column::Id)
            .all(&txn)
            .await?;
        let mut created = Vec::new();
        let mut queued = Vec::new();
        for row in overdue {
            let title = format!("【逾期未确认】{}", row.title);
            let body = format!(
                "{}收到的通知超过{}小时未确认，已升级至{}。原通知：{}",
                row.unit, policy.after_hours, policy.to_unit, row.body
            );
            let to = [policy.to_unit.clone()];
            for id in deliver(&txn, &to, NoticeKind::Escalation, row.id, &title, &body).await? {
                if let Some(m) = inbox_item::Entity::find_by_id(id).one(&txn).await? {
                    created.push(from_model(m)?);
                }
            }
            if let Some(h) = &hook {
                queued.push(
                    queue(&txn, h, NoticeKind::Escalation, row.id, &title, &body, &to).await?,
                );
            }
            let id = row.id;
            let mut a: inbox_item::ActiveModel = row.into();
            a.escalated_at = Set(Some(now));
            a.update(&txn).await?;
            audit::append(
                &txn,
                actor,
                "inbox.escalate",
                &format!("inbox_item:{id}"),
                &body,
            )
            .await?;
        }
        txn.commit().await?;
        Ok((created, queued))
    }
}
