//! 生态补偿协议 — agreements as imported (the TOML text is the data; the caller parses and checks
//! it before it is stored), and the monthly factor values a settlement reads from the samples.

use super::entity::compensation_agreement;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::compensation::{Agreement, AssessmentPeriod, MonthlyValues};
use ecogov_domain::water_data::WaterParameter;
use ecogov_standards::water::Item;
use ecogov_standards::water::period::{NonDetect, period_means};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// 协议记录 — an imported agreement: its file text and who imported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgreement {
    /// 协议编号.
    pub code: String,
    /// 协议名称.
    pub name: String,
    /// 上游方.
    pub upstream: String,
    /// 下游方.
    pub downstream: String,
    /// The agreement file as imported (TOML, `docs/compensation.md`).
    pub source_text: String,
    /// The file it came from.
    pub file: String,
    /// 导入人.
    pub imported_by: String,
    /// Unix seconds.
    pub imported_at: i64,
}

fn from_model(m: compensation_agreement::Model) -> StoredAgreement {
    StoredAgreement {
        code: m.code,
        name: m.name,
        upstream: m.upstream,
        downstream: m.downstream,
        source_text: m.source_text,
        file: m.file,
        imported_by: m.imported_by,
        imported_at: m.imported_at,
    }
}

impl Store {
    /// Stores an agreement (checked again here), replacing one with the same id; returns
    /// whether it was new. Unchanged text writes nothing.
    pub async fn import_agreement(
        &self,
        agreement: &Agreement,
        source_text: &str,
        file: &str,
        actor: &str,
    ) -> Result<bool, StoreError> {
        agreement
            .validate()
            .map_err(|e| StoreError::Rejected(format!("协议“{}”：{e}", agreement.id)))?;
        let txn = self.db.begin().await?;
        let old = compensation_agreement::Entity::find()
            .filter(compensation_agreement::Column::Code.eq(agreement.id.clone()))
            .one(&txn)
            .await?;
        if old.as_ref().is_some_and(|o| o.source_text == source_text) {
            return Ok(false);
        }
        let mut row = compensation_agreement::ActiveModel {
            code: Set(agreement.id.clone()),
            name: Set(agreement.name.clone()),
            upstream: Set(agreement.upstream.clone()),
            downstream: Set(agreement.downstream.clone()),
            source_text: Set(source_text.to_string()),
            file: Set(file.to_string()),
            imported_by: Set(actor.to_string()),
            imported_at: Set(now_seconds()),
            ..Default::default()
        };
        let new = old.is_none();
        match old {
            Some(o) => {
                row.id = sea_orm::Unchanged(o.id);
                row.update(&txn).await?;
            }
            None => {
                row.insert(&txn).await?;
            }
        }
        audit::append(
            &txn,
            actor,
            "compensation.agreement",
            &format!("agreement:{}", agreement.id),
            &format!(
                "{}协议“{}”（{} → {}，{}）",
                if new { "导入" } else { "更新" },
                agreement.name,
                agreement.upstream,
                agreement.downstream,
                file
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(new)
    }

    /// Every agreement, by id.
    pub async fn agreements(&self) -> Result<Vec<StoredAgreement>, StoreError> {
        Ok(compensation_agreement::Entity::find()
            .order_by_asc(compensation_agreement::Column::Code)
            .all(&self.db)
            .await?
            .into_iter()
            .map(from_model)
            .collect())
    }

    /// One agreement by id.
    pub async fn agreement(&self, code: &str) -> Result<Option<StoredAgreement>, StoreError> {
        Ok(compensation_agreement::Entity::find()
            .filter(compensation_agreement::Column::Code.eq(code))
            .one(&self.db)
            .await?
            .map(from_model))
    }

    /// 月度监测值 — for each section and each month of `period`, the month's mean of each factor
    /// over the stored samples (automatic and manual alike, as the monthly bulletin), computed
    /// as `water_assessment` does: `period_means` with non-detects at half the limit. A month
    /// without any factor value is left out (the settlement reports it missing).
    pub async fn monthly_factor_values(
        &self,
        sections: &[String],
        factors: &[Item],
        period: AssessmentPeriod,
    ) -> Result<Vec<MonthlyValues>, StoreError> {
        let mut out = Vec::new();
        for section in sections {
            for month in period.months() {
                let Some(first) = month.first_day() else {
                    continue;
                };
                let samples = self
                    .water_samples(
                        section,
                        first.at(0, 0, 0, 0),
                        first.last_of_month().at(23, 59, 59, 0),
                    )
                    .await?;
                let values: Vec<_> = samples
                    .iter()
                    .filter_map(|s| match s.parameter {
                        WaterParameter::Basic(item) if factors.contains(&item) => {
                            Some((item, s.value))
                        }
                        _ => None,
                    })
                    .collect();
                if values.is_empty() {
                    continue;
                }
                let means = period_means(&values, NonDetect::HalfLimit).map_err(|e| {
                    StoreError::Rejected(format!("{section} {month} 月均值无法计算：{e}"))
                })?;
                out.push(MonthlyValues {
                    section: section.clone(),
                    month,
                    values: means
                        .iter()
                        .map(|(item, m)| (*item, NonDetect::HalfLimit.substitute(m)))
                        .collect(),
                });
            }
        }
        Ok(out)
    }
}
