//! 结算 — who owes whom for a period, line by line.

use super::CompensationError;
use super::agreement::Agreement;
use super::evaluate::{Evaluation, amount_words, evaluate};
use super::period::{AssessmentPeriod, PeriodKind, YearMonth};
use ecogov_standards::water::Item;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// 月度监测值 — one section's factor concentrations (mg/L) for one month, as the monthly
/// assessment publishes them (one sample or the month's mean; standards.md §5.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyValues {
    /// 断面.
    pub section: String,
    /// 月份.
    pub month: YearMonth,
    /// Factor → concentration.
    pub values: Vec<(Item, Decimal)>,
}

/// 月度明细 — one section's month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLine {
    /// The month.
    pub month: YearMonth,
    /// The month's evaluation; its amount counts only for agreements assessed by month.
    pub evaluation: Evaluation,
}

/// 考核明细 — one section over one assessment period of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 断面.
    pub section: String,
    /// The assessment period (a month, quarter or year, as the agreement assesses).
    pub period: AssessmentPeriod,
    /// The months with data.
    pub months: Vec<MonthLine>,
    /// The months without data.
    pub missing: Vec<YearMonth>,
    /// The period's evaluation (of the month itself, or of the factor means of the months with
    /// data); `None` when no month has data.
    pub evaluation: Option<Evaluation>,
    /// 金额 (万元), signed as in [`Evaluation::amount`]; zero without data.
    pub amount: Decimal,
    /// 说明.
    pub reason: String,
}

/// 结算结果 — the settlement of an agreement over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// 协议编号.
    pub agreement_id: String,
    /// 协议名称.
    pub agreement_name: String,
    /// The period settled.
    pub period: AssessmentPeriod,
    /// 上游方.
    pub upstream: String,
    /// 下游方.
    pub downstream: String,
    /// Each section × assessment period, in period order then the agreement's section order.
    pub lines: Vec<Line>,
    /// Sum of the line amounts, signed.
    pub gross: Decimal,
    /// After the annual cap, signed: positive → downstream pays upstream.
    pub net: Decimal,
    /// Whether the cap cut the amount.
    pub capped: bool,
    /// Whether every section had data for every month.
    pub complete: bool,
    /// 结算说明.
    pub reason: String,
}

impl Settlement {
    /// 付款方 — `None` when nothing is owed.
    pub fn payer(&self) -> Option<&str> {
        self.direction().map(|(payer, _)| payer)
    }

    /// 收款方 — `None` when nothing is owed.
    pub fn payee(&self) -> Option<&str> {
        self.direction().map(|(_, payee)| payee)
    }

    /// 金额 (万元), not signed.
    pub fn amount(&self) -> Decimal {
        self.net.abs()
    }

    fn direction(&self) -> Option<(&str, &str)> {
        if self.net > Decimal::ZERO {
            Some((&self.downstream, &self.upstream))
        } else if self.net < Decimal::ZERO {
            Some((&self.upstream, &self.downstream))
        } else {
            None
        }
    }
}

/// Evaluates one section's month under `agreement`; the amount counts only when the agreement
/// assesses by month.
pub fn evaluate_month(
    agreement: &Agreement,
    input: &MonthlyValues,
) -> Result<Evaluation, CompensationError> {
    evaluate(
        agreement,
        &input.section,
        &input.month.to_string(),
        &input.values,
        agreement.assessment == PeriodKind::Month,
    )
}

/// Settles `agreement` over `period` from monthly section values.
///
/// The period is split into the agreement's assessment periods (a quarter of a monthly
/// agreement is three months; a year of a quarterly one four quarters; a period shorter than
/// the assessment period is refused). For each section and assessment period: each month is
/// evaluated; the period itself is evaluated on the month's values, or on the arithmetic mean
/// of each factor over the months with data (standards.md §5.5: "arithmetic mean of valid
/// samples in the period, then classify"). A section × period without any data counts zero and
/// makes the settlement incomplete. The net is the sum of the lines, held within the annual cap
/// either way (a settlement lies within one year; settle the whole year for the binding annual
/// figure, since separately capped quarters may add up to more than the cap).
///
/// Inputs for other sections or months outside the period are ignored; two inputs for the same
/// section and month are refused.
pub fn settle(
    agreement: &Agreement,
    period: AssessmentPeriod,
    inputs: &[MonthlyValues],
) -> Result<Settlement, CompensationError> {
    agreement.validate()?;
    let units = period.split(agreement.assessment)?;
    let mut seen = HashSet::new();
    for i in inputs {
        if !seen.insert((i.section.as_str(), i.month)) {
            return Err(CompensationError::DuplicateInput {
                section: i.section.clone(),
                month: i.month,
            });
        }
    }
    let mut lines = Vec::new();
    for unit in units {
        for section in &agreement.sections {
            lines.push(line(agreement, section, unit, inputs)?);
        }
    }
    let gross: Decimal = lines.iter().map(|l| l.amount).sum();
    let net = match agreement.annual_cap {
        Some(cap) => gross.clamp(-cap, cap),
        None => gross,
    };
    let capped = net != gross;
    let complete = lines.iter().all(|l| l.missing.is_empty());
    let mut reason = format!(
        "{period} {}：{}条考核记录合计{}",
        agreement.name,
        lines.len(),
        amount_words(gross)
    );
    if capped && let Some(cap) = agreement.annual_cap {
        reason.push_str(&format!("，超过年度封顶{}万元，按封顶计", cap.normalize()));
    }
    let missing: Vec<String> = lines
        .iter()
        .flat_map(|l| l.missing.iter().map(move |m| format!("{} {m}", l.section)))
        .collect();
    if !missing.is_empty() {
        reason.push_str(&format!("；缺少监测数据：{}", missing.join("、")));
    }
    let conclusion = if net > Decimal::ZERO {
        format!(
            "{}向{}支付{}万元",
            agreement.downstream,
            agreement.upstream,
            net.normalize()
        )
    } else if net < Decimal::ZERO {
        format!(
            "{}向{}支付{}万元",
            agreement.upstream,
            agreement.downstream,
            net.abs().normalize()
        )
    } else {
        "双方互不支付".to_string()
    };
    reason.push_str(&format!("。结论：{conclusion}"));
    Ok(Settlement {
        agreement_id: agreement.id.clone(),
        agreement_name: agreement.name.clone(),
        period,
        upstream: agreement.upstream.clone(),
        downstream: agreement.downstream.clone(),
        lines,
        gross,
        net,
        capped,
        complete,
        reason,
    })
}

fn line(
    agreement: &Agreement,
    section: &str,
    unit: AssessmentPeriod,
    inputs: &[MonthlyValues],
) -> Result<Line, CompensationError> {
    let mut months = Vec::new();
    let mut missing = Vec::new();
    let mut present = Vec::new();
    for month in unit.months() {
        match inputs
            .iter()
            .find(|i| i.section == section && i.month == month)
        {
            Some(input) => {
                months.push(MonthLine {
                    month,
                    evaluation: evaluate_month(agreement, input)?,
                });
                present.push(input);
            }
            None => missing.push(month),
        }
    }
    let evaluation = match present.as_slice() {
        [] => None,
        [only] if unit.kind() == PeriodKind::Month => Some(evaluate_month(agreement, only)?),
        _ => {
            let n = Decimal::from(present.len());
            let means: Vec<(Item, Decimal)> = agreement
                .factors
                .iter()
                .map(|&item| {
                    let sum: Decimal = present
                        .iter()
                        .filter_map(|i| i.values.iter().find(|(x, _)| *x == item))
                        .map(|(_, v)| *v)
                        .sum();
                    (item, sum / n)
                })
                .collect();
            let label = if missing.is_empty() {
                format!("{unit}均值")
            } else {
                format!("{unit}均值（{}个月有数据）", present.len())
            };
            Some(evaluate(agreement, section, &label, &means, true)?)
        }
    };
    let (amount, reason) = match &evaluation {
        Some(e) => (e.amount, e.reason.clone()),
        None => (
            Decimal::ZERO,
            format!("{section} {unit}：缺少监测数据，未计金额"),
        ),
    };
    Ok(Line {
        section: section.to_string(),
        period: unit,
        months,
        missing,
        evaluation,
        amount,
        reason,
    })
}
