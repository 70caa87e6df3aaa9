//! 口令复杂度 — the password policy.
//!
//! Source: GB/T 22239-2019 第三级 8.1.4.1 身份鉴别 a) "身份鉴别信息具有复杂度要求并定期更换";
//! the default figures (8 characters, 3 of 4 classes, not the user name) are ecogov rule (issue 7).

use super::{AccountError, positive};
use jiff::{SignedDuration, Timestamp};
use std::fmt;

/// 字符类别 — the four classes a password's characters are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// 大写字母 — `A`–`Z`.
    Upper,
    /// 小写字母 — `a`–`z`.
    Lower,
    /// 数字 — `0`–`9`.
    Digit,
    /// 其他字符 — anything else: punctuation, space, Chinese characters, non-ASCII letters.
    Other,
}

impl CharClass {
    /// The class of one character (ASCII letters and digits; everything else is other).
    pub fn of(c: char) -> Self {
        if c.is_ascii_uppercase() {
            Self::Upper
        } else if c.is_ascii_lowercase() {
            Self::Lower
        } else if c.is_ascii_digit() {
            Self::Digit
        } else {
            Self::Other
        }
    }
}

/// How many of the four classes occur in `password`.
pub fn class_count(password: &str) -> u8 {
    let mut seen = [false; 4];
    for c in password.chars() {
        let i = match CharClass::of(c) {
            CharClass::Upper => 0,
            CharClass::Lower => 1,
            CharClass::Digit => 2,
            CharClass::Other => 3,
        };
        seen[i] = true;
    }
    // At most 4, so the narrowing cannot lose anything.
    seen.iter().filter(|s| **s).count() as u8
}

/// One rule a password fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordFailure {
    /// Shorter than the minimum (counted in characters, not bytes).
    #[error("口令长度至少 {min} 个字符，当前 {actual} 个 (too short)")]
    TooShort {
        /// The policy's minimum.
        min: usize,
        /// The password's length.
        actual: usize,
    },
    /// Too few character classes.
    #[error(
        "口令须包含大写字母、小写字母、数字、其他字符中至少 {min} 类，当前 {actual} 类 (too few character classes)"
    )]
    TooFewClasses {
        /// The policy's minimum.
        min: u8,
        /// The classes present.
        actual: u8,
    },
    /// The same as the user name (ignoring ASCII case and surrounding white space).
    #[error("口令不能与用户名相同 (must differ from the user name)")]
    SameAsUsername,
}

/// A refused password with every rule it fails, in the order of the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakPassword(pub Vec<PasswordFailure>);

impl fmt::Display for WeakPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("口令不符合要求 (password refused): ")?;
        for (i, failure) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("；")?;
            }
            write!(f, "{failure}")?;
        }
        Ok(())
    }
}

impl std::error::Error for WeakPassword {}

/// 口令策略 — configurable password rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// 最小长度 — minimum length in characters. Default 8.
    pub min_length: usize,
    /// 最少字符类别 — minimum number of the four classes ([`CharClass`]), 1 to 4. Default 3.
    pub min_classes: u8,
    /// 不得与用户名相同 — refuse a password equal to the user name. Default on.
    pub differ_from_username: bool,
    /// 口令有效期 — after this long the password must be changed (等保 8.1.4.1 a) 定期更换);
    /// `None` (the default) for no expiry.
    pub max_age: Option<SignedDuration>,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 8,
            min_classes: 3,
            differ_from_username: true,
            max_age: None,
        }
    }
}

impl PasswordPolicy {
    /// Checks the settings themselves: a length of at least 1, 1 to 4 classes, a positive
    /// maximum age.
    pub fn validate(&self) -> Result<(), AccountError> {
        if self.min_length == 0 {
            return Err(AccountError::BadPasswordPolicy("最小长度须至少为 1"));
        }
        if !(1..=4).contains(&self.min_classes) {
            return Err(AccountError::BadPasswordPolicy("字符类别数须为 1 至 4"));
        }
        if self.max_age.is_some_and(|d| !positive(d)) {
            return Err(AccountError::BadPasswordPolicy("口令有效期须为正"));
        }
        Ok(())
    }

    /// Checks `password` for the account `username`, reporting every rule it fails.
    pub fn check(&self, username: &str, password: &str) -> Result<(), WeakPassword> {
        let mut failures = Vec::new();
        let length = password.chars().count();
        if length < self.min_length {
            failures.push(PasswordFailure::TooShort {
                min: self.min_length,
                actual: length,
            });
        }
        let classes = class_count(password);
        if classes < self.min_classes {
            failures.push(PasswordFailure::TooFewClasses {
                min: self.min_classes,
                actual: classes,
            });
        }
        if self.differ_from_username && password.trim().eq_ignore_ascii_case(username.trim()) {
            failures.push(PasswordFailure::SameAsUsername);
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(WeakPassword(failures))
        }
    }

    /// Whether a password last changed at `changed_at` has expired by `now` (never when
    /// `max_age` is `None`). Expired exactly when `now − changed_at ≥ max_age`.
    pub fn password_expired(&self, changed_at: Timestamp, now: Timestamp) -> bool {
        self.max_age
            .is_some_and(|max| now.duration_since(changed_at) >= max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn failures(username: &str, password: &str) -> Vec<PasswordFailure> {
        match PasswordPolicy::default().check(username, password) {
            Ok(()) => Vec::new(),
            Err(WeakPassword(f)) => f,
        }
    }

    #[test]
    fn defaults_accept_good_passwords() {
        assert_eq!(failures("shuike01", "Qj-2023eco"), vec![]);
        assert_eq!(failures("shuike01", "abcdEF12"), vec![]);
        assert_eq!(failures("shuike01", "潜江abc123"), vec![]);
    }

    #[test]
    fn every_failed_rule_is_reported() {
        assert_eq!(
            failures("abc", "abc"),
            vec![
                PasswordFailure::TooShort { min: 8, actual: 3 },
                PasswordFailure::TooFewClasses { min: 3, actual: 1 },
                PasswordFailure::SameAsUsername,
            ]
        );
        assert_eq!(
            failures("u", "abcdefgh"),
            vec![PasswordFailure::TooFewClasses { min: 3, actual: 1 }]
        );
        assert_eq!(
            failures("u", "Ab1!"),
            vec![PasswordFailure::TooShort { min: 8, actual: 4 }]
        );
        assert_eq!(
            failures("Admin-2023x", "admin-2023X"),
            vec![PasswordFailure::SameAsUsername]
        );
    }

    #[test]
    fn length_boundary_counts_characters() {
        assert_eq!(
            failures("u", "Ab1!Ab1"),
            vec![PasswordFailure::TooShort { min: 8, actual: 7 }]
        );
        assert_eq!(failures("u", "Ab1!Ab1!"), vec![]);
        // Eight characters, 24 bytes: long enough.
        assert_eq!(failures("u", "生态环境局潜江A1"), vec![]);
    }

    #[test]
    fn configurable() {
        let p = PasswordPolicy {
            min_length: 12,
            min_classes: 4,
            differ_from_username: false,
            max_age: None,
        };
        assert!(p.validate().is_ok());
        assert_eq!(
            p.check("Abcdefgh1!xy", "Abcdefgh1!xy"),
            Ok(()),
            "user-name rule switched off"
        );
        assert!(p.check("u", "Abcdefgh1xyz").is_err());
        let bad = PasswordPolicy {
            min_classes: 5,
            ..PasswordPolicy::default()
        };
        assert!(bad.validate().is_err());
        let bad = PasswordPolicy {
            min_length: 0,
            ..PasswordPolicy::default()
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn messages_list_every_failure() {
        let text = PasswordPolicy::default()
            .check("abc", "abc")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(text.contains("至少 8 个字符"), "{text}");
        assert!(text.contains("至少 3 类"), "{text}");
        assert!(text.contains("用户名相同"), "{text}");
    }

    #[test]
    fn expiry_boundary() {
        let p = PasswordPolicy {
            max_age: Some(SignedDuration::from_hours(24 * 90)),
            ..PasswordPolicy::default()
        };
        let t0: Timestamp = "2023-01-01T00:00:00Z".parse().expect("timestamp");
        let at = |h: i64| {
            t0.checked_add(SignedDuration::from_hours(h))
                .expect("in range")
        };
        assert!(!p.password_expired(t0, at(24 * 90 - 1)));
        assert!(p.password_expired(t0, at(24 * 90)));
        assert!(!PasswordPolicy::default().password_expired(t0, at(24 * 9000)));
    }

    proptest! {
        #[test]
        fn report_matches_each_rule(username in "[a-zA-Z0-9]{1,10}", password in "\\PC{0,16}") {
            let f = failures(&username, &password);
            let len = password.chars().count();
            prop_assert_eq!(f.iter().any(|x| matches!(x, PasswordFailure::TooShort { .. })), len < 8);
            prop_assert_eq!(
                f.iter().any(|x| matches!(x, PasswordFailure::TooFewClasses { .. })),
                class_count(&password) < 3
            );
            prop_assert_eq!(
                f.contains(&PasswordFailure::SameAsUsername),
                password.trim().eq_ignore_ascii_case(&username)
            );
        }
    }
}
