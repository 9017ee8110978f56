//! The simulated assistant behind the OpenAI chat-completions protocol (`/v1/models`,
//! `/v1/models/{id}`, `/v1/chat/completions`, streamed or not), the protocol of the Albert API,
//! vLLM and Ollama, so that agents and IT teams can point an ordinary client (the official
//! `openai` packages among them) at Campus IA to practise. Message contents may be strings or
//! arrays of text parts; `system` messages are the learner's voice for the simulation (role,
//! format, task); `stream_options.include_usage` adds OpenAI's final usage chunk; the debrief of
//! the failures the simulation staged follows the answer in its content.
//!
//! Bearer tokens come from `CAMPUS_ASSISTANT_TOKENS`; with none configured every call gets 401.
//! Requests are bounded in size and in rate (per token, per instance, with `governor`).

use app::{crypto::same_secret, db::now, sandbox::{assistant, debrief}, state::AppState};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use secrecy::ExposeSecret;
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
    let matches = state.assistant_tokens.iter().fold(false, |found, t| found | same_secret(t.expose_secret(), token));
    if token.is_empty() || !matches {
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

/// The one model this endpoint serves, as OpenAI describes a model.
fn model_object() -> Value {
    json!({ "id": assistant::MODEL_ID, "object": "model", "created": 1_767_225_600, "owned_by": "campus-ia" })
}

fn unknown_model(model: &str) -> Response {
    error(StatusCode::NOT_FOUND, "invalid_request_error", "model_not_found", &format!("Modèle inconnu « {model} » : utilisez « {} ».", assistant::MODEL_ID))
}

pub async fn models(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorised(&state, &headers) {
        return response;
    }
    Json(json!({ "object": "list", "data": [model_object()] })).into_response()
}

/// `GET /v1/models/{id}`: the model, or 404 in OpenAI's error shape.
pub async fn model(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(response) = authorised(&state, &headers) {
        return response;
    }
    if id != assistant::MODEL_ID {
        return unknown_model(&id);
    }
    Json(model_object()).into_response()
}

fn words(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

/// A message's text: `content` as a string, or as an array of parts of which only `text` parts
/// are read (`[{"type": "text", "text": "…"}]`). `Err` says what is wrong.
fn content_text(content: Option<&Value>) -> Result<String, String> {
    match content {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(Value::Array(parts)) => {
            let mut texts = Vec::new();
            for part in parts {
                match (part.get("type").and_then(Value::as_str), part.get("text").and_then(Value::as_str)) {
                    (Some("text"), Some(text)) => texts.push(text),
                    (Some("text"), None) => return Err("Une partie « text » du contenu n'a pas de champ « text » textuel.".to_owned()),
                    (Some(other), _) => return Err(format!("Partie de contenu « {other} » non prise en charge : l'assistant simulé ne lit que du texte.")),
                    (None, _) => return Err("Chaque partie du contenu a un « type ».".to_owned()),
                }
            }
            Ok(texts.join("\n"))
        }
        // An assistant message that called tools may come without content.
        Some(Value::Null) | None => Ok(String::new()),
        Some(_) => Err("Le « content » d'un message est un texte ou une liste de parties [{\"type\": \"text\", \"text\": …}].".to_owned()),
    }
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
        return unknown_model(model);
    }
    let Some(messages) = request.get("messages").and_then(Value::as_array).filter(|m| !m.is_empty()) else {
        return invalid("Le champ « messages » doit être une liste non vide.");
    };
    let mut prompt_words = 0;
    let mut system = Vec::new();
    let mut last_user = None;
    for message in messages {
        let Some(role) = message.get("role").and_then(Value::as_str) else {
            return invalid("Chaque message a un « role ».");
        };
        if !matches!(role, "system" | "user" | "assistant" | "developer" | "tool") {
            return invalid(&format!("Rôle de message inconnu « {role} »."));
        }
        let content = match content_text(message.get("content")) {
            Ok(content) => content,
            Err(problem) => return invalid(&problem),
        };
        prompt_words += words(&content);
        match role {
            "system" | "developer" => system.push(content),
            "user" => last_user = Some(content),
            _ => {}
        }
    }
    let Some(prompt) = last_user else {
        return invalid("La conversation n'a aucun message « user » auquel répondre.");
    };
    let stream_usage = request.pointer("/stream_options/include_usage").and_then(Value::as_bool).unwrap_or(false);
    let system = system.join("\n\n");
    let answer = assistant::answer(&assistant::Exchange { system: &system, prompt: &prompt, scenario: None });
    // Clients show the content only: the debrief follows the answer in it.
    let reply = match debrief::as_text(&answer.debrief) {
        debrief if debrief.is_empty() => answer.text,
        debrief => format!("{}\n\n{debrief}", answer.text),
    };
    let id = format!("chatcmpl-{:x}", now() as u64 ^ (prompt_words << 20) ^ reply.len() as u64);
    let created = now();
    let completion_words = words(&reply);
    let usage = json!({ "prompt_tokens": prompt_words, "completion_tokens": completion_words, "total_tokens": prompt_words + completion_words });
    if request.get("stream").and_then(Value::as_bool).unwrap_or(false) {
        let mut events = String::new();
        let chunk = |delta: Value, finish: Value| {
            let mut chunk = json!({ "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
                                    "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }] });
            if stream_usage {
                chunk["usage"] = Value::Null;
            }
            chunk
        };
        events.push_str(&format!("data: {}\n\n", chunk(json!({ "role": "assistant", "content": "" }), Value::Null)));
        for piece in reply.split_inclusive(' ') {
            events.push_str(&format!("data: {}\n\n", chunk(json!({ "content": piece }), Value::Null)));
        }
        events.push_str(&format!("data: {}\n\n", chunk(json!({}), json!("stop"))));
        if stream_usage {
            // OpenAI's last chunk with `stream_options.include_usage`: no choices, the usage.
            let last = json!({ "id": id, "object": "chat.completion.chunk", "created": created, "model": model, "choices": [], "usage": usage });
            events.push_str(&format!("data: {last}\n\n"));
        }
        events.push_str("data: [DONE]\n\n");
        return ([(header::CONTENT_TYPE, "text/event-stream"), (header::CACHE_CONTROL, "no-cache")], events).into_response();
    }
    Json(json!({
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": reply }, "finish_reason": "stop" }],
        "usage": usage
    }))
    .into_response()
}
