//! 年度工作计划 — the whole plan, and the questions asked of it.

use crate::deliverable::{Deliverable, DeliverableId};
use crate::target::TargetIndicator;
use crate::task::{Role, Task, TaskGroup};
use crate::unit::{Unit, UnitRegistry};
use jiff::civil::Date;

/// 年度重点工作任务 — one year's plan of the bureau.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The plan year.
    pub year: i16,
    /// 标题, e.g. 潜江市生态环境局2023年重点工作任务.
    pub title: String,
    /// 发布机构.
    pub issuer: String,
    /// 发布日期.
    pub published: Date,
    /// 总体要求 — the general requirements, verbatim.
    pub general: String,
    /// 城市 — the city whose air and water the targets are about (its stations' `city`).
    pub city: Option<String>,
    /// The units the plan names, in its order.
    pub units: UnitRegistry,
    /// 主要目标 in the plan's order.
    pub targets: Vec<TargetIndicator>,
    /// The task groups (一)…(六).
    pub groups: Vec<TaskGroup>,
    /// All tasks, in the plan's order.
    pub tasks: Vec<Task>,
}

impl Plan {
    /// The first day of the plan year.
    pub fn year_start(&self) -> Date {
        Date::constant(self.year, 1, 1)
    }

    /// The last day of the plan year.
    pub fn year_end(&self) -> Date {
        Date::constant(self.year, 12, 31)
    }

    /// The task with this id (`2.1`).
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id.as_str() == id.trim())
    }

    /// The tasks of a group, in order.
    pub fn tasks_in_group(&self, group: u8) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(move |t| t.group == group)
    }

    /// The deliverable with this id and the task it belongs to.
    pub fn deliverable(&self, id: &DeliverableId) -> Option<(&Task, &Deliverable)> {
        self.tasks
            .iter()
            .find_map(|t| t.deliverables.iter().find(|d| &d.id == id).map(|d| (t, d)))
    }

    /// Every deliverable with its task, in plan order.
    pub fn deliverables(&self) -> impl Iterator<Item = (&Task, &Deliverable)> {
        self.tasks
            .iter()
            .flat_map(|t| t.deliverables.iter().map(move |d| (t, d)))
    }

    /// The tasks in which `unit` has a role, with that role, optionally only one role.
    pub fn tasks_for_unit<'a>(
        &'a self,
        unit: &'a Unit,
        only: Option<Role>,
    ) -> impl Iterator<Item = (&'a Task, Role)> + 'a {
        self.tasks.iter().filter_map(move |t| {
            let role = t.role_of(&self.units, unit)?;
            (only.is_none() || only == Some(role)).then_some((t, role))
        })
    }
}
