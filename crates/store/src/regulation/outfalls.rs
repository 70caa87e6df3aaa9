//! 入河排污口台账 — outfalls with their 一口一策 measures and their changes of state
//! (排查 → 整治中 → 已整治 → 验收 → 销号). Every change goes through `ecogov_domain::outfall`.

use super::entity::{outfall, outfall_change, outfall_measure};
use super::{corrupt, rejected, stored_date};
use crate::{Store, StoreError, audit};
use ecogov_domain::outfall::{Measure, Outfall, OutfallChange, OutfallState};
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashSet};

async fn restore<C: ConnectionTrait>(db: &C, m: &outfall::Model) -> Result<Outfall, StoreError> {
    let measures = outfall_measure::Entity::find()
        .filter(outfall_measure::Column::OutfallId.eq(m.id))
        .order_by_asc(outfall_measure::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Measure {
                done_on: r
                    .done_on
                    .as_deref()
                    .map(|d| stored_date("outfall_measure", r.id, "done_on", d))
                    .transpose()?,
                text: r.text,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let changes = outfall_change::Entity::find()
        .filter(outfall_change::Column::OutfallId.eq(m.id))
        .order_by_asc(outfall_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let state = |field, text: &str| {
                OutfallState::parse(text)
                    .ok_or_else(|| corrupt("outfall_change", r.id, field, text))
            };
            Ok(OutfallChange {
                from: state("from_state", &r.from_state)?,
                to: state("to_state", &r.to_state)?,
                on: stored_date("outfall_change", r.id, "on_date", &r.on_date)?,
                reason: r.reason.clone(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Outfall::restore(&m.code, &m.name, &m.receiving_water, measures, &changes)
        .map_err(|_| corrupt("outfall", m.id, "state", &m.state))
}

async fn load<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<(outfall::Model, Outfall), StoreError> {
    let m = outfall::Entity::find()
        .filter(outfall::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            rejected(format!(
                "排污口 {} 不在台账中 (no such outfall)",
                code.trim()
            ))
        })?;
    let o = restore(db, &m).await?;
    Ok((m, o))
}

async fn insert_measure<C: ConnectionTrait>(
    db: &C,
    outfall_id: i64,
    position: usize,
    m: &Measure,
) -> Result<(), StoreError> {
    outfall_measure::ActiveModel {
        outfall_id: Set(outfall_id),
        position: Set(i64::try_from(position).unwrap_or(i64::MAX)),
        text: Set(m.text.clone()),
        done_on: Set(m.done_on.map(|d| d.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

impl Store {
    /// Adds new outfalls (排查) with their measures, in one transaction. Refused, with nothing
    /// written, when a code is already in the ledger or given twice; `origins` name each
    /// entry for messages (`文件:行`).
    pub async fn add_outfalls(
        &self,
        entries: &[(String, Outfall)],
        source: &str,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let txn = self.db.begin().await?;
        let mut seen = HashSet::new();
        for (origin, o) in entries {
            let code = o.code().as_str();
            let stored = outfall::Entity::find()
                .filter(outfall::Column::Code.eq(code))
                .one(&txn)
                .await?;
            if stored.is_some() || !seen.insert(code) {
                return Err(rejected(format!(
                    "{origin}: 排污口编码: 排污口 {code} 已在台账中或重复出现，未写入任何记录 (outfall code already used; nothing written)"
                )));
            }
        }
        for (_, o) in entries {
            let row = outfall::ActiveModel {
                code: Set(o.code().to_string()),
                name: Set(o.name().to_string()),
                receiving_water: Set(o.receiving_water().to_string()),
                state: Set(o.state().code().to_string()),
                closed_on: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for (i, m) in o.measures().iter().enumerate() {
                insert_measure(&txn, row.id, i + 1, m).await?;
            }
        }
        audit::append(
            &txn,
            actor,
            "outfall.add",
            &format!("source:{source}"),
            &format!("登记入河排污口 {} 个", entries.len()),
        )
        .await?;
        txn.commit().await?;
        Ok(entries.len())
    }

    /// 添加一口一策措施 — adds a measure to an outfall's plan.
    pub async fn add_outfall_measure(
        &self,
        code: &str,
        text: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let (m, mut o) = load(&txn, code).await?;
        o.add_measure(text).map_err(|e| rejected(e.to_string()))?;
        let position = o.measures().len();
        if let Some(measure) = o.measures().last() {
            insert_measure(&txn, m.id, position, measure).await?;
        }
        audit::append(
            &txn,
            actor,
            "outfall.measure",
            &format!("outfall:{}", m.code),
            &format!("添加整治措施 {position}：{}", text.trim()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Marks measure `index` (1-based) of an outfall done on `on`.
    pub async fn complete_outfall_measure(
        &self,
        code: &str,
        index: usize,
        on: Date,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let (m, mut o) = load(&txn, code).await?;
        o.complete_measure(index, on)
            .map_err(|e| rejected(e.to_string()))?;
        let row = outfall_measure::Entity::find()
            .filter(outfall_measure::Column::OutfallId.eq(m.id))
            .filter(outfall_measure::Column::Position.eq(i64::try_from(index).unwrap_or(i64::MAX)))
            .one(&txn)
            .await?
            .ok_or_else(|| corrupt("outfall_measure", m.id, "position", &index.to_string()))?;
        let mut a: outfall_measure::ActiveModel = row.into();
        a.done_on = Set(Some(on.to_string()));
        a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "outfall.measure_done",
            &format!("outfall:{}", m.code),
            &format!("整治措施 {index} 于 {on} 完成"),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Moves an outfall to `to` on `on` by the ledger's rules (`Outfall::advance`).
    pub async fn advance_outfall(
        &self,
        code: &str,
        to: OutfallState,
        on: Date,
        reason: Option<&str>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let (m, mut o) = load(&txn, code).await?;
        let from = o.state();
        o.advance(to, on, reason)
            .map_err(|e| rejected(e.to_string()))?;
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        outfall_change::ActiveModel {
            outfall_id: Set(m.id),
            from_state: Set(from.code().to_string()),
            to_state: Set(to.code().to_string()),
            on_date: Set(on.to_string()),
            reason: Set(reason.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let code = m.code.clone();
        let mut a: outfall::ActiveModel = m.into();
        a.state = Set(to.code().to_string());
        a.closed_on = Set(o.closed_on().map(|d| d.to_string()));
        a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "outfall.advance",
            &format!("outfall:{code}"),
            &format!("{from} → {to}（{on}）{}", reason.unwrap_or_default()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The ledger, by code.
    pub async fn outfalls(&self) -> Result<Vec<Outfall>, StoreError> {
        let rows = outfall::Entity::find()
            .order_by_asc(outfall::Column::Code)
            .all(&self.db)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for m in &rows {
            out.push(restore(&self.db, m).await?);
        }
        Ok(out)
    }

    /// One outfall.
    pub async fn outfall(&self, code: &str) -> Result<Outfall, StoreError> {
        Ok(load(&self.db, code).await?.1)
    }

    /// How many outfalls were closed (销号) each day from `from` to `to` (inclusive).
    pub async fn outfalls_closed_by_day(
        &self,
        from: Date,
        to: Date,
    ) -> Result<BTreeMap<Date, usize>, StoreError> {
        let rows = outfall::Entity::find()
            .filter(outfall::Column::State.eq(OutfallState::Closed.code()))
            .all(&self.db)
            .await?;
        let mut out = BTreeMap::new();
        for m in rows {
            let Some(text) = m.closed_on.as_deref() else {
                continue;
            };
            let d = stored_date("outfall", m.id, "closed_on", text)?;
            if (from..=to).contains(&d) {
                *out.entry(d).or_insert(0) += 1;
            }
        }
        Ok(out)
    }
}
