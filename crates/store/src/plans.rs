//! Installed plans. The plan file's text is stored as written and parsed back into the domain
//! [`Plan`] on load, so what the database holds is exactly what `plan check` validated.

use crate::entity::{plan, progress_report};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::deliverable::DeliverableId;
use ecogov_domain::plan::Plan;
use ecogov_domain::plan_file::parse_plan;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

/// A plan as stored.
#[derive(Debug, Clone)]
pub struct StoredPlan {
    /// Row id, referenced by progress reports.
    pub id: i64,
    /// The parsed plan.
    pub plan: Plan,
    /// The plan file's text.
    pub source: String,
    /// When it was installed (Unix seconds).
    pub installed_at: i64,
}

/// What `install_plan` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallOutcome {
    /// No plan for that year existed; it was installed.
    Installed,
    /// The same text was already installed; nothing changed.
    Unchanged,
    /// A different text for the same year was replaced.
    Replaced,
}

impl Store {
    /// Installs `plan` (parsed from `source`) for its year. Installing the same text again
    /// changes nothing. Replacing a plan is refused if progress was reported on a deliverable the
    /// new text no longer has.
    pub async fn install_plan(
        &self,
        plan: &Plan,
        source: &str,
        actor: &str,
    ) -> Result<InstallOutcome, StoreError> {
        let txn = self.db.begin().await?;
        let year = i32::from(plan.year);
        let existing = plan::Entity::find()
            .filter(plan::Column::Year.eq(year))
            .one(&txn)
            .await?;
        let outcome = match existing {
            None => {
                let row = plan::ActiveModel {
                    year: Set(year),
                    title: Set(plan.title.clone()),
                    source: Set(source.to_string()),
                    installed_at: Set(now_seconds()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                audit::append(
                    &txn,
                    actor,
                    "plan.install",
                    &format!("plan:{year}"),
                    &format!("安装计划《{}》 id={}", plan.title, row.id),
                )
                .await?;
                InstallOutcome::Installed
            }
            Some(row) if row.source == source => InstallOutcome::Unchanged,
            Some(row) => {
                let reported: Vec<String> = progress_report::Entity::find()
                    .select_only()
                    .column(progress_report::Column::Deliverable)
                    .distinct()
                    .filter(progress_report::Column::PlanId.eq(row.id))
                    .into_tuple()
                    .all(&txn)
                    .await?;
                let lost: Vec<String> = reported
                    .into_iter()
                    .filter(|d| plan.deliverable(&DeliverableId::new(d)).is_none())
                    .collect();
                if !lost.is_empty() {
                    return Err(StoreError::Conflict(format!(
                        "新计划缺少已有进度记录的量化任务：{} (the new plan drops deliverables that have progress reports)",
                        lost.join("、")
                    )));
                }
                let id = row.id;
                let mut active: plan::ActiveModel = row.into();
                active.title = Set(plan.title.clone());
                active.source = Set(source.to_string());
                active.installed_at = Set(now_seconds());
                active.update(&txn).await?;
                audit::append(
                    &txn,
                    actor,
                    "plan.replace",
                    &format!("plan:{year}"),
                    &format!("替换计划文本 id={id}"),
                )
                .await?;
                InstallOutcome::Replaced
            }
        };
        txn.commit().await?;
        Ok(outcome)
    }

    /// The installed plan of `year`, or the latest installed plan when `year` is `None`.
    pub async fn plan(&self, year: Option<i16>) -> Result<StoredPlan, StoreError> {
        let query = plan::Entity::find();
        let row = match year {
            Some(y) => {
                query
                    .filter(plan::Column::Year.eq(i32::from(y)))
                    .one(&self.db)
                    .await?
            }
            None => {
                query
                    .order_by_desc(plan::Column::Year)
                    .one(&self.db)
                    .await?
            }
        };
        let row = row.ok_or(StoreError::NoPlan(year))?;
        let plan = parse_plan(&row.source).map_err(StoreError::StoredPlanInvalid)?;
        Ok(StoredPlan {
            id: row.id,
            plan,
            source: row.source,
            installed_at: row.installed_at,
        })
    }

    /// The years for which a plan is installed, newest first.
    pub async fn plan_years(&self) -> Result<Vec<i16>, StoreError> {
        let years: Vec<i32> = plan::Entity::find()
            .select_only()
            .column(plan::Column::Year)
            .order_by_desc(plan::Column::Year)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(years
            .into_iter()
            .filter_map(|y| i16::try_from(y).ok())
            .collect())
    }
}
