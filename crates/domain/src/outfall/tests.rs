//! Tests of the outfall ledger workflow.

use super::*;
use jiff::civil::date;

fn outfall(code: &str) -> Outfall {
    Outfall::new(code, "园林排涝站排口", "东荆河").expect("valid")
}

fn through_acceptance(o: &mut Outfall) {
    o.add_measure("截污纳管").expect("measure");
    o.advance(OutfallState::Rectifying, date(2023, 4, 1), None)
        .expect("legal");
    o.complete_measure(1, date(2023, 5, 20)).expect("measure 1");
    o.advance(OutfallState::Rectified, date(2023, 5, 20), None)
        .expect("legal");
    o.advance(OutfallState::Accepted, date(2023, 6, 1), None)
        .expect("legal");
}

#[test]
fn full_workflow_and_count() {
    let mut a = outfall("QJ-001");
    through_acceptance(&mut a);
    a.advance(OutfallState::Closed, date(2023, 6, 10), Some("验收合格"))
        .expect("legal");
    assert_eq!(a.closed_on(), Some(date(2023, 6, 10)));
    assert_eq!(a.history().len(), 4);
    let mut b = outfall("QJ-002");
    through_acceptance(&mut b);
    let c = outfall("QJ-003");
    assert_eq!(count_closed(&[a.clone(), b, c]), 1);
    assert!(matches!(
        a.advance(OutfallState::Rectifying, date(2023, 7, 1), Some("x")),
        Err(OutfallError::IllegalTransition { allowed, .. }) if allowed == "无"
    ));
}

#[test]
fn no_skipping() {
    let mut o = outfall("QJ-004");
    o.add_measure("封堵").expect("measure");
    for to in [
        OutfallState::Rectified,
        OutfallState::Accepted,
        OutfallState::Closed,
    ] {
        let err = o.advance(to, date(2023, 3, 1), None).expect_err("skip");
        assert!(matches!(
            err,
            OutfallError::IllegalTransition {
                from: OutfallState::Identified,
                ..
            }
        ));
    }
    for from in OutfallState::ALL {
        for to in OutfallState::ALL {
            let forward = OutfallState::ALL.iter().position(|s| *s == to)
                == OutfallState::ALL
                    .iter()
                    .position(|s| *s == from)
                    .map(|i| i + 1);
            let back = from == OutfallState::Accepted && to == OutfallState::Rectifying;
            assert_eq!(from.next().contains(&to), forward || back, "{from} → {to}");
        }
    }
}

#[test]
fn return_from_acceptance_needs_a_reason() {
    let mut o = outfall("QJ-005");
    through_acceptance(&mut o);
    assert_eq!(
        o.advance(OutfallState::Rectifying, date(2023, 6, 2), Some("  ")),
        Err(OutfallError::ReturnWithoutReason("QJ-005".into()))
    );
    o.advance(
        OutfallState::Rectifying,
        date(2023, 6, 2),
        Some("雨天仍有溢流"),
    )
    .expect("returned");
    assert_eq!(o.state(), OutfallState::Rectifying);
    assert_eq!(
        o.history().last().and_then(|c| c.reason.as_deref()),
        Some("雨天仍有溢流")
    );
    o.add_measure("增设截流井").expect("measure");
    assert_eq!(
        o.advance(OutfallState::Rectified, date(2023, 6, 3), None),
        Err(OutfallError::MeasuresOpen {
            code: "QJ-005".into(),
            open: 1
        })
    );
    let back = Outfall::restore(
        o.code().as_str(),
        o.name(),
        o.receiving_water(),
        o.measures().to_vec(),
        o.history(),
    )
    .expect("restores");
    assert_eq!(back, o);
}

#[test]
fn measures_and_dates_are_checked() {
    let mut o = outfall("QJ-006");
    assert_eq!(
        o.advance(OutfallState::Rectifying, date(2023, 3, 1), None),
        Err(OutfallError::NoMeasures("QJ-006".into()))
    );
    assert_eq!(
        o.add_measure(" "),
        Err(OutfallError::Empty { field: "措施" })
    );
    o.add_measure("清淤").expect("measure");
    assert!(matches!(
        o.complete_measure(0, date(2023, 3, 1)),
        Err(OutfallError::UnknownMeasure { index: 0, .. })
    ));
    assert!(matches!(
        o.complete_measure(2, date(2023, 3, 1)),
        Err(OutfallError::UnknownMeasure { index: 2, .. })
    ));
    o.advance(OutfallState::Rectifying, date(2023, 3, 1), None)
        .expect("legal");
    o.complete_measure(1, date(2023, 3, 5)).expect("done");
    assert!(matches!(
        o.advance(OutfallState::Rectified, date(2023, 2, 28), None),
        Err(OutfallError::DateBeforePrevious { .. })
    ));
    assert_eq!(
        Outfall::new("QJ 7", "x", "y"),
        Err(OutfallError::Empty { field: "编码" })
    );
    assert_eq!(
        Outfall::new("QJ-7", "x", " "),
        Err(OutfallError::Empty {
            field: "受纳水体"
        })
    );
    for s in OutfallState::ALL {
        assert_eq!(OutfallState::parse(s.label()), Some(s));
        assert_eq!(OutfallState::parse(s.code()), Some(s));
    }
}
