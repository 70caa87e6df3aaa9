//! 台账计数 — the progress rows a deliverable with `counted_by` gets from the ledgers: one row
//! per day with records, valued at that day's count, so that `summarize` judges them with the
//! reports made by hand through one code path.

use crate::entity::plan;
use crate::{Store, StoreError};
use ecogov_domain::deliverable::Counter;
use ecogov_domain::inspection::DieselCheckKind;
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::progress::ProgressReport;
use ecogov_domain::unit::UnitName;
use rust_decimal::Decimal;
use sea_orm::EntityTrait;

/// The note of a counted row.
pub const COUNTED_NOTE: &str = "台账自动统计";

impl Store {
    /// The rows the ledgers give the deliverables of the plan with row id `plan_id` that name a
    /// `counted_by` ledger: one per day with records in the plan year (id 0, not demo data, the
    /// task's first lead unit as unit).
    pub async fn counted_reports(&self, plan_id: i64) -> Result<Vec<ProgressReport>, StoreError> {
        let Some(row) = plan::Entity::find_by_id(plan_id).one(&self.db).await? else {
            return Ok(Vec::new());
        };
        let plan = parse_plan(&row.source).map_err(StoreError::StoredPlanInvalid)?;
        let (from, to) = (plan.year_start(), plan.year_end());
        let mut out = Vec::new();
        for (task, d) in plan.deliverables() {
            let Some(counter) = d.counted_by else {
                continue;
            };
            let days = match counter {
                Counter::DieselRoadChecks => {
                    self.diesel_counts_by_day(DieselCheckKind::RoadCheck, from, to)
                        .await?
                }
                Counter::DieselHomeChecks => {
                    self.diesel_counts_by_day(DieselCheckKind::HomeCheck, from, to)
                        .await?
                }
                Counter::OutfallsClosed => self.outfalls_closed_by_day(from, to).await?,
            };
            let unit = task
                .assignments
                .first()
                .and_then(|a| a.lead.first())
                .map(|u| UnitName::new(u))
                .unwrap_or_else(|| UnitName::new("台账"));
            for (date, n) in days {
                out.push(ProgressReport {
                    id: 0,
                    deliverable: d.id.clone(),
                    value: Decimal::from(n),
                    date,
                    unit: unit.clone(),
                    note: Some(format!("{COUNTED_NOTE}：{}", counter.label())),
                    demo: false,
                });
            }
        }
        Ok(out)
    }
}
