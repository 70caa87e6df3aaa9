//! Air stations and hourly air data: registry upserts, all-or-nothing imports, series queries.

use crate::batch::{self, BatchCounts};
use crate::entity::{air_hour, air_hour_revision, air_station};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::monitoring::{
    AirHour, AirStation, ControlLevel, DataStage, StationCode, hour_from_unix, hour_to_unix,
    reading_from_text, reading_to_text,
};
use ecogov_domain::number::parse_decimal;
use ecogov_standards::air::{HourEnding, Pollutant, Readings};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Rows per multi-row INSERT: 10 columns × 500 rows stays far below SQLite's and PostgreSQL's
/// bound-parameter limits.
const CHUNK: usize = 500;

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

type Values = [Option<String>; 6];

fn values_of(r: &Readings) -> Values {
    Pollutant::ALL.map(|p| reading_to_text(&r.get(p)))
}

/// The stored values in `Pollutant::ALL` order: SO2, NO2, CO, O3, PM10, PM2.5.
fn model_values(m: &air_hour::Model) -> Values {
    [
        m.so2.clone(),
        m.no2.clone(),
        m.co.clone(),
        m.o3.clone(),
        m.pm10.clone(),
        m.pm25.clone(),
    ]
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
        let ids = station_ids(&self.db).await?;
        import_air(&self.db, job, &ids).await
    }

    /// Opens an import session: several files, each all-or-nothing in a savepoint of its own,
    /// committed together by [`ImportSession::commit`]. Committing every few files writes each
    /// index page once for many hours instead of once per hourly file.
    pub async fn import_session(&self) -> Result<ImportSession, StoreError> {
        let txn = self.db.begin().await?;
        let ids = station_ids(&txn).await?;
        Ok(ImportSession { txn, ids })
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
                let m = air_hour::Model {
                    station_id: r.station_id,
                    hour_end: r.hour_end,
                    so2: r.so2,
                    no2: r.no2,
                    co: r.co,
                    o3: r.o3,
                    pm10: r.pm10,
                    pm25: r.pm25,
                    stage: r.stage,
                    import_id: r.import_id,
                };
                hour_from_model(station.clone(), m)
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
        let wanted: HashMap<i64, &StationCode> = stations
            .iter()
            .filter_map(|c| ids.get(c.as_str()).map(|id| (*id, c)))
            .collect();
        let (lo, hi) = (unix(from)?, unix(to)?);
        let rows = air_hour::Entity::find()
            .filter(air_hour::Column::StationId.is_in(wanted.keys().copied()))
            .filter(air_hour::Column::HourEnd.between(lo, hi))
            .order_by_asc(air_hour::Column::StationId)
            .order_by_asc(air_hour::Column::HourEnd)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|m| {
                let code = wanted
                    .get(&m.station_id)
                    .map(|c| (*c).clone())
                    .ok_or_else(|| corrupt(&m, "station_id", &m.station_id.to_string()))?;
                hour_from_model(code, m)
            })
            .collect()
    }
}

/// 导入会话 — an open transaction that several imports share, each in its own savepoint.
#[derive(Debug)]
pub struct ImportSession {
    txn: DatabaseTransaction,
    /// Station ids, read once per session (stations are not added during an import).
    ids: HashMap<String, i64>,
}

impl ImportSession {
    /// Imports one file's station-hours inside this session (see [`Store::import_air_hours`]).
    pub async fn import_air_hours(
        &self,
        job: AirImport<'_>,
    ) -> Result<AirImportReport, StoreError> {
        import_air(&self.txn, job, &self.ids).await
    }

    /// Makes every import of the session durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.txn.commit().await?;
        Ok(())
    }
}

/// One file's import in a transaction of its own — a savepoint when `db` is itself a transaction.
async fn import_air<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    job: AirImport<'_>,
    ids: &HashMap<String, i64>,
) -> Result<AirImportReport, StoreError> {
    let txn = db.begin().await?;
    let mut keyed: Vec<(i64, i64, &AirHour)> = Vec::with_capacity(job.hours.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut seen = HashSet::with_capacity(job.hours.len());
    for h in job.hours {
        let Some(&sid) = ids.get(h.station.as_str()) else {
            if !unknown.contains(&h.station.to_string()) {
                unknown.push(h.station.to_string());
            }
            continue;
        };
        let end = hour_to_unix(h.hour).map_err(|e| StoreError::Rejected(e.to_string()))?;
        if !seen.insert((sid, end)) {
            return Err(StoreError::Rejected(format!(
                "同一站点小时重复出现：{} {:?} (duplicate station-hour)",
                h.station, h.hour
            )));
        }
        keyed.push((sid, end, h));
    }
    if !unknown.is_empty() {
        return Err(StoreError::Rejected(format!(
            "未登记的监测站：{} (unknown stations; import the station list first)",
            unknown.join("、")
        )));
    }
    let stored = existing(&txn, &keyed).await?;
    let mut report = AirImportReport {
        rows: keyed.len(),
        ..Default::default()
    };
    let mut fresh = Vec::new();
    let mut changed = Vec::new();
    for (sid, end, h) in &keyed {
        let values = values_of(&h.readings);
        match stored.get(&(*sid, *end)) {
            None => fresh.push((*sid, *end, values, h.stage)),
            Some(old) if model_values(old) == values && old.stage == h.stage.code() => {
                report.unchanged += 1
            }
            Some(old) => changed.push((old.clone(), values, h.stage, &h.station, h.hour)),
        }
    }
    if !job.replace && !changed.is_empty() {
        report.conflicts = changed
            .iter()
            .map(|(_, _, _, s, h)| ((*s).clone(), *h))
            .collect();
        return Ok(report);
    }
    if job.dry_run {
        report.inserted = fresh.len();
        report.replaced = changed.len();
        return Ok(report);
    }
    let counts = BatchCounts {
        rows: keyed.len(),
        inserted: fresh.len(),
        unchanged: report.unchanged,
        replaced: changed.len(),
    };
    let batch_id = batch::record(&txn, job.kind, job.file, job.actor, counts).await?;
    // Plain multi-row INSERTs built with sea-query: no ActiveModel per row on this hot path.
    for chunk in fresh.chunks(CHUNK) {
        let mut insert = Query::insert();
        insert.into_table(air_hour::Entity).columns([
            air_hour::Column::StationId,
            air_hour::Column::HourEnd,
            air_hour::Column::So2,
            air_hour::Column::No2,
            air_hour::Column::Co,
            air_hour::Column::O3,
            air_hour::Column::Pm10,
            air_hour::Column::Pm25,
            air_hour::Column::Stage,
            air_hour::Column::ImportId,
        ]);
        for (sid, end, v, stage) in chunk {
            let [so2, no2, co, o3, pm10, pm25] = v.clone();
            insert
                .values([
                    (*sid).into(),
                    (*end).into(),
                    so2.into(),
                    no2.into(),
                    co.into(),
                    o3.into(),
                    pm10.into(),
                    pm25.into(),
                    stage.code().into(),
                    batch_id.into(),
                ])
                .map_err(|e| StoreError::Rejected(e.to_string()))?;
        }
        txn.execute(&insert).await?;
    }
    let now = now_seconds();
    for (old, values, stage, _, _) in &changed {
        air_hour_revision::ActiveModel {
            station_id: Set(old.station_id),
            hour_end: Set(old.hour_end),
            so2: Set(old.so2.clone()),
            no2: Set(old.no2.clone()),
            pm10: Set(old.pm10.clone()),
            co: Set(old.co.clone()),
            o3: Set(old.o3.clone()),
            pm25: Set(old.pm25.clone()),
            stage: Set(old.stage.clone()),
            import_id: Set(old.import_id),
            replaced_by: Set(batch_id),
            replaced_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut active: air_hour::ActiveModel =
            hour_model(old.station_id, old.hour_end, values, *stage, batch_id);
        active.station_id = sea_orm::Unchanged(old.station_id);
        active.hour_end = sea_orm::Unchanged(old.hour_end);
        active.update(&txn).await?;
    }
    audit::append(
        &txn,
        job.actor,
        "import.air",
        &format!("import:{}", batch_id),
        &format!(
            "{}（{}）：新增 {}，未变 {}，替换 {}",
            job.file,
            job.kind,
            fresh.len(),
            report.unchanged,
            changed.len()
        ),
    )
    .await?;
    txn.commit().await?;
    report.inserted = fresh.len();
    report.replaced = changed.len();
    report.batch = Some(batch_id);
    Ok(report)
}

fn unix(h: HourEnding) -> Result<i64, StoreError> {
    hour_to_unix(h).map_err(|e| StoreError::Rejected(e.to_string()))
}

fn hour_model(
    sid: i64,
    end: i64,
    v: &Values,
    stage: DataStage,
    batch: i64,
) -> air_hour::ActiveModel {
    air_hour::ActiveModel {
        station_id: Set(sid),
        hour_end: Set(end),
        so2: Set(v[0].clone()),
        no2: Set(v[1].clone()),
        co: Set(v[2].clone()),
        o3: Set(v[3].clone()),
        pm10: Set(v[4].clone()),
        pm25: Set(v[5].clone()),
        stage: Set(stage.code().to_string()),
        import_id: Set(batch),
    }
}

async fn station_ids<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, i64>, StoreError> {
    Ok(air_station::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect())
}

/// The stored rows for the keys of an import, read per station over the import's time span.
async fn existing(
    txn: &DatabaseTransaction,
    keyed: &[(i64, i64, &AirHour)],
) -> Result<HashMap<(i64, i64), air_hour::Model>, StoreError> {
    let mut out = HashMap::new();
    let Some(lo) = keyed.iter().map(|k| k.1).min() else {
        return Ok(out);
    };
    let hi = keyed.iter().map(|k| k.1).max().unwrap_or(lo);
    let stations: HashSet<i64> = keyed.iter().map(|k| k.0).collect();
    let stations: Vec<i64> = stations.into_iter().collect();
    for ids in stations.chunks(CHUNK) {
        let rows = air_hour::Entity::find()
            .filter(air_hour::Column::StationId.is_in(ids.iter().copied()))
            .filter(air_hour::Column::HourEnd.between(lo, hi))
            .all(txn)
            .await?;
        out.extend(rows.into_iter().map(|m| ((m.station_id, m.hour_end), m)));
    }
    Ok(out)
}

fn corrupt(m: &air_hour::Model, field: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt {
        table: "air_hour",
        id: m.station_id,
        field,
        value: value.to_string(),
    }
}

fn hour_from_model(code: StationCode, m: air_hour::Model) -> Result<AirHour, StoreError> {
    let hour =
        hour_from_unix(m.hour_end).map_err(|_| corrupt(&m, "hour_end", &m.hour_end.to_string()))?;
    let stage = DataStage::from_code(&m.stage).ok_or_else(|| corrupt(&m, "stage", &m.stage))?;
    let mut readings = Readings::default();
    for (p, v) in Pollutant::ALL.into_iter().zip(model_values(&m)) {
        let r = reading_from_text(p, v.as_deref())
            .map_err(|_| corrupt(&m, "value", v.as_deref().unwrap_or("")))?;
        readings.set(p, r);
    }
    Ok(AirHour {
        station: code,
        hour,
        readings,
        stage,
    })
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
