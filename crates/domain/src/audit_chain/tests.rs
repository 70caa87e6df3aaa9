use super::*;
use proptest::prelude::*;

fn record(seq: u64, at: &str, action: &str, before: &str, after: &str) -> AuditRecord {
    AuditRecord {
        seq,
        at: at.into(),
        actor: "dcb".into(),
        source: "10.0.0.5".into(),
        action: action.into(),
        object: "task:3.3".into(),
        before: before.into(),
        after: after.into(),
    }
}

fn golden() -> Vec<ChainedRecord> {
    let r1 = record(
        1,
        "2023-06-01T01:00:00Z",
        "accept_task",
        r#"{"state":"submitted"}"#,
        r#"{"state":"accepted"}"#,
    );
    let r2 = record(
        2,
        "2023-06-01T01:05:00Z",
        "close_task",
        r#"{"state":"accepted"}"#,
        r#"{"state":"closed"}"#,
    );
    let first = ChainedRecord::seal(None, r1).expect("first");
    let second = ChainedRecord::seal(Some(&first), r2).expect("second");
    vec![first, second]
}

#[test]
fn sha256_and_hex_known_answer() {
    let digest = Sha256::digest(b"abc");
    assert_eq!(
        to_hex(digest.as_slice()),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(ChainHash::GENESIS.to_hex(), "0".repeat(64));
    let h = ChainHash::parse("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        .expect("hex");
    assert_eq!(
        h.to_string(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(ChainHash::parse(&"A".repeat(64)), None);
    assert_eq!(ChainHash::parse(&"0".repeat(63)), None);
    assert_eq!(ChainHash::parse(&"g".repeat(64)), None);
}

#[test]
fn canonical_encoding_is_as_documented() {
    let r = AuditRecord {
        seq: 1,
        at: "a".into(),
        actor: String::new(),
        source: String::new(),
        action: String::new(),
        object: String::new(),
        before: String::new(),
        after: String::new(),
    };
    let mut expected = b"ecogov-audit-v1".to_vec();
    expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 1]);
    expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 1, b'a']);
    expected.extend_from_slice(&[0u8; 8 * 6]);
    assert_eq!(r.canonical(), expected);
    // UTF-8 lengths are in bytes: "督察办" is 9.
    let mut c = r.clone();
    c.actor = "督察办".into();
    assert_eq!(&c.canonical()[32..40], &9u64.to_be_bytes());
}

#[test]
fn golden_hashes_match_an_independent_computation() {
    // Computed with Python's hashlib from the documented encoding.
    let chain = golden();
    assert_eq!(
        chain[0].hash,
        "a2c081e4fab01ea182774e185cf598d088497275995c00790c1966d31d5adf8d"
    );
    assert_eq!(
        chain[1].hash,
        "e610923be570409b2657112afc10f7b1f05f25b16621102a202506d513e42f0c"
    );
    assert_eq!(verify(&chain), Ok(()));
    assert_eq!(verify(&[]), Ok(()));
    let head = verify_from(&ChainHash::GENESIS, FIRST_SEQ, &chain).expect("valid");
    assert_eq!(head.to_hex(), chain[1].hash);
    // The second record alone verifies from the first's hash.
    let prev = ChainHash::parse(&chain[0].hash).expect("hex");
    assert_eq!(verify_from(&prev, 2, &chain[1..]), Ok(head));
}

#[test]
fn fields_cannot_trade_bytes() {
    let mut a = record(1, "t", "x", "", "");
    a.actor = "ab".into();
    a.source = "c".into();
    let mut b = a.clone();
    b.actor = "a".into();
    b.source = "bc".into();
    assert_ne!(a.canonical(), b.canonical());
    assert_ne!(
        chain_hash(&ChainHash::GENESIS, &a),
        chain_hash(&ChainHash::GENESIS, &b)
    );
}

fn chain_of(n: u64) -> Vec<ChainedRecord> {
    let mut out: Vec<ChainedRecord> = Vec::new();
    for seq in FIRST_SEQ..FIRST_SEQ + n {
        let r = record(
            seq,
            &format!("2023-06-01T01:{seq:02}:00Z"),
            "report_progress",
            "",
            "{}",
        );
        let sealed = ChainedRecord::seal(out.last(), r).expect("seal");
        out.push(sealed);
    }
    out
}

#[test]
fn deleting_a_middle_row_is_detected() {
    let mut chain = chain_of(5);
    chain.remove(2);
    assert_eq!(
        verify(&chain),
        Err(ChainError::Gap {
            expected: 3,
            found: 4
        })
    );
    // Renumbering the rows after the deletion does not help: the hashes break.
    for (i, row) in chain.iter_mut().enumerate() {
        row.record.seq = u64::try_from(i).expect("small") + 1;
    }
    assert!(matches!(
        verify(&chain),
        Err(ChainError::HashMismatch { seq: 3, .. })
    ));
    // Deleting the first row is a gap at 1.
    let chain = chain_of(3);
    assert_eq!(
        verify(&chain[1..]),
        Err(ChainError::Gap {
            expected: 1,
            found: 2
        })
    );
}

#[test]
fn reordering_and_duplicates_are_detected() {
    let mut chain = chain_of(5);
    chain.swap(1, 3);
    assert_eq!(
        verify(&chain),
        Err(ChainError::Reordered {
            expected: 2,
            found: 4
        })
    );
    let mut chain = chain_of(3);
    let dup = chain[1].clone();
    chain.insert(2, dup);
    assert_eq!(
        verify(&chain),
        Err(ChainError::Reordered {
            expected: 3,
            found: 2
        })
    );
}

#[test]
fn the_first_mismatch_is_reported() {
    let mut chain = chain_of(6);
    chain[2].record.after = r#"{"value":"99"}"#.into();
    chain[4].record.actor = "someone".into();
    let err = verify(&chain).expect_err("tampered");
    assert!(matches!(err, ChainError::HashMismatch { seq: 3, .. }));
    assert_eq!(
        err.to_string(),
        "第 3 条审计记录的哈希不符，记录已被改动 (hash mismatch at seq 3)"
    );
}

#[test]
fn sealing_checks_the_sequence() {
    let chain = chain_of(2);
    assert!(matches!(
        ChainedRecord::seal(Some(&chain[1]), record(4, "t", "x", "", "")),
        Err(ChainError::Gap { .. })
    ));
    assert!(matches!(
        ChainedRecord::seal(None, record(0, "t", "x", "", "")),
        Err(ChainError::Reordered { .. })
    ));
}

/// Changes field `field` of `row` so that it differs from before.
fn tamper(row: &mut ChainedRecord, field: usize) {
    let r = &mut row.record;
    match field {
        0 => r.seq = r.seq.wrapping_add(1),
        1 => r.at.push('0'),
        2 => r.actor.push('x'),
        3 => r.source.push('1'),
        4 => r.action.push('_'),
        5 => r.object.push('9'),
        6 => r.before.push(' '),
        7 => r.after.push('}'),
        _ => {
            // The stored hash: change its first character.
            let first = if row.hash.starts_with('0') { "1" } else { "0" };
            row.hash.replace_range(0..1, first);
        }
    }
}

fn any_text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

proptest! {
    #[test]
    fn tampering_any_field_of_any_row_is_detected(
        texts in proptest::collection::vec(
            (any_text(), any_text(), any_text(), any_text(), any_text(), any_text(), any_text()),
            1..8,
        ),
        pick in any::<prop::sample::Index>(),
        field in 0usize..9,
    ) {
        let mut chain: Vec<ChainedRecord> = Vec::new();
        for (i, (at, actor, source, action, object, before, after)) in texts.into_iter().enumerate() {
            let seq = u64::try_from(i).expect("small") + FIRST_SEQ;
            let r = AuditRecord { seq, at, actor, source, action, object, before, after };
            let sealed = ChainedRecord::seal(chain.last(), r).expect("seal");
            chain.push(sealed);
        }
        prop_assert_eq!(verify(&chain), Ok(()));
        let row = pick.index(chain.len());
        tamper(&mut chain[row], field);
        prop_assert!(verify(&chain).is_err(), "row {} field {} not detected", row, field);
    }
}
