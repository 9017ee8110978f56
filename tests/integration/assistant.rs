//! The OpenAI-compatible endpoint of the simulated assistant, as a client of that protocol
//! sees it.

use integration_tests::{run_client_checks, spawn_app, Engine};
use reqwest::StatusCode;
use serde_json::{json, Value};

const TOKEN: &str = "jeton-de-test";

#[tokio::test]
async fn the_v1_endpoint_speaks_the_openai_protocol() {
    let app = spawn_app(Engine::Sqlite).await;
    let client = reqwest::Client::new();

    let anonymous = client.get(app.url("/v1/models")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let error: Value = anonymous.json().await.unwrap();
    assert_eq!(error["error"]["code"], "invalid_api_key");
    let wrong = client.get(app.url("/v1/models")).bearer_auth("autre").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    let models: Value = client.get(app.url("/v1/models")).bearer_auth(TOKEN).send().await.unwrap().json().await.unwrap();
    assert_eq!(models["object"], "list");
    assert_eq!(models["data"][0]["id"], "campus-ia-simule");

    let request = json!({
        "model": "campus-ia-simule",
        "messages": [
            { "role": "system", "content": "Tu es un assistant." },
            { "role": "user", "content": "Résume le courrier de Mme Durand, joignable au 06 12 34 56 78." }
        ],
        "temperature": 0.2,
        "champ_inconnu": true
    });
    let completion = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&request).send().await.unwrap();
    assert_eq!(completion.status(), StatusCode::OK);
    let completion: Value = completion.json().await.unwrap();
    assert_eq!(completion["object"], "chat.completion");
    assert_eq!(completion["choices"][0]["message"]["role"], "assistant");
    assert_eq!(completion["choices"][0]["finish_reason"], "stop");
    let content = completion["choices"][0]["message"]["content"].as_str().unwrap();
    assert!(content.contains("données personnelles"), "{content}");
    assert!(completion["usage"]["total_tokens"].as_u64().unwrap() > 0);

    let mut streamed = request.clone();
    streamed["stream"] = json!(true);
    let stream = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&streamed).send().await.unwrap();
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let body = stream.text().await.unwrap();
    assert!(body.trim_end().ends_with("data: [DONE]"));
    let text: String = body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter(|d| *d != "[DONE]")
        .map(|d| serde_json::from_str::<Value>(d).unwrap())
        .filter_map(|chunk| chunk["choices"][0]["delta"]["content"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(text, content, "the stream carries the same reply");

    let unknown = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&json!({ "model": "gpt-x", "messages": [{ "role": "user", "content": "Bonjour" }] })).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let invalid = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&json!({ "model": "campus-ia-simule", "messages": [] })).send().await.unwrap();
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let not_json = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).body("{").send().await.unwrap();
    assert_eq!(not_json.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let huge = json!({ "model": "campus-ia-simule", "messages": [{ "role": "user", "content": "x".repeat(100_000) }] });
    let too_large = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&huge).send().await.unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn each_token_is_limited_to_its_rate_with_a_retry_delay() {
    let app = spawn_app(Engine::Sqlite).await;
    let client = reqwest::Client::new();
    for n in 0..app::state::ASSISTANT_REQUESTS_PER_MINUTE {
        let response = client.get(app.url("/v1/models")).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "request {n} is within the burst");
    }
    let limited = client.get(app.url("/v1/models")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    let error: Value = limited.json().await.unwrap();
    assert_eq!(error["error"]["code"], "rate_limit_exceeded");
    // Another instance (another application state) has its own count.
    let other = spawn_app(Engine::Sqlite).await;
    assert_eq!(client.get(other.url("/v1/models")).bearer_auth(TOKEN).send().await.unwrap().status(), StatusCode::OK);
}

/// The official `openai` Python package (PyPI, installed by `make test` in `$CAMPUS_TEST_PYTHON`)
/// against a running server: list, retrieve, complete, stream with usage, 401, 404 and 422.
#[tokio::test]
async fn the_official_openai_python_client_speaks_to_v1() {
    let app = spawn_app(Engine::Sqlite).await;
    let python = std::env::var("CAMPUS_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    run_client_checks(&python, "clients/openai_client.py", vec![app.url("/v1"), TOKEN.to_owned()], "the openai package").await;
}

#[tokio::test]
async fn v1_reads_content_parts_system_messages_and_gives_the_usage_chunk() {
    let app = spawn_app(Engine::Sqlite).await;
    let client = reqwest::Client::new();
    let model: Value = client.get(app.url("/v1/models/campus-ia-simule")).bearer_auth(TOKEN).send().await.unwrap().json().await.unwrap();
    assert_eq!(model["id"], "campus-ia-simule");
    let missing = client.get(app.url("/v1/models/gpt-4o")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let error: Value = missing.json().await.unwrap();
    assert_eq!(error["error"]["code"], "model_not_found");
    assert_eq!(client.get(app.url("/v1/models/campus-ia-simule")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    let request = json!({
        "model": "campus-ia-simule",
        "messages": [
            { "role": "system", "content": [{ "type": "text", "text": "Tu es agent d'accueil. Réponds en 2 points." }] },
            { "role": "user", "content": [{ "type": "text", "text": "Résume : « La piscine ferme en août pour vidange. Les cours reprennent le 2 septembre. Le tarif ne change pas. La cafétéria reste ouverte. »" }] }
        ],
        "stream": true,
        "stream_options": { "include_usage": true }
    });
    let body = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&request).send().await.unwrap().text().await.unwrap();
    let chunks: Vec<Value> = body.lines().filter_map(|l| l.strip_prefix("data: ")).filter(|d| *d != "[DONE]").map(|d| serde_json::from_str(d).unwrap()).collect();
    let last = chunks.last().unwrap();
    assert_eq!(last["choices"], json!([]));
    assert!(last["usage"]["total_tokens"].as_u64().unwrap() > 0);
    let text: String = chunks.iter().filter_map(|c| c["choices"][0]["delta"]["content"].as_str()).collect();
    assert_eq!(text.lines().filter(|l| l.starts_with("- ")).count(), 2, "the system message sets the format: {text}");
    assert!(text.contains("piscine"), "{text}");

    let image = json!({ "model": "campus-ia-simule", "messages": [{ "role": "user", "content": [{ "type": "image_url", "image_url": { "url": "x" } }] }] });
    let refused = client.post(app.url("/v1/chat/completions")).bearer_auth(TOKEN).json(&image).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = refused.json().await.unwrap();
    assert!(error["error"]["message"].as_str().unwrap().contains("image_url"), "{error}");
}
