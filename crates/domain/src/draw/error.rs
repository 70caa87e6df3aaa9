//! Why a draw cannot be run, and why a published draw fails verification.

use super::inputs::{Commitment, InputsDigest, InspectorId};
use crate::enterprise::CreditCode;
use rust_decimal::Decimal;

/// Why draw inputs are refused or a draw cannot be completed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The period label is empty.
    #[error("抽查期次不能为空 (period label must not be empty)")]
    EmptyPeriod,
    /// Fewer than two inspectors per inspection (ecogov rule: 双随机一公开 needs at least two).
    #[error(
        "每个检查组至少应有 2 名执法人员，计划为 {0} 名 (at least 2 inspectors per inspection)"
    )]
    TooFewPerInspection(usize),
    /// A named pool without a name.
    #[error("抽查对象库名称不能为空 (pool name must not be empty)")]
    EmptyPoolName,
    /// Two pools with the same key.
    #[error("抽查对象库“{0}”重复 (duplicate pool)")]
    DuplicatePool(String),
    /// An enterprise listed twice, in one pool or in two.
    #[error("企业 {enterprise} 在抽查对象库“{pool}”中重复出现 (enterprise listed twice)")]
    DuplicateEnterprise {
        /// The enterprise.
        enterprise: CreditCode,
        /// The pool where it appears the second time.
        pool: String,
    },
    /// A percentage share not in (0, 100].
    #[error(
        "抽查对象库“{pool}”的抽查比例 {percent}% 应大于 0 且不超过 100 (percentage must be in (0, 100])"
    )]
    PercentOutOfRange {
        /// The pool.
        pool: String,
        /// The percentage given.
        percent: Decimal,
    },
    /// A count share of zero or larger than the pool.
    #[error(
        "抽查对象库“{pool}”共 {size} 家，抽查数量 {count} 应在 1 到 {size} 之间 (count must be between 1 and the pool size)"
    )]
    CountOutOfRange {
        /// The pool.
        pool: String,
        /// The count given.
        count: usize,
        /// The pool's size.
        size: usize,
    },
    /// The quota of a pool cannot be computed (arithmetic overflow).
    #[error("抽查对象库“{0}”的抽查数量无法计算 (quota overflow)")]
    QuotaOverflow(String),
    /// An inspector listed twice.
    #[error("执法人员 {0} 重复 (duplicate inspector)")]
    DuplicateInspector(InspectorId),
    /// A 回避 relation names an inspector who is not on the list.
    #[error("回避关系中的执法人员 {0} 不在执法人员名录中 (relation names an unknown inspector)")]
    UnknownInspector(InspectorId),
    /// Fewer inspectors than one inspection needs.
    #[error("执法人员共 {available} 名，少于每组所需的 {needed} 名 (not enough inspectors)")]
    NotEnoughInspectors {
        /// Inspectors per inspection.
        needed: usize,
        /// Inspectors on the list.
        available: usize,
    },
    /// No team can be formed for a drawn enterprise without breaking a 回避 rule.
    #[error(
        "企业 {enterprise}（{pool}）无法在回避规则下组成 {needed} 人检查组：无回避关系的执法人员 {eligible} 名，且不得与上次检查该企业的人员两两重复 (cannot staff the inspection under the recusal rules)"
    )]
    CannotStaff {
        /// The enterprise drawn.
        enterprise: CreditCode,
        /// Its pool.
        pool: String,
        /// Inspectors per inspection.
        needed: usize,
        /// Inspectors not related to the enterprise.
        eligible: usize,
    },
    /// A seed shorter than 16 bytes.
    #[error("随机种子至少 16 字节，实为 {0} 字节 (seed must have at least 16 bytes)")]
    SeedTooShort(usize),
    /// A seed that is not hexadecimal text.
    #[error("随机种子“{0}”不是十六进制文本 (seed is not hexadecimal)")]
    SeedNotHex(String),
}

/// Why a published draw does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// SHA-256 of the disclosed seed is not the commitment published before the draw.
    #[error(
        "种子与事先公布的承诺值不符：公布 {published}，种子的 SHA-256 为 {computed} (seed does not match the published commitment)"
    )]
    SeedMismatch {
        /// The commitment published before the draw.
        published: Commitment,
        /// SHA-256 of the seed disclosed.
        computed: Commitment,
    },
    /// The inputs given are not the inputs the draw recorded.
    #[error(
        "抽取输入已被改动：记录的摘要为 {recorded}，现输入的摘要为 {computed} (inputs altered)"
    )]
    InputsAltered {
        /// The digest recorded with the result.
        recorded: InputsDigest,
        /// The digest of the inputs given.
        computed: InputsDigest,
    },
    /// The result differs from what the inputs and seed produce.
    #[error("抽取结果已被改动：{0} (result altered)")]
    ResultAltered(String),
    /// The inputs and seed do not produce any result.
    #[error("按公布的输入和种子无法完成抽取：{0} (the draw cannot be reproduced)")]
    Draw(DrawError),
}
