//! The 台账 exports and the 督办/整改 lists on the command line (issue 7): the workbooks open
//! and hold the expected rows; bad input is refused and writes nothing.

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use common::{ecogov, ok, stderr};
use ecogov_domain::acceptance::{AcceptanceState, WorkflowEvent};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action, Principal};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::rectification::{
    FindingSource, RectificationAction, RectificationDraft, apply, create,
};
use ecogov_domain::supervision::{NoticeDraft, NoticeSubject, issue};
use ecogov_domain::task::TaskId;
use ecogov_domain::unit::UnitName;
use ecogov_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::path::Path;

const PLAN: &str = include_str!("../../../plans/qianjiang-2023.toml");

fn rows(range: &Range<Data>) -> Vec<Vec<String>> {
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("open xlsx");
    rows(&book.worksheet_range(name).expect("sheet"))
}

/// A database with the plan, one notice (to 水科 on task 1.1, due 2023-10-10), one 整改 item
/// (水科, submitted with evidence) and task 1.1 submitted for acceptance.
async fn setup(db: &Path) {
    let store = Store::open(db.to_str().expect("utf-8"), true)
        .await
        .expect("open");
    let plan = parse_plan(PLAN).expect("plan");
    store
        .install_plan(&plan, PLAN, "test")
        .await
        .expect("install");
    let plan_id = store.plan(None).await.expect("plan").id;
    let at = Timestamp::from_second(1_696_032_000).expect("2023-09-30 08:00 +08");
    let du = Principal::account(
        AccountId::parse("du").expect("id"),
        UnitName::new("督察办"),
        AccountRole::Inspectorate,
    );
    let shui = Principal::account(
        AccountId::parse("shui").expect("id"),
        UnitName::new("水科"),
        AccountRole::UnitStaff,
    );
    let (n, e) = issue(
        NoticeDraft {
            addressee: UnitName::new("水科"),
            subject: NoticeSubject::Task(TaskId::new(1, 1)),
            content: "请于10月10日前报送进展".into(),
            deadline: Date::constant(2023, 10, 10),
        },
        &du,
        at,
    )
    .expect("issue");
    store
        .issue_notice(plan_id, &n, "（一）1 测试督办事项", &e, "")
        .await
        .expect("store notice");
    let (mut item, e) = create(
        RectificationDraft {
            source: FindingSource::PetitionReferral,
            finding: "居民反映夜间施工噪声扰民".into(),
            responsible: UnitName::new("水科"),
            measures: String::new(),
            deadline: Date::constant(2023, 10, 31),
        },
        &du,
        at,
    )
    .expect("create");
    let id = store
        .create_rectification(&item, &e, "")
        .await
        .expect("store item");
    for step in [
        RectificationAction::Update {
            measures: Some("责令停止夜间施工".into()),
            add_evidence: vec!["处罚决定书.pdf".into(), "回访记录.pdf".into()],
            remove_evidence: vec![],
        },
        RectificationAction::Submit,
    ] {
        let (next, e) = apply(&item, step, &shui, at).expect("step");
        store
            .save_rectification_step(id, &item, &next, &e, None, "")
            .await
            .expect("save");
        item = next;
    }
    let event = WorkflowEvent {
        actor: AccountId::parse("lead").expect("id"),
        unit: UnitName::new("督察办"),
        role: AccountRole::UnitStaff,
        at,
        action: Action::SubmitForAcceptance,
        from: AcceptanceState::InProgress,
        to: AcceptanceState::Submitted,
        reason: None,
    };
    store
        .record_task_step(plan_id, &TaskId::new(1, 1), &event, "")
        .await
        .expect("task step");
}

#[tokio::test]
async fn exports_open_and_hold_the_expected_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    setup(&d.join("sup.db")).await;
    let plan = parse_plan(PLAN).expect("plan");

    // 任务台账: one row per deliverable, one per qualitative task, in plan order.
    let out = ok(ecogov(
        d,
        &[
            "export",
            "tasks",
            "--xlsx",
            "tasks.xlsx",
            "--as-of",
            "2023-09-30",
            "--db",
            "sup.db",
        ],
    ));
    assert!(out.contains("tasks.xlsx"), "{out}");
    let t = sheet(&d.join("tasks.xlsx"), "任务台账");
    assert!(t[0][0].contains("任务台账"), "{:?}", t[0]);
    assert!(t[1][0].contains("截至 2023-09-30"), "{:?}", t[1]);
    assert_eq!(t[2][..4], ["序号", "任务类别", "任务编号", "重点工作任务"]);
    assert_eq!(t[2].last().map(String::as_str), Some("验收状态"));
    let expected: usize = plan.tasks.iter().map(|t| t.deliverables.len().max(1)).sum();
    assert_eq!(
        t.len() - 3,
        expected,
        "one row per deliverable or qualitative task"
    );
    let first = &plan.tasks[0];
    let label = first.label();
    let mine: Vec<&Vec<String>> = t.iter().filter(|r| r[2] == label).collect();
    assert_eq!(mine.len(), first.deliverables.len().max(1));
    assert!(mine.iter().all(|r| r[14] == "已提交验收"), "{mine:?}");
    assert_eq!(mine[0][4], first.lead_units().join("、"));
    let other = t
        .iter()
        .skip(3)
        .find(|r| r[2] != label)
        .expect("another task");
    assert_eq!(other[14], "进行中");
    let with_deliverable = plan
        .tasks
        .iter()
        .find(|t| !t.deliverables.is_empty())
        .expect("a quantified task");
    let d0 = &with_deliverable.deliverables[0];
    let row = t
        .iter()
        .find(|r| r[6] == d0.description)
        .expect("deliverable row");
    assert_eq!(row[7], d0.target_label());
    assert!(
        ["未开始", "正常", "滞后", "逾期", "已完成"].contains(&row[13].as_str()),
        "{row:?}"
    );
    let units = sheet(&d.join("tasks.xlsx"), "按单位汇总");
    assert_eq!(units[2][0], "单位");
    assert!(units.iter().any(|r| r[0] == "水科"), "{units:?}");

    // 督办清单, judged on 2023-10-12: two days overdue.
    ok(ecogov(
        d,
        &[
            "export",
            "notices",
            "--xlsx",
            "notices.xlsx",
            "--as-of",
            "2023-10-12",
            "--db",
            "sup.db",
        ],
    ));
    let n = sheet(&d.join("notices.xlsx"), "督办清单");
    assert!(n[0][0].contains("潜江市生态环境局督办清单"), "{:?}", n[0]);
    assert!(n[1][0].contains("逾期 1 件"), "{:?}", n[1]);
    assert_eq!(n.len(), 4, "title, note, heading, one notice");
    assert_eq!(n[2][2], "被督办单位");
    let row = &n[3];
    assert_eq!(
        row[..9],
        [
            "1",
            "1",
            "水科",
            "（一）1 测试督办事项",
            "请于10月10日前报送进展",
            "du",
            "2023-09-30",
            "2023-10-10",
            "已逾期"
        ]
    );
    assert_eq!(row[9], "已逾期 2 天");

    // 整改台账.
    ok(ecogov(
        d,
        &[
            "export",
            "rectifications",
            "--xlsx",
            "r.xlsx",
            "--as-of",
            "2023-11-02",
            "--db",
            "sup.db",
        ],
    ));
    let r = sheet(&d.join("r.xlsx"), "整改台账");
    assert_eq!(r.len(), 4, "title, note, heading, one item");
    assert_eq!(r[2][3], "问题描述");
    assert_eq!(
        r[3],
        [
            "1",
            "1",
            "信访转办",
            "居民反映夜间施工噪声扰民",
            "水科",
            "责令停止夜间施工",
            "2023-10-31",
            "已提交验收",
            "是",
            "2",
            "处罚决定书.pdf；回访记录.pdf",
            "已提交验收",
            "未销号",
            "否"
        ]
    );

    // The lists on the terminal.
    let out = ok(ecogov(
        d,
        &["notices", "--db", "sup.db", "--as-of", "2023-10-08"],
    ));
    assert!(out.contains("即将到期（剩 2 天）"), "{out}");
    let out = ok(ecogov(
        d,
        &["notices", "--db", "sup.db", "--as-of", "2023-10-15"],
    ));
    assert!(out.contains("已上报局领导（逾期 5 天）"), "{out}");
    let out = ok(ecogov(
        d,
        &[
            "rectifications",
            "--db",
            "sup.db",
            "--as-of",
            "2023-11-02",
            "--json",
        ],
    ));
    assert!(
        out.contains("\"overdue\": true") && out.contains("\"petition\""),
        "{out}"
    );
}

#[tokio::test]
async fn bad_exports_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    setup(&d.join("sup.db")).await;
    for (args, says) in [
        (
            vec![
                "export",
                "notices",
                "--xlsx",
                "n.xlsx",
                "--as-of",
                "2023-02-30",
                "--db",
                "sup.db",
            ],
            "--as-of",
        ),
        (
            vec!["export", "tasks", "--xlsx", "n.csv", "--db", "sup.db"],
            ".xlsx",
        ),
        (
            vec![
                "export",
                "rectifications",
                "--xlsx",
                "no/such/dir/r.xlsx",
                "--db",
                "sup.db",
            ],
            "目录不存在",
        ),
        (
            vec!["export", "tasks", "--xlsx", "n.xlsx", "--db", "missing.db"],
            "不存在",
        ),
    ] {
        let o = ecogov(d, &args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    assert!(!d.join("n.xlsx").exists() && !d.join("n.csv").exists());
    assert!(!d.join("missing.db").exists());
}
