//! 记录计数 — indicators counted from records: 辐射放射源安全处置率 from each source's disposal,
//! 核与辐射安全事故 from each accident.

use super::{Evaluation, Year};
use crate::target::{Comparator, RecordRule, TargetIndicator};
use crate::target_tracking::TrackStatus;
use rust_decimal::Decimal;

/// 记录结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordOutcome {
    /// 已安全处置.
    Safe,
    /// 未安全处置 — concluded without safe disposal.
    Unsafe,
    /// 待处置 — registered, not yet concluded (not counted in a ratio).
    Pending,
    /// 已发生 — an event that happened (an accident).
    Occurred,
}

impl RecordOutcome {
    /// Every outcome.
    pub const ALL: [RecordOutcome; 4] = [Self::Safe, Self::Unsafe, Self::Pending, Self::Occurred];

    /// The code used on the command line and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::Pending => "pending",
            Self::Occurred => "occurred",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code.trim())
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Safe => "已安全处置",
            Self::Unsafe => "未安全处置",
            Self::Pending => "待处置",
            Self::Occurred => "已发生",
        }
    }

    /// Whether this outcome belongs to records counted by `rule`.
    pub fn fits(self, rule: RecordRule) -> bool {
        match rule {
            RecordRule::SafeRatio => self != Self::Occurred,
            RecordRule::Count => self == Self::Occurred,
        }
    }
}

/// 记录 — one record counted by an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRecord {
    /// The target id.
    pub target: String,
    /// The date of the event or disposal.
    pub date: jiff::civil::Date,
    /// What happened.
    pub outcome: RecordOutcome,
    /// 说明 — e.g. the source's code and holder.
    pub description: String,
    /// 录入人.
    pub entered_by: String,
}

pub(super) fn evaluate(
    target: TargetIndicator,
    rule: RecordRule,
    records: &[TargetRecord],
    year: Year,
) -> Evaluation {
    let mine: Vec<&TargetRecord> = records
        .iter()
        .filter(|r| r.target == target.id && r.date >= year.start && r.date <= year.as_of)
        .collect();
    let n = |o: RecordOutcome| mine.iter().filter(|r| r.outcome == o).count() as u64;
    let (safe, unsafe_, pending, occurred) = (
        n(RecordOutcome::Safe),
        n(RecordOutcome::Unsafe),
        n(RecordOutcome::Pending),
        n(RecordOutcome::Occurred),
    );
    let value = match rule {
        RecordRule::SafeRatio => (safe + unsafe_ > 0)
            .then(|| Decimal::from(safe) * Decimal::ONE_HUNDRED / Decimal::from(safe + unsafe_)),
        // No record of an accident is a count of zero: accidents are recorded when they happen.
        RecordRule::Count => Some(Decimal::from(occurred)),
    };
    let status = match (value, target.threshold) {
        (_, None) => TrackStatus::NoThreshold,
        (None, _) => TrackStatus::InsufficientData,
        (Some(v), Some(t)) => match (target.comparator.holds(v, t), target.comparator) {
            (Some(true), _) => TrackStatus::OnTrack,
            // An accident or an unsafe disposal cannot be undone: a count above an upper bound,
            // or a ratio of 100 % with one failure, is lost for the year.
            (_, Comparator::AtMost) if rule == RecordRule::Count => TrackStatus::Unreachable,
            _ if rule == RecordRule::SafeRatio && t >= Decimal::ONE_HUNDRED && unsafe_ > 0 => {
                TrackStatus::Unreachable
            }
            _ => TrackStatus::AtRisk,
        },
    };
    let mut e = Evaluation::blank(target, status);
    e.value = value;
    e.shown = match (rule, value) {
        (RecordRule::SafeRatio, Some(v)) => format!(
            "{}（已处置 {} 枚，其中安全 {} 枚；待处置 {} 枚）",
            super::format_value(&e.target, v),
            safe + unsafe_,
            safe,
            pending
        ),
        (RecordRule::SafeRatio, None) => format!("本年尚无处置记录（待处置 {pending} 枚）"),
        (RecordRule::Count, _) => format!("{occurred} 起（截至 {}）", year.as_of),
    };
    if let (RecordRule::Count, Some(t)) = (rule, e.target.threshold) {
        let left = t - Decimal::from(occurred);
        e.budget = Some(if left < Decimal::ZERO {
            format!("已发生 {occurred} 起，超过 {} 起", t.normalize())
        } else {
            format!("余下时间至多再发生 {} 起", left.normalize())
        });
    }
    e.trail.push(match rule {
        RecordRule::SafeRatio => {
            "安全处置率 = 已安全处置 ÷ (已安全处置 + 未安全处置) × 100%，待处置不计".to_string()
        }
        RecordRule::Count => "按登记的事件记录计数，无记录即为 0".to_string(),
    });
    for r in &mine {
        e.trail.push(format!(
            "{} {} {}（{} 录入）",
            r.date,
            r.outcome.label(),
            r.description,
            r.entered_by
        ));
    }
    e
}
