use super::*;
use crate::account::AccountId;
use crate::task::{Assignment, Task};
use crate::unit::Unit;
use proptest::prelude::*;

/// The full permission table: every role × every action × four situations.
///
/// Cells give the decision, `A` allow or `D` deny, in four situations, always in this order:
///
/// - `L` own: a task the principal's unit leads; a notice addressed to the principal's unit; a
///   整改 item the principal's unit is responsible for.
/// - `C` co: a task on which the principal's unit is a co unit (lead 气科); for notices and
///   整改 items, another unit's (气科).
/// - `O` other: another unit's task (lead 气科, co 土科), notice or item (气科).
/// - `I` 督察办's: a task 督察办 leads (co 土科); a notice to, or an item of, 督察办.
///
/// Principals: admin 系统管理员 of 办公室, leader 局领导 of 局领导, insp 督察办 of 督察办,
/// unit 科室/单位 of 水科, station 监测站 of 监测站, public 公众. The resource column says what
/// the action is about; `rect` is an undisclosed 整改 item, `rect+` a disclosed one.
const TABLE: &str = "
# action                 resource  admin leader insp  unit  station public
view_public              system    AAAA  AAAA   AAAA  AAAA  AAAA    AAAA
view_public              task      AAAA  AAAA   AAAA  AAAA  AAAA    AAAA
view_public              notice    DDDD  DDDD   DDDD  DDDD  DDDD    DDDD
view_public              rect      DDDD  DDDD   DDDD  DDDD  DDDD    DDDD
view_public              rect+     AAAA  AAAA   AAAA  AAAA  AAAA    AAAA
view_ledger              system    DDDD  AAAA   AAAA  AAAA  AAAA    DDDD
view_ledger              task      DDDD  AAAA   AAAA  AAAA  AAAA    DDDD
view_ledger              notice    DDDD  AAAA   AAAA  ADDD  ADDD    DDDD
view_ledger              rect      DDDD  AAAA   AAAA  AAAA  AAAA    DDDD
export_ledger            system    DDDD  AAAA   AAAA  AAAA  AAAA    DDDD
report_progress          task      DDDD  DDDD   AADA  AADD  AADD    DDDD
confirm_co_part          task      DDDD  DDDD   DADD  DADD  DADD    DDDD
submit_for_acceptance    task      DDDD  DDDD   ADDA  ADDD  ADDD    DDDD
accept_task              task      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
return_task              task      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
close_task               task      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
issue_notice             notice    DDDD  DDDD   AAAA  DDDD  DDDD    DDDD
reply_notice             notice    DDDD  DDDD   ADDA  ADDD  ADDD    DDDD
close_notice             notice    DDDD  DDDD   AAAA  DDDD  DDDD    DDDD
create_rectification     rect      DDDD  DDDD   AAAA  DDDD  DDDD    DDDD
update_rectification     rect      DDDD  DDDD   ADDA  ADDD  ADDD    DDDD
revise_rectification     rect      DDDD  DDDD   AAAA  DDDD  DDDD    DDDD
submit_rectification     rect      DDDD  DDDD   ADDA  ADDD  ADDD    DDDD
accept_rectification     rect      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
return_rectification     rect      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
close_rectification      rect      DDDD  DDDA   DAAD  DDDD  DDDD    DDDD
disclose_rectification   rect      DDDD  DDDD   AAAA  DDDD  DDDD    DDDD
record_regulatory_work   system    DDDD  DDDD   AAAA  AAAA  DDDD    DDDD
import_monitoring_data   system    DDDD  DDDD   DDDD  DDDD  AAAA    DDDD
manage_accounts          system    AAAA  DDDD   DDDD  DDDD  DDDD    DDDD
set_target_threshold     system    AAAA  DDDD   DDDD  DDDD  DDDD    DDDD
view_audit_trail         system    DDDD  AAAA   AAAA  DDDD  DDDD    DDDD
change_own_password      system    AAAA  AAAA   AAAA  AAAA  AAAA    DDDD
";

fn name(n: &str) -> UnitName {
    UnitName::new(n)
}

fn acct(id: &str, unit: &str, role: AccountRole) -> Principal {
    Principal::account(AccountId::parse(id).expect("id"), name(unit), role)
}

/// The table's principals, in column order.
fn principals() -> Vec<Principal> {
    vec![
        acct("admin", "办公室", AccountRole::Admin),
        acct("leader", "局领导", AccountRole::Leadership),
        acct("insp", "督察办", AccountRole::Inspectorate),
        acct("unit", "水科", AccountRole::UnitStaff),
        acct("station", "监测站", AccountRole::MonitoringStation),
        Principal::Public,
    ]
}

fn parties(lead: &[&UnitName], co: &[&UnitName]) -> TaskParties {
    TaskParties {
        task: TaskId::new(5, 1),
        lead: lead.iter().map(|u| (*u).clone()).collect(),
        co: co.iter().map(|u| (*u).clone()).collect(),
    }
}

/// The decision for one cell: `who` does `action` on a `resource` in `situation` (0 = L,
/// 1 = C, 2 = O, 3 = I).
fn decide(who: &Principal, action: Action, resource: &str, situation: usize) -> Decision {
    // The public has no unit; its "own" objects are 水科's.
    let own = who.unit().cloned().unwrap_or_else(|| name("水科"));
    let other = name("气科");
    let third = name("土科");
    let insp = name(INSPECTORATE_UNIT);
    let task = match situation {
        0 => parties(&[&own], &[&other]),
        1 => parties(&[&other], &[&own]),
        2 => parties(&[&other], &[&third]),
        _ => parties(&[&insp], &[&third]),
    };
    let unit_of = match situation {
        0 => &own,
        1 | 2 => &other,
        _ => &insp,
    };
    let r = match resource {
        "system" => Resource::System,
        "task" => Resource::Task(&task),
        "notice" => Resource::Notice { addressee: unit_of },
        "rect" => Resource::Rectification {
            responsible: unit_of,
            disclosed: false,
        },
        "rect+" => Resource::Rectification {
            responsible: unit_of,
            disclosed: true,
        },
        other => panic!("unknown resource {other} in the table"),
    };
    authorize(who, action, &r)
}

#[test]
fn permission_table() {
    let principals = principals();
    let mut covered = Vec::new();
    let mut failures = Vec::new();
    for line in TABLE.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols.len(), 8, "malformed row: {line}");
        let action = Action::from_code(cols[0]).expect("action code in the table");
        covered.push(action);
        for (who, cell) in principals.iter().zip(&cols[2..]) {
            assert_eq!(cell.len(), 4, "malformed cell in: {line}");
            for (situation, expected) in cell.chars().enumerate() {
                let got = decide(who, action, cols[1], situation);
                let got_char = if got.is_allowed() { 'A' } else { 'D' };
                if got_char != expected {
                    failures.push(format!(
                        "{} {} by {:?} in situation {}: expected {expected}, got {got:?}",
                        cols[0],
                        cols[1],
                        who.role(),
                        "LCOI".chars().nth(situation).unwrap_or('?'),
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for a in Action::ALL {
        assert!(
            covered.contains(&a),
            "action {} missing from the table",
            a.code()
        );
    }
}

#[test]
fn reasons_name_the_rule() {
    let water = name("水科");
    let air = name("气科");
    let unit = acct("unit", "水科", AccountRole::UnitStaff);
    let co_task = parties(&[&air], &[&water]);
    assert_eq!(
        authorize(
            &unit,
            Action::SubmitForAcceptance,
            &Resource::Task(&co_task)
        ),
        Decision::Deny(Denial::NotLead {
            unit: water.clone()
        })
    );
    let lead_task = parties(&[&water], &[&air]);
    assert_eq!(
        authorize(&unit, Action::ConfirmCoPart, &Resource::Task(&lead_task)),
        Decision::Deny(Denial::NotCo {
            unit: water.clone()
        })
    );
    let others = parties(&[&air], &[]);
    assert_eq!(
        authorize(&unit, Action::ReportProgress, &Resource::Task(&others)),
        Decision::Deny(Denial::NotAssigned {
            unit: water.clone(),
            task: TaskId::new(5, 1)
        })
    );
    let insp = acct("insp", "督察办", AccountRole::Inspectorate);
    let insp_unit = name(INSPECTORATE_UNIT);
    let own = parties(&[&insp_unit], &[]);
    assert_eq!(
        authorize(&insp, Action::AcceptTask, &Resource::Task(&own)),
        Decision::Deny(Denial::OwnWork)
    );
    let leader = acct("leader", "局领导", AccountRole::Leadership);
    assert_eq!(
        authorize(&leader, Action::AcceptTask, &Resource::Task(&lead_task)),
        Decision::Deny(Denial::InspectoratesWork)
    );
    assert_eq!(
        authorize(
            &Principal::Public,
            Action::ReportProgress,
            &Resource::Task(&lead_task)
        ),
        Decision::Deny(Denial::SignInRequired)
    );
    let admin = acct("admin", "办公室", AccountRole::Admin);
    let text = authorize(&admin, Action::AcceptTask, &Resource::Task(&lead_task))
        .into_result()
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert_eq!(text, "系统管理员角色无权验收 (role not permitted)");
    assert_eq!(
        authorize(
            &unit,
            Action::ReplyNotice,
            &Resource::Notice { addressee: &air }
        ),
        Decision::Deny(Denial::NotAddressee {
            unit: water.clone(),
            addressee: air.clone()
        })
    );
}

#[test]
fn wrong_resource_is_denied() {
    let water = name("水科");
    let unit = acct("unit", "水科", AccountRole::UnitStaff);
    let admin = acct("admin", "办公室", AccountRole::Admin);
    let task = parties(&[&water], &[]);
    for (who, action, r) in [
        (&unit, Action::ReportProgress, Resource::System),
        (&unit, Action::ReplyNotice, Resource::Task(&task)),
        (&admin, Action::ManageAccounts, Resource::Task(&task)),
        (
            &unit,
            Action::SubmitForAcceptance,
            Resource::Rectification {
                responsible: &water,
                disclosed: false,
            },
        ),
    ] {
        assert_eq!(
            authorize(who, action, &r),
            Decision::Deny(Denial::WrongResource(action.label()))
        );
    }
}

#[test]
fn codes_round_trip() {
    for r in AccountRole::ALL {
        assert_eq!(AccountRole::from_code(r.code()), Some(r));
    }
    for a in Action::ALL {
        assert_eq!(Action::from_code(a.code()), Some(a));
    }
    assert_eq!(Action::from_code("fly"), None);
}

fn unit(n: &str, kind: UnitKind, aliases: &[&str], covers: &[UnitKind]) -> Unit {
    Unit {
        name: name(n),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        covers: covers.to_vec(),
        note: None,
    }
}

#[test]
fn parties_resolve_aliases_and_collectives() {
    let units = UnitRegistry::new(vec![
        unit("督察办", UnitKind::Section, &[], &[]),
        unit("水科", UnitKind::Section, &[], &[]),
        unit("综合执法支队", UnitKind::Affiliated, &["综治执法支队"], &[]),
        unit("监测站", UnitKind::Affiliated, &[], &[]),
        unit("各科室", UnitKind::Collective, &[], &[UnitKind::Section]),
    ]);
    let task = Task {
        id: TaskId::new(5, 2),
        group: 5,
        number: 2,
        title: "t".into(),
        text: "t".into(),
        assignments: vec![
            Assignment {
                scope: "a".into(),
                lead: vec!["督察办".into()],
                co: vec!["综治执法支队".into(), "各科室".into()],
            },
            Assignment {
                scope: "b".into(),
                lead: vec!["监测站".into()],
                co: vec!["督察办".into()],
            },
        ],
        deliverables: vec![],
    };
    let p = TaskParties::of(&task, &units);
    assert_eq!(p.lead, vec![name("督察办"), name("监测站")]);
    assert_eq!(p.co, vec![name("水科"), name("综合执法支队")]);
    assert!(p.led_by_inspectorate());
    assert_eq!(p.role_of(&name("水科")), Some(Role::Co));
    assert_eq!(p.role_of(&name("各科室")), None);
}

fn any_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.to_vec())
}

fn any_unit() -> impl Strategy<Value = UnitName> {
    proptest::sample::select(vec!["水科", "气科", "督察办", "监测站", "办公室", "局领导"])
        .prop_map(name)
}

fn any_role() -> impl Strategy<Value = AccountRole> {
    proptest::sample::select(AccountRole::ALL.to_vec())
}

/// Decides `action` for `who` on a resource of kind `kind` (0 system, 1 task, 2 notice,
/// 3 rectification) built from the given units.
fn decide_any(
    who: &Principal,
    action: Action,
    kind: u8,
    lead: &[UnitName],
    co: &[UnitName],
    target: &UnitName,
    disclosed: bool,
) -> Decision {
    let task = TaskParties {
        task: TaskId::new(1, 1),
        lead: lead.to_vec(),
        co: co.to_vec(),
    };
    let r = match kind {
        0 => Resource::System,
        1 => Resource::Task(&task),
        2 => Resource::Notice { addressee: target },
        _ => Resource::Rectification {
            responsible: target,
            disclosed,
        },
    };
    authorize(who, action, &r)
}

proptest! {
    #[test]
    fn public_never_changes_anything(
        action in any_action(),
        kind in 0u8..4,
        lead in proptest::collection::vec(any_unit(), 0..3),
        co in proptest::collection::vec(any_unit(), 0..3),
        target in any_unit(),
        disclosed in any::<bool>(),
    ) {
        let d = decide_any(&Principal::Public, action, kind, &lead, &co, &target, disclosed);
        if action.is_state_change() {
            prop_assert!(!d.is_allowed(), "public allowed {}", action.code());
        }
        if d.is_allowed() {
            prop_assert_eq!(action, Action::ViewPublic);
        }
    }

    #[test]
    fn admin_does_no_business_work(
        action in any_action(),
        kind in 0u8..4,
        own in any_unit(),
        lead in proptest::collection::vec(any_unit(), 0..3),
        co in proptest::collection::vec(any_unit(), 0..3),
        target in any_unit(),
        disclosed in any::<bool>(),
    ) {
        let admin = Principal::account(AccountId::parse("a").expect("id"), own, AccountRole::Admin);
        if decide_any(&admin, action, kind, &lead, &co, &target, disclosed).is_allowed() {
            prop_assert!(matches!(
                action,
                Action::ViewPublic
                    | Action::ManageAccounts
                    | Action::SetTargetThreshold
                    | Action::ChangeOwnPassword
            ));
        }
    }

    #[test]
    fn leadership_changes_only_the_inspectorates_own(
        action in any_action(),
        kind in 0u8..4,
        lead in proptest::collection::vec(any_unit(), 0..3),
        co in proptest::collection::vec(any_unit(), 0..3),
        target in any_unit(),
        disclosed in any::<bool>(),
    ) {
        let leader = acct("leader", "局领导", AccountRole::Leadership);
        let d = decide_any(&leader, action, kind, &lead, &co, &target, disclosed);
        if d.is_allowed() && action.is_state_change() && action != Action::ChangeOwnPassword {
            let insp = name(INSPECTORATE_UNIT);
            let judged = matches!(
                action,
                Action::AcceptTask | Action::ReturnTask | Action::CloseTask
            ) && lead.contains(&insp)
                || matches!(
                    action,
                    Action::AcceptRectification
                        | Action::ReturnRectification
                        | Action::CloseRectification
                ) && target == insp;
            prop_assert!(judged, "leadership allowed {}", action.code());
        }
    }

    #[test]
    fn task_work_needs_an_assignment(
        role in any_role(),
        own in any_unit(),
        lead in proptest::collection::vec(any_unit(), 0..3),
        co in proptest::collection::vec(any_unit(), 0..3),
        action in proptest::sample::select(vec![
            Action::ReportProgress,
            Action::ConfirmCoPart,
            Action::SubmitForAcceptance,
        ]),
    ) {
        let who = Principal::account(AccountId::parse("x").expect("id"), own.clone(), role);
        let d = decide_any(&who, action, 1, &lead, &co, &own, false);
        if d.is_allowed() {
            prop_assert!(role.does_unit_work());
            prop_assert!(lead.contains(&own) || co.contains(&own));
        }
    }
}

#[test]
fn parties_of_the_built_in_plan() {
    let text = include_str!("../../../../plans/qianjiang-2023.toml");
    let plan = crate::plan_file::parse_plan(text).expect("built-in plan");
    let insp = name(INSPECTORATE_UNIT);
    let mut led_by_insp = Vec::new();
    for task in &plan.tasks {
        let p = TaskParties::of(task, &plan.units);
        assert!(!p.lead.is_empty(), "task {} has no lead", task.id);
        let written = task
            .lead_units()
            .iter()
            .any(|w| plan.units.resolve(w).is_some_and(|u| u.name == insp));
        assert_eq!(p.led_by_inspectorate(), written, "task {}", task.id);
        if written {
            led_by_insp.push(task.id.to_string());
        }
    }
    // (三)1, (三)2 and the 长江 task among them: 督察办 leads, so 局领导 accepts.
    assert!(led_by_insp.contains(&"3.1".to_string()), "{led_by_insp:?}");
    assert!(led_by_insp.contains(&"3.2".to_string()), "{led_by_insp:?}");
    assert!(led_by_insp.len() >= 3, "{led_by_insp:?}");
    // (三)2 writes 综治执法支队 for 综合执法支队.
    let t32 = plan.task("3.2").expect("(三)2");
    let p = TaskParties::of(t32, &plan.units);
    assert_eq!(p.role_of(&name("综合执法支队")), Some(Role::Co));
    assert_eq!(p.role_of(&name("监测站")), Some(Role::Co));
    // (六)1 has 各科室、各单位 as co units: every section and affiliated unit may report.
    let t61 = plan.task("6.1").expect("(六)1");
    let p = TaskParties::of(t61, &plan.units);
    assert_eq!(p.role_of(&name("水科")), Some(Role::Co));
    assert_eq!(p.role_of(&name("监测站")), Some(Role::Co));
    assert_eq!(p.role_of(&name("办公室")), Some(Role::Lead));
    assert_eq!(p.role_of(&name("各科室")), None);
}
