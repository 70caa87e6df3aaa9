//! 目标跟踪 — where an air target stands on a date, and what the rest of the year must achieve.
//!
//! From the city's statistics so far (HJ 663, [`PeriodStats`]) and the days left in the year:
//! - 优良天数比例 ≥ r: the year ends with (good + x) ÷ (valid so far + days left) ≥ r, so at most
//!   `days left − ⌈r × (valid + days left) − good⌉` of the remaining days may be worse than 良
//!   (remaining days are assumed valid);
//! - PM2.5 mean ≤ T: the remaining days must average at most
//!   (T × (valid + days left) − mean × valid) ÷ days left, shown rounded down to a whole μg/m³
//!   (the period mean stands in for the exact sum of daily values, which HJ 663 reports rounded);
//! - 重污染天数 ≤ N: at most N − heavy so far more heavy days.

use crate::target::{AirBinding, Comparator};
use ecogov_standards::air::{PeriodStats, Pollutant};
use ecogov_standards::rounding::{ceil_int, floor_int};
use rust_decimal::Decimal;

/// 目标状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrackStatus {
    /// 达标 — met so far, and still reachable.
    OnTrack,
    /// 有风险 — not met so far, but the rest of the year can still bring it back.
    AtRisk,
    /// 已无法达标 — no result of the remaining days can meet it.
    Unreachable,
    /// 数据不足 — no valid day yet.
    InsufficientData,
    /// 目标未设定 — the threshold has not been entered.
    NoThreshold,
    /// 定性目标 — a qualitative aim, reported by its lead section.
    Qualitative,
    /// 未绑定 — a quantified indicator the plan file binds to no computation.
    Unbound,
}

impl TrackStatus {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "达标",
            Self::AtRisk => "有风险",
            Self::Unreachable => "已无法达标",
            Self::InsufficientData => "数据不足",
            Self::NoThreshold => "目标未设定",
            Self::Qualitative => "定性目标",
            Self::Unbound => "人工填报",
        }
    }

    /// A code for CSS and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::Unreachable => "unreachable",
            Self::InsufficientData => "insufficient",
            Self::NoThreshold => "no_threshold",
            Self::Qualitative => "qualitative",
            Self::Unbound => "unbound",
        }
    }
}

/// An air target's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The status.
    pub status: TrackStatus,
    /// 余量 — what the remaining days must achieve, in words, when a threshold is set.
    pub budget: Option<String>,
}

/// The value of the indicator bound by `binding` in `stats`: the PM2.5 mean, the good-day ratio
/// (percent, unrounded), or the heavy days; `None` without a valid day.
pub fn indicator_value(binding: AirBinding, stats: &PeriodStats) -> Option<Decimal> {
    match binding {
        AirBinding::Pm25Mean => stats.pollutants[Pollutant::Pm25.index()].mean,
        AirBinding::GoodDaysRatio => stats.good_ratio_percent,
        AirBinding::HeavyDays => (stats.aqi_days > 0).then(|| Decimal::from(stats.heavy_days)),
    }
}

/// 全年预测 — a projection of the year-end value and how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    /// The projected year-end value.
    pub value: Decimal,
    /// The method and its uncertainty, in words.
    pub method: String,
}

/// Projects the year-end value of `binding` from the statistics so far (`ytd`, with `days_left`
/// days still to come).
///
/// - With last year's statistics for the same period (`last_same`) and for the whole year
///   (`last_full`): last year's year-end value scaled by this year's ratio to last year over the same
///   period (for heavy days: this year's count plus last year's count after the same date).
/// - Without them: the level so far carried to the year end (for heavy days: the rate so far over
///   the remaining days), which ignores the season — PM2.5 is usually higher in winter.
pub fn project(
    binding: AirBinding,
    ytd: &PeriodStats,
    days_left: i64,
    last: Option<(&PeriodStats, &PeriodStats)>,
) -> Option<Projection> {
    let now = indicator_value(binding, ytd)?;
    let left = Decimal::from(days_left.max(0));
    if let Some((same, full)) = last
        && let (Some(then), Some(year)) = (
            indicator_value(binding, same),
            indicator_value(binding, full),
        )
    {
        let value = match binding {
            AirBinding::HeavyDays => now + (year - then).max(Decimal::ZERO),
            _ if then.is_zero() => now,
            _ => year * now / then,
        };
        return Some(Projection {
            value,
            method: "按上年同期比例缩放上年全年值；年际气象差异可使结果偏离数个单位".to_string(),
        });
    }
    let value = match binding {
        AirBinding::HeavyDays if ytd.aqi_days > 0 => now + now * left / Decimal::from(ytd.aqi_days),
        _ => now,
    };
    Some(Projection {
        value,
        method:
            "无上年数据：按今年迄今水平外推到年底，未计季节变化（冬季 PM2.5 通常更高），不确定性大"
                .to_string(),
    })
}

/// The standing of the indicator bound by `binding` with `threshold`, given the statistics so far
/// and `days_left` days still to come in the year.
pub fn air_standing(
    binding: AirBinding,
    comparator: Comparator,
    threshold: Option<Decimal>,
    stats: &PeriodStats,
    days_left: i64,
) -> Standing {
    let Some(t) = threshold else {
        return Standing {
            status: TrackStatus::NoThreshold,
            budget: None,
        };
    };
    if stats.aqi_days == 0 {
        return Standing {
            status: TrackStatus::InsufficientData,
            budget: None,
        };
    }
    let left = Decimal::from(days_left.max(0));
    let valid = Decimal::from(stats.aqi_days);
    match binding {
        AirBinding::GoodDaysRatio => {
            let good = Decimal::from(stats.good_days);
            let needed =
                ceil_int(t / Decimal::ONE_HUNDRED * (valid + left) - good).max(Decimal::ZERO);
            let allowed = left - needed;
            let now_ok = comparator
                .holds(good * Decimal::ONE_HUNDRED / valid, t)
                .unwrap_or(false);
            let status = if allowed < Decimal::ZERO {
                TrackStatus::Unreachable
            } else if now_ok {
                TrackStatus::OnTrack
            } else {
                TrackStatus::AtRisk
            };
            let budget = if allowed < Decimal::ZERO {
                format!("即使余下 {left} 天全部优良，全年比例也达不到 {t}%")
            } else {
                format!("余下 {left} 天中至多 {allowed} 天可劣于良，全年方能保持 ≥ {t}%")
            };
            Standing {
                status,
                budget: Some(budget),
            }
        }
        AirBinding::Pm25Mean => {
            let stat = &stats.pollutants[Pollutant::Pm25.index()];
            let (Some(mean), true) = (stat.mean, stat.valid_days > 0) else {
                return Standing {
                    status: TrackStatus::InsufficientData,
                    budget: None,
                };
            };
            let n = Decimal::from(stat.valid_days);
            let now_ok = comparator.holds(mean, t).unwrap_or(false);
            if left.is_zero() {
                let status = if now_ok {
                    TrackStatus::OnTrack
                } else {
                    TrackStatus::Unreachable
                };
                return Standing {
                    status,
                    budget: None,
                };
            }
            let room = (t * (n + left) - mean * n) / left;
            let status = if room < Decimal::ZERO {
                TrackStatus::Unreachable
            } else if now_ok {
                TrackStatus::OnTrack
            } else {
                TrackStatus::AtRisk
            };
            let budget = if room < Decimal::ZERO {
                format!("余下 {left} 天即使为 0 μg/m³，全年均值也高于 {t} μg/m³")
            } else {
                // Shown whole and rounded down, so averaging the figure shown keeps the target.
                format!(
                    "余下 {left} 天日均 PM2.5 平均须 ≤ {} μg/m³，全年方能 ≤ {t} μg/m³",
                    floor_int(room)
                )
            };
            Standing {
                status,
                budget: Some(budget),
            }
        }
        AirBinding::HeavyDays => {
            let more = t - Decimal::from(stats.heavy_days);
            let status = if more < Decimal::ZERO {
                TrackStatus::Unreachable
            } else {
                TrackStatus::OnTrack
            };
            let budget = if more < Decimal::ZERO {
                format!("重污染天数已达 {}，超过 {t} 天", stats.heavy_days)
            } else {
                format!("余下 {left} 天中至多再有 {more} 个重污染天")
            };
            Standing {
                status,
                budget: Some(budget),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecogov_standards::air::{DayRecord, Grade, LimitSet, Period, evaluate_period};
    use jiff::civil::Date;

    /// `good` days with PM2.5 30 then `bad` days with PM2.5 120 (轻度 or worse), from 1 January.
    fn stats(good: usize, bad: usize) -> PeriodStats {
        stats_pm(good, bad, 120)
    }

    /// `good` days with PM2.5 30 then `bad` days with PM2.5 `bad_pm`, from 1 January.
    fn stats_pm(good: usize, bad: usize, bad_pm: i64) -> PeriodStats {
        let start = Date::constant(2023, 1, 1);
        let days: Vec<DayRecord> = (0..good + bad)
            .map(|i| {
                let date = start
                    .checked_add(jiff::Span::new().days(i as i64))
                    .expect("date");
                let pm = if i < good { 30 } else { bad_pm };
                DayRecord {
                    date,
                    means: [
                        Some(Decimal::from(5)),
                        Some(Decimal::from(20)),
                        Some(Decimal::new(6, 1)),
                        None,
                        Some(Decimal::from(pm)),
                        Some(Decimal::from(pm)),
                    ],
                    o3_max_eight_hour: Some(Decimal::from(60)),
                    o3_max_hour: Some(Decimal::from(80)),
                }
            })
            .collect();
        let last = start
            .checked_add(jiff::Span::new().days((good + bad) as i64 - 1))
            .expect("last");
        evaluate_period(
            Period::Range { first: start, last },
            &days,
            LimitSet::for_date(last),
            Grade::Two,
        )
    }

    #[test]
    fn good_days_budget() {
        // 90 good of 100 valid, 265 days left, target 87.7 %: need ⌈0.877 × 365 − 90⌉ = ⌈230.105⌉ = 231
        // more good days, so at most 265 − 231 = 34 may be worse than 良.
        let s = stats(90, 10);
        let r = air_standing(
            AirBinding::GoodDaysRatio,
            Comparator::AtLeast,
            Some(Decimal::new(877, 1)),
            &s,
            265,
        );
        assert_eq!(r.status, TrackStatus::OnTrack);
        assert_eq!(
            r.budget.as_deref(),
            Some("余下 265 天中至多 34 天可劣于良，全年方能保持 ≥ 87.7%")
        );
        // 50 good of 100 with 10 days left cannot reach 87.7 %.
        let r = air_standing(
            AirBinding::GoodDaysRatio,
            Comparator::AtLeast,
            Some(Decimal::new(877, 1)),
            &stats(50, 50),
            10,
        );
        assert_eq!(r.status, TrackStatus::Unreachable);
        // 80 of 100 (80 %) with 265 left: at risk but reachable.
        let r = air_standing(
            AirBinding::GoodDaysRatio,
            Comparator::AtLeast,
            Some(Decimal::new(877, 1)),
            &stats(80, 20),
            265,
        );
        assert_eq!(r.status, TrackStatus::AtRisk);
    }

    #[test]
    fn projections_with_and_without_last_year() {
        let this = stats(90, 10); // PM2.5 mean 39 over 100 days
        let p = project(AirBinding::Pm25Mean, &this, 265, None).expect("projection");
        assert_eq!(p.value, Decimal::from(39));
        assert!(p.method.contains("无上年数据"));
        // Last year: 120 over the same period, 75 over the whole year → 75 × 39 / 120.
        let last_same = stats(0, 100); // 120 all through
        let last_full = stats(100, 100); // (100 × 30 + 100 × 120) / 200 = 75
        let p = project(
            AirBinding::Pm25Mean,
            &this,
            265,
            Some((&last_same, &last_full)),
        )
        .expect("projection");
        assert_eq!(
            p.value,
            Decimal::from(75) * Decimal::from(39) / Decimal::from(120)
        );
        assert!(p.method.contains("上年同期"));
    }

    use proptest::prelude::*;

    /// The budget's promise: if exactly `allowed` of the remaining days are worse than 良 (and the
    /// rest good), the year ends at or above the target; one more such day and it ends below.
    fn good_ratio_budget_is_exact(
        good: usize,
        bad: usize,
        left: i64,
        target_tenths: i64,
    ) -> Result<(), TestCaseError> {
        let s = stats(good, bad);
        let target = Decimal::new(target_tenths, 1);
        let r = air_standing(
            AirBinding::GoodDaysRatio,
            Comparator::AtLeast,
            Some(target),
            &s,
            left,
        );
        let budget = r.budget.unwrap_or_default();
        let valid = Decimal::from(good + bad);
        let total = valid + Decimal::from(left);
        let ratio = |non_good: i64| {
            (Decimal::from(good) + Decimal::from(left - non_good)) * Decimal::ONE_HUNDRED / total
        };
        if r.status == TrackStatus::Unreachable {
            prop_assert!(
                ratio(0) < target,
                "unreachable, yet all-good reaches it: {budget}"
            );
        } else {
            let allowed: i64 = budget
                .split("至多 ")
                .nth(1)
                .and_then(|t| t.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(-1);
            prop_assert!(allowed >= 0 && allowed <= left, "{budget}");
            prop_assert!(
                ratio(allowed) >= target,
                "spending the budget must reach the target: {budget}"
            );
            if allowed < left {
                prop_assert!(
                    ratio(allowed + 1) < target,
                    "one more day must miss it: {budget}"
                );
            }
        }
        Ok(())
    }

    /// The first number after `marker` in a budget sentence.
    fn number_after(budget: &str, marker: &str) -> Option<Decimal> {
        budget.split(marker).nth(1)?.split(' ').next()?.parse().ok()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// PM2.5: the remaining days averaging exactly the figure shown end the year at or under
        /// the target; averaging one more μg/m³ ends it above.
        #[test]
        fn pm25_budget_spent_exactly_reaches_the_target(good in 1usize..60, bad in 0usize..30, left in 1i64..300, target in 20i64..80) {
            let s = stats(good, bad);
            let t = Decimal::from(target);
            let r = air_standing(AirBinding::Pm25Mean, Comparator::AtMost, Some(t), &s, left);
            let mean = s.pollutants[Pollutant::Pm25.index()].mean.unwrap_or_default();
            let n = Decimal::from(good + bad);
            let left_d = Decimal::from(left);
            let year_mean = |x: Decimal| (mean * n + x * left_d) / (n + left_d);
            let budget = r.budget.unwrap_or_default();
            if r.status == TrackStatus::Unreachable {
                prop_assert!(year_mean(Decimal::ZERO) > t, "{budget}");
            } else {
                let x = number_after(&budget, "平均须 ≤ ").unwrap_or(Decimal::NEGATIVE_ONE);
                prop_assert!(x >= Decimal::ZERO, "{budget}");
                prop_assert!(year_mean(x) <= t, "spending the budget must keep the target: {budget}");
                prop_assert!(year_mean(x + Decimal::ONE) > t, "one more must miss it: {budget}");
            }
        }

        /// Heavy days: exactly the days allowed keep the target; one more misses it.
        #[test]
        fn heavy_day_budget_spent_exactly_reaches_the_target(good in 1usize..60, bad in 0usize..12, left in 1i64..300, target in 0i64..10) {
            // PM2.5 200 μg/m³ → IAQI 250: every bad day is a heavy day.
            let s = stats_pm(good, bad, 200);
            prop_assert_eq!(s.heavy_days, bad);
            let t = Decimal::from(target);
            let r = air_standing(AirBinding::HeavyDays, Comparator::AtMost, Some(t), &s, left);
            let budget = r.budget.unwrap_or_default();
            let heavy = Decimal::from(s.heavy_days);
            if r.status == TrackStatus::Unreachable {
                prop_assert!(heavy > t, "{budget}");
            } else {
                let more = number_after(&budget, "至多再有 ").unwrap_or(Decimal::NEGATIVE_ONE);
                prop_assert!(more >= Decimal::ZERO, "{budget}");
                prop_assert!(heavy + more <= t);
                prop_assert!(heavy + more + Decimal::ONE > t);
            }
        }

        #[test]
        fn good_days_budget_spent_exactly_reaches_the_target(good in 1usize..60, bad in 0usize..30, left in 0i64..300, target_tenths in 500i64..1000) {
            good_ratio_budget_is_exact(good, bad, left, target_tenths)?;
        }
    }

    #[test]
    fn pm25_room_and_unset_thresholds() {
        // 100 valid days averaging (90 × 30 + 10 × 120) / 100 = 39; target 35 over 365 days:
        // the remaining 265 days must average ≤ (35 × 365 − 39 × 100) / 265 = 33.49 → 33.
        let s = stats(90, 10);
        let r = air_standing(
            AirBinding::Pm25Mean,
            Comparator::AtMost,
            Some(Decimal::from(35)),
            &s,
            265,
        );
        assert_eq!(r.status, TrackStatus::AtRisk);
        assert_eq!(
            r.budget.as_deref(),
            Some("余下 265 天日均 PM2.5 平均须 ≤ 33 μg/m³，全年方能 ≤ 35 μg/m³")
        );
        assert_eq!(
            air_standing(AirBinding::Pm25Mean, Comparator::AtMost, None, &s, 265).status,
            TrackStatus::NoThreshold
        );
        let r = air_standing(
            AirBinding::HeavyDays,
            Comparator::AtMost,
            Some(Decimal::from(3)),
            &s,
            265,
        );
        assert_eq!(r.status, TrackStatus::OnTrack);
    }
}
