//! 目标值设定 — thresholds entered for target indicators, with who set them and when.

use crate::entity::target_setting;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::number::parse_decimal;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// A threshold as set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdSetting {
    /// The value.
    pub value: Decimal,
    /// Who set it.
    pub set_by: String,
    /// When (Unix seconds).
    pub set_at: i64,
    /// Why / the source document.
    pub note: Option<String>,
}

impl Store {
    /// Records a threshold for target `target` of the plan with row id `plan_id`, with its audit
    /// event. The caller checks that the target exists and takes a number.
    pub async fn set_target_threshold(
        &self,
        plan_id: i64,
        target: &str,
        value: Decimal,
        set_by: &str,
        note: Option<&str>,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        target_setting::ActiveModel {
            plan_id: Set(plan_id),
            target: Set(target.to_string()),
            value: Set(value.normalize().to_string()),
            set_by: Set(set_by.to_string()),
            set_at: Set(now_seconds()),
            note: Set(note.map(str::to_string)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            set_by,
            "target.set",
            &format!("target:{target}"),
            &format!(
                "设定目标值 {}{}",
                value.normalize(),
                note.map(|n| format!("（{n}）")).unwrap_or_default()
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The latest threshold of every target that has one.
    pub async fn target_thresholds(
        &self,
        plan_id: i64,
    ) -> Result<HashMap<String, ThresholdSetting>, StoreError> {
        let rows = target_setting::Entity::find()
            .filter(target_setting::Column::PlanId.eq(plan_id))
            .order_by_asc(target_setting::Column::Id)
            .all(&self.db)
            .await?;
        let mut out = HashMap::new();
        for r in rows {
            let value = parse_decimal(&r.value).map_err(|_| StoreError::Corrupt {
                table: "target_setting",
                id: r.id,
                field: "value",
                value: r.value.clone(),
            })?;
            out.insert(
                r.target,
                ThresholdSetting {
                    value,
                    set_by: r.set_by,
                    set_at: r.set_at,
                    note: r.note,
                },
            );
        }
        Ok(out)
    }
}
