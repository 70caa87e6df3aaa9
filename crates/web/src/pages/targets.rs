//! 指标 — one target indicator: its value so far, the monthly picture, and how it is computed.

use crate::chart::monthly_bars;
use crate::city_air::CityAir;
use crate::view::{AsOfQuery, Chrome, Ledger};
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use ecogov_domain::target::Binding;
use ecogov_domain::target_tracking::air_standing;
use std::sync::Arc;

#[derive(Template, WebTemplate)]
#[template(path = "target.html")]
pub(crate) struct TargetPage {
    chrome: Chrome,
    area: &'static str,
    measure: String,
    text: String,
    threshold: String,
    set_by: String,
    current: String,
    projection: String,
    status: Option<(&'static str, &'static str)>,
    budget: String,
    chart: String,
    method: Vec<String>,
}

pub(crate) async fn show(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<TargetPage, AppError> {
    let ledger = Ledger::load(&state, &q, "指标").await?;
    let plan = ledger.plan();
    let t = plan
        .targets
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::NotFound(format!("指标“{id}”不存在 (no such target)")))?;
    let set = state
        .store
        .target_thresholds(ledger.stored.id)
        .await?
        .remove(&t.id);
    let mut effective = t.clone();
    if effective.threshold.is_none() {
        effective.threshold = set.as_ref().map(|s| s.value);
    }
    let air = match t.binding {
        Some(_) => CityAir::load(&state, plan, ledger.as_of).await?,
        None => None,
    };
    let projection = match (t.binding, &air) {
        (Some(b), Some(a)) => a.projection(b),
        _ => String::new(),
    };
    let (current, status, budget, chart, method) = match (t.binding, &air) {
        (Some(b), Some(a)) => {
            let standing =
                air_standing(b, t.comparator, effective.threshold, &a.stats, a.days_left);
            let unit = match b {
                Binding::AirPm25Mean => " μg/m³",
                Binding::AirGoodDaysRatio => "%",
                Binding::AirHeavyDays => " 天",
            };
            let stations: Vec<String> = a
                .stations
                .iter()
                .map(|s| {
                    format!(
                        "{} {}{}",
                        s.code,
                        s.name,
                        if s.control_point {
                            "（对照点，不计入）"
                        } else {
                            ""
                        }
                    )
                })
                .collect();
            let method = vec![
                format!("数据：{} 至 {} 的小时数据{}", a.from, a.to, if a.synthetic { "（含模拟数据）" } else { "" }),
                format!("站点：{}（城市值为各站日均值的算术平均，HJ 663）", stations.join("、")),
                "日均值有效性：每日至少 20 个有效小时；臭氧日最大 8 小时滑动平均至少 14 个有效值（GB 3095）".to_string(),
                format!("日报 AQI 按当日适用的 HJ 633 版本计算；有效天数 {} 天，优良 {} 天，重污染 {} 天", a.stats.aqi_days, a.stats.good_days, a.stats.heavy_days),
                "余量按余下天数全部为有效天估算；PM2.5 余量以时段均值代替日值之和".to_string(),
            ];
            let chart = monthly_bars(&a.monthly(b), effective.threshold, unit);
            (
                a.show(b),
                Some((standing.status.label(), standing.status.code())),
                standing.budget.unwrap_or_default(),
                chart,
                method,
            )
        }
        (Some(_), None) => (
            "暂无可用的监测数据".to_string(),
            None,
            String::new(),
            String::new(),
            vec![format!(
                "计划城市 {} 尚无空气监测站或数据",
                plan.city.as_deref().unwrap_or("（未设定）")
            )],
        ),
        (None, _) => (
            String::new(),
            None,
            String::new(),
            String::new(),
            vec!["本指标尚未与数据计算绑定，由科室填报".to_string()],
        ),
    };
    Ok(TargetPage {
        chrome: ledger.chrome_titled(t.measure.clone()),
        area: t.area.label(),
        measure: t.measure.clone(),
        text: t.text.clone(),
        threshold: effective.threshold_label(),
        set_by: set
            .filter(|_| t.threshold.is_none())
            .map(|s| {
                format!(
                    "{} 设定{}",
                    s.set_by,
                    s.note.map(|n| format!("，{n}")).unwrap_or_default()
                )
            })
            .unwrap_or_default(),
        current,
        projection,
        status,
        budget,
        chart,
        method,
    })
}
