//! Water sections and samples: registry upserts, all-or-nothing imports, queries.

use crate::batch::{self, BatchCounts};
use crate::entity::{water_sample, water_sample_revision, water_section};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::monitoring::{ControlLevel, DataStage};
use ecogov_domain::water_data::{SampleSource, WaterParameter, WaterSample, WaterSection};
use ecogov_standards::water::{Measurement, WaterBody, WaterClass};
use jiff::civil::DateTime;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

const CHUNK: usize = 500;

/// What to import and how (see [`Store::import_water_samples`]).
#[derive(Debug, Clone, Copy)]
pub struct WaterImport<'a> {
    /// The format, for the import record.
    pub kind: &'a str,
    /// The file name, for the import record.
    pub file: &'a str,
    /// The samples, already validated row by row.
    pub samples: &'a [WaterSample],
    /// Overwrite differing values, keeping the old ones as revisions.
    pub replace: bool,
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Who imports.
    pub actor: &'a str,
}

/// What a water import did (or would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaterImportReport {
    /// Values in the file.
    pub rows: usize,
    /// New values written.
    pub inserted: usize,
    /// Values already stored as they are.
    pub unchanged: usize,
    /// Values overwritten (with `replace`).
    pub replaced: usize,
    /// (section, time, parameter) stored with another value and not replaced; nothing is written
    /// when there are any.
    pub conflicts: Vec<(String, DateTime, WaterParameter)>,
    /// The import record's id, when something was written.
    pub batch: Option<i64>,
}

fn beijing() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(8))
}

fn to_unix(t: DateTime) -> Result<i64, StoreError> {
    t.to_zoned_datetime(beijing())
        .map(|z| z.timestamp().as_second())
        .map_err(|e| StoreError::Rejected(format!("时间 {t} 超出范围 (time out of range): {e}")))
}

fn from_unix(s: i64) -> Option<DateTime> {
    jiff::Timestamp::from_second(s)
        .ok()
        .map(|ts| ts.to_zoned_datetime(beijing()).datetime())
}

fn body_code(b: WaterBody) -> &'static str {
    match b {
        WaterBody::River => "river",
        WaterBody::LakeReservoir => "lake",
    }
}

impl Store {
    /// Adds sections, or updates those whose name exists; returns (added, updated).
    pub async fn upsert_water_sections(
        &self,
        sections: &[WaterSection],
        actor: &str,
    ) -> Result<(usize, usize), StoreError> {
        let txn = self.db.begin().await?;
        let existing: HashMap<String, water_section::Model> = water_section::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| (m.name.clone(), m))
            .collect();
        let (mut added, mut updated) = (0, 0);
        for s in sections {
            let row = water_section::Model {
                id: existing.get(&s.name).map_or(0, |m| m.id),
                name: s.name.clone(),
                water: s.water.clone(),
                basin: s.basin.clone(),
                body: body_code(s.body).to_string(),
                level: s.level.code().to_string(),
                target: s.target.map(|c| c.to_string()),
                district: s.district.clone(),
                upstream: s.upstream.clone(),
                downstream: s.downstream.clone(),
            };
            match existing.get(&s.name) {
                Some(m) if *m == row => {}
                Some(m) => {
                    let mut a = section_active(row);
                    a.id = sea_orm::Unchanged(m.id);
                    a.update(&txn).await?;
                    updated += 1;
                }
                None => {
                    section_active(row).insert(&txn).await?;
                    added += 1;
                }
            }
        }
        if added + updated > 0 {
            audit::append(
                &txn,
                actor,
                "sections.upsert",
                "water_section",
                &format!("新增 {added} 个、更新 {updated} 个监测断面"),
            )
            .await?;
        }
        txn.commit().await?;
        Ok((added, updated))
    }

    /// All water sections, by name.
    pub async fn water_sections(&self) -> Result<Vec<WaterSection>, StoreError> {
        let rows = water_section::Entity::find()
            .order_by_asc(water_section::Column::Name)
            .all(&self.db)
            .await?;
        rows.into_iter().map(section_from_model).collect()
    }

    /// Imports samples in one transaction, with the same rules as air imports: unknown sections
    /// or a value repeated in the input refuse the file; a stored value with another reading
    /// refuses it unless `replace` is given, which keeps the old value as a revision.
    pub async fn import_water_samples(
        &self,
        job: WaterImport<'_>,
    ) -> Result<WaterImportReport, StoreError> {
        let txn = self.db.begin().await?;
        let ids = section_ids(&txn).await?;
        let mut keyed = Vec::with_capacity(job.samples.len());
        let mut unknown: Vec<&str> = Vec::new();
        let mut seen = HashSet::new();
        for s in job.samples {
            let Some(&sid) = ids.get(&s.section) else {
                if !unknown.contains(&s.section.as_str()) {
                    unknown.push(&s.section);
                }
                continue;
            };
            let key = (sid, to_unix(s.time)?, s.parameter.code(), s.source.code());
            if !seen.insert(key.clone()) {
                return Err(StoreError::Rejected(format!(
                    "同一断面、时间、参数重复出现：{} {} {} (duplicate value)",
                    s.section,
                    s.time,
                    s.parameter.name()
                )));
            }
            keyed.push((key, s));
        }
        if !unknown.is_empty() {
            return Err(StoreError::Rejected(format!(
                "未登记的监测断面：{} (unknown sections; import the sections first)",
                unknown.join("、")
            )));
        }
        let mut stored: HashMap<(i64, i64, String, &'static str), water_sample::Model> =
            HashMap::new();
        if let (Some(lo), Some(hi)) = (
            keyed.iter().map(|k| k.0.1).min(),
            keyed.iter().map(|k| k.0.1).max(),
        ) {
            let sections: Vec<i64> = keyed
                .iter()
                .map(|k| k.0.0)
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            for chunk in sections.chunks(CHUNK) {
                let rows = water_sample::Entity::find()
                    .filter(water_sample::Column::SectionId.is_in(chunk.iter().copied()))
                    .filter(water_sample::Column::Time.between(lo, hi))
                    .all(&txn)
                    .await?;
                for m in rows {
                    let Some(source) = SampleSource::from_code(&m.source) else {
                        continue;
                    };
                    stored.insert(
                        (m.section_id, m.time, m.parameter.clone(), source.code()),
                        m,
                    );
                }
            }
        }
        let mut report = WaterImportReport {
            rows: keyed.len(),
            ..Default::default()
        };
        let mut fresh = Vec::new();
        let mut changed = Vec::new();
        for (key, s) in &keyed {
            let value = s.value.to_string();
            match stored.get(key) {
                None => fresh.push((key, value, s.stage)),
                Some(old) if old.value == value && old.stage == s.stage.code() => {
                    report.unchanged += 1
                }
                Some(old) => changed.push((old.clone(), value, s.stage, *s)),
            }
        }
        if !job.replace && !changed.is_empty() {
            report.conflicts = changed
                .iter()
                .map(|(_, _, _, s)| (s.section.clone(), s.time, s.parameter))
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
        let batch_id = batch::record(&txn, job.kind, job.file, job.actor, counts).await?;
        for chunk in fresh.chunks(CHUNK) {
            let models = chunk
                .iter()
                .map(
                    |((sid, time, parameter, source), value, stage)| water_sample::ActiveModel {
                        section_id: Set(*sid),
                        time: Set(*time),
                        parameter: Set(parameter.clone()),
                        source: Set(source.to_string()),
                        value: Set(value.clone()),
                        stage: Set(stage.code().to_string()),
                        import_id: Set(batch_id),
                    },
                );
            water_sample::Entity::insert_many(models).exec(&txn).await?;
        }
        let now = now_seconds();
        for (old, value, stage, _) in &changed {
            water_sample_revision::ActiveModel {
                section_id: Set(old.section_id),
                time: Set(old.time),
                parameter: Set(old.parameter.clone()),
                source: Set(old.source.clone()),
                value: Set(old.value.clone()),
                stage: Set(old.stage.clone()),
                import_id: Set(old.import_id),
                replaced_by: Set(batch_id),
                replaced_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let mut active: water_sample::ActiveModel = old.clone().into();
            active.value = Set(value.clone());
            active.stage = Set(stage.code().to_string());
            active.import_id = Set(batch_id);
            active.update(&txn).await?;
        }
        audit::append(
            &txn,
            job.actor,
            "import.water",
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
        report.batch = Some(batch_id);
        Ok(report)
    }

    /// Every registered section with its samples of the month starting on `first`.
    pub async fn water_month(
        &self,
        first: jiff::civil::Date,
    ) -> Result<Vec<(WaterSection, Vec<WaterSample>)>, StoreError> {
        let (from, to) = (
            first.at(0, 0, 0, 0),
            first.last_of_month().at(23, 59, 59, 0),
        );
        let mut out = Vec::new();
        for section in self.water_sections().await? {
            let samples = self.water_samples(&section.name, from, to).await?;
            out.push((section, samples));
        }
        Ok(out)
    }

    /// The stored samples of `section` between `from` and `to` (both included), by time.
    pub async fn water_samples(
        &self,
        section: &str,
        from: DateTime,
        to: DateTime,
    ) -> Result<Vec<WaterSample>, StoreError> {
        let ids = section_ids(&self.db).await?;
        let Some(&sid) = ids.get(section) else {
            return Ok(Vec::new());
        };
        let rows = water_sample::Entity::find()
            .filter(water_sample::Column::SectionId.eq(sid))
            .filter(water_sample::Column::Time.between(to_unix(from)?, to_unix(to)?))
            .order_by_asc(water_sample::Column::Time)
            .order_by_asc(water_sample::Column::Parameter)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|m| {
                let bad = |field: &'static str, value: &str| StoreError::Corrupt {
                    table: "water_sample",
                    id: m.section_id,
                    field,
                    value: value.to_string(),
                };
                Ok(WaterSample {
                    section: section.to_string(),
                    time: from_unix(m.time).ok_or_else(|| bad("time", &m.time.to_string()))?,
                    parameter: m
                        .parameter
                        .parse()
                        .map_err(|_| bad("parameter", &m.parameter))?,
                    value: m
                        .value
                        .parse::<Measurement>()
                        .map_err(|_| bad("value", &m.value))?,
                    source: SampleSource::from_code(&m.source)
                        .ok_or_else(|| bad("source", &m.source))?,
                    stage: DataStage::from_code(&m.stage).ok_or_else(|| bad("stage", &m.stage))?,
                })
            })
            .collect()
    }
}

/// Every field set, the id left for the caller (new row) or set unchanged (update).
fn section_active(row: water_section::Model) -> water_section::ActiveModel {
    water_section::ActiveModel {
        id: sea_orm::NotSet,
        name: Set(row.name),
        water: Set(row.water),
        basin: Set(row.basin),
        body: Set(row.body),
        level: Set(row.level),
        target: Set(row.target),
        district: Set(row.district),
        upstream: Set(row.upstream),
        downstream: Set(row.downstream),
    }
}

async fn section_ids<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, i64>, StoreError> {
    Ok(water_section::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.name, m.id))
        .collect())
}

fn section_from_model(m: water_section::Model) -> Result<WaterSection, StoreError> {
    let bad = |field: &'static str, value: &str| StoreError::Corrupt {
        table: "water_section",
        id: m.id,
        field,
        value: value.to_string(),
    };
    let target = match &m.target {
        None => None,
        Some(t) => Some(t.parse::<WaterClass>().map_err(|_| bad("target", t))?),
    };
    Ok(WaterSection {
        name: m.name.clone(),
        water: m.water.clone(),
        basin: m.basin.clone(),
        body: match m.body.as_str() {
            "river" => WaterBody::River,
            "lake" => WaterBody::LakeReservoir,
            other => return Err(bad("body", other)),
        },
        level: ControlLevel::parse(&m.level).ok_or_else(|| bad("level", &m.level))?,
        target,
        district: m.district.clone(),
        upstream: m.upstream.clone(),
        downstream: m.downstream.clone(),
    })
}
