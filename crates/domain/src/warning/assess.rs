//! 预警研判 — the level a window of forecast days calls for under a scheme, and why.

//!
//! The run semantics are documented on the parent module [`super`].

use super::WarningError;
use super::condition::{Condition, Level};
use super::forecast::{Forecast, RangeBound, check_consecutive};
use super::scheme::WarningScheme;

/// 研判结果 — the level a forecast window calls for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The level, or `None` when no level applies.
    pub level: Option<Level>,
    /// Days in the episode (leading run above the onset threshold).
    pub episode_days: usize,
    /// The conditions that made the level apply (empty without a level).
    pub met: Vec<Condition>,
    /// 研判理由 — the reason in Chinese, ready for [`super::step`].
    pub reason: String,
}

/// The level `forecasts` call for under `scheme`, reading the upper bound of each range
/// ([`RangeBound::Upper`]); see the [module documentation](super) for the run semantics.
///
/// `forecasts` are consecutive days starting today; an empty window calls for no warning.
pub fn level_for(
    scheme: &WarningScheme,
    forecasts: &[Forecast],
) -> Result<Option<Level>, WarningError> {
    Ok(assess(scheme, forecasts, RangeBound::Upper)?.level)
}

/// Like [`level_for`] with the bound chosen, returning the episode, the conditions met and the
/// reason text.
pub fn assess(
    scheme: &WarningScheme,
    forecasts: &[Forecast],
    bound: RangeBound,
) -> Result<Assessment, WarningError> {
    check_consecutive(forecasts)?;
    let episode: Vec<u16> = forecasts
        .iter()
        .map(|f| f.aqi(bound))
        .take_while(|&a| scheme.onset().met(a))
        .collect();
    let Some(first) = forecasts.first() else {
        return Ok(Assessment {
            level: None,
            episode_days: 0,
            met: Vec::new(),
            reason: "无预报数据，不具备预警条件".to_string(),
        });
    };
    let found = if episode.is_empty() {
        None
    } else {
        scheme
            .levels()
            .iter()
            .find_map(|rule| rule.holds(&episode).map(|met| (rule, met.to_vec())))
    };
    let scope = format!("{}（预测范围{}）", scheme.name(), bound.label());
    let reason = match (&found, episode.len()) {
        (_, 0) => format!(
            "{}预测AQI {}，未达到{}，{scope}不发布预警",
            first.date(),
            first.range_text(),
            scheme.onset()
        ),
        (None, n) => format!(
            "预测自{}起连续{n}天{}（最高{}），未达到任何预警等级条件（{scope}）",
            first.date(),
            scheme.onset(),
            episode.iter().max().copied().unwrap_or_default()
        ),
        (Some((rule, met)), n) => {
            let conditions: Vec<String> = met.iter().map(Condition::to_string).collect();
            format!(
                "预测自{}起连续{n}天{}（最高{}），满足{}（{}）条件：{}（{scope}）",
                first.date(),
                scheme.onset(),
                episode.iter().max().copied().unwrap_or_default(),
                rule.level,
                rule.grade,
                conditions.join("且")
            )
        }
    };
    Ok(Assessment {
        level: found.as_ref().map(|(rule, _)| rule.level),
        episode_days: episode.len(),
        met: found.map(|(_, met)| met).unwrap_or_default(),
        reason,
    })
}
