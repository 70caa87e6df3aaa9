//! 生态补偿协议文件 — one cross-boundary agreement as TOML (format: `docs/compensation.md`).
//!
//! ```toml
//! id = "tongshun-2023"
//! name = "通顺河流域横向生态补偿协议"
//! upstream = "潜江市"
//! downstream = "仙桃市"
//! sections = ["通顺河出境"]
//! body = "河流"                      # 河流 or 湖库 (default 河流)
//! factors = ["COD", "氨氮", "总磷"]   # default
//! target = "Ⅲ"
//! assessment = "季度"                # 月, 季度 or 年
//! annual_cap = "1000"                # 万元, optional
//! source = "协议文本第三条"
//!
//! [rule]
//! kind = "exceedance_bands"          # class_threshold, per_class_step or exceedance_bands
//! aggregation = "sum"                # sum or worst (exceedance_bands only)
//! ```
//!
//! Amounts and multiples are decimals written as strings (`"0.5"`) or whole numbers (`500`);
//! a TOML float is refused, because a binary float cannot hold every decimal exactly. Every
//! problem names the file, the line and the field; nothing is accepted unless all is right.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ecogov_domain::compensation::{
    Agreement, AmountRule, ExceedanceBand, FactorAggregation, PeriodKind, default_factors,
    exceedance_bands_by_multiple,
};
use ecogov_domain::number::parse_decimal;
use ecogov_standards::water::{Item, WaterBody, WaterClass};
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::{Spanned, Value};

/// One problem of an agreement file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementIssue {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The field (`rule.amount`, `sections[1]`).
    pub field: String,
    /// What is wrong, `中文 (English)`.
    pub message: String,
}

impl fmt::Display for AgreementIssue {
    /// `file:line:field: 原因 (reason)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ":{}: {}", self.field, self.message)
    }
}

/// Why an agreement file is refused.
#[derive(Debug, thiserror::Error)]
pub enum AgreementError {
    /// The file cannot be read.
    #[error("{}: 无法读取文件 (cannot read the file): {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The file has problems; all of them are listed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<AgreementIssue>),
}

type V = Option<Spanned<Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: V,
    name: V,
    upstream: V,
    downstream: V,
    sections: V,
    body: V,
    factors: V,
    target: V,
    assessment: V,
    annual_cap: V,
    source: V,
    rule: Option<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    kind: V,
    reward_if_better_than: V,
    penalty_if_worse_than: V,
    amount: V,
    per_step: V,
    aggregation: V,
    bands: Option<Vec<Spanned<RawBand>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    lower: V,
    upper: V,
    base: V,
}

/// Reads and checks an agreement file; returns the agreement and the file text (stored as is).
pub fn read(path: &Path) -> Result<(Agreement, String), AgreementError> {
    let text = std::fs::read_to_string(path).map_err(|source| AgreementError::Io {
        path: path.to_owned(),
        source,
    })?;
    let agreement = parse(path, &text).map_err(AgreementError::Invalid)?;
    Ok((agreement, text))
}

struct Ctx<'a> {
    file: &'a Path,
    text: &'a str,
    issues: Vec<AgreementIssue>,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn issue(&mut self, at: Option<usize>, field: &str, message: impl Into<String>) {
        let line = at.map(|o| self.line(o));
        self.issues.push(AgreementIssue {
            file: self.file.to_owned(),
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn required<'v>(&mut self, v: &'v V, field: &str) -> Option<&'v Spanned<Value>> {
        if v.is_none() {
            self.issue(None, field, "缺少必填项 (missing required field)");
        }
        v.as_ref()
    }

    fn text(&mut self, v: &Spanned<Value>, field: &str) -> Option<String> {
        match v.get_ref() {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) => {
                self.issue(Some(v.span().start), field, "不能为空 (must not be empty)");
                None
            }
            _ => {
                self.issue(Some(v.span().start), field, "应为文字 (must be a string)");
                None
            }
        }
    }

    fn decimal(&mut self, v: &Spanned<Value>, field: &str) -> Option<Decimal> {
        let at = Some(v.span().start);
        match v.get_ref() {
            Value::Integer(i) => Some(Decimal::from(*i)),
            Value::String(s) => match parse_decimal(s) {
                Ok(d) if d >= Decimal::ZERO => Some(d),
                Ok(d) => {
                    self.issue(at, field, format!("不能为负数 {d} (must not be negative)"));
                    None
                }
                Err(_) => {
                    self.issue(at, field, format!("不是数值 “{s}” (not a decimal)"));
                    None
                }
            },
            Value::Float(_) => {
                self.issue(
                    at,
                    field,
                    "小数请写成字符串，如 \"0.5\" (write decimals as strings: a float is inexact)",
                );
                None
            }
            _ => {
                self.issue(at, field, "应为数值 (must be a number)");
                None
            }
        }
    }

    fn class(&mut self, v: &Spanned<Value>, field: &str) -> Option<WaterClass> {
        let t = self.text(v, field)?;
        match WaterClass::from_str(&t) {
            Ok(c) if c != WaterClass::WorseThanV => Some(c),
            _ => {
                self.issue(
                    Some(v.span().start),
                    field,
                    format!("“{t}”不是Ⅰ–Ⅴ类 (must be a class Ⅰ–Ⅴ)"),
                );
                None
            }
        }
    }

    fn strings(&mut self, v: &Spanned<Value>, field: &str) -> Option<Vec<String>> {
        let Value::Array(list) = v.get_ref() else {
            self.issue(
                Some(v.span().start),
                field,
                "应为列表，如 [\"甲\", \"乙\"] (must be a list)",
            );
            return None;
        };
        let mut out = Vec::new();
        for (i, x) in list.iter().enumerate() {
            match x {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                _ => self.issue(
                    Some(v.span().start),
                    &format!("{field}[{i}]"),
                    "应为非空文字 (must be a non-empty string)",
                ),
            }
        }
        Some(out)
    }
}

/// Parses and checks an agreement's text; `file` is named in the problems.
pub fn parse(file: &Path, text: &str) -> Result<Agreement, Vec<AgreementIssue>> {
    let mut c = Ctx {
        file,
        text,
        issues: Vec::new(),
    };
    let raw: Raw = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let at = e.span().map(|s| s.start);
            c.issue(
                at,
                "(file)",
                format!("格式错误 (syntax error): {}", e.message().trim()),
            );
            return Err(c.issues);
        }
    };
    let get_text = |c: &mut Ctx<'_>, v: &V, f: &str| c.required(v, f).and_then(|v| c.text(v, f));
    let id = get_text(&mut c, &raw.id, "id");
    let name = get_text(&mut c, &raw.name, "name");
    let upstream = get_text(&mut c, &raw.upstream, "upstream");
    let downstream = get_text(&mut c, &raw.downstream, "downstream");
    let source = match &raw.source {
        Some(v) => c.text(v, "source"),
        None => Some(String::new()),
    };
    let sections = c
        .required(&raw.sections, "sections")
        .and_then(|v| c.strings(v, "sections"));
    let body = match &raw.body {
        None => Some(WaterBody::River),
        Some(v) => match c.text(v, "body").as_deref() {
            Some("河流" | "river") => Some(WaterBody::River),
            Some("湖库" | "湖泊" | "水库" | "lake") => Some(WaterBody::LakeReservoir),
            Some(other) => {
                c.issue(
                    Some(v.span().start),
                    "body",
                    format!("“{other}”应为 河流 或 湖库 (river or lake)"),
                );
                None
            }
            None => None,
        },
    };
    let factors = match &raw.factors {
        None => Some(default_factors()),
        Some(v) => c.strings(v, "factors").map(|names| {
            let mut out = Vec::new();
            for (i, n) in names.iter().enumerate() {
                match Item::from_str(n) {
                    Ok(item) => out.push(item),
                    Err(_) => c.issue(
                        Some(v.span().start),
                        &format!("factors[{i}]"),
                        format!("未知的考核因子“{n}” (unknown factor)"),
                    ),
                }
            }
            out
        }),
    };
    let target = c
        .required(&raw.target, "target")
        .and_then(|v| c.class(v, "target"));
    let assessment = c.required(&raw.assessment, "assessment").and_then(|v| {
        match c.text(v, "assessment").as_deref() {
            Some("月" | "month") => Some(PeriodKind::Month),
            Some("季度" | "季" | "quarter") => Some(PeriodKind::Quarter),
            Some("年" | "year") => Some(PeriodKind::Year),
            Some(other) => {
                c.issue(
                    Some(v.span().start),
                    "assessment",
                    format!("“{other}”应为 月、季度 或 年 (month, quarter or year)"),
                );
                None
            }
            None => None,
        }
    });
    let annual_cap = match &raw.annual_cap {
        None => Some(None),
        Some(v) => c.decimal(v, "annual_cap").map(Some),
    };
    let rule = match &raw.rule {
        None => {
            c.issue(None, "rule", "缺少金额规则 [rule] (missing [rule] table)");
            None
        }
        Some(r) => rule(&mut c, r),
    };
    if !c.issues.is_empty() {
        return Err(c.issues);
    }
    let (
        Some(id),
        Some(name),
        Some(upstream),
        Some(downstream),
        Some(sections),
        Some(body),
        Some(factors),
        Some(target),
        Some(assessment),
        Some(rule),
        Some(annual_cap),
        Some(source),
    ) = (
        id, name, upstream, downstream, sections, body, factors, target, assessment, rule,
        annual_cap, source,
    )
    else {
        c.issue(None, "(file)", "协议不完整 (incomplete agreement)");
        return Err(c.issues);
    };
    let agreement = Agreement {
        id,
        name,
        upstream,
        downstream,
        sections,
        body,
        factors,
        target,
        assessment,
        rule,
        annual_cap,
        source,
    };
    if let Err(e) = agreement.validate() {
        c.issue(None, "(agreement)", e.to_string());
        return Err(c.issues);
    }
    Ok(agreement)
}

fn rule(c: &mut Ctx<'_>, r: &Spanned<RawRule>) -> Option<AmountRule> {
    let raw = r.get_ref();
    let kind_v = c.required(&raw.kind, "rule.kind")?;
    let kind = c.text(kind_v, "rule.kind")?;
    match kind.as_str() {
        "class_threshold" | "对赌" => {
            let reward = c
                .required(&raw.reward_if_better_than, "rule.reward_if_better_than")
                .and_then(|v| c.class(v, "rule.reward_if_better_than"));
            let penalty = c
                .required(&raw.penalty_if_worse_than, "rule.penalty_if_worse_than")
                .and_then(|v| c.class(v, "rule.penalty_if_worse_than"));
            let amount = c
                .required(&raw.amount, "rule.amount")
                .and_then(|v| c.decimal(v, "rule.amount"));
            Some(AmountRule::ClassThreshold {
                reward_if_better_than: reward?,
                penalty_if_worse_than: penalty?,
                amount: amount?,
            })
        }
        "per_class_step" | "按类别差" => {
            let per_step = c
                .required(&raw.per_step, "rule.per_step")
                .and_then(|v| c.decimal(v, "rule.per_step"))?;
            Some(AmountRule::PerClassStep { per_step })
        }
        "exceedance_bands" | "超标倍数分档" => {
            let aggregation = match &raw.aggregation {
                None => Some(FactorAggregation::SumOfFactors),
                Some(v) => match c.text(v, "rule.aggregation").as_deref() {
                    Some("sum" | "各因子之和") => Some(FactorAggregation::SumOfFactors),
                    Some("worst" | "取最大超标倍数") => Some(FactorAggregation::WorstFactor),
                    Some(other) => {
                        c.issue(
                            Some(v.span().start),
                            "rule.aggregation",
                            format!("“{other}”应为 sum 或 worst"),
                        );
                        None
                    }
                    None => None,
                },
            };
            let bands = match &raw.bands {
                None => Some(exceedance_bands_by_multiple().to_vec()),
                Some(list) => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for (i, b) in list.iter().enumerate() {
                        let f = |n: &str| format!("rule.bands[{i}].{n}");
                        let rb = b.get_ref();
                        let lower = c
                            .required(&rb.lower, &f("lower"))
                            .and_then(|v| c.decimal(v, &f("lower")));
                        let base = c
                            .required(&rb.base, &f("base"))
                            .and_then(|v| c.decimal(v, &f("base")));
                        let upper = match &rb.upper {
                            None => Some(None),
                            Some(v) => c.decimal(v, &f("upper")).map(Some),
                        };
                        match (lower, upper, base) {
                            (Some(lower), Some(upper), Some(base)) => {
                                out.push(ExceedanceBand { lower, upper, base })
                            }
                            _ => ok = false,
                        }
                    }
                    ok.then_some(out)
                }
            };
            Some(AmountRule::ExceedanceBands {
                bands: bands?,
                aggregation: aggregation?,
            })
        }
        other => {
            c.issue(
                Some(kind_v.span().start),
                "rule.kind",
                format!(
                    "未知的金额规则“{other}”，可选 class_threshold、per_class_step、exceedance_bands (unknown rule)"
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
