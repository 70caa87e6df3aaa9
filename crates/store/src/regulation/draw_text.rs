//! 抽取公示文本 — the published texts of a 双随机 draw, read back: the inputs' canonical text
//! (`ecogov-draw-inputs v1`, written by `DrawInputs::canonical_text`) and the result text
//! (`ecogov-draw-result v1`, written by [`result_text`]); and [`verify_published`], which checks a
//! draw from those texts, the disclosed seed and the commitment published before the draw.
//!
//! Pure functions: the CLI (`ecogov draw verify`) and the public web page call them on the texts
//! as published, so anyone holding the texts can repeat the check.
//!
//! The result text, one item a line, each line ending in `\n`, a text field written
//! `<UTF-8 byte length>:<text>` as in the inputs:
//!
//! ```text
//! ecogov-draw-result v1
//! period <text>
//! commitment <64 hex digits>
//! inputs-digest <64 hex digits>
//! assignment <pool key text> <credit code> <inspector id>…   (by pool key text, then code)
//! ```

use ecogov_domain::draw::{
    Assignment, Commitment, DrawError, DrawInputs, DrawPlan, DrawPool, DrawResult, InputsDigest,
    Inspector, InspectorId, PoolKey, PreviousVisit, Relation, Seed, Share, VerifyError, verify,
};
use ecogov_domain::enterprise::{CreditCode, SupervisionClass};
use rust_decimal::Decimal;

/// Why a published text cannot be read or a published draw does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawTextError {
    /// A line of a text is not in its format.
    #[error(
        "{text}第 {line} 行格式不符：{message} (line {line} of the {english} text is malformed)"
    )]
    Malformed {
        /// 输入 or 结果.
        text: &'static str,
        /// `inputs` or `result`.
        english: &'static str,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The inputs read are refused by the draw's rules.
    #[error("抽取输入无效：{0} (invalid inputs)")]
    Inputs(DrawError),
    /// The inputs text is readable but not exactly the canonical text of what it describes.
    #[error(
        "抽取输入已被改动：文本不是其内容的规范文本（顺序、空白或写法不符） (inputs altered: the text is not in canonical form)"
    )]
    NotCanonical,
    /// The seed is not valid hexadecimal of at least 16 bytes.
    #[error("{0}")]
    Seed(DrawError),
    /// The commitment is not 64 hexadecimal digits.
    #[error("承诺值“{0}”应为 64 位十六进制数 (commitment must be 64 hex digits)")]
    Commitment(String),
    /// The draw does not verify.
    #[error("{0}")]
    Verify(VerifyError),
}

/// Reads a line's fields: bare words separated by one space, and `<len>:<text>` fields.
struct Fields<'a> {
    rest: &'a str,
}

impl<'a> Fields<'a> {
    fn new(line: &'a str) -> Self {
        Self { rest: line }
    }

    fn word(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let (w, rest) = self.rest.split_once(' ').unwrap_or((self.rest, ""));
        self.rest = rest;
        Some(w)
    }

    /// A `<len>:<text>` field followed by a space or the end of the line.
    fn sized(&mut self) -> Option<&'a str> {
        let (len, rest) = self.rest.split_once(':')?;
        if len.is_empty() || !len.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: usize = len.parse().ok()?;
        let text = rest.get(..n)?;
        let after = rest.get(n..)?;
        self.rest = match after.strip_prefix(' ') {
            Some(r) => r,
            None if after.is_empty() => "",
            None => return None,
        };
        Some(text)
    }

    fn done(&self) -> bool {
        self.rest.is_empty()
    }

    /// A pool key field (`class:…` or `named:…`).
    fn pool(&mut self) -> Result<PoolKey, String> {
        let key_text = self.sized().ok_or("对象库字段")?;
        pool_key(key_text).ok_or(format!("对象库“{key_text}”"))
    }

    /// A credit code word.
    fn code(&mut self) -> Result<CreditCode, String> {
        code(self.word().ok_or("信用代码")?)
    }

    /// An inspector id field.
    fn inspector(&mut self) -> Result<InspectorId, String> {
        inspector_id(self.sized().ok_or("编号字段")?)
    }

    /// The inspector id fields up to the end of the line.
    fn inspectors(&mut self) -> Result<Vec<InspectorId>, String> {
        let mut ids = Vec::new();
        while !self.done() {
            ids.push(self.inspector()?);
        }
        Ok(ids)
    }
}

/// The error for line `line` of the text named `text` (Chinese) / `english`.
fn malformed(text: &'static str, english: &'static str) -> impl Fn(usize, String) -> DrawTextError {
    move |line, message| DrawTextError::Malformed {
        text,
        english,
        line,
        message,
    }
}

/// Reads a published text: the first line must be `header`; every other line is given to
/// `item` with its first word and its remaining fields, which it must use up.
fn read_lines(
    text: &str,
    header: &str,
    bad: &impl Fn(usize, String) -> DrawTextError,
    mut item: impl FnMut(&str, &mut Fields<'_>) -> Result<(), String>,
) -> Result<(), DrawTextError> {
    let mut lines = text
        .split_terminator('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, first)) if first == header => {}
        _ => return Err(bad(1, format!("首行应为 {header}"))),
    }
    for (n, line) in lines {
        let mut f = Fields::new(line);
        let word = f.word().unwrap_or_default();
        item(word, &mut f)
            .and_then(|()| {
                if f.done() {
                    Ok(())
                } else {
                    Err("行末有多余内容".into())
                }
            })
            .map_err(|m| bad(n, m))?;
    }
    Ok(())
}

fn pool_key(text: &str) -> Option<PoolKey> {
    if let Some(code) = text.strip_prefix("class:") {
        return SupervisionClass::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .map(PoolKey::Class);
    }
    text.strip_prefix("named:")
        .map(|n| PoolKey::Named(n.to_string()))
}

fn code(text: &str) -> Result<CreditCode, String> {
    CreditCode::parse(text).map_err(|e| e.to_string())
}

fn inspector_id(text: &str) -> Result<InspectorId, String> {
    InspectorId::new(text).ok_or_else(|| "执法人员编号为空 (empty inspector id)".to_string())
}

/// Reads the canonical inputs text back into [`DrawInputs`]. The text must be exactly the
/// canonical text of the inputs it describes (so that its SHA-256 is their digest).
pub fn parse_inputs(text: &str) -> Result<DrawInputs, DrawTextError> {
    let bad = malformed("抽取输入", "inputs");
    let mut period = None;
    let mut per_inspection = None;
    let mut pools: Vec<DrawPool> = Vec::new();
    let mut inspectors = Vec::new();
    let mut relations = Vec::new();
    let mut previous = Vec::new();
    read_lines(text, "ecogov-draw-inputs v1", &bad, |item, f| {
        match item {
            "period" => period = Some(f.sized().ok_or("期次字段")?.to_string()),
            "inspectors-per-inspection" => {
                let w = f.word().ok_or("人数")?;
                per_inspection = Some(w.parse::<usize>().map_err(|_| format!("人数“{w}”"))?);
            }
            "pool" => {
                let key = f.pool()?;
                let share = match (f.word(), f.word()) {
                    (Some("percent"), Some(p)) => {
                        Share::Percent(p.parse::<Decimal>().map_err(|_| format!("比例“{p}”"))?)
                    }
                    (Some("count"), Some(c)) => {
                        Share::Count(c.parse::<usize>().map_err(|_| format!("数量“{c}”"))?)
                    }
                    _ => return Err("抽查比例应为 percent P 或 count N".into()),
                };
                pools.push(DrawPool {
                    key,
                    enterprises: Vec::new(),
                    share,
                });
            }
            "enterprise" => {
                let pool = pools.last_mut().ok_or("企业行之前没有对象库行")?;
                pool.enterprises.push(f.code()?);
            }
            "inspector" => {
                let id = f.inspector()?;
                let name = f.sized().ok_or("姓名字段")?.to_string();
                let unit = f.sized().ok_or("单位字段")?.to_string();
                inspectors.push(Inspector { id, name, unit });
            }
            "related" => {
                let inspector = f.inspector()?;
                let enterprise = f.code()?;
                relations.push(Relation {
                    inspector,
                    enterprise,
                });
            }
            "previous" => {
                let enterprise = f.code()?;
                previous.push(PreviousVisit {
                    enterprise,
                    inspectors: f.inspectors()?,
                });
            }
            other => return Err(format!("未知的行类型“{other}”")),
        }
        Ok(())
    })?;
    let period = period.ok_or_else(|| bad(2, "缺少 period 行".into()))?;
    let per = per_inspection.ok_or_else(|| bad(3, "缺少 inspectors-per-inspection 行".into()))?;
    let plan = DrawPlan::new(&period, per, pools).map_err(DrawTextError::Inputs)?;
    let inputs =
        DrawInputs::new(plan, inspectors, relations, previous).map_err(DrawTextError::Inputs)?;
    if inputs.canonical_text() != text {
        return Err(DrawTextError::NotCanonical);
    }
    Ok(inputs)
}

/// The result text of a draw (format in the [module documentation](self)).
pub fn result_text(result: &DrawResult) -> String {
    let ns = |t: &str| format!("{}:{t}", t.len());
    let mut out = String::from("ecogov-draw-result v1\n");
    out += &format!("period {}\n", ns(&result.period));
    out += &format!("commitment {}\n", result.commitment);
    out += &format!("inputs-digest {}\n", result.inputs_digest);
    for a in &result.assignments {
        out += &format!("assignment {} {}", ns(&a.pool.canonical()), a.enterprise);
        for id in &a.inspectors {
            out += &format!(" {}", ns(id.as_str()));
        }
        out.push('\n');
    }
    out
}

/// Reads a result text back (format in the [module documentation](self)).
pub fn parse_result(text: &str) -> Result<DrawResult, DrawTextError> {
    let bad = malformed("抽取结果", "result");
    let mut period = None;
    let mut commitment = None;
    let mut digest = None;
    let mut assignments = Vec::new();
    read_lines(text, "ecogov-draw-result v1", &bad, |item, f| {
        match item {
            "period" => period = Some(f.sized().ok_or("期次字段")?.to_string()),
            "commitment" => {
                let w = f.word().ok_or("承诺值")?;
                commitment = Some(Commitment::parse(w).ok_or(format!("承诺值“{w}”"))?);
            }
            "inputs-digest" => {
                let w = f.word().ok_or("输入摘要")?;
                digest = Some(InputsDigest::parse(w).ok_or(format!("输入摘要“{w}”"))?);
            }
            "assignment" => {
                let pool = f.pool()?;
                let enterprise = f.code()?;
                assignments.push(Assignment {
                    pool,
                    enterprise,
                    inspectors: f.inspectors()?,
                });
            }
            other => return Err(format!("未知的行类型“{other}”")),
        }
        Ok(())
    })?;
    Ok(DrawResult {
        period: period.ok_or_else(|| bad(2, "缺少 period 行".into()))?,
        commitment: commitment.ok_or_else(|| bad(3, "缺少 commitment 行".into()))?,
        inputs_digest: digest.ok_or_else(|| bad(4, "缺少 inputs-digest 行".into()))?,
        assignments,
    })
}

/// Verifies a published draw from its texts: reads the inputs and the result, the seed (hex)
/// and the commitment published before the draw, then `ecogov_domain::draw::verify` (seed against
/// commitment, inputs against the recorded digest, result against a rerun). Returns the result
/// read when it verifies.
pub fn verify_published(
    inputs_text: &str,
    result: &str,
    seed_hex: &str,
    commitment_hex: &str,
) -> Result<DrawResult, DrawTextError> {
    let claimed = parse_result(result)?;
    let seed = Seed::from_hex(seed_hex.trim()).map_err(DrawTextError::Seed)?;
    let commitment = Commitment::parse(commitment_hex.trim())
        .ok_or_else(|| DrawTextError::Commitment(commitment_hex.trim().to_string()))?;
    let inputs = parse_inputs(inputs_text)?;
    verify(&inputs, &seed, &commitment, &claimed).map_err(DrawTextError::Verify)?;
    Ok(claimed)
}
