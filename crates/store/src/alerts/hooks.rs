//! 外发记录 — outbound notices for the administrator's hook (webhook URL or command).
//!
//! A notice is queued (`pending`) in the same transaction that creates it, so it cannot be lost;
//! the binary then delivers it and records each attempt. A failed attempt leaves the delivery
//! `failed` with its error and attempt count, to be retried (`ecogov hook retry`).

use super::corrupt;
use super::entity::hook_delivery;
use super::inbox::NoticeKind;
use super::settings::HookTarget;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::unit::UnitName;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

/// 外发状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryStatus {
    /// 待发送.
    Pending,
    /// 已送达.
    Delivered,
    /// 发送失败 (kept, to be retried).
    Failed,
}

impl DeliveryStatus {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "待发送",
            Self::Delivered => "已送达",
            Self::Failed => "发送失败",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// 外发记录 — one outbound notice and its delivery state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Row id.
    pub id: i64,
    /// What the notice is about.
    pub kind: NoticeKind,
    /// The alert, warning event or inbox item id.
    pub ref_id: i64,
    /// Where it goes.
    pub target: HookTarget,
    /// 标题.
    pub title: String,
    /// 正文.
    pub body: String,
    /// The units the notice is addressed to.
    pub units: Vec<UnitName>,
    /// State.
    pub status: DeliveryStatus,
    /// Attempts made.
    pub attempts: i32,
    /// The last error, if the last attempt failed.
    pub last_error: Option<String>,
    /// Unix seconds of creation.
    pub created_at: i64,
}

fn from_model(m: hook_delivery::Model) -> Result<Delivery, StoreError> {
    let bad = |field: &'static str, v: &str| corrupt("hook_delivery", m.id, field, v);
    Ok(Delivery {
        id: m.id,
        kind: NoticeKind::from_code(&m.kind).ok_or_else(|| bad("kind", &m.kind))?,
        ref_id: m.ref_id,
        target: HookTarget::decode(&m.target).ok_or_else(|| bad("target", &m.target))?,
        units: m
            .units
            .split(',')
            .filter(|s| !s.is_empty())
            .map(UnitName::new)
            .collect(),
        status: DeliveryStatus::from_code(&m.status).ok_or_else(|| bad("status", &m.status))?,
        attempts: m.attempts,
        last_error: m.last_error,
        created_at: m.created_at,
        title: m.title,
        body: m.body,
    })
}

/// Queues a notice for the hook inside the caller's transaction; returns the delivery id.
pub(crate) async fn queue<C: ConnectionTrait>(
    db: &C,
    hook: &HookTarget,
    kind: NoticeKind,
    ref_id: i64,
    title: &str,
    body: &str,
    units: &[UnitName],
) -> Result<i64, StoreError> {
    let row = hook_delivery::ActiveModel {
        kind: Set(kind.code().to_string()),
        ref_id: Set(ref_id),
        target: Set(hook.encode()),
        title: Set(title.to_string()),
        body: Set(body.to_string()),
        units: Set(units
            .iter()
            .map(UnitName::as_str)
            .collect::<Vec<_>>()
            .join(",")),
        status: Set(DeliveryStatus::Pending.code().to_string()),
        attempts: Set(0),
        last_error: Set(None),
        last_attempt_at: Set(None),
        delivered_at: Set(None),
        created_at: Set(now_seconds()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

impl Store {
    /// Deliveries not yet delivered (`pending`, and `failed` too when `with_failed`), oldest
    /// first; `ids` restricts them to those ids when given.
    pub async fn undelivered(
        &self,
        with_failed: bool,
        ids: Option<&[i64]>,
    ) -> Result<Vec<Delivery>, StoreError> {
        let mut statuses = vec![DeliveryStatus::Pending.code()];
        if with_failed {
            statuses.push(DeliveryStatus::Failed.code());
        }
        let mut q = hook_delivery::Entity::find()
            .filter(hook_delivery::Column::Status.is_in(statuses))
            .order_by_asc(hook_delivery::Column::Id);
        if let Some(ids) = ids {
            q = q.filter(hook_delivery::Column::Id.is_in(ids.iter().copied()));
        }
        q.all(&self.db).await?.into_iter().map(from_model).collect()
    }

    /// The most recent deliveries, newest first.
    pub async fn deliveries(&self, limit: u64) -> Result<Vec<Delivery>, StoreError> {
        hook_delivery::Entity::find()
            .order_by_desc(hook_delivery::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(from_model)
            .collect()
    }

    /// Records one delivery attempt: `Ok` marks it delivered, `Err` keeps it as failed with the
    /// error. Either way the attempt is counted and audited.
    pub async fn record_delivery_attempt(
        &self,
        id: i64,
        outcome: Result<(), String>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let Some(row) = hook_delivery::Entity::find_by_id(id).one(&txn).await? else {
            return Err(StoreError::Rejected(format!(
                "外发记录 {id} 不存在 (no such delivery)"
            )));
        };
        let attempts = row.attempts.saturating_add(1);
        let now = now_seconds();
        let mut a: hook_delivery::ActiveModel = row.into();
        a.attempts = Set(attempts);
        a.last_attempt_at = Set(Some(now));
        let detail = match &outcome {
            Ok(()) => {
                a.status = Set(DeliveryStatus::Delivered.code().to_string());
                a.delivered_at = Set(Some(now));
                a.last_error = Set(None);
                format!("第 {attempts} 次外发成功")
            }
            Err(e) => {
                a.status = Set(DeliveryStatus::Failed.code().to_string());
                a.last_error = Set(Some(e.clone()));
                format!("第 {attempts} 次外发失败：{e}")
            }
        };
        a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "hook.attempt",
            &format!("hook_delivery:{id}"),
            &detail,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
