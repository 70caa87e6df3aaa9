//! Problems found in a plan file, each with where it is.

use std::fmt;

/// What is wrong at one place of a plan file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The text is not valid TOML or does not have the plan's shape.
    #[error("格式错误：{0} (syntax or shape error)")]
    Syntax(String),
    /// A required field is absent.
    #[error("缺少必填项“{0}” (missing required field)")]
    Missing(&'static str),
    /// A unit name that is neither a registered unit nor one of its aliases.
    #[error("未登记的单位“{0}” (unknown unit: not in [[units]])")]
    UnknownUnit(String),
    /// Two things of the same kind share an identifier.
    #[error("重复的{kind}标识“{id}” (duplicate {kind} id)")]
    Duplicate {
        /// What kind of thing (单位, 指标, 任务, 量化任务 …).
        kind: &'static str,
        /// The repeated identifier.
        id: String,
    },
    /// A date that is not `YYYY-MM-DD` or does not exist.
    #[error("日期“{0}”无效，应为 YYYY-MM-DD (bad date)")]
    BadDate(String),
    /// A code outside its list of allowed values.
    #[error("“{value}”不是有效的取值，可选：{allowed} (invalid value)")]
    BadCode {
        /// The value found.
        value: String,
        /// The values allowed.
        allowed: &'static str,
    },
    /// A number that is malformed, written as a float, or out of range.
    #[error("数值无效：{0} (bad number)")]
    BadNumber(String),
    /// Something that contradicts another field.
    #[error("{0}")]
    Inconsistent(String),
    /// A task group that has no `[[groups]]` entry.
    #[error("任务组 {0} 未定义 (group not defined in [[groups]])")]
    UnknownGroup(i64),
}

/// One problem and where it is: a line (1-based, when known) and a path such as
/// `tasks[3].deliverables[0].due`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanIssue {
    /// 1-based line of the value in the file, when known.
    pub line: Option<usize>,
    /// Path to the value (`tasks[3].assignments[0].lead[1]`).
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for PlanIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "第 {l} 行 (line {l}): {}: {}", self.path, self.problem),
            None => write!(f, "{}: {}", self.path, self.problem),
        }
    }
}
