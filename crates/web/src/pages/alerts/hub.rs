//! 预警与通报 — the staff page: the warning scheme in force, the warning and its measures, the
//! forecasts (with a server-rendered SVG of the AQI ranges against the thresholds), the warning
//! log with every reason, and the latest water alerts with each unit's acknowledgement.

use crate::view::{AsOfQuery, Chrome, Ledger, escape};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use ecogov_domain::warning::{Forecast, WarningState};
use ecogov_store::beijing_time_text;
use std::sync::Arc;

pub(super) struct EventRow {
    date: String,
    kind: &'static str,
    summary: String,
    actor: String,
    scheme: String,
}

pub(super) struct ForecastRow {
    date: String,
    range: String,
    primary: String,
    source: String,
}

pub(super) struct MeasureRow {
    kind: &'static str,
    text: String,
}

pub(super) struct AlertRow {
    id: i64,
    rule: &'static str,
    section: String,
    time: String,
    message: String,
    acks: Vec<(String, bool)>,
}

pub(super) struct LevelRow {
    name: String,
    conditions: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_hub.html")]
pub(crate) struct HubPage {
    chrome: Chrome,
    scheme: String,
    scheme_note: String,
    levels: Vec<LevelRow>,
    status: String,
    status_css: &'static str,
    measures: Vec<MeasureRow>,
    measures_example: bool,
    forecasts: Vec<ForecastRow>,
    chart: String,
    events: Vec<EventRow>,
    alerts: Vec<AlertRow>,
}

/// Bars of the forecast AQI range per day, with the 200 and 300 lines; plain SVG text.
fn forecast_chart(list: &[Forecast]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let (w, h, left, top) = (640.0_f32, 180.0_f32, 36.0_f32, 10.0_f32);
    let plot_h = h - top - 24.0;
    let y = |aqi: u16| top + plot_h * (1.0 - f32::from(aqi.min(500)) / 500.0);
    let step = (w - left - 10.0) / list.len() as f32;
    let mut svg = format!(
        r#"<svg class="alert-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="预报AQI"><title>预报AQI范围与预警阈值</title>"#
    );
    for (aqi, label, css) in [(200, "200", "line-200"), (300, "300", "line-300")] {
        let yy = y(aqi);
        svg.push_str(&format!(
            r#"<line class="{css}" x1="{left}" x2="{}" y1="{yy}" y2="{yy}"/><text x="2" y="{}">{label}</text>"#,
            w - 10.0,
            yy + 4.0
        ));
    }
    for (i, f) in list.iter().enumerate() {
        let x = left + step * i as f32 + step * 0.2;
        let (yl, yh) = (y(f.aqi_low()), y(f.aqi_high()));
        let css = match f.aqi_high() {
            a if a > 300 => "bar-severe",
            a if a > 200 => "bar-heavy",
            _ => "bar-ok",
        };
        svg.push_str(&format!(
            r#"<rect class="{css}" x="{x}" y="{yh}" width="{}" height="{}"><title>{} AQI {}</title></rect><text x="{x}" y="{}">{}</text>"#,
            step * 0.6,
            (yl - yh).max(2.0),
            f.date(),
            escape(&f.range_text()),
            h - 6.0,
            f.date().strftime("%m-%d")
        ));
    }
    svg.push_str("</svg>");
    svg
}

pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AsOfQuery>,
) -> Result<HubPage, AppError> {
    let ledger = Ledger::load(&state, &q, "预警与通报").await?;
    let store = &state.store;
    let settings = store.warning_settings().await?;
    let levels = settings
        .scheme
        .levels()
        .iter()
        .rev()
        .map(|r| LevelRow {
            name: format!("{}（{}）", r.level, r.grade),
            conditions: r
                .any_of
                .iter()
                .map(|g| {
                    g.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("且")
                })
                .collect::<Vec<_>>()
                .join("；或"),
        })
        .collect();
    let (log, events) = store.warning_log().await?;
    let table = store.warning_measures().await?;
    let (status, status_css, measures) = match log.state() {
        WarningState::Inactive => ("当前无预警".to_string(), "none", Vec::new()),
        WarningState::Active {
            level,
            issued_on,
            changed_on,
        } => (
            format!("{level}（{issued_on} 发布，{changed_on} 最近调整）"),
            level.code(),
            table
                .in_force(level)
                .into_iter()
                .map(|m| MeasureRow {
                    kind: m.kind.label(),
                    text: m.text.clone(),
                })
                .collect(),
        ),
    };
    let from = ledger
        .as_of
        .checked_sub(jiff::Span::new().days(3))
        .unwrap_or(ledger.as_of);
    let stored = store.forecasts_from(from).await?;
    let shown: Vec<Forecast> = stored.iter().take(14).map(|f| f.forecast.clone()).collect();
    let forecasts = stored
        .iter()
        .take(14)
        .map(|f| ForecastRow {
            date: f.forecast.date().to_string(),
            range: f.forecast.range_text(),
            primary: f
                .forecast
                .primary()
                .iter()
                .map(|p| p.symbol())
                .collect::<Vec<_>>()
                .join("、"),
            source: format!("{}（{}）", f.source, f.entered_by),
        })
        .collect();
    let events = events
        .iter()
        .rev()
        .map(|e| EventRow {
            date: e.event.date.to_string(),
            kind: e.event.kind.label(),
            summary: e.event.summary(),
            actor: format!("{} · {}", e.actor, beijing_time_text(e.recorded_at)),
            scheme: e.scheme.clone(),
        })
        .collect();
    let alerts = store
        .water_alerts(50)
        .await?
        .into_iter()
        .map(|a| AlertRow {
            id: a.id,
            rule: a.rule.label(),
            section: a.section,
            time: a.time.strftime("%Y-%m-%d %H:%M").to_string(),
            message: a.message,
            acks: a.acknowledged,
        })
        .collect();
    Ok(HubPage {
        chrome: ledger.chrome_titled("预警与通报".into()),
        scheme: format!(
            "{}（研判取预测范围{}）",
            settings.scheme.name(),
            settings.bound.label()
        ),
        scheme_note: if settings.chosen {
            settings.scheme.source().to_string()
        } else {
            format!(
                "默认方案，尚未由本局选定（ecogov warning scheme --choose mep_2017|guidance_2018）；依据：{}",
                settings.scheme.source()
            )
        },
        levels,
        status,
        status_css,
        measures,
        measures_example: table.example,
        chart: forecast_chart(&shown),
        forecasts,
        events,
        alerts,
    })
}
