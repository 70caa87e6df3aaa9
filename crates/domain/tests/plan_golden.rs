//! Golden tests: the built-in plan against the seed text of 《潜江市生态环境局2023年重点工作任务》.

use ecogov_domain::deliverable::DeliverableId;
use ecogov_domain::plan::Plan;
use ecogov_domain::plan_file::{Problem, parse_plan};
use ecogov_domain::target::{Comparator, TargetArea, ThresholdSource};
use ecogov_domain::task::Role;
use ecogov_domain::unit::UnitKind;
use rust_decimal::Decimal;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn plan() -> Plan {
    match parse_plan(PLAN) {
        Ok(p) => p,
        Err(issues) => panic!("built-in plan invalid: {issues:#?}"),
    }
}

#[test]
fn counts_match_the_seed() {
    let p = plan();
    assert_eq!(p.year, 2023);
    assert_eq!(p.groups.len(), 6);
    assert_eq!(p.tasks.len(), 25);
    let per_group: Vec<usize> = (1..=6).map(|g| p.tasks_in_group(g).count()).collect();
    assert_eq!(per_group, [4, 6, 2, 4, 3, 6]);
    // Every one of the eight target areas has at least one indicator.
    for area in TargetArea::ALL {
        assert!(p.targets.iter().any(|t| t.area == area), "{area:?}");
    }
}

#[test]
fn lead_and_co_units_as_written() {
    let p = plan();
    let units = |id: &str| {
        let t = p.task(id).expect(id);
        (t.lead_units(), t.co_units())
    };
    assert_eq!(
        units("1.1"),
        (
            vec!["审批科", "综合执法支队"],
            vec![
                "水科",
                "气科",
                "土科",
                "生态科",
                "执法科",
                "综合科",
                "综合执法支队"
            ]
        )
    );
    assert_eq!(p.task("1.1").map(|t| t.assignments.len()), Some(2));
    assert_eq!(
        units("2.1"),
        (vec!["综合执法支队", "水科", "督察办"], vec![])
    );
    assert_eq!(
        units("2.2"),
        (vec!["气科"], vec!["禁烧办", "综合执法支队", "监测站"])
    );
    assert_eq!(
        units("3.2"),
        (vec!["督察办"], vec!["综治执法支队", "监测站"])
    );
    assert_eq!(units("4.3").0, vec!["执法科", "综合执法支队"]);
    assert_eq!(p.task("4.3").map(|t| t.assignments.len()), Some(3));
    assert_eq!(
        units("4.4"),
        (vec!["水科", "监测站"], vec!["气科", "土科", "综合执法支队"])
    );
    assert_eq!(units("6.5").0, vec!["局办公室", "扶贫科", "局工会"]);
    assert_eq!(p.task("6.4").map(|t| t.assignments.len()), Some(3));
    // Texts are verbatim.
    let t = p.task("2.2").expect("2.2");
    assert!(
        t.text
            .contains("全年检查柴油车不低于1000辆,柴油车入户检测不低于300辆")
    );
    assert_eq!(t.title, "深入打好蓝天保卫战");
}

#[test]
fn quantified_deliverables() {
    let p = plan();
    let target = |id: &str| {
        let (task, d) = p
            .deliverable(&DeliverableId::new(id))
            .unwrap_or_else(|| panic!("{id}"));
        (task.id.to_string(), d.target, d.due.to_string())
    };
    let n = Decimal::from;
    assert_eq!(
        target("yangtze-outfalls"),
        ("2.1".into(), n(13), "2023-12-31".into())
    );
    assert_eq!(target("diesel-road-checks").1, n(1000));
    assert_eq!(target("diesel-home-checks").1, n(300));
    assert_eq!(
        target("facility-open-days"),
        ("1.4".into(), n(6), "2023-12-31".into())
    );
    assert_eq!(target("press-conferences").1, n(2));
    assert_eq!(target("eco-town-provincial").1, n(1));
    assert_eq!(target("eco-village-provincial").1, n(5));
    assert_eq!(
        target("rural-black-odorous-water"),
        ("2.5".into(), n(8), "2023-12-31".into())
    );
    assert_eq!(
        target("water-auto-stations-new"),
        ("4.4".into(), n(8), "2023-12-31".into())
    );
    assert_eq!(target("water-auto-stations-upgraded").1, n(4));
    assert_eq!(target("lakes-monitored").1, n(17));
    assert_eq!(target("cross-boundary-bulletins").1, n(12));
    assert_eq!(
        target("sihu-compensation-agreement"),
        ("2.3".into(), n(1), "2023-03-31".into())
    );
    assert_eq!(target("chengnan-wetland").2, "2023-12-31");
    assert_eq!(target("algal-bloom-watch").2, "2023-04-30");
    let (_, cases) = p
        .deliverable(&DeliverableId::new("beautiful-river-lake-cases"))
        .expect("cases");
    assert_eq!((cases.target, cases.target_max), (n(1), Some(n(2))));
}

#[test]
fn targets_and_thresholds() {
    let p = plan();
    let t = |id: &str| {
        p.targets
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let farmland = t("soil-polluted-farmland-safe-use");
    assert_eq!(
        (farmland.comparator, farmland.threshold),
        (Comparator::AtLeast, Some(Decimal::from(90)))
    );
    let co2 = t("climate-co2-intensity-reduction");
    assert_eq!(
        (co2.comparator, co2.threshold),
        (Comparator::AtLeast, Some(Decimal::from(4)))
    );
    assert_eq!(
        t("soil-rural-sewage-treatment-increase").unit.as_deref(),
        Some("个百分点")
    );
    assert_eq!(
        t("radiation-source-safe-disposal").threshold,
        Some(Decimal::from(100))
    );
    assert_eq!(t("radiation-accidents").threshold, Some(Decimal::ZERO));
    let pm = t("air-pm25-annual-mean");
    assert_eq!((pm.source, pm.threshold), (ThresholdSource::Province, None));
    assert_eq!(pm.threshold_label(), "目标未设定");
    assert_eq!(
        t("ecology-biodiversity").comparator,
        Comparator::Qualitative
    );
    assert_eq!(
        p.targets
            .iter()
            .filter(|t| t.area == TargetArea::EmissionTotals)
            .count(),
        5
    );
}

#[test]
fn unit_registry_in_plan_order() {
    let p = plan();
    let names: Vec<&str> = p.units.all().iter().map(|u| u.name.as_str()).collect();
    assert_eq!(&names[..4], ["审批科", "水科", "气科", "土科"]);
    for outside in ["禁烧办", "公安", "城管", "住建"] {
        assert_eq!(
            p.units.resolve(outside).map(|u| u.kind),
            Some(UnitKind::External),
            "{outside}"
        );
    }
    let squad = p.units.resolve("综合执法支队").expect("squad");
    let tasks: Vec<(String, Role)> = p
        .tasks_for_unit(squad, None)
        .map(|(t, r)| (t.id.to_string(), r))
        .collect();
    assert!(
        tasks.contains(&("3.2".to_string(), Role::Co)),
        "alias 综治执法支队 resolves"
    );
    assert!(tasks.contains(&("2.1".to_string(), Role::Lead)));
    // 各科室 makes every section a co unit of (一)4.
    let water = p.units.resolve("水科").expect("水科");
    assert_eq!(
        p.task("1.4").and_then(|t| t.role_of(&p.units, water)),
        Some(Role::Co)
    );
}

#[test]
fn broken_plan_lists_every_problem_with_lines() {
    let broken = PLAN
        .replacen(
            "co = [\"禁烧办\", \"综合执法支队\", \"监测站\"]",
            "co = [\"禁烧办\", \"综合执法大队\", \"监测站\"]",
            1,
        )
        .replacen(
            "id = \"diesel-home-checks\"",
            "id = \"diesel-road-checks\"",
            1,
        )
        .replacen("due = \"2023-03-31\"", "due = \"2023-02-30\"", 1)
        .replacen("target = 8\nunit = \"条\"", "unit = \"条\"", 1);
    let issues = parse_plan(&broken).expect_err("broken");
    let problems: Vec<&Problem> = issues.iter().map(|i| &i.problem).collect();
    assert!(
        problems.contains(&&Problem::UnknownUnit("综合执法大队".into())),
        "{issues:#?}"
    );
    assert!(problems.contains(&&Problem::Duplicate {
        kind: "量化任务",
        id: "diesel-road-checks".into()
    }));
    assert!(problems.contains(&&Problem::BadDate("2023-02-30".into())));
    assert!(problems.contains(&&Problem::Missing("target")));
    assert_eq!(issues.len(), 4, "{issues:#?}");
    // Each issue points at the line where the value is.
    let lines: Vec<&str> = broken.lines().collect();
    let unknown = issues
        .iter()
        .find(|i| matches!(i.problem, Problem::UnknownUnit(_)))
        .expect("unknown");
    let line = unknown.line.expect("line");
    assert!(
        lines[line - 1].contains("综合执法大队"),
        "line {line}: {}",
        lines[line - 1]
    );
    assert!(
        unknown.path.starts_with("tasks[5].assignments[0].co[1]"),
        "{}",
        unknown.path
    );
}

#[test]
fn syntax_errors_have_a_line_and_never_panic() {
    let issues = parse_plan("year = 2023\ntitle = \"x\nissuer = 1").expect_err("bad toml");
    assert_eq!(issues.len(), 1);
    assert!(issues[0].line.is_some());
    let issues = parse_plan("year = 2023\nthreshold = 1.5\n").expect_err("unknown field");
    assert!(matches!(issues[0].problem, Problem::Syntax(_)));
    for junk in [
        "",
        "[[tasks]]\n",
        "year = \"x\"",
        "[[targets]]\nthreshold = 1.5",
        "\u{0}",
    ] {
        assert!(parse_plan(junk).is_err(), "{junk:?}");
    }
}
