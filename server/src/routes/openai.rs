//! The simulated assistant behind the OpenAI chat-completions protocol (`/v1/models`,
//! `/v1/chat/completions`, streamed or not), the protocol of the Albert API, vLLM and Ollama,
//! so that agents and IT teams can point an ordinary client at Campus IA to practise.
//!
//! Bearer tokens come from `CAMPUS_ASSISTANT_TOKENS`; with none configured every call gets 401.
//! Requests are bounded in size and in rate (per token, per instance, with `governor`).

use app::{db::now, sandbox::assistant, state::AppState};
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

fn error(status: StatusCode, kind: &str, code: &str, message: &str) -> Response {
    (status, Json(json!({ "error": { "message": message, "type": kind, "code": code } }))).into_response()
}

/// The bearer token, if it is one of the configured ones.
fn authorised(state: &AppState, headers: &HeaderMap) -> Result<String, Response> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    // Compared in constant time, and against every configured token, so the answer's timing says
    // nothing about how much of a guess was right.
    let matches = state.assistant_tokens.iter().fold(subtle::Choice::from(0), |found, t| found | subtle::ConstantTimeEq::ct_eq(t.as_bytes(), token.as_bytes()));
    if token.is_empty() || !bool::from(matches) {
        return Err(error(StatusCode::UNAUTHORIZED, "invalid_request_error", "invalid_api_key", "Jeton d'accès absent ou invalide."));
    }
    let token = token.to_owned();
    if let Err(not_until) = state.assistant_rate.check_key(&token) {
        use governor::clock::Clock;
        let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now()).as_secs().max(1);
        let mut response = error(StatusCode::TOO_MANY_REQUESTS, "rate_limit_error", "rate_limit_exceeded", &format!("Trop de requêtes : réessayez dans {wait} s."));
        if let Ok(value) = header::HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Err(response);
    }
    Ok(token)
}

pub async fn models(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorised(&state, &headers) {
        return response;
    }
    Json(json!({
        "object": "list",
        "data": [{ "id": assistant::MODEL_ID, "object": "model", "created": 1_767_225_600, "owned_by": "campus-ia" }]
    }))
    .into_response()
}

fn words(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

pub async fn chat_completions(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(response) = authorised(&state, &headers) {
        return response;
    }
    let invalid = |message: &str| error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request_error", "invalid_body", message);
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return invalid("Le corps de la requête n'est pas un JSON valide.");
    };
    let Some(model) = request.get("model").and_then(Value::as_str) else {
        return invalid("Le champ « model » est obligatoire.");
    };
    if model != assistant::MODEL_ID {
        return error(StatusCode::NOT_FOUND, "invalid_request_error", "model_not_found", &format!("Modèle inconnu « {model} » : utilisez « {} ».", assistant::MODEL_ID));
    }
    let Some(messages) = request.get("messages").and_then(Value::as_array).filter(|m| !m.is_empty()) else {
        return invalid("Le champ « messages » doit être une liste non vide.");
    };
    let mut prompt_words = 0;
    let mut last_user = None;
    for message in messages {
        let (Some(role), Some(content)) = (message.get("role").and_then(Value::as_str), message.get("content").and_then(Value::as_str)) else {
            return invalid("Chaque message a un « role » et un « content » textuel.");
        };
        if !matches!(role, "system" | "user" | "assistant" | "developer") {
            return invalid(&format!("Rôle de message inconnu « {role} »."));
        }
        prompt_words += words(content);
        if role == "user" {
            last_user = Some(content);
        }
    }
    let reply = assistant::reply(last_user.unwrap_or_default(), None).text;
    let id = format!("chatcmpl-{:x}", now() as u64 ^ (prompt_words << 20) ^ reply.len() as u64);
    let created = now();
    if request.get("stream").and_then(Value::as_bool).unwrap_or(false) {
        let mut events = String::new();
        let chunk = |delta: Value, finish: Value| {
            json!({ "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }] })
        };
        events.push_str(&format!("data: {}\n\n", chunk(json!({ "role": "assistant", "content": "" }), Value::Null)));
        for piece in reply.split_inclusive(' ') {
            events.push_str(&format!("data: {}\n\n", chunk(json!({ "content": piece }), Value::Null)));
        }
        events.push_str(&format!("data: {}\n\n", chunk(json!({}), json!("stop"))));
        events.push_str("data: [DONE]\n\n");
        return ([(header::CONTENT_TYPE, "text/event-stream"), (header::CACHE_CONTROL, "no-cache")], events).into_response();
    }
    let completion_words = words(&reply);
    Json(json!({
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": reply }, "finish_reason": "stop" }],
        "usage": { "prompt_tokens": prompt_words, "completion_tokens": completion_words, "total_tokens": prompt_words + completion_words }
    }))
    .into_response()
}
