//! 双随机一公开 — verifiable random draws of enterprises to inspect and of the inspectors sent.
//!
//! 随机抽取检查对象、随机选派执法检查人员、抽查情况及查处结果及时向社会公开. The rules here
//! are ecogov rules for the issue "双随机一公开" (issue 8):
//!
//! 1. **Before the draw** the bureau fixes the [`DrawInputs`] (plan, pools, inspectors, 回避
//!    relations, the previous draw) and a secret [`Seed`], and publishes the inputs'
//!    [canonical text](DrawInputs::canonical_text), their [`inputs_digest`] and the
//!    [`commit`]ment SHA-256(seed).
//! 2. **The draw** ([`run_draw`]) is a deterministic function of the inputs and the seed.
//! 3. **After the draw** the seed is disclosed; anyone can [`verify`] the published result.
//!
//! The draw, step by step (so that it can be reimplemented elsewhere):
//!
//! - The random stream is SHA-256 in counter mode: block *i* = SHA-256(seed ‖ digest ‖ *i* as
//!   8 bytes big-endian), read as big-endian `u64`s; `below(n)` rejects x ≥ ⌊(2⁶⁴−1)/n⌋·n and
//!   returns x mod n.
//! - **Enterprises.** For each pool in canonical order (by key text), its enterprises sorted by
//!   credit code, k = the pool's quota ([`Share::quota`]): for i in 0..k swap item i with item
//!   i + below(size − i); the first k are drawn, in that order.
//! - **Inspectors.** Then for each drawn enterprise (pools in order, enterprises in the order
//!   drawn): take the inspectors (by id) without a 回避 relation to it, shuffle them fully
//!   (for i in 0..len−1 swap i with i + below(len − i)), and take the first team, in shuffled
//!   order with backtracking, in which no two members inspected this enterprise together in
//!   the previous draw.
//!
//! 回避 rules: an inspector is never sent to an enterprise they are related to ([`Relation`]);
//! no two inspectors who inspected an enterprise together in the previous draw
//! ([`PreviousVisit`]) are sent there together again. When a drawn enterprise cannot be
//! staffed the draw fails naming it ([`DrawError::CannotStaff`]) rather than drawing another
//! enterprise, which would let relations shield an enterprise from inspection.

mod error;
mod inputs;
mod rng;
mod team;

pub use error::{DrawError, VerifyError};
pub use inputs::{
    Commitment, DrawInputs, DrawPlan, DrawPool, InputsDigest, Inspector, InspectorId, PoolKey,
    PreviousVisit, Relation, Seed, Share, commit, inputs_digest,
};

use crate::enterprise::CreditCode;
use std::collections::{HashMap, HashSet};

/// One inspection drawn: the enterprise and the inspectors sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The pool the enterprise was drawn from.
    pub pool: PoolKey,
    /// The enterprise.
    pub enterprise: CreditCode,
    /// The inspectors, ordered by id.
    pub inspectors: Vec<InspectorId>,
}

impl Assignment {
    /// The visit as the next draw's [`PreviousVisit`] input.
    pub fn to_previous(&self) -> PreviousVisit {
        PreviousVisit {
            enterprise: self.enterprise.clone(),
            inspectors: self.inspectors.clone(),
        }
    }
}

/// 抽取结果 — the outcome of a draw with what it was drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawResult {
    /// 抽查期次.
    pub period: String,
    /// The commitment published before the draw.
    pub commitment: Commitment,
    /// The digest of the inputs the draw used.
    pub inputs_digest: InputsDigest,
    /// The inspections, ordered by pool (canonical key text) and enterprise code.
    pub assignments: Vec<Assignment>,
}

/// The order of a result's assignments: pool key text, then credit code.
fn order_key(a: &Assignment) -> (String, &CreditCode) {
    (a.pool.canonical(), &a.enterprise)
}

/// Runs the draw described in the [module documentation](self).
///
/// Fails with [`DrawError::CannotStaff`], naming the first enterprise concerned, when a drawn
/// enterprise cannot get a team without breaking a 回避 rule.
pub fn run_draw(inputs: &DrawInputs, seed: &Seed) -> Result<DrawResult, DrawError> {
    let digest = inputs_digest(inputs);
    let mut stream = rng::Stream::new(seed.as_bytes(), *digest.as_bytes());
    let plan = inputs.plan();
    let size = plan.per_inspection();

    let mut drawn: Vec<(&PoolKey, &CreditCode)> = Vec::new();
    for pool in plan.pools() {
        let quota = pool
            .share
            .quota(pool.enterprises.len())
            .ok_or_else(|| DrawError::QuotaOverflow(pool.key.to_string()))?;
        let mut members: Vec<&CreditCode> = pool.enterprises.iter().collect();
        stream.partial_shuffle(&mut members, quota);
        drawn.extend(members.into_iter().take(quota).map(|e| (&pool.key, e)));
    }

    let inspectors = inputs.inspectors();
    let index: HashMap<&InspectorId, usize> = inspectors
        .iter()
        .enumerate()
        .map(|(i, x)| (&x.id, i))
        .collect();
    let related: HashSet<(usize, &CreditCode)> = inputs
        .relations()
        .iter()
        .filter_map(|r| Some((*index.get(&r.inspector)?, &r.enterprise)))
        .collect();
    let mut pairs: HashMap<&CreditCode, HashSet<(usize, usize)>> = HashMap::new();
    for visit in inputs.previous() {
        let team: Vec<usize> = visit
            .inspectors
            .iter()
            .filter_map(|id| index.get(id).copied())
            .collect();
        let set = pairs.entry(&visit.enterprise).or_default();
        for (n, &a) in team.iter().enumerate() {
            for &b in &team[n + 1..] {
                set.insert((a.min(b), a.max(b)));
            }
        }
    }

    let empty = HashSet::new();
    let mut assignments = Vec::with_capacity(drawn.len());
    for (pool, enterprise) in drawn {
        let mut eligible: Vec<usize> = (0..inspectors.len())
            .filter(|&i| !related.contains(&(i, enterprise)))
            .collect();
        stream.shuffle(&mut eligible);
        let forbidden_pairs = pairs.get(enterprise).unwrap_or(&empty);
        let forbidden = |a: usize, b: usize| forbidden_pairs.contains(&(a.min(b), a.max(b)));
        let team = team::first_team(&eligible, size, &forbidden).ok_or_else(|| {
            DrawError::CannotStaff {
                enterprise: enterprise.clone(),
                pool: pool.to_string(),
                needed: size,
                eligible: eligible.len(),
            }
        })?;
        let mut ids: Vec<InspectorId> = team.iter().map(|&i| inspectors[i].id.clone()).collect();
        ids.sort();
        assignments.push(Assignment {
            pool: pool.clone(),
            enterprise: enterprise.clone(),
            inspectors: ids,
        });
    }
    assignments.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    Ok(DrawResult {
        period: plan.period().to_string(),
        commitment: commit(seed),
        inputs_digest: digest,
        assignments,
    })
}

/// Verifies a published draw, in this order: the seed against the commitment published before
/// the draw ([`VerifyError::SeedMismatch`]); the inputs against the digest recorded with the
/// result ([`VerifyError::InputsAltered`]); the result against a rerun of the draw
/// ([`VerifyError::ResultAltered`], naming the first difference). The order of the claimed
/// assignments and of the inspectors within each does not matter.
pub fn verify(
    inputs: &DrawInputs,
    seed: &Seed,
    commitment: &Commitment,
    claimed: &DrawResult,
) -> Result<(), VerifyError> {
    let computed = commit(seed);
    if computed != *commitment {
        return Err(VerifyError::SeedMismatch {
            published: *commitment,
            computed,
        });
    }
    let digest = inputs_digest(inputs);
    if digest != claimed.inputs_digest {
        return Err(VerifyError::InputsAltered {
            recorded: claimed.inputs_digest,
            computed: digest,
        });
    }
    if claimed.commitment != *commitment {
        return Err(VerifyError::ResultAltered(format!(
            "结果记录的承诺值 {} 不是公布的 {commitment} (recorded commitment differs)",
            claimed.commitment
        )));
    }
    let expected = run_draw(inputs, seed).map_err(VerifyError::Draw)?;
    if claimed.period != expected.period {
        return Err(VerifyError::ResultAltered(format!(
            "期次“{}”应为“{}” (period differs)",
            claimed.period, expected.period
        )));
    }
    let mut got: Vec<Assignment> = claimed.assignments.clone();
    for a in &mut got {
        a.inspectors.sort();
    }
    got.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    let want = &expected.assignments;
    for (g, w) in got.iter().zip(want) {
        if g.enterprise != w.enterprise || g.pool != w.pool {
            // Both lists are sorted: the smaller of the two is the one the other lacks.
            let (which, what) = if order_key(g) < order_key(w) {
                (g, "不应被抽中 (listed but not drawn)")
            } else {
                (w, "被抽中但未列出 (drawn but not listed)")
            };
            return Err(VerifyError::ResultAltered(format!(
                "企业 {}（{}）{what}",
                which.enterprise, which.pool
            )));
        }
        if g.inspectors != w.inspectors {
            let names = |v: &[InspectorId]| {
                v.iter()
                    .map(InspectorId::as_str)
                    .collect::<Vec<_>>()
                    .join("、")
            };
            return Err(VerifyError::ResultAltered(format!(
                "企业 {} 的检查人员应为 {}，记录为 {} (inspectors differ)",
                w.enterprise,
                names(&w.inspectors),
                names(&g.inspectors)
            )));
        }
    }
    if got.len() != want.len() {
        return Err(VerifyError::ResultAltered(format!(
            "应有 {} 项检查，记录 {} 项 (number of inspections differs)",
            want.len(),
            got.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
