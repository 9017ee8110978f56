//! `GET /xapi/about` (Communication §2.8: the versions this LRS speaks, what clients such as
//! `@xapi/xapi` ask first; no authentication, any version header) and `GET /xapi/statements`: the
//! xAPI 1.0.3 read endpoint (Communication §2.1.3). External systems authenticate with HTTP Basic
//! credentials created by an administrator for one unit, and read the statements of that unit's
//! agents (sub-units included): filters `agent`, `verb`, `activity`, `since`, `until`, `limit`,
//! `ascending`, `statementId`, paging with `more`.

use app::{
    state::AppState,
    xapi::{
        query::{encode_cursor, parse, QueryError},
        store,
    },
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
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

/// Versioning (Communication §3.3): a request says `1.0` or `1.0.x`; anything else is refused.
fn is_supported_version(version: &str) -> bool {
    version == "1.0" || version.strip_prefix("1.0.").is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

pub async fn statements(State(state): State<AppState>, headers: HeaderMap, pairs: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Response {
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
        Some(version) if is_supported_version(version) => {}
        Some(_) => return error(StatusCode::BAD_REQUEST, "unsupported X-Experience-API-Version (1.0.x expected)"),
        None => return error(StatusCode::BAD_REQUEST, "missing X-Experience-API-Version header"),
    }
    let Ok(Query(pairs)) = pairs else {
        return error(StatusCode::BAD_REQUEST, "malformed query string");
    };
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
    // The same query from where this page stops (a path without scheme and host, as the spec asks).
    let more = match next {
        Some(cursor) => {
            let mut kept: Vec<(&str, &str)> = pairs.iter().filter(|(name, _)| name != "more").map(|(name, value)| (name.as_str(), value.as_str())).collect();
            let token = encode_cursor(&cursor);
            kept.push(("more", token.as_str()));
            match serde_urlencoded::to_string(&kept) {
                Ok(query) => format!("/xapi/statements?{query}"),
                Err(failure) => {
                    tracing::error!(error = %failure, "xAPI paging link");
                    return error(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
                }
            }
        }
        None => String::new(),
    };
    with_version(Json(json!({ "statements": page, "more": more })).into_response())
}
