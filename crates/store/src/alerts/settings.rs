//! 设置 — what the bureau and the administrator configure, stored as key → text:
//!
//! | key | value | default |
//! |---|---|---|
//! | `warning.scheme` | `mep_2017` or `guidance_2018` | `guidance_2018` |
//! | `warning.bound` | `upper` or `lower` (which end of a forecast range decides) | `upper` |
//! | `warning.recipients` | units joined by `,` | `气科,办公室` |
//! | `alert.change_ratio` | decimal (0.5 = 50 %) | `0.5` |
//! | `alert.bloom_sections` | section names joined by `,` | empty |
//! | `alert.bloom_season` | `MM-DD..MM-DD` | `01-01..04-30` |
//! | `alert.chlorophyll` | µg/L | `20` |
//! | `alert.recipients` | units joined by `,` | `水科,监测站` |
//! | `hook.target` | `url:http://…` or `command:/path` | none |
//! | `inbox.escalate_after_hours` | whole hours | `24` |
//! | `inbox.escalate_to` | a unit | `办公室` |

use super::corrupt;
use super::entity::alert_setting;
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::number::parse_decimal;
use ecogov_domain::unit::UnitName;
use ecogov_domain::warning::{RangeBound, WarningScheme};
use ecogov_domain::water_alert::{AlertConfig, MonthDay};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

/// The shipped warning schemes by code: `mep_2017` (2017 四级) and `guidance_2018` (2018 三级).
pub const SCHEMES: [&str; 2] = ["mep_2017", "guidance_2018"];

/// The shipped scheme of a code in [`SCHEMES`].
pub fn scheme_by_code(code: &str) -> Option<WarningScheme> {
    match code {
        "mep_2017" => Some(WarningScheme::mep_2017()),
        "guidance_2018" => Some(WarningScheme::guidance_2018()),
        _ => None,
    }
}

/// 预警方案设置 — the scheme the bureau chose, the end of the range that decides, and who is
/// notified of each warning step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSettings {
    /// The scheme's code (in [`SCHEMES`]).
    pub code: String,
    /// The scheme.
    pub scheme: WarningScheme,
    /// Which end of a forecast range decides.
    pub bound: RangeBound,
    /// Whether the bureau has chosen (false: the default is in force).
    pub chosen: bool,
    /// 接收单位 of warning steps.
    pub recipients: Vec<UnitName>,
}

/// 外发通道 — where outbound notices go, as the administrator configured it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookTarget {
    /// POST the JSON notice to this `http://` URL (on the intranet).
    Url(String),
    /// Run this program with the JSON notice on its standard input.
    Command(String),
}

impl HookTarget {
    /// `url:http://…` or `command:/path`, as stored.
    pub fn encode(&self) -> String {
        match self {
            Self::Url(u) => format!("url:{u}"),
            Self::Command(c) => format!("command:{c}"),
        }
    }

    /// Reads [`HookTarget::encode`] back.
    pub fn decode(text: &str) -> Option<Self> {
        if let Some(u) = text.strip_prefix("url:") {
            Some(Self::Url(u.to_string()))
        } else {
            text.strip_prefix("command:")
                .map(|c| Self::Command(c.to_string()))
        }
    }
}

/// 逾期升级 — an inbox notice not acknowledged within `after_hours` is escalated to `to_unit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    /// Hours allowed before escalation.
    pub after_hours: u32,
    /// The unit notified.
    pub to_unit: UnitName,
}

fn units(text: &str) -> Vec<UnitName> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(UnitName::new)
        .collect()
}

fn join_units(list: &[UnitName]) -> String {
    list.iter()
        .map(UnitName::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

fn month_day_text(md: MonthDay) -> String {
    // `MonthDay` displays as `1月1日`; stored as `01-01`.
    let shown = md.to_string();
    let (m, rest) = shown.split_once('月').unwrap_or(("0", "0日"));
    let d = rest.trim_end_matches('日');
    format!(
        "{:0>2}-{:0>2}",
        m.parse::<u8>().unwrap_or(0),
        d.parse::<u8>().unwrap_or(0)
    )
}

fn parse_month_day(text: &str) -> Option<MonthDay> {
    let (m, d) = text.trim().split_once('-')?;
    MonthDay::new(m.parse().ok()?, d.parse().ok()?).ok()
}

/// `MM-DD..MM-DD`.
pub(crate) fn parse_season(text: &str) -> Option<(MonthDay, MonthDay)> {
    let (a, b) = text.split_once("..")?;
    Some((parse_month_day(a)?, parse_month_day(b)?))
}

impl Store {
    /// A stored setting, if set.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        get(&self.db, key).await
    }

    /// Sets (or with `None` removes) settings in one transaction, with one audit event naming
    /// them.
    pub async fn set_settings(
        &self,
        values: &[(&str, Option<String>)],
        actor: &str,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        let mut changed = Vec::new();
        for (key, value) in values {
            let old = alert_setting::Entity::find()
                .filter(alert_setting::Column::Key.eq(*key))
                .one(&txn)
                .await?;
            match (old, value) {
                (Some(row), None) => {
                    alert_setting::Entity::delete_by_id(row.id)
                        .exec(&txn)
                        .await?;
                    changed.push(format!("{key} 清除"));
                }
                (None, None) => {}
                (Some(row), Some(v)) if row.value == *v => {}
                (Some(row), Some(v)) => {
                    let mut a: alert_setting::ActiveModel = row.into();
                    a.value = Set(v.clone());
                    a.updated_by = Set(actor.to_string());
                    a.updated_at = Set(now_seconds());
                    a.update(&txn).await?;
                    changed.push(format!("{key}={v}"));
                }
                (None, Some(v)) => {
                    alert_setting::ActiveModel {
                        key: Set(key.to_string()),
                        value: Set(v.clone()),
                        updated_by: Set(actor.to_string()),
                        updated_at: Set(now_seconds()),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                    changed.push(format!("{key}={v}"));
                }
            }
        }
        if !changed.is_empty() {
            audit::append(
                &txn,
                actor,
                "alert.settings",
                "alert_setting",
                &format!("设置：{}", changed.join("；")),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The warning scheme in force (the default `guidance_2018`, upper bound, until the bureau
    /// chooses).
    pub async fn warning_settings(&self) -> Result<WarningSettings, StoreError> {
        let code = self.setting("warning.scheme").await?;
        let chosen = code.is_some();
        let code = code.unwrap_or_else(|| "guidance_2018".to_string());
        let scheme = scheme_by_code(&code)
            .ok_or_else(|| corrupt("alert_setting", 0, "warning.scheme", &code))?;
        let bound = match self.setting("warning.bound").await?.as_deref() {
            None | Some("upper") => RangeBound::Upper,
            Some("lower") => RangeBound::Lower,
            Some(other) => return Err(corrupt("alert_setting", 0, "warning.bound", other)),
        };
        let recipients = match self.setting("warning.recipients").await? {
            Some(t) => units(&t),
            None => vec![UnitName::new("气科"), UnitName::new("办公室")],
        };
        Ok(WarningSettings {
            code,
            scheme,
            bound,
            chosen,
            recipients,
        })
    }

    /// Chooses the warning scheme and the deciding end of the range.
    pub async fn choose_warning_scheme(
        &self,
        code: &str,
        bound: RangeBound,
        actor: &str,
    ) -> Result<(), StoreError> {
        if scheme_by_code(code).is_none() {
            return Err(StoreError::Rejected(format!(
                "未知的预警方案“{code}”，可选：{} (unknown scheme)",
                SCHEMES.join("、")
            )));
        }
        let bound = match bound {
            RangeBound::Upper => "upper",
            RangeBound::Lower => "lower",
        };
        self.set_settings(
            &[
                ("warning.scheme", Some(code.to_string())),
                ("warning.bound", Some(bound.to_string())),
            ],
            actor,
        )
        .await
    }

    /// The alert rules' parameters (defaults of [`AlertConfig`] where not set).
    pub async fn alert_config(&self) -> Result<AlertConfig, StoreError> {
        let mut config = AlertConfig::default();
        let bad = |field: &'static str, v: &str| corrupt("alert_setting", 0, field, v);
        if let Some(v) = self.setting("alert.change_ratio").await? {
            config.change_ratio = parse_decimal(&v).map_err(|_| bad("alert.change_ratio", &v))?;
        }
        if let Some(v) = self.setting("alert.bloom_sections").await? {
            config.bloom.sections = units(&v).iter().map(|u| u.as_str().to_string()).collect();
        }
        if let Some(v) = self.setting("alert.bloom_season").await? {
            let (a, b) = parse_season(&v).ok_or_else(|| bad("alert.bloom_season", &v))?;
            config.bloom.season_start = a;
            config.bloom.season_end = b;
        }
        if let Some(v) = self.setting("alert.chlorophyll").await? {
            config.bloom.chlorophyll_ug_per_l =
                parse_decimal(&v).map_err(|_| bad("alert.chlorophyll", &v))?;
        }
        if let Some(v) = self.setting("alert.recipients").await? {
            config.recipients = units(&v);
        }
        Ok(config)
    }

    /// Stores the alert rules' parameters after checking them.
    pub async fn set_alert_config(
        &self,
        config: &AlertConfig,
        actor: &str,
    ) -> Result<(), StoreError> {
        config
            .validate()
            .map_err(|e| StoreError::Rejected(e.to_string()))?;
        let season = format!(
            "{}..{}",
            month_day_text(config.bloom.season_start),
            month_day_text(config.bloom.season_end)
        );
        self.set_settings(
            &[
                (
                    "alert.change_ratio",
                    Some(config.change_ratio.normalize().to_string()),
                ),
                (
                    "alert.bloom_sections",
                    Some(config.bloom.sections.join(",")),
                ),
                ("alert.bloom_season", Some(season)),
                (
                    "alert.chlorophyll",
                    Some(config.bloom.chlorophyll_ug_per_l.normalize().to_string()),
                ),
                ("alert.recipients", Some(join_units(&config.recipients))),
            ],
            actor,
        )
        .await
    }

    /// The outbound hook, if the administrator configured one.
    pub async fn hook(&self) -> Result<Option<HookTarget>, StoreError> {
        match self.setting("hook.target").await? {
            None => Ok(None),
            Some(t) => HookTarget::decode(&t)
                .map(Some)
                .ok_or_else(|| corrupt("alert_setting", 0, "hook.target", &t)),
        }
    }

    /// Sets or (with `None`) removes the outbound hook.
    pub async fn set_hook(&self, hook: Option<&HookTarget>, actor: &str) -> Result<(), StoreError> {
        self.set_settings(&[("hook.target", hook.map(HookTarget::encode))], actor)
            .await
    }

    /// The escalation policy.
    pub async fn escalation(&self) -> Result<Escalation, StoreError> {
        let after_hours = match self.setting("inbox.escalate_after_hours").await? {
            None => 24,
            Some(v) => v
                .parse()
                .map_err(|_| corrupt("alert_setting", 0, "inbox.escalate_after_hours", &v))?,
        };
        let to_unit = self
            .setting("inbox.escalate_to")
            .await?
            .map_or_else(|| UnitName::new("办公室"), |u| UnitName::new(&u));
        Ok(Escalation {
            after_hours,
            to_unit,
        })
    }

    /// Sets the escalation policy.
    pub async fn set_escalation(&self, e: &Escalation, actor: &str) -> Result<(), StoreError> {
        if e.to_unit.as_str().trim().is_empty() {
            return Err(StoreError::Rejected(
                "升级接收单位不能为空 (escalation unit is empty)".into(),
            ));
        }
        self.set_settings(
            &[
                (
                    "inbox.escalate_after_hours",
                    Some(e.after_hours.to_string()),
                ),
                ("inbox.escalate_to", Some(e.to_unit.as_str().to_string())),
            ],
            actor,
        )
        .await
    }
}

async fn get<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<String>, StoreError> {
    Ok(alert_setting::Entity::find()
        .filter(alert_setting::Column::Key.eq(key))
        .one(db)
        .await?
        .map(|r| r.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        let md = MonthDay::new(11, 1).expect("md");
        assert_eq!(month_day_text(md), "11-01");
        assert_eq!(parse_month_day("11-01"), Some(md));
        assert!(parse_season("01-01..04-30").is_some());
        assert!(parse_season("01-01-04-30").is_none());
        let h = HookTarget::Url("http://10.0.0.1/x".into());
        assert_eq!(HookTarget::decode(&h.encode()), Some(h));
        assert_eq!(HookTarget::decode("ftp:x"), None);
        for c in SCHEMES {
            assert!(scheme_by_code(c).is_some());
        }
    }
}
