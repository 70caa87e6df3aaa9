//! 数据覆盖 — how many station-hours are stored, per station and month.

use crate::entity::{air_hour, air_station, import_batch};
use crate::{Store, StoreError};
use ecogov_domain::monitoring::{StationCode, hour_from_unix, hour_to_unix};
use ecogov_standards::air::HourEnding;
use jiff::civil::Date;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// One station's stored hours in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCoverage {
    /// The station.
    pub station: StationCode,
    /// The month's first day.
    pub month: Date,
    /// Station-hours stored with at least one value (rows with every pollutant missing are
    /// stored, but not counted).
    pub hours: u32,
    /// Hours in the month (24 × days).
    pub expected: u32,
}

fn bound(h: Result<HourEnding, ecogov_standards::air::AirError>) -> Result<i64, StoreError> {
    h.and_then(hour_to_unix)
        .map_err(|e| StoreError::Rejected(e.to_string()))
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
        let span: Option<(Option<i64>, Option<i64>)> = air_hour::Entity::find()
            .select_only()
            .column_as(air_hour::Column::HourEnd.min(), "lo")
            .column_as(air_hour::Column::HourEnd.max(), "hi")
            .into_tuple()
            .one(&self.db)
            .await?;
        let Some((Some(lo), Some(hi))) = span else {
            return Ok(Vec::new());
        };
        let first = hour_from_unix(lo)
            .map_err(|e| StoreError::Rejected(e.to_string()))?
            .natural_day()
            .first_of_month();
        let last = hour_from_unix(hi)
            .map_err(|e| StoreError::Rejected(e.to_string()))?
            .natural_day()
            .first_of_month();
        let codes: HashMap<i64, String> = air_station::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.code))
            .collect();
        let mut out = Vec::new();
        let mut month = first;
        while month <= last {
            let end = month.last_of_month();
            let a = bound(HourEnding::new(month, 1))?;
            let b = bound(HourEnding::new(end, 24))?;
            let counts: Vec<(i64, i64)> = air_hour::Entity::find()
                .select_only()
                .column(air_hour::Column::StationId)
                .column_as(air_hour::Column::HourEnd.count(), "n")
                .filter(air_hour::Column::HourEnd.between(a, b))
                .filter(
                    Condition::any()
                        .add(air_hour::Column::So2.is_not_null())
                        .add(air_hour::Column::No2.is_not_null())
                        .add(air_hour::Column::Co.is_not_null())
                        .add(air_hour::Column::O3.is_not_null())
                        .add(air_hour::Column::Pm10.is_not_null())
                        .add(air_hour::Column::Pm25.is_not_null()),
                )
                .group_by(air_hour::Column::StationId)
                .into_tuple()
                .all(&self.db)
                .await?;
            let expected = u32::try_from(end.day()).unwrap_or(0) * 24;
            let mut rows: Vec<MonthCoverage> = counts
                .into_iter()
                .filter_map(|(sid, n)| {
                    let code = StationCode::parse(codes.get(&sid)?).ok()?;
                    Some(MonthCoverage {
                        station: code,
                        month,
                        hours: u32::try_from(n).unwrap_or(u32::MAX),
                        expected,
                    })
                })
                .collect();
            rows.sort_by(|x, y| x.station.cmp(&y.station));
            out.extend(rows);
            month = match month.checked_add(jiff::Span::new().months(1)) {
                Ok(m) => m,
                Err(_) => break,
            };
        }
        Ok(out)
    }
}
