//! Air stations and hourly air data: registry upserts, all-or-nothing imports, series queries.
//!
//! Hours are stored packed per station-day (`air_day`). An [`ImportSession`] keeps the days it
//! touches in memory and writes each of them once, at commit: an hourly file of a national network
//! touches one day row per station, and 240 files make ten days, not 240 rewrites.

use crate::air_day::{self, Day, Slot, day_key, hours_of, key_date, values_of};
use crate::batch::{self, BatchCounts};
use crate::entity::{air_hour_revision, air_station};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::monitoring::{
    AirHour, AirStation, ControlLevel, DataStage, StationCode, hour_to_unix, reading_from_text,
};
use ecogov_domain::number::parse_decimal;
use ecogov_standards::air::{HourEnding, Pollutant, Readings};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// What to import and how.
#[derive(Debug, Clone, Copy)]
pub struct AirImport<'a> {
    /// The format, for the import record (`cnemc`, `long`, …).
    pub kind: &'a str,
    /// The file name, for the import record.
    pub file: &'a str,
    /// The station-hours, already validated row by row.
    pub hours: &'a [AirHour],
    /// 替换 — overwrite differing station-hours, keeping the old values as revisions.
    pub replace: bool,
    /// 试运行 — check everything and report, but write nothing.
    pub dry_run: bool,
    /// Who imports.
    pub actor: &'a str,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AirImportReport {
    /// Station-hours in the file.
    pub rows: usize,
    /// New station-hours written.
    pub inserted: usize,
    /// Station-hours already stored with the same values.
    pub unchanged: usize,
    /// Station-hours overwritten (with `replace`).
    pub replaced: usize,
    /// Station-hours stored with other values, left alone because `replace` was not given; when
    /// there are any, nothing is written.
    pub conflicts: Vec<(StationCode, HourEnding)>,
    /// The import record's id, when something was written.
    pub batch: Option<i64>,
}

impl Store {
    /// Adds stations, or updates those whose code exists; returns (added, updated).
    pub async fn upsert_air_stations(
        &self,
        stations: &[AirStation],
        actor: &str,
    ) -> Result<(usize, usize), StoreError> {
        let txn = self.db.begin().await?;
        let existing: HashMap<String, air_station::Model> = air_station::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| (m.code.clone(), m))
            .collect();
        let (mut added, mut updated) = (0, 0);
        for s in stations {
            let fields = |mut a: air_station::ActiveModel| {
                a.name = Set(s.name.clone());
                a.city = Set(s.city.clone());
                a.longitude = Set(s.longitude.map(|d| d.to_string()));
                a.latitude = Set(s.latitude.map(|d| d.to_string()));
                a.control_point = Set(s.control_point);
                a.level = Set(s.level.code().to_string());
                a
            };
            match existing.get(s.code.as_str()) {
                Some(m) => {
                    let same = m.name == s.name
                        && m.city == s.city
                        && m.longitude == s.longitude.map(|d| d.to_string())
                        && m.latitude == s.latitude.map(|d| d.to_string())
                        && m.control_point == s.control_point
                        && m.level == s.level.code();
                    if !same {
                        fields(m.clone().into()).update(&txn).await?;
                        updated += 1;
                    }
                }
                None => {
                    let active = fields(air_station::ActiveModel {
                        code: Set(s.code.to_string()),
                        ..Default::default()
                    });
                    active.insert(&txn).await?;
                    added += 1;
                }
            }
        }
        if added + updated > 0 {
            audit::append(
                &txn,
                actor,
                "stations.upsert",
                "air_station",
                &format!("新增 {added} 个、更新 {updated} 个空气监测站"),
            )
            .await?;
        }
        txn.commit().await?;
        Ok((added, updated))
    }

    /// All air stations, by code.
    pub async fn air_stations(&self) -> Result<Vec<AirStation>, StoreError> {
        let rows = air_station::Entity::find()
            .order_by_asc(air_station::Column::Code)
            .all(&self.db)
            .await?;
        rows.into_iter().map(station_from_model).collect()
    }

    /// Imports station-hours in one transaction: all of them or none. Unknown stations, a
    /// station-hour repeated in the input, or (without `replace`) a stored station-hour with
    /// other values write nothing. Re-importing the same data changes nothing.
    pub async fn import_air_hours(
        &self,
        job: AirImport<'_>,
    ) -> Result<AirImportReport, StoreError> {
        let mut session = self.import_session().await?;
        let report = session.import_air_hours(job).await?;
        session.commit().await?;
        Ok(report)
    }

    /// Opens an import session: several files, each checked and applied all or nothing, written
    /// together by [`ImportSession::commit`] (nothing is written if the session is dropped).
    pub async fn import_session(&self) -> Result<ImportSession, StoreError> {
        let txn = self.db.begin().await?;
        let ids = station_ids(&txn).await?;
        Ok(ImportSession {
            txn,
            ids,
            days: HashMap::new(),
            dirty: HashSet::new(),
        })
    }

    /// The superseded values of one station-hour, oldest first (修订记录).
    pub async fn air_hour_revisions(
        &self,
        station: &StationCode,
        hour: HourEnding,
    ) -> Result<Vec<AirHour>, StoreError> {
        let ids = station_ids(&self.db).await?;
        let Some(&sid) = ids.get(station.as_str()) else {
            return Ok(Vec::new());
        };
        let rows = air_hour_revision::Entity::find()
            .filter(air_hour_revision::Column::StationId.eq(sid))
            .filter(air_hour_revision::Column::HourEnd.eq(unix(hour)?))
            .order_by_asc(air_hour_revision::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|r| {
                let bad = |v: &str| StoreError::Corrupt {
                    table: "air_hour_revision",
                    id: r.id,
                    field: "value",
                    value: v.to_string(),
                };
                let mut readings = Readings::default();
                let values = [&r.so2, &r.no2, &r.co, &r.o3, &r.pm10, &r.pm25];
                for (p, v) in Pollutant::ALL.into_iter().zip(values) {
                    readings.set(
                        p,
                        reading_from_text(p, v.as_deref())
                            .map_err(|_| bad(v.as_deref().unwrap_or("")))?,
                    );
                }
                let stage = DataStage::from_code(&r.stage).ok_or_else(|| bad(&r.stage))?;
                Ok(AirHour {
                    station: station.clone(),
                    hour,
                    readings,
                    stage,
                })
            })
            .collect()
    }

    /// The stored hours of `stations` from `from` to `to` (both included), by station then hour.
    pub async fn air_series(
        &self,
        stations: &[StationCode],
        from: HourEnding,
        to: HourEnding,
    ) -> Result<Vec<AirHour>, StoreError> {
        let ids = station_ids(&self.db).await?;
        let mut wanted: Vec<(i64, &StationCode)> = stations
            .iter()
            .filter_map(|c| ids.get(c.as_str()).map(|id| (*id, c)))
            .collect();
        wanted.sort();
        let codes: HashMap<i64, &StationCode> = wanted.iter().copied().collect();
        let sids: Vec<i64> = wanted.iter().map(|(id, _)| *id).collect();
        let rows = air_day::load(
            &self.db,
            &sids,
            day_key(from.natural_day()),
            day_key(to.natural_day()),
        )
        .await?;
        let mut out = Vec::with_capacity(rows.len() * 24);
        for (sid, key, day) in rows {
            let (Some(code), Some(date)) = (codes.get(&sid), key_date(key)) else {
                continue;
            };
            let hours = hours_of(code, date, &day).map_err(|e| StoreError::Corrupt {
                table: "air_day",
                id: sid,
                field: "hours",
                value: e,
            })?;
            out.extend(hours.into_iter().filter(|h| h.hour >= from && h.hour <= to));
        }
        Ok(out)
    }
}

/// 导入会话 — an open transaction that several imports share. Each import is checked against
/// what is stored and what the session already holds, then applied in memory all or nothing; the
/// days it touched are written at [`ImportSession::commit`].
#[derive(Debug)]
pub struct ImportSession {
    txn: DatabaseTransaction,
    /// Station ids, read once per session (stations are not added during an import).
    ids: HashMap<String, i64>,
    /// Station-days read or written in this session, by (station id, `YYYYMMDD`).
    days: HashMap<(i64, i64), Day>,
    /// Days changed and still to be written.
    dirty: HashSet<(i64, i64)>,
}

impl ImportSession {
    /// Imports one file's station-hours (see [`Store::import_air_hours`]).
    pub async fn import_air_hours(
        &mut self,
        job: AirImport<'_>,
    ) -> Result<AirImportReport, StoreError> {
        let mut keyed: Vec<(i64, i64, usize, &AirHour)> = Vec::with_capacity(job.hours.len());
        let mut unknown: Vec<String> = Vec::new();
        let mut seen = HashSet::with_capacity(job.hours.len());
        for h in job.hours {
            let Some(&sid) = self.ids.get(h.station.as_str()) else {
                if !unknown.contains(&h.station.to_string()) {
                    unknown.push(h.station.to_string());
                }
                continue;
            };
            let key = day_key(h.hour.natural_day());
            if !seen.insert((sid, key, h.hour.index())) {
                return Err(StoreError::Rejected(format!(
                    "同一站点小时重复出现：{} {:?} (duplicate station-hour)",
                    h.station, h.hour
                )));
            }
            keyed.push((sid, key, h.hour.index(), h));
        }
        if !unknown.is_empty() {
            return Err(StoreError::Rejected(format!(
                "未登记的监测站：{} (unknown stations; import the station list first)",
                unknown.join("、")
            )));
        }
        self.fetch(&keyed).await?;
        let mut report = AirImportReport {
            rows: keyed.len(),
            ..Default::default()
        };
        let (mut fresh, mut changed) = (Vec::new(), Vec::new());
        for (sid, key, i, h) in &keyed {
            let values = values_of(&h.readings);
            let stored = self.days.get(&(*sid, *key)).and_then(|d| d[*i].as_ref());
            match stored {
                None => fresh.push((*sid, *key, *i, values, h.stage)),
                Some(old) if old.values == values && old.stage == h.stage => report.unchanged += 1,
                Some(old) => changed.push((*sid, *key, *i, old.clone(), values, h.stage, *h)),
            }
        }
        if !job.replace && !changed.is_empty() {
            report.conflicts = changed
                .iter()
                .map(|c| (c.6.station.clone(), c.6.hour))
                .collect();
            return Ok(report);
        }
        report.inserted = fresh.len();
        report.replaced = changed.len();
        if job.dry_run {
            return Ok(report);
        }
        let counts = BatchCounts {
            rows: keyed.len(),
            inserted: fresh.len(),
            unchanged: report.unchanged,
            replaced: changed.len(),
        };
        let batch_id = batch::record(&self.txn, job.kind, job.file, job.actor, counts).await?;
        let now = now_seconds();
        for (sid, _, _, old, _, _, h) in &changed {
            air_hour_revision::ActiveModel {
                station_id: Set(*sid),
                hour_end: Set(unix(h.hour)?),
                so2: Set(old.values[0].clone()),
                no2: Set(old.values[1].clone()),
                co: Set(old.values[2].clone()),
                o3: Set(old.values[3].clone()),
                pm10: Set(old.values[4].clone()),
                pm25: Set(old.values[5].clone()),
                stage: Set(old.stage.code().to_string()),
                import_id: Set(old.import_id),
                replaced_by: Set(batch_id),
                replaced_at: Set(now),
                ..Default::default()
            }
            .insert(&self.txn)
            .await?;
        }
        let new_slots = fresh.into_iter().chain(
            changed
                .into_iter()
                .map(|(s, k, i, _, v, st, _)| (s, k, i, v, st)),
        );
        for (sid, key, i, values, stage) in new_slots {
            let day = self.days.entry((sid, key)).or_default();
            day[i] = Some(Slot {
                import_id: batch_id,
                stage,
                values,
            });
            self.dirty.insert((sid, key));
        }
        audit::append(
            &self.txn,
            job.actor,
            "import.air",
            &format!("import:{batch_id}"),
            &format!(
                "{}（{}）：新增 {}，未变 {}，替换 {}",
                job.file, job.kind, report.inserted, report.unchanged, report.replaced
            ),
        )
        .await?;
        report.batch = Some(batch_id);
        Ok(report)
    }

    /// Reads into the session the stored days of `keyed` it does not hold yet.
    async fn fetch(&mut self, keyed: &[(i64, i64, usize, &AirHour)]) -> Result<(), StoreError> {
        let missing: Vec<(i64, i64)> = keyed
            .iter()
            .map(|k| (k.0, k.1))
            .filter(|k| !self.days.contains_key(k))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let (Some(first), Some(last)) = (
            missing.iter().map(|k| k.1).min(),
            missing.iter().map(|k| k.1).max(),
        ) else {
            return Ok(());
        };
        let stations: Vec<i64> = missing
            .iter()
            .map(|k| k.0)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        for (sid, key, day) in air_day::load(&self.txn, &stations, first, last).await? {
            self.days.entry((sid, key)).or_insert(day);
        }
        for k in missing {
            self.days.entry(k).or_default();
        }
        Ok(())
    }

    /// Writes the changed days and makes every import of the session durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        let mut keys: Vec<(i64, i64)> = self.dirty.into_iter().collect();
        keys.sort();
        air_day::save(&self.txn, &self.days, &keys).await?;
        self.txn.commit().await?;
        Ok(())
    }
}

fn unix(h: HourEnding) -> Result<i64, StoreError> {
    hour_to_unix(h).map_err(|e| StoreError::Rejected(e.to_string()))
}

async fn station_ids<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, i64>, StoreError> {
    Ok(air_station::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect())
}

fn station_from_model(m: air_station::Model) -> Result<AirStation, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "air_station",
        id: m.id,
        field,
        value: value.to_string(),
    };
    let decimal = |field: &'static str, v: &Option<String>| match v {
        None => Ok(None),
        Some(t) => parse_decimal(t).map(Some).map_err(|_| bad(field, t)),
    };
    Ok(AirStation {
        code: StationCode::parse(&m.code).map_err(|_| bad("code", &m.code))?,
        name: m.name.clone(),
        city: m.city.clone(),
        longitude: decimal("longitude", &m.longitude)?,
        latitude: decimal("latitude", &m.latitude)?,
        control_point: m.control_point,
        level: ControlLevel::parse(&m.level).ok_or_else(|| bad("level", &m.level))?,
    })
}
