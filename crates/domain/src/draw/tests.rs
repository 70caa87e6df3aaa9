//! Tests of the draw: reproducibility, verification and the 回避 invariants.

use super::*;
use crate::enterprise::SupervisionClass;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn code(n: u32) -> CreditCode {
    let body = format!("91420600{n:09}");
    let check = CreditCode::check_character(&body).expect("17 characters");
    CreditCode::parse(&format!("{body}{check}")).expect("valid")
}

fn id(n: usize) -> InspectorId {
    InspectorId::new(&format!("4206{n:04}")).expect("non-empty")
}

fn inspector(n: usize) -> Inspector {
    Inspector {
        id: id(n),
        name: format!("执法人员{n}"),
        unit: "综合执法支队".into(),
    }
}

fn seed(byte: u8) -> Seed {
    Seed::new(vec![byte; 32]).expect("32 bytes")
}

fn pool(key: PoolKey, codes: std::ops::Range<u32>, share: Share) -> DrawPool {
    DrawPool {
        key,
        enterprises: codes.map(code).collect(),
        share,
    }
}

fn sample_inputs(reverse: bool) -> DrawInputs {
    let mut pools = vec![
        pool(
            PoolKey::Class(SupervisionClass::KeyDischarger),
            0..20,
            Share::Percent(Decimal::new(25, 0)),
        ),
        pool(PoolKey::Named("涉VOCs企业".into()), 20..30, Share::Count(3)),
    ];
    let mut inspectors: Vec<Inspector> = (0..8).map(inspector).collect();
    let mut relations = vec![
        Relation {
            inspector: id(1),
            enterprise: code(3),
        },
        Relation {
            inspector: id(2),
            enterprise: code(21),
        },
    ];
    let mut previous = vec![
        PreviousVisit {
            enterprise: code(5),
            inspectors: vec![id(4), id(6)],
        },
        PreviousVisit {
            enterprise: code(22),
            inspectors: vec![id(0), id(7)],
        },
    ];
    if reverse {
        pools.reverse();
        for p in &mut pools {
            p.enterprises.reverse();
        }
        inspectors.reverse();
        relations.reverse();
        previous.reverse();
    }
    let plan = DrawPlan::new("2023年第三季度", 2, pools).expect("valid plan");
    DrawInputs::new(plan, inspectors, relations, previous).expect("valid inputs")
}

#[test]
fn draw_is_reproducible_and_independent_of_input_order() {
    let a = sample_inputs(false);
    let b = sample_inputs(true);
    assert_eq!(a.canonical_text(), b.canonical_text());
    assert_eq!(inputs_digest(&a), inputs_digest(&b));
    let r1 = run_draw(&a, &seed(7)).expect("draw");
    let r2 = run_draw(&b, &seed(7)).expect("draw");
    assert_eq!(r1, r2);
    // 25 % of 20 = 5, plus the count of 3.
    assert_eq!(r1.assignments.len(), 8);
    assert_eq!(r1.commitment, commit(&seed(7)));
    let r3 = run_draw(&a, &seed(8)).expect("draw");
    assert_ne!(r1.assignments, r3.assignments, "another seed, another draw");
}

#[test]
fn canonical_text_is_as_documented() {
    let plan = DrawPlan::new(
        " Q3 ",
        2,
        vec![pool(
            PoolKey::Named("乙".into()),
            0..1,
            Share::Percent(Decimal::new(5000, 2)),
        )],
    )
    .expect("plan");
    let inputs = DrawInputs::new(
        plan,
        vec![inspector(2), inspector(1)],
        vec![Relation {
            inspector: id(1),
            enterprise: code(0),
        }],
        vec![PreviousVisit {
            enterprise: code(0),
            inspectors: vec![id(2), id(1), id(1)],
        }],
    )
    .expect("inputs");
    let c = code(0);
    let expected = format!(
        "ecogov-draw-inputs v1\nperiod 2:Q3\ninspectors-per-inspection 2\n\
         pool 9:named:乙 percent 50\nenterprise {c}\n\
         inspector 8:42060001 13:执法人员1 18:综合执法支队\n\
         inspector 8:42060002 13:执法人员2 18:综合执法支队\n\
         related 8:42060001 {c}\nprevious {c} 8:42060001 8:42060002\n"
    );
    assert_eq!(inputs.canonical_text(), expected);
}

#[test]
fn verify_accepts_the_honest_draw_and_names_each_tampering() {
    let inputs = sample_inputs(false);
    let s = seed(7);
    let published = commit(&s);
    let result = run_draw(&inputs, &s).expect("draw");
    assert_eq!(verify(&inputs, &s, &published, &result), Ok(()));

    // Order of the claimed assignments does not matter.
    let mut shuffled = result.clone();
    shuffled.assignments.reverse();
    assert_eq!(verify(&inputs, &s, &published, &shuffled), Ok(()));

    // Wrong seed.
    assert!(matches!(
        verify(&inputs, &seed(9), &published, &result),
        Err(VerifyError::SeedMismatch { .. })
    ));

    // Inputs altered after the draw: a relation added.
    let mut relations = inputs.relations().to_vec();
    relations.push(Relation {
        inspector: id(0),
        enterprise: code(0),
    });
    let altered = DrawInputs::new(
        inputs.plan().clone(),
        inputs.inspectors().to_vec(),
        relations,
        inputs.previous().to_vec(),
    )
    .expect("inputs");
    assert!(matches!(
        verify(&altered, &s, &published, &result),
        Err(VerifyError::InputsAltered { .. })
    ));

    // Result altered: one inspector replaced by one not drawn.
    let mut forged = result.clone();
    let team = &mut forged.assignments[0].inspectors;
    let outsider = (0..8).map(id).find(|i| !team.contains(i)).expect("8 > 2");
    team[0] = outsider;
    let err = verify(&inputs, &s, &published, &forged).expect_err("forged");
    assert!(matches!(&err, VerifyError::ResultAltered(m) if m.contains("inspectors differ")));

    // Result altered: an enterprise swapped for one not drawn.
    let mut forged = result.clone();
    let drawn: Vec<&CreditCode> = result.assignments.iter().map(|a| &a.enterprise).collect();
    let other = (0..20)
        .map(code)
        .find(|c| !drawn.contains(&c))
        .expect("15 not drawn");
    forged.assignments[0].enterprise = other;
    assert!(matches!(
        verify(&inputs, &s, &published, &forged),
        Err(VerifyError::ResultAltered(_))
    ));

    // Result altered: an inspection dropped.
    let mut forged = result.clone();
    forged.assignments.pop();
    assert!(matches!(
        verify(&inputs, &s, &published, &forged),
        Err(VerifyError::ResultAltered(_))
    ));
}

#[test]
fn quotas_round_up() {
    let q = |size: usize, p: i64, scale: u32| Share::Percent(Decimal::new(p, scale)).quota(size);
    assert_eq!(q(41, 5, 0), Some(3)); // 2.05 → 3
    assert_eq!(q(10, 10, 0), Some(1));
    assert_eq!(q(3, 333, 1), Some(1)); // 0.999 → 1
    assert_eq!(q(7, 100, 0), Some(7));
    assert_eq!(q(0, 50, 0), Some(0));
    assert_eq!(Share::Count(4).quota(9), Some(4));
}

#[test]
fn plans_are_checked() {
    let key = || PoolKey::Class(SupervisionClass::GeneralDischarger);
    let p = |share, per| DrawPlan::new("Q1", per, vec![pool(key(), 0..5, share)]);
    assert_eq!(
        p(Share::Count(1), 1),
        Err(DrawError::TooFewPerInspection(1))
    );
    assert!(matches!(
        p(Share::Count(0), 2),
        Err(DrawError::CountOutOfRange { count: 0, .. })
    ));
    assert!(matches!(
        p(Share::Count(6), 2),
        Err(DrawError::CountOutOfRange { size: 5, .. })
    ));
    assert!(matches!(
        p(Share::Percent(Decimal::ZERO), 2),
        Err(DrawError::PercentOutOfRange { .. })
    ));
    assert!(matches!(
        p(Share::Percent(Decimal::new(1001, 1)), 2),
        Err(DrawError::PercentOutOfRange { .. })
    ));
    assert_eq!(DrawPlan::new(" ", 2, vec![]), Err(DrawError::EmptyPeriod));
    let twice = DrawPlan::new(
        "Q1",
        2,
        vec![
            pool(key(), 0..3, Share::Count(1)),
            pool(PoolKey::Named("x".into()), 2..4, Share::Count(1)),
        ],
    );
    assert_eq!(
        twice,
        Err(DrawError::DuplicateEnterprise {
            enterprise: code(2),
            pool: "x".into()
        })
    );
    let dup_pool = DrawPlan::new(
        "Q1",
        2,
        vec![
            pool(key(), 0..1, Share::Count(1)),
            pool(key(), 1..2, Share::Count(1)),
        ],
    );
    assert!(matches!(dup_pool, Err(DrawError::DuplicatePool(_))));
    let unnamed = DrawPlan::new(
        "Q1",
        2,
        vec![pool(PoolKey::Named(" ".into()), 0..1, Share::Count(1))],
    );
    assert_eq!(unnamed, Err(DrawError::EmptyPoolName));
}

#[test]
fn inputs_are_checked() {
    let plan = || DrawPlan::new("Q1", 3, vec![]).expect("plan");
    assert_eq!(
        DrawInputs::new(plan(), vec![inspector(1), inspector(2)], vec![], vec![]),
        Err(DrawError::NotEnoughInspectors {
            needed: 3,
            available: 2
        })
    );
    assert_eq!(
        DrawInputs::new(
            plan(),
            vec![inspector(1), inspector(2), inspector(1)],
            vec![],
            vec![]
        ),
        Err(DrawError::DuplicateInspector(id(1)))
    );
    let related = vec![Relation {
        inspector: id(9),
        enterprise: code(0),
    }];
    assert_eq!(
        DrawInputs::new(plan(), (0..3).map(inspector).collect(), related, vec![]),
        Err(DrawError::UnknownInspector(id(9)))
    );
}

#[test]
fn seeds_are_checked_and_never_printed() {
    assert_eq!(Seed::new(vec![0; 15]), Err(DrawError::SeedTooShort(15)));
    assert!(matches!(
        Seed::from_hex("xyz"),
        Err(DrawError::SeedNotHex(_))
    ));
    let s = Seed::from_hex(&"ab".repeat(16)).expect("16 bytes");
    assert_eq!(s.to_hex(), "ab".repeat(16));
    assert_eq!(format!("{s:?}"), "Seed(16 bytes)");
    let c = commit(&s);
    assert_eq!(Commitment::parse(&c.to_string()), Some(c));
    assert_eq!(c.to_string().len(), 64);
}

fn one_enterprise_plan() -> DrawPlan {
    DrawPlan::new(
        "Q1",
        2,
        vec![pool(PoolKey::Named("甲".into()), 0..1, Share::Count(1))],
    )
    .expect("plan")
}

#[test]
fn unstaffable_enterprise_is_named() {
    let related = vec![
        Relation {
            inspector: id(0),
            enterprise: code(0),
        },
        Relation {
            inspector: id(1),
            enterprise: code(0),
        },
    ];
    let inputs = DrawInputs::new(
        one_enterprise_plan(),
        (0..3).map(inspector).collect(),
        related,
        vec![],
    )
    .expect("inputs");
    let err = run_draw(&inputs, &seed(1)).expect_err("only one eligible");
    assert_eq!(
        err,
        DrawError::CannotStaff {
            enterprise: code(0),
            pool: "甲".into(),
            needed: 2,
            eligible: 1
        }
    );
    assert!(err.to_string().contains(code(0).as_str()));
}

#[test]
fn previous_pair_is_not_sent_back() {
    let previous = vec![PreviousVisit {
        enterprise: code(0),
        inspectors: vec![id(0), id(1)],
    }];
    let two = DrawInputs::new(
        one_enterprise_plan(),
        (0..2).map(inspector).collect(),
        vec![],
        previous.clone(),
    )
    .expect("inputs");
    assert!(matches!(
        run_draw(&two, &seed(1)),
        Err(DrawError::CannotStaff { .. })
    ));
    let three = DrawInputs::new(
        one_enterprise_plan(),
        (0..3).map(inspector).collect(),
        vec![],
        previous,
    )
    .expect("inputs");
    for b in 0..20 {
        let r = run_draw(&three, &seed(b)).expect("staffable");
        assert_ne!(r.assignments[0].inspectors, vec![id(0), id(1)]);
        assert!(r.assignments[0].inspectors.contains(&id(2)));
    }
}

/// Whether some team of `size` exists for enterprise `e` under the rules, by brute force.
fn team_exists(inputs: &DrawInputs, e: &CreditCode, size: usize) -> bool {
    let eligible: Vec<&InspectorId> = inputs
        .inspectors()
        .iter()
        .map(|i| &i.id)
        .filter(|i| {
            !inputs
                .relations()
                .iter()
                .any(|r| &r.inspector == *i && &r.enterprise == e)
        })
        .collect();
    let together = |a: &InspectorId, b: &InspectorId| {
        inputs
            .previous()
            .iter()
            .any(|v| &v.enterprise == e && v.inspectors.contains(a) && v.inspectors.contains(b))
    };
    let n = eligible.len();
    (0u32..(1 << n)).any(|mask| {
        let team: Vec<&InspectorId> = (0..n)
            .filter(|&i| mask & (1 << i) != 0)
            .map(|i| eligible[i])
            .collect();
        team.len() == size
            && team
                .iter()
                .enumerate()
                .all(|(k, a)| team[k + 1..].iter().all(|b| !together(a, b)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn draws_respect_every_rule_or_fail_for_a_reason(
        n_enterprises in 1u32..16,
        n_inspectors in 2usize..9,
        per in 2usize..4,
        pool_of in proptest::collection::vec(0u8..3, 16),
        shares in proptest::collection::vec((any::<bool>(), 1u32..=100), 3),
        relations in proptest::collection::vec((0usize..9, 0u32..16), 0..20),
        previous in proptest::collection::vec((0u32..16, proptest::collection::vec(0usize..9, 2..4)), 0..10),
        seed_bytes in proptest::collection::vec(any::<u8>(), 16..40),
    ) {
        prop_assume!(per <= n_inspectors);
        let mut pools = Vec::new();
        for (p, &(percent, v)) in shares.iter().enumerate() {
            let members: Vec<CreditCode> = (0..n_enterprises)
                .filter(|&e| usize::from(pool_of[e as usize]) == p)
                .map(code)
                .collect();
            if members.is_empty() {
                continue;
            }
            let size = members.len();
            let share = if percent {
                Share::Percent(Decimal::from(v))
            } else {
                Share::Count(1 + (v as usize) % size)
            };
            pools.push(DrawPool { key: PoolKey::Named(format!("库{p}")), enterprises: members, share });
        }
        let expected: Vec<(String, usize)> = pools
            .iter()
            .map(|p| (p.key.to_string(), p.share.quota(p.enterprises.len()).unwrap_or(0)))
            .collect();
        let plan = DrawPlan::new("P", per, pools).expect("valid plan");
        let relations: Vec<Relation> = relations
            .into_iter()
            .filter(|&(i, e)| i < n_inspectors && e < n_enterprises)
            .map(|(i, e)| Relation { inspector: id(i), enterprise: code(e) })
            .collect();
        let previous: Vec<PreviousVisit> = previous
            .into_iter()
            .map(|(e, team)| PreviousVisit {
                enterprise: code(e % n_enterprises),
                inspectors: team.into_iter().map(|i| id(i % n_inspectors)).collect(),
            })
            .collect();
        let inputs = DrawInputs::new(plan, (0..n_inspectors).map(inspector).collect(), relations, previous)
            .expect("valid inputs");
        let s = Seed::new(seed_bytes).expect("≥ 16 bytes");
        match run_draw(&inputs, &s) {
            Ok(result) => {
                prop_assert_eq!(verify(&inputs, &s, &commit(&s), &result), Ok(()));
                for (pool, quota) in &expected {
                    let n = result.assignments.iter().filter(|a| &a.pool.to_string() == pool).count();
                    prop_assert_eq!(n, *quota, "pool {} quota", pool);
                }
                let mut seen = std::collections::HashSet::new();
                for a in &result.assignments {
                    prop_assert!(seen.insert(a.enterprise.clone()), "enterprise drawn twice");
                    let mut team = a.inspectors.clone();
                    team.dedup();
                    prop_assert_eq!(team.len(), per);
                    for i in &a.inspectors {
                        prop_assert!(!inputs.relations().iter().any(|r| &r.inspector == i && r.enterprise == a.enterprise));
                    }
                    for v in inputs.previous().iter().filter(|v| v.enterprise == a.enterprise) {
                        let shared = a.inspectors.iter().filter(|i| v.inspectors.contains(i)).count();
                        prop_assert!(shared < 2, "previous pair sent back to {}", a.enterprise);
                    }
                }
            }
            Err(DrawError::CannotStaff { enterprise, needed, .. }) => {
                prop_assert_eq!(needed, per);
                prop_assert!(!team_exists(&inputs, &enterprise, per), "a team existed for {}", enterprise);
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
    }
}
