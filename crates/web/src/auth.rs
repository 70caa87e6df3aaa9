//! 身份 — who is making a request. Issue 7 fills this from the session; until then every
//! request is made by an anonymous placeholder actor.

use crate::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The account making a request, for state-changing handlers: take it as an extractor and
/// record `actor.name()` as the actor of the audit event.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    name: String,
}

impl Actor {
    /// The account name, as recorded in the audit trail.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Actor {
            name: "web".to_string(),
        })
    }
}
