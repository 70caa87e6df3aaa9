//! Migration 8: warnings, water alerts, the inbox, outbound hooks, eco-compensation agreements (issue 9).
//!
//! - `alert_setting` — 设置: key → value text (warning scheme, hook, alert rules, escalation);
//! - `warning_forecast` — 空气质量预报: one row per forecast day (the latest entry counts);
//! - `warning_event` — 预警记录: 发布/升级/降级/解除, append-only, each with its reason;
//! - `warning_measure` — 分级应急措施 as data (empty → the shipped example table);
//! - `water_alert` — 水质预警, unique by its dedup key (`AlertKey`);
//! - `inbox_item` — 站内通知: one row per unit and notice, with read/acknowledged/escalated state;
//! - `hook_delivery` — 外发记录: attempts and last error of each outbound notice;
//! - `compensation_agreement` — 生态补偿协议: the agreement file as imported (the data itself).

use super::{Ddl, big, id, index, opt_text, table, text};
use sea_orm::sea_query::{ColumnDef, Index, Table};

pub(super) const NAME: &str =
    "warnings, water alerts, the inbox, outbound hooks, eco-compensation agreements (issue 9)";

fn opt_big(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().take()
}

fn int(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().take()
}

fn unique_text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().unique_key().take()
}

pub(super) fn statements() -> Vec<Ddl> {
    vec![
        table(
            Table::create()
                .table("alert_setting")
                .col(id("id"))
                .col(unique_text("key"))
                .col(text("value"))
                .col(text("updated_by"))
                .col(big("updated_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("warning_forecast")
                .col(id("id"))
                .col(unique_text("date"))
                .col(int("aqi_low"))
                .col(int("aqi_high"))
                .col(text("primary_pollutants"))
                .col(text("source"))
                .col(text("entered_by"))
                .col(big("entered_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("warning_event")
                .col(id("id"))
                .col(text("kind"))
                .col(text("date"))
                .col(opt_text("from_level"))
                .col(opt_text("to_level"))
                .col(text("reason"))
                .col(text("scheme"))
                .col(text("actor"))
                .col(big("recorded_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("warning_measure")
                .col(id("id"))
                .col(text("level"))
                .col(text("kind"))
                .col(text("text"))
                .col(int("position"))
                .take(),
        ),
        table(
            Table::create()
                .table("water_alert")
                .col(id("id"))
                .col(unique_text("alert_key"))
                .col(text("rule"))
                .col(text("section"))
                .col(text("parameter"))
                .col(text("time"))
                .col(text("value"))
                .col(text("message"))
                .col(opt_big("import_id"))
                .col(big("raised_at"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_water_alert_time")
                .table("water_alert")
                .col("time")
                .take(),
        ),
        table(
            Table::create()
                .table("inbox_item")
                .col(id("id"))
                .col(text("unit"))
                .col(text("kind"))
                .col(big("ref_id"))
                .col(text("title"))
                .col(text("body"))
                .col(big("created_at"))
                .col(opt_big("read_at"))
                .col(opt_text("read_by"))
                .col(opt_big("acked_at"))
                .col(opt_text("acked_by"))
                .col(opt_big("escalated_at"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_inbox_item_notice")
                .table("inbox_item")
                .col("unit")
                .col("kind")
                .col("ref_id")
                .unique()
                .take(),
        ),
        table(
            Table::create()
                .table("hook_delivery")
                .col(id("id"))
                .col(text("kind"))
                .col(big("ref_id"))
                .col(text("target"))
                .col(text("title"))
                .col(text("body"))
                .col(text("units"))
                .col(text("status"))
                .col(int("attempts"))
                .col(opt_text("last_error"))
                .col(opt_big("last_attempt_at"))
                .col(opt_big("delivered_at"))
                .col(big("created_at"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_hook_delivery_status")
                .table("hook_delivery")
                .col("status")
                .take(),
        ),
        table(
            Table::create()
                .table("compensation_agreement")
                .col(id("id"))
                .col(unique_text("code"))
                .col(text("name"))
                .col(text("upstream"))
                .col(text("downstream"))
                .col(text("source_text"))
                .col(text("file"))
                .col(text("imported_by"))
                .col(big("imported_at"))
                .take(),
        ),
    ]
}
