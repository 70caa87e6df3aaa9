//! 信访件 — petitions and complaints with their handling history (登记 → 受理 → 办理 → 答复 →
//! 回访 → 办结). Every step goes through `ecogov_domain::petition`; deadlines and repeats are
//! computed by the callers from the cases, on a date they pass.

use super::entity::{petition, petition_step};
use super::{corrupt, enterprises, rejected, stored_date};
use crate::{Store, StoreError, audit};
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::petition::{Channel, PetitionCase, PetitionId, PetitionState, StateChange};
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

fn channel_of(code: &str, name: &str) -> Channel {
    match code {
        "other" => Channel::Other(name.to_string()),
        c => Channel::parse(c),
    }
}

fn restore(
    m: &petition::Model,
    steps: &[petition_step::Model],
) -> Result<PetitionCase, StoreError> {
    let id = PetitionId::new(&m.code).ok_or_else(|| corrupt("petition", m.id, "code", &m.code))?;
    let enterprise = m
        .enterprise
        .as_deref()
        .map(|e| CreditCode::parse(e).map_err(|_| corrupt("petition", m.id, "enterprise", e)))
        .transpose()?;
    let history = steps
        .iter()
        .map(|s| {
            Ok(StateChange {
                state: PetitionState::parse(&s.state)
                    .ok_or_else(|| corrupt("petition_step", s.id, "state", &s.state))?,
                on: stored_date("petition_step", s.id, "on_date", &s.on_date)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    PetitionCase::restore(
        id,
        channel_of(&m.channel, &m.channel_name),
        enterprise,
        &m.address,
        &m.summary,
        &history,
    )
    .map_err(|_| corrupt("petition", m.id, "state", &m.state))
}

async fn insert_step<C: ConnectionTrait>(
    db: &C,
    petition_id: i64,
    step: &StateChange,
    note: Option<&str>,
) -> Result<(), StoreError> {
    petition_step::ActiveModel {
        petition_id: Set(petition_id),
        state: Set(step.state.code().to_string()),
        on_date: Set(step.on.to_string()),
        note: Set(note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

impl Store {
    /// Registers cases (with any later steps they carry) in one transaction. Refused, with
    /// nothing written, when an id is already used or given twice, or a case names an
    /// enterprise not in the register; `origin` names each case in messages (`文件:行`).
    pub async fn register_petitions(
        &self,
        cases: &[(String, PetitionCase)],
        source: &str,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let txn = self.db.begin().await?;
        let known = enterprises::known_codes(&txn).await?;
        let mut seen = HashSet::new();
        for (origin, c) in cases {
            let used = petition::Entity::find()
                .filter(petition::Column::Code.eq(c.id().as_str()))
                .one(&txn)
                .await?;
            if used.is_some() || !seen.insert(c.id().as_str()) {
                return Err(rejected(format!(
                    "{origin}: 信访件编号: 编号 {} 已被使用或重复出现，未写入任何记录 (case id already used; nothing written)",
                    c.id()
                )));
            }
            if let Some(e) = c.enterprise()
                && !known.contains(e.as_str())
            {
                return Err(rejected(format!(
                    "{origin}: 企业信用代码: 企业 {e} 不在企业名录中，未写入任何记录 (unknown enterprise; nothing written)"
                )));
            }
        }
        for (_, c) in cases {
            let channel_name = match c.channel() {
                Channel::Other(n) => n.clone(),
                _ => String::new(),
            };
            let row = petition::ActiveModel {
                code: Set(c.id().to_string()),
                channel: Set(c.channel().code().to_string()),
                channel_name: Set(channel_name),
                enterprise: Set(c.enterprise().map(|e| e.to_string())),
                address: Set(c.address().to_string()),
                summary: Set(c.summary().to_string()),
                state: Set(c.state().code().to_string()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for step in c.history() {
                insert_step(&txn, row.id, step, None).await?;
            }
        }
        audit::append(
            &txn,
            actor,
            "petition.register",
            &format!("source:{source}"),
            &format!("登记信访件 {} 件", cases.len()),
        )
        .await?;
        txn.commit().await?;
        Ok(cases.len())
    }

    /// Moves a case to `to` on `on` (`PetitionCase::advance`), with an optional note.
    pub async fn advance_petition(
        &self,
        id: &PetitionId,
        to: PetitionState,
        on: Date,
        note: Option<&str>,
        actor: &str,
    ) -> Result<PetitionCase, StoreError> {
        let txn = self.db.begin().await?;
        let m = petition::Entity::find()
            .filter(petition::Column::Code.eq(id.as_str()))
            .one(&txn)
            .await?
            .ok_or_else(|| rejected(format!("信访件 {id} 不存在 (no such case)")))?;
        let steps = petition_step::Entity::find()
            .filter(petition_step::Column::PetitionId.eq(m.id))
            .order_by_asc(petition_step::Column::Id)
            .all(&txn)
            .await?;
        let mut case = restore(&m, &steps)?;
        let from = case.state();
        case.advance(to, on).map_err(|e| rejected(e.to_string()))?;
        insert_step(&txn, m.id, &StateChange { state: to, on }, note).await?;
        let mut a: petition::ActiveModel = m.into();
        a.state = Set(to.code().to_string());
        a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "petition.advance",
            &format!("petition:{id}"),
            &format!("{from} → {to}（{on}）{}", note.unwrap_or_default()),
        )
        .await?;
        txn.commit().await?;
        Ok(case)
    }

    /// Every case, newest registration first.
    pub async fn petitions(&self) -> Result<Vec<PetitionCase>, StoreError> {
        let rows = petition::Entity::find()
            .order_by_desc(petition::Column::Id)
            .all(&self.db)
            .await?;
        let steps = petition_step::Entity::find()
            .order_by_asc(petition_step::Column::Id)
            .all(&self.db)
            .await?;
        let mut by_case: HashMap<i64, Vec<petition_step::Model>> = HashMap::new();
        for s in steps {
            by_case.entry(s.petition_id).or_default().push(s);
        }
        let empty = Vec::new();
        let mut cases = rows
            .iter()
            .map(|m| restore(m, by_case.get(&m.id).unwrap_or(&empty)))
            .collect::<Result<Vec<_>, _>>()?;
        cases.sort_by(|a, b| {
            b.registered_on()
                .cmp(&a.registered_on())
                .then_with(|| b.id().cmp(a.id()))
        });
        Ok(cases)
    }
}
