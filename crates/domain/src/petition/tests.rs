//! Tests of the petition workflow, deadlines and repeat detection.

use super::*;
use jiff::Span;
use jiff::civil::date;
use proptest::prelude::*;

fn pid(s: &str) -> PetitionId {
    PetitionId::new(s).expect("non-empty")
}

fn code(n: u32) -> CreditCode {
    let body = format!("91429005{n:09}");
    let check = CreditCode::check_character(&body).expect("17 characters");
    CreditCode::parse(&format!("{body}{check}")).expect("valid")
}

fn case(id: &str, on: Date, enterprise: Option<CreditCode>, address: &str) -> PetitionCase {
    PetitionCase::register(
        pid(id),
        Channel::Hotline12369,
        on,
        enterprise,
        address,
        "夜间异味",
    )
}

#[test]
fn workflow_moves_one_step_at_a_time() {
    use PetitionState::*;
    let mut c = case("X-1", date(2023, 3, 1), None, "");
    assert_eq!(c.state(), Registered);
    let err = c
        .advance(Handling, date(2023, 3, 2))
        .expect_err("skips 受理");
    assert_eq!(
        err,
        PetitionError::IllegalTransition {
            from: Registered,
            to: Handling,
            allowed: "受理、不予受理".into()
        }
    );
    assert!(err.to_string().contains("illegal state transition"));
    for (s, d) in [
        (Accepted, 2),
        (Handling, 3),
        (Replied, 10),
        (FollowedUp, 12),
        (Concluded, 12),
    ] {
        c.advance(s, date(2023, 3, d)).expect("legal");
    }
    assert_eq!(c.state(), Concluded);
    assert_eq!(c.accepted_on(), Some(date(2023, 3, 2)));
    assert_eq!(c.closed_on(), Some(date(2023, 3, 12)));
    assert!(matches!(
        c.advance(Handling, date(2023, 3, 13)),
        Err(PetitionError::IllegalTransition { allowed, .. }) if allowed == "无"
    ));

    let mut r = case("X-2", date(2023, 3, 1), None, "");
    assert!(matches!(
        r.advance(Rejected, date(2023, 2, 28)),
        Err(PetitionError::DateBeforePrevious { .. })
    ));
    r.advance(Rejected, date(2023, 3, 5))
        .expect("不予受理 from 登记");
    assert!(r.state().is_closed());
    assert!(transition(Accepted, Rejected).is_err());
    assert!(transition(FollowedUp, Replied).is_err());
}

#[test]
fn every_illegal_pair_is_refused() {
    for from in PetitionState::ALL {
        for to in PetitionState::ALL {
            assert_eq!(
                transition(from, to).is_ok(),
                from.next().contains(&to),
                "{from} → {to}"
            );
        }
    }
}

#[test]
fn history_round_trips() {
    let mut c = case("X-3", date(2023, 5, 1), Some(code(1)), "园林路 1 号");
    c.advance(PetitionState::Accepted, date(2023, 5, 2))
        .expect("legal");
    let back = PetitionCase::restore(
        c.id().clone(),
        c.channel().clone(),
        c.enterprise().cloned(),
        c.address(),
        c.summary(),
        c.history(),
    )
    .expect("valid history");
    assert_eq!(back, c);
    let bad = [StateChange {
        state: PetitionState::Accepted,
        on: date(2023, 5, 2),
    }];
    assert!(matches!(
        PetitionCase::restore(pid("X-4"), Channel::Letter, None, "", "", &bad),
        Err(PetitionError::BadHistory(_))
    ));
}

#[test]
fn acceptance_deadlines_across_month_and_year_ends() {
    let l = TimeLimits::default();
    assert_eq!(l.acceptance_deadline(date(2024, 1, 31)), date(2024, 2, 15));
    assert_eq!(l.acceptance_deadline(date(2024, 2, 20)), date(2024, 3, 6)); // leap year
    assert_eq!(l.acceptance_deadline(date(2023, 2, 20)), date(2023, 3, 7));
    assert_eq!(l.acceptance_deadline(date(2024, 2, 29)), date(2024, 3, 15));
    assert_eq!(l.acceptance_deadline(date(2023, 12, 20)), date(2024, 1, 4));
    assert_eq!(l.conclusion_deadline(date(2024, 1, 31)), date(2024, 3, 31));
    assert_eq!(l.conclusion_deadline(date(2023, 1, 31)), date(2023, 4, 1));
    assert_eq!(l.conclusion_deadline(date(2023, 12, 20)), date(2024, 2, 18));
}

#[test]
fn deadline_status_counts_to_the_end_of_the_last_day() {
    let l = TimeLimits::default();
    let c = case("X-5", date(2024, 1, 31), None, "");
    let on = |d| deadline_status(&c, d, &l).expect("open");
    assert_eq!(on(date(2024, 2, 11)).status, DeadlineStatus::Normal);
    assert_eq!(on(date(2024, 2, 12)).status, DeadlineStatus::DueSoon);
    assert_eq!(on(date(2024, 2, 12)).days_left, 3);
    assert_eq!(on(date(2024, 2, 15)).status, DeadlineStatus::DueSoon);
    let late = on(date(2024, 2, 16));
    assert_eq!(
        (late.status, late.days_left, late.kind),
        (DeadlineStatus::Overdue, -1, DeadlineKind::Acceptance)
    );

    // Across the year end (due 2024-01-04), with a configured reminder of 5 days.
    let l5 = TimeLimits {
        reminder_days: 5,
        ..TimeLimits::default()
    };
    let d = case("X-6", date(2023, 12, 20), None, "");
    assert_eq!(
        deadline_status(&d, date(2023, 12, 30), &l5).map(|x| x.status),
        Some(DeadlineStatus::DueSoon)
    );
    assert_eq!(
        deadline_status(&d, date(2023, 12, 29), &l5).map(|x| x.status),
        Some(DeadlineStatus::Normal)
    );
    assert_eq!(
        deadline_status(&d, date(2024, 1, 5), &l5).map(|x| x.status),
        Some(DeadlineStatus::Overdue)
    );
}

#[test]
fn conclusion_deadline_runs_from_acceptance_and_closed_cases_have_none() {
    let l = TimeLimits::default();
    let mut c = case("X-7", date(2023, 2, 20), None, "");
    c.advance(PetitionState::Accepted, date(2023, 3, 1))
        .expect("legal");
    c.advance(PetitionState::Handling, date(2023, 3, 2))
        .expect("legal");
    let d = deadline_status(&c, date(2023, 4, 29), &l).expect("open");
    assert_eq!(
        (d.kind, d.due, d.status),
        (
            DeadlineKind::Conclusion,
            date(2023, 4, 30),
            DeadlineStatus::DueSoon
        )
    );
    assert_eq!(
        deadline_status(&c, date(2023, 5, 1), &l).map(|x| x.status),
        Some(DeadlineStatus::Overdue)
    );
    c.advance(PetitionState::Replied, date(2023, 5, 1))
        .expect("legal");
    c.advance(PetitionState::FollowedUp, date(2023, 5, 2))
        .expect("legal");
    c.advance(PetitionState::Concluded, date(2023, 5, 2))
        .expect("legal");
    assert_eq!(deadline_status(&c, date(2023, 5, 3), &l), None);
}

#[test]
fn addresses_are_normalised() {
    assert_eq!(
        normalize_address("　潜江市园林路１２号　　Ａ座 "),
        "潜江市园林路12号 A座"
    );
    assert_eq!(normalize_address(" a \t b\n"), "a b");
    assert_eq!(normalize_address("　 "), "");
}

#[test]
fn repeats_by_enterprise_or_address_within_the_window() {
    let new = case("N", date(2024, 3, 1), Some(code(1)), "潜江市园林路12号 A座");
    let cases = vec![
        case("same-enterprise", date(2024, 1, 10), Some(code(1)), "别处"),
        case(
            "same-address",
            date(2023, 12, 2),
            None,
            "潜江市园林路１２号　　Ａ座",
        ),
        case("too-old", date(2023, 12, 1), Some(code(1)), ""),
        case("other", date(2024, 2, 1), Some(code(2)), "别处"),
        case("later", date(2024, 3, 2), Some(code(1)), ""),
        case(
            "both",
            date(2024, 3, 1),
            Some(code(1)),
            " 潜江市园林路12号 A座",
        ),
        new.clone(),
    ];
    let found = repeats(&cases, &new, REPEAT_WINDOW_DAYS);
    let ids: Vec<&str> = found.iter().map(|m| m.case.id().as_str()).collect();
    assert_eq!(ids, vec!["both", "same-enterprise", "same-address"]);
    assert!(found[0].same_enterprise && found[0].same_address);
    assert_eq!(found[2].days_before, 90); // 2023-12-02 → 2024-03-01 (leap February)

    // Empty addresses and unknown enterprises never match each other.
    let blank = case("B", date(2024, 3, 1), None, " ");
    let others = vec![case("C", date(2024, 2, 1), None, "")];
    assert!(repeats(&others, &blank, REPEAT_WINDOW_DAYS).is_empty());
}

#[test]
fn channels_parse() {
    assert_eq!(Channel::parse("12369热线"), Channel::Hotline12369);
    assert_eq!(Channel::parse("wechat"), Channel::WeChat);
    assert_eq!(
        Channel::parse("领导信箱"),
        Channel::Other("领导信箱".into())
    );
    assert_eq!(Channel::parse("其他").label(), "其他");
    for s in PetitionState::ALL {
        assert_eq!(PetitionState::parse(s.label()), Some(s));
        assert_eq!(PetitionState::parse(s.code()), Some(s));
    }
}

proptest! {
    #[test]
    fn deadline_is_n_days_later_and_status_is_monotone(
        start in 0i32..20_000,
        days in 0u16..400,
        offset in -30i32..500,
        reminder in 0u16..10,
    ) {
        let base = date(1990, 1, 1).saturating_add(Span::new().days(start));
        let l = TimeLimits { acceptance_days: days, conclusion_days: 60, reminder_days: reminder };
        let due = l.acceptance_deadline(base);
        prop_assert_eq!(base.until(due).map(|s| s.get_days()).ok(), Some(i32::from(days)));
        let c = case("P", base, None, "");
        let today = base.saturating_add(Span::new().days(offset));
        let st = deadline_status(&c, today, &l).expect("open");
        let left = i32::from(days) - offset;
        prop_assert_eq!(st.days_left, left);
        let expected = if left < 0 {
            DeadlineStatus::Overdue
        } else if left <= i32::from(reminder) {
            DeadlineStatus::DueSoon
        } else {
            DeadlineStatus::Normal
        };
        prop_assert_eq!(st.status, expected);
    }
}
