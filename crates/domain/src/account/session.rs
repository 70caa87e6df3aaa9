//! 会话超时 — when a signed-in session ends by itself.
//!
//! Source: GB/T 22239-2019 第三级 8.1.4.1 身份鉴别 b) "……当登录连接超时自动退出"; the figures
//! (30 minutes idle, 12 hours in all) are ecogov rule (issue 7).

use super::{AccountError, positive};
use jiff::{SignedDuration, Timestamp};

/// 会话策略 — the idle and absolute session timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// 空闲超时 — a session unused this long ends. Default 30 minutes.
    pub idle: SignedDuration,
    /// 绝对超时 — a session this old ends however busy it is. Default 12 hours.
    pub absolute: SignedDuration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: SignedDuration::from_mins(30),
            absolute: SignedDuration::from_hours(12),
        }
    }
}

/// 会话状态 — whether a session may still be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionState {
    /// 有效 — the session may be used (and its last-seen time moved to now).
    Active,
    /// 空闲超时 — unused for the idle period or longer.
    IdleExpired,
    /// 超过最长时限 — older than the absolute period.
    AbsoluteExpired,
}

impl SessionState {
    /// The Chinese label shown on the sign-in page after an expiry.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "有效",
            Self::IdleExpired => "长时间未操作，已自动退出",
            Self::AbsoluteExpired => "登录时间过长，已自动退出",
        }
    }
}

impl SessionPolicy {
    /// Checks the settings: both periods positive, idle not above absolute.
    pub fn validate(&self) -> Result<(), AccountError> {
        if !positive(self.idle) || !positive(self.absolute) {
            return Err(AccountError::BadSessionPolicy("超时时长须为正"));
        }
        if self.idle > self.absolute {
            return Err(AccountError::BadSessionPolicy("空闲超时不能长于绝对超时"));
        }
        Ok(())
    }

    /// The state at `now` of a session created at `created` and last used at `last_seen`.
    ///
    /// Periods are half-open: a session is idle-expired when `now − last_seen ≥ idle` and
    /// absolutely expired when `now − created ≥ absolute` (so at exactly 30 minutes of
    /// inactivity, or exactly 12 hours after sign-in, it has ended). The absolute limit is
    /// reported first. Times in the future (a clock stepping back) count as no time elapsed.
    pub fn session_state(
        &self,
        created: Timestamp,
        last_seen: Timestamp,
        now: Timestamp,
    ) -> SessionState {
        if now.duration_since(created) >= self.absolute {
            SessionState::AbsoluteExpired
        } else if now.duration_since(last_seen) >= self.idle {
            SessionState::IdleExpired
        } else {
            SessionState::Active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> Timestamp {
        "2023-09-30T08:00:00+08:00".parse().expect("timestamp")
    }

    fn plus(secs: i64) -> Timestamp {
        t0().checked_add(SignedDuration::from_secs(secs))
            .expect("in range")
    }

    #[test]
    fn idle_boundary_at_thirty_minutes() {
        let p = SessionPolicy::default();
        let created = t0();
        let last = plus(60);
        assert_eq!(p.session_state(created, last, last), SessionState::Active);
        assert_eq!(
            p.session_state(created, last, plus(60 + 30 * 60 - 1)),
            SessionState::Active
        );
        assert_eq!(
            p.session_state(created, last, plus(60 + 30 * 60)),
            SessionState::IdleExpired
        );
    }

    #[test]
    fn absolute_boundary_at_twelve_hours() {
        let p = SessionPolicy::default();
        let created = t0();
        // Busy all along: last seen a minute ago.
        let at = |secs: i64| p.session_state(created, plus(secs - 60), plus(secs));
        assert_eq!(at(12 * 3600 - 1), SessionState::Active);
        assert_eq!(at(12 * 3600), SessionState::AbsoluteExpired);
        // Both limits passed: the absolute one is reported.
        assert_eq!(
            p.session_state(created, created, plus(12 * 3600)),
            SessionState::AbsoluteExpired
        );
    }

    #[test]
    fn clock_stepping_back_counts_as_no_time() {
        let p = SessionPolicy::default();
        assert_eq!(
            p.session_state(plus(10), plus(10), t0()),
            SessionState::Active
        );
    }

    #[test]
    fn configurable() {
        let p = SessionPolicy {
            idle: SignedDuration::from_mins(10),
            absolute: SignedDuration::from_hours(8),
        };
        assert!(p.validate().is_ok());
        assert_eq!(
            p.session_state(t0(), t0(), plus(10 * 60)),
            SessionState::IdleExpired
        );
        assert!(
            SessionPolicy {
                idle: SignedDuration::from_hours(9),
                ..p
            }
            .validate()
            .is_err()
        );
        assert!(
            SessionPolicy {
                idle: SignedDuration::ZERO,
                ..p
            }
            .validate()
            .is_err()
        );
        assert!(SessionPolicy::default().validate().is_ok());
    }
}
