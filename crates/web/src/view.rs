//! Builds what pages show from the stored plan, its progress reports and the evaluation date.

use crate::status::{self, Badge};
use crate::{AppError, AppState};
use ecogov_domain::plan::Plan;
use ecogov_domain::progress::{
    DeliverableProgress, ProgressReport, ProgressStatus, parse_date, summarize, task_status,
};
use ecogov_domain::task::Task;
use ecogov_store::StoredPlan;
use jiff::civil::Date;
use serde::Deserialize;

/// `?as_of=YYYY-MM-DD` on any page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AsOfQuery {
    pub as_of: Option<String>,
}

/// The page frame: title, navigation, demo banner and evaluation date.
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    pub page_title: String,
    pub plan_title: String,
    pub demo: bool,
    pub as_of: String,
    /// `?as_of=…` to keep the chosen date on links, or empty.
    pub keep: String,
}

impl Chrome {
    /// Whether someone is signed in (forms that change things are shown only then; the demo's
    /// open ledger is read-only).
    pub fn signed_in(&self) -> bool {
        crate::auth::current().is_some()
    }

    /// `用户名（单位 · 角色）` of the signed-in account, or empty.
    pub fn user(&self) -> String {
        crate::auth::current()
            .map(|u| {
                format!(
                    "{}（{} · {}）",
                    u.account.name.as_str(),
                    u.account.unit.as_str(),
                    u.account.role.label()
                )
            })
            .unwrap_or_default()
    }
}

/// The plan with its reports, judged on one date.
pub(crate) struct Ledger {
    pub stored: StoredPlan,
    pub reports: Vec<ProgressReport>,
    pub as_of: Date,
    pub chrome: Chrome,
}

impl Ledger {
    pub async fn load(
        state: &AppState,
        query: &AsOfQuery,
        page_title: &str,
    ) -> Result<Self, AppError> {
        let (as_of, keep) = match query.as_of.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(text) => {
                let d = parse_date(text).ok_or_else(|| {
                    AppError::BadRequest(format!(
                        "评估日期“{text}”无效，应为 YYYY-MM-DD (bad date)"
                    ))
                })?;
                (d, format!("?as_of={d}"))
            }
            None => (state.as_of.date(), String::new()),
        };
        let stored = state.store.plan(None).await?;
        let reports = state.store.progress_reports(stored.id).await?;
        let chrome = Chrome {
            page_title: page_title.to_string(),
            plan_title: stored.plan.title.clone(),
            demo: state.demo,
            as_of: as_of.to_string(),
            keep,
        };
        Ok(Self {
            stored,
            reports,
            as_of,
            chrome,
        })
    }

    pub fn plan(&self) -> &Plan {
        &self.stored.plan
    }

    pub fn rows(&self) -> Vec<DeliverableProgress<'_>> {
        summarize(&self.stored.plan, &self.reports, self.as_of)
    }

    pub fn chrome_titled(&self, title: String) -> Chrome {
        Chrome {
            page_title: title,
            ..self.chrome.clone()
        }
    }
}

/// The status of `task` among `rows`.
pub(crate) fn status_of(task: &Task, rows: &[DeliverableProgress<'_>]) -> Option<ProgressStatus> {
    task_status(
        rows.iter()
            .filter(|r| r.task.id == task.id)
            .map(|r| r.status),
    )
}

/// A row of a task table.
#[derive(Debug, Clone)]
pub(crate) struct TaskRow {
    pub id: String,
    pub label: String,
    pub title: String,
    pub lead: String,
    pub co: String,
    pub status: Badge,
    pub deliverables: usize,
    /// For a unit's page: 牵头 or 配合.
    pub role: &'static str,
}

pub(crate) fn task_row(
    task: &Task,
    rows: &[DeliverableProgress<'_>],
    role: &'static str,
) -> TaskRow {
    TaskRow {
        id: task.id.to_string(),
        label: task.label(),
        title: task.title.clone(),
        lead: task.lead_units().join("、"),
        co: task.co_units().join("、"),
        status: status::badge(status_of(task, rows)),
        deliverables: task.deliverables.len(),
        role,
    }
}

/// One deliverable with its progress, ready to show.
#[derive(Debug, Clone)]
pub(crate) struct DeliverableRow {
    pub id: String,
    pub task_id: String,
    pub description: String,
    pub target: String,
    pub actual: String,
    pub expected: String,
    pub percent: String,
    pub due: String,
    pub cadence: &'static str,
    pub status: Badge,
    pub demo: bool,
}

pub(crate) fn deliverable_row(r: &DeliverableProgress<'_>) -> DeliverableRow {
    let d = r.deliverable;
    DeliverableRow {
        id: d.id.to_string(),
        task_id: r.task.id.to_string(),
        description: d.description.clone(),
        target: d.target_label(),
        actual: format!("{} {}", r.actual.normalize(), d.unit),
        expected: format!("{} {}", r.expected.normalize(), d.unit),
        percent: r.percent().round_dp(1).normalize().to_string(),
        due: if d.start == Date::constant(d.due.year(), 1, 1) {
            d.due.to_string()
        } else {
            format!("{} 至 {}", d.start, d.due)
        },
        cadence: d.cadence.label(),
        status: status::badge(Some(r.status)),
        demo: r.demo,
    }
}

/// Escapes text for HTML and SVG.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal stacked bar (SVG) of status counts, with a `<title>` tooltip on each part.
pub(crate) fn status_bar(counts: &[(Option<ProgressStatus>, usize)], width: u32) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut svg = format!(
        r#"<svg class="bar" role="img" width="{width}" height="14" viewBox="0 0 {width} 14" xmlns="http://www.w3.org/2000/svg">"#
    );
    if total == 0 {
        svg.push_str(&format!(
            r##"<rect width="{width}" height="14" fill="#eef0f2"/>"##
        ));
    }
    let mut x = 0u32;
    for (i, (s, n)) in counts.iter().enumerate() {
        if *n == 0 || total == 0 {
            continue;
        }
        let last = counts[i + 1..].iter().all(|(_, m)| *m == 0);
        let w = if last {
            width - x
        } else {
            (width as usize * n / total) as u32
        };
        let label = status::badge(*s).label;
        svg.push_str(&format!(
            r#"<rect x="{x}" width="{w}" height="14" fill="{}"><title>{}：{n}</title></rect>"#,
            status::colour(*s),
            escape(label)
        ));
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

/// A small vertical bar (SVG) for a percentage, 0–100, coloured by how complete it is.
pub(crate) fn status_bar_percent(percent: f64) -> String {
    let p = percent.clamp(0.0, 100.0);
    let h = (p * 0.16).round() as u32;
    let colour = if p >= 90.0 {
        "#2f9e44"
    } else if p >= 75.0 {
        "#e8a317"
    } else {
        "#d9480f"
    };
    format!(
        r##"<svg width="8" height="16" viewBox="0 0 8 16" xmlns="http://www.w3.org/2000/svg"><rect width="8" height="16" fill="#eef0f2"/><rect y="{}" width="8" height="{h}" fill="{colour}"/></svg>"##,
        16 - h
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_parts_fill_the_width() {
        let svg = status_bar(
            &[
                (Some(ProgressStatus::Done), 1),
                (Some(ProgressStatus::Behind), 2),
                (None, 0),
            ],
            90,
        );
        assert!(svg.contains(r#"x="0" width="30""#), "{svg}");
        assert!(svg.contains(r#"x="30" width="60""#), "{svg}");
        assert!(svg.contains("已完成：1"));
        assert!(!svg.contains("定性任务"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
