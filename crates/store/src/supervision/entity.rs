//! sea-orm entities of the 督办 and 整改 tables (created by migration 6).

pub(crate) mod notice {
    use sea_orm::entity::prelude::*;

    /// 督办通知: dates are ISO TEXT; `task` is the plan task's id when the notice is about one.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notice")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub addressee: String,
        pub task: Option<String>,
        pub subject: String,
        pub content: String,
        pub issued_by: String,
        pub issued_on: String,
        pub deadline: String,
        pub state: String,
        pub reply: Option<String>,
        pub replied_by: Option<String>,
        pub replied_on: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod rectification {
    use sea_orm::entity::prelude::*;

    /// 整改事项: `evidence` holds the evidence names one a line; `disclosed` is 0 or 1;
    /// `created_at` is Unix seconds.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rectification")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub source: String,
        pub finding: String,
        pub responsible: String,
        pub measures: String,
        pub deadline: String,
        pub evidence: String,
        pub state: String,
        pub return_reason: Option<String>,
        pub disclosed: i64,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
