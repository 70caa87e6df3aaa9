//! 审计链 — the append-only audit trail, made tamper-evident by a SHA-256 hash chain.
//!
//! Every audit record carries the hash of its predecessor inside its own hash, so changing,
//! removing, inserting or reordering any stored row breaks every later hash and is found by
//! [`verify`].
//!
//! # Canonical encoding (version 1)
//!
//! `canonical(record)` is the concatenation of:
//!
//! 1. the 15 ASCII bytes `ecogov-audit-v1` (the format tag; a new layout gets a new tag);
//! 2. `seq` as 8 bytes, unsigned big-endian;
//! 3. for each text field in this order — `at`, `actor`, `source`, `action`, `object`,
//!    `before`, `after` — its length in bytes of UTF-8 as 8 bytes unsigned big-endian, then
//!    those bytes exactly as stored (no trimming, no Unicode normalisation, no JSON
//!    re-formatting).
//!
//! The length prefixes make the encoding injective: no two different records share one.
//!
//! # Hash
//!
//! `hash(record) = lowercase-hex(SHA-256(prev ‖ canonical(record)))`, where `prev` is the 64
//! ASCII bytes of the previous record's hash in lowercase hex, and for the first record
//! (`seq` 1) the genesis value of 64 `0` characters. With standard tools:
//! `(printf '%s' "$PREV"; cat record.bin) | sha256sum`.
//!
//! Source: GB/T 22239-2019 第三级 8.1.4.3 安全审计 b) "审计记录应包括事件的日期和时间、用户、
//! 事件类型、事件是否成功及其他与审计相关的信息" and c) "应对审计记录进行保护……避免受到未预期
//! 的删除、修改或覆盖等"; the encoding and the chain are ecogov rule (issue 7).

use sha2::{Digest, Sha256};
use std::fmt;

/// The sequence number of the first record of a chain.
pub const FIRST_SEQ: u64 = 1;

/// The format tag that opens every canonical encoding.
pub const FORMAT_TAG: &[u8; 15] = b"ecogov-audit-v1";

/// 审计记录 — one row of the audit trail, every field as stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditRecord {
    /// 序号 — 1, 2, 3 … without gaps.
    pub seq: u64,
    /// 时间 — the moment, as text (RFC 3339, e.g. `2023-06-01T01:00:00Z`).
    pub at: String,
    /// 操作人 — the account id, or a marker such as `公众`/`system`.
    pub actor: String,
    /// 来源地址 — where the request came from (IP address, `cli`, …).
    pub source: String,
    /// 操作 — what was done, e.g. an [`crate::authz::Action`] code and its outcome.
    pub action: String,
    /// 对象 — what it was done to, e.g. `task:3.3`.
    pub object: String,
    /// 变更前 — the state before (JSON text allowed; empty when none).
    pub before: String,
    /// 变更后 — the state after (JSON text allowed; empty when none).
    pub after: String,
}

impl AuditRecord {
    /// The canonical byte encoding (see the module documentation).
    pub fn canonical(&self) -> Vec<u8> {
        let fields = [
            &self.at,
            &self.actor,
            &self.source,
            &self.action,
            &self.object,
            &self.before,
            &self.after,
        ];
        let size = FORMAT_TAG.len() + 8 + fields.iter().map(|f| 8 + f.len()).sum::<usize>();
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(FORMAT_TAG);
        out.extend_from_slice(&self.seq.to_be_bytes());
        for f in fields {
            // usize is at most 64 bits on every supported target.
            out.extend_from_slice(&(f.len() as u64).to_be_bytes());
            out.extend_from_slice(f.as_bytes());
        }
        out
    }
}

/// 哈希值 — a SHA-256 value of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainHash([u8; 32]);

impl ChainHash {
    /// The genesis value: the "previous hash" of the first record, 64 `0` in hex.
    pub const GENESIS: ChainHash = ChainHash([0; 32]);

    /// The hash as 64 lowercase hex characters.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// Parses 64 lowercase hex characters (upper case is refused: stored hashes are compared
    /// as text).
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, pair) in b.chunks_exact(2).enumerate() {
            out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Some(Self(out))
    }
}

impl fmt::Display for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    s
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// The hash of `record` following `prev`: `SHA-256(hex(prev) ‖ canonical(record))`.
pub fn chain_hash(prev: &ChainHash, record: &AuditRecord) -> ChainHash {
    let mut h = Sha256::new();
    h.update(prev.to_hex().as_bytes());
    h.update(record.canonical());
    let digest = h.finalize();
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_slice());
    ChainHash(out)
}

/// 已存审计记录 — a record with the hash stored beside it, as read back from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRecord {
    /// The record.
    pub record: AuditRecord,
    /// The stored hash, as text.
    pub hash: String,
}

impl ChainedRecord {
    /// Seals `record` after `prev` (the last stored record, or `None` for the first): computes
    /// its hash. The caller sets `record.seq` to the previous `seq` + 1 (or [`FIRST_SEQ`]).
    pub fn seal(prev: Option<&ChainedRecord>, record: AuditRecord) -> Result<Self, ChainError> {
        let (prev_hash, expected) = match prev {
            None => (ChainHash::GENESIS, FIRST_SEQ),
            Some(p) => (
                ChainHash::parse(&p.hash).ok_or_else(|| ChainError::HashMismatch {
                    seq: p.record.seq,
                    stored: p.hash.clone(),
                    computed: String::new(),
                })?,
                p.record.seq.saturating_add(1),
            ),
        };
        check_seq(expected, record.seq, || false)?;
        let hash = chain_hash(&prev_hash, &record).to_hex();
        Ok(Self { record, hash })
    }
}

/// What [`verify`] found wrong: the first problem, in stored order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// The stored hash is not the hash of the stored record after its predecessor: the record,
    /// its hash, or an earlier record was altered.
    #[error("第 {seq} 条审计记录的哈希不符，记录已被改动 (hash mismatch at seq {seq})")]
    HashMismatch {
        /// The record's sequence number.
        seq: u64,
        /// The hash stored.
        stored: String,
        /// The hash computed (empty when the predecessor's stored hash is not valid hex).
        computed: String,
    },
    /// A sequence number is missing: a record was removed.
    #[error("审计记录序号不连续：应为 {expected}，实为 {found}，记录缺失 (gap in sequence)")]
    Gap {
        /// The number expected here.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// A sequence number comes back or out of order: records were moved or duplicated.
    #[error("审计记录顺序错乱：应为 {expected}，实为 {found} (records reordered or duplicated)")]
    Reordered {
        /// The number expected here.
        expected: u64,
        /// The number found.
        found: u64,
    },
}

/// `Ok` when `found` is `expected`; a gap when `found` is larger and `expected` does not come
/// later (`expected_later`), else a reorder.
fn check_seq(
    expected: u64,
    found: u64,
    expected_later: impl FnOnce() -> bool,
) -> Result<(), ChainError> {
    if found == expected {
        Ok(())
    } else if found > expected && !expected_later() {
        Err(ChainError::Gap { expected, found })
    } else {
        Err(ChainError::Reordered { expected, found })
    }
}

/// Verifies a whole chain, stored order, from the genesis value and [`FIRST_SEQ`]. An empty
/// chain is valid.
///
/// Removing the *last* records cannot be seen from the rows alone: compare the head returned
/// by [`verify_from`] with a head recorded elsewhere (see the integrator notes of issue 7).
pub fn verify(records: &[ChainedRecord]) -> Result<(), ChainError> {
    verify_from(&ChainHash::GENESIS, FIRST_SEQ, records).map(|_| ())
}

/// Verifies a segment that follows a record with hash `prev` and sequence `first_seq − 1`.
/// Returns the hash of the last record (the head), or `prev` for an empty segment.
pub fn verify_from(
    prev: &ChainHash,
    first_seq: u64,
    records: &[ChainedRecord],
) -> Result<ChainHash, ChainError> {
    let mut prev = *prev;
    let mut expected = first_seq;
    for (i, row) in records.iter().enumerate() {
        let found = row.record.seq;
        check_seq(expected, found, || {
            records[i + 1..].iter().any(|r| r.record.seq == expected)
        })?;
        let computed = chain_hash(&prev, &row.record);
        if row.hash != computed.to_hex() {
            return Err(ChainError::HashMismatch {
                seq: found,
                stored: row.hash.clone(),
                computed: computed.to_hex(),
            });
        }
        prev = computed;
        expected = expected.saturating_add(1);
    }
    Ok(prev)
}

#[cfg(test)]
mod tests;
