//! `ecogov targets` — every target indicator on a date: value so far, last year, status, what the
//! rest of the year must achieve; as a table, as JSON, or as the monthly report workbook.

use crate::json::number;
use crate::ledger_cmd::as_of_date;
use crate::output;
use ecogov_domain::target_eval::{Evaluation, evaluate};
use ecogov_store::Store;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct MonthJson {
    month: i8,
    this_year: Value,
    last_year: Value,
}

#[derive(Serialize)]
struct SectionJson {
    name: String,
    level: &'static str,
    target: Option<&'static str>,
    class: Option<&'static str>,
    months_assessed: i64,
    months_meeting: i64,
    can_still_fail: Option<i64>,
}

#[derive(Serialize)]
struct ProjectionJson {
    value: Value,
    method: String,
}

#[derive(Serialize)]
struct TargetJson {
    id: String,
    area: &'static str,
    measure: String,
    comparator: &'static str,
    threshold: Value,
    unit: Option<String>,
    source: &'static str,
    binding: Option<String>,
    /// The value so far as a JSON number, and exactly as computed.
    value: Value,
    value_exact: Option<String>,
    shown: String,
    last_year: Value,
    status: &'static str,
    status_label: &'static str,
    budget: Option<String>,
    projection: Option<ProjectionJson>,
    synthetic: bool,
    monthly: Vec<MonthJson>,
    sections: Vec<SectionJson>,
    trail: Vec<String>,
}

#[derive(Serialize)]
struct ReportJson {
    plan: String,
    as_of: String,
    targets: Vec<TargetJson>,
}

fn opt(v: Option<rust_decimal::Decimal>) -> Value {
    v.map_or(Value::Null, number)
}

fn to_json(e: &Evaluation) -> TargetJson {
    let t = &e.target;
    TargetJson {
        id: t.id.clone(),
        area: t.area.code(),
        measure: t.measure.clone(),
        comparator: t.comparator.code(),
        threshold: opt(t.threshold),
        unit: t.unit.clone(),
        source: t.source.code(),
        binding: t.binding.map(|b| b.code()),
        value: opt(e.value),
        value_exact: e.value.map(|v| v.normalize().to_string()),
        shown: e.shown.clone(),
        last_year: opt(e.last_year),
        status: e.status.code(),
        status_label: e.status.label(),
        budget: e.budget.clone(),
        projection: e.projection.as_ref().map(|p| ProjectionJson {
            value: number(p.value),
            method: p.method.clone(),
        }),
        synthetic: e.synthetic,
        monthly: e
            .monthly
            .iter()
            .map(|p| MonthJson {
                month: p.month,
                this_year: opt(p.this_year),
                last_year: opt(p.last_year),
            })
            .collect(),
        sections: e
            .sections
            .iter()
            .map(|s| SectionJson {
                name: s.section.name.clone(),
                level: s.section.level.code(),
                target: s.section.target.map(|c| c.symbol()),
                class: s.class.map(|c| c.symbol()),
                months_assessed: s.months_assessed,
                months_meeting: s.months_meeting,
                can_still_fail: s.can_still_fail,
            })
            .collect(),
        trail: e.trail.clone(),
    }
}

pub(crate) async fn targets(
    db: &str,
    as_of: Option<&str>,
    json: bool,
    xlsx: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let as_of = as_of_date(as_of)?;
    let store = Store::open(db, false).await?;
    let stored = store.plan(None).await?;
    let inputs = store.target_inputs(stored.id, &stored.plan, as_of).await?;
    let evaluations = evaluate(&stored.plan, &inputs);
    let synthetic = evaluations.iter().any(|e| e.synthetic);
    if let Some(path) = xlsx {
        ecogov_io::export::targets_xlsx(
            path,
            &stored.plan.title,
            inputs.as_of,
            &evaluations,
            synthetic,
        )?;
    }
    if json {
        return output::json(&ReportJson {
            plan: stored.plan.title.clone(),
            as_of: inputs.as_of.to_string(),
            targets: evaluations.iter().map(to_json).collect(),
        })
        .map(|()| ExitCode::SUCCESS);
    }
    let mut rows = vec![
        ["领域", "指标", "目标", "当前", "上年同期", "状态", "余量"]
            .map(String::from)
            .to_vec(),
    ];
    for e in &evaluations {
        let t = &e.target;
        rows.push(vec![
            t.area.label().to_string(),
            output::clip(&t.measure, 24),
            t.threshold_label(),
            e.shown.clone(),
            e.last_year.map(|v| e.show(Some(v))).unwrap_or_default(),
            e.status.label().to_string(),
            e.budget.clone().unwrap_or_default(),
        ]);
    }
    output::line(&output::table(&rows))?;
    output::line(&format!(
        "评估日期 {}；共 {} 项指标{}",
        inputs.as_of,
        evaluations.len(),
        if synthetic {
            "（含模拟数据）"
        } else {
            ""
        }
    ))?;
    if let Some(path) = xlsx {
        output::line(&format!("已写入 (written) {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
