//! The audit trail's hash chain: any edited, removed or cut-off row is found by verification.

use ecogov_store::{AuditEntry, AuditVerifyError, Store};
use sea_orm::{ConnectionTrait, Database};

async fn store_with_events(dir: &std::path::Path, n: usize) -> (Store, String) {
    let path = dir.join("audit.db");
    let url = format!("sqlite://{}?mode=rw", path.display());
    let store = Store::open(&path.to_string_lossy(), true)
        .await
        .expect("store");
    for i in 0..n {
        store
            .audit(&AuditEntry {
                actor: "张三",
                source: "10.0.0.8",
                action: "test.event",
                subject: &format!("thing:{i}"),
                before: "旧值",
                after: &format!("新值 {i}"),
            })
            .await
            .expect("append");
    }
    (store, url)
}

async fn tamper(url: &str, sql: &str) {
    let db = Database::connect(url).await.expect("connect");
    db.execute_unprepared(sql).await.expect("tamper");
}

#[tokio::test]
async fn an_intact_chain_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _) = store_with_events(dir.path(), 5).await;
    assert_eq!(store.verify_audit().await.expect("intact"), 5);
    let latest = store.audit_events(1).await.expect("events");
    assert_eq!(latest[0].source, "10.0.0.8");
    assert_eq!(latest[0].before, "旧值");
}

#[tokio::test]
async fn an_edited_row_is_found() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, url) = store_with_events(dir.path(), 5).await;
    tamper(
        &url,
        "UPDATE audit_event SET detail = '改过的' WHERE seq = 3",
    )
    .await;
    match store.verify_audit().await {
        Err(AuditVerifyError::Chain(e)) => assert!(e.to_string().contains('3'), "{e}"),
        other => panic!("tampering not found: {other:?}"),
    }
}

#[tokio::test]
async fn a_removed_row_and_a_cut_off_tail_are_found() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, url) = store_with_events(dir.path(), 5).await;
    tamper(&url, "DELETE FROM audit_event WHERE seq = 5").await;
    assert!(matches!(
        store.verify_audit().await,
        Err(AuditVerifyError::Truncated {
            head_seq: 5,
            last_seq: 4
        })
    ));
    tamper(&url, "DELETE FROM audit_event WHERE seq = 2").await;
    assert!(matches!(
        store.verify_audit().await,
        Err(AuditVerifyError::Chain(_))
    ));
}
