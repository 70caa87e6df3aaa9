//! 执法检查记录 — on-site inspections, those of a 双随机 draw published (一公开).

use super::draw_text;
use super::entity::{draw, inspection, inspector};
use super::inspectors::unknown_inspector;
use super::{corrupt, enterprises, rejected, stored_date};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::draw::InspectorId;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::inspection::InspectionRecord;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// An inspection as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInspection {
    /// Row id.
    pub id: i64,
    /// The draw it was drawn in (双随机), if any.
    pub draw_id: Option<i64>,
    /// The record.
    pub record: InspectionRecord,
    /// 录入人.
    pub recorded_by: String,
}

fn to_stored(m: inspection::Model) -> Result<StoredInspection, StoreError> {
    let bad = |field, value: &str| corrupt("inspection", m.id, field, value);
    let inspectors = m
        .inspectors
        .lines()
        .map(|l| InspectorId::new(l).ok_or_else(|| bad("inspectors", &m.inspectors)))
        .collect::<Result<Vec<_>, _>>()?;
    let enterprise =
        CreditCode::parse(&m.enterprise).map_err(|_| bad("enterprise", &m.enterprise))?;
    let date = stored_date("inspection", m.id, "date", &m.date)?;
    let measures = m.measures.lines().map(str::to_string).collect();
    let record = InspectionRecord::new(
        inspectors,
        enterprise,
        date,
        &m.findings,
        m.violation,
        measures,
    )
    .map_err(|_| bad("findings", &m.findings))?;
    Ok(StoredInspection {
        id: m.id,
        draw_id: m.draw_id,
        record,
        recorded_by: m.recorded_by,
    })
}

impl Store {
    /// Records an inspection with its audit event. Refused, with nothing written, when the
    /// enterprise or an inspector is not registered, or when `draw_id` is given and that draw
    /// has no result or did not draw this enterprise.
    pub async fn record_inspection(
        &self,
        draw_id: Option<i64>,
        record: &InspectionRecord,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let txn = self.db.begin().await?;
        enterprises::require(&txn, record.enterprise()).await?;
        for id in record.inspectors() {
            inspector::Entity::find()
                .filter(inspector::Column::Code.eq(id.as_str()))
                .one(&txn)
                .await?
                .ok_or_else(|| unknown_inspector(id))?;
        }
        if let Some(d) = draw_id {
            let m = draw::Entity::find_by_id(d)
                .one(&txn)
                .await?
                .ok_or_else(|| rejected(format!("抽取 {d} 不存在 (no such draw)")))?;
            let text = m.result.clone().ok_or_else(|| {
                rejected(format!(
                    "抽取 {d} 尚未抽取，不能登记其检查结果 (draw has no result yet)"
                ))
            })?;
            let result =
                draw_text::parse_result(&text).map_err(|_| corrupt("draw", d, "result", &text))?;
            if !result
                .assignments
                .iter()
                .any(|a| &a.enterprise == record.enterprise())
            {
                return Err(rejected(format!(
                    "企业 {} 未在抽取 {d} 中被抽中 (enterprise not drawn in this draw)",
                    record.enterprise()
                )));
            }
        }
        let row = inspection::ActiveModel {
            draw_id: Set(draw_id),
            enterprise: Set(record.enterprise().to_string()),
            date: Set(record.date().to_string()),
            inspectors: Set(record
                .inspectors()
                .iter()
                .map(InspectorId::as_str)
                .collect::<Vec<_>>()
                .join("\n")),
            findings: Set(record.findings().to_string()),
            violation: Set(record.violation_found()),
            measures: Set(record.measures().join("\n")),
            recorded_by: Set(actor.to_string()),
            recorded_at: Set(now_seconds()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let origin = draw_id.map(|d| format!("（抽取 {d}）")).unwrap_or_default();
        audit::append(
            &txn,
            actor,
            "inspection.record",
            &format!("enterprise:{}", record.enterprise()),
            &format!(
                "{} 检查{origin}：{}",
                record.date(),
                if record.violation_found() {
                    "发现违法行为"
                } else {
                    "未发现违法行为"
                }
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    /// Every inspection, newest first; only those of draws (一公开) when `drawn_only`.
    pub async fn inspections(&self, drawn_only: bool) -> Result<Vec<StoredInspection>, StoreError> {
        let mut q = inspection::Entity::find()
            .order_by_desc(inspection::Column::Date)
            .order_by_desc(inspection::Column::Id);
        if drawn_only {
            q = q.filter(inspection::Column::DrawId.is_not_null());
        }
        q.all(&self.db).await?.into_iter().map(to_stored).collect()
    }
}
