//! Warnings, water alerts and eco-compensation end to end through the binary (issue 9):
//! a warning step recorded with its reason; an alert that reaches the inbox and a local webhook
//! receiver within one import and is not repeated on re-import; a quarter settled as by hand.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;

const SECTIONS: &str = "断面名称,河流湖库,流域,水体类型,控制级别,水质目标,责任区镇街道,上游,下游\n\
    通顺河出境,通顺河,长江,河流,省控,Ⅲ,张金镇,潜江市,仙桃市\n";

const AUTO_HEADER: &str = "省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n";

fn write(d: &Path, name: &str, text: &str) {
    std::fs::write(d.join(name), text).expect("write");
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("json: {e}\n{out}"))
}

#[test]
fn warning_steps_are_recorded_with_their_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(ecogov(d, &["init", "--db", "t.db"]));
    let scheme = ok(ecogov(d, &["warning", "scheme", "--db", "t.db"]));
    assert!(
        scheme.contains("2018年三级方案") && scheme.contains("尚未由本局选定"),
        "{scheme}"
    );
    ok(ecogov(
        d,
        &[
            "warning", "scheme", "--choose", "mep_2017", "--by", "局长", "--db", "t.db",
        ],
    ));

    // A bad forecast file is refused row by row and nothing is stored.
    write(
        d,
        "bad.csv",
        "日期,AQI下限,AQI上限,首要污染物\n2023-12-01,200,230,PM2.5\n2023-12-02,260,250,PM2.5\n",
    );
    let bad = ecogov(d, &["warning", "import", "bad.csv", "--db", "t.db"]);
    assert!(!bad.status.success());
    assert!(
        stdout(&bad).contains("bad.csv:3:AQI上限:"),
        "{}",
        stdout(&bad)
    );
    let nothing = json(&ok(ecogov(
        d,
        &[
            "warning",
            "assess",
            "--date",
            "2023-12-01",
            "--json",
            "--db",
            "t.db",
        ],
    )));
    assert_eq!(nothing["level"], Value::Null, "nothing was stored");

    // 230, 320, 240 under the 2017 scheme: 3 days > 200 and one > 300 → orange.
    write(
        d,
        "f.csv",
        "日期,AQI下限,AQI上限,首要污染物\n2023-12-01,200,230,PM2.5\n2023-12-02,260,320,PM2.5\n2023-12-03,210,240,PM2.5、PM10\n",
    );
    ok(ecogov(d, &["warning", "import", "f.csv", "--db", "t.db"]));
    let a = json(&ok(ecogov(
        d,
        &[
            "warning",
            "assess",
            "--date",
            "2023-12-01",
            "--apply",
            "--by",
            "值班员",
            "--json",
            "--db",
            "t.db",
        ],
    )));
    assert_eq!(a["level"], "orange");
    assert_eq!(a["recorded"]["kind"], "issue");
    let reason = a["reason"].as_str().expect("reason");
    assert!(reason.contains("满足橙色预警（Ⅱ级）条件"), "{reason}");

    // A later forecast lifts it; a decided upgrade needs a reason.
    let no_reason = ecogov(
        d,
        &[
            "warning",
            "set",
            "--date",
            "2023-12-02",
            "--level",
            "red",
            "--reason",
            " ",
            "--db",
            "t.db",
        ],
    );
    assert!(!no_reason.status.success());
    assert!(
        stderr(&no_reason).contains("理由"),
        "{}",
        stderr(&no_reason)
    );
    ok(ecogov(
        d,
        &[
            "warning",
            "set",
            "--date",
            "2023-12-02",
            "--level",
            "red",
            "--reason",
            "会商研判：静稳天气持续",
            "--by",
            "局长",
            "--db",
            "t.db",
        ],
    ));
    ok(ecogov(
        d,
        &[
            "warning",
            "forecast",
            "--date",
            "2023-12-04",
            "--aqi",
            "120-150",
            "--db",
            "t.db",
        ],
    ));
    let lift = ok(ecogov(
        d,
        &[
            "warning",
            "assess",
            "--date",
            "2023-12-04",
            "--apply",
            "--db",
            "t.db",
        ],
    ));
    assert!(lift.contains("解除红色预警"), "{lift}");

    let log = json(&ok(ecogov(
        d,
        &["warning", "log", "--json", "--db", "t.db"],
    )));
    let log = log.as_array().expect("log");
    let kinds: Vec<&str> = log.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["issue", "upgrade", "lift"]);
    assert_eq!(log[0]["reason"], reason);
    assert_eq!(log[0]["actor"], "值班员");
    assert_eq!(log[0]["scheme"], "mep_2017");
    assert_eq!(log[1]["reason"], "会商研判：静稳天气持续");
    assert_eq!(log[1]["from"], "orange");
    assert_eq!(log[2]["date"], "2023-12-04");
    let status = ok(ecogov(d, &["warning", "status", "--db", "t.db"]));
    assert!(status.contains("当前无预警"), "{status}");
}

/// A local receiver that accepts one HTTP POST and answers 200; returns the request text.
async fn receive_one(listener: tokio::net::TcpListener) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut s, _) = listener.accept().await.expect("accept");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = s.read(&mut buf).await.expect("read");
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= len {
                break;
            }
        }
    }
    s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        .await
        .expect("answer");
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_reaches_the_inbox_and_the_webhook_within_one_import_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_path_buf();
    write(&d, "sections.csv", SECTIONS);
    // 氨氮 1.62 mg/L is Ⅴ类 (GB 3838-2002 表1), worse than the Ⅲ target; every other item is
    // within Ⅲ, and there is no reading before it (no sudden change).
    write(
        &d,
        "auto.csv",
        &format!(
            "{AUTO_HEADER}湖北省,长江流域,通顺河出境,2023-05-01 04:00,Ⅴ,21.3,7.9,8.6,320,12,2.1,1.62,0.05,1.2,0.004,1200000,正常\n"
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let receiver = tokio::spawn(receive_one(listener));
    let run = |args: Vec<String>| {
        let d = d.clone();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            ok(ecogov(&d, &args))
        })
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    run(s(&["import", "sections", "sections.csv", "--db", "t.db"]))
        .await
        .expect("sections");
    let url = format!("http://127.0.0.1:{port}/sms");
    run(s(&[
        "hook",
        "set",
        "--url",
        &url,
        "--by",
        "管理员",
        "--db",
        "t.db",
    ]))
    .await
    .expect("hook");

    let out = run(s(&["import", "water", "auto.csv", "--db", "t.db"]))
        .await
        .expect("import");
    assert!(
        out.contains("水质预警") && out.contains("超过水质目标"),
        "{out}"
    );
    assert!(out.contains("送达 1，失败 0"), "{out}");
    let request = tokio::time::timeout(std::time::Duration::from_secs(20), receiver)
        .await
        .expect("the receiver got a request in time")
        .expect("receiver");
    assert!(request.starts_with("POST /sms HTTP/1.1\r\n"), "{request}");
    let body = request.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    let notice = json(body);
    assert_eq!(notice["kind"], "water_alert");
    assert!(
        notice["body"]
            .as_str()
            .expect("body")
            .contains("通顺河出境")
    );
    assert_eq!(notice["units"], serde_json::json!(["水科", "监测站"]));

    for unit in ["水科", "监测站"] {
        let inbox = json(
            &run(s(&["inbox", "--unit", unit, "--json", "--db", "t.db"]))
                .await
                .expect("inbox"),
        );
        let items = inbox.as_array().expect("items");
        assert_eq!(items.len(), 1, "{unit}: {inbox}");
        assert!(
            items[0]["title"]
                .as_str()
                .expect("title")
                .contains("超过水质目标")
        );
    }

    // The same file again: nothing new raised, no new notice, no new delivery.
    let again = run(s(&["import", "water", "auto.csv", "--db", "t.db"]))
        .await
        .expect("again");
    assert!(
        again.contains("未变") && !again.contains("水质预警"),
        "{again}"
    );
    let alerts = json(
        &run(s(&["alert", "list", "--json", "--db", "t.db"]))
            .await
            .expect("list"),
    );
    assert_eq!(alerts.as_array().map(Vec::len), Some(1));
    let inbox = json(
        &run(s(&["inbox", "--json", "--db", "t.db"]))
            .await
            .expect("inbox"),
    );
    assert_eq!(inbox.as_array().map(Vec::len), Some(2));
    let log = run(s(&["hook", "log", "--db", "t.db"])).await.expect("log");
    assert_eq!(log.matches("已送达").count(), 1, "{log}");

    // Acknowledged by 水科: gone from its open inbox, shown on the alert.
    let id = alerts[0]["id"].as_i64().expect("id").to_string();
    run(s(&[
        "alert", "ack", &id, "--unit", "水科", "--by", "张三", "--db", "t.db",
    ]))
    .await
    .expect("ack");
    let open = json(
        &run(s(&["inbox", "--unit", "水科", "--json", "--db", "t.db"]))
            .await
            .expect("open"),
    );
    assert_eq!(open.as_array().map(Vec::len), Some(0));
    let alerts = json(
        &run(s(&["alert", "list", "--json", "--db", "t.db"]))
            .await
            .expect("list"),
    );
    assert_eq!(alerts[0]["acknowledged"][0]["acknowledged"], true);
}

#[test]
fn a_failed_delivery_is_kept_and_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "sections.csv", SECTIONS);
    write(
        d,
        "auto.csv",
        &format!(
            "{AUTO_HEADER}湖北省,长江流域,通顺河出境,2023-05-01 04:00,Ⅴ,21.3,7.9,8.6,320,12,2.1,1.62,0.05,1.2,0.004,1200000,正常\n"
        ),
    );
    ok(ecogov(
        d,
        &["import", "sections", "sections.csv", "--db", "t.db"],
    ));
    // Port 1 on localhost: nothing listens, the connection is refused.
    ok(ecogov(
        d,
        &[
            "hook",
            "set",
            "--url",
            "http://127.0.0.1:1/x",
            "--db",
            "t.db",
        ],
    ));
    let out = ecogov(d, &["import", "water", "auto.csv", "--db", "t.db"]);
    assert!(
        out.status.success(),
        "a delivery failure does not fail the import"
    );
    assert!(stdout(&out).contains("失败 1"), "{}", stdout(&out));
    let log = ok(ecogov(d, &["hook", "log", "--db", "t.db"]));
    assert!(
        log.contains("发送失败") && log.contains("无法连接"),
        "{log}"
    );
    let retry = ecogov(d, &["hook", "retry", "--db", "t.db"]);
    assert!(!retry.status.success());
    let log = ok(ecogov(d, &["hook", "log", "--db", "t.db"]));
    assert!(
        log.lines()
            .any(|l| l.contains("发送失败") && l.contains(" 2 ")),
        "{log}"
    );
    let inbox = json(&ok(ecogov(d, &["inbox", "--json", "--db", "t.db"])));
    assert_eq!(
        inbox.as_array().map(Vec::len),
        Some(2),
        "the alert is in the inboxes anyway"
    );
}

/// The quarter by hand (周口 bands against Ⅲ: COD 20, 氨氮 1.0, 总磷 0.2 mg/L; river):
///
/// | month | COD | 氨氮 | 总磷 |
/// |---|---|---|---|
/// | 2023-04 | 24 | 1.5 | 0.2 |
/// | 2023-05 | (30 + 18) / 2 = 24 | 1.8 | 0.1 |
/// | 2023-06 | 27 | 2.1 | 0.01L → 0.005 |
/// | Q2 mean | 25 | 1.8 | 0.101666… |
///
/// COD 25 / 20 − 1 = 0.25 → band (0.1, 0.5], 10 × 1.25 = 12.5; 氨氮 1.8 / 1.0 − 1 = 0.8 → band
/// (0.5, 1.0], 25 × 1.8 = 45; 总磷 within Ⅲ. Total 57.5 万元, paid by the upstream 潜江市 to the
/// downstream 仙桃市. Class: 氨氮 1.8 is Ⅴ.
#[test]
fn a_quarter_settles_as_computed_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "sections.csv", SECTIONS);
    write(
        d,
        "q2.csv",
        "section,date,item,value\n\
         通顺河出境,2023-04-10,COD,24\n通顺河出境,2023-04-10,氨氮,1.5\n通顺河出境,2023-04-10,总磷,0.2\n\
         通顺河出境,2023-05-10,COD,30\n通顺河出境,2023-05-25,COD,18\n通顺河出境,2023-05-10,氨氮,1.8\n通顺河出境,2023-05-10,总磷,0.1\n\
         通顺河出境,2023-06-10,COD,27\n通顺河出境,2023-06-10,氨氮,2.1\n通顺河出境,2023-06-10,总磷,0.01L\n\
         通顺河出境,2023-07-10,COD,100\n",
    );
    write(
        d,
        "agreement.toml",
        r#"id = "tongshun-q"
name = "通顺河横向生态补偿（测试）"
upstream = "潜江市"
downstream = "仙桃市"
sections = ["通顺河出境"]
target = "Ⅲ"
assessment = "季度"

[rule]
kind = "exceedance_bands"
aggregation = "sum"
"#,
    );
    ok(ecogov(
        d,
        &["import", "sections", "sections.csv", "--db", "t.db"],
    ));
    ok(ecogov(d, &["import", "water", "q2.csv", "--db", "t.db"]));
    write(
        d,
        "bad.toml",
        "id = \"x\"\nname = \"x\"\nupstream = \"甲\"\ndownstream = \"乙\"\nsections = [\"通顺河出境\"]\ntarget = \"Ⅲ\"\nassessment = \"旬\"\n[rule]\nkind = \"per_class_step\"\nper_step = 1.5\n",
    );
    let bad = ecogov(d, &["agreement", "import", "bad.toml", "--db", "t.db"]);
    assert!(!bad.status.success());
    let shown = stdout(&bad);
    assert!(
        shown.contains("bad.toml:7:assessment:") && shown.contains("bad.toml:10:rule.per_step:"),
        "{shown}"
    );
    ok(ecogov(
        d,
        &["agreement", "import", "agreement.toml", "--db", "t.db"],
    ));
    let list = ok(ecogov(d, &["agreement", "list", "--db", "t.db"]));
    assert!(
        list.contains("tongshun-q") && !list.contains(" x "),
        "{list}"
    );

    let s = json(&ok(ecogov(
        d,
        &[
            "compensation",
            "--agreement",
            "tongshun-q",
            "--period",
            "2023-Q2",
            "--json",
            "--db",
            "t.db",
        ],
    )));
    assert_eq!(s["amount"], "57.5");
    assert_eq!(s["net"], "-57.5");
    assert_eq!(s["payer"], "潜江市");
    assert_eq!(s["payee"], "仙桃市");
    assert_eq!(s["complete"], true);
    let line = &s["lines"][0];
    assert_eq!(line["class"], "Ⅴ");
    assert_eq!(line["months"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        line["months"][1]["values"][0],
        serde_json::json!(["化学需氧量", "24"])
    );
    let reason = line["reason"].as_str().expect("reason");
    assert!(reason.contains("基数10万元×(1+0.25)=12.5万元"), "{reason}");
    assert!(reason.contains("基数25万元×(1+0.80)=45万元"), "{reason}");

    let text = ok(ecogov(
        d,
        &[
            "compensation",
            "--agreement",
            "tongshun-q",
            "--period",
            "2023-Q2",
            "--db",
            "t.db",
        ],
    ));
    assert!(
        text.contains("结论：潜江市 向 仙桃市 支付 57.5 万元"),
        "{text}"
    );
    let bad_period = ecogov(
        d,
        &[
            "compensation",
            "--agreement",
            "tongshun-q",
            "--period",
            "2023-05",
            "--db",
            "t.db",
        ],
    );
    assert!(
        !bad_period.status.success() && stderr(&bad_period).contains("短于"),
        "{}",
        stderr(&bad_period)
    );
    let unknown = ecogov(
        d,
        &[
            "compensation",
            "--agreement",
            "nope",
            "--period",
            "2023-Q2",
            "--db",
            "t.db",
        ],
    );
    assert!(!unknown.status.success() && stderr(&unknown).contains("nope"));
}
