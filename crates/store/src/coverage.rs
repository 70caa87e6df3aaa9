//! 数据覆盖 — how many station-hours are stored, per station and month.

use crate::air_day::{self, day_key, key_date};
use crate::entity::{air_day as air_day_entity, air_station, import_batch};
use crate::{Store, StoreError};
use ecogov_domain::monitoring::StationCode;
use jiff::civil::Date;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use std::collections::{BTreeMap, HashMap};

/// One station's stored hours in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCoverage {
    /// The station.
    pub station: StationCode,
    /// The month's first day.
    pub month: Date,
    /// Station-hours stored with at least one value (hours with every pollutant missing are
    /// stored, but not counted).
    pub hours: u32,
    /// Hours in the month (24 × days).
    pub expected: u32,
}

impl Store {
    /// Whether any stored data came from the synthetic generator (模拟数据), which pages must say.
    pub async fn has_synthetic_data(&self) -> Result<bool, StoreError> {
        let n = import_batch::Entity::find()
            .filter(import_batch::Column::Kind.eq("synthetic"))
            .count(&self.db)
            .await?;
        Ok(n > 0)
    }

    /// Stored station-hours per station and month (natural days, hour-ending), months in order.
    pub async fn air_coverage(&self) -> Result<Vec<MonthCoverage>, StoreError> {
        let span: Option<(Option<i64>, Option<i64>)> = air_day_entity::Entity::find()
            .select_only()
            .column_as(air_day_entity::Column::Day.min(), "lo")
            .column_as(air_day_entity::Column::Day.max(), "hi")
            .into_tuple()
            .one(&self.db)
            .await?;
        let Some((Some(lo), Some(hi))) = span else {
            return Ok(Vec::new());
        };
        let (Some(first), Some(last)) = (key_date(lo), key_date(hi)) else {
            return Ok(Vec::new());
        };
        let codes: HashMap<i64, String> = air_station::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.code))
            .collect();
        let mut sids: Vec<i64> = codes.keys().copied().collect();
        sids.sort();
        let mut out = Vec::new();
        let mut month = first.first_of_month();
        while month <= last {
            let end = month.last_of_month();
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            for (sid, _, day) in
                air_day::load(&self.db, &sids, day_key(month), day_key(end)).await?
            {
                let valid = day
                    .iter()
                    .flatten()
                    .filter(|s| s.values.iter().any(Option::is_some))
                    .count();
                if valid == 0 {
                    continue;
                }
                if let Some(code) = codes.get(&sid) {
                    *counts.entry(code.clone()).or_default() += u32::try_from(valid).unwrap_or(0);
                }
            }
            let expected = u32::try_from(end.day()).unwrap_or(0) * 24;
            for (code, hours) in counts {
                if let Ok(station) = StationCode::parse(&code) {
                    out.push(MonthCoverage {
                        station,
                        month,
                        hours,
                        expected,
                    });
                }
            }
            month = match month.checked_add(jiff::Span::new().months(1)) {
                Ok(m) => m,
                Err(_) => break,
            };
        }
        Ok(out)
    }
}
