//! Running the built binary from the integration tests. Each test binary uses some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `ecogov` in `dir`, without any `ECOGOV_DB` from the environment.
pub fn ecogov(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecogov"))
        .args(args)
        .current_dir(dir)
        .env_remove("ECOGOV_DB")
        .output()
        .expect("run ecogov")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The standard output of a run that must succeed.
pub fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    stdout(&o)
}
