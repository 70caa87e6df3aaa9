//! 监管业务（内部） — the hub, the enterprise register, inspection records and diesel checks.

use super::{authorize_record, bad, chrome, refused, workbook};
use crate::auth::Actor;
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Redirect, Response};
use ecogov_domain::draw::InspectorId;
use ecogov_domain::enterprise::CreditCode;
use ecogov_domain::inspection::{
    CheckResult, DieselCheck, DieselCheckKind, InspectionRecord, PlateNumber,
};
use ecogov_domain::outfall::count_closed;
use ecogov_domain::petition::{DeadlineStatus, TimeLimits, deadline_status};
use ecogov_domain::progress::parse_date;
use ecogov_io::regulation::export;
use ecogov_store::DieselRecord;
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Template, WebTemplate)]
#[template(path = "reg_hub.html")]
pub(crate) struct HubPage {
    chrome: Chrome,
    year: i16,
    enterprises: usize,
    inspectors: usize,
    draws: usize,
    road: usize,
    home: usize,
    outfalls: usize,
    closed: usize,
    open_petitions: usize,
    overdue: usize,
}

fn year_range(year: i16) -> (Date, Date) {
    let start = Date::new(year, 1, 1).unwrap_or(Date::MIN);
    (start, start.last_of_year())
}

/// `/regulation`: what each ledger holds.
pub(crate) async fn hub(State(state): State<Arc<AppState>>) -> Result<HubPage, AppError> {
    let s = &state.store;
    let today = state.as_of.date();
    let (from, to) = year_range(today.year());
    let checks = s.diesel_checks(from, to).await?;
    let count = |k| checks.iter().filter(|r| r.check.kind() == k).count();
    let outfalls = s.outfalls().await?;
    let petitions = s.petitions().await?;
    let limits = TimeLimits::default();
    Ok(HubPage {
        chrome: chrome(&state, "监管业务").await?,
        year: today.year(),
        enterprises: s.enterprises().await?.len(),
        inspectors: s.inspectors(true).await?.len(),
        draws: s.draws().await?.len(),
        road: count(DieselCheckKind::RoadCheck),
        home: count(DieselCheckKind::HomeCheck),
        outfalls: outfalls.len(),
        closed: count_closed(&outfalls),
        open_petitions: petitions.iter().filter(|c| !c.state().is_closed()).count(),
        overdue: petitions
            .iter()
            .filter(|c| {
                deadline_status(c, today, &limits)
                    .is_some_and(|d| d.status == DeadlineStatus::Overdue)
            })
            .count(),
    })
}

pub(super) struct EnterpriseLine {
    name: String,
    code: String,
    class: &'static str,
    industry: String,
    address: String,
    permit: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_enterprises.html")]
pub(crate) struct EnterprisesPage {
    chrome: Chrome,
    rows: Vec<EnterpriseLine>,
}

/// `/regulation/enterprises`: the register.
pub(crate) async fn enterprises(
    State(state): State<Arc<AppState>>,
) -> Result<EnterprisesPage, AppError> {
    let rows = state
        .store
        .enterprises()
        .await?
        .iter()
        .map(|e| EnterpriseLine {
            name: e.name().to_string(),
            code: e.credit_code().to_string(),
            class: e.class().label(),
            industry: e.industry().to_string(),
            address: e.address().to_string(),
            permit: e.permit().map(|p| p.to_string()).unwrap_or_default(),
        })
        .collect();
    Ok(EnterprisesPage {
        chrome: chrome(&state, "企业名录").await?,
        rows,
    })
}

/// `/regulation/enterprises.xlsx`.
pub(crate) async fn enterprises_xlsx(
    State(state): State<Arc<AppState>>,
) -> Result<Response, AppError> {
    let list = state.store.enterprises().await?;
    workbook(
        "enterprises.xlsx",
        export::xlsx_bytes(&export::enterprises(&list)),
    )
}

pub(super) struct InspectionLine {
    date: String,
    code: String,
    draw: String,
    inspectors: String,
    findings: String,
    violation: bool,
    measures: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_inspections.html")]
pub(crate) struct InspectionsPage {
    chrome: Chrome,
    rows: Vec<InspectionLine>,
}

/// `/regulation/inspections`: every inspection and the form to record one.
pub(crate) async fn inspections(
    State(state): State<Arc<AppState>>,
) -> Result<InspectionsPage, AppError> {
    let rows = state
        .store
        .inspections(false)
        .await?
        .into_iter()
        .map(|s| InspectionLine {
            date: s.record.date().to_string(),
            code: s.record.enterprise().to_string(),
            draw: s.draw_id.map(|d| d.to_string()).unwrap_or_default(),
            inspectors: s
                .record
                .inspectors()
                .iter()
                .map(InspectorId::as_str)
                .collect::<Vec<_>>()
                .join("、"),
            findings: s.record.findings().to_string(),
            violation: s.record.violation_found(),
            measures: s.record.measures().join("；"),
        })
        .collect();
    Ok(InspectionsPage {
        chrome: chrome(&state, "执法检查记录").await?,
        rows,
    })
}

/// The inspection form: inspectors separated by spaces, commas or 、; measures one a line.
#[derive(Debug, Deserialize)]
pub(crate) struct InspectionForm {
    enterprise: String,
    date: String,
    inspectors: String,
    findings: String,
    #[serde(default)]
    violation: Option<String>,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    draw: String,
}

fn date(text: &str, field: &str) -> Result<Date, AppError> {
    parse_date(text).ok_or_else(|| bad(format!("{field}“{text}”无效，应为 YYYY-MM-DD (bad date)")))
}

/// `POST /regulation/inspections`.
pub(crate) async fn record_inspection(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(form): Form<InspectionForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:ledgers").await?;
    let inspectors = form
        .inspectors
        .split([' ', ',', '，', '、'])
        .filter_map(InspectorId::new)
        .collect();
    let enterprise = CreditCode::parse(&form.enterprise).map_err(|e| bad(e.to_string()))?;
    let draw = match form.draw.trim() {
        "" => None,
        t => Some(
            t.parse::<i64>()
                .map_err(|_| bad(format!("抽取编号“{t}”应为整数 (bad draw number)")))?,
        ),
    };
    let record = InspectionRecord::new(
        inspectors,
        enterprise,
        date(&form.date, "检查日期")?,
        &form.findings,
        form.violation.is_some(),
        form.measures.lines().map(str::to_string).collect(),
    )
    .map_err(|e| bad(e.to_string()))?;
    state
        .store
        .record_inspection(draw, &record, actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/inspections"))
}

pub(super) struct DieselLine {
    date: String,
    kind: &'static str,
    plate: String,
    enterprise: String,
    result: &'static str,
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reg_diesel.html")]
pub(crate) struct DieselPage {
    chrome: Chrome,
    year: i16,
    road: usize,
    home: usize,
    rows: Vec<DieselLine>,
    total: usize,
}

/// `?year=YYYY` (default: the year of the evaluation date).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearQuery {
    year: Option<i16>,
}

/// `/regulation/diesel`: a year's counts (the plan's ≥1000 / ≥300) and the latest records.
pub(crate) async fn diesel(
    State(state): State<Arc<AppState>>,
    Query(q): Query<YearQuery>,
) -> Result<DieselPage, AppError> {
    let year = q.year.unwrap_or_else(|| state.as_of.date().year());
    let (from, to) = year_range(year);
    let list = state.store.diesel_checks(from, to).await?;
    let count = |k| list.iter().filter(|r| r.check.kind() == k).count();
    let rows = list
        .iter()
        .take(300)
        .map(|r| DieselLine {
            date: r.check.date().to_string(),
            kind: r.check.kind().label(),
            plate: r.check.plate().map(|p| p.to_string()).unwrap_or_default(),
            enterprise: r
                .check
                .enterprise()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            result: r.check.result().label(),
            note: r.note.clone().unwrap_or_default(),
        })
        .collect();
    Ok(DieselPage {
        chrome: chrome(&state, "柴油车检测").await?,
        year,
        road: count(DieselCheckKind::RoadCheck),
        home: count(DieselCheckKind::HomeCheck),
        total: list.len(),
        rows,
    })
}

/// `/regulation/diesel.xlsx?year=`.
pub(crate) async fn diesel_xlsx(
    State(state): State<Arc<AppState>>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let year = q.year.unwrap_or_else(|| state.as_of.date().year());
    let (from, to) = year_range(year);
    let list: Vec<(DieselCheck, Option<String>)> = state
        .store
        .diesel_checks(from, to)
        .await?
        .into_iter()
        .map(|r| (r.check, r.note))
        .collect();
    workbook(
        &format!("diesel-{year}.xlsx"),
        export::xlsx_bytes(&export::diesel(&list)),
    )
}

/// The diesel form.
#[derive(Debug, Deserialize)]
pub(crate) struct DieselForm {
    kind: String,
    date: String,
    #[serde(default)]
    plate: String,
    #[serde(default)]
    enterprise: String,
    result: String,
    #[serde(default)]
    note: String,
}

/// `POST /regulation/diesel`: one check.
pub(crate) async fn add_diesel(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Form(form): Form<DieselForm>,
) -> Result<Redirect, AppError> {
    authorize_record(&state, &actor, "regulation:ledgers").await?;
    let kind =
        DieselCheckKind::parse(&form.kind).ok_or_else(|| bad("检测方式无效 (unknown kind)"))?;
    let result = match form.result.as_str() {
        "合格" => CheckResult::Pass,
        "不合格" => CheckResult::Fail,
        _ => return Err(bad("检测结果应为 合格 或 不合格 (unknown result)")),
    };
    let opt = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_string);
    let plate = opt(&form.plate)
        .map(|p| PlateNumber::parse(&p))
        .transpose()
        .map_err(|e| bad(e.to_string()))?;
    let enterprise = opt(&form.enterprise)
        .map(|c| CreditCode::parse(&c))
        .transpose()
        .map_err(|e| bad(e.to_string()))?;
    let check = DieselCheck::new(
        kind,
        date(&form.date, "检测日期")?,
        plate,
        enterprise,
        result,
    )
    .map_err(|e| bad(e.to_string()))?;
    let record = DieselRecord {
        origin: "网页表单 (web form)".into(),
        check,
        note: opt(&form.note),
    };
    state
        .store
        .add_diesel_checks(&[record], "web", actor.name())
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/regulation/diesel"))
}
