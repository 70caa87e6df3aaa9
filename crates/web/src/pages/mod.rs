//! One module per resource; handlers are named by intent.

pub(crate) mod alerts;
pub(crate) mod data;
pub(crate) mod login;
pub(crate) mod overview;
pub(crate) mod public_rectification;
pub(crate) mod regulation;
pub(crate) mod report;
pub(crate) mod supervision;
pub(crate) mod targets;
pub(crate) mod tasks;
pub(crate) mod units;
pub(crate) mod water;
pub(crate) mod workflow;

use crate::AppError;

pub(crate) async fn not_found() -> AppError {
    AppError::NotFound("页面不存在 (page not found)".into())
}
