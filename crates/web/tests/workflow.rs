//! The task acceptance workflow through the web (issue 7): a permission matrix of every role
//! against every state-changing task action, an id edited in the URL, and the whole path
//! report → submit → return → resubmit → accept → 销号 in the audit trail.

mod common;

use axum::http::StatusCode;
use common::{Reply, World};
use ecogov_domain::acceptance::{AcceptanceState, WorkflowEvent};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, Action, Principal, Resource, TaskParties, authorize};
use ecogov_domain::plan_file::parse_plan;
use ecogov_domain::task::Task;
use ecogov_domain::unit::UnitName;

/// A task led by one section with a co-operating section, with a deliverable, in which 督察办,
/// 办公室 and 监测站 (whose accounts have roles of their own in this test) take no part.
fn pick_task() -> (Task, TaskParties, UnitName, UnitName) {
    let plan = parse_plan(common::PLAN).expect("plan");
    let special = ["督察办", "办公室", "监测站"];
    for t in &plan.tasks {
        let p = TaskParties::of(t, &plan.units);
        let plain = |u: &&UnitName| !special.contains(&u.as_str());
        let none_special = p.lead.iter().chain(&p.co).all(|u| plain(&u));
        if let (Some(l), Some(c)) = (p.lead.iter().find(plain), p.co.iter().find(plain))
            && p.lead.len() == 1
            && none_special
            && !t.deliverables.is_empty()
        {
            let (l, c) = (l.clone(), c.clone());
            return (t.clone(), p, l, c);
        }
    }
    panic!("no suitable task in the plan");
}

/// A section that takes no part in `parties`.
fn outsider(parties: &TaskParties) -> UnitName {
    ["审批科", "气科", "土科", "生态科", "执法科", "水科"]
        .into_iter()
        .map(UnitName::new)
        .find(|u| !parties.lead.contains(u) && !parties.co.contains(u))
        .expect("an outside section")
}

/// Puts the task in `state` by recording a step directly in the store.
async fn set_state(w: &World, task: &Task, state: AcceptanceState) {
    let event = WorkflowEvent {
        actor: AccountId::parse("setup").expect("id"),
        unit: UnitName::new("督察办"),
        role: AccountRole::Inspectorate,
        at: w.state.clock.timestamp(),
        action: Action::AcceptTask,
        from: AcceptanceState::InProgress,
        to: state,
        reason: None,
    };
    w.state
        .store
        .record_task_step(1, &task.id, &event, "test")
        .await
        .expect("set state");
}

/// A progress report with an optional file, as a browser's multipart form.
async fn report(
    w: &World,
    token: &str,
    task: &str,
    deliverable: &str,
    file: Option<(&str, &[u8])>,
) -> Reply {
    w.post_multipart(
        &format!("/tasks/{task}/progress"),
        token,
        &[
            ("deliverable", deliverable),
            ("value", "1"),
            ("date", "2023-09-01"),
            ("note", "测试"),
        ],
        file,
    )
    .await
}

struct Who {
    name: &'static str,
    unit: UnitName,
    role: AccountRole,
}

#[tokio::test]
async fn every_role_against_every_task_action_as_the_policy_says() {
    let w = World::new().await;
    let (task, parties, lead, co) = pick_task();
    let other = outsider(&parties);
    let people = [
        Who {
            name: "admin",
            unit: UnitName::new("办公室"),
            role: AccountRole::Admin,
        },
        Who {
            name: "leader",
            unit: UnitName::new("办公室"),
            role: AccountRole::Leadership,
        },
        Who {
            name: "du",
            unit: UnitName::new("督察办"),
            role: AccountRole::Inspectorate,
        },
        Who {
            name: "lead",
            unit: lead.clone(),
            role: AccountRole::UnitStaff,
        },
        Who {
            name: "co",
            unit: co.clone(),
            role: AccountRole::UnitStaff,
        },
        Who {
            name: "other",
            unit: other.clone(),
            role: AccountRole::UnitStaff,
        },
        Who {
            name: "station",
            unit: UnitName::new("监测站"),
            role: AccountRole::MonitoringStation,
        },
    ];
    let mut tokens = Vec::new();
    for p in &people {
        w.account(p.name, p.unit.as_str(), p.role).await;
        tokens.push(w.token(p.name).await);
    }
    let id = task.id.to_string();
    let deliverable = task.deliverables[0].id.to_string();
    // (step, the state it applies in, the policy action)
    let steps = [
        (
            "report",
            AcceptanceState::InProgress,
            Action::ReportProgress,
        ),
        (
            "confirm",
            AcceptanceState::InProgress,
            Action::ConfirmCoPart,
        ),
        (
            "submit",
            AcceptanceState::InProgress,
            Action::SubmitForAcceptance,
        ),
        ("return", AcceptanceState::Submitted, Action::ReturnTask),
        ("accept", AcceptanceState::Submitted, Action::AcceptTask),
        ("close", AcceptanceState::Accepted, Action::CloseTask),
    ];
    let mut allowed = Vec::new();
    for (p, token) in people.iter().zip(&tokens) {
        for (step, precondition, action) in &steps {
            set_state(&w, &task, precondition.clone()).await;
            let r = if *step == "report" {
                report(&w, token, &id, &deliverable, None).await
            } else {
                w.post(
                    &format!("/tasks/{id}/step"),
                    Some(token),
                    &[("step", step), ("reason", "材料不全")],
                )
                .await
            };
            let principal = Principal::account(
                AccountId::parse(p.name).expect("id"),
                p.unit.clone(),
                p.role,
            );
            let expected = authorize(&principal, *action, &Resource::Task(&parties)).is_allowed();
            let status = r.status;
            if expected {
                assert_eq!(
                    status,
                    StatusCode::SEE_OTHER,
                    "{} {step}: {}",
                    p.name,
                    r.body
                );
                allowed.push(format!("{}:{step}", p.name));
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{} {step}: {}",
                    p.name,
                    r.body
                );
            }
        }
    }
    // The matrix in words, so a change of policy shows here too.
    assert_eq!(
        allowed,
        [
            "du:return",
            "du:accept",
            "du:close",
            "lead:report",
            "lead:submit",
            "co:report",
            "co:confirm",
        ],
        "lead unit {lead}, co unit {co}"
    );
    // Each refusal is in the audit trail.
    let denied = w
        .state
        .store
        .audit_events(500)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "access.denied")
        .count();
    assert_eq!(denied, people.len() * steps.len() - allowed.len());
}

#[tokio::test]
async fn editing_the_task_id_in_the_url_reaches_nobody_elses_task() {
    let w = World::new().await;
    let (task, parties, lead, _) = pick_task();
    w.account("lead", lead.as_str(), AccountRole::UnitStaff)
        .await;
    let token = w.token("lead").await;
    let plan = parse_plan(common::PLAN).expect("plan");
    let foreign = plan
        .tasks
        .iter()
        .find(|t| {
            let p = TaskParties::of(t, &plan.units);
            !p.lead.contains(&lead) && !p.co.contains(&lead) && !t.deliverables.is_empty()
        })
        .expect("a task of other units");
    assert!(parties.lead.contains(&lead));
    let mine = w
        .post(
            &format!("/tasks/{}/step", task.id),
            Some(&token),
            &[("step", "submit")],
        )
        .await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER);
    let theirs = w
        .post(
            &format!("/tasks/{}/step", foreign.id),
            Some(&token),
            &[("step", "submit")],
        )
        .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let sneaky = report(
        &w,
        &token,
        &foreign.id.to_string(),
        &foreign.deliverables[0].id.to_string(),
        None,
    )
    .await;
    assert_eq!(sneaky.status, StatusCode::FORBIDDEN);
    // A deliverable of another task under this task's URL is refused too.
    let mixed = report(
        &w,
        &token,
        &task.id.to_string(),
        &foreign.deliverables[0].id.to_string(),
        None,
    )
    .await;
    assert_eq!(mixed.status, StatusCode::BAD_REQUEST);
    assert!(
        w.state
            .store
            .task_steps(1, &foreign.id)
            .await
            .expect("steps")
            .is_empty()
    );
}

#[tokio::test]
async fn report_submit_return_resubmit_accept_close_through_the_pages() {
    let w = World::new().await;
    let (task, _, lead, co) = pick_task();
    w.account("lead", lead.as_str(), AccountRole::UnitStaff)
        .await;
    w.account("co", co.as_str(), AccountRole::UnitStaff).await;
    w.account("du", "督察办", AccountRole::Inspectorate).await;
    let (l, c, d) = (
        w.token("lead").await,
        w.token("co").await,
        w.token("du").await,
    );
    let id = task.id.to_string();
    let step = |token: String, step: &'static str, reason: &'static str| {
        let path = format!("/tasks/{id}/step");
        let w = &w;
        async move {
            w.post(&path, Some(&token), &[("step", step), ("reason", reason)])
                .await
        }
    };
    // A report with a PDF as evidence; a renamed executable is refused.
    let deliverable = task.deliverables[0].id.to_string();
    let bad = report(&w, &l, &id, &deliverable, Some(("证明.pdf", b"MZ\x90\x00"))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("内容与扩展名不符"), "{}", bad.body);
    let ok = report(
        &w,
        &l,
        &id,
        &deliverable,
        Some(("现场照片.pdf", b"%PDF-1.4 test")),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        step(c.clone(), "confirm", "").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(l.clone(), "submit", "").await.status,
        StatusCode::SEE_OTHER
    );
    // Accepting needs 督察办; a return needs a reason.
    assert_eq!(
        step(l.clone(), "accept", "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        step(d.clone(), "return", " ").await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        step(d.clone(), "return", "缺少验收材料").await.status,
        StatusCode::SEE_OTHER
    );
    // Closing before acceptance does not apply.
    assert_eq!(
        step(d.clone(), "close", "").await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        step(l.clone(), "submit", "").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(d.clone(), "accept", "").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(d.clone(), "close", "").await.status,
        StatusCode::SEE_OTHER
    );
    let page = w.get(&format!("/tasks/{id}"), Some(&l)).await;
    assert!(page.body.contains("已销号"), "{}", page.body);
    assert!(page.body.contains("缺少验收材料"));
    assert!(page.body.contains("现场照片.pdf"));
    // The file downloads as it was uploaded.
    let files = w
        .state
        .store
        .evidence_list("progress:")
        .await
        .expect("files");
    let file = w.get(&format!("/evidence/{}", files[0].id), Some(&l)).await;
    assert_eq!(file.body, "%PDF-1.4 test");
    // Every step is in the audit trail, in order, and the chain holds.
    let trail: Vec<String> = w
        .state
        .store
        .audit_events(100)
        .await
        .expect("audit")
        .into_iter()
        .rev()
        .filter(|e| e.action.starts_with("task.") || e.action == "progress.record")
        .map(|e| format!("{} {} {}", e.actor, e.action, e.detail))
        .collect();
    let actions: Vec<&str> = trail
        .iter()
        .map(|t| t.split(' ').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "progress.record",
            "task.confirm_co_part",
            "task.submit_for_acceptance",
            "task.return_task",
            "task.submit_for_acceptance",
            "task.accept_task",
            "task.close_task",
        ]
    );
    assert!(trail[0].contains("佐证 现场照片.pdf"), "{trail:?}");
    assert!(trail[3].contains("缺少验收材料"), "{trail:?}");
    assert!(w.state.store.verify_audit().await.is_ok());
}
