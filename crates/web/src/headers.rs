//! 安全响应头 — headers every response carries: no framing, no type sniffing, no scripts (the
//! pages have none), same-origin referrers, and no caching of pages that may hold internal data.

use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::set_header::SetResponseHeaderLayer;

type Layer = SetResponseHeaderLayer<HeaderValue>;

fn set(name: HeaderName, value: &'static str) -> Layer {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// The headers as one layer.
#[allow(clippy::type_complexity)]
pub(crate) fn layer()
-> ServiceBuilder<Stack<Layer, Stack<Layer, Stack<Layer, Stack<Layer, Stack<Layer, Identity>>>>>> {
    ServiceBuilder::new()
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
        .layer(set(header::CACHE_CONTROL, "no-store"))
}
