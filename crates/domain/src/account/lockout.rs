//! 登录失败处理 — locking an account after repeated failed sign-ins.
//!
//! Source: GB/T 22239-2019 第三级 8.1.4.1 身份鉴别 b) "应具有登录失败处理功能，应配置并启用结束
//! 会话、限制非法登录次数……等相关措施"; the figures (5 failures, 15 minutes) are ecogov rule
//! (issue 7).

use super::{AccountError, positive};
use jiff::{SignedDuration, Timestamp};

/// 登录失败处理策略 — how many consecutive failures lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// 连续失败次数上限 — the failure that reaches this count locks the account. Default 5.
    pub max_failures: u32,
    /// 锁定时长 — how long the lock lasts. Default 15 minutes.
    pub lock_for: SignedDuration,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: SignedDuration::from_mins(15),
        }
    }
}

impl LockoutPolicy {
    /// Checks the settings: at least one attempt and a positive lock period.
    pub fn validate(&self) -> Result<(), AccountError> {
        if self.max_failures == 0 {
            return Err(AccountError::BadLockoutPolicy("失败次数上限须至少为 1"));
        }
        if !positive(self.lock_for) {
            return Err(AccountError::BadLockoutPolicy("锁定时长须为正"));
        }
        Ok(())
    }
}

/// 登录失败状态 — one account's consecutive failures and lock, as stored with the account.
///
/// A pure state machine: every method returns the next state and never reads a clock.
/// The lock covers the half-open period `[locked at, locked_until)`: at exactly `locked_until`
/// the account is free again.
///
/// The caller must check [`LockoutState::is_locked`] *before* verifying a password, refuse a
/// locked account without verifying, and then call exactly one of
/// [`LockoutState::record_failure`] or [`LockoutState::record_success`] for the attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LockoutState {
    /// 连续失败次数 — consecutive failures counted towards the current or last lock.
    pub failures: u32,
    /// 锁定至 — when the lock ends, if one was set.
    pub locked_until: Option<Timestamp>,
}

impl LockoutState {
    /// The state of an account that has never failed.
    pub const CLEAR: LockoutState = LockoutState {
        failures: 0,
        locked_until: None,
    };

    /// Whether the account is locked at `now` (`now < locked_until`).
    pub fn is_locked(&self, now: Timestamp) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    /// The state after a failed sign-in at `now`.
    ///
    /// - While locked, nothing changes: failures during a lock neither count nor extend it (so
    ///   nobody can keep another person's account locked forever by guessing).
    /// - After a lock has run out, counting starts again from this failure.
    /// - The failure that reaches `max_failures` sets `locked_until = now + lock_for`.
    pub fn record_failure(self, policy: &LockoutPolicy, now: Timestamp) -> Self {
        if self.is_locked(now) {
            return self;
        }
        let before = if self.locked_until.is_some() {
            0
        } else {
            self.failures
        };
        let failures = before.saturating_add(1);
        let locked_until = (failures >= policy.max_failures).then(|| {
            now.saturating_add(policy.lock_for)
                .unwrap_or(Timestamp::MAX)
        });
        Self {
            failures,
            locked_until,
        }
    }

    /// The state after a successful sign-in: the counter and any lock are cleared. (Call it
    /// only for an account that was not locked: see the type's documentation.)
    pub fn record_success(self) -> Self {
        Self::CLEAR
    }

    /// 解锁 — the state after an administrator unlocks the account.
    pub fn unlock(self) -> Self {
        Self::CLEAR
    }

    /// How many more failures are allowed before the account locks (0 while locked).
    pub fn attempts_left(&self, policy: &LockoutPolicy, now: Timestamp) -> u32 {
        if self.is_locked(now) {
            0
        } else if self.locked_until.is_some() {
            policy.max_failures
        } else {
            policy.max_failures.saturating_sub(self.failures)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t0() -> Timestamp {
        "2023-09-30T08:00:00+08:00".parse().expect("timestamp")
    }

    fn plus(secs: i64) -> Timestamp {
        t0().checked_add(SignedDuration::from_secs(secs))
            .expect("in range")
    }

    fn fail_times(policy: &LockoutPolicy, n: u32, at: Timestamp) -> LockoutState {
        (0..n).fold(LockoutState::CLEAR, |s, _| s.record_failure(policy, at))
    }

    #[test]
    fn fifth_failure_locks_for_exactly_fifteen_minutes() {
        let p = LockoutPolicy::default();
        let four = fail_times(&p, 4, t0());
        assert_eq!(four.failures, 4);
        assert!(!four.is_locked(t0()));
        assert_eq!(four.attempts_left(&p, t0()), 1);
        let five = four.record_failure(&p, t0());
        assert!(five.is_locked(t0()));
        assert_eq!(five.locked_until, Some(plus(15 * 60)));
        // Boundary: locked one second and one nanosecond before 15 min, free at exactly 15 min.
        assert!(five.is_locked(plus(15 * 60 - 1)));
        let just_before = plus(15 * 60)
            .checked_sub(SignedDuration::from_nanos(1))
            .expect("in range");
        assert!(five.is_locked(just_before));
        assert!(!five.is_locked(plus(15 * 60)));
        assert_eq!(five.attempts_left(&p, plus(15 * 60)), 5);
    }

    #[test]
    fn failures_while_locked_do_not_extend_the_lock() {
        let p = LockoutPolicy::default();
        let locked = fail_times(&p, 5, t0());
        let again = locked.record_failure(&p, plus(14 * 60));
        assert_eq!(again, locked);
        assert!(!again.is_locked(plus(15 * 60)));
    }

    #[test]
    fn counting_restarts_after_a_lock_runs_out() {
        let p = LockoutPolicy::default();
        let locked = fail_times(&p, 5, t0());
        let after = locked.record_failure(&p, plus(15 * 60));
        assert_eq!(after.failures, 1);
        assert_eq!(after.locked_until, None);
        assert!(!after.is_locked(plus(15 * 60)));
    }

    #[test]
    fn success_and_unlock_clear_everything() {
        let p = LockoutPolicy::default();
        let three = fail_times(&p, 3, t0());
        assert_eq!(three.record_success(), LockoutState::CLEAR);
        let locked = fail_times(&p, 5, t0());
        assert!(!locked.unlock().is_locked(t0()));
        // Success resets the count: four more failures do not lock.
        let s = fail_times(&p, 4, t0()).record_success();
        let s = (0..4).fold(s, |s, _| s.record_failure(&p, t0()));
        assert!(!s.is_locked(t0()));
    }

    #[test]
    fn configurable() {
        let p = LockoutPolicy {
            max_failures: 3,
            lock_for: SignedDuration::from_mins(30),
        };
        assert!(p.validate().is_ok());
        let s = fail_times(&p, 3, t0());
        assert!(s.is_locked(plus(30 * 60 - 1)));
        assert!(!s.is_locked(plus(30 * 60)));
        assert!(
            LockoutPolicy {
                max_failures: 0,
                ..p
            }
            .validate()
            .is_err()
        );
        assert!(
            LockoutPolicy {
                lock_for: SignedDuration::ZERO,
                ..p
            }
            .validate()
            .is_err()
        );
    }

    proptest! {
        /// Whatever the sequence of attempts, the account is locked only within `lock_for` of
        /// the failure that locked it, and never before `max_failures` consecutive failures.
        #[test]
        fn lock_never_outlasts_its_period(
            steps in proptest::collection::vec((any::<bool>(), 0i64..600), 0..40)
        ) {
            let p = LockoutPolicy::default();
            let mut s = LockoutState::CLEAR;
            let mut now = t0();
            let mut run = 0u32;
            for (ok, gap) in steps {
                now = now.checked_add(SignedDuration::from_secs(gap)).expect("in range");
                if s.is_locked(now) {
                    continue;
                }
                if ok {
                    s = s.record_success();
                    run = 0;
                } else {
                    run = if s.locked_until.is_some() { 1 } else { run + 1 };
                    s = s.record_failure(&p, now);
                    prop_assert_eq!(s.is_locked(now), run >= 5);
                    if let Some(until) = s.locked_until {
                        prop_assert_eq!(until, now.checked_add(p.lock_for).expect("in range"));
                        run = 0;
                    }
                }
            }
        }
    }
}
