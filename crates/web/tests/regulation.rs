//! 监管业务 pages through the router: the public draw page re-runs a draw and says whether it
//! matches, the public verification form refuses altered texts, the staff ledgers need a
//! sign-in and their forms change the ledgers (and the plan's deliverables).

mod common;

use axum::http::StatusCode;
use common::World;
use ecogov_domain::authz::AccountRole;
use ecogov_domain::draw::{Inspector, InspectorId, Seed, Share};
use ecogov_domain::enterprise::{CreditCode, Enterprise, SupervisionClass};
use ecogov_domain::petition::{Channel, PetitionCase, PetitionId};
use jiff::civil::Date;
use scraper::{Html, Selector};

fn code(n: u32) -> CreditCode {
    let body = format!("91429005{n:09}");
    let c = CreditCode::check_character(&body).expect("body");
    CreditCode::parse(&format!("{body}{c}")).expect("code")
}

fn text(body: &str, css: &str) -> String {
    let html = Html::parse_document(body);
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

/// Three enterprises, three inspectors and a revealed draw; returns the draw number.
async fn drawn(w: &World) -> i64 {
    let s = &w.state.store;
    let list: Vec<Enterprise> = (1..=3)
        .map(|n| {
            Enterprise::new(
                &format!("企业{n}"),
                code(n).as_str(),
                "潜江市",
                "化工",
                SupervisionClass::KeyDischarger,
                None,
            )
            .expect("valid")
        })
        .collect();
    s.import_enterprises(&list, "t", "test")
        .await
        .expect("import");
    let inspectors: Vec<Inspector> = ["A1", "A2", "A3"]
        .iter()
        .map(|i| Inspector {
            id: InspectorId::new(i).expect("id"),
            name: format!("人员{i}"),
            unit: "支队".into(),
        })
        .collect();
    s.upsert_inspectors(&inspectors, "test")
        .await
        .expect("inspectors");
    let d = s
        .plan_draw(
            "2023年第三季度",
            2,
            &[(SupervisionClass::KeyDischarger, Share::Count(2))],
            "test",
        )
        .await
        .expect("plan");
    let seed = Seed::from_hex("00112233445566778899aabbccddeeff").expect("seed");
    s.commit_draw(d.id, &seed, "test").await.expect("commit");
    s.run_committed_draw(d.id, "test").await.expect("run");
    d.id
}

#[tokio::test]
async fn the_public_draw_page_verifies_and_the_form_refuses_alterations() {
    let w = World::new().await;
    let id = drawn(&w).await;
    // Drawn but the seed not yet disclosed: published result, no seed, no verdict yet.
    let r = w.get(&format!("/public/draws/{id}"), None).await;
    assert_eq!(r.status, StatusCode::OK, "public without sign-in");
    assert!(text(&r.body, "#verdict").contains("种子尚未公开"));
    assert!(!r.body.contains("00112233445566778899aabbccddeeff"));
    w.state.store.reveal_draw(id, "test").await.expect("reveal");
    let r = w.get(&format!("/public/draws/{id}"), None).await;
    assert!(text(&r.body, "#verdict").contains("验证通过"), "{}", r.body);
    assert_eq!(
        Html::parse_document(&r.body)
            .select(&Selector::parse("#picks tbody tr").expect("sel"))
            .count(),
        2
    );

    // The texts as published, pasted into the form: verified; with one id changed: refused.
    let d = w.state.store.draw(id).await.expect("draw");
    let (inputs, result) = (d.inputs.clone(), d.result.clone().expect("result"));
    let (seed, commitment) = (
        d.seed.clone().expect("seed"),
        d.commitment.clone().expect("commitment"),
    );
    let post = |inputs: String, result: String| {
        let (seed, commitment) = (seed.clone(), commitment.clone());
        let w = &w;
        async move {
            w.post(
                "/public/draws/verify",
                None,
                &[
                    ("inputs", &inputs.replace('\n', "\r\n")),
                    ("result", &result),
                    ("seed", &seed),
                    ("commitment", &commitment),
                ],
            )
            .await
        }
    };
    let ok = post(inputs.clone(), result.clone()).await;
    assert!(
        text(&ok.body, "#verdict").contains("验证通过"),
        "{}",
        ok.body
    );
    let line = result
        .lines()
        .find(|l| l.starts_with("assignment"))
        .expect("line")
        .to_string();
    let other = ["A1", "A2", "A3"]
        .into_iter()
        .find(|i| !line.contains(i))
        .expect("free");
    let altered = result.replacen(&line, &line.replacen(&line[line.len() - 2..], other, 1), 1);
    let bad = post(inputs.clone(), altered).await;
    assert!(
        text(&bad.body, "#verdict").contains("抽取结果已被改动"),
        "{}",
        bad.body
    );
    let bad = post(inputs.replace("人员A1", "人员B1"), result).await;
    assert!(
        text(&bad.body, "#verdict").contains("抽取输入已被改动"),
        "{}",
        bad.body
    );
}

#[tokio::test]
async fn staff_ledgers_need_a_sign_in_and_their_forms_change_the_ledgers() {
    let w = World::new().await;
    drawn(&w).await;
    let r = w.get("/regulation/petitions", None).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "staff pages need a sign-in"
    );
    w.account("zhifa", "综合执法支队", AccountRole::UnitStaff)
        .await;
    let token = w.token("zhifa").await;

    let case = PetitionCase::register(
        PetitionId::new("XF-9").expect("id"),
        Channel::Hotline12369,
        Date::constant(2023, 12, 25),
        Some(code(1)),
        "",
        "异味",
    );
    w.state
        .store
        .register_petitions(&[("t".into(), case)], "t", "test")
        .await
        .expect("register");
    // Acceptance due 2024-01-09: due soon on 2024-01-08, overdue on 2024-01-10.
    let r = w
        .get("/regulation/petitions?today=2024-01-08", Some(&token))
        .await;
    assert_eq!(text(&r.body, "#due-soon"), "1", "{}", r.body);
    let r = w
        .get("/regulation/petitions?today=2024-01-10", Some(&token))
        .await;
    assert_eq!(text(&r.body, "#overdue"), "1");
    assert!(text(&r.body, "#p-XF-9").contains("逾期 1 天"));

    // A form post: the state moves and an illegal move is refused with its message.
    let r = w
        .post(
            "/regulation/petitions/XF-9/advance",
            Some(&token),
            &[("to", "handling"), ("date", "2024-01-02")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("不能从“登记”转为“办理”"), "{}", r.body);
    let r = w
        .post(
            "/regulation/petitions/XF-9/advance",
            Some(&token),
            &[("to", "accepted"), ("date", "2024-01-02")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w
        .get("/regulation/petitions?today=2024-01-10", Some(&token))
        .await;
    assert_eq!(text(&r.body, "#overdue"), "0");

    // Diesel checks entered on the page count toward the plan's deliverable on the task page.
    let before = w.get("/regulation/diesel?year=2023", Some(&token)).await;
    assert_eq!(text(&before.body, "#road"), "0");
    let r = w
        .post(
            "/regulation/diesel",
            Some(&token),
            &[
                ("kind", "road"),
                ("date", "2023-05-01"),
                ("plate", "鄂N12345"),
                ("result", "合格"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let bad = w
        .post(
            "/regulation/diesel",
            Some(&token),
            &[
                ("kind", "road"),
                ("date", "2023-05-01"),
                ("plate", "N12"),
                ("result", "合格"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let after = w.get("/regulation/diesel?year=2023", Some(&token)).await;
    assert_eq!(text(&after.body, "#road"), "1");
    let task = w.get("/tasks/2.2?as_of=2023-12-31", Some(&token)).await;
    assert!(
        task.body.contains("台账自动统计"),
        "the counted row is listed among the reports"
    );

    // Each ledger page renders and offers its workbook.
    for path in [
        "/regulation",
        "/regulation/enterprises",
        "/regulation/draws",
        "/regulation/inspections",
        "/regulation/outfalls",
    ] {
        let r = w.get(path, Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    for path in [
        "/regulation/enterprises.xlsx",
        "/regulation/outfalls.xlsx",
        "/regulation/petitions.xlsx?today=2024-01-10",
        "/regulation/diesel.xlsx?year=2023",
    ] {
        let r = w.get(path, Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
    let r = w.get("/public/inspections", None).await;
    assert_eq!(r.status, StatusCode::OK);
}
