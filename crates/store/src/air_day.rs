//! The packed station-day rows of hourly air data, and their codec.
//!
//! One row per station and natural day holds its 24 hours (see `entity::air_day`): a station-year
//! is 365 rows instead of 8,760, which is what makes series loads and hourly imports cheap.

use crate::StoreError;
use crate::entity::air_day;
use ecogov_domain::monitoring::{
    AirHour, DataStage, StationCode, reading_from_text, reading_to_text,
};
use ecogov_standards::air::{HourEnding, Pollutant, Readings};
use jiff::civil::Date;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The six values of an hour in `Pollutant::ALL` order, as stored text (`None` = missing).
pub(crate) type Values = [Option<String>; 6];

/// One stored hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub import_id: i64,
    pub stage: DataStage,
    pub values: Values,
}

/// A station-day: hour 1 … 24 at index 0 … 23.
pub(crate) type Day = [Option<Slot>; 24];

pub(crate) fn values_of(r: &Readings) -> Values {
    Pollutant::ALL.map(|p| reading_to_text(&r.get(p)))
}

/// `YYYYMMDD` of a date.
pub(crate) fn day_key(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

pub(crate) fn key_date(k: i64) -> Option<Date> {
    let (y, m, d) = (k / 10_000, (k / 100) % 100, k % 100);
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

pub(crate) fn encode(day: &Day) -> String {
    let mut out = String::with_capacity(24 * 32);
    for (i, slot) in day.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(s) = slot {
            out.push_str(&s.import_id.to_string());
            out.push('|');
            out.push(match s.stage {
                DataStage::RealTime => 'r',
                DataStage::Audited => 'a',
            });
            out.push('|');
            for (j, v) in s.values.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                if let Some(v) = v {
                    out.push_str(v);
                }
            }
        }
    }
    out
}

pub(crate) fn decode(text: &str) -> Option<Day> {
    let mut day: Day = Default::default();
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() != 24 {
        return None;
    }
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '|');
        let import_id = parts.next()?.parse().ok()?;
        let stage = match parts.next()? {
            "r" => DataStage::RealTime,
            "a" => DataStage::Audited,
            _ => return None,
        };
        let fields: Vec<&str> = parts.next()?.split(',').collect();
        if fields.len() != 6 {
            return None;
        }
        let values: Values = std::array::from_fn(|k| {
            Some(fields[k])
                .filter(|f| !f.is_empty())
                .map(str::to_string)
        });
        day[i] = Some(Slot {
            import_id,
            stage,
            values,
        });
    }
    Some(day)
}

/// The hours of a decoded day as domain values.
pub(crate) fn hours_of(code: &StationCode, date: Date, day: &Day) -> Result<Vec<AirHour>, String> {
    let mut out = Vec::new();
    for (i, slot) in day.iter().enumerate() {
        let Some(s) = slot else { continue };
        let h = i8::try_from(i + 1).map_err(|e| e.to_string())?;
        let hour = HourEnding::new(date, h).map_err(|e| e.to_string())?;
        let mut readings = Readings::default();
        for (p, v) in Pollutant::ALL.into_iter().zip(&s.values) {
            readings.set(
                p,
                reading_from_text(p, v.as_deref()).map_err(|e| e.to_string())?,
            );
        }
        out.push(AirHour {
            station: code.clone(),
            hour,
            readings,
            stage: s.stage,
        });
    }
    Ok(out)
}

fn corrupt(sid: i64, day: i64, text: &str) -> StoreError {
    StoreError::Corrupt {
        table: "air_day",
        id: sid * 100_000_000 + day,
        field: "hours",
        value: text.chars().take(80).collect(),
    }
}

/// The stored days of `stations` from `first` to `last` (keys `YYYYMMDD`, both included), by
/// station then day.
pub(crate) async fn load<C: ConnectionTrait>(
    db: &C,
    stations: &[i64],
    first: i64,
    last: i64,
) -> Result<Vec<(i64, i64, Day)>, StoreError> {
    let mut out = Vec::new();
    for chunk in stations.chunks(500) {
        let rows = air_day::Entity::find()
            .filter(air_day::Column::StationId.is_in(chunk.iter().copied()))
            .filter(air_day::Column::Day.between(first, last))
            .order_by_asc(air_day::Column::StationId)
            .order_by_asc(air_day::Column::Day)
            .all(db)
            .await?;
        for r in rows {
            let day = decode(&r.hours).ok_or_else(|| corrupt(r.station_id, r.day, &r.hours))?;
            out.push((r.station_id, r.day, day));
        }
    }
    Ok(out)
}

/// Writes days (insert, or replace the stored text), 300 rows per statement.
pub(crate) async fn save<C: ConnectionTrait>(
    db: &C,
    days: &HashMap<(i64, i64), Day>,
    keys: &[(i64, i64)],
) -> Result<(), StoreError> {
    for chunk in keys.chunks(300) {
        let mut insert = Query::insert();
        insert
            .into_table(air_day::Entity)
            .columns([
                air_day::Column::StationId,
                air_day::Column::Day,
                air_day::Column::Hours,
            ])
            .on_conflict(
                OnConflict::columns([air_day::Column::StationId, air_day::Column::Day])
                    .update_column(air_day::Column::Hours)
                    .to_owned(),
            );
        let mut any = false;
        for key in chunk {
            let Some(day) = days.get(key) else { continue };
            insert
                .values([key.0.into(), key.1.into(), encode(day).into()])
                .map_err(|e| StoreError::Rejected(e.to_string()))?;
            any = true;
        }
        if any {
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_text() {
        let mut day: Day = Default::default();
        day[0] = Some(Slot {
            import_id: 7,
            stage: DataStage::RealTime,
            values: [
                Some("5".into()),
                None,
                Some("0.7".into()),
                Some("/".into()),
                None,
                Some("35".into()),
            ],
        });
        day[23] = Some(Slot {
            import_id: 8,
            stage: DataStage::Audited,
            values: Default::default(),
        });
        let text = encode(&day);
        assert_eq!(decode(&text), Some(day));
        assert_eq!(decode("x"), None);
        assert_eq!(
            key_date(day_key(Date::constant(2023, 1, 31))),
            Some(Date::constant(2023, 1, 31))
        );
    }
}
