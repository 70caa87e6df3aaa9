//! 重点工作任务 — task groups, tasks and who carries them out.

use crate::deliverable::Deliverable;
use crate::unit::{Unit, UnitRegistry};
use std::fmt;

/// A task's identifier: group and number, e.g. `2.1` for (二)1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId(String);

impl TaskId {
    /// The identifier of task `number` of group `group`.
    pub fn new(group: u8, number: u8) -> Self {
        Self(format!("{group}.{number}"))
    }

    /// Parses `G.N` (both positive integers).
    pub fn parse(text: &str) -> Option<(u8, u8)> {
        let (g, n) = text.trim().split_once('.')?;
        let g: u8 = g.parse().ok()?;
        let n: u8 = n.parse().ok()?;
        (g > 0 && n > 0).then_some((g, n))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Chinese numeral of a group number, as the plan numbers its groups: 一 … 十.
pub fn group_numeral(group: u8) -> String {
    const N: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match group {
        1..=10 => N[usize::from(group - 1)].to_string(),
        _ => group.to_string(),
    }
}

/// 任务组 — one of the numbered groups (一)…(六) of 重点工作任务及措施.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskGroup {
    /// 1 for (一), 2 for (二) …
    pub number: u8,
    /// The heading, e.g. 扎实推动绿色低碳发展.
    pub title: String,
}

impl TaskGroup {
    /// The heading as the plan prints it: `(一)扎实推动绿色低碳发展`.
    pub fn label(&self) -> String {
        format!("（{}）{}", group_numeral(self.number), self.title)
    }
}

/// 职责 — a unit's role on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 牵头单位 — lead unit.
    Lead,
    /// 配合单位 — co-operating unit.
    Co,
}

impl Role {
    /// The code used on the command line and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Co => "co",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Lead => "牵头",
            Self::Co => "配合",
        }
    }
}

/// 分工 — one part of a task with its own lead and co-operating units.
///
/// Most tasks have one part. Some give different leads for different sentences: (一)1 has
/// 审批科 for the 环评 service and 综合执法支队 for 监管执法; (四)3 has three parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The sentences of the task this part covers, verbatim.
    pub scope: String,
    /// 牵头单位 — lead units, exactly as written.
    pub lead: Vec<String>,
    /// 配合单位 — co-operating units, exactly as written.
    pub co: Vec<String>,
}

/// 重点工作任务 — one task of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// `G.N`.
    pub id: TaskId,
    /// The group number.
    pub group: u8,
    /// The number within the group.
    pub number: u8,
    /// The short title (the first sentence of the task, e.g. 全力服务推进优化营商环境).
    pub title: String,
    /// The task's full text, verbatim from the plan.
    pub text: String,
    /// Who leads and co-operates, per part.
    pub assignments: Vec<Assignment>,
    /// The quantified deliverables the text names.
    pub deliverables: Vec<Deliverable>,
}

fn unique_in_order<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for n in names {
        if !out.contains(&n.as_str()) {
            out.push(n);
        }
    }
    out
}

impl Task {
    /// The label as the plan numbers it: `(二)1`.
    pub fn label(&self) -> String {
        format!("（{}）{}", group_numeral(self.group), self.number)
    }

    /// 牵头单位 of all parts, as written, without repeats, in order.
    pub fn lead_units(&self) -> Vec<&str> {
        unique_in_order(self.assignments.iter().flat_map(|a| a.lead.iter()))
    }

    /// 配合单位 of all parts, as written, without repeats, in order.
    pub fn co_units(&self) -> Vec<&str> {
        unique_in_order(self.assignments.iter().flat_map(|a| a.co.iter()))
    }

    /// The role of `unit` on this task: lead if it leads any part, else co if it co-operates on
    /// any part (directly or through a collective name such as 各科室), else none.
    pub fn role_of(&self, units: &UnitRegistry, unit: &Unit) -> Option<Role> {
        let named = |list: &[String]| list.iter().any(|w| units.designates(w, unit));
        if self.assignments.iter().any(|a| named(&a.lead)) {
            Some(Role::Lead)
        } else if self.assignments.iter().any(|a| named(&a.co)) {
            Some(Role::Co)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_parse() {
        assert_eq!(TaskId::parse("2.1"), Some((2, 1)));
        assert_eq!(TaskId::parse("0.1"), None);
        assert_eq!(TaskId::parse("a.1"), None);
        assert_eq!(TaskId::parse("21"), None);
        assert_eq!(TaskId::new(6, 4).as_str(), "6.4");
    }

    #[test]
    fn numerals() {
        assert_eq!(group_numeral(1), "一");
        assert_eq!(group_numeral(6), "六");
        assert_eq!(group_numeral(12), "12");
    }
}
