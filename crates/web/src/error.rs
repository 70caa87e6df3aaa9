//! Errors shown to people as Chinese pages with the right HTTP status.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ecogov_store::StoreError;

/// Why a page cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing named in the URL does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed (e.g. a bad date in the query).
    #[error("{0}")]
    BadRequest(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A workbook could not be produced.
    #[error("{0}")]
    Export(String),
    /// The request needs a signed-in account.
    #[error("请先登录 (sign in first)")]
    Unauthorized,
    /// The policy refuses the request.
    #[error("{0}")]
    Forbidden(String),
    /// The request does not apply in the current state (e.g. accepting a task not submitted).
    #[error("{0}")]
    Conflict(String),
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    title: &'static str,
    message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            Self::NotFound(m) => (StatusCode::NOT_FOUND, "未找到", m.clone()),
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, "请求有误", m.clone()),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "请先登录", self.to_string()),
            Self::Forbidden(m) => (StatusCode::FORBIDDEN, "无权操作", m.clone()),
            Self::Conflict(m) => (StatusCode::CONFLICT, "当前状态不允许", m.clone()),
            Self::Store(StoreError::NoPlan(_)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "尚无计划",
                self.to_string(),
            ),
            Self::Export(e) => {
                tracing::error!(error = %e, "export failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "系统错误",
                    "无法生成 Excel 文件，请联系管理员 (cannot produce the workbook)".to_string(),
                )
            }
            Self::Store(e) => {
                tracing::error!(error = %e, "store failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "系统错误",
                    "系统内部错误，请联系管理员 (internal error)".to_string(),
                )
            }
        };
        (
            status,
            ErrorPage {
                status: status.as_u16(),
                title,
                message,
            },
        )
            .into_response()
    }
}
