//! 演示数据 — demonstration progress for `ecogov demo`, every record flagged as demo data.
//!
//! The figures are invented to show the ledger at work on an evaluation date inside the plan
//! year; they are not the bureau's records.

use anyhow::Context;
use ecogov_domain::progress::{ReportInput, check_report};
use ecogov_store::Store;
use jiff::civil::Date;

/// The demo's evaluation date: the end of the third quarter of the plan year.
pub(crate) const AS_OF: Date = Date::constant(2023, 9, 30);

/// (deliverable, unit, date, value, note)
const REPORTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "sihu-compensation-agreement",
        "水科",
        "2023-03-28",
        "1",
        "与荆州市人民政府签订协议",
    ),
    (
        "soil-groundwater-rural-work-plan",
        "土科",
        "2023-03-10",
        "1",
        "方案已印发",
    ),
    (
        "algal-bloom-watch",
        "水科",
        "2023-01-31",
        "1",
        "1月水华巡查监测",
    ),
    (
        "algal-bloom-watch",
        "水科",
        "2023-02-28",
        "1",
        "2月水华巡查监测",
    ),
    (
        "algal-bloom-watch",
        "水科",
        "2023-03-31",
        "1",
        "3月水华巡查监测",
    ),
    (
        "algal-bloom-watch",
        "水科",
        "2023-04-28",
        "1",
        "4月水华巡查监测",
    ),
    (
        "biodiversity-day-campaign",
        "生态科",
        "2023-05-22",
        "1",
        "5.22宣传活动",
    ),
    (
        "theme-campaign-days",
        "宣教中心",
        "2023-06-05",
        "1",
        "六五环境日",
    ),
    (
        "theme-campaign-days",
        "宣教中心",
        "2023-05-22",
        "1",
        "生物多样性日",
    ),
    ("facility-open-days", "宣教中心", "2023-03-15", "2", ""),
    ("facility-open-days", "宣教中心", "2023-06-05", "2", ""),
    (
        "press-conferences",
        "宣教中心",
        "2023-06-02",
        "1",
        "六五环境日新闻发布会",
    ),
    ("eco-village-provincial", "生态科", "2023-08-30", "2", ""),
    ("rural-black-odorous-water", "土科", "2023-06-30", "3", ""),
    ("rural-black-odorous-water", "土科", "2023-09-20", "2", ""),
    (
        "water-auto-stations-new",
        "监测站",
        "2023-07-31",
        "3",
        "建成试运行",
    ),
    (
        "water-auto-stations-upgraded",
        "监测站",
        "2023-05-31",
        "2",
        "",
    ),
    (
        "special-enforcement-actions",
        "综合执法支队",
        "2023-04-30",
        "2",
        "医疗废物、饮用水源地",
    ),
    (
        "special-enforcement-actions",
        "综合执法支队",
        "2023-08-31",
        "3",
        "",
    ),
];

/// Monthly reports Jan–Sep: (deliverable, unit, value per month as text).
///
/// The diesel checks and the Yangtze outfalls are not reported here: their deliverables are
/// `counted_by` the ledgers, which `demo_ledgers` fills (a report here would count twice).
const MONTHLY: &[(&str, &str, &[&str])] = &[
    (
        "cross-boundary-bulletins",
        "监测站",
        &["1", "1", "1", "1", "1", "1", "1", "1"],
    ),
    (
        "city-lakes-monthly-monitoring",
        "监测站",
        &["1", "1", "1", "1", "1", "1", "1", "1", "1"],
    ),
    (
        "industrial-park-wwtp-dispatch",
        "水科",
        &["1", "1", "1", "1", "1", "1", "1", "1", "1"],
    ),
];

/// Writes the demo reports if the database has none yet; returns how many were written.
pub(crate) async fn seed(store: &Store) -> anyhow::Result<usize> {
    let stored = store.plan(None).await?;
    if store.progress_count(stored.id).await? > 0 {
        return Ok(0);
    }
    let mut inputs: Vec<(String, &str, String, &str, &str)> = REPORTS
        .iter()
        .map(|(d, u, date, v, n)| (d.to_string(), *u, date.to_string(), *v, *n))
        .collect();
    for (deliverable, unit, values) in MONTHLY {
        for (m, v) in values.iter().enumerate() {
            let month = m + 1;
            let end = Date::new(2023, month as i8, 1)
                .map(|d| d.last_of_month())
                .context("demo month")?;
            inputs.push((deliverable.to_string(), unit, end.to_string(), v, ""));
        }
    }
    for (deliverable, unit, date, value, note) in &inputs {
        let input = ReportInput {
            deliverable,
            value,
            date,
            unit,
            note: Some(note),
        };
        let report = check_report(&stored.plan, input, AS_OF, true)
            .with_context(|| format!("演示数据无效 (invalid demo record) {deliverable} {date}"))?;
        store.record_progress(stored.id, &report, "demo").await?;
    }
    Ok(inputs.len())
}
