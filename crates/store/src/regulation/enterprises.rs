//! 企业名录 — the enterprise register: import (all or nothing), lookups and the list.

use super::entity::enterprise;
use super::{corrupt, rejected};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::enterprise::{CreditCode, Enterprise, SupervisionClass};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New rows.
    pub inserted: usize,
    /// Existing rows changed.
    pub updated: usize,
    /// Rows already stored as given.
    pub unchanged: usize,
}

pub(crate) fn to_domain(m: &enterprise::Model) -> Result<Enterprise, StoreError> {
    let class = SupervisionClass::parse(&m.class)
        .ok_or_else(|| corrupt("enterprise", m.id, "class", &m.class))?;
    Enterprise::new(
        &m.name,
        &m.credit_code,
        &m.address,
        &m.industry,
        class,
        m.permit.as_deref(),
    )
    .map_err(|_| corrupt("enterprise", m.id, "credit_code", &m.credit_code))
}

/// The credit codes of the register.
pub(crate) async fn known_codes<C: ConnectionTrait>(db: &C) -> Result<HashSet<String>, StoreError> {
    Ok(enterprise::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.credit_code)
        .collect())
}

/// Refuses a credit code not in the register.
pub(crate) async fn require<C: ConnectionTrait>(
    db: &C,
    code: &CreditCode,
) -> Result<(), StoreError> {
    let found = enterprise::Entity::find()
        .filter(enterprise::Column::CreditCode.eq(code.as_str()))
        .one(db)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(unknown(code.as_str())),
    }
}

pub(crate) fn unknown(code: &str) -> StoreError {
    rejected(format!(
        "企业 {code} 不在企业名录中，请先导入企业名录 (unknown enterprise: not in the register)"
    ))
}

impl Store {
    /// Imports enterprises in one transaction: new credit codes are added, known ones updated.
    /// The same credit code twice in `rows` is refused and nothing is written. `source` (the
    /// file) goes into the audit event.
    pub async fn import_enterprises(
        &self,
        rows: &[Enterprise],
        source: &str,
        actor: &str,
    ) -> Result<ImportCounts, StoreError> {
        let mut seen = HashSet::new();
        for e in rows {
            if !seen.insert(e.credit_code().as_str()) {
                return Err(rejected(format!(
                    "统一社会信用代码 {} 重复出现，未导入任何企业 (duplicate credit code; nothing imported)",
                    e.credit_code()
                )));
            }
        }
        let txn = self.db.begin().await?;
        let existing: HashMap<String, enterprise::Model> = enterprise::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| (m.credit_code.clone(), m))
            .collect();
        let mut counts = ImportCounts::default();
        for e in rows {
            let permit = e.permit().map(|p| p.to_string());
            let fill = |mut a: enterprise::ActiveModel| {
                a.name = Set(e.name().to_string());
                a.address = Set(e.address().to_string());
                a.industry = Set(e.industry().to_string());
                a.class = Set(e.class().code().to_string());
                a.permit = Set(permit.clone());
                a.updated_at = Set(now_seconds());
                a
            };
            match existing.get(e.credit_code().as_str()) {
                Some(m)
                    if m.name == e.name()
                        && m.address == e.address()
                        && m.industry == e.industry()
                        && m.class == e.class().code()
                        && m.permit == permit =>
                {
                    counts.unchanged += 1;
                }
                Some(m) => {
                    fill(m.clone().into()).update(&txn).await?;
                    counts.updated += 1;
                }
                None => {
                    fill(enterprise::ActiveModel {
                        credit_code: Set(e.credit_code().to_string()),
                        ..Default::default()
                    })
                    .insert(&txn)
                    .await?;
                    counts.inserted += 1;
                }
            }
        }
        audit::append(
            &txn,
            actor,
            "enterprise.import",
            &format!("file:{source}"),
            &format!(
                "导入企业名录：新增 {}，更新 {}，未变 {}",
                counts.inserted, counts.updated, counts.unchanged
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(counts)
    }

    /// The register, by name.
    pub async fn enterprises(&self) -> Result<Vec<Enterprise>, StoreError> {
        let rows = enterprise::Entity::find()
            .order_by_asc(enterprise::Column::Name)
            .order_by_asc(enterprise::Column::CreditCode)
            .all(&self.db)
            .await?;
        rows.iter().map(to_domain).collect()
    }

    /// One enterprise by credit code.
    pub async fn enterprise(&self, code: &CreditCode) -> Result<Option<Enterprise>, StoreError> {
        let row = enterprise::Entity::find()
            .filter(enterprise::Column::CreditCode.eq(code.as_str()))
            .one(&self.db)
            .await?;
        row.as_ref().map(to_domain).transpose()
    }
}
