//! 抽取输入 — the published inputs of a draw: plan, pools, inspectors, 回避 relations and the
//! previous draw; their canonical text and digest; the seed and its commitment.

use super::error::DrawError;
use super::rng::{Hash32, from_hex, sha256, to_hex};
use crate::enterprise::{CreditCode, SupervisionClass};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeSet, HashSet};
use std::fmt;

/// 执法人员编号 — an inspector's identifier (e.g. the 执法证号), non-empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InspectorId(String);

impl InspectorId {
    /// Wraps an identifier; surrounding white space is removed. `None` when empty.
    pub fn new(text: &str) -> Option<Self> {
        let t = text.trim();
        (!t.is_empty()).then(|| Self(t.to_string()))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InspectorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 执法人员 — an inspector on the draw's list (执法检查人员名录).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspector {
    /// 执法人员编号.
    pub id: InspectorId,
    /// 姓名 — name.
    pub name: String,
    /// 所在单位 — the inspector's unit.
    pub unit: String,
}

/// 抽查对象库 — which pool an enterprise is drawn from: a supervision class or a named list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PoolKey {
    /// All enterprises of a [`SupervisionClass`].
    Class(SupervisionClass),
    /// A named list (e.g. 涉VOCs企业), non-empty.
    Named(String),
}

impl PoolKey {
    /// The key's canonical text: `class:<code>` or `named:<name>`; pools are ordered by it.
    pub fn canonical(&self) -> String {
        match self {
            Self::Class(c) => format!("class:{}", c.code()),
            Self::Named(n) => format!("named:{n}"),
        }
    }
}

impl fmt::Display for PoolKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Class(c) => f.write_str(c.label()),
            Self::Named(n) => f.write_str(n),
        }
    }
}

/// 抽查比例 — how many enterprises of a pool are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// A percentage in (0, 100] of the pool. The number drawn is ⌈size × percent ÷ 100⌉
    /// (进位取整 — rounded up, ecogov rule: a non-empty pool with a positive share is never
    /// skipped), e.g. 5 % of 41 enterprises is ⌈2.05⌉ = 3.
    Percent(Decimal),
    /// A fixed number, between 1 and the pool's size.
    Count(usize),
}

impl Share {
    /// The number drawn from a pool of `size` enterprises (see the variants); `None` on
    /// arithmetic overflow. Does not check the share's range ([`DrawPlan::new`] does).
    pub fn quota(self, size: usize) -> Option<usize> {
        match self {
            Self::Count(n) => Some(n),
            Self::Percent(p) => Decimal::from(size)
                .checked_mul(p)?
                .checked_div(Decimal::ONE_HUNDRED)?
                .ceil()
                .to_usize(),
        }
    }

    fn canonical(self) -> String {
        match self {
            Self::Percent(p) => format!("percent {}", p.normalize()),
            Self::Count(n) => format!("count {n}"),
        }
    }
}

/// One pool of a draw plan: its key, its enterprises and its share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawPool {
    /// The pool.
    pub key: PoolKey,
    /// 抽查对象 — the enterprises in the pool.
    pub enterprises: Vec<CreditCode>,
    /// 抽查比例.
    pub share: Share,
}

/// 抽查计划 — what one 双随机 draw covers: the period, the pools with their shares and the
/// number of inspectors sent to each inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawPlan {
    period: String,
    per_inspection: usize,
    pools: Vec<DrawPool>,
}

impl DrawPlan {
    /// Checks and builds a plan (ecogov rules): a non-empty period label; at least 2
    /// inspectors per inspection; pools with distinct keys and non-empty names; no enterprise
    /// listed twice; percentages in (0, 100]; counts between 1 and the pool size.
    ///
    /// Pools are kept ordered by [`PoolKey::canonical`] and enterprises by code, so the order of
    /// the arguments does not matter.
    pub fn new(
        period: &str,
        per_inspection: usize,
        mut pools: Vec<DrawPool>,
    ) -> Result<Self, DrawError> {
        let period = period.trim().to_string();
        if period.is_empty() {
            return Err(DrawError::EmptyPeriod);
        }
        if per_inspection < 2 {
            return Err(DrawError::TooFewPerInspection(per_inspection));
        }
        let mut keys = HashSet::new();
        let mut seen = HashSet::new();
        for pool in &mut pools {
            if let PoolKey::Named(name) = &mut pool.key {
                *name = name.trim().to_string();
                if name.is_empty() {
                    return Err(DrawError::EmptyPoolName);
                }
            }
            let label = pool.key.to_string();
            if !keys.insert(pool.key.canonical()) {
                return Err(DrawError::DuplicatePool(label));
            }
            for e in &pool.enterprises {
                if !seen.insert(e.clone()) {
                    return Err(DrawError::DuplicateEnterprise {
                        enterprise: e.clone(),
                        pool: label,
                    });
                }
            }
            let size = pool.enterprises.len();
            match pool.share {
                Share::Percent(p) if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                    return Err(DrawError::PercentOutOfRange {
                        pool: label,
                        percent: p,
                    });
                }
                Share::Count(count) if count == 0 || count > size => {
                    return Err(DrawError::CountOutOfRange {
                        pool: label,
                        count,
                        size,
                    });
                }
                _ => {}
            }
            if pool.share.quota(size).is_none() {
                return Err(DrawError::QuotaOverflow(label));
            }
            pool.enterprises.sort();
        }
        pools.sort_by_key(|p| p.key.canonical());
        Ok(Self {
            period,
            per_inspection,
            pools,
        })
    }

    /// 抽查期次 — the period label, e.g. `2023年第三季度`.
    pub fn period(&self) -> &str {
        &self.period
    }

    /// Inspectors sent to each inspection (≥ 2).
    pub fn per_inspection(&self) -> usize {
        self.per_inspection
    }

    /// The pools, in canonical order.
    pub fn pools(&self) -> &[DrawPool] {
        &self.pools
    }
}

/// 回避关系 — an inspector who must never be sent to an enterprise (kinship, former
/// employment, a pending matter …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Relation {
    /// The inspector.
    pub inspector: InspectorId,
    /// The enterprise.
    pub enterprise: CreditCode,
}

/// One inspection of the previous draw: the enterprise and the inspectors sent there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PreviousVisit {
    /// The enterprise.
    pub enterprise: CreditCode,
    /// The inspectors sent.
    pub inspectors: Vec<InspectorId>,
}

/// 抽取输入 — everything a draw depends on, checked and in canonical order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawInputs {
    plan: DrawPlan,
    inspectors: Vec<Inspector>,
    relations: Vec<Relation>,
    previous: Vec<PreviousVisit>,
}

impl DrawInputs {
    /// Checks and builds the inputs: inspectors with distinct ids, at least as many as one
    /// inspection needs; every relation naming a listed inspector (relations may name
    /// enterprises outside the pools). Inspectors are ordered by id; relations and previous
    /// visits (each visit's inspectors too) are sorted and repeats dropped.
    pub fn new(
        plan: DrawPlan,
        mut inspectors: Vec<Inspector>,
        relations: Vec<Relation>,
        previous: Vec<PreviousVisit>,
    ) -> Result<Self, DrawError> {
        inspectors.sort_by(|a, b| a.id.cmp(&b.id));
        for pair in inspectors.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(DrawError::DuplicateInspector(pair[0].id.clone()));
            }
        }
        if inspectors.len() < plan.per_inspection {
            return Err(DrawError::NotEnoughInspectors {
                needed: plan.per_inspection,
                available: inspectors.len(),
            });
        }
        let relations: BTreeSet<Relation> = relations.into_iter().collect();
        for r in &relations {
            if inspectors
                .binary_search_by(|i| i.id.cmp(&r.inspector))
                .is_err()
            {
                return Err(DrawError::UnknownInspector(r.inspector.clone()));
            }
        }
        let previous: BTreeSet<PreviousVisit> = previous
            .into_iter()
            .map(|mut v| {
                v.inspectors.sort();
                v.inspectors.dedup();
                v
            })
            .collect();
        Ok(Self {
            plan,
            inspectors,
            relations: relations.into_iter().collect(),
            previous: previous.into_iter().collect(),
        })
    }

    /// The plan.
    pub fn plan(&self) -> &DrawPlan {
        &self.plan
    }

    /// The inspectors, ordered by id.
    pub fn inspectors(&self) -> &[Inspector] {
        &self.inspectors
    }

    /// The 回避 relations, sorted.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The previous draw's inspections, sorted.
    pub fn previous(&self) -> &[PreviousVisit] {
        &self.previous
    }

    /// The canonical text of the inputs (format `ecogov-draw-inputs v1`), which is published
    /// with the commitment and whose SHA-256 is the [`InputsDigest`]. UTF-8, one item a line,
    /// each line ending in `\n`; a text field is written `<UTF-8 byte length>:<text>`:
    ///
    /// ```text
    /// ecogov-draw-inputs v1
    /// period <text>
    /// inspectors-per-inspection <n>
    /// pool <key text> percent <p> | count <n>     (pools by key text; p without trailing zeros)
    /// enterprise <credit code>                    (the pool's enterprises, by code)
    /// inspector <id> <name> <unit>                (by id)
    /// related <inspector id> <credit code>        (sorted)
    /// previous <credit code> <inspector id>…      (sorted; ids sorted)
    /// ```
    pub fn canonical_text(&self) -> String {
        let ns = |t: &str| format!("{}:{t}", t.len());
        let mut out = String::from("ecogov-draw-inputs v1\n");
        out += &format!("period {}\n", ns(&self.plan.period));
        out += &format!("inspectors-per-inspection {}\n", self.plan.per_inspection);
        for pool in &self.plan.pools {
            out += &format!(
                "pool {} {}\n",
                ns(&pool.key.canonical()),
                pool.share.canonical()
            );
            for e in &pool.enterprises {
                out += &format!("enterprise {e}\n");
            }
        }
        for i in &self.inspectors {
            out += &format!(
                "inspector {} {} {}\n",
                ns(i.id.as_str()),
                ns(&i.name),
                ns(&i.unit)
            );
        }
        for r in &self.relations {
            out += &format!("related {} {}\n", ns(r.inspector.as_str()), r.enterprise);
        }
        for v in &self.previous {
            out += &format!("previous {}", v.enterprise);
            for id in &v.inspectors {
                out += &format!(" {}", ns(id.as_str()));
            }
            out.push('\n');
        }
        out
    }
}

/// 输入摘要 — SHA-256 of the inputs' [canonical text](DrawInputs::canonical_text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InputsDigest(pub(super) Hash32);

/// 承诺值 — SHA-256 of the secret seed, published before the draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Commitment(pub(super) Hash32);

macro_rules! hex_value {
    ($t:ty) => {
        impl $t {
            /// Parses 64 hexadecimal digits.
            pub fn parse(text: &str) -> Option<Self> {
                Hash32::parse(text).map(Self)
            }

            /// The 32 bytes.
            pub fn as_bytes(&self) -> &[u8; 32] {
                &self.0.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}
hex_value!(InputsDigest);
hex_value!(Commitment);

/// The digest of a draw's inputs: SHA-256 of [`DrawInputs::canonical_text`].
pub fn inputs_digest(inputs: &DrawInputs) -> InputsDigest {
    InputsDigest(Hash32(sha256(inputs.canonical_text().as_bytes())))
}

/// 随机种子 — the secret seed, chosen (from a secure random source, outside the domain) before
/// the draw, kept secret until the draw and disclosed afterwards. At least 16 bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed(Vec<u8>);

impl Seed {
    /// Wraps seed bytes; refused when shorter than 16 bytes.
    pub fn new(bytes: Vec<u8>) -> Result<Self, DrawError> {
        if bytes.len() < 16 {
            return Err(DrawError::SeedTooShort(bytes.len()));
        }
        Ok(Self(bytes))
    }

    /// Reads a seed written as hexadecimal text.
    pub fn from_hex(text: &str) -> Result<Self, DrawError> {
        let bytes = from_hex(text).ok_or_else(|| DrawError::SeedNotHex(text.to_string()))?;
        Self::new(bytes)
    }

    /// The seed as lower-case hexadecimal text (for disclosure after the draw).
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// The seed's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Seed {
    /// Never prints the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seed({} bytes)", self.0.len())
    }
}

/// 承诺 — the commitment to publish before the draw: SHA-256 of the seed's bytes.
pub fn commit(seed: &Seed) -> Commitment {
    Commitment(Hash32(sha256(&seed.0)))
}
