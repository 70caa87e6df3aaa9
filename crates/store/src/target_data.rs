//! 指标数据 — figures entered and records kept for target indicators, and everything the target
//! evaluation reads, loaded in one place.

use crate::entity::{target_figure, target_record};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::number::parse_decimal;
use ecogov_domain::plan::Plan;
use ecogov_domain::progress::parse_date;
use ecogov_domain::target_eval::{
    AirData, Component, EnteredFigure, RecordOutcome, TargetInputs, TargetRecord, WaterData,
};
use ecogov_standards::air::HourEnding;
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// `code=value` pairs joined by `;`.
fn encode(components: &[(Component, rust_decimal::Decimal)]) -> String {
    components
        .iter()
        .map(|(c, v)| format!("{}={}", c.code(), v.normalize()))
        .collect::<Vec<_>>()
        .join(";")
}

fn decode(id: i64, text: &str) -> Result<Vec<(Component, rust_decimal::Decimal)>, StoreError> {
    let bad = || StoreError::Corrupt {
        table: "target_figure",
        id,
        field: "components",
        value: text.to_string(),
    };
    text.split(';')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').ok_or_else(bad)?;
            Ok((
                Component::from_code(k).ok_or_else(bad)?,
                parse_decimal(v).map_err(|_| bad())?,
            ))
        })
        .collect()
}

impl Store {
    /// Records figures entered for a target of the plan with row id `plan_id`, with its audit
    /// event. The caller checks the figures against the target's formula.
    pub async fn enter_target_figure(
        &self,
        plan_id: i64,
        figure: &EnteredFigure,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let components = encode(&figure.components);
        target_figure::ActiveModel {
            plan_id: Set(plan_id),
            target: Set(figure.target.clone()),
            as_of: Set(figure.as_of.to_string()),
            components: Set(components.clone()),
            source: Set(figure.source.clone()),
            entered_by: Set(figure.entered_by.clone()),
            entered_at: Set(now_seconds()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            &figure.entered_by,
            "target.figure",
            &format!("target:{}", figure.target),
            &format!(
                "填报 {components}（截至 {}，来源：{}）",
                figure.as_of, figure.source
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every figure entered for the plan, oldest first.
    pub async fn target_figures(&self, plan_id: i64) -> Result<Vec<EnteredFigure>, StoreError> {
        let rows = target_figure::Entity::find()
            .filter(target_figure::Column::PlanId.eq(plan_id))
            .order_by_asc(target_figure::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|r| {
                let as_of = parse_date(&r.as_of).ok_or_else(|| StoreError::Corrupt {
                    table: "target_figure",
                    id: r.id,
                    field: "as_of",
                    value: r.as_of.clone(),
                })?;
                Ok(EnteredFigure {
                    components: decode(r.id, &r.components)?,
                    target: r.target,
                    as_of,
                    source: r.source,
                    entered_by: r.entered_by,
                    entered_at: r.entered_at,
                })
            })
            .collect()
    }

    /// Adds a record counted by a target, with its audit event.
    pub async fn add_target_record(
        &self,
        plan_id: i64,
        record: &TargetRecord,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        target_record::ActiveModel {
            plan_id: Set(plan_id),
            target: Set(record.target.clone()),
            date: Set(record.date.to_string()),
            outcome: Set(record.outcome.code().to_string()),
            description: Set(record.description.clone()),
            entered_by: Set(record.entered_by.clone()),
            entered_at: Set(now_seconds()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            &record.entered_by,
            "target.record",
            &format!("target:{}", record.target),
            &format!(
                "登记 {} {}：{}",
                record.date,
                record.outcome.label(),
                record.description
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every record of the plan, by date.
    pub async fn target_records(&self, plan_id: i64) -> Result<Vec<TargetRecord>, StoreError> {
        let rows = target_record::Entity::find()
            .filter(target_record::Column::PlanId.eq(plan_id))
            .order_by_asc(target_record::Column::Date)
            .order_by_asc(target_record::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|r| {
                let bad = |field: &'static str, value: &str| StoreError::Corrupt {
                    table: "target_record",
                    id: r.id,
                    field,
                    value: value.to_string(),
                };
                Ok(TargetRecord {
                    date: parse_date(&r.date).ok_or_else(|| bad("date", &r.date))?,
                    outcome: RecordOutcome::from_code(&r.outcome)
                        .ok_or_else(|| bad("outcome", &r.outcome))?,
                    target: r.target,
                    description: r.description,
                    entered_by: r.entered_by,
                })
            })
            .collect()
    }

    /// Everything the target evaluation of `plan` (row id `plan_id`) reads on `as_of`: the
    /// entered thresholds, the plan city's air data and every section's samples from 1 January of
    /// the year before, the figures and the records.
    pub async fn target_inputs(
        &self,
        plan_id: i64,
        plan: &Plan,
        as_of: Date,
    ) -> Result<TargetInputs, StoreError> {
        let to = as_of.min(plan.year_end()).max(plan.year_start());
        let from = plan
            .year_start()
            .checked_sub(jiff::Span::new().years(1))
            .unwrap_or(plan.year_start());
        let synthetic = self.has_synthetic_data().await?;
        let thresholds = self
            .target_thresholds(plan_id)
            .await?
            .into_iter()
            .map(|(k, v)| (k, v.value))
            .collect();
        let air = match plan.city.as_deref() {
            Some(city) => {
                let same =
                    |a: &str| a.trim().trim_end_matches('市') == city.trim().trim_end_matches('市');
                let stations: Vec<_> = self
                    .air_stations()
                    .await?
                    .into_iter()
                    .filter(|s| same(&s.city))
                    .collect();
                if stations.is_empty() {
                    None
                } else {
                    let codes: Vec<_> = stations.iter().map(|s| s.code.clone()).collect();
                    let hour = |d, h| {
                        HourEnding::new(d, h).map_err(|e| StoreError::Rejected(e.to_string()))
                    };
                    let hours = self
                        .air_series(&codes, hour(from, 1)?, hour(to, 24)?)
                        .await?;
                    Some(AirData {
                        stations,
                        hours,
                        synthetic,
                    })
                }
            }
            None => None,
        };
        let mut sections = Vec::new();
        for section in self.water_sections().await? {
            let samples = self
                .water_samples(&section.name, from.at(0, 0, 0, 0), to.at(23, 59, 59, 0))
                .await?;
            sections.push((section, samples));
        }
        Ok(TargetInputs {
            as_of: to,
            thresholds,
            air,
            water: WaterData {
                sections,
                synthetic,
            },
            figures: self.target_figures(plan_id).await?,
            records: self.target_records(plan_id).await?,
        })
    }
}
