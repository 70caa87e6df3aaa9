use sea_orm::entity::prelude::*;

/// 外发记录 — one outbound notice (`kind` and `ref_id` as in the inbox) to the hook `target`
/// (`url:http://…` or `command:/path`), with the notice's title, body and the
/// units it was sent to (joined by `,`): `status` is `pending`, `delivered` or `failed`, with the
/// attempts made and the last error. A failed delivery is kept and retried, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hook_delivery")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub ref_id: i64,
    pub target: String,
    pub title: String,
    pub body: String,
    pub units: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
