//! Editions of the AQI rules, chosen by date, each with one rule set.
//!
//! HJ 633-2026 and GB 3095-2026 take effect on 2026-03-01 (实施日期; standards.md §0). Data
//! of an earlier date are evaluated under HJ 633-2012 + GB 3095-2012.
//! Every edition difference lives in [`RuleSet`]; the rest of the code asks the rule set and
//! never compares years.

use jiff::civil::Date;

use super::breakpoints::{BreakpointTable, TABLE_2012, TABLE_2026};
use super::limits::LimitSet;
use super::pollutant::Indicator;

/// 标准版本 — edition of the AQI technical rule (HJ 633) with its companion GB 3095.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// HJ 633-2012《环境空气质量指数（AQI）技术规定（试行）》 with GB 3095-2012.
    Hj633_2012,
    /// HJ 633-2026《环境空气质量指数（AQI）技术规定》 with GB 3095-2026, in force from 2026-03-01.
    Hj633_2026,
}

/// The first day of HJ 633-2026 / GB 3095-2026 (实施日期 2026-03-01).
pub const EDITION_2026_FROM: Date = Date::constant(2026, 3, 1);

impl Edition {
    /// The edition in force on `date` (a natural day, or the day of an hour's label): HJ 633-2012
    /// before 2026-03-01, HJ 633-2026 from that day on.
    pub fn for_date(date: Date) -> Edition {
        if date < EDITION_2026_FROM {
            Edition::Hj633_2012
        } else {
            Edition::Hj633_2026
        }
    }

    /// The edition's rule set.
    pub const fn rules(self) -> &'static RuleSet {
        match self {
            Edition::Hj633_2012 => &RULES_2012,
            Edition::Hj633_2026 => &RULES_2026,
        }
    }

    /// Human-readable name, e.g. `HJ 633-2026`.
    pub const fn name(self) -> &'static str {
        match self {
            Edition::Hj633_2012 => "HJ 633-2012",
            Edition::Hj633_2026 => "HJ 633-2026",
        }
    }
}

/// The edition and the GB 3095 limit set in force on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AirStandards {
    /// The AQI rule edition.
    pub edition: Edition,
    /// The concentration limits (GB 3095-2012, or GB 3095-2026 transitional / final).
    pub limits: LimitSet,
}

impl AirStandards {
    /// Everything in force on `date`.
    pub fn for_date(date: Date) -> AirStandards {
        AirStandards {
            edition: Edition::for_date(date),
            limits: LimitSet::for_date(date),
        }
    }
}

/// What an IAQI becomes when its concentration is above the column's last breakpoint and the
/// edition has a special rule for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OverflowRule {
    /// 不再进行其空气质量分指数计算 … 按 X 计算的分指数报告 — report the IAQI of another
    /// indicator instead (HJ 633-2012 表1 notes (2) and (3)).
    FallBackTo(Indicator),
    /// IAQI 按照 N 计 — a fixed IAQI (HJ 633-2026 表3 notes b and c).
    Fixed(u16),
}

/// When an AQI with a missing (缺测/无效) pollutant is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissingPolicy {
    /// Publish the AQI of the remaining pollutants and name the missing items
    /// (HJ 633-2012 §5.1.1: "报告时说明监测指标和缺项指标").
    PublishRemaining,
    /// Publish only if the AQI of the remaining pollutants is above 100; otherwise AQI, primary
    /// pollutant, level and category are `NA` (HJ 633-2026 §5.3.1). CNEMC's 2023 real-time feed
    /// already followed this (FORMAT-NOTES.md "Hourly AQI as published").
    PublishAboveHundred,
}

/// 规则集 — every rule that differs between editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSet {
    /// The edition this rule set belongs to.
    pub edition: Edition,
    /// IAQI breakpoints (HJ 633-2012 表1 / HJ 633-2026 表3).
    pub breakpoints: &'static BreakpointTable,
    /// Whether concentrations are rounded (GB/T 8170, integers; CO one decimal) before the IAQI.
    /// HJ 633-2026 §4.2.2 (daily) and §4.2.3 (real-time, "修约要求同 4.2.2") require it;
    /// HJ 633-2012 has no such clause.
    pub round_concentrations: bool,
    /// SO2 1-hour mean above 800 µg/m³: HJ 633-2012 表1 note (2) — fall back to the SO2 24-hour
    /// IAQI; HJ 633-2026 表3 note b — IAQI 200.
    pub so2_hour_above_top: OverflowRule,
    /// O3 8-hour mean above 800 µg/m³: HJ 633-2012 表1 note (3) — fall back to the O3 1-hour
    /// IAQI; HJ 633-2026 表3 note c — IAQI 300.
    pub o3_eight_hour_above_top: OverflowRule,
    /// Indicators of the real-time report as CNEMC publishes it.
    ///
    /// HJ 633-2026 §4.2.3: the six current 1-hour means, PM on the daily breakpoints (式(1)
    /// notes). For 2012 the text (§5.1.3) lists nine indicators (O3 8 h and PM 24-hour moving
    /// means), but CNEMC's published hourly AQI is reproduced only by the same six 1-hour
    /// indicators (standards.md §1.7, verified on every 2023 row in `validation/cnemc`), so the
    /// published practice is used.
    pub hourly_indicators: &'static [Indicator],
    /// Indicators of the daily report: HJ 633-2012 §5.1.2 — the five 24-hour means, O3 maximum
    /// 1-hour and maximum 8-hour; HJ 633-2026 §4.2.2 — the five daily means and O3 maximum 8-hour
    /// (O3 1 h is real-time only, 表3 note a).
    pub daily_indicators: &'static [Indicator],
    /// Publication with a missing pollutant in the real-time report.
    pub hourly_missing: MissingPolicy,
    /// Publication with a missing pollutant in the daily report.
    pub daily_missing: MissingPolicy,
}

const HOURLY: &[Indicator] = &[
    Indicator::So2Hour,
    Indicator::No2Hour,
    Indicator::CoHour,
    Indicator::O3Hour,
    Indicator::Pm10Hour,
    Indicator::Pm25Hour,
];

const DAILY_2012: &[Indicator] = &[
    Indicator::So2Day,
    Indicator::No2Day,
    Indicator::CoDay,
    Indicator::O3Hour,
    Indicator::O3EightHour,
    Indicator::Pm10Day,
    Indicator::Pm25Day,
];

const DAILY_2026: &[Indicator] = &[
    Indicator::So2Day,
    Indicator::No2Day,
    Indicator::CoDay,
    Indicator::O3EightHour,
    Indicator::Pm10Day,
    Indicator::Pm25Day,
];

/// HJ 633-2012 rule set.
pub static RULES_2012: RuleSet = RuleSet {
    edition: Edition::Hj633_2012,
    breakpoints: &TABLE_2012,
    round_concentrations: false,
    so2_hour_above_top: OverflowRule::FallBackTo(Indicator::So2Day),
    o3_eight_hour_above_top: OverflowRule::FallBackTo(Indicator::O3Hour),
    hourly_indicators: HOURLY,
    daily_indicators: DAILY_2012,
    hourly_missing: MissingPolicy::PublishAboveHundred,
    daily_missing: MissingPolicy::PublishRemaining,
};

/// HJ 633-2026 rule set.
pub static RULES_2026: RuleSet = RuleSet {
    edition: Edition::Hj633_2026,
    breakpoints: &TABLE_2026,
    round_concentrations: true,
    so2_hour_above_top: OverflowRule::Fixed(200),
    o3_eight_hour_above_top: OverflowRule::Fixed(300),
    hourly_indicators: HOURLY,
    daily_indicators: DAILY_2026,
    hourly_missing: MissingPolicy::PublishAboveHundred,
    daily_missing: MissingPolicy::PublishAboveHundred,
};

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn switch_is_exactly_on_2026_03_01() {
        assert_eq!(Edition::for_date(date(2026, 2, 28)), Edition::Hj633_2012);
        assert_eq!(Edition::for_date(date(2026, 3, 1)), Edition::Hj633_2026);
        assert_eq!(Edition::for_date(date(2013, 1, 1)), Edition::Hj633_2012);
        assert_eq!(Edition::for_date(date(2031, 6, 1)), Edition::Hj633_2026);
        assert_eq!(Edition::Hj633_2026.rules().edition, Edition::Hj633_2026);
        assert_eq!(Edition::Hj633_2012.rules().edition, Edition::Hj633_2012);
    }
}
