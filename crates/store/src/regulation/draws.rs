//! 双随机抽取 — draws through their states: 已编制 (inputs fixed) → 已承诺 (commitment published,
//! seed kept secret) → 已抽取 (result published) → 已公开种子 (seed disclosed; anyone can verify).

use super::draw_text::{self, DrawTextError};
use super::entity::{draw, enterprise};
use super::{corrupt, inspectors, rejected};
use crate::{Store, StoreError, audit, now_seconds};
use ecogov_domain::draw::{
    DrawInputs, DrawPlan, DrawPool, DrawResult, PoolKey, PreviousVisit, Seed, Share, commit,
    inputs_digest, run_draw,
};
use ecogov_domain::enterprise::{CreditCode, SupervisionClass};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

/// 抽取状态 — where a draw stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrawState {
    /// 已编制 — inputs fixed, no commitment yet.
    Planned,
    /// 已承诺 — the commitment SHA-256(seed) is published; the seed is secret.
    Committed,
    /// 已抽取 — the result is recorded and published; the seed is still secret.
    Drawn,
    /// 已公开种子 — the seed is disclosed: the draw can be verified by anyone.
    Revealed,
}

impl DrawState {
    /// The code stored.
    pub fn code(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Committed => "committed",
            Self::Drawn => "drawn",
            Self::Revealed => "revealed",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "已编制",
            Self::Committed => "已承诺",
            Self::Drawn => "已抽取",
            Self::Revealed => "已公开种子",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        [Self::Planned, Self::Committed, Self::Drawn, Self::Revealed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// A draw as stored. The seed is only given once disclosed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraw {
    /// Row id: the draw's number.
    pub id: i64,
    /// 抽查期次.
    pub period: String,
    /// The state.
    pub state: DrawState,
    /// The inputs' canonical text (published with the commitment).
    pub inputs: String,
    /// SHA-256 of the inputs text.
    pub inputs_digest: String,
    /// 承诺值, once committed.
    pub commitment: Option<String>,
    /// 种子 (hex), once disclosed.
    pub seed: Option<String>,
    /// The result text, once drawn.
    pub result: Option<String>,
    /// Unix seconds of each step.
    pub planned_at: i64,
    /// When committed.
    pub committed_at: Option<i64>,
    /// When drawn.
    pub drawn_at: Option<i64>,
    /// When the seed was disclosed.
    pub revealed_at: Option<i64>,
}

impl StoredDraw {
    /// The result read back, once drawn.
    pub fn parsed_result(&self) -> Option<Result<DrawResult, DrawTextError>> {
        self.result.as_deref().map(draw_text::parse_result)
    }
}

fn to_stored(m: draw::Model) -> Result<StoredDraw, StoreError> {
    let state =
        DrawState::parse(&m.state).ok_or_else(|| corrupt("draw", m.id, "state", &m.state))?;
    Ok(StoredDraw {
        id: m.id,
        period: m.period,
        seed: (state == DrawState::Revealed).then_some(m.seed).flatten(),
        state,
        inputs: m.inputs,
        inputs_digest: m.inputs_digest,
        commitment: m.commitment,
        result: m.result,
        planned_at: m.planned_at,
        committed_at: m.committed_at,
        drawn_at: m.drawn_at,
        revealed_at: m.revealed_at,
    })
}

async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<draw::Model, StoreError> {
    draw::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| rejected(format!("抽取 {id} 不存在 (no such draw)")))
}

fn expect_state(m: &draw::Model, wanted: DrawState, action: &str) -> Result<(), StoreError> {
    if m.state == wanted.code() {
        return Ok(());
    }
    let now = DrawState::parse(&m.state).map_or(m.state.clone(), |s| s.label().to_string());
    Err(rejected(format!(
        "抽取 {} 当前为“{now}”，只有“{}”的抽取可以{action} (wrong state for this step)",
        m.id,
        wanted.label()
    )))
}

/// The previous draw's inspections: those of the latest draw with a result.
async fn previous_visits<C: ConnectionTrait>(db: &C) -> Result<Vec<PreviousVisit>, StoreError> {
    let last = draw::Entity::find()
        .filter(draw::Column::State.is_in([DrawState::Drawn.code(), DrawState::Revealed.code()]))
        .order_by_desc(draw::Column::Id)
        .one(db)
        .await?;
    let Some(m) = last else {
        return Ok(Vec::new());
    };
    let text = m.result.clone().unwrap_or_default();
    let result =
        draw_text::parse_result(&text).map_err(|_| corrupt("draw", m.id, "result", &text))?;
    Ok(result.assignments.iter().map(|a| a.to_previous()).collect())
}

impl Store {
    /// 编制抽查计划 — fixes a draw's inputs from the registers as they stand: for each class
    /// with its share, the enterprises of that class; the active inspectors; their 回避
    /// relations; the previous draw's inspections. Refused (nothing written) when a class has
    /// no enterprise or the draw rules refuse the inputs.
    pub async fn plan_draw(
        &self,
        period: &str,
        per_inspection: usize,
        shares: &[(SupervisionClass, Share)],
        actor: &str,
    ) -> Result<StoredDraw, StoreError> {
        let txn = self.db.begin().await?;
        let all = enterprise::Entity::find().all(&txn).await?;
        let mut pools = Vec::new();
        for (class, share) in shares {
            let enterprises: Vec<CreditCode> = all
                .iter()
                .filter(|m| m.class == class.code())
                .map(|m| {
                    CreditCode::parse(&m.credit_code)
                        .map_err(|_| corrupt("enterprise", m.id, "credit_code", &m.credit_code))
                })
                .collect::<Result<_, _>>()?;
            if enterprises.is_empty() {
                return Err(rejected(format!(
                    "企业名录中没有“{}”，不能从中抽取 (no enterprise of this class)",
                    class.label()
                )));
            }
            pools.push(DrawPool {
                key: PoolKey::Class(*class),
                enterprises,
                share: *share,
            });
        }
        if pools.is_empty() {
            return Err(rejected("至少须指定一个抽查对象库 (at least one pool)"));
        }
        let plan =
            DrawPlan::new(period, per_inspection, pools).map_err(|e| rejected(e.to_string()))?;
        let inspectors: Vec<_> = inspectors::inspectors_in(&txn, true)
            .await?
            .into_iter()
            .map(|r| r.inspector)
            .collect();
        let relations = inspectors::relations_in(&txn)
            .await?
            .into_iter()
            .map(|(r, _)| r)
            .filter(|r| inspectors.iter().any(|i| i.id == r.inspector))
            .collect();
        let previous = previous_visits(&txn).await?;
        let inputs = DrawInputs::new(plan, inspectors, relations, previous)
            .map_err(|e| rejected(e.to_string()))?;
        let digest = inputs_digest(&inputs).to_string();
        let row = draw::ActiveModel {
            period: Set(inputs.plan().period().to_string()),
            state: Set(DrawState::Planned.code().to_string()),
            inputs: Set(inputs.canonical_text()),
            inputs_digest: Set(digest.clone()),
            planned_at: Set(now_seconds()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            "draw.plan",
            &format!("draw:{}", row.id),
            &format!(
                "编制抽查计划“{}”，输入摘要 {digest}",
                inputs.plan().period()
            ),
        )
        .await?;
        txn.commit().await?;
        to_stored(row)
    }

    /// 公布承诺 — fixes the secret seed and records the commitment SHA-256(seed), which is
    /// published from now on. Only a planned draw can be committed.
    pub async fn commit_draw(
        &self,
        id: i64,
        seed: &Seed,
        actor: &str,
    ) -> Result<StoredDraw, StoreError> {
        let txn = self.db.begin().await?;
        let m = find(&txn, id).await?;
        expect_state(&m, DrawState::Planned, "公布承诺")?;
        let commitment = commit(seed).to_string();
        let mut a: draw::ActiveModel = m.into();
        a.state = Set(DrawState::Committed.code().to_string());
        a.seed = Set(Some(seed.to_hex()));
        a.commitment = Set(Some(commitment.clone()));
        a.committed_at = Set(Some(now_seconds()));
        let m = a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "draw.commit",
            &format!("draw:{id}"),
            &format!("公布承诺值 {commitment}"),
        )
        .await?;
        txn.commit().await?;
        to_stored(m)
    }

    /// 抽取 — runs the draw on the fixed inputs with the committed seed and records the result.
    pub async fn run_committed_draw(&self, id: i64, actor: &str) -> Result<StoredDraw, StoreError> {
        let txn = self.db.begin().await?;
        let m = find(&txn, id).await?;
        expect_state(&m, DrawState::Committed, "抽取")?;
        let inputs = draw_text::parse_inputs(&m.inputs)
            .map_err(|_| corrupt("draw", id, "inputs", &m.inputs))?;
        let seed_hex = m.seed.clone().unwrap_or_default();
        let seed =
            Seed::from_hex(&seed_hex).map_err(|_| corrupt("draw", id, "seed", "(secret)"))?;
        let result = run_draw(&inputs, &seed).map_err(|e| rejected(e.to_string()))?;
        let text = draw_text::result_text(&result);
        let mut a: draw::ActiveModel = m.into();
        a.state = Set(DrawState::Drawn.code().to_string());
        a.result = Set(Some(text));
        a.drawn_at = Set(Some(now_seconds()));
        let m = a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "draw.run",
            &format!("draw:{id}"),
            &format!("抽取完成：{} 家企业", result.assignments.len()),
        )
        .await?;
        txn.commit().await?;
        to_stored(m)
    }

    /// 公开种子 — discloses the seed of a drawn draw.
    pub async fn reveal_draw(&self, id: i64, actor: &str) -> Result<StoredDraw, StoreError> {
        let txn = self.db.begin().await?;
        let m = find(&txn, id).await?;
        expect_state(&m, DrawState::Drawn, "公开种子")?;
        let mut a: draw::ActiveModel = m.into();
        a.state = Set(DrawState::Revealed.code().to_string());
        a.revealed_at = Set(Some(now_seconds()));
        let m = a.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            "draw.reveal",
            &format!("draw:{id}"),
            "公开随机种子",
        )
        .await?;
        txn.commit().await?;
        to_stored(m)
    }

    /// Every draw, newest first.
    pub async fn draws(&self) -> Result<Vec<StoredDraw>, StoreError> {
        draw::Entity::find()
            .order_by_desc(draw::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_stored)
            .collect()
    }

    /// One draw.
    pub async fn draw(&self, id: i64) -> Result<StoredDraw, StoreError> {
        to_stored(find(&self.db, id).await?)
    }
}

/// 随机种子 — 32 bytes from the operating system's random source (`/dev/urandom`), for
/// [`Store::commit_draw`]. Other platforms get a clear refusal: pass a seed explicitly.
#[cfg(target_os = "linux")]
pub fn os_seed() -> Result<Seed, StoreError> {
    use std::io::Read;
    let mut bytes = vec![0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| {
            rejected(format!(
                "无法从 /dev/urandom 读取随机种子 (cannot read the seed from /dev/urandom): {e}"
            ))
        })?;
    Seed::new(bytes).map_err(|e| rejected(e.to_string()))
}

/// 随机种子 — no OS random source is read on this platform.
#[cfg(not(target_os = "linux"))]
pub fn os_seed() -> Result<Seed, StoreError> {
    Err(rejected(
        "本平台没有可用的系统随机源，请给出 32 字节十六进制种子 (no OS random source on this platform; give a seed)",
    ))
}
