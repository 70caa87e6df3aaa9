//! 量化任务 — the quantified deliverables a task names (13 outfalls, ≥1000 diesel checks …).

use jiff::civil::Date;
use rust_decimal::Decimal;
use std::fmt;

/// A deliverable's identifier, unique within a plan (e.g. `diesel-road-checks`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeliverableId(String);

impl DeliverableId {
    /// Wraps an identifier; surrounding white space is removed.
    pub fn new(id: &str) -> Self {
        Self(id.trim().to_string())
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeliverableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 频次 — how the work of a deliverable is spread over its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    /// 按期完成 — done once (or in parts) by the due date.
    ByDue,
    /// 每月 — once a month (e.g. 按月监测、每月通报).
    Monthly,
    /// 每半年 — twice a year.
    HalfYearly,
    /// 全年持续 — counted all year long (e.g. diesel road checks).
    Continuous,
}

impl Cadence {
    /// The code used in plan files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::ByDue => "by_due",
            Self::Monthly => "monthly",
            Self::HalfYearly => "half_yearly",
            Self::Continuous => "continuous",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::ByDue,
            Self::Monthly,
            Self::HalfYearly,
            Self::Continuous,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::ByDue => "按期完成",
            Self::Monthly => "每月",
            Self::HalfYearly => "每半年",
            Self::Continuous => "全年持续",
        }
    }
}

/// 台账计数 — a ledger whose records a deliverable counts by itself (plan-file key `counted_by`),
/// instead of (or besides) progress reported by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counter {
    /// 柴油车路检路查 — every diesel road check recorded counts one (`diesel.road_checks`).
    DieselRoadChecks,
    /// 柴油车入户检测 — every in-premises diesel check recorded counts one (`diesel.home_checks`).
    DieselHomeChecks,
    /// 入河排污口销号 — every outfall of the ledger closed (销号) counts one (`outfalls.closed`).
    OutfallsClosed,
}

impl Counter {
    /// Every counter.
    pub const ALL: [Counter; 3] = [
        Self::DieselRoadChecks,
        Self::DieselHomeChecks,
        Self::OutfallsClosed,
    ];

    /// The code used in plan files.
    pub fn code(self) -> &'static str {
        match self {
            Self::DieselRoadChecks => "diesel.road_checks",
            Self::DieselHomeChecks => "diesel.home_checks",
            Self::OutfallsClosed => "outfalls.closed",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The Chinese label of the ledger counted.
    pub fn label(self) -> &'static str {
        match self {
            Self::DieselRoadChecks => "柴油车路检路查记录",
            Self::DieselHomeChecks => "柴油车入户检测记录",
            Self::OutfallsClosed => "入河排污口台账（销号）",
        }
    }
}

/// 量化任务 — one quantified deliverable of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliverable {
    /// Identifier, unique in the plan.
    pub id: DeliverableId,
    /// What is to be delivered, in the plan's words.
    pub description: String,
    /// 目标数量 — the number to reach (for "1–2 cases", the lower bound).
    pub target: Decimal,
    /// 上限 — the upper bound where the plan gives a range ("择优选取1-2个").
    pub target_max: Option<Decimal>,
    /// 计量单位 — 个, 辆, 次, 座, 期 …
    pub unit: String,
    /// Whether reported amounts must be whole numbers (counts of things).
    pub whole: bool,
    /// 起始日期 — when the work starts counting.
    pub start: Date,
    /// 完成时限 — the due date.
    pub due: Date,
    /// How the work is spread over the period.
    pub cadence: Cadence,
    /// 台账计数 — the ledger whose records count toward the deliverable, if any.
    pub counted_by: Option<Counter>,
}

impl Deliverable {
    /// The target as shown: `≥1000 辆`, `1–2 个`, `13 个`.
    pub fn target_label(&self) -> String {
        match self.target_max {
            Some(max) => format!(
                "{}–{} {}",
                self.target.normalize(),
                max.normalize(),
                self.unit
            ),
            None => format!("{} {}", self.target.normalize(), self.unit),
        }
    }
}
