//! sea-orm entities of the accounts module.

pub(crate) mod account {
    use sea_orm::entity::prelude::*;

    /// An account: its unit and role, its argon2id hash (PHC string), status and lockout state.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub unit: String,
        pub role: String,
        pub password_hash: String,
        pub status: String,
        pub failures: i64,
        pub locked_until: Option<i64>,
        pub password_changed_at: i64,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod session {
    use sea_orm::entity::prelude::*;

    /// A session: keyed by the SHA-256 of its token (the token itself is only in the cookie).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "session")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub account_id: i64,
        pub created_at: i64,
        pub last_seen: i64,
        pub source: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod workflow_event {
    use sea_orm::entity::prelude::*;

    /// One step of a workflow (kind `task`, `notice` or `rectification`) on one object.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "workflow_event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub kind: String,
        pub object: String,
        pub actor: String,
        pub unit: String,
        pub role: String,
        pub at: String,
        pub action: String,
        pub from_state: String,
        pub to_state: String,
        pub reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
