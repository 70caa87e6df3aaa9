//! 水质预警 — alerts raised on automatic-station readings, stored once per dedup key and, in the
//! same transaction, put in the recipients' inboxes and queued for the outbound hook.

use super::corrupt;
use super::entity::{inbox_item, water_alert};
use super::hooks::queue;
use super::inbox::{NoticeKind, deliver};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::water_alert::{AlertKey, AlertRule, WaterAlert};
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample};
use ecogov_standards::water::Measurement;
use jiff::civil::DateTime;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashSet};

/// How far back the reading before new ones is looked for (rule 2, 突变).
const LOOKBACK_DAYS: i64 = 31;

/// 预警记录 — a stored water alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAlert {
    /// Row id (the alert number shown to people).
    pub id: i64,
    /// Dedup key.
    pub key: AlertKey,
    /// The rule.
    pub rule: AlertRule,
    /// 断面.
    pub section: String,
    /// The parameter.
    pub parameter: WaterParameter,
    /// 监测时间.
    pub time: DateTime,
    /// The value.
    pub value: Measurement,
    /// 预警内容.
    pub message: String,
    /// The import that raised it.
    pub import_id: Option<i64>,
    /// Unix seconds.
    pub raised_at: i64,
    /// Units that have the alert in their inbox, and whether each acknowledged it.
    pub acknowledged: Vec<(String, bool)>,
}

/// What [`Store::raise_water_alerts`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RaisedAlerts {
    /// The alerts stored (new keys only).
    pub alerts: Vec<StoredAlert>,
    /// Inbox notices created.
    pub notices: usize,
    /// Hook deliveries queued (ids), to be sent by the caller.
    pub deliveries: Vec<i64>,
}

fn rule_from_code(code: &str) -> Option<AlertRule> {
    [
        AlertRule::ExceedsTarget,
        AlertRule::SuddenChange,
        AlertRule::BloomWatch,
    ]
    .into_iter()
    .find(|r| r.code() == code)
}

fn time_text(t: DateTime) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn from_model(m: water_alert::Model, acks: Vec<(String, bool)>) -> Result<StoredAlert, StoreError> {
    let bad = |field: &'static str, v: &str| corrupt("water_alert", m.id, field, v);
    Ok(StoredAlert {
        id: m.id,
        key: AlertKey::from_stored(&m.alert_key),
        rule: rule_from_code(&m.rule).ok_or_else(|| bad("rule", &m.rule))?,
        parameter: m
            .parameter
            .parse()
            .map_err(|_| bad("parameter", &m.parameter))?,
        time: m.time.parse().map_err(|_| bad("time", &m.time))?,
        value: m.value.parse().map_err(|_| bad("value", &m.value))?,
        section: m.section,
        message: m.message,
        import_id: m.import_id,
        raised_at: m.raised_at,
        acknowledged: acks,
    })
}

/// The notice text of an alert: title and body.
pub(crate) fn notice_text(a: &WaterAlert) -> (String, String) {
    (
        format!("【{}】{} {}", a.rule.label(), a.section, a.parameter.name()),
        a.message.clone(),
    )
}

impl Store {
    /// What the alert rules read for `samples` just imported: their automatic-station readings,
    /// and for each section and parameter the last stored automatic reading before the earliest
    /// new one (within 31 days), so that rule 2 (突变) compares across imports.
    pub async fn alert_readings(
        &self,
        samples: &[WaterSample],
    ) -> Result<Vec<WaterSample>, StoreError> {
        let new: Vec<&WaterSample> = samples
            .iter()
            .filter(|s| s.source == SampleSource::Automatic)
            .collect();
        let mut earliest: BTreeMap<&str, BTreeMap<WaterParameter, DateTime>> = BTreeMap::new();
        for s in &new {
            let e = earliest
                .entry(s.section.as_str())
                .or_default()
                .entry(s.parameter)
                .or_insert(s.time);
            *e = (*e).min(s.time);
        }
        let mut out: Vec<WaterSample> = Vec::new();
        for (section, params) in earliest {
            let Some(first) = params.values().min().copied() else {
                continue;
            };
            let Some(last) = params.values().max().copied() else {
                continue;
            };
            let from = first
                .checked_sub(jiff::Span::new().days(LOOKBACK_DAYS))
                .unwrap_or(first);
            let before = last
                .checked_sub(jiff::Span::new().seconds(1))
                .unwrap_or(last);
            let stored = self.water_samples(section, from, before).await?;
            for (parameter, t) in &params {
                if let Some(prev) = stored
                    .iter()
                    .filter(|s| {
                        s.parameter == *parameter
                            && s.source == SampleSource::Automatic
                            && s.time < *t
                    })
                    .max_by_key(|s| s.time)
                {
                    out.push(prev.clone());
                }
            }
        }
        out.extend(new.into_iter().cloned());
        Ok(out)
    }

    /// The keys of every alert raised for readings at or after `since`.
    pub async fn alert_keys_since(&self, since: DateTime) -> Result<HashSet<AlertKey>, StoreError> {
        let rows: Vec<String> = water_alert::Entity::find()
            .select_only()
            .column(water_alert::Column::AlertKey)
            .filter(water_alert::Column::Time.gte(time_text(since)))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows.iter().map(|k| AlertKey::from_stored(k)).collect())
    }

    /// Stores the alerts whose key is new, puts each in the inbox of its recipients and queues
    /// it for the outbound hook (when configured), in one transaction with one audit event per
    /// alert. An alert already stored is skipped, so raising the same alerts twice adds nothing.
    pub async fn raise_water_alerts(
        &self,
        alerts: &[WaterAlert],
        import_id: Option<i64>,
        actor: &str,
    ) -> Result<RaisedAlerts, StoreError> {
        let hook = self.hook().await?;
        let txn = self.db.begin().await?;
        let mut out = RaisedAlerts::default();
        for a in alerts {
            let exists = water_alert::Entity::find()
                .filter(water_alert::Column::AlertKey.eq(a.key.as_str()))
                .one(&txn)
                .await?;
            if exists.is_some() {
                continue;
            }
            let row = water_alert::ActiveModel {
                alert_key: Set(a.key.as_str().to_string()),
                rule: Set(a.rule.code().to_string()),
                section: Set(a.section.clone()),
                parameter: Set(a.parameter.code()),
                time: Set(time_text(a.time)),
                value: Set(a.value.to_string()),
                message: Set(a.message.clone()),
                import_id: Set(import_id),
                raised_at: Set(now_seconds()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let (title, body) = notice_text(a);
            let created = deliver(
                &txn,
                &a.recipients,
                NoticeKind::WaterAlert,
                row.id,
                &title,
                &body,
            )
            .await?;
            out.notices += created.len();
            if let Some(h) = &hook {
                out.deliveries.push(
                    queue(
                        &txn,
                        h,
                        NoticeKind::WaterAlert,
                        row.id,
                        &title,
                        &body,
                        &a.recipients,
                    )
                    .await?,
                );
            }
            audit::append(
                &txn,
                actor,
                "alert.raise",
                &format!("water_alert:{}", row.id),
                &format!("{title}：{body}"),
            )
            .await?;
            let acks = a
                .recipients
                .iter()
                .map(|u| (u.as_str().to_string(), false))
                .collect();
            out.alerts.push(from_model(row, acks)?);
        }
        txn.commit().await?;
        Ok(out)
    }

    /// The most recent alerts, newest first, with each recipient's acknowledgement.
    pub async fn water_alerts(&self, limit: u64) -> Result<Vec<StoredAlert>, StoreError> {
        let rows = water_alert::Entity::find()
            .order_by_desc(water_alert::Column::Time)
            .order_by_desc(water_alert::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for m in rows {
            let acks = self.alert_acks(m.id).await?;
            out.push(from_model(m, acks)?);
        }
        Ok(out)
    }

    /// One alert.
    pub async fn water_alert(&self, id: i64) -> Result<Option<StoredAlert>, StoreError> {
        match water_alert::Entity::find_by_id(id).one(&self.db).await? {
            None => Ok(None),
            Some(m) => {
                let acks = self.alert_acks(m.id).await?;
                Ok(Some(from_model(m, acks)?))
            }
        }
    }

    async fn alert_acks(&self, id: i64) -> Result<Vec<(String, bool)>, StoreError> {
        Ok(inbox_item::Entity::find()
            .filter(inbox_item::Column::Kind.eq(NoticeKind::WaterAlert.code()))
            .filter(inbox_item::Column::RefId.eq(id))
            .order_by_asc(inbox_item::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| (i.unit, i.acked_at.is_some()))
            .collect())
    }

    /// Acknowledges alert `id` on behalf of `unit` (the unit's inbox notice of it).
    pub async fn acknowledge_alert(
        &self,
        id: i64,
        unit: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let item = inbox_item::Entity::find()
            .filter(inbox_item::Column::Kind.eq(NoticeKind::WaterAlert.code()))
            .filter(inbox_item::Column::RefId.eq(id))
            .filter(inbox_item::Column::Unit.eq(unit))
            .one(&self.db)
            .await?
            .ok_or_else(|| {
                StoreError::Rejected(format!(
                    "预警 {id} 不在“{unit}”的通知中 (no such alert for this unit)"
                ))
            })?;
        self.acknowledge(item.id, actor).await.map(|_| ())
    }
}
