//! 整改台账的存储 — 整改 items, their steps and evidence files, each change with its workflow
//! and audit event. 整改 items belong to no plan: their workflow events carry plan id 0.

use super::entity::rectification;
use super::{changed, parse_date, read_events, record_step};
use crate::accounts::evidence::{Evidence, keep};
use crate::{Store, StoreError};
use ecogov_domain::acceptance::WorkflowEvent;
use ecogov_domain::rectification::{FindingSource, RectificationItem, RectificationState};
use ecogov_domain::unit::UnitName;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// The plan id written on 整改 workflow events (整改 items are not part of a plan).
const NO_PLAN: i64 = 0;

/// 整改事项 as stored: its number and when it was entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRectification {
    /// 编号 — the row id.
    pub id: i64,
    /// The item.
    pub item: RectificationItem,
    /// 录入时间 — Unix seconds.
    pub created_at: i64,
}

/// The evidence names, one a line; a name containing a line break is refused.
fn encode_evidence(names: &[String]) -> Result<String, StoreError> {
    if let Some(bad) = names.iter().find(|n| n.contains(['\n', '\r'])) {
        return Err(StoreError::Rejected(format!(
            "佐证材料名称“{}”含有换行符 (evidence name contains a line break)",
            bad.escape_debug()
        )));
    }
    Ok(names.join("\n"))
}

fn decode_evidence(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn to_item(r: rectification::Model) -> Result<StoredRectification, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "rectification",
        id: r.id,
        field,
        value: value.to_string(),
    };
    Ok(StoredRectification {
        id: r.id,
        item: RectificationItem {
            source: FindingSource::from_code(&r.source).ok_or_else(|| bad("source", &r.source))?,
            finding: r.finding.clone(),
            responsible: UnitName::new(&r.responsible),
            measures: r.measures.clone(),
            deadline: parse_date("rectification", r.id, "deadline", &r.deadline)?,
            evidence: decode_evidence(&r.evidence),
            state: RectificationState::from_code(&r.state).ok_or_else(|| bad("state", &r.state))?,
            return_reason: r.return_reason.clone(),
            disclosed: r.disclosed != 0,
        },
        created_at: r.created_at,
    })
}

/// What the audit trail says of an item: state, deadline, measures, evidence, disclosure.
fn describe(i: &RectificationItem) -> String {
    let mut text = format!(
        "{}；时限 {}；措施：{}；佐证 {} 项",
        i.state.label(),
        i.deadline,
        if i.measures.is_empty() {
            "（未填）"
        } else {
            &i.measures
        },
        i.evidence.len()
    );
    if let Some(r) = &i.return_reason {
        text.push_str(&format!("；退回理由：{r}"));
    }
    if i.disclosed {
        text.push_str("；已公开");
    }
    text
}

impl Store {
    /// Saves an item the domain has created ([`ecogov_domain::rectification::create`]) with
    /// its event, from `source`; returns its number.
    pub async fn create_rectification(
        &self,
        item: &RectificationItem,
        event: &WorkflowEvent<RectificationState>,
        source: &str,
    ) -> Result<i64, StoreError> {
        let evidence = encode_evidence(&item.evidence)?;
        let txn = self.db.begin().await?;
        let row = rectification::ActiveModel {
            source: Set(item.source.code().to_string()),
            finding: Set(item.finding.clone()),
            responsible: Set(item.responsible.as_str().to_string()),
            measures: Set(item.measures.clone()),
            deadline: Set(item.deadline.to_string()),
            evidence: Set(evidence),
            state: Set(item.state.code().to_string()),
            return_reason: Set(item.return_reason.clone()),
            disclosed: Set(i64::from(item.disclosed)),
            created_at: Set(event.at.as_second()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record_step(
            &txn,
            NO_PLAN,
            row.id,
            event,
            source,
            "",
            &format!(
                "{}：{}；责任单位 {}；{}",
                item.source.label(),
                item.finding,
                item.responsible,
                describe(item)
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    /// Saves a step the domain has taken on item `id` ([`ecogov_domain::rectification::apply`]),
    /// with an uploaded evidence file if any (kept as `rectification:{id}`). `before` is the item
    /// the step was decided on; if the stored item differs from it (someone acted meanwhile)
    /// nothing is written and the step is refused.
    pub async fn save_rectification_step(
        &self,
        id: i64,
        before: &RectificationItem,
        after: &RectificationItem,
        event: &WorkflowEvent<RectificationState>,
        file: Option<&Evidence>,
        source: &str,
    ) -> Result<(), StoreError> {
        let old_evidence = encode_evidence(&before.evidence)?;
        let new_evidence = encode_evidence(&after.evidence)?;
        let txn = self.db.begin().await?;
        let update = rectification::Entity::update_many()
            .col_expr(rectification::Column::Finding, Expr::value(&after.finding))
            .col_expr(
                rectification::Column::Measures,
                Expr::value(&after.measures),
            )
            .col_expr(
                rectification::Column::Deadline,
                Expr::value(after.deadline.to_string()),
            )
            .col_expr(rectification::Column::Evidence, Expr::value(new_evidence))
            .col_expr(
                rectification::Column::State,
                Expr::value(after.state.code()),
            )
            .col_expr(
                rectification::Column::ReturnReason,
                Expr::value(after.return_reason.clone()),
            )
            .col_expr(
                rectification::Column::Disclosed,
                Expr::value(i64::from(after.disclosed)),
            )
            .filter(rectification::Column::Id.eq(id))
            .filter(rectification::Column::State.eq(before.state.code()))
            .filter(rectification::Column::Finding.eq(&before.finding))
            .filter(rectification::Column::Measures.eq(&before.measures))
            .filter(rectification::Column::Deadline.eq(before.deadline.to_string()))
            .filter(rectification::Column::Evidence.eq(old_evidence))
            .filter(rectification::Column::Disclosed.eq(i64::from(before.disclosed)))
            .exec(&txn)
            .await?;
        if update.rows_affected != 1 {
            return Err(changed("整改事项", id));
        }
        if let Some(f) = file {
            keep(
                &txn,
                &format!("rectification:{id}"),
                f,
                event.actor.as_str(),
            )
            .await?;
        }
        let mut after_text = describe(after);
        if let Some(f) = file {
            after_text.push_str(&format!("；上传 {}", f.filename));
        }
        record_step(
            &txn,
            NO_PLAN,
            id,
            event,
            source,
            &describe(before),
            &after_text,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The whole 整改 ledger, by number.
    pub async fn rectifications(&self) -> Result<Vec<StoredRectification>, StoreError> {
        rectification::Entity::find()
            .order_by_asc(rectification::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_item)
            .collect()
    }

    /// Item `id`, if it exists.
    pub async fn rectification(&self, id: i64) -> Result<Option<StoredRectification>, StoreError> {
        rectification::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(to_item)
            .transpose()
    }

    /// Every recorded step of item `id`, in order.
    pub async fn rectification_steps(
        &self,
        id: i64,
    ) -> Result<Vec<WorkflowEvent<RectificationState>>, StoreError> {
        read_events::<_, RectificationState>(&self.db, id).await
    }
}
