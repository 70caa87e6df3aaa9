use super::*;
use jiff::SignedDuration;

fn name(n: &str) -> UnitName {
    UnitName::new(n)
}

fn acct(id: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(AccountId::parse(id).expect("id"), name(unit), role)
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

/// 09:00 in China on the given day.
fn morning(date: Date) -> Timestamp {
    let t: Timestamp = format!("{date}T09:00:00+08:00").parse().expect("timestamp");
    t
}

fn insp() -> Principal {
    acct("dcb", "督察办", AccountRole::Inspectorate)
}

fn water() -> Principal {
    acct("shuike", "水科", AccountRole::UnitStaff)
}

fn draft(deadline: Date) -> NoticeDraft {
    NoticeDraft {
        addressee: name("水科"),
        subject: NoticeSubject::Task(TaskId::new(3, 3)),
        content: "城南河人工湿地工程进度滞后，请于期限内报送整改情况".into(),
        deadline,
    }
}

fn issued(deadline: Date) -> Notice {
    issue(draft(deadline), &insp(), morning(d(2023, 6, 1)))
        .expect("issued")
        .0
}

#[test]
fn issue_reply_close() {
    let (n, e) = issue(draft(d(2023, 6, 15)), &insp(), morning(d(2023, 6, 1))).expect("issued");
    assert_eq!(n.state, NoticeState::Issued);
    assert_eq!(n.issued_on, d(2023, 6, 1));
    assert_eq!(n.issued_by.as_str(), "dcb");
    assert_eq!(
        (e.from, e.to, e.action),
        (
            NoticeState::Issued,
            NoticeState::Issued,
            Action::IssueNotice
        )
    );
    let (n, e) = reply(
        &n,
        &water(),
        " 已完成主体工程，附进度照片 ",
        morning(d(2023, 6, 10)),
    )
    .expect("replied");
    assert_eq!(n.state, NoticeState::Replied);
    assert_eq!(e.reason.as_deref(), Some("已完成主体工程，附进度照片"));
    assert_eq!(n.replied_late(), Some(false));
    let (n, e) = close(&n, &insp(), morning(d(2023, 6, 12))).expect("closed");
    assert_eq!(n.state, NoticeState::Closed);
    assert_eq!(e.to.label(), "已办结");
    assert_eq!(n.status(d(2023, 12, 31)), NoticeStatus::Closed);
}

#[test]
fn who_may_do_what() {
    let unit_staff = water();
    assert!(matches!(
        issue(draft(d(2023, 6, 15)), &unit_staff, morning(d(2023, 6, 1))),
        Err(NoticeError::NotPermitted(_))
    ));
    let leader = acct("juzhang", "局领导", AccountRole::Leadership);
    assert!(matches!(
        issue(draft(d(2023, 6, 15)), &leader, morning(d(2023, 6, 1))),
        Err(NoticeError::NotPermitted(_))
    ));
    let n = issued(d(2023, 6, 15));
    let other = acct("qike", "气科", AccountRole::UnitStaff);
    assert!(matches!(
        reply(&n, &other, "x", morning(d(2023, 6, 2))),
        Err(NoticeError::NotPermitted(Denial::NotAddressee { .. }))
    ));
    assert!(matches!(
        reply(&n, &insp(), "x", morning(d(2023, 6, 2))),
        Err(NoticeError::NotPermitted(_))
    ));
    let (replied, _) = reply(&n, &water(), "ok", morning(d(2023, 6, 2))).expect("replied");
    assert!(matches!(
        close(&replied, &water(), morning(d(2023, 6, 3))),
        Err(NoticeError::NotPermitted(_))
    ));
    assert!(matches!(
        close(&replied, &Principal::Public, morning(d(2023, 6, 3))),
        Err(NoticeError::NotPermitted(Denial::SignInRequired))
    ));
}

#[test]
fn illegal_steps_and_bad_input() {
    let n = issued(d(2023, 6, 15));
    assert!(matches!(
        close(&n, &insp(), morning(d(2023, 6, 2))),
        Err(NoticeError::IllegalTransition { .. })
    ));
    assert_eq!(
        reply(&n, &water(), "  ", morning(d(2023, 6, 2))),
        Err(NoticeError::Empty("回复内容"))
    );
    let (replied, _) = reply(&n, &water(), "ok", morning(d(2023, 6, 2))).expect("replied");
    assert!(matches!(
        reply(&replied, &water(), "again", morning(d(2023, 6, 3))),
        Err(NoticeError::IllegalTransition { .. })
    ));
    assert_eq!(
        issue(draft(d(2023, 5, 31)), &insp(), morning(d(2023, 6, 1))),
        Err(NoticeError::DeadlineBeforeIssue {
            deadline: d(2023, 5, 31),
            issued_on: d(2023, 6, 1)
        })
    );
    let mut free = draft(d(2023, 6, 15));
    free.subject = NoticeSubject::Free(" ".into());
    assert_eq!(
        issue(free, &insp(), morning(d(2023, 6, 1))),
        Err(NoticeError::Empty("督办事项"))
    );
    let mut blank = draft(d(2023, 6, 15));
    blank.content = String::new();
    assert_eq!(
        issue(blank, &insp(), morning(d(2023, 6, 1))),
        Err(NoticeError::Empty("督办要求"))
    );
}

#[test]
fn the_date_is_chinas() {
    // 2023-06-01 17:00 UTC is already 2023-06-02 01:00 in China.
    let late: Timestamp = "2023-06-01T17:00:00Z".parse().expect("timestamp");
    assert_eq!(china_date(late), d(2023, 6, 2));
    let before = late
        .checked_sub(SignedDuration::from_hours(2))
        .expect("in range");
    assert_eq!(china_date(before), d(2023, 6, 1));
}

#[test]
fn overdue_is_derived_from_the_deadline() {
    let n = issued(d(2023, 6, 15));
    assert_eq!(n.status(d(2023, 6, 15)), NoticeStatus::Issued);
    assert_eq!(n.days_overdue(d(2023, 6, 15)), 0);
    assert_eq!(n.status(d(2023, 6, 16)), NoticeStatus::Overdue);
    assert_eq!(n.status(d(2023, 6, 16)).label(), "已逾期");
    assert_eq!(n.days_overdue(d(2023, 6, 16)), 1);
    // A late reply ends the overdue status and is marked late.
    let (late, _) = reply(&n, &water(), "迟复", morning(d(2023, 6, 20))).expect("replied");
    assert_eq!(late.status(d(2023, 6, 21)), NoticeStatus::Replied);
    assert!(!late.is_overdue(d(2023, 6, 21)));
    assert_eq!(late.replied_late(), Some(true));
}

#[test]
fn reminder_window_boundaries() {
    let n = issued(d(2023, 6, 15));
    let due = |day: i8| reminder_due(&n, d(2023, 6, day), DEFAULT_REMINDER_DAYS);
    assert!(!due(11), "four days before: not yet");
    assert!(due(12), "three days before");
    assert!(due(14));
    assert!(due(15), "the deadline itself");
    assert!(!due(16), "overdue: escalation, not reminders");
    let (replied, _) = reply(&n, &water(), "ok", morning(d(2023, 6, 12))).expect("replied");
    assert!(!reminder_due(
        &replied,
        d(2023, 6, 13),
        DEFAULT_REMINDER_DAYS
    ));
    assert!(reminder_due(&n, d(2023, 6, 15), 0));
    assert!(!reminder_due(&n, d(2023, 6, 14), 0));
}

#[test]
fn escalation_after_five_days_overdue() {
    let n = issued(d(2023, 6, 15));
    let esc = |day: i8| escalation_due(&n, d(2023, 6, day), DEFAULT_ESCALATION_DAYS);
    assert_eq!(esc(15), None);
    assert_eq!(esc(19), None, "four days overdue");
    assert_eq!(
        esc(20),
        Some(Escalation {
            to: AccountRole::Leadership,
            days_overdue: 5
        })
    );
    assert_eq!(esc(30).map(|e| e.days_overdue), Some(15));
    let (replied, _) = reply(&n, &water(), "迟复", morning(d(2023, 6, 25))).expect("replied");
    assert_eq!(
        escalation_due(&replied, d(2023, 6, 30), DEFAULT_ESCALATION_DAYS),
        None
    );
    // Across a month end.
    let m = issued(d(2023, 6, 28));
    assert_eq!(
        escalation_due(&m, d(2023, 7, 3), DEFAULT_ESCALATION_DAYS).map(|e| e.days_overdue),
        Some(5)
    );
}

#[test]
fn state_codes_round_trip() {
    for s in NoticeState::ALL {
        assert_eq!(NoticeState::from_code(s.code()), Some(s));
    }
    assert_eq!(NoticeState::from_code("x"), None);
}
