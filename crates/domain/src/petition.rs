//! 信访 — petitions and complaints: registration, the handling workflow, time limits and
//! repeat detection.
//!
//! The workflow, time limits and repeat window are ecogov rules for issue 8, with the
//! defaults the bureau uses (受理 decided within 15 days of 登记, 办结 within 60 days of 受理).
//! Nothing here reads a clock: the date of evaluation is always a parameter.

mod deadline;

pub use deadline::{Deadline, DeadlineKind, DeadlineStatus, TimeLimits, deadline_status};

use crate::enterprise::{CreditCode, half_width};
use jiff::civil::Date;
use std::fmt;

/// 信访件编号 — a case's identifier, non-empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PetitionId(String);

impl PetitionId {
    /// Wraps an identifier; surrounding white space is removed. `None` when empty.
    pub fn new(text: &str) -> Option<Self> {
        let t = text.trim();
        (!t.is_empty()).then(|| Self(t.to_string()))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PetitionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 信访渠道 — how a case reached the bureau.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    /// 12345热线 — the government service hotline.
    Hotline12345,
    /// 12369热线 — the environmental complaints hotline.
    Hotline12369,
    /// 微信公众号 — the WeChat official account.
    WeChat,
    /// 来信 — a letter.
    Letter,
    /// 来访 — a visit in person.
    Visit,
    /// 其他 — another channel, named (e.g. 领导信箱); may be empty.
    Other(String),
}

impl Channel {
    /// The Chinese label (for [`Channel::Other`] its name, or 其他).
    pub fn label(&self) -> &str {
        match self {
            Self::Hotline12345 => "12345热线",
            Self::Hotline12369 => "12369热线",
            Self::WeChat => "微信公众号",
            Self::Letter => "来信",
            Self::Visit => "来访",
            Self::Other(name) if !name.is_empty() => name,
            Self::Other(_) => "其他",
        }
    }

    /// A stable code for the database and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Hotline12345 => "12345",
            Self::Hotline12369 => "12369",
            Self::WeChat => "wechat",
            Self::Letter => "letter",
            Self::Visit => "visit",
            Self::Other(_) => "other",
        }
    }

    /// Reads a code or a label; anything else is [`Channel::Other`] with the text as its name.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        [
            Self::Hotline12345,
            Self::Hotline12369,
            Self::WeChat,
            Self::Letter,
            Self::Visit,
        ]
        .into_iter()
        .find(|c| c.code() == t || c.label() == t)
        .unwrap_or_else(|| match t {
            "other" | "其他" => Self::Other(String::new()),
            _ => Self::Other(t.to_string()),
        })
    }
}

/// 办理状态 — the state of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetitionState {
    /// 登记 — registered.
    Registered,
    /// 受理 — accepted.
    Accepted,
    /// 办理 — being handled.
    Handling,
    /// 答复 — the petitioner has been answered.
    Replied,
    /// 回访 — the petitioner has been called back.
    FollowedUp,
    /// 办结 — concluded.
    Concluded,
    /// 不予受理 — not accepted.
    Rejected,
}

impl PetitionState {
    /// All states in workflow order.
    pub const ALL: [PetitionState; 7] = [
        Self::Registered,
        Self::Accepted,
        Self::Handling,
        Self::Replied,
        Self::FollowedUp,
        Self::Concluded,
        Self::Rejected,
    ];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => "登记",
            Self::Accepted => "受理",
            Self::Handling => "办理",
            Self::Replied => "答复",
            Self::FollowedUp => "回访",
            Self::Concluded => "办结",
            Self::Rejected => "不予受理",
        }
    }

    /// A stable code for the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Accepted => "accepted",
            Self::Handling => "handling",
            Self::Replied => "replied",
            Self::FollowedUp => "followed_up",
            Self::Concluded => "concluded",
            Self::Rejected => "rejected",
        }
    }

    /// Parses a code or a label.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.code() == t || s.label() == t)
    }

    /// The states a case may move to from this one (ecogov rule): 登记 → 受理 or 不予受理;
    /// 受理 → 办理 → 答复 → 回访 → 办结; none from 办结 or 不予受理.
    pub fn next(self) -> &'static [PetitionState] {
        match self {
            Self::Registered => &[Self::Accepted, Self::Rejected],
            Self::Accepted => &[Self::Handling],
            Self::Handling => &[Self::Replied],
            Self::Replied => &[Self::FollowedUp],
            Self::FollowedUp => &[Self::Concluded],
            Self::Concluded | Self::Rejected => &[],
        }
    }

    /// Whether the case is closed (办结 or 不予受理).
    pub fn is_closed(self) -> bool {
        self.next().is_empty()
    }
}

impl fmt::Display for PetitionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a change to a case is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PetitionError {
    /// The move is not one of [`PetitionState::next`].
    #[error("信访件不能从“{from}”转为“{to}”，可转为：{allowed} (illegal state transition)")]
    IllegalTransition {
        /// The current state.
        from: PetitionState,
        /// The state asked for.
        to: PetitionState,
        /// The states allowed, listed (无 when closed).
        allowed: String,
    },
    /// The date of a step is before the date of the step before it.
    #[error("“{state}”日期 {date} 早于上一步日期 {previous} (date before the previous step)")]
    DateBeforePrevious {
        /// The state entered.
        state: PetitionState,
        /// Its date.
        date: Date,
        /// The date of the previous step.
        previous: Date,
    },
    /// A stored history does not start with 登记 on the registration date.
    #[error("信访件 {0} 的办理记录应以登记开始 (history must start with the registration)")]
    BadHistory(PetitionId),
}

/// Checks a move between states: `Ok(to)` when `to` is one of `from.next()`.
pub fn transition(from: PetitionState, to: PetitionState) -> Result<PetitionState, PetitionError> {
    if from.next().contains(&to) {
        return Ok(to);
    }
    let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
    Err(PetitionError::IllegalTransition {
        from,
        to,
        allowed: if allowed.is_empty() {
            "无".to_string()
        } else {
            allowed.join("、")
        },
    })
}

/// One step of a case's history: the state entered and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateChange {
    /// The state entered.
    pub state: PetitionState,
    /// 日期 — the date it was entered.
    pub on: Date,
}

/// 信访件 — one petition or complaint with its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionCase {
    id: PetitionId,
    channel: Channel,
    enterprise: Option<CreditCode>,
    address: String,
    summary: String,
    history: Vec<StateChange>,
}

impl PetitionCase {
    /// 登记 — registers a case on `registered_on`. `enterprise` is the enterprise complained
    /// about, when known; `address` the place concerned (may be empty).
    pub fn register(
        id: PetitionId,
        channel: Channel,
        registered_on: Date,
        enterprise: Option<CreditCode>,
        address: &str,
        summary: &str,
    ) -> Self {
        Self {
            id,
            channel,
            enterprise,
            address: address.trim().to_string(),
            summary: summary.trim().to_string(),
            history: vec![StateChange {
                state: PetitionState::Registered,
                on: registered_on,
            }],
        }
    }

    /// Rebuilds a stored case from its history (which must start with 登记), replaying every
    /// step through [`PetitionCase::advance`].
    pub fn restore(
        id: PetitionId,
        channel: Channel,
        enterprise: Option<CreditCode>,
        address: &str,
        summary: &str,
        history: &[StateChange],
    ) -> Result<Self, PetitionError> {
        let Some((first, rest)) = history.split_first() else {
            return Err(PetitionError::BadHistory(id));
        };
        if first.state != PetitionState::Registered {
            return Err(PetitionError::BadHistory(id));
        }
        let mut case = Self::register(id, channel, first.on, enterprise, address, summary);
        for step in rest {
            case.advance(step.state, step.on)?;
        }
        Ok(case)
    }

    /// Moves the case to `to` on `on`: refused when the move is illegal ([`transition`]) or
    /// `on` is before the previous step's date.
    pub fn advance(&mut self, to: PetitionState, on: Date) -> Result<(), PetitionError> {
        let last = self.last();
        transition(last.state, to)?;
        if on < last.on {
            return Err(PetitionError::DateBeforePrevious {
                state: to,
                date: on,
                previous: last.on,
            });
        }
        self.history.push(StateChange { state: to, on });
        Ok(())
    }

    fn last(&self) -> StateChange {
        self.history.last().copied().unwrap_or(StateChange {
            state: PetitionState::Registered,
            on: Date::MIN,
        })
    }

    fn date_of(&self, state: PetitionState) -> Option<Date> {
        self.history.iter().find(|s| s.state == state).map(|s| s.on)
    }

    /// 信访件编号.
    pub fn id(&self) -> &PetitionId {
        &self.id
    }

    /// 信访渠道.
    pub fn channel(&self) -> &Channel {
        &self.channel
    }

    /// The enterprise complained about, when known.
    pub fn enterprise(&self) -> Option<&CreditCode> {
        self.enterprise.as_ref()
    }

    /// The address concerned, as written.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// 反映内容 — what the petitioner reports.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// The current state.
    pub fn state(&self) -> PetitionState {
        self.last().state
    }

    /// The history, oldest first (starting with 登记).
    pub fn history(&self) -> &[StateChange] {
        &self.history
    }

    /// 登记日期.
    pub fn registered_on(&self) -> Date {
        self.history.first().map_or(Date::MIN, |s| s.on)
    }

    /// 受理日期, once accepted.
    pub fn accepted_on(&self) -> Option<Date> {
        self.date_of(PetitionState::Accepted)
    }

    /// The date the case was closed (办结 or 不予受理).
    pub fn closed_on(&self) -> Option<Date> {
        let last = self.last();
        last.state.is_closed().then_some(last.on)
    }
}

/// Normalises an address for comparison: full-width forms to half-width, surrounding white
/// space removed, every run of white space collapsed to one space.
pub fn normalize_address(text: &str) -> String {
    text.chars()
        .map(half_width)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// 重复信访检测窗口 — the default window of [`repeats`], in days (ecogov rule).
pub const REPEAT_WINDOW_DAYS: u16 = 90;

/// An earlier case about the same matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatMatch<'a> {
    /// The earlier case.
    pub case: &'a PetitionCase,
    /// Both name the same enterprise (credit code).
    pub same_enterprise: bool,
    /// Both give the same non-empty address after [`normalize_address`].
    pub same_address: bool,
    /// Days from the earlier case's registration to the new one's.
    pub days_before: i32,
}

/// 重复信访 — the cases of `cases` registered on or before `new_case` and at most
/// `window_days` days before it (use [`REPEAT_WINDOW_DAYS`]) that name the same enterprise or
/// the same normalised address; the new case itself (same id) is skipped. Most recent first.
pub fn repeats<'a>(
    cases: &'a [PetitionCase],
    new_case: &PetitionCase,
    window_days: u16,
) -> Vec<RepeatMatch<'a>> {
    let address = normalize_address(new_case.address());
    let mut found: Vec<RepeatMatch<'a>> = cases
        .iter()
        .filter(|c| c.id() != new_case.id())
        .filter_map(|c| {
            let days_before = c
                .registered_on()
                .until(new_case.registered_on())
                .ok()?
                .get_days();
            if days_before < 0 || days_before > i32::from(window_days) {
                return None;
            }
            let same_enterprise =
                new_case.enterprise().is_some() && c.enterprise() == new_case.enterprise();
            let same_address = !address.is_empty() && normalize_address(c.address()) == address;
            (same_enterprise || same_address).then_some(RepeatMatch {
                case: c,
                same_enterprise,
                same_address,
                days_before,
            })
        })
        .collect();
    found.sort_by_key(|m| (m.days_before, m.case.id().clone()));
    found
}

#[cfg(test)]
mod tests;
