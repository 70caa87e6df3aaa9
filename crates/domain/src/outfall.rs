//! 入河排污口 — the ledger of outfalls into rivers and their rectification (排查 → 整治 →
//! 验收 → 销号), with each outfall's own measures (一口一策).
//!
//! The workflow is an ecogov rule for issue 8; [`count_closed`] feeds the plan's deliverable of
//! outfalls to be closed (销号).

use jiff::civil::Date;
use std::fmt;

/// 排污口编码 — an outfall's code in the ledger: non-empty, without white space.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutfallCode(String);

impl OutfallCode {
    /// Wraps a code; surrounding white space is removed. `None` when empty or when it contains
    /// white space.
    pub fn new(text: &str) -> Option<Self> {
        let t = text.trim();
        (!t.is_empty() && !t.chars().any(char::is_whitespace)).then(|| Self(t.to_string()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OutfallCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 排污口状态 — where an outfall stands in its rectification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutfallState {
    /// 排查 — identified by the survey.
    Identified,
    /// 整治中 — being rectified.
    Rectifying,
    /// 已整治 — rectification finished, awaiting acceptance.
    Rectified,
    /// 验收 — accepted on inspection.
    Accepted,
    /// 销号 — closed in the ledger.
    Closed,
}

impl OutfallState {
    /// All states in workflow order.
    pub const ALL: [OutfallState; 5] = [
        Self::Identified,
        Self::Rectifying,
        Self::Rectified,
        Self::Accepted,
        Self::Closed,
    ];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Identified => "排查",
            Self::Rectifying => "整治中",
            Self::Rectified => "已整治",
            Self::Accepted => "验收",
            Self::Closed => "销号",
        }
    }

    /// A stable code for the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Identified => "identified",
            Self::Rectifying => "rectifying",
            Self::Rectified => "rectified",
            Self::Accepted => "accepted",
            Self::Closed => "closed",
        }
    }

    /// Parses a code or a label.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.code() == t || s.label() == t)
    }

    /// The states an outfall may move to (ecogov rule): one step forward, never skipping;
    /// from 验收 also back to 整治中 (退回整治, with a reason); none from 销号.
    pub fn next(self) -> &'static [OutfallState] {
        match self {
            Self::Identified => &[Self::Rectifying],
            Self::Rectifying => &[Self::Rectified],
            Self::Rectified => &[Self::Accepted],
            Self::Accepted => &[Self::Closed, Self::Rectifying],
            Self::Closed => &[],
        }
    }
}

impl fmt::Display for OutfallState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a ledger change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutfallError {
    /// A required field is empty (or the code contains white space).
    #[error("排污口{field}不能为空 (outfall {field} must not be empty)")]
    Empty {
        /// The field: 编码, 名称, 受纳水体 or 措施.
        field: &'static str,
    },
    /// The move is not one of [`OutfallState::next`].
    #[error("排污口 {code} 不能从“{from}”转为“{to}”，可转为：{allowed} (illegal state transition)")]
    IllegalTransition {
        /// The outfall.
        code: String,
        /// The current state.
        from: OutfallState,
        /// The state asked for.
        to: OutfallState,
        /// The states allowed, listed (无 when closed).
        allowed: String,
    },
    /// Returning from 验收 to 整治中 without a reason.
    #[error("排污口 {0} 验收退回整治须写明原因 (a return from acceptance needs a reason)")]
    ReturnWithoutReason(String),
    /// Starting rectification without any 一口一策 measure.
    #[error("排污口 {0} 尚未制定一口一策整治措施，不能开始整治 (no measures planned)")]
    NoMeasures(String),
    /// Declaring rectification finished while measures are open.
    #[error("排污口 {code} 尚有 {open} 项整治措施未完成，不能标记为已整治 (measures still open)")]
    MeasuresOpen {
        /// The outfall.
        code: String,
        /// Measures not done.
        open: usize,
    },
    /// No measure at this position.
    #[error("排污口 {code} 没有第 {index} 项整治措施 (no such measure)")]
    UnknownMeasure {
        /// The outfall.
        code: String,
        /// The 1-based position asked for.
        index: usize,
    },
    /// A date before the previous step's.
    #[error(
        "排污口 {code} “{state}”日期 {date} 早于上一步日期 {previous} (date before the previous step)"
    )]
    DateBeforePrevious {
        /// The outfall.
        code: String,
        /// The state entered.
        state: OutfallState,
        /// Its date.
        date: Date,
        /// The previous step's date.
        previous: Date,
    },
}

/// 整治措施 — one measure of the outfall's own plan (一口一策).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// What is to be done.
    pub text: String,
    /// 完成日期 — when it was done, once done.
    pub done_on: Option<Date>,
}

/// One change of state in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutfallChange {
    /// The state left.
    pub from: OutfallState,
    /// The state entered.
    pub to: OutfallState,
    /// 日期.
    pub on: Date,
    /// 原因/说明 — required when returned from 验收 to 整治中.
    pub reason: Option<String>,
}

/// 入河排污口台账条目 — one outfall in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outfall {
    code: OutfallCode,
    name: String,
    receiving_water: String,
    state: OutfallState,
    measures: Vec<Measure>,
    history: Vec<OutfallChange>,
}

impl Outfall {
    /// A newly surveyed outfall (排查): code, name and receiving water are required.
    pub fn new(code: &str, name: &str, receiving_water: &str) -> Result<Self, OutfallError> {
        let code = OutfallCode::new(code).ok_or(OutfallError::Empty { field: "编码" })?;
        let text = |t: &str, field| {
            let t = t.trim();
            if t.is_empty() {
                Err(OutfallError::Empty { field })
            } else {
                Ok(t.to_string())
            }
        };
        Ok(Self {
            code,
            name: text(name, "名称")?,
            receiving_water: text(receiving_water, "受纳水体")?,
            state: OutfallState::Identified,
            measures: Vec::new(),
            history: Vec::new(),
        })
    }

    /// Rebuilds a stored entry: its measures as stored and its history replayed step by step
    /// (legal moves, dates in order, reasons on returns). The measure conditions of
    /// [`Outfall::advance`] are not re-checked, as measures may have been added since.
    pub fn restore(
        code: &str,
        name: &str,
        receiving_water: &str,
        measures: Vec<Measure>,
        history: &[OutfallChange],
    ) -> Result<Self, OutfallError> {
        let mut o = Self::new(code, name, receiving_water)?;
        o.measures = measures;
        for step in history {
            if step.from != o.state {
                return Err(o.illegal(step.to));
            }
            o.apply(step.to, step.on, step.reason.as_deref())?;
        }
        Ok(o)
    }

    /// 添加整治措施 — adds a measure to the outfall's plan.
    pub fn add_measure(&mut self, text: &str) -> Result<(), OutfallError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(OutfallError::Empty { field: "措施" });
        }
        self.measures.push(Measure {
            text: t.to_string(),
            done_on: None,
        });
        Ok(())
    }

    /// Marks measure `index` (1-based, as listed) done on `on`.
    pub fn complete_measure(&mut self, index: usize, on: Date) -> Result<(), OutfallError> {
        let code = self.code.to_string();
        let m = index
            .checked_sub(1)
            .and_then(|i| self.measures.get_mut(i))
            .ok_or(OutfallError::UnknownMeasure { code, index })?;
        m.done_on = Some(on);
        Ok(())
    }

    /// Moves the outfall to `to` on `on` (ecogov rules): the move must be one of
    /// [`OutfallState::next`]; a return from 验收 to 整治中 needs a reason; 整治中 needs at least
    /// one measure (一口一策); 已整治 needs every measure done; dates never go backwards.
    /// `reason` may accompany any move.
    pub fn advance(
        &mut self,
        to: OutfallState,
        on: Date,
        reason: Option<&str>,
    ) -> Result<(), OutfallError> {
        let code = self.code.to_string();
        if self.state.next().contains(&to) {
            if to == OutfallState::Rectifying && self.measures.is_empty() {
                return Err(OutfallError::NoMeasures(code));
            }
            let open = self.measures.iter().filter(|m| m.done_on.is_none()).count();
            if to == OutfallState::Rectified && open > 0 {
                return Err(OutfallError::MeasuresOpen { code, open });
            }
        }
        self.apply(to, on, reason)
    }

    fn illegal(&self, to: OutfallState) -> OutfallError {
        let allowed: Vec<&str> = self.state.next().iter().map(|s| s.label()).collect();
        OutfallError::IllegalTransition {
            code: self.code.to_string(),
            from: self.state,
            to,
            allowed: if allowed.is_empty() {
                "无".to_string()
            } else {
                allowed.join("、")
            },
        }
    }

    fn apply(
        &mut self,
        to: OutfallState,
        on: Date,
        reason: Option<&str>,
    ) -> Result<(), OutfallError> {
        if !self.state.next().contains(&to) {
            return Err(self.illegal(to));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if self.state == OutfallState::Accepted
            && to == OutfallState::Rectifying
            && reason.is_none()
        {
            return Err(OutfallError::ReturnWithoutReason(self.code.to_string()));
        }
        if let Some(last) = self.history.last()
            && on < last.on
        {
            return Err(OutfallError::DateBeforePrevious {
                code: self.code.to_string(),
                state: to,
                date: on,
                previous: last.on,
            });
        }
        self.history.push(OutfallChange {
            from: self.state,
            to,
            on,
            reason: reason.map(str::to_string),
        });
        self.state = to;
        Ok(())
    }

    /// 排污口编码.
    pub fn code(&self) -> &OutfallCode {
        &self.code
    }

    /// 排污口名称.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// 受纳水体 — the receiving water.
    pub fn receiving_water(&self) -> &str {
        &self.receiving_water
    }

    /// The current state.
    pub fn state(&self) -> OutfallState {
        self.state
    }

    /// 一口一策 — the measures, in the order added.
    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    /// The changes of state, oldest first.
    pub fn history(&self) -> &[OutfallChange] {
        &self.history
    }

    /// 销号日期, once closed.
    pub fn closed_on(&self) -> Option<Date> {
        (self.state == OutfallState::Closed)
            .then(|| self.history.last().map(|c| c.on))
            .flatten()
    }
}

/// 已销号数量 — how many outfalls of the ledger are closed (销号).
pub fn count_closed(outfalls: &[Outfall]) -> usize {
    outfalls
        .iter()
        .filter(|o| o.state == OutfallState::Closed)
        .count()
}

#[cfg(test)]
mod tests;
