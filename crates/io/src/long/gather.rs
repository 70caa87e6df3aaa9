//! The rows of the long form gathered into station-hours, for the CSV and the workbook readers.

use std::collections::HashMap;

use ecogov_domain::monitoring::{AirHour, DataStage, StationCode};
use ecogov_standards::air::{HourEnding, Reading, Readings};

use super::fields::{self, Flag};
use super::table::Record;
use crate::error::RowErrorKind;

/// The columns of the long form, in header order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// `station` — 监测点编码.
    Station,
    /// `time` — the hour label.
    Time,
    /// `pollutant`.
    Pollutant,
    /// `value`.
    Value,
    /// `flag` — 数据标识.
    Flag,
    /// `stage` (optional) — 数据状态.
    Stage,
}

/// Accepted names of each column (compared case-insensitively).
const NAMES: [(Column, &[&str]); 6] = [
    (Column::Station, &["station", "监测点编码", "站点编码"]),
    (Column::Time, &["time", "监测时间", "时间"]),
    (Column::Pollutant, &["pollutant", "污染物", "监测项目"]),
    (Column::Value, &["value", "监测值", "浓度"]),
    (Column::Flag, &["flag", "数据标识", "标识"]),
    (Column::Stage, &["stage", "数据状态"]),
];

/// Where each column of the long form is in a header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    positions: [Option<usize>; 6],
}

impl Columns {
    /// Finds the columns; `Err` names the first required column missing.
    pub(crate) fn from_header<S: AsRef<str>>(header: &[S]) -> Result<Columns, &'static str> {
        let mut positions = [None; 6];
        for (slot, (column, names)) in positions.iter_mut().zip(NAMES) {
            *slot = header.iter().position(|h| {
                let h = h.as_ref().trim();
                names.iter().any(|n| n.eq_ignore_ascii_case(h))
            });
            if slot.is_none() && column != Column::Stage {
                return Err(names[0]);
            }
        }
        Ok(Columns { positions })
    }

    /// Position of `column` in the row (`None` only for an absent `stage`).
    pub(crate) fn position(&self, column: Column) -> Option<usize> {
        self.positions[column as usize]
    }
}

/// The text of the fields of one row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    pub station: &'a str,
    pub time: &'a str,
    pub pollutant: &'a str,
    pub value: &'a str,
    pub flag: &'a str,
    pub stage: &'a str,
}

struct Slot {
    line: u64,
    hour: AirHour,
    /// Line of each pollutant's row, 0 when none yet.
    lines: [u64; 6],
    /// A row of this station-hour was refused: the station-hour is not handed out.
    spoiled: bool,
}

/// Station-hours in the order of their first row.
#[derive(Default)]
pub(crate) struct Gatherer {
    index: HashMap<(StationCode, HourEnding), usize>,
    slots: Vec<Slot>,
}

impl Gatherer {
    /// Adds one row whose fields `text` gives by column (a CSV line or a worksheet row).
    pub(crate) fn add_fields(
        &mut self,
        line: u64,
        text: impl Fn(Column) -> String,
    ) -> Result<(), (Column, RowErrorKind)> {
        let (station, time, pollutant) = (
            text(Column::Station),
            text(Column::Time),
            text(Column::Pollutant),
        );
        let (value, flag, stage) = (text(Column::Value), text(Column::Flag), text(Column::Stage));
        let row = Row {
            station: &station,
            time: &time,
            pollutant: &pollutant,
            value: &value,
            flag: &flag,
            stage: &stage,
        };
        self.add(line, row)
    }

    /// Adds one row; on error names the column at fault. A refused row whose station and hour
    /// are readable withholds that whole station-hour (a value is never silently replaced by
    /// "missing"); a repeated pollutant row is refused but leaves the first one standing.
    pub(crate) fn add(&mut self, line: u64, row: Row<'_>) -> Result<(), (Column, RowErrorKind)> {
        let station = fields::station(row.station).map_err(|k| (Column::Station, k))?;
        let time = fields::date_time(row.time, true, "YYYY-MM-DD HH:MM")
            .and_then(|t| fields::hour_label(t, row.time))
            .map_err(|k| (Column::Time, k))?;
        let key = (station, time);
        // A repeated row is refused before its value is read, so that it never withholds the
        // station-hour of the first row.
        if let (Some(&i), Some(p)) = (self.index.get(&key), fields::pollutant(row.pollutant)) {
            let first_line = self.slots[i].lines[p.index()];
            if first_line != 0 {
                return Err((Column::Pollutant, RowErrorKind::Duplicate { first_line }));
            }
        }
        let parsed = parse_rest(row);
        let slot = match self.index.get(&key) {
            Some(&i) => &mut self.slots[i],
            None => {
                let stage = parsed.as_ref().map_or(DataStage::RealTime, |p| p.2);
                self.index.insert(key.clone(), self.slots.len());
                self.slots.push(Slot {
                    line,
                    hour: AirHour {
                        station: key.0,
                        hour: key.1,
                        readings: Readings::default(),
                        stage,
                    },
                    lines: [0; 6],
                    spoiled: false,
                });
                let last = self.slots.len() - 1;
                &mut self.slots[last]
            }
        };
        let (pollutant, reading, stage) = match parsed {
            Ok(p) => p,
            Err(e) => {
                slot.spoiled = true;
                return Err(e);
            }
        };
        if stage != slot.hour.stage {
            slot.spoiled = true;
            return Err((
                Column::Stage,
                RowErrorKind::OutOfRange {
                    text: stage.code().to_owned(),
                    allowed: "同一站点同一小时的各行须为同一数据状态 (all rows of one station-hour must have the same stage)",
                },
            ));
        }
        slot.lines[pollutant.index()] = line;
        slot.hour.readings.set(pollutant, reading);
        Ok(())
    }

    /// The station-hours with no refused row, in the order of their first row.
    pub(crate) fn finish(self) -> Vec<Record<AirHour>> {
        self.slots
            .into_iter()
            .filter(|s| !s.spoiled)
            .map(|s| Record {
                line: s.line,
                value: s.hour,
            })
            .collect()
    }
}

type Parsed = (ecogov_standards::air::Pollutant, Reading, DataStage);

/// Pollutant, reading and stage of a row. The value of an `invalid` or `notinplan` row is not
/// read: the flag says what to store.
fn parse_rest(row: Row<'_>) -> Result<Parsed, (Column, RowErrorKind)> {
    let pollutant = fields::pollutant(row.pollutant).ok_or_else(|| {
        let text = row.pollutant.trim().to_owned();
        let kind = if text.is_empty() {
            RowErrorKind::Blank
        } else {
            RowErrorKind::UnknownPollutant { text }
        };
        (Column::Pollutant, kind)
    })?;
    let stage = fields::stage(row.stage, DataStage::RealTime).map_err(|k| (Column::Stage, k))?;
    let flag = fields::flag(row.flag).map_err(|k| (Column::Flag, k))?;
    let reading = match flag {
        Flag::Valid => fields::reading(pollutant, row.value).map_err(|k| (Column::Value, k))?,
        Flag::Invalid => Reading::Missing,
        Flag::NotInPlan => Reading::NotInPlan,
    };
    Ok((pollutant, reading, stage))
}
