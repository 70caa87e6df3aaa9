//! Helpers shared by the store's tests.

use sea_orm::{ConnectionTrait, Database};

/// The PostgreSQL server of `ECOGOV_TEST_DATABASE_URL` with an empty `public` schema (the test
/// owns the database it is given), or `None`, said on stderr, when the variable is not set.
pub async fn fresh_postgres() -> Option<String> {
    let Ok(url) = std::env::var("ECOGOV_TEST_DATABASE_URL") else {
        eprintln!(
            "skipped: ECOGOV_TEST_DATABASE_URL is not set (CI sets it to a local PostgreSQL server)"
        );
        return None;
    };
    let admin = Database::connect(&url)
        .await
        .expect("connect to PostgreSQL");
    admin
        .execute_unprepared("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
        .await
        .expect("reset schema");
    admin.close().await.expect("close");
    Some(url)
}
