//! 柴油车检测 — road checks (路检路查) and in-premises checks (入户检测), added in batches.

use super::entity::diesel_check;
use super::{corrupt, enterprises, rejected, stored_date};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::inspection::{CheckResult, DieselCheck, DieselCheckKind, PlateNumber};
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::BTreeMap;

/// One check to add or as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DieselRecord {
    /// Where it comes from, for messages: `文件:行` or `命令行`.
    pub origin: String,
    /// The check.
    pub check: DieselCheck,
    /// 备注.
    pub note: Option<String>,
}

fn result_code(r: CheckResult) -> &'static str {
    match r {
        CheckResult::Pass => "pass",
        CheckResult::Fail => "fail",
    }
}

fn to_record(m: diesel_check::Model) -> Result<DieselRecord, StoreError> {
    let bad = |field, value: &str| corrupt("diesel_check", m.id, field, value);
    let kind = DieselCheckKind::parse(&m.kind).ok_or_else(|| bad("kind", &m.kind))?;
    let result = match m.result.as_str() {
        "pass" => CheckResult::Pass,
        "fail" => CheckResult::Fail,
        other => return Err(bad("result", other)),
    };
    let plate = m
        .plate
        .as_deref()
        .map(|p| PlateNumber::parse(p).map_err(|_| bad("plate", p)))
        .transpose()?;
    let enterprise = m
        .enterprise
        .as_deref()
        .map(|e| CreditCode::parse(e).map_err(|_| bad("enterprise", e)))
        .transpose()?;
    let date = stored_date("diesel_check", m.id, "date", &m.date)?;
    let check = DieselCheck::new(kind, date, plate, enterprise, result)
        .map_err(|_| bad("plate", m.plate.as_deref().unwrap_or("")))?;
    Ok(DieselRecord {
        origin: format!("#{}", m.id),
        check,
        note: m.note,
    })
}

impl Store {
    /// Adds diesel checks in one transaction with one audit event. Refused, with nothing
    /// written, when a record names an enterprise that is not registered (the message gives
    /// the record's origin).
    pub async fn add_diesel_checks(
        &self,
        records: &[DieselRecord],
        source: &str,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let txn = self.db.begin().await?;
        let known = enterprises::known_codes(&txn).await?;
        for r in records {
            if let Some(e) = r.check.enterprise()
                && !known.contains(e.as_str())
            {
                return Err(rejected(format!(
                    "{}: 企业信用代码: 企业 {e} 不在企业名录中，未导入任何记录 (unknown enterprise; nothing imported)",
                    r.origin
                )));
            }
        }
        let now = now_seconds();
        for r in records {
            let c = &r.check;
            diesel_check::ActiveModel {
                kind: Set(c.kind().code().to_string()),
                date: Set(c.date().to_string()),
                plate: Set(c.plate().map(|p| p.to_string())),
                enterprise: Set(c.enterprise().map(|e| e.to_string())),
                result: Set(result_code(c.result()).to_string()),
                note: Set(r.note.clone().filter(|n| !n.trim().is_empty())),
                recorded_by: Set(actor.to_string()),
                recorded_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let count = |k| records.iter().filter(|r| r.check.kind() == k).count();
        audit::append(
            &txn,
            actor,
            "diesel.add",
            &format!("source:{source}"),
            &format!(
                "登记柴油车检测：路检路查 {} 辆次，入户检测 {} 辆次",
                count(DieselCheckKind::RoadCheck),
                count(DieselCheckKind::HomeCheck)
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(records.len())
    }

    /// The checks dated from `from` to `to` (inclusive), newest first.
    pub async fn diesel_checks(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<DieselRecord>, StoreError> {
        diesel_check::Entity::find()
            .filter(diesel_check::Column::Date.gte(from.to_string()))
            .filter(diesel_check::Column::Date.lte(to.to_string()))
            .order_by_desc(diesel_check::Column::Date)
            .order_by_desc(diesel_check::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_record)
            .collect()
    }

    /// How many checks of `kind` were made each day from `from` to `to` (inclusive).
    pub async fn diesel_counts_by_day(
        &self,
        kind: DieselCheckKind,
        from: Date,
        to: Date,
    ) -> Result<BTreeMap<Date, usize>, StoreError> {
        let rows: Vec<(i64, String)> = diesel_check::Entity::find()
            .select_only()
            .column(diesel_check::Column::Id)
            .column(diesel_check::Column::Date)
            .filter(diesel_check::Column::Kind.eq(kind.code()))
            .filter(diesel_check::Column::Date.gte(from.to_string()))
            .filter(diesel_check::Column::Date.lte(to.to_string()))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut out = BTreeMap::new();
        for (id, d) in rows {
            *out.entry(stored_date("diesel_check", id, "date", &d)?)
                .or_insert(0) += 1;
        }
        Ok(out)
    }
}
