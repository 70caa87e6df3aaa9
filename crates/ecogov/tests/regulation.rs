//! 监管业务 through the binary: the enterprise import refusing bad 统一社会信用代码, a 双随机
//! draw from plan to verification (and the refusal of altered results and inputs), the plan's
//! diesel and outfall deliverables moving with the ledgers, 信访 deadlines on fixed days
//! across a month end and a change of year.

mod common;
use common::*;

use ecogov_domain::enterprise::CreditCode;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const SEED: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

/// A valid credit code with subject number `n` (GB 32100-2015 check character computed).
fn code(n: u32) -> String {
    let body = format!("91429005{n:09}");
    let c = CreditCode::check_character(&body).expect("17 characters");
    format!("{body}{c}")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", "t.db"]);
    ecogov(dir, &all)
}

fn json(o: Output) -> Value {
    serde_json::from_str(&ok(o)).expect("JSON")
}

fn actual(dir: &Path, deliverable: &str) -> i64 {
    let v = json(run(dir, &["progress", "--as-of", "2023-12-31", "--json"]));
    v["deliverables"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|d| d["id"] == deliverable)
        .and_then(|d| d["actual"].as_i64())
        .expect("actual")
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(run(dir.path(), &["init"]));
    let mut csv = String::from("企业名称,统一社会信用代码,地址,行业,监管类别,排污许可证编号\n");
    for n in 1..=6 {
        let class = if n <= 4 {
            "重点排污单位"
        } else {
            "一般排污单位"
        };
        csv += &format!(
            "潜江企业{n}有限公司,{},潜江市园林办事处{n}号,化学原料制造,{class},\n",
            code(n)
        );
    }
    std::fs::write(dir.path().join("ent.csv"), csv).expect("write");
    ok(run(dir.path(), &["enterprise", "import", "ent.csv"]));
    std::fs::write(
        dir.path().join("ins.csv"),
        "执法人员编号,姓名,所在单位\nA01,张一,综合执法支队\nA02,王二,综合执法支队\nA03,李三,综合执法支队\nA04,赵四,综合执法支队\n",
    )
    .expect("write");
    ok(run(dir.path(), &["inspector", "import", "ins.csv"]));
    dir
}

fn enterprise_count(dir: &Path) -> usize {
    json(run(dir, &["enterprise", "list", "--json"]))
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn bad_credit_codes_and_malformed_rows_refuse_the_whole_import() {
    let dir = setup();
    assert_eq!(enterprise_count(dir.path()), 6);
    let mut wrong_check = code(7);
    let last = wrong_check.pop().expect("char");
    wrong_check.push(if last == '0' { '1' } else { '0' });
    let file = format!(
        "企业名称,统一社会信用代码,地址,行业,监管类别\n新企业甲,{},地址甲,行业,重点排污单位\n新企业乙,{wrong_check},地址乙,行业,一般排污单位\n新企业丙,{},地址丙,行业,无此类别\n",
        code(8),
        code(9)
    );
    std::fs::write(dir.path().join("bad.csv"), file).expect("write");
    let out = run(dir.path(), &["enterprise", "import", "bad.csv"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("bad.csv:3:统一社会信用代码"), "{err}");
    assert!(
        err.contains("校验码") && err.contains("check character"),
        "{err}"
    );
    assert!(err.contains("bad.csv:4:监管类别"), "{err}");
    assert!(err.contains("未写入任何数据"), "{err}");
    assert_eq!(
        enterprise_count(dir.path()),
        6,
        "the good row was not written either"
    );

    // A diesel file naming an enterprise not in the register changes nothing.
    let before = actual(dir.path(), "diesel-home-checks");
    std::fs::write(
        dir.path().join("d.csv"),
        format!(
            "检测方式,检测日期,车牌号,企业信用代码,检测结果\n入户检测,2023-05-01,,{},合格\n入户检测,2023-05-02,,{},合格\n",
            code(1),
            code(99)
        ),
    )
    .expect("write");
    let out = run(dir.path(), &["diesel", "import", "d.csv"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("d.csv:3"), "{}", stderr(&out));
    assert!(stderr(&out).contains("不在企业名录中"), "{}", stderr(&out));
    assert_eq!(actual(dir.path(), "diesel-home-checks"), before);
}

#[test]
fn a_draw_verifies_from_its_published_files_and_alterations_are_refused() {
    let dir = setup();
    let d = dir.path();
    ok(run(
        d,
        &[
            "inspector",
            "recuse",
            "--inspector",
            "A01",
            "--enterprise",
            &code(1),
            "--reason",
            "亲属任职",
        ],
    ));
    let plan = ok(run(
        d,
        &[
            "draw",
            "plan",
            "--period",
            "2023年第三季度",
            "--pool",
            "key=50%",
            "--pool",
            "general=1",
        ],
    ));
    assert!(plan.contains("抽取 1"), "{plan}");
    let committed = ok(run(d, &["draw", "commit", "1", "--seed", SEED]));
    // Before the seed is disclosed, verification is refused and the seed is not shown.
    assert!(!committed.contains(&SEED[..16]));
    ok(run(d, &["draw", "run", "1"]));
    let early = run(d, &["draw", "verify", "1"]);
    assert!(!early.status.success() && stderr(&early).contains("尚未公开"));
    ok(run(d, &["draw", "reveal", "1"]));
    let v = ok(run(d, &["draw", "verify", "1"]));
    assert!(v.contains("验证通过"), "{v}");

    let shown = json(run(d, &["draw", "show", "1", "--json", "--out", "pub"]));
    let picks = shown["assignments"]
        .as_array()
        .expect("assignments")
        .clone();
    assert_eq!(picks.len(), 3, "⌈4 × 50 %⌉ = 2 key + 1 general");
    for a in &picks {
        let ids: Vec<&str> = a["inspectors"]
            .as_array()
            .expect("ids")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(ids.len(), 2);
        if a["enterprise"] == code(1) {
            assert!(
                !ids.contains(&"A01"),
                "回避: A01 never goes to enterprise 1"
            );
        }
    }
    let commitment = shown["commitment"]
        .as_str()
        .expect("commitment")
        .to_string();
    let verify = |inputs: &str, result: &str, seed: &str| {
        ecogov(
            d,
            &[
                "draw",
                "verify",
                "--inputs",
                inputs,
                "--result",
                result,
                "--seed",
                seed,
                "--commitment",
                &commitment,
            ],
        )
    };
    let good = verify("pub/inputs.txt", "pub/result.txt", SEED);
    assert!(good.status.success(), "{}", stderr(&good));

    // An altered result: one inspector replaced.
    let result = std::fs::read_to_string(d.join("pub/result.txt")).expect("result");
    let line = result
        .lines()
        .find(|l| l.starts_with("assignment"))
        .expect("line");
    let other = ["A01", "A02", "A03", "A04"]
        .into_iter()
        .find(|i| !line.contains(i))
        .expect("free");
    let swapped = line.replacen(&line[line.len() - 3..], other, 1);
    std::fs::write(
        d.join("pub/altered-result.txt"),
        result.replacen(line, &swapped, 1),
    )
    .expect("write");
    let bad = verify("pub/inputs.txt", "pub/altered-result.txt", SEED);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("抽取结果已被改动"),
        "{}",
        stderr(&bad)
    );

    // Altered inputs: the recusal dropped, an inspector renamed.
    let inputs = std::fs::read_to_string(d.join("pub/inputs.txt")).expect("inputs");
    let no_relation: String = inputs
        .lines()
        .filter(|l| !l.starts_with("related"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("pub/altered-inputs.txt"), no_relation).expect("write");
    let bad = verify("pub/altered-inputs.txt", "pub/result.txt", SEED);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("抽取输入已被改动"),
        "{}",
        stderr(&bad)
    );
    std::fs::write(
        d.join("pub/renamed.txt"),
        inputs.replacen("6:张一", "6:张壹", 1),
    )
    .expect("write");
    let bad = verify("pub/renamed.txt", "pub/result.txt", SEED);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("抽取输入已被改动"),
        "{}",
        stderr(&bad)
    );

    // Another seed than the one committed to.
    let other_seed = SEED.replacen("00", "ff", 1);
    let bad = verify("pub/inputs.txt", "pub/result.txt", &other_seed);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("承诺值不符"), "{}", stderr(&bad));

    // The inspection of a drawn enterprise is recorded and published; an undrawn one refused.
    let drawn = picks[0]["enterprise"].as_str().expect("code").to_string();
    let team: Vec<String> = picks[0]["inspectors"]
        .as_array()
        .expect("ids")
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    ok(run(
        d,
        &[
            "inspection",
            "record",
            "--draw",
            "1",
            "--enterprise",
            &drawn,
            "--date",
            "2023-08-10",
            "--inspector",
            &team[0],
            "--inspector",
            &team[1],
            "--findings",
            "废气处理设施正常运行",
        ],
    ));
    let published = json(run(d, &["inspection", "list", "--drawn", "--json"]));
    assert_eq!(published.as_array().map(Vec::len), Some(1));
    let undrawn = (1..=6)
        .map(code)
        .find(|c| picks.iter().all(|p| p["enterprise"] != *c))
        .expect("undrawn");
    let out = run(
        d,
        &[
            "inspection",
            "record",
            "--draw",
            "1",
            "--enterprise",
            &undrawn,
            "--date",
            "2023-08-10",
            "--inspector",
            "A02",
            "--inspector",
            "A03",
            "--findings",
            "x",
        ],
    );
    assert!(
        !out.status.success() && stderr(&out).contains("未在抽取 1 中被抽中"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn diesel_and_outfall_deliverables_move_with_the_ledgers() {
    let dir = setup();
    let d = dir.path();
    let road = actual(d, "diesel-road-checks");
    let home = actual(d, "diesel-home-checks");
    std::fs::write(
        d.join("checks.csv"),
        format!(
            "检测方式,检测日期,车牌号,企业信用代码,检测结果,备注\n路检路查,2023-03-01,鄂N12345,,合格,\n路检路查,2023-03-01,鄂ND12345,,不合格,冒黑烟\nroad,2023-07-15,鄂N1234挂,,合格,\n入户检测,2023-04-02,,{},合格,\n路检路查,2024-01-02,鄂N54321,,合格,次年\n",
            code(2)
        ),
    )
    .expect("write");
    ok(run(d, &["diesel", "import", "checks.csv"]));
    assert_eq!(
        actual(d, "diesel-road-checks"),
        road + 3,
        "2024's check is not the plan year's"
    );
    assert_eq!(actual(d, "diesel-home-checks"), home + 1);
    ok(run(
        d,
        &[
            "diesel",
            "add",
            "--kind",
            "road",
            "--date",
            "2023-08-01",
            "--plate",
            "鄂N00001",
        ],
    ));
    assert_eq!(actual(d, "diesel-road-checks"), road + 4);

    let closed = actual(d, "yangtze-outfalls");
    ok(run(
        d,
        &[
            "outfall",
            "add",
            "--code",
            "QJ-PWK-001",
            "--name",
            "园林排口",
            "--water",
            "东荆河",
            "--measure",
            "截污纳管",
        ],
    ));
    ok(run(
        d,
        &[
            "outfall",
            "advance",
            "--code",
            "QJ-PWK-001",
            "--to",
            "整治中",
            "--date",
            "2023-03-01",
        ],
    ));
    let open = run(
        d,
        &[
            "outfall",
            "advance",
            "--code",
            "QJ-PWK-001",
            "--to",
            "已整治",
            "--date",
            "2023-04-01",
        ],
    );
    assert!(
        !open.status.success() && stderr(&open).contains("未完成"),
        "{}",
        stderr(&open)
    );
    ok(run(
        d,
        &[
            "outfall",
            "done",
            "--code",
            "QJ-PWK-001",
            "--measure",
            "1",
            "--date",
            "2023-04-01",
        ],
    ));
    for (to, date) in [("已整治", "2023-04-02"), ("验收", "2023-05-01")] {
        ok(run(
            d,
            &[
                "outfall",
                "advance",
                "--code",
                "QJ-PWK-001",
                "--to",
                to,
                "--date",
                date,
            ],
        ));
        assert_eq!(actual(d, "yangtze-outfalls"), closed, "not closed yet");
    }
    ok(run(
        d,
        &[
            "outfall",
            "advance",
            "--code",
            "QJ-PWK-001",
            "--to",
            "销号",
            "--date",
            "2023-06-01",
        ],
    ));
    assert_eq!(actual(d, "yangtze-outfalls"), closed + 1);
    // Before the closing date the outfall does not count.
    let v = json(run(d, &["progress", "--as-of", "2023-05-31", "--json"]));
    let row = v["deliverables"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == "yangtze-outfalls")
        .expect("row")
        .clone();
    assert_eq!(row["actual"], closed);

    ok(run(
        d,
        &["diesel", "export", "--year", "2023", "--xlsx", "d.xlsx"],
    ));
    ok(run(d, &["outfall", "export", "--xlsx", "o.xlsx"]));
    // The exported checks import again (the same format): the count doubles.
    ok(run(d, &["diesel", "import", "d.xlsx"]));
    assert_eq!(actual(d, "diesel-road-checks"), road + 8);
}

fn case<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == id)
        .expect("case")
}

#[test]
fn petition_deadlines_on_fixed_days_across_month_end_and_year_end() {
    let dir = setup();
    let d = dir.path();
    ok(run(
        d,
        &[
            "petition",
            "register",
            "--id",
            "XF-1",
            "--channel",
            "12369",
            "--date",
            "2023-01-31",
            "--summary",
            "夜间异味",
            "--enterprise",
            &code(3),
        ],
    ));
    let on = |today: &str| json(run(d, &["petition", "list", "--today", today, "--json"]));
    // Registered 1 月 31 日: acceptance due 2 月 15 日.
    let v = on("2023-02-11");
    assert_eq!(case(&v, "XF-1")["due"], "2023-02-15");
    assert_eq!(case(&v, "XF-1")["deadline_status"], "normal");
    assert_eq!(
        case(&on("2023-02-12"), "XF-1")["deadline_status"],
        "due_soon"
    );
    assert_eq!(case(&on("2023-02-15"), "XF-1")["days_left"], 0);
    assert_eq!(
        case(&on("2023-02-16"), "XF-1")["deadline_status"],
        "overdue"
    );

    // Accepted 2023-12-20: conclusion due 60 days later, 2024-02-18, across the new year.
    ok(run(
        d,
        &[
            "petition",
            "register",
            "--id",
            "XF-2",
            "--channel",
            "来信",
            "--date",
            "2023-12-18",
            "--summary",
            "噪声",
            "--address",
            "潜江市园林办事处1号",
        ],
    ));
    ok(run(
        d,
        &[
            "petition",
            "advance",
            "--id",
            "XF-2",
            "--to",
            "受理",
            "--date",
            "2023-12-20",
        ],
    ));
    let v = on("2024-01-01");
    assert_eq!(case(&v, "XF-2")["due"], "2024-02-18");
    assert_eq!(case(&v, "XF-2")["deadline_kind"], "conclusion");
    assert_eq!(
        case(&on("2024-02-18"), "XF-2")["deadline_status"],
        "due_soon"
    );
    assert_eq!(
        case(&on("2024-02-19"), "XF-2")["deadline_status"],
        "overdue"
    );
    let due = ok(run(
        d,
        &["petition", "list", "--today", "2024-02-19", "--due"],
    ));
    assert!(due.contains("XF-2") && due.contains("逾期 1 天"), "{due}");

    // Illegal moves are refused; concluding clears the deadline.
    let out = run(
        d,
        &[
            "petition",
            "advance",
            "--id",
            "XF-2",
            "--to",
            "办结",
            "--date",
            "2024-01-05",
        ],
    );
    assert!(
        !out.status.success() && stderr(&out).contains("不能从“受理”转为“办结”"),
        "{}",
        stderr(&out)
    );
    for (to, date) in [
        ("办理", "2024-01-02"),
        ("答复", "2024-01-10"),
        ("回访", "2024-01-15"),
        ("办结", "2024-01-16"),
    ] {
        ok(run(
            d,
            &[
                "petition", "advance", "--id", "XF-2", "--to", to, "--date", date,
            ],
        ));
    }
    assert!(case(&on("2024-03-01"), "XF-2")["deadline_status"].is_null());

    // A repeat about the same enterprise within 90 days is flagged; an unknown enterprise refused.
    let out = ok(run(
        d,
        &[
            "petition",
            "register",
            "--id",
            "XF-3",
            "--channel",
            "12345",
            "--date",
            "2023-04-20",
            "--summary",
            "又有异味",
            "--enterprise",
            &code(3),
        ],
    ));
    assert!(
        out.contains("重复信访提示") && out.contains("XF-1"),
        "{out}"
    );
    assert_eq!(
        case(&on("2023-04-20"), "XF-3")["repeats"],
        serde_json::json!(["XF-1"])
    );
    let out = run(
        d,
        &[
            "petition",
            "register",
            "--id",
            "XF-4",
            "--channel",
            "12345",
            "--date",
            "2023-04-20",
            "--summary",
            "x",
            "--enterprise",
            &code(77),
        ],
    );
    assert!(!out.status.success() && stderr(&out).contains("不在企业名录中"));
    assert!(
        on("2023-04-20")
            .as_array()
            .expect("cases")
            .iter()
            .all(|c| c["id"] != "XF-4")
    );
}
