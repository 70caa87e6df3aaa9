//! 预警发布、调整与解除 — the lifecycle of one warning: 发布 (issue), 升级 (upgrade), 降级
//! (downgrade), 解除 (lift), each recorded with its date and reason.
//!
//! The step is mechanical: the level comes from [`super::assess`] (or from the bureau's decision)
//! and the reason is required for every step, so that each change of a warning can be traced to
//! the forecast or decision that caused it. A step that keeps the level records no event.

use super::WarningError;
use super::condition::Level;
use jiff::civil::Date;

/// 预警状态 — whether a warning is in force, and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WarningState {
    /// 无预警 — no warning in force.
    #[default]
    Inactive,
    /// 预警中 — a warning in force.
    Active {
        /// The level in force.
        level: Level,
        /// 发布日期 — the day the warning was issued.
        issued_on: Date,
        /// The day of the last issue, upgrade or downgrade.
        changed_on: Date,
    },
}

impl WarningState {
    /// The level in force, if any.
    pub fn level(&self) -> Option<Level> {
        match self {
            Self::Inactive => None,
            Self::Active { level, .. } => Some(*level),
        }
    }
}

/// 事件类别 — what a step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// 发布 — a warning issued where none was in force.
    Issue,
    /// 升级 — the level raised.
    Upgrade,
    /// 降级 — the level lowered.
    Downgrade,
    /// 解除 — the warning lifted.
    Lift,
}

impl EventKind {
    /// The Chinese word (`发布`, `升级`, `降级`, `解除`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Issue => "发布",
            Self::Upgrade => "升级",
            Self::Downgrade => "降级",
            Self::Lift => "解除",
        }
    }

    /// A stable code for the database (`issue`, `upgrade`, `downgrade`, `lift`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Issue => "issue",
            Self::Upgrade => "upgrade",
            Self::Downgrade => "downgrade",
            Self::Lift => "lift",
        }
    }
}

/// 预警事件 — one recorded change of the warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningEvent {
    /// What happened.
    pub kind: EventKind,
    /// The day it took effect.
    pub date: Date,
    /// The level before (`None` for 发布).
    pub from: Option<Level>,
    /// The level after (`None` for 解除).
    pub to: Option<Level>,
    /// 理由 — why (never empty).
    pub reason: String,
}

impl WarningEvent {
    /// One line for a bulletin: `2023-12-01 发布橙色预警：理由`, `2023-12-04 橙色预警升级为红色预警：理由`.
    pub fn summary(&self) -> String {
        let what = match (self.kind, self.from, self.to) {
            (EventKind::Issue, _, Some(to)) => format!("发布{to}"),
            (EventKind::Lift, Some(from), _) => format!("解除{from}"),
            (kind, Some(from), Some(to)) => format!("{from}{}为{to}", kind.label()),
            (kind, _, _) => kind.label().to_string(),
        };
        format!("{} {what}：{}", self.date, self.reason)
    }
}

/// The outcome of [`step`]: the new state and the event, if the level changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The state after the step.
    pub state: WarningState,
    /// The change recorded, or `None` when the level stays as it was.
    pub event: Option<WarningEvent>,
}

/// Moves a warning from `current` to `new_level` (`None` = no warning) on `date`, for `reason`.
///
/// | current | new | event |
/// |---|---|---|
/// | none | level | 发布 |
/// | level | higher | 升级 |
/// | level | lower | 降级 |
/// | level | none | 解除 |
/// | same | same | none |
///
/// Refuses an empty reason (required for every step, so that an automated review that keeps the
/// level still states what it looked at) and a date before the warning's last change.
pub fn step(
    current: &WarningState,
    new_level: Option<Level>,
    date: Date,
    reason: &str,
) -> Result<Step, WarningError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(WarningError::ReasonRequired);
    }
    if let WarningState::Active { changed_on, .. } = current
        && date < *changed_on
    {
        return Err(WarningError::DateBeforeLastChange {
            date,
            last: *changed_on,
        });
    }
    let from = current.level();
    let kind = match (from, new_level) {
        (None, None) => None,
        (None, Some(_)) => Some(EventKind::Issue),
        (Some(_), None) => Some(EventKind::Lift),
        (Some(a), Some(b)) if b > a => Some(EventKind::Upgrade),
        (Some(a), Some(b)) if b < a => Some(EventKind::Downgrade),
        (Some(_), Some(_)) => None,
    };
    let Some(kind) = kind else {
        return Ok(Step {
            state: *current,
            event: None,
        });
    };
    let state = match new_level {
        None => WarningState::Inactive,
        Some(level) => WarningState::Active {
            level,
            issued_on: match current {
                WarningState::Active { issued_on, .. } => *issued_on,
                WarningState::Inactive => date,
            },
            changed_on: date,
        },
    };
    Ok(Step {
        state,
        event: Some(WarningEvent {
            kind,
            date,
            from,
            to: new_level,
            reason: reason.to_string(),
        }),
    })
}

/// 预警记录 — a warning's state and every event so far, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WarningLog {
    state: WarningState,
    events: Vec<WarningEvent>,
}

impl WarningLog {
    /// An empty log, no warning in force.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies [`step`] and records the event, if any; returns it.
    pub fn record(
        &mut self,
        new_level: Option<Level>,
        date: Date,
        reason: &str,
    ) -> Result<Option<&WarningEvent>, WarningError> {
        let Step { state, event } = step(&self.state, new_level, date, reason)?;
        self.state = state;
        Ok(match event {
            Some(e) => {
                self.events.push(e);
                self.events.last()
            }
            None => None,
        })
    }

    /// The current state.
    pub fn state(&self) -> WarningState {
        self.state
    }

    /// The events, oldest first.
    pub fn events(&self) -> &[WarningEvent] {
        &self.events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn each_transition() {
        let d1 = date(2023, 12, 1);
        let d2 = date(2023, 12, 2);
        let issued = step(&WarningState::Inactive, Some(Level::Yellow), d1, "r").expect("ok");
        assert_eq!(
            issued.event.as_ref().map(|e| e.kind),
            Some(EventKind::Issue)
        );
        let up = step(&issued.state, Some(Level::Red), d2, "r").expect("ok");
        assert_eq!(up.event.as_ref().map(|e| e.kind), Some(EventKind::Upgrade));
        assert_eq!(
            up.state,
            WarningState::Active {
                level: Level::Red,
                issued_on: d1,
                changed_on: d2
            }
        );
        let down = step(&up.state, Some(Level::Orange), d2, "r").expect("ok");
        assert_eq!(down.event.map(|e| e.kind), Some(EventKind::Downgrade));
        let same = step(&down.state, Some(Level::Orange), d2, "r").expect("ok");
        assert_eq!(same.event, None);
        assert_eq!(same.state, down.state);
        let lift = step(&same.state, None, d2, "r").expect("ok");
        assert_eq!(lift.event.map(|e| e.kind), Some(EventKind::Lift));
        assert_eq!(lift.state, WarningState::Inactive);
        let idle = step(&WarningState::Inactive, None, d2, "r").expect("ok");
        assert_eq!(idle.event, None);
    }

    #[test]
    fn refusals() {
        let d = date(2023, 12, 5);
        assert_eq!(
            step(&WarningState::Inactive, Some(Level::Red), d, "  "),
            Err(WarningError::ReasonRequired)
        );
        let active = WarningState::Active {
            level: Level::Red,
            issued_on: d,
            changed_on: d,
        };
        assert_eq!(
            step(&active, None, date(2023, 12, 4), "r"),
            Err(WarningError::DateBeforeLastChange {
                date: date(2023, 12, 4),
                last: d
            })
        );
    }
}
