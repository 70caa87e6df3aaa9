//! 执法人员名录与回避关系 — the inspectors who may be drawn and the enterprises each must never
//! be sent to.

use super::entity::{inspector, inspector_relation};
use super::{corrupt, enterprises, rejected};
use crate::{Store, StoreError, audit};
use ecogov_domain::draw::{Inspector, InspectorId, Relation};
use ecogov_domain::enterprise::CreditCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::HashSet;

/// An inspector of the register and whether they enter draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectorRow {
    /// The inspector.
    pub inspector: Inspector,
    /// 在岗 — active inspectors enter draws.
    pub active: bool,
}

fn to_row(m: inspector::Model) -> Result<InspectorRow, StoreError> {
    let id =
        InspectorId::new(&m.code).ok_or_else(|| corrupt("inspector", m.id, "code", &m.code))?;
    Ok(InspectorRow {
        inspector: Inspector {
            id,
            name: m.name,
            unit: m.unit,
        },
        active: m.active,
    })
}

impl Store {
    /// Adds inspectors or updates known ones (by id), all in one transaction, each active. An id
    /// twice in `rows` or an empty name is refused and nothing is written.
    pub async fn upsert_inspectors(
        &self,
        rows: &[Inspector],
        actor: &str,
    ) -> Result<super::ImportCounts, StoreError> {
        let mut seen = HashSet::new();
        for i in rows {
            if !seen.insert(i.id.as_str()) {
                return Err(rejected(format!(
                    "执法人员编号 {} 重复出现，未写入任何记录 (duplicate inspector id; nothing written)",
                    i.id
                )));
            }
            if i.name.trim().is_empty() {
                return Err(rejected(format!(
                    "执法人员 {} 姓名为空 (inspector name must not be empty)",
                    i.id
                )));
            }
        }
        let txn = self.db.begin().await?;
        let mut counts = super::ImportCounts::default();
        for i in rows {
            let found = inspector::Entity::find()
                .filter(inspector::Column::Code.eq(i.id.as_str()))
                .one(&txn)
                .await?;
            match found {
                Some(m) if m.name == i.name && m.unit == i.unit && m.active => {
                    counts.unchanged += 1
                }
                Some(m) => {
                    let mut a: inspector::ActiveModel = m.into();
                    a.name = Set(i.name.trim().to_string());
                    a.unit = Set(i.unit.trim().to_string());
                    a.active = Set(true);
                    a.update(&txn).await?;
                    counts.updated += 1;
                }
                None => {
                    inspector::ActiveModel {
                        code: Set(i.id.to_string()),
                        name: Set(i.name.trim().to_string()),
                        unit: Set(i.unit.trim().to_string()),
                        active: Set(true),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                    counts.inserted += 1;
                }
            }
        }
        audit::append(
            &txn,
            actor,
            "inspector.upsert",
            "inspectors",
            &format!(
                "执法人员名录：新增 {}，更新 {}，未变 {}",
                counts.inserted, counts.updated, counts.unchanged
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(counts)
    }

    /// Marks an inspector active (enters draws) or not.
    pub async fn set_inspector_active(
        &self,
        id: &InspectorId,
        active: bool,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let m = inspector::Entity::find()
            .filter(inspector::Column::Code.eq(id.as_str()))
            .one(&txn)
            .await?
            .ok_or_else(|| unknown_inspector(id))?;
        let mut a: inspector::ActiveModel = m.into();
        a.active = Set(active);
        a.update(&txn).await?;
        let what = if active {
            "在岗"
        } else {
            "不在岗（不参加抽取）"
        };
        audit::append(
            &txn,
            actor,
            "inspector.active",
            &format!("inspector:{id}"),
            what,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The inspectors, by id; only active ones when `active_only`.
    pub async fn inspectors(&self, active_only: bool) -> Result<Vec<InspectorRow>, StoreError> {
        inspectors_in(&self.db, active_only).await
    }

    /// Records a 回避 relation: `inspector` is never sent to `enterprise`. Both must be
    /// registered and `reason` non-empty; recording it again changes nothing.
    pub async fn add_relation(
        &self,
        inspector_id: &InspectorId,
        enterprise: &CreditCode,
        reason: &str,
        actor: &str,
    ) -> Result<bool, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(rejected("回避原因不能为空 (a reason is required)"));
        }
        let txn = self.db.begin().await?;
        inspector::Entity::find()
            .filter(inspector::Column::Code.eq(inspector_id.as_str()))
            .one(&txn)
            .await?
            .ok_or_else(|| unknown_inspector(inspector_id))?;
        enterprises::require(&txn, enterprise).await?;
        let exists = inspector_relation::Entity::find()
            .filter(inspector_relation::Column::Inspector.eq(inspector_id.as_str()))
            .filter(inspector_relation::Column::Enterprise.eq(enterprise.as_str()))
            .one(&txn)
            .await?;
        if exists.is_some() {
            return Ok(false);
        }
        inspector_relation::ActiveModel {
            inspector: Set(inspector_id.to_string()),
            enterprise: Set(enterprise.to_string()),
            reason: Set(reason.to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            "inspector.relation",
            &format!("inspector:{inspector_id}"),
            &format!("回避企业 {enterprise}：{reason}"),
        )
        .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// Every 回避 relation with its reason, sorted.
    pub async fn relations(&self) -> Result<Vec<(Relation, String)>, StoreError> {
        relations_in(&self.db).await
    }
}

/// The inspectors read through `db` (a transaction or the pool).
pub(crate) async fn inspectors_in<C: ConnectionTrait>(
    db: &C,
    active_only: bool,
) -> Result<Vec<InspectorRow>, StoreError> {
    let mut q = inspector::Entity::find().order_by_asc(inspector::Column::Code);
    if active_only {
        q = q.filter(inspector::Column::Active.eq(true));
    }
    q.all(db).await?.into_iter().map(to_row).collect()
}

/// The relations read through `db` (a transaction or the pool).
pub(crate) async fn relations_in<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(Relation, String)>, StoreError> {
    let rows = inspector_relation::Entity::find()
        .order_by_asc(inspector_relation::Column::Inspector)
        .order_by_asc(inspector_relation::Column::Enterprise)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|m| {
            let inspector = InspectorId::new(&m.inspector)
                .ok_or_else(|| corrupt("inspector_relation", m.id, "inspector", &m.inspector))?;
            let enterprise = CreditCode::parse(&m.enterprise)
                .map_err(|_| corrupt("inspector_relation", m.id, "enterprise", &m.enterprise))?;
            Ok((
                Relation {
                    inspector,
                    enterprise,
                },
                m.reason,
            ))
        })
        .collect()
}

pub(crate) fn unknown_inspector(id: &InspectorId) -> StoreError {
    rejected(format!(
        "执法人员 {id} 不在执法人员名录中 (unknown inspector)"
    ))
}
