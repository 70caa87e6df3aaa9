//! Schema migrations, one list for every backend.
//!
//! Each migration is explicit DDL built with sea-query, so the same statements are rendered for
//! SQLite and PostgreSQL. Applied versions are recorded in `schema_migration`; running the list
//! again applies nothing (idempotent `init`). A migration once released is never edited: changes
//! go in a new one.

use crate::StoreError;
use sea_orm::sea_query::{
    ColumnDef, Expr, ExprTrait, ForeignKey, Index, IndexCreateStatement, Query, Table,
    TableAlterStatement, TableCreateStatement,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

mod v6;
mod v7;
mod v8;

struct Migration {
    version: i64,
    name: &'static str,
    statements: fn() -> Vec<Ddl>,
}

pub(crate) enum Ddl {
    Table(Box<TableCreateStatement>),
    Index(Box<IndexCreateStatement>),
    Alter(Box<TableAlterStatement>),
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "plan, progress reports, audit trail",
        statements: v1,
    },
    Migration {
        version: 2,
        name: "air stations, hourly air data (packed by station-day), revisions, import batches",
        statements: v2,
    },
    Migration {
        version: 3,
        name: "water sections, samples, revisions",
        statements: v3,
    },
    Migration {
        version: 4,
        name: "target thresholds as set",
        statements: v4,
    },
    Migration {
        version: 5,
        name: "figures entered for target indicators, records counted by them",
        statements: v5,
    },
    Migration {
        version: 6,
        name: v6::NAME,
        statements: v6::statements,
    },
    Migration {
        version: 7,
        name: v7::NAME,
        statements: v7::statements,
    },
    Migration {
        version: 8,
        name: v8::NAME,
        statements: v8::statements,
    },
];

pub(crate) fn id(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .take()
}

pub(crate) fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().take()
}

pub(crate) fn table(t: TableCreateStatement) -> Ddl {
    Ddl::Table(Box::new(t))
}

pub(crate) fn alter(a: TableAlterStatement) -> Ddl {
    Ddl::Alter(Box::new(a))
}

pub(crate) fn index(i: IndexCreateStatement) -> Ddl {
    Ddl::Index(Box::new(i))
}

fn v1() -> Vec<Ddl> {
    vec![
        table(
            Table::create()
                .table("plan")
                .col(id("id"))
                .col(ColumnDef::new("year").integer().not_null().unique_key())
                .col(text("title"))
                .col(text("source"))
                .col(ColumnDef::new("installed_at").big_integer().not_null())
                .take(),
        ),
        table(
            Table::create()
                .table("progress_report")
                .col(id("id"))
                .col(ColumnDef::new("plan_id").big_integer().not_null())
                .col(text("task"))
                .col(text("deliverable"))
                .col(text("value"))
                .col(text("date"))
                .col(text("unit"))
                .col(text("role"))
                .col(ColumnDef::new("note").text().null())
                .col(ColumnDef::new("demo").boolean().not_null())
                .col(ColumnDef::new("recorded_at").big_integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_progress_report_plan")
                        .from("progress_report", "plan_id")
                        .to("plan", "id"),
                )
                .take(),
        ),
        table(
            Table::create()
                .table("audit_event")
                .col(id("id"))
                .col(ColumnDef::new("at").big_integer().not_null())
                .col(text("actor"))
                .col(text("action"))
                .col(text("subject"))
                .col(text("detail"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_progress_report_plan_deliverable")
                .table("progress_report")
                .col("plan_id")
                .col("deliverable")
                .take(),
        ),
    ]
}

pub(crate) fn opt_text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().null().take()
}

pub(crate) fn big(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().take()
}

/// The six pollutant columns of an hourly row, in `Pollutant::ALL` order.
const POLLUTANT_COLUMNS: [&str; 6] = ["so2", "no2", "co", "o3", "pm10", "pm25"];

fn v2() -> Vec<Ddl> {
    // Hourly air data packed one row per station and natural day (see `entity::air_day`).
    let hour = Table::create()
        .table("air_day")
        .col(big("station_id"))
        .col(big("day"))
        .col(text("hours"))
        .primary_key(Index::create().col("station_id").col("day"))
        .foreign_key(
            ForeignKey::create()
                .name("fk_air_day_station")
                .from("air_day", "station_id")
                .to("air_station", "id"),
        )
        .take();
    let mut revision = Table::create()
        .table("air_hour_revision")
        .col(id("id"))
        .col(big("station_id"))
        .col(big("hour_end"))
        .take();
    for c in POLLUTANT_COLUMNS {
        revision.col(opt_text(c));
    }
    revision
        .col(text("stage"))
        .col(big("import_id"))
        .col(big("replaced_by"))
        .col(big("replaced_at"));
    vec![
        table(
            Table::create()
                .table("air_station")
                .col(id("id"))
                .col(ColumnDef::new("code").text().not_null().unique_key())
                .col(text("name"))
                .col(text("city"))
                .col(opt_text("longitude"))
                .col(opt_text("latitude"))
                .col(ColumnDef::new("control_point").boolean().not_null())
                .col(text("level"))
                .take(),
        ),
        table(
            Table::create()
                .table("import_batch")
                .col(id("id"))
                .col(text("kind"))
                .col(text("file"))
                .col(big("rows"))
                .col(big("inserted"))
                .col(big("unchanged"))
                .col(big("replaced"))
                .col(big("at"))
                .col(text("actor"))
                .take(),
        ),
        table(hour),
        table(revision),
        index(
            Index::create()
                .name("idx_air_hour_revision_key")
                .table("air_hour_revision")
                .col("station_id")
                .col("hour_end")
                .take(),
        ),
    ]
}

fn v3() -> Vec<Ddl> {
    vec![
        table(
            Table::create()
                .table("water_section")
                .col(id("id"))
                .col(ColumnDef::new("name").text().not_null().unique_key())
                .col(text("water"))
                .col(text("basin"))
                .col(text("body"))
                .col(text("level"))
                .col(opt_text("target"))
                .col(opt_text("district"))
                .col(opt_text("upstream"))
                .col(opt_text("downstream"))
                .take(),
        ),
        table(
            Table::create()
                .table("water_sample")
                .col(big("section_id"))
                .col(big("time"))
                .col(text("parameter"))
                .col(text("source"))
                .col(text("value"))
                .col(text("stage"))
                .col(big("import_id"))
                .primary_key(
                    Index::create()
                        .col("section_id")
                        .col("time")
                        .col("parameter")
                        .col("source"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_water_sample_section")
                        .from("water_sample", "section_id")
                        .to("water_section", "id"),
                )
                .take(),
        ),
        table(
            Table::create()
                .table("water_sample_revision")
                .col(id("id"))
                .col(big("section_id"))
                .col(big("time"))
                .col(text("parameter"))
                .col(text("source"))
                .col(text("value"))
                .col(text("stage"))
                .col(big("import_id"))
                .col(big("replaced_by"))
                .col(big("replaced_at"))
                .take(),
        ),
    ]
}

fn v4() -> Vec<Ddl> {
    vec![table(
        Table::create()
            .table("target_setting")
            .col(id("id"))
            .col(big("plan_id"))
            .col(text("target"))
            .col(text("value"))
            .col(text("set_by"))
            .col(big("set_at"))
            .col(opt_text("note"))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_target_setting_plan")
                    .from("target_setting", "plan_id")
                    .to("plan", "id"),
            )
            .take(),
    )]
}

fn v5() -> Vec<Ddl> {
    let owned = |name: &'static str, t: &'static str| {
        ForeignKey::create()
            .name(name)
            .from(t, "plan_id")
            .to("plan", "id")
            .take()
    };
    vec![
        table(
            Table::create()
                .table("target_figure")
                .col(id("id"))
                .col(big("plan_id"))
                .col(text("target"))
                .col(text("as_of"))
                .col(text("components"))
                .col(text("source"))
                .col(text("entered_by"))
                .col(big("entered_at"))
                .foreign_key(&mut owned("fk_target_figure_plan", "target_figure"))
                .take(),
        ),
        table(
            Table::create()
                .table("target_record")
                .col(id("id"))
                .col(big("plan_id"))
                .col(text("target"))
                .col(text("date"))
                .col(text("outcome"))
                .col(text("description"))
                .col(text("entered_by"))
                .col(big("entered_at"))
                .foreign_key(&mut owned("fk_target_record_plan", "target_record"))
                .take(),
        ),
    ]
}

/// Applies every migration not yet applied; returns how many were applied.
pub(crate) async fn run(db: &DatabaseConnection) -> Result<usize, StoreError> {
    let tracker = Table::create()
        .table("schema_migration")
        .if_not_exists()
        .col(
            ColumnDef::new("version")
                .big_integer()
                .not_null()
                .primary_key(),
        )
        .col(text("name"))
        .col(ColumnDef::new("applied_at").big_integer().not_null())
        .take();
    db.execute(&tracker).await?;
    let mut applied = 0;
    for m in MIGRATIONS {
        let txn = db.begin().await?;
        let done = txn
            .query_one(
                &Query::select()
                    .column("version")
                    .from("schema_migration")
                    .and_where(Expr::col("version").eq(m.version))
                    .take(),
            )
            .await?;
        if done.is_some() {
            continue;
        }
        for stmt in (m.statements)() {
            match stmt {
                Ddl::Table(t) => txn.execute(t.as_ref()).await?,
                Ddl::Index(i) => txn.execute(i.as_ref()).await?,
                Ddl::Alter(a) => txn.execute(a.as_ref()).await?,
            };
        }
        txn.execute(
            &Query::insert()
                .into_table("schema_migration")
                .columns(["version", "name", "applied_at"])
                .values_panic([
                    m.version.into(),
                    m.name.into(),
                    jiff::Timestamp::now().as_second().into(),
                ])
                .take(),
        )
        .await?;
        txn.commit().await?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied += 1;
    }
    Ok(applied)
}
