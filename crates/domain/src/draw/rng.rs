//! 可验证随机数 — the draw's deterministic random stream, hashes and hex text.
//!
//! Everything here is specified byte for byte so that anyone can recompute a draw with any
//! SHA-256 implementation (ecogov rule for 双随机一公开 draws).

use sha2::{Digest, Sha256};
use std::fmt;

/// Lower-case hexadecimal text of `bytes`, two digits a byte.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Reads hexadecimal text (either case, even length); `None` when malformed.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let t = text.trim().as_bytes();
    if !t.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    t.chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A SHA-256 value shown as 64 lower-case hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash32(pub [u8; 32]);

impl Hash32 {
    /// Parses 64 hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = from_hex(text)?;
        <[u8; 32]>::try_from(bytes.as_slice()).ok().map(Self)
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_hex(&self.0))
    }
}

impl fmt::Debug for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

/// The draw's random stream: block *i* (i = 0, 1, 2 …) is
/// SHA-256(seed ‖ inputs digest (32 raw bytes) ‖ i as 8 bytes big-endian); the stream is the
/// blocks' bytes in order, read 8 bytes at a time as big-endian `u64`s (4 per block).
pub struct Stream<'a> {
    seed: &'a [u8],
    digest: [u8; 32],
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl<'a> Stream<'a> {
    /// The stream of `seed` for inputs with digest `digest`.
    pub fn new(seed: &'a [u8], digest: [u8; 32]) -> Self {
        Self {
            seed,
            digest,
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }

    /// The next 64 bits of the stream.
    pub fn next_u64(&mut self) -> u64 {
        if self.used == 32 {
            let mut h = Sha256::new();
            h.update(self.seed);
            h.update(self.digest);
            h.update(self.counter.to_be_bytes());
            self.block = h.finalize().into();
            self.counter = self.counter.wrapping_add(1);
            self.used = 0;
        }
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.block[self.used..self.used + 8]);
        self.used += 8;
        u64::from_be_bytes(word)
    }

    /// A uniform integer in `0..n` (`n` ≥ 1) by rejection: draw x; accept when
    /// x < ⌊(2⁶⁴−1) ÷ n⌋ × n and return x mod n; otherwise draw again. Always draws at least once.
    pub fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        let zone = (u64::MAX / n64) * n64;
        loop {
            let x = self.next_u64();
            if x < zone {
                // x mod n < n ≤ usize::MAX, so the conversion cannot fail.
                return usize::try_from(x % n64).unwrap_or(0);
            }
        }
    }

    /// Partial Fisher–Yates: for i in 0..k, swap item i with item i + below(len − i). The first
    /// `k` items are then the sample, in the order drawn. `k` is capped at the length.
    pub fn partial_shuffle<T>(&mut self, items: &mut [T], k: usize) {
        let len = items.len();
        for i in 0..k.min(len) {
            let j = i + self.below(len - i);
            items.swap(i, j);
        }
    }

    /// A full Fisher–Yates shuffle: [`Stream::partial_shuffle`] with k = len − 1 (the last
    /// item has nowhere to go).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        let k = items.len().saturating_sub(1);
        self.partial_shuffle(items, k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        assert_eq!(to_hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(from_hex("000FA5ff"), Some(vec![0x00, 0x0f, 0xa5, 0xff]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }

    #[test]
    fn sha256_known_answer() {
        // FIPS 180-2 example: SHA-256("abc").
        assert_eq!(
            to_hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn stream_follows_its_specification() {
        let seed = b"0123456789abcdef";
        let digest = [7u8; 32];
        let mut bytes = seed.to_vec();
        bytes.extend_from_slice(&digest);
        bytes.extend_from_slice(&0u64.to_be_bytes());
        let block0 = sha256(&bytes);
        let mut s = Stream::new(seed, digest);
        let words: Vec<u64> = (0..5).map(|_| s.next_u64()).collect();
        for (i, w) in words.iter().take(4).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&block0[i * 8..i * 8 + 8]);
            assert_eq!(*w, u64::from_be_bytes(b));
        }
        bytes.truncate(seed.len() + 32);
        bytes.extend_from_slice(&1u64.to_be_bytes());
        let block1 = sha256(&bytes);
        let mut b = [0u8; 8];
        b.copy_from_slice(&block1[..8]);
        assert_eq!(words[4], u64::from_be_bytes(b));
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut s = Stream::new(b"seed-for-uniformity", [0; 32]);
        let mut counts = [0usize; 6];
        for _ in 0..6000 {
            counts[s.below(6)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (850..1150).contains(&c)),
            "{counts:?}"
        );
        assert_eq!(s.below(1), 0);
    }

    #[test]
    fn shuffles_are_permutations() {
        let mut s = Stream::new(b"x", [1; 32]);
        let mut v: Vec<u32> = (0..20).collect();
        s.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        let mut w: Vec<u32> = (0..5).collect();
        s.partial_shuffle(&mut w, 10);
        w.sort_unstable();
        assert_eq!(w, vec![0, 1, 2, 3, 4]);
    }
}
