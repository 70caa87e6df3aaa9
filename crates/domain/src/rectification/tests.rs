use super::*;
use crate::account::AccountId;
use crate::authz::{AccountRole, INSPECTORATE_UNIT};
use jiff::SignedDuration;
use proptest::prelude::*;

fn name(n: &str) -> UnitName {
    UnitName::new(n)
}

fn acct(id: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(AccountId::parse(id).expect("id"), name(unit), role)
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

fn at(minutes: i64) -> Timestamp {
    let t0: Timestamp = "2023-04-01T09:00:00+08:00".parse().expect("timestamp");
    t0.checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

fn insp() -> Principal {
    acct("dcb", "督察办", AccountRole::Inspectorate)
}

fn soil() -> Principal {
    acct("tuke", "土科", AccountRole::UnitStaff)
}

fn draft(responsible: &str) -> RectificationDraft {
    RectificationDraft {
        source: FindingSource::CentralInspection,
        finding: "某化工园区污水管网破损，雨污混流".into(),
        responsible: name(responsible),
        measures: String::new(),
        deadline: d(2023, 6, 30),
    }
}

fn update(measures: Option<&str>, add: &[&str]) -> RectificationAction {
    RectificationAction::Update {
        measures: measures.map(str::to_string),
        add_evidence: add.iter().map(|s| s.to_string()).collect(),
        remove_evidence: Vec::new(),
    }
}

#[test]
fn full_path_with_a_return() {
    let (item, e) = create(draft("土科"), &insp(), at(0)).expect("created");
    assert_eq!(item.state, RectificationState::InProgress);
    assert_eq!(e.action, Action::CreateRectification);
    let (item, _) = apply(
        &item,
        update(Some("更换破损管网 1.2 公里"), &["管网修复照片.pdf"]),
        &soil(),
        at(1),
    )
    .expect("updated");
    let (item, e) = apply(&item, RectificationAction::Submit, &soil(), at(2)).expect("submitted");
    assert_eq!(
        (e.from, e.to),
        (
            RectificationState::InProgress,
            RectificationState::Submitted
        )
    );
    let (item, e) = apply(
        &item,
        RectificationAction::Return {
            reason: "缺少第三方检测报告".into(),
        },
        &insp(),
        at(3),
    )
    .expect("returned");
    assert_eq!(item.state, RectificationState::InProgress);
    assert_eq!(item.state.label(), "整改中");
    assert_eq!(item.return_reason.as_deref(), Some("缺少第三方检测报告"));
    assert_eq!(e.reason.as_deref(), Some("缺少第三方检测报告"));
    let (item, _) =
        apply(&item, update(None, &["第三方检测报告.pdf"]), &soil(), at(4)).expect("updated");
    assert_eq!(
        item.evidence,
        vec!["管网修复照片.pdf", "第三方检测报告.pdf"]
    );
    let (item, _) = apply(&item, RectificationAction::Submit, &soil(), at(5)).expect("resubmitted");
    assert_eq!(item.return_reason, None);
    let (item, _) = apply(&item, RectificationAction::Accept, &insp(), at(6)).expect("accepted");
    assert_eq!(item.state.label(), "已验收");
    let (item, e) = apply(&item, RectificationAction::Disclose, &insp(), at(7)).expect("disclosed");
    assert!(item.disclosed);
    assert_eq!(e.from, e.to);
    let (item, e) = apply(&item, RectificationAction::Close, &insp(), at(8)).expect("closed");
    assert_eq!(e.to.label(), "已销号");
    assert!(item.disclosed && item.may_disclose());
}

#[test]
fn only_accepted_items_may_be_disclosed() {
    let (item, _) = create(draft("土科"), &insp(), at(0)).expect("created");
    assert_eq!(
        apply(&item, RectificationAction::Disclose, &insp(), at(1)),
        Err(RectificationError::NotAccepted("整改中"))
    );
    let (item, _) = apply(&item, update(Some("措施"), &["证明"]), &soil(), at(1)).expect("ok");
    let (item, _) = apply(&item, RectificationAction::Submit, &soil(), at(2)).expect("ok");
    assert_eq!(
        apply(&item, RectificationAction::Disclose, &insp(), at(3)),
        Err(RectificationError::NotAccepted("已提交验收"))
    );
    let (item, _) = apply(&item, RectificationAction::Accept, &insp(), at(3)).expect("ok");
    let (item, _) = apply(&item, RectificationAction::Close, &insp(), at(4)).expect("ok");
    // Closed items have passed acceptance and may be disclosed.
    let (item, _) = apply(&item, RectificationAction::Disclose, &insp(), at(5)).expect("ok");
    assert_eq!(
        apply(&item, RectificationAction::Disclose, &insp(), at(6)),
        Err(RectificationError::AlreadyDisclosed)
    );
    // Only 督察办 discloses.
    let leader = acct("juzhang", "局领导", AccountRole::Leadership);
    let mut accepted = item.clone();
    accepted.disclosed = false;
    assert!(matches!(
        apply(&accepted, RectificationAction::Disclose, &leader, at(7)),
        Err(RectificationError::NotPermitted(_))
    ));
}

#[test]
fn submission_needs_measures_and_evidence() {
    let (item, _) = create(draft("土科"), &insp(), at(0)).expect("created");
    assert_eq!(
        apply(&item, RectificationAction::Submit, &soil(), at(1)),
        Err(RectificationError::Empty("整改措施"))
    );
    let (item, _) = apply(&item, update(Some("措施"), &[]), &soil(), at(1)).expect("ok");
    assert_eq!(
        apply(&item, RectificationAction::Submit, &soil(), at(2)),
        Err(RectificationError::NoEvidence)
    );
    let (item, _) = apply(&item, update(None, &["照片"]), &soil(), at(2)).expect("ok");
    assert_eq!(
        apply(&item, update(None, &[" 照片 "]), &soil(), at(3)),
        Err(RectificationError::DuplicateEvidence("照片".into()))
    );
    assert_eq!(
        apply(
            &item,
            RectificationAction::Update {
                measures: None,
                add_evidence: vec![],
                remove_evidence: vec!["报告".into()],
            },
            &soil(),
            at(3)
        ),
        Err(RectificationError::UnknownEvidence("报告".into()))
    );
    let (removed, _) = apply(
        &item,
        RectificationAction::Update {
            measures: None,
            add_evidence: vec![],
            remove_evidence: vec!["照片".into()],
        },
        &soil(),
        at(3),
    )
    .expect("removed");
    assert!(removed.evidence.is_empty());
    assert_eq!(
        apply(&item, update(Some(" "), &[]), &soil(), at(3)),
        Err(RectificationError::Empty("整改措施"))
    );
    assert_eq!(
        apply(
            &item,
            RectificationAction::Return { reason: "x".into() },
            &insp(),
            at(3)
        ),
        Err(RectificationError::IllegalTransition {
            from: "整改中",
            action: "整改退回"
        })
    );
    let (submitted, _) = apply(&item, RectificationAction::Submit, &soil(), at(4)).expect("ok");
    assert_eq!(
        apply(
            &submitted,
            RectificationAction::Return { reason: " ".into() },
            &insp(),
            at(5)
        ),
        Err(RectificationError::Empty("退回理由"))
    );
    assert!(matches!(
        apply(&submitted, update(None, &["迟到的材料"]), &soil(), at(5)),
        Err(RectificationError::IllegalTransition { .. })
    ));
}

#[test]
fn permissions() {
    let water = acct("shuike", "水科", AccountRole::UnitStaff);
    assert!(matches!(
        create(draft("土科"), &soil(), at(0)),
        Err(RectificationError::NotPermitted(_))
    ));
    assert_eq!(
        create(
            RectificationDraft {
                finding: " ".into(),
                ..draft("土科")
            },
            &insp(),
            at(0)
        ),
        Err(RectificationError::Empty("问题描述"))
    );
    let (item, _) = create(draft("土科"), &insp(), at(0)).expect("created");
    assert!(matches!(
        apply(&item, update(Some("m"), &["e"]), &water, at(1)),
        Err(RectificationError::NotPermitted(
            Denial::NotResponsible { .. }
        ))
    ));
    // 督察办 keeps the ledger but does not write another unit's evidence.
    assert!(matches!(
        apply(&item, update(Some("m"), &["e"]), &insp(), at(1)),
        Err(RectificationError::NotPermitted(_))
    ));
    // 督察办 revises the finding and extends the deadline; the unit cannot.
    let revise = RectificationAction::Revise {
        finding: None,
        deadline: Some(d(2023, 9, 30)),
    };
    assert!(matches!(
        apply(&item, revise.clone(), &soil(), at(1)),
        Err(RectificationError::NotPermitted(_))
    ));
    let (revised, _) = apply(&item, revise, &insp(), at(1)).expect("revised");
    assert_eq!(revised.deadline, d(2023, 9, 30));
    let (item, _) = apply(&item, update(Some("m"), &["e"]), &soil(), at(2)).expect("ok");
    let (item, _) = apply(&item, RectificationAction::Submit, &soil(), at(3)).expect("ok");
    assert!(matches!(
        apply(&item, RectificationAction::Accept, &soil(), at(4)),
        Err(RectificationError::NotPermitted(_))
    ));
    assert!(matches!(
        apply(
            &item,
            RectificationAction::Accept,
            &Principal::Public,
            at(4)
        ),
        Err(RectificationError::NotPermitted(Denial::SignInRequired))
    ));
}

#[test]
fn leadership_accepts_the_inspectorates_own_item() {
    let (item, _) = create(draft(INSPECTORATE_UNIT), &insp(), at(0)).expect("created");
    let (item, _) = apply(&item, update(Some("m"), &["e"]), &insp(), at(1)).expect("ok");
    let (item, _) = apply(&item, RectificationAction::Submit, &insp(), at(2)).expect("ok");
    assert_eq!(
        apply(&item, RectificationAction::Accept, &insp(), at(3)),
        Err(RectificationError::NotPermitted(Denial::OwnWork))
    );
    let leader = acct("juzhang", "局领导", AccountRole::Leadership);
    let (item, e) = apply(&item, RectificationAction::Accept, &leader, at(3)).expect("ok");
    assert_eq!(item.state, RectificationState::Accepted);
    assert_eq!(e.role, AccountRole::Leadership);
}

#[test]
fn overdue_until_accepted() {
    let (item, _) = create(draft("土科"), &insp(), at(0)).expect("created");
    assert!(!item.is_overdue(d(2023, 6, 30)));
    assert!(item.is_overdue(d(2023, 7, 1)));
    let mut submitted = item.clone();
    submitted.state = RectificationState::Submitted;
    assert!(submitted.is_overdue(d(2023, 7, 1)));
    for s in [RectificationState::Accepted, RectificationState::Closed] {
        let mut done = item.clone();
        done.state = s;
        assert!(!done.is_overdue(d(2024, 1, 1)));
    }
}

#[test]
fn codes_round_trip() {
    for s in FindingSource::ALL {
        assert_eq!(FindingSource::from_code(s.code()), Some(s));
    }
    for s in RectificationState::ALL {
        assert_eq!(RectificationState::from_code(s.code()), Some(s));
    }
    assert_eq!(FindingSource::LookBack.label(), "回头看");
    assert_eq!(FindingSource::PetitionReferral.label(), "信访转办");
}

fn any_step() -> impl Strategy<Value = (u8, RectificationAction)> {
    let action = prop_oneof![
        Just(update(Some("措施"), &[])),
        "[a-c]".prop_map(|e| update(None, &[e.as_str()])),
        Just(RectificationAction::Submit),
        Just(RectificationAction::Accept),
        Just(RectificationAction::Return {
            reason: "理由".into()
        }),
        Just(RectificationAction::Close),
        Just(RectificationAction::Disclose),
        Just(RectificationAction::Revise {
            finding: None,
            deadline: Some(Date::constant(2023, 12, 31)),
        }),
    ];
    (0u8..4, action)
}

proptest! {
    /// Whatever is attempted by whomever: a disclosed item has always passed acceptance, the
    /// state only moves along the workflow's edges, and every event records the move made.
    #[test]
    fn disclosure_only_after_acceptance(steps in proptest::collection::vec(any_step(), 0..40)) {
        let people = [
            insp(),
            soil(),
            acct("juzhang", "局领导", AccountRole::Leadership),
            Principal::Public,
        ];
        let (mut item, _) = create(draft("土科"), &insp(), at(0)).expect("created");
        for (i, (who, step)) in steps.into_iter().enumerate() {
            let minute = i64::try_from(i).unwrap_or(0) + 1;
            if let Ok((next, e)) = apply(&item, step, &people[usize::from(who)], at(minute)) {
                use RectificationState as S;
                prop_assert!(matches!(
                    (item.state, next.state),
                    (S::InProgress, S::InProgress | S::Submitted)
                        | (S::Submitted, S::Submitted | S::Accepted | S::InProgress)
                        | (S::Accepted, S::Accepted | S::Closed)
                        | (S::Closed, S::Closed)
                ));
                prop_assert_eq!((e.from, e.to), (item.state, next.state));
                item = next;
            }
            prop_assert!(!item.disclosed || item.state.is_accepted());
        }
    }
}
