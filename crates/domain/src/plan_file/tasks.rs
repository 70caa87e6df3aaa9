//! Checks of the task part of a plan: tasks, their assignments and their deliverables.

use super::issue::Problem;
use super::raw::{RawDeliverable, RawTask};
use super::validate::Checker;
use crate::deliverable::{Cadence, Counter, Deliverable, DeliverableId};
use crate::task::{Assignment, Task, TaskGroup, TaskId};
use crate::unit::UnitRegistry;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::HashSet;
use toml::Spanned;

impl Checker<'_> {
    pub(super) fn tasks(
        &mut self,
        raw: Vec<Spanned<RawTask>>,
        units: &UnitRegistry,
        groups: &[TaskGroup],
        year: Option<i16>,
    ) -> Vec<Task> {
        let mut ids = HashSet::new();
        let mut deliverable_ids = HashSet::new();
        let mut out = Vec::new();
        for (i, t) in raw.into_iter().enumerate() {
            let span = t.span();
            let path = format!("tasks[{i}]");
            let t = t.into_inner();
            let group = self.req(t.group, &span, &path, "group").and_then(|g| {
                let gspan = g.span();
                let v = *g.get_ref();
                match u8::try_from(v) {
                    Ok(n) if groups.iter().any(|x| x.number == n) => Some(n),
                    _ => {
                        self.push(
                            Some(gspan),
                            format!("{path}.group"),
                            Problem::UnknownGroup(v),
                        );
                        None
                    }
                }
            });
            let number = self
                .req(t.number, &span, &path, "number")
                .and_then(|n| self.positive(n, format!("{path}.number"), "任务序号 (task number)"));
            let title = self.text(t.title, &span, &path, "title");
            let text = self.text(t.text, &span, &path, "text");
            if t.assignments.is_empty() {
                self.push(
                    Some(span.clone()),
                    format!("{path}.assignments"),
                    Problem::Missing("assignments"),
                );
            }
            let assignments = self.assignments(t.assignments, units, &path);
            let deliverables: Vec<Deliverable> = t
                .deliverables
                .into_iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    self.deliverable(
                        d,
                        format!("{path}.deliverables[{j}]"),
                        year,
                        &mut deliverable_ids,
                    )
                })
                .collect();
            let (Some(group), Some(number)) = (group, number) else {
                continue;
            };
            if !ids.insert((group, number)) {
                self.push(
                    Some(span.clone()),
                    format!("{path}.number"),
                    Problem::Duplicate {
                        kind: "任务",
                        id: TaskId::new(group, number).to_string(),
                    },
                );
                continue;
            }
            if let (Some(title), Some(text)) = (title, text) {
                out.push(Task {
                    id: TaskId::new(group, number),
                    group,
                    number,
                    title,
                    text,
                    assignments,
                    deliverables,
                });
            }
        }
        out
    }

    fn assignments(
        &mut self,
        raw: Vec<Spanned<super::raw::RawAssignment>>,
        units: &UnitRegistry,
        path: &str,
    ) -> Vec<Assignment> {
        let mut out = Vec::new();
        for (k, a) in raw.into_iter().enumerate() {
            let aspan = a.span();
            let apath = format!("{path}.assignments[{k}]");
            let a = a.into_inner();
            if a.lead.is_empty() {
                self.push(
                    Some(aspan.clone()),
                    format!("{apath}.lead"),
                    Problem::Missing("lead"),
                );
            }
            let names = |list: Vec<Spanned<String>>, field: &str, c: &mut Self| -> Vec<String> {
                list.into_iter()
                    .enumerate()
                    .map(|(m, n)| {
                        let nspan = n.span();
                        let n = n.into_inner().trim().to_string();
                        if units.resolve(&n).is_none() {
                            c.push(
                                Some(nspan),
                                format!("{apath}.{field}[{m}]"),
                                Problem::UnknownUnit(n.clone()),
                            );
                        }
                        n
                    })
                    .collect()
            };
            let lead = names(a.lead, "lead", self);
            let co = names(a.co, "co", self);
            out.push(Assignment {
                scope: a.scope.trim().to_string(),
                lead,
                co,
            });
        }
        out
    }

    fn deliverable(
        &mut self,
        d: Spanned<RawDeliverable>,
        path: String,
        year: Option<i16>,
        seen: &mut HashSet<String>,
    ) -> Option<Deliverable> {
        let span = d.span();
        let d = d.into_inner();
        let id = self.text(d.id, &span, &path, "id");
        if let Some(id) = &id
            && !seen.insert(id.clone())
        {
            self.push(
                Some(span.clone()),
                format!("{path}.id"),
                Problem::Duplicate {
                    kind: "量化任务",
                    id: id.clone(),
                },
            );
        }
        let description = self.text(d.description, &span, &path, "description");
        let target = self.req(d.target, &span, &path, "target").and_then(|n| {
            let nspan = n.span();
            let v = self.number(n, format!("{path}.target"))?;
            if v <= Decimal::ZERO {
                self.push(
                    Some(nspan),
                    format!("{path}.target"),
                    Problem::BadNumber(format!("目标数量 {v} 应大于 0 (target must be positive)")),
                );
                return None;
            }
            Some(v)
        });
        let target_max = d
            .target_max
            .and_then(|n| self.number(n, format!("{path}.target_max")));
        if let (Some(t), Some(m)) = (target, target_max)
            && m < t
        {
            self.push(
                Some(span.clone()),
                format!("{path}.target_max"),
                Problem::Inconsistent(format!("上限 {m} 小于目标 {t} (target_max below target)")),
            );
        }
        let unit = self.text(d.unit, &span, &path, "unit");
        let start = match d.start {
            Some(s) => self.date(s, format!("{path}.start")),
            None => year.map(|y| Date::constant(y, 1, 1)),
        };
        let due = self
            .req(d.due, &span, &path, "due")
            .and_then(|s| self.date(s, format!("{path}.due")));
        if let (Some(s), Some(e)) = (start, due)
            && s > e
        {
            self.push(
                Some(span.clone()),
                format!("{path}.due"),
                Problem::Inconsistent(format!("完成时限 {e} 早于起始日期 {s} (due before start)")),
            );
        }
        let cadence = match d.cadence {
            Some(c) => self.code(
                c,
                format!("{path}.cadence"),
                Cadence::from_code,
                "by_due, monthly, half_yearly, continuous",
            ),
            None => Some(Cadence::ByDue),
        };
        let counted_by = d.counted_by.and_then(|c| {
            self.code(
                c,
                format!("{path}.counted_by"),
                Counter::from_code,
                "diesel.road_checks, diesel.home_checks, outfalls.closed",
            )
        });
        let whole = d.whole.unwrap_or(true);
        if whole
            && let Some(t) = target
            && !t.fract().is_zero()
        {
            self.push(
                Some(span.clone()),
                format!("{path}.target"),
                Problem::Inconsistent(format!(
                    "计件任务的目标 {t} 应为整数 (a count target must be whole)"
                )),
            );
        }
        Some(Deliverable {
            id: DeliverableId::new(&id?),
            description: description?,
            target: target?,
            target_max,
            unit: unit?,
            whole,
            start: start?,
            due: due?,
            cadence: cadence?,
            counted_by,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::deliverable::Counter;
    use crate::plan_file::{Problem, parse_plan};

    const PLAN: &str = include_str!("../../../../plans/qianjiang-2023.toml");

    #[test]
    fn counted_by_names_a_ledger() {
        let plan = parse_plan(PLAN).expect("plan");
        let counter = |id: &str| {
            plan.deliverables()
                .find(|(_, d)| d.id.as_str() == id)
                .and_then(|(_, d)| d.counted_by)
        };
        assert_eq!(
            counter("diesel-road-checks"),
            Some(Counter::DieselRoadChecks)
        );
        assert_eq!(
            counter("diesel-home-checks"),
            Some(Counter::DieselHomeChecks)
        );
        assert_eq!(counter("yangtze-outfalls"), Some(Counter::OutfallsClosed));
        assert_eq!(counter("ten-actions-four-lists"), None);
        let broken = PLAN.replacen(
            "counted_by = \"outfalls.closed\"",
            "counted_by = \"outfalls.open\"",
            1,
        );
        let issues = parse_plan(&broken).expect_err("unknown ledger");
        assert!(
            issues.iter().any(
                |i| matches!(&i.problem, Problem::BadCode { value, .. } if value == "outfalls.open")
            ),
            "{issues:#?}"
        );
    }
}
