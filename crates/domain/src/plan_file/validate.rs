//! Checks a raw plan and builds the domain [`Plan`], collecting every problem with its place.

use super::issue::{PlanIssue, Problem};
use super::raw::{RawNumber, RawPlan, RawTarget, RawUnit};
use crate::number::parse_decimal;
use crate::plan::Plan;
use crate::target::{Binding, Comparator, TargetArea, TargetIndicator, ThresholdSource};
use crate::task::TaskGroup;
use crate::unit::{Unit, UnitKind, UnitName, UnitRegistry};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

/// Parses and validates a plan file's text. On failure, every problem found is returned, in
/// file order.
pub fn parse_plan(text: &str) -> Result<Plan, Vec<PlanIssue>> {
    let mut c = Checker {
        src: text,
        issues: Vec::new(),
    };
    let raw: RawPlan = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| c.line(s.start));
            let message = e.message().trim().to_string();
            return Err(vec![PlanIssue {
                line,
                path: "(file)".into(),
                problem: Problem::Syntax(message),
            }]);
        }
    };
    let plan = c.plan(raw);
    if c.issues.is_empty()
        && let Some(plan) = plan
    {
        return Ok(plan);
    }
    c.issues.sort_by_key(|i| i.line.unwrap_or(0));
    Err(c.issues)
}

/// Collects problems while building the plan; shared with [`super::tasks`].
pub(super) struct Checker<'s> {
    src: &'s str,
    issues: Vec<PlanIssue>,
}

impl Checker<'_> {
    pub(super) fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.src.len());
        self.src.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    pub(super) fn push(
        &mut self,
        span: Option<Range<usize>>,
        path: impl Into<String>,
        problem: Problem,
    ) {
        let line = span.map(|s| self.line(s.start));
        self.issues.push(PlanIssue {
            line,
            path: path.into(),
            problem,
        });
    }

    /// A required field: reports it missing at the parent's position.
    pub(super) fn req<T>(
        &mut self,
        v: Option<Spanned<T>>,
        parent: &Range<usize>,
        path: &str,
        field: &'static str,
    ) -> Option<Spanned<T>> {
        if v.is_none() {
            self.push(
                Some(parent.clone()),
                format!("{path}.{field}"),
                Problem::Missing(field),
            );
        }
        v
    }

    pub(super) fn text(
        &mut self,
        v: Option<Spanned<String>>,
        parent: &Range<usize>,
        path: &str,
        field: &'static str,
    ) -> Option<String> {
        let v = self.req(v, parent, path, field)?;
        let span = v.span();
        let s = v.into_inner().trim().to_string();
        if s.is_empty() {
            self.push(
                Some(span),
                format!("{path}.{field}"),
                Problem::Missing(field),
            );
            return None;
        }
        Some(s)
    }

    pub(super) fn date(&mut self, v: Spanned<String>, path: String) -> Option<Date> {
        let span = v.span();
        let s = v.into_inner();
        let well_formed = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        match s.parse::<Date>() {
            Ok(d) if well_formed => Some(d),
            _ => {
                self.push(Some(span), path, Problem::BadDate(s));
                None
            }
        }
    }

    pub(super) fn number(&mut self, v: Spanned<RawNumber>, path: String) -> Option<Decimal> {
        let span = v.span();
        let parsed = match v.into_inner() {
            RawNumber::Int(i) => Ok(Decimal::from(i)),
            RawNumber::Text(t) => parse_decimal(&t).map_err(|e| e.to_string()),
            RawNumber::Float(f) => Err(format!(
                "{f} 是浮点写法，小数请加引号，如 \"87.7\" (write decimals in quotes)"
            )),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                self.push(Some(span), path, Problem::BadNumber(e));
                None
            }
        }
    }

    /// A small positive integer (group and task numbers), reported at its place otherwise.
    pub(super) fn positive(&mut self, n: Spanned<i64>, path: String, what: &str) -> Option<u8> {
        match u8::try_from(*n.get_ref()) {
            Ok(v) if v > 0 => Some(v),
            _ => {
                let message = format!(
                    "{what} {} 应为正整数 (must be a positive integer)",
                    n.get_ref()
                );
                self.push(Some(n.span()), path, Problem::BadNumber(message));
                None
            }
        }
    }

    pub(super) fn code<E>(
        &mut self,
        v: Spanned<String>,
        path: String,
        parse: fn(&str) -> Option<E>,
        allowed: &'static str,
    ) -> Option<E> {
        let span = v.span();
        let s = v.into_inner();
        let parsed = parse(s.trim());
        if parsed.is_none() {
            self.push(Some(span), path, Problem::BadCode { value: s, allowed });
        }
        parsed
    }

    fn plan(&mut self, raw: RawPlan) -> Option<Plan> {
        let top = 0..0;
        let year = self.req(raw.year, &top, "plan", "year").and_then(|y| {
            let span = y.span();
            let v = y.into_inner();
            match i16::try_from(v) {
                Ok(v) if (2000..=2100).contains(&v) => Some(v),
                _ => {
                    self.push(
                        Some(span),
                        "year",
                        Problem::BadNumber(format!("年份 {v} 超出 2000–2100 (year out of range)")),
                    );
                    None
                }
            }
        });
        let title = self.text(raw.title, &top, "plan", "title");
        let issuer = raw
            .issuer
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if issuer.is_none() {
            self.push(None, "issuer", Problem::Missing("issuer"));
        }
        let published = self
            .req(raw.published, &top, "plan", "published")
            .and_then(|p| self.date(p, "published".into()));
        let units = self.units(raw.units);
        let targets = self.targets(raw.targets);
        let groups = self.groups(raw.groups);
        let tasks = self.tasks(raw.tasks, &units, &groups, year);
        Some(Plan {
            year: year?,
            title: title?,
            issuer: issuer?,
            published: published?,
            general: raw.general.trim().to_string(),
            city: raw
                .city
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            units,
            targets,
            groups,
            tasks,
        })
    }

    fn units(&mut self, raw: Vec<Spanned<RawUnit>>) -> UnitRegistry {
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for (i, u) in raw.into_iter().enumerate() {
            let span = u.span();
            let path = format!("units[{i}]");
            let RawUnit {
                name,
                kind,
                aliases,
                covers,
                note,
            } = u.into_inner();
            let name = self.text(name, &span, &path, "name");
            let kind = self.req(kind, &span, &path, "kind").and_then(|k| {
                self.code(
                    k,
                    format!("{path}.kind"),
                    UnitKind::from_code,
                    "section, affiliated, collective, external",
                )
            });
            let mut alias_list = Vec::new();
            for (j, a) in aliases.into_iter().enumerate() {
                let aspan = a.span();
                let a = a.into_inner().trim().to_string();
                if !seen.insert(a.clone()) {
                    self.push(
                        Some(aspan),
                        format!("{path}.aliases[{j}]"),
                        Problem::Duplicate {
                            kind: "单位",
                            id: a,
                        },
                    );
                } else {
                    alias_list.push(a);
                }
            }
            let mut cover_list = Vec::new();
            for (j, c) in covers.into_iter().enumerate() {
                if let Some(k) = self.code(
                    c,
                    format!("{path}.covers[{j}]"),
                    UnitKind::from_code,
                    "section, affiliated",
                ) {
                    cover_list.push(k);
                }
            }
            if kind == Some(UnitKind::Collective) && cover_list.is_empty() {
                // A collective with nothing covered is allowed (各基层党组织): it names no unit of
                // the registry, so it grants no role to any unit.
            } else if kind.is_some() && kind != Some(UnitKind::Collective) && !cover_list.is_empty()
            {
                self.push(Some(span.clone()), format!("{path}.covers"), Problem::Inconsistent("只有泛指单位（collective）可以有 covers (only a collective unit covers others)".into()));
            }
            if let Some(n) = &name
                && !seen.insert(n.clone())
            {
                self.push(
                    Some(span.clone()),
                    format!("{path}.name"),
                    Problem::Duplicate {
                        kind: "单位",
                        id: n.clone(),
                    },
                );
                continue;
            }
            if let (Some(name), Some(kind)) = (name, kind) {
                out.push(Unit {
                    name: UnitName::new(&name),
                    kind,
                    aliases: alias_list,
                    covers: cover_list,
                    note: note.map(|n| n.trim().to_string()),
                });
            }
        }
        UnitRegistry::new(out)
    }

    fn targets(&mut self, raw: Vec<Spanned<RawTarget>>) -> Vec<TargetIndicator> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, t) in raw.into_iter().enumerate() {
            let span = t.span();
            let path = format!("targets[{i}]");
            let t = t.into_inner();
            let id = self.text(t.id, &span, &path, "id");
            if let Some(id) = &id
                && !seen.insert(id.clone())
            {
                self.push(
                    Some(span.clone()),
                    format!("{path}.id"),
                    Problem::Duplicate {
                        kind: "指标",
                        id: id.clone(),
                    },
                );
            }
            let area = self.req(t.area, &span, &path, "area").and_then(|a| {
                self.code(
                    a,
                    format!("{path}.area"),
                    TargetArea::from_code,
                    "water, air, soil, ecology, climate, solid_waste, emission_totals, radiation",
                )
            });
            let measure = self.text(t.measure, &span, &path, "measure");
            let text = self.text(t.text, &span, &path, "text");
            let comparator = self
                .req(t.comparator, &span, &path, "comparator")
                .and_then(|c| {
                    self.code(
                        c,
                        format!("{path}.comparator"),
                        Comparator::from_code,
                        "ge, le, eq, qualitative",
                    )
                });
            let source = self.req(t.source, &span, &path, "source").and_then(|s| {
                self.code(
                    s,
                    format!("{path}.source"),
                    ThresholdSource::from_code,
                    "plan, province, none",
                )
            });
            let threshold = t
                .threshold
                .and_then(|n| self.number(n, format!("{path}.threshold")));
            match (comparator, source, threshold) {
                (Some(Comparator::Qualitative), _, Some(_)) => self.push(Some(span.clone()), format!("{path}.threshold"), Problem::Inconsistent("定性目标不能有目标值 (a qualitative aim has no threshold)".into())),
                (Some(Comparator::Qualitative), Some(s), _) if s != ThresholdSource::None => self.push(Some(span.clone()), format!("{path}.source"), Problem::Inconsistent("定性目标的 source 应为 none (a qualitative aim has source = none)".into())),
                (Some(c), Some(ThresholdSource::None), _) if c != Comparator::Qualitative => self.push(Some(span.clone()), format!("{path}.source"), Problem::Inconsistent("量化指标的 source 应为 plan 或 province (a quantified indicator has source plan or province)".into())),
                (Some(_), Some(ThresholdSource::Plan), None) => self.push(Some(span.clone()), format!("{path}.threshold"), Problem::Missing("threshold")),
                _ => {}
            }
            let binding = t.binding.and_then(|b| {
                self.code(
                    b,
                    format!("{path}.binding"),
                    Binding::from_code,
                    Binding::CODES,
                )
            });
            if let (
                Some(id),
                Some(area),
                Some(measure),
                Some(text),
                Some(comparator),
                Some(source),
            ) = (id, area, measure, text, comparator, source)
            {
                out.push(TargetIndicator {
                    id,
                    area,
                    measure,
                    text,
                    comparator,
                    threshold,
                    unit: t.unit.filter(|u| !u.trim().is_empty()),
                    source,
                    basis: t.basis.filter(|b| !b.trim().is_empty()),
                    binding,
                });
            }
        }
        out
    }

    fn groups(&mut self, raw: Vec<Spanned<super::raw::RawGroup>>) -> Vec<TaskGroup> {
        let mut out: Vec<TaskGroup> = Vec::new();
        for (i, g) in raw.into_iter().enumerate() {
            let span = g.span();
            let path = format!("groups[{i}]");
            let g = g.into_inner();
            let number = self
                .req(g.number, &span, &path, "number")
                .and_then(|n| self.positive(n, format!("{path}.number"), "组号 (group number)"));
            let title = self.text(g.title, &span, &path, "title");
            if let Some(n) = number
                && out.iter().any(|x| x.number == n)
            {
                self.push(
                    Some(span.clone()),
                    format!("{path}.number"),
                    Problem::Duplicate {
                        kind: "任务组",
                        id: n.to_string(),
                    },
                );
                continue;
            }
            if let (Some(number), Some(title)) = (number, title) {
                out.push(TaskGroup { number, title });
            }
        }
        out
    }
}
