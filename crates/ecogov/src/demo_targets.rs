//! 演示目标数据 — example thresholds, entered figures and records for `ecogov demo`, so the
//! overview shows every kind of indicator at work. All invented and labelled 演示: the real
//! thresholds are handed down by the province, the figures come from the bureau's sections.

use anyhow::Context;
use ecogov_domain::number::parse_decimal;
use ecogov_domain::progress::parse_date;
use ecogov_domain::target_eval::{Component, EnteredFigure, RecordOutcome, TargetRecord};
use ecogov_store::Store;

const BY: &str = "演示";
const NOTE: &str = "演示示例值，非省厅下达";

/// (target, threshold) — example thresholds for indicators the province sets.
const THRESHOLDS: &[(&str, &str)] = &[
    ("air-pm25-annual-mean", "37"),
    ("air-good-days-ratio", "85.2"),
    ("air-heavy-pollution-days", "2"),
    ("water-national-good-ratio", "100"),
    ("water-national-worse-than-v-ratio", "0"),
    ("water-provincial-good-ratio", "100"),
    ("water-provincial-worse-than-v-ratio", "0"),
    ("water-function-zone-compliance", "85"),
    ("soil-groundwater-quality", "80"),
    ("waste-industrial-hazardous-utilisation", "95"),
    ("totals-nox-reduction", "260"),
    ("totals-cod-reduction", "900"),
];

/// (component code, value)
type Figures = &'static [(&'static str, &'static str)];

/// (target, date, figures, source)
const FIGURES: &[(&str, &str, Figures, &str)] = &[
    (
        "soil-polluted-farmland-safe-use",
        "2023-06-30",
        &[("value", "92.6")],
        "演示：土科半年核算",
    ),
    (
        "climate-co2-intensity-reduction",
        "2023-06-30",
        &[
            ("co2", "468.2"),
            ("gdp", "452.7"),
            ("co2_prev", "479.5"),
            ("gdp_prev", "436.1"),
        ],
        "演示：市统计局半年数据",
    ),
    (
        "soil-rural-sewage-treatment-increase",
        "2023-06-30",
        &[("rate", "38.5"), ("rate_prev", "35.0")],
        "演示：土科台账",
    ),
    (
        "totals-nox-reduction",
        "2023-06-30",
        &[("value", "141")],
        "演示：总量减排台账",
    ),
];

/// (target, date, outcome, description)
const RECORDS: &[(&str, &str, &str, &str)] = &[
    (
        "radiation-source-safe-disposal",
        "2023-04-18",
        "safe",
        "演示：Ⅴ类废旧放射源 1 枚送贮",
    ),
    (
        "radiation-source-safe-disposal",
        "2023-08-22",
        "safe",
        "演示：Ⅳ类废旧放射源 1 枚返回生产单位",
    ),
    (
        "radiation-source-safe-disposal",
        "2023-09-12",
        "pending",
        "演示：Ⅴ类放射源 1 枚待收贮",
    ),
];

/// Writes the demo's target data; returns how many rows were written.
pub(crate) async fn seed(store: &Store) -> anyhow::Result<usize> {
    let stored = store.plan(None).await?;
    let mut n = 0;
    for (id, value) in THRESHOLDS {
        let v = parse_decimal(value).map_err(|e| anyhow::anyhow!("{id}: {e}"))?;
        store
            .set_target_threshold(stored.id, id, v, BY, Some(NOTE))
            .await?;
        n += 1;
    }
    for (id, date, figures, source) in FIGURES {
        let mut components = Vec::new();
        for (code, value) in figures.iter() {
            let c = Component::from_code(code).context("demo component")?;
            let v = parse_decimal(value).map_err(|e| anyhow::anyhow!("{id}: {e}"))?;
            components.push((c, v));
        }
        let figure = EnteredFigure {
            target: id.to_string(),
            as_of: parse_date(date).context("demo date")?,
            components,
            source: source.to_string(),
            entered_by: BY.to_string(),
            entered_at: 0,
        };
        store.enter_target_figure(stored.id, &figure).await?;
        n += 1;
    }
    for (id, date, outcome, description) in RECORDS {
        let record = TargetRecord {
            target: id.to_string(),
            date: parse_date(date).context("demo date")?,
            outcome: RecordOutcome::from_code(outcome).context("demo outcome")?,
            description: description.to_string(),
            entered_by: BY.to_string(),
        };
        store.add_target_record(stored.id, &record).await?;
        n += 1;
    }
    Ok(n)
}
