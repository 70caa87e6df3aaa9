//! 进度报告 — progress reports, written with their audit event in one transaction.

use crate::entity::progress_report;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::deliverable::DeliverableId;
use ecogov_domain::number::parse_decimal;
use ecogov_domain::progress::{NewReport, ProgressReport, parse_date};
use ecogov_domain::unit::UnitName;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

impl Store {
    /// Writes a checked report (see `ecogov_domain::progress::check_report`) for the plan with
    /// row id `plan_id`, with its audit event; returns the report's id.
    pub async fn record_progress(
        &self,
        plan_id: i64,
        report: &NewReport,
        actor: &str,
    ) -> Result<i64, StoreError> {
        self.record_progress_with(plan_id, report, actor, "", None)
            .await
    }

    /// [`Store::record_progress`] from a request at `source`, with an evidence file kept beside
    /// the report in the same transaction.
    pub async fn record_progress_with(
        &self,
        plan_id: i64,
        report: &NewReport,
        actor: &str,
        source: &str,
        evidence: Option<&crate::Evidence>,
    ) -> Result<i64, StoreError> {
        let txn = self.db.begin().await?;
        let row = progress_report::ActiveModel {
            plan_id: Set(plan_id),
            task: Set(report.task.clone()),
            deliverable: Set(report.deliverable.to_string()),
            value: Set(report.value.normalize().to_string()),
            date: Set(report.date.to_string()),
            unit: Set(report.unit.to_string()),
            role: Set(report.role.code().to_string()),
            note: Set(report.note.clone()),
            demo: Set(report.demo),
            recorded_at: Set(now_seconds()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let demo = if report.demo {
            "（演示数据）"
        } else {
            ""
        };
        if let Some(file) = evidence {
            crate::accounts::evidence::keep(&txn, &format!("progress:{}", row.id), file, actor)
                .await?;
        }
        audit::append_entry(
            &txn,
            &audit::Entry {
                actor,
                source,
                action: "progress.record",
                subject: &format!("deliverable:{}", report.deliverable),
                after: &format!(
                    "{} 填报 {} 完成 {}，日期 {}{demo}{}",
                    report.unit,
                    report.deliverable,
                    report.value.normalize(),
                    report.date,
                    evidence
                        .map(|f| format!("，佐证 {}", f.filename))
                        .unwrap_or_default()
                ),
                ..audit::Entry::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    /// All reports on the plan with row id `plan_id`, oldest first: those made by hand and, for
    /// deliverables with `counted_by`, the rows their ledgers give (id 0, see
    /// [`Store::counted_reports`]).
    pub async fn progress_reports(&self, plan_id: i64) -> Result<Vec<ProgressReport>, StoreError> {
        let rows = progress_report::Entity::find()
            .filter(progress_report::Column::PlanId.eq(plan_id))
            .order_by_asc(progress_report::Column::Date)
            .order_by_asc(progress_report::Column::Id)
            .all(&self.db)
            .await?;
        let mut reports = rows
            .into_iter()
            .map(to_domain)
            .collect::<Result<Vec<_>, _>>()?;
        reports.extend(self.counted_reports(plan_id).await?);
        reports.sort_by_key(|r| r.date);
        Ok(reports)
    }

    /// How many reports are stored for the plan (all of them, demo included).
    pub async fn progress_count(&self, plan_id: i64) -> Result<u64, StoreError> {
        Ok(progress_report::Entity::find()
            .filter(progress_report::Column::PlanId.eq(plan_id))
            .count(&self.db)
            .await?)
    }
}

fn to_domain(r: progress_report::Model) -> Result<ProgressReport, StoreError> {
    let corrupt = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "progress_report",
        id: r.id,
        field,
        value: value.to_string(),
    };
    let value = parse_decimal(&r.value).map_err(|_| corrupt("value", &r.value))?;
    let date = parse_date(&r.date).ok_or_else(|| corrupt("date", &r.date))?;
    Ok(ProgressReport {
        id: r.id,
        deliverable: DeliverableId::new(&r.deliverable),
        value,
        date,
        unit: UnitName::new(&r.unit),
        note: r.note.clone(),
        demo: r.demo,
    })
}
