use super::*;
use crate::deliverable::Cadence;
use proptest::prelude::*;

fn deliverable(target: i64, start: Date, due: Date) -> Deliverable {
    Deliverable {
        id: DeliverableId::new("d"),
        description: "test".into(),
        target: Decimal::from(target),
        target_max: None,
        unit: "个".into(),
        whole: true,
        start,
        due,
        cadence: Cadence::ByDue,
        counted_by: None,
    }
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

#[test]
fn golden_statuses() {
    let outfalls = deliverable(13, d(2023, 1, 1), d(2023, 12, 31));
    // On 2023-07-02, 183 of 365 days: 13 × 183 / 365 = 6.5 → 6 expected.
    assert_eq!(expected_by(&outfalls, d(2023, 7, 2)), Decimal::from(6));
    assert_eq!(
        judge(&outfalls, Decimal::from(6), d(2023, 7, 2)),
        ProgressStatus::OnTrack
    );
    assert_eq!(
        judge(&outfalls, Decimal::from(5), d(2023, 7, 2)),
        ProgressStatus::Behind
    );
    assert_eq!(
        judge(&outfalls, Decimal::ZERO, d(2023, 1, 10)),
        ProgressStatus::NotStarted
    );
    assert_eq!(
        judge(&outfalls, Decimal::from(13), d(2023, 3, 1)),
        ProgressStatus::Done
    );
    assert_eq!(
        judge(&outfalls, Decimal::from(12), d(2024, 1, 1)),
        ProgressStatus::Overdue
    );
    assert_eq!(
        judge(&outfalls, Decimal::from(12), d(2023, 12, 31)),
        ProgressStatus::Behind
    );
    // A single document due in March is not behind before its due date.
    let agreement = deliverable(1, d(2023, 1, 1), d(2023, 3, 31));
    assert_eq!(
        judge(&agreement, Decimal::ZERO, d(2023, 3, 30)),
        ProgressStatus::NotStarted
    );
    assert_eq!(
        judge(&agreement, Decimal::ZERO, d(2023, 3, 31)),
        ProgressStatus::Behind
    );
    assert_eq!(
        judge(&agreement, Decimal::ZERO, d(2023, 4, 1)),
        ProgressStatus::Overdue
    );
    // Before its start, work not yet begun.
    let bloom = deliverable(4, d(2023, 5, 1), d(2023, 8, 31));
    assert_eq!(
        judge(&bloom, Decimal::ZERO, d(2023, 2, 1)),
        ProgressStatus::NotStarted
    );
}

fn severity(s: ProgressStatus) -> u8 {
    match s {
        ProgressStatus::Done => 0,
        ProgressStatus::NotStarted | ProgressStatus::OnTrack => 1,
        ProgressStatus::Behind => 2,
        ProgressStatus::Overdue => 3,
    }
}

fn date_in_2023(offset: u16) -> Date {
    d(2023, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(offset)))
        .expect("in range")
}

proptest! {
    #[test]
    fn reaching_the_target_is_always_done(target in 1i64..2000, extra in 0i64..100, day in 0u16..800) {
        let del = deliverable(target, d(2023, 1, 1), d(2023, 12, 31));
        prop_assert_eq!(judge(&del, Decimal::from(target + extra), date_in_2023(day)), ProgressStatus::Done);
    }

    #[test]
    fn past_due_and_short_is_overdue(target in 1i64..2000, short in 1i64..100, late in 1u16..400) {
        let del = deliverable(target, d(2023, 1, 1), d(2023, 12, 31));
        let actual = Decimal::from((target - short).max(0));
        prop_assert_eq!(judge(&del, actual, date_in_2023(364 + late)), ProgressStatus::Overdue);
    }

    #[test]
    fn status_never_improves_with_time(target in 1i64..2000, actual in 0i64..2000, a in 0u16..500, b in 0u16..500,
                                       s in 0u16..200, len in 0u16..300) {
        let start = date_in_2023(s);
        let due = date_in_2023(s + len);
        let del = deliverable(target, start, due);
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let actual = Decimal::from(actual);
        prop_assert!(severity(judge(&del, actual, date_in_2023(early))) <= severity(judge(&del, actual, date_in_2023(late))));
    }

    #[test]
    fn more_work_never_worsens_status(target in 1i64..2000, x in 0i64..2000, y in 0i64..2000, day in 0u16..500) {
        let del = deliverable(target, d(2023, 1, 1), d(2023, 12, 31));
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        let on = date_in_2023(day);
        prop_assert!(severity(judge(&del, Decimal::from(hi), on)) <= severity(judge(&del, Decimal::from(lo), on)));
    }

    #[test]
    fn expected_stays_within_zero_and_target(target in 1i64..5000, day in 0u16..800) {
        let del = deliverable(target, d(2023, 1, 1), d(2023, 12, 31));
        let e = expected_by(&del, date_in_2023(day));
        prop_assert!(e >= Decimal::ZERO && e <= del.target);
    }
}

#[test]
fn dates_are_strict() {
    assert_eq!(parse_date("2023-05-01"), Some(d(2023, 5, 1)));
    for bad in [
        "2023-5-1",
        "2023/05/01",
        "2023-02-30",
        "",
        "20230501",
        "2023-05-01T00",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
}

#[test]
fn task_status_aggregates() {
    use ProgressStatus::*;
    assert_eq!(task_status([]), None);
    assert_eq!(task_status([Done, Done]), Some(Done));
    assert_eq!(task_status([Done, NotStarted]), Some(NotStarted));
    assert_eq!(task_status([OnTrack, NotStarted, Done]), Some(OnTrack));
    assert_eq!(task_status([OnTrack, Behind]), Some(Behind));
    assert_eq!(task_status([Behind, Overdue, Done]), Some(Overdue));
}
