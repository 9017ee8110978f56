//! `GET /xapi/about` (Communication §2.7: the versions this LRS speaks, no authentication, what
//! clients such as `@xapi/xapi` ask first) and `GET /xapi/statements`: the xAPI 1.0.3 read
//! endpoint (Communication §2.1.3). External systems
//! authenticate with HTTP Basic credentials created by an administrator for one unit, and read
//! the statements of that unit's agents (sub-units included): filters `agent`, `verb`,
//! `activity`, `since`, `until`, `limit`, `ascending`, `statementId`, paging with `more`.

use app::{
    reporting::api::percent_decode,
    state::AppState,
    xapi::{
        query::{encode_cursor, parse, QueryError},
        store,
    },
};
use axum::{
    extract::{RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use base64::Engine as _;
use serde_json::json;

/// The version this LRS speaks, sent on every response.
const VERSION: &str = "1.0.3";

fn with_version(mut response: Response) -> Response {
    response.headers_mut().insert("X-Experience-API-Version", HeaderValue::from_static(VERSION));
    response
}

fn error(status: StatusCode, message: &str) -> Response {
    let mut response = with_version((status, Json(json!({ "error": message }))).into_response());
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"xAPI\""));
    }
    response
}

/// The about resource: the xAPI versions supported, and no extensions.
pub async fn about() -> Response {
    with_version(Json(json!({ "version": [VERSION], "extensions": {} })).into_response())
}

/// The (key, secret) of an `Authorization: Basic …` header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (key, secret) = text.split_once(':')?;
    Some((key.to_owned(), secret.to_owned()))
}

/// Decodes `a=b&c=d` with percent-escapes and `+` as space.
fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (percent_decode(name), percent_decode(value)),
            None => (percent_decode(pair), String::new()),
        })
        .collect()
}

pub async fn statements(State(state): State<AppState>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    let Some((key, secret)) = basic_credentials(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "HTTP Basic credentials required");
    };
    let scope = match store::authenticate(&state.db, &key, &secret).await {
        Ok(Some(scope)) => scope,
        Ok(None) => return error(StatusCode::UNAUTHORIZED, "unknown or revoked credentials"),
        Err(failure) => {
            tracing::error!(error = %failure, "xAPI authentication failed");
            return error(StatusCode::SERVICE_UNAVAILABLE, "service unavailable");
        }
    };
    match headers.get("X-Experience-API-Version").and_then(|v| v.to_str().ok()) {
        Some(version) if version.starts_with("1.0") => {}
        Some(_) => return error(StatusCode::BAD_REQUEST, "unsupported X-Experience-API-Version (1.0.x expected)"),
        None => return error(StatusCode::BAD_REQUEST, "missing X-Experience-API-Version header"),
    }
    let pairs = query_pairs(raw.as_deref().unwrap_or_default());
    let query = match parse(&pairs) {
        Ok(query) => query,
        Err(failure @ QueryError::Unsupported(_)) => return error(StatusCode::NOT_IMPLEMENTED, &failure.to_string()),
        Err(failure) => return error(StatusCode::BAD_REQUEST, &failure.to_string()),
    };
    let (page, next) = match store::statements(&state.db, scope, &state.public_url, &query).await {
        Ok(result) => result,
        Err(failure) => {
            tracing::error!(error = %failure, "xAPI query failed");
            return error(StatusCode::SERVICE_UNAVAILABLE, "service unavailable");
        }
    };
    if query.statement_id.is_some() {
        // A single statement is returned as itself.
        return match page.into_iter().next() {
            Some(statement) => with_version(Json(statement).into_response()),
            None => error(StatusCode::NOT_FOUND, "no such statement"),
        };
    }
    let more = next
        .map(|cursor| {
            let kept: Vec<String> = raw
                .as_deref()
                .unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty() && !pair.starts_with("more="))
                .map(str::to_owned)
                .collect();
            let mut query = kept.join("&");
            if !query.is_empty() {
                query.push('&');
            }
            format!("/xapi/statements?{query}more={}", encode_cursor(&cursor))
        })
        .unwrap_or_default();
    with_version(Json(json!({ "statements": page, "more": more })).into_response())
}
