use super::*;
use crate::authz::INSPECTORATE_UNIT;
use crate::task::TaskId;
use jiff::SignedDuration;

fn name(n: &str) -> UnitName {
    UnitName::new(n)
}

fn acct(id: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(AccountId::parse(id).expect("id"), name(unit), role)
}

fn at(minutes: i64) -> Timestamp {
    let t0: Timestamp = "2023-06-01T09:00:00+08:00".parse().expect("timestamp");
    t0.checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

/// (三)3 碧水保卫战: lead 水科, co 综合执法支队 and 监测站.
fn water_task() -> TaskParties {
    TaskParties {
        task: TaskId::new(3, 3),
        lead: vec![name("水科")],
        co: vec![name("综合执法支队"), name("监测站")],
    }
}

struct Cast {
    lead: Principal,
    co: Principal,
    station: Principal,
    insp: Principal,
    leader: Principal,
    other: Principal,
}

fn cast() -> Cast {
    Cast {
        lead: acct("shuike", "水科", AccountRole::UnitStaff),
        co: acct("zhidui", "综合执法支队", AccountRole::UnitStaff),
        station: acct("jcz", "监测站", AccountRole::MonitoringStation),
        insp: acct("dcb", "督察办", AccountRole::Inspectorate),
        leader: acct("juzhang", "局领导", AccountRole::Leadership),
        other: acct("qike", "气科", AccountRole::UnitStaff),
    }
}

#[test]
fn full_path_report_submit_return_resubmit_accept_close() {
    let c = cast();
    let task = water_task();
    let mut events: Vec<WorkflowEvent<AcceptanceState>> = Vec::new();
    let mut step = |who: &Principal, action: TaskAction, minute: i64| {
        let state = current(&events);
        let e = transition(&state, action, who, &task, at(minute)).expect("step allowed");
        events.push(e.clone());
        (e, confirmed_co_units(&events))
    };
    let (e, _) = step(&c.lead, TaskAction::ReportProgress, 0);
    assert_eq!(
        (e.from.clone(), e.to.clone()),
        (AcceptanceState::InProgress, AcceptanceState::InProgress)
    );
    step(&c.co, TaskAction::ReportProgress, 1);
    step(&c.co, TaskAction::ConfirmCoPart, 2);
    step(&c.station, TaskAction::ConfirmCoPart, 3);
    let (e, _) = step(&c.lead, TaskAction::Submit, 4);
    assert_eq!(e.to, AcceptanceState::Submitted);
    let (e, _) = step(
        &c.insp,
        TaskAction::Return {
            reason: "  佐证材料不全，缺少断面监测报告 ".into(),
        },
        5,
    );
    assert_eq!(
        e.to,
        AcceptanceState::Returned {
            reason: "佐证材料不全，缺少断面监测报告".into()
        }
    );
    assert_eq!(e.reason.as_deref(), Some("佐证材料不全，缺少断面监测报告"));
    assert_eq!(e.actor.as_str(), "dcb");
    assert_eq!(e.unit, name("督察办"));
    assert_eq!(e.role, AccountRole::Inspectorate);
    assert_eq!(e.at, at(5));
    assert_eq!(e.action, Action::ReturnTask);
    // Work reopens after a return; the return reason stays visible until resubmission.
    let (e, _) = step(&c.lead, TaskAction::ReportProgress, 6);
    assert_eq!(e.to.label(), "已退回");
    let (_, confirmed) = step(&c.co, TaskAction::ConfirmCoPart, 7);
    assert_eq!(confirmed, vec![name("综合执法支队")]);
    let (e, _) = step(&c.lead, TaskAction::Submit, 8);
    assert_eq!(e.from.code(), "returned");
    assert_eq!(e.to, AcceptanceState::Submitted);
    assert_eq!(
        step(&c.insp, TaskAction::Accept, 9).0.to,
        AcceptanceState::Accepted
    );
    let (e, _) = step(&c.insp, TaskAction::Close, 10);
    assert_eq!(e.to, AcceptanceState::Closed);
    assert_eq!(e.to.label(), "已销号");
    assert_eq!(current(&events), AcceptanceState::Closed);
    assert_eq!(events.len(), 11);
    // Before the return both co units had confirmed; after it, only one has confirmed again.
    assert_eq!(confirmed_co_units(&events[..5]).len(), 2);
}

#[test]
fn refusals_for_the_wrong_person() {
    let c = cast();
    let task = water_task();
    let open = AcceptanceState::InProgress;
    let submitted = AcceptanceState::Submitted;
    let denied = |r: Result<WorkflowEvent<AcceptanceState>, AcceptanceError>| {
        matches!(r, Err(AcceptanceError::NotPermitted(_)))
    };
    // A co unit cannot submit; an unrelated unit cannot report; leadership cannot report.
    assert!(denied(transition(
        &open,
        TaskAction::Submit,
        &c.co,
        &task,
        at(0)
    )));
    assert!(denied(transition(
        &open,
        TaskAction::ReportProgress,
        &c.other,
        &task,
        at(0)
    )));
    assert!(denied(transition(
        &open,
        TaskAction::ReportProgress,
        &c.leader,
        &task,
        at(0)
    )));
    // The lead does not confirm a co part.
    assert!(denied(transition(
        &open,
        TaskAction::ConfirmCoPart,
        &c.lead,
        &task,
        at(0)
    )));
    // Only 督察办 accepts, returns and closes.
    for who in [&c.lead, &c.co, &c.leader, &c.other] {
        assert!(denied(transition(
            &submitted,
            TaskAction::Accept,
            who,
            &task,
            at(0)
        )));
        assert!(denied(transition(
            &submitted,
            TaskAction::Return { reason: "x".into() },
            who,
            &task,
            at(0)
        )));
        assert!(denied(transition(
            &AcceptanceState::Accepted,
            TaskAction::Close,
            who,
            &task,
            at(0)
        )));
    }
    assert!(denied(transition(
        &open,
        TaskAction::ReportProgress,
        &Principal::Public,
        &task,
        at(0)
    )));
}

#[test]
fn refusals_for_the_wrong_state() {
    let c = cast();
    let task = water_task();
    let illegal = |state: AcceptanceState, step: TaskAction, who: &Principal| {
        matches!(
            transition(&state, step, who, &task, at(0)),
            Err(AcceptanceError::IllegalTransition { .. })
        )
    };
    assert!(illegal(
        AcceptanceState::InProgress,
        TaskAction::Accept,
        &c.insp
    ));
    assert!(illegal(
        AcceptanceState::InProgress,
        TaskAction::Close,
        &c.insp
    ));
    assert!(illegal(
        AcceptanceState::Returned { reason: "r".into() },
        TaskAction::Accept,
        &c.insp
    ));
    assert!(illegal(
        AcceptanceState::Submitted,
        TaskAction::Submit,
        &c.lead
    ));
    assert!(illegal(
        AcceptanceState::Submitted,
        TaskAction::ReportProgress,
        &c.lead
    ));
    assert!(illegal(
        AcceptanceState::Submitted,
        TaskAction::Close,
        &c.insp
    ));
    assert!(illegal(
        AcceptanceState::Accepted,
        TaskAction::ReportProgress,
        &c.co
    ));
    assert!(illegal(
        AcceptanceState::Accepted,
        TaskAction::Return { reason: "r".into() },
        &c.insp
    ));
    for step in [
        TaskAction::ReportProgress,
        TaskAction::Submit,
        TaskAction::Accept,
        TaskAction::Close,
    ] {
        let who = if matches!(step, TaskAction::Accept | TaskAction::Close) {
            &c.insp
        } else {
            &c.lead
        };
        assert!(illegal(AcceptanceState::Closed, step, who));
    }
    let text = transition(
        &AcceptanceState::Closed,
        TaskAction::Submit,
        &c.lead,
        &task,
        at(0),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert_eq!(
        text,
        "任务当前为“已销号”，不能提交验收 (illegal transition)"
    );
}

#[test]
fn a_return_needs_a_reason() {
    let c = cast();
    let task = water_task();
    for blank in ["", "   ", "\n\t"] {
        assert_eq!(
            transition(
                &AcceptanceState::Submitted,
                TaskAction::Return {
                    reason: blank.into()
                },
                &c.insp,
                &task,
                at(0)
            ),
            Err(AcceptanceError::EmptyReason)
        );
    }
}

#[test]
fn leadership_judges_the_inspectorates_own_task() {
    let c = cast();
    let own = TaskParties {
        task: TaskId::new(5, 1),
        lead: vec![name(INSPECTORATE_UNIT)],
        co: vec![name("水科")],
    };
    let submitted = transition(
        &AcceptanceState::InProgress,
        TaskAction::Submit,
        &c.insp,
        &own,
        at(0),
    )
    .expect("督察办 submits its own task");
    assert!(matches!(
        transition(&submitted.to, TaskAction::Accept, &c.insp, &own, at(1)),
        Err(AcceptanceError::NotPermitted(Denial::OwnWork))
    ));
    let accepted = transition(&submitted.to, TaskAction::Accept, &c.leader, &own, at(1))
        .expect("局领导 accepts");
    assert_eq!(accepted.role, AccountRole::Leadership);
    let closed =
        transition(&accepted.to, TaskAction::Close, &c.leader, &own, at(2)).expect("局领导 closes");
    assert_eq!(closed.to, AcceptanceState::Closed);
}

#[test]
fn stored_states_round_trip() {
    for s in [
        AcceptanceState::InProgress,
        AcceptanceState::Submitted,
        AcceptanceState::Returned {
            reason: "理由".into(),
        },
        AcceptanceState::Accepted,
        AcceptanceState::Closed,
    ] {
        let reason = match &s {
            AcceptanceState::Returned { reason } => Some(reason.as_str()),
            _ => None,
        };
        assert_eq!(
            AcceptanceState::from_stored(s.code(), reason),
            Some(s.clone())
        );
    }
    assert_eq!(AcceptanceState::from_stored("returned", Some(" ")), None);
    assert_eq!(AcceptanceState::from_stored("x", None), None);
    assert_eq!(current(&[]), AcceptanceState::InProgress);
}
