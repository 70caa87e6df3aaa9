//! Migration 7: enterprises, inspectors, draws, inspections, diesel checks, outfalls, petitions (issue 8).

use super::{Ddl, big, id, index, opt_text, table, text};
use sea_orm::sea_query::{ColumnDef, ForeignKey, Index, Table};

pub(super) const NAME: &str =
    "enterprises, inspectors, draws, inspections, diesel checks, outfalls, petitions (issue 8)";

fn opt_big(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().take()
}

fn flag(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).boolean().not_null().take()
}

fn unique_text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().unique_key().take()
}

pub(super) fn statements() -> Vec<Ddl> {
    vec![
        table(
            Table::create()
                .table("enterprise")
                .col(id("id"))
                .col(unique_text("credit_code"))
                .col(text("name"))
                .col(text("address"))
                .col(text("industry"))
                .col(text("class"))
                .col(opt_text("permit"))
                .col(big("updated_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("inspector")
                .col(id("id"))
                .col(unique_text("code"))
                .col(text("name"))
                .col(text("unit"))
                .col(flag("active"))
                .take(),
        ),
        table(
            Table::create()
                .table("inspector_relation")
                .col(id("id"))
                .col(text("inspector"))
                .col(text("enterprise"))
                .col(text("reason"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_inspector_relation_pair")
                .table("inspector_relation")
                .col("inspector")
                .col("enterprise")
                .unique()
                .take(),
        ),
        table(
            Table::create()
                .table("draw")
                .col(id("id"))
                .col(text("period"))
                .col(text("state"))
                .col(text("inputs"))
                .col(text("inputs_digest"))
                .col(opt_text("commitment"))
                .col(opt_text("seed"))
                .col(opt_text("result"))
                .col(big("planned_at"))
                .col(opt_big("committed_at"))
                .col(opt_big("drawn_at"))
                .col(opt_big("revealed_at"))
                .take(),
        ),
        table(
            Table::create()
                .table("inspection")
                .col(id("id"))
                .col(opt_big("draw_id"))
                .col(text("enterprise"))
                .col(text("date"))
                .col(text("inspectors"))
                .col(text("findings"))
                .col(flag("violation"))
                .col(text("measures"))
                .col(text("recorded_by"))
                .col(big("recorded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_inspection_draw")
                        .from("inspection", "draw_id")
                        .to("draw", "id"),
                )
                .take(),
        ),
        table(
            Table::create()
                .table("diesel_check")
                .col(id("id"))
                .col(text("kind"))
                .col(text("date"))
                .col(opt_text("plate"))
                .col(opt_text("enterprise"))
                .col(text("result"))
                .col(opt_text("note"))
                .col(text("recorded_by"))
                .col(big("recorded_at"))
                .take(),
        ),
        index(
            Index::create()
                .name("idx_diesel_check_kind_date")
                .table("diesel_check")
                .col("kind")
                .col("date")
                .take(),
        ),
        table(
            Table::create()
                .table("outfall")
                .col(id("id"))
                .col(unique_text("code"))
                .col(text("name"))
                .col(text("receiving_water"))
                .col(text("state"))
                .col(opt_text("closed_on"))
                .take(),
        ),
        table(
            Table::create()
                .table("outfall_measure")
                .col(id("id"))
                .col(big("outfall_id"))
                .col(big("position"))
                .col(text("text"))
                .col(opt_text("done_on"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outfall_measure_outfall")
                        .from("outfall_measure", "outfall_id")
                        .to("outfall", "id"),
                )
                .take(),
        ),
        table(
            Table::create()
                .table("outfall_change")
                .col(id("id"))
                .col(big("outfall_id"))
                .col(text("from_state"))
                .col(text("to_state"))
                .col(text("on_date"))
                .col(opt_text("reason"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outfall_change_outfall")
                        .from("outfall_change", "outfall_id")
                        .to("outfall", "id"),
                )
                .take(),
        ),
        table(
            Table::create()
                .table("petition")
                .col(id("id"))
                .col(unique_text("code"))
                .col(text("channel"))
                .col(text("channel_name"))
                .col(opt_text("enterprise"))
                .col(text("address"))
                .col(text("summary"))
                .col(text("state"))
                .take(),
        ),
        table(
            Table::create()
                .table("petition_step")
                .col(id("id"))
                .col(big("petition_id"))
                .col(text("state"))
                .col(text("on_date"))
                .col(opt_text("note"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_petition_step_petition")
                        .from("petition_step", "petition_id")
                        .to("petition", "id"),
                )
                .take(),
        ),
    ]
}
