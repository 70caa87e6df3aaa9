//! 监测数据 — the stations and sections the system holds data for, and how complete the data are.

use crate::view::{AsOfQuery, Chrome, Ledger, status_bar_percent};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use ecogov_standards::water::WaterBody;
use std::sync::Arc;

struct StationRow {
    code: String,
    name: String,
    city: String,
    level: &'static str,
    control_point: bool,
    months: Vec<MonthCell>,
    total: String,
}

struct MonthCell {
    label: String,
    bar: String,
}

struct SectionRow {
    name: String,
    water: String,
    body: &'static str,
    level: &'static str,
    target: String,
    district: String,
    boundary: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "data.html")]
pub(crate) struct DataPage {
    chrome: Chrome,
    synthetic: bool,
    stations: Vec<StationRow>,
    sections: Vec<SectionRow>,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<DataPage, AppError> {
    let ledger = Ledger::load(&state, &q, "监测数据").await?;
    let store = &state.store;
    let synthetic = store.has_synthetic_data().await?;
    let coverage = store.air_coverage().await?;
    let stations = store
        .air_stations()
        .await?
        .into_iter()
        .filter(|s| coverage.iter().any(|c| c.station == s.code) || s.city.contains("潜江"))
        .map(|s| {
            let mine: Vec<_> = coverage.iter().filter(|c| c.station == s.code).collect();
            let (hours, expected) = mine.iter().fold((0u64, 0u64), |(h, e), c| {
                (h + u64::from(c.hours), e + u64::from(c.expected))
            });
            let pct = |h: u64, e: u64| {
                if e == 0 {
                    0.0
                } else {
                    h as f64 * 100.0 / e as f64
                }
            };
            StationRow {
                code: s.code.to_string(),
                name: s.name.clone(),
                city: s.city.clone(),
                level: s.level.label(),
                control_point: s.control_point,
                months: mine
                    .iter()
                    .map(|c| {
                        let p = pct(u64::from(c.hours), u64::from(c.expected));
                        MonthCell {
                            label: format!(
                                "{}年{}月：{} / {} 小时（{p:.1}%）",
                                c.month.year(),
                                c.month.month(),
                                c.hours,
                                c.expected
                            ),
                            bar: status_bar_percent(p),
                        }
                    })
                    .collect(),
                total: format!("{:.1}%", pct(hours, expected)),
            }
        })
        .collect();
    let sections = store
        .water_sections()
        .await?
        .into_iter()
        .map(|s| SectionRow {
            name: s.name,
            water: s.water,
            body: match s.body {
                WaterBody::River => "河流",
                WaterBody::LakeReservoir => "湖库",
            },
            level: s.level.label(),
            target: s.target.map(|c| c.to_string()).unwrap_or_default(),
            district: s.district.unwrap_or_default(),
            boundary: match (s.upstream, s.downstream) {
                (Some(u), Some(d)) => format!("{u} → {d}"),
                _ => String::new(),
            },
        })
        .collect();
    Ok(DataPage {
        chrome: ledger.chrome_titled("监测数据".into()),
        synthetic,
        stations,
        sections,
    })
}
