//! 重污染天气预警 — forecasts, the warning log (发布/升级/降级/解除 with reasons) and the measures
//! of each level as data.
//!
//! The warning state is never stored by itself: it is the replay of the recorded events through
//! the domain's [`WarningLog`], so a step is always checked against the same rules (a reason is
//! required, no step before the last change) and the log is the single source of truth.

use super::corrupt;
use super::entity::{warning_event, warning_forecast, warning_measure};
use super::hooks::queue;
use super::inbox::{NoticeKind, deliver};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::progress::parse_date;
use ecogov_domain::warning::{
    EventKind, Forecast, Level, Measure, MeasureKind, MeasureTable, WarningEvent, WarningLog,
};
use ecogov_standards::air::Pollutant;
use jiff::civil::Date;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

/// 预报记录 — a stored forecast day and who entered it from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredForecast {
    /// The forecast.
    pub forecast: Forecast,
    /// 来源 (a file name, `cli`, a forecaster).
    pub source: String,
    /// 录入人.
    pub entered_by: String,
}

/// 预警记录 — a recorded event with the scheme in force and who took the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWarningEvent {
    /// Row id.
    pub id: i64,
    /// The event.
    pub event: WarningEvent,
    /// The scheme's code when the step was taken.
    pub scheme: String,
    /// Who took it.
    pub actor: String,
    /// Unix seconds.
    pub recorded_at: i64,
}

fn pollutants_text(list: &[Pollutant]) -> String {
    list.iter()
        .map(|p| p.symbol())
        .collect::<Vec<_>>()
        .join(",")
}

fn kind_code(k: MeasureKind) -> &'static str {
    match k {
        MeasureKind::HealthProtection => "health",
        MeasureKind::Advisory => "advisory",
        MeasureKind::Mandatory => "mandatory",
    }
}

fn kind_from_code(code: &str) -> Option<MeasureKind> {
    [
        MeasureKind::HealthProtection,
        MeasureKind::Advisory,
        MeasureKind::Mandatory,
    ]
    .into_iter()
    .find(|k| kind_code(*k) == code)
}

fn event_kind(code: &str) -> Option<EventKind> {
    [
        EventKind::Issue,
        EventKind::Upgrade,
        EventKind::Downgrade,
        EventKind::Lift,
    ]
    .into_iter()
    .find(|k| k.code() == code)
}

fn forecast_from(m: warning_forecast::Model) -> Result<StoredForecast, StoreError> {
    let bad = |field: &'static str, v: &str| corrupt("warning_forecast", m.id, field, v);
    let date = parse_date(&m.date).ok_or_else(|| bad("date", &m.date))?;
    let aqi = |v: i32, field| u16::try_from(v).map_err(|_| bad(field, &v.to_string()));
    let mut primary = Vec::new();
    for s in m.primary_pollutants.split(',').filter(|s| !s.is_empty()) {
        let p = Pollutant::ALL
            .into_iter()
            .find(|p| p.symbol() == s)
            .ok_or_else(|| bad("primary_pollutants", &m.primary_pollutants))?;
        primary.push(p);
    }
    let forecast = Forecast::new(
        date,
        aqi(m.aqi_low, "aqi_low")?,
        aqi(m.aqi_high, "aqi_high")?,
        primary,
    )
    .map_err(|_| bad("aqi_high", &m.aqi_high.to_string()))?;
    Ok(StoredForecast {
        forecast,
        source: m.source,
        entered_by: m.entered_by,
    })
}

fn event_from(m: warning_event::Model) -> Result<StoredWarningEvent, StoreError> {
    let bad = |field: &'static str, v: &str| corrupt("warning_event", m.id, field, v);
    let level = |v: &Option<String>, field| match v {
        None => Ok(None),
        Some(c) => Level::from_code(c).map(Some).ok_or_else(|| bad(field, c)),
    };
    Ok(StoredWarningEvent {
        id: m.id,
        event: WarningEvent {
            kind: event_kind(&m.kind).ok_or_else(|| bad("kind", &m.kind))?,
            date: parse_date(&m.date).ok_or_else(|| bad("date", &m.date))?,
            from: level(&m.from_level, "from_level")?,
            to: level(&m.to_level, "to_level")?,
            reason: m.reason.clone(),
        },
        scheme: m.scheme,
        actor: m.actor,
        recorded_at: m.recorded_at,
    })
}

async fn load_events<C: ConnectionTrait>(db: &C) -> Result<Vec<StoredWarningEvent>, StoreError> {
    warning_event::Entity::find()
        .order_by_asc(warning_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(event_from)
        .collect()
}

/// Replays stored events into a log (a stored step the rules refuse is a corrupt record).
fn replay(events: &[StoredWarningEvent]) -> Result<WarningLog, StoreError> {
    let mut log = WarningLog::new();
    for e in events {
        log.record(e.event.to, e.event.date, &e.event.reason)
            .map_err(|err| corrupt("warning_event", e.id, "date", &err.to_string()))?;
    }
    Ok(log)
}

impl Store {
    /// Stores forecast days (a day already stored is replaced), all or nothing, with one audit
    /// event listing them.
    pub async fn save_forecasts(
        &self,
        forecasts: &[Forecast],
        source: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let mut lines = Vec::new();
        for f in forecasts {
            let date = f.date().to_string();
            let old = warning_forecast::Entity::find()
                .filter(warning_forecast::Column::Date.eq(date.clone()))
                .one(&txn)
                .await?;
            let mut row = warning_forecast::ActiveModel {
                date: Set(date.clone()),
                aqi_low: Set(i32::from(f.aqi_low())),
                aqi_high: Set(i32::from(f.aqi_high())),
                primary_pollutants: Set(pollutants_text(f.primary())),
                source: Set(source.to_string()),
                entered_by: Set(actor.to_string()),
                entered_at: Set(now_seconds()),
                ..Default::default()
            };
            let was = match old {
                Some(o) => {
                    let was = format!("（原 {}～{}）", o.aqi_low, o.aqi_high);
                    row.id = sea_orm::Unchanged(o.id);
                    row.update(&txn).await?;
                    was
                }
                None => {
                    row.insert(&txn).await?;
                    String::new()
                }
            };
            lines.push(format!("{date} AQI {}{was}", f.range_text()));
        }
        if !lines.is_empty() {
            audit::append(
                &txn,
                actor,
                "warning.forecast",
                "warning_forecast",
                &format!("录入预报（{source}）：{}", lines.join("；")),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Stored forecasts from `from` on, by date.
    pub async fn forecasts_from(&self, from: Date) -> Result<Vec<StoredForecast>, StoreError> {
        warning_forecast::Entity::find()
            .filter(warning_forecast::Column::Date.gte(from.to_string()))
            .order_by_asc(warning_forecast::Column::Date)
            .all(&self.db)
            .await?
            .into_iter()
            .map(forecast_from)
            .collect()
    }

    /// The consecutive forecast days starting on `from` (the window a decision reads).
    pub async fn forecast_window(&self, from: Date) -> Result<Vec<Forecast>, StoreError> {
        let mut out: Vec<Forecast> = Vec::new();
        let mut next = from;
        for f in self.forecasts_from(from).await? {
            if f.forecast.date() != next {
                break;
            }
            next = match next.tomorrow() {
                Ok(d) => d,
                Err(_) => break,
            };
            out.push(f.forecast);
        }
        Ok(out)
    }

    /// Records a warning step — the level (`None` = no warning) on `date` for `reason` — checked
    /// by the domain's lifecycle rules against the stored log, under the scheme in force. The
    /// event goes, in the same transaction, to the inboxes of the warning recipients and to the
    /// outbound hook. Returns the event and the hook deliveries queued, or `None` when the level
    /// stays as it was (nothing is written then).
    pub async fn record_warning_step(
        &self,
        level: Option<Level>,
        date: Date,
        reason: &str,
        actor: &str,
    ) -> Result<Option<(StoredWarningEvent, Vec<i64>)>, StoreError> {
        let settings = self.warning_settings().await?;
        let scheme = settings.code.as_str();
        let hook = self.hook().await?;
        let txn = self.db.begin().await?;
        let mut log = replay(&load_events(&txn).await?)?;
        let event = log
            .record(level, date, reason)
            .map_err(|e| StoreError::Rejected(e.to_string()))?
            .cloned();
        let Some(event) = event else {
            return Ok(None);
        };
        let at = now_seconds();
        let row = warning_event::ActiveModel {
            kind: Set(event.kind.code().to_string()),
            date: Set(event.date.to_string()),
            from_level: Set(event.from.map(|l| l.code().to_string())),
            to_level: Set(event.to.map(|l| l.code().to_string())),
            reason: Set(event.reason.clone()),
            scheme: Set(scheme.to_string()),
            actor: Set(actor.to_string()),
            recorded_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            &format!("warning.{}", event.kind.code()),
            &format!("warning_event:{}", row.id),
            &event.summary(),
        )
        .await?;
        let body = event.summary();
        let what = body.split_once('：').map_or(body.as_str(), |(w, _)| w);
        let title = format!("【重污染天气预警】{what}");
        deliver(
            &txn,
            &settings.recipients,
            NoticeKind::Warning,
            row.id,
            &title,
            &body,
        )
        .await?;
        let mut deliveries = Vec::new();
        if let Some(h) = &hook {
            deliveries.push(
                queue(
                    &txn,
                    h,
                    NoticeKind::Warning,
                    row.id,
                    &title,
                    &body,
                    &settings.recipients,
                )
                .await?,
            );
        }
        txn.commit().await?;
        let stored = StoredWarningEvent {
            id: row.id,
            event,
            scheme: scheme.to_string(),
            actor: actor.to_string(),
            recorded_at: at,
        };
        Ok(Some((stored, deliveries)))
    }

    /// The warning log: the current state and every event, oldest first.
    pub async fn warning_log(&self) -> Result<(WarningLog, Vec<StoredWarningEvent>), StoreError> {
        let events = load_events(&self.db).await?;
        Ok((replay(&events)?, events))
    }

    /// The measures of each level: the stored table, or the shipped example when none is stored.
    pub async fn warning_measures(&self) -> Result<MeasureTable, StoreError> {
        let rows = warning_measure::Entity::find()
            .order_by_asc(warning_measure::Column::Position)
            .order_by_asc(warning_measure::Column::Id)
            .all(&self.db)
            .await?;
        if rows.is_empty() {
            return Ok(MeasureTable::example());
        }
        let mut table = MeasureTable::new();
        for level in Level::ALL {
            let mut list = Vec::new();
            for r in rows.iter().filter(|r| r.level == level.code()) {
                let kind = kind_from_code(&r.kind)
                    .ok_or_else(|| corrupt("warning_measure", r.id, "kind", &r.kind))?;
                list.push(Measure {
                    kind,
                    text: r.text.clone(),
                });
            }
            if !list.is_empty() {
                table.set(level, list);
            }
        }
        if let Some(r) = rows.iter().find(|r| Level::from_code(&r.level).is_none()) {
            return Err(corrupt("warning_measure", r.id, "level", &r.level));
        }
        Ok(table)
    }

    /// Replaces the whole measure table (the bureau's 应急预案), with its audit event.
    pub async fn set_warning_measures(
        &self,
        measures: &[(Level, Measure)],
        source: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        if measures.is_empty() {
            return Err(StoreError::Rejected("措施表为空 (no measure given)".into()));
        }
        let txn = self.db.begin().await?;
        warning_measure::Entity::delete_many().exec(&txn).await?;
        for (i, (level, m)) in measures.iter().enumerate() {
            warning_measure::ActiveModel {
                level: Set(level.code().to_string()),
                kind: Set(kind_code(m.kind).to_string()),
                text: Set(m.text.clone()),
                position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        audit::append(
            &txn,
            actor,
            "warning.measures",
            "warning_measure",
            &format!("更新分级应急措施 {} 条（{source}）", measures.len()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
