//! `ecogov user` and `ecogov audit` (issue 7): passwords from standard input checked by the
//! policy, the first administrator by command, and `audit verify` finding a tampered row.

mod common;

use common::{ecogov, ok, stderr, stdout};
use sea_orm::{ConnectionTrait, Database};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecogov"))
        .args(args)
        .current_dir(dir)
        .env_remove("ECOGOV_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn accounts_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(ecogov(d, &["init", "--db", "e.db"]));
    let add = |name: &str, unit: &str, role: &str, pw: &str| {
        with_stdin(
            d,
            &[
                "user", "add", name, "--unit", unit, "--role", role, "--db", "e.db",
            ],
            &format!("{pw}\n"),
        )
    };
    let weak = add("admin", "办公室", "admin", "admin123");
    assert!(!weak.status.success());
    assert!(
        stderr(&weak).contains("口令不符合要求"),
        "{}",
        stderr(&weak)
    );
    let bad_role = add("admin", "办公室", "root", "Qj#2023water");
    assert!(
        stderr(&bad_role).contains("leadership"),
        "{}",
        stderr(&bad_role)
    );
    let bad_unit = add("admin", "财政局", "admin", "Qj#2023water");
    assert!(stderr(&bad_unit).contains("不是计划中的单位"));
    let first = add("admin", "局办公室", "admin", "Qj#2023water");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("admin（办公室 · 系统管理员）"),
        "alias resolved"
    );
    let again = add("admin", "办公室", "admin", "Qj#2023water");
    assert!(stderr(&again).contains("已存在"));
    let list = ok(ecogov(d, &["user", "list", "--db", "e.db"]));
    assert!(list.contains("须修改口令"), "{list}");
    ok(ecogov(d, &["user", "disable", "admin", "--db", "e.db"]));
    assert!(ok(ecogov(d, &["user", "list", "--db", "e.db"])).contains("已停用"));
    let reset = with_stdin(
        d,
        &["user", "reset", "admin", "--db", "e.db"],
        "Hj!river2024\n",
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
}

#[tokio::test]
async fn audit_verify_finds_a_tampered_row() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(ecogov(d, &["init", "--db", "e.db"]));
    ok(ecogov(
        d,
        &[
            "target",
            "set",
            "--id",
            "air-pm25-annual-mean",
            "--value",
            "35",
            "--by",
            "张三",
            "--db",
            "e.db",
        ],
    ));
    let intact = ok(ecogov(d, &["audit", "verify", "--db", "e.db"]));
    assert!(intact.contains("审计记录完整"), "{intact}");
    let url = format!("sqlite://{}?mode=rw", d.join("e.db").display());
    let db = Database::connect(&url).await.expect("connect");
    db.execute_unprepared(
        "UPDATE audit_event SET detail = '设定目标值 30' WHERE action = 'target.set'",
    )
    .await
    .expect("tamper");
    let broken = ecogov(d, &["audit", "verify", "--db", "e.db"]);
    assert!(!broken.status.success());
    assert!(stdout(&broken).contains("校验失败"), "{}", stdout(&broken));
}
