//! The xAPI read endpoint and the push to an external LRS, through HTTP: credentials created by
//! an administrator for one unit, the standard filters and paging, the version header, and no
//! statement lost while the LRS is down; and the official npm client `@xapi/xapi` against it.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use app::{
    accounts::{api::SignOut, Role},
    course::repository as courses,
    organizations::repository as units,
    quiz::api::MarkModuleRead,
    xapi::api::{CreateXapiCredential, RevokeXapiCredential},
};
use integration_tests::{on_both_engines, run_client_checks, spawn_app, spawn_app_with, write_one_module_course, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::Value;

on_both_engines!(statements_are_read_with_credentials_filters_and_paging, statements_reach_the_lrs_after_it_was_down);

const PASSWORD: &str = "une phrase de passe solide";

/// Two agents in two directions complete the course: two statements each (module, course).
async fn setup(app: &TestApp) -> (TempDir, i64, i64, i64) {
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "obligatoire", "Cours obligatoire");
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    let ministry = units::create(&app.db, None, "Ministère").await.unwrap().id;
    let direction_a = units::create(&app.db, Some(ministry), "Direction A").await.unwrap().id;
    let service_a1 = units::create(&app.db, Some(direction_a), "Service A1").await.unwrap().id;
    let direction_b = units::create(&app.db, Some(ministry), "Direction B").await.unwrap().id;
    let a1 = app.create_account("a1@ville.fr", PASSWORD, Some(service_a1), None).await;
    let b1 = app.create_account("b1@ville.fr", PASSWORD, Some(direction_b), None).await;
    app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    for email in ["a1@ville.fr", "b1@ville.fr"] {
        app.sign_in(email, PASSWORD).await;
        app.get("/cours/obligatoire/seul").await;
        app.post_form(MarkModuleRead::url(), &[("course", "obligatoire"), ("module", "seul")]).await;
        app.post_form(SignOut::url(), &[]).await;
    }
    (dir, direction_a, a1, b1)
}

async fn read(app: &TestApp, credentials: (&str, &str), query: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/xapi/statements{query}")))
        .basic_auth(credentials.0, Some(credentials.1))
        .header("X-Experience-API-Version", "1.0.3")
        .send()
        .await
        .expect("request reaches the server")
}

fn encode(value: &str) -> String {
    app::reporting::api::url_encode(value)
}

async fn statements_are_read_with_credentials_filters_and_paging(engine: Engine) {
    let app = spawn_app(engine).await;
    let (_dir, direction_a, a1, b1) = setup(&app).await;

    // The administrator creates an access for direction A; its secret is shown once.
    app.sign_in("admin@ville.fr", PASSWORD).await;
    let created = app.post_form(CreateXapiCredential::url(), &[("label", "Entrepôt RH"), ("organization_id", &direction_a.to_string())]).await;
    let flash: Vec<String> = created
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.strip_prefix("campus_flash=")?.split(';').next().map(str::to_owned))
        .collect();
    let page = app.page("/admin/xapi").await;
    let key = page.split("Identifiant : ").nth(1).and_then(|rest| rest.split('.').next()).expect("key shown").to_owned();
    let secret = page
        .split("ne sera plus jamais affiché")
        .nth(1)
        .and_then(|rest| rest.split("<code>").nth(1))
        .and_then(|rest| rest.split('<').next())
        .expect("secret shown")
        .to_owned();
    assert_eq!(secret.len(), 64, "{page}");
    let feedback = app::accounts::forms::FormFeedback::from_cookie_value(&flash[0]).expect("a feedback cookie");
    assert!(!format!("{feedback:?}").contains(&secret), "the secret never travels in a cookie");
    assert!(!app.page("/admin/xapi").await.contains(&secret), "the secret is shown only once");
    let credentials = (key.as_str(), secret.as_str());

    // The about resource needs no credentials and names the version.
    let about = app.client.get(app.url("/xapi/about")).send().await.unwrap();
    assert_eq!(about.status(), StatusCode::OK);
    assert_eq!(about.headers()["x-experience-api-version"], "1.0.3");
    let about: Value = about.json().await.unwrap();
    assert_eq!(about["version"], serde_json::json!(["1.0.3"]));

    // Authentication and the version header.
    let anonymous = app.client.get(app.url("/xapi/statements")).header("X-Experience-API-Version", "1.0.3").send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(read(&app, (&key, "mauvais"), "").await.status(), StatusCode::UNAUTHORIZED);
    let unversioned = app.client.get(app.url("/xapi/statements")).basic_auth(&key, Some(&secret)).send().await.unwrap();
    assert_eq!(unversioned.status(), StatusCode::BAD_REQUEST);
    for (version, status) in [("1.0", StatusCode::OK), ("1.0.0", StatusCode::OK), ("1.0.9", StatusCode::OK), ("1.1.0", StatusCode::BAD_REQUEST), ("1.0x", StatusCode::BAD_REQUEST), ("1.0.", StatusCode::BAD_REQUEST), ("0.95", StatusCode::BAD_REQUEST)] {
        let response = app.client.get(app.url("/xapi/statements")).basic_auth(&key, Some(&secret)).header("X-Experience-API-Version", version).send().await.unwrap();
        assert_eq!(response.status(), status, "version {version}");
    }

    // Direction A's statements only: a1's two, not b1's.
    let all = read(&app, credentials, "").await;
    assert_eq!(all.status(), StatusCode::OK);
    assert_eq!(all.headers()["x-experience-api-version"], "1.0.3");
    let body: Value = all.json().await.unwrap();
    let statements = body["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "{body}");
    assert!(statements.iter().all(|s| s["actor"]["account"]["name"] == a1.to_string()));
    assert!(statements.iter().all(|s| s["stored"].is_string()));
    assert_eq!(body["more"], "");

    // Filters.
    let agent = |id: i64| encode(&format!("{{\"objectType\":\"Agent\",\"account\":{{\"homePage\":\"http://campus.test\",\"name\":\"{id}\"}}}}"));
    let count = |body: Value| body["statements"].as_array().map(Vec::len).unwrap_or(usize::MAX);
    assert_eq!(count(read(&app, credentials, &format!("?agent={}", agent(a1))).await.json().await.unwrap()), 2);
    assert_eq!(count(read(&app, credentials, &format!("?agent={}", agent(b1))).await.json().await.unwrap()), 0, "b1 is outside the scope");
    let course_activity = encode("http://campus.test/cours/obligatoire");
    let course_only: Value = read(&app, credentials, &format!("?activity={course_activity}")).await.json().await.unwrap();
    assert_eq!(count(course_only.clone()), 1);
    assert_eq!(course_only["statements"][0]["object"]["id"], "http://campus.test/cours/obligatoire");
    let verb = encode("http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(count(read(&app, credentials, &format!("?verb={verb}")).await.json().await.unwrap()), 2);
    let passed = encode("http://adlnet.gov/expapi/verbs/passed");
    assert_eq!(count(read(&app, credentials, &format!("?verb={passed}")).await.json().await.unwrap()), 0);
    assert_eq!(count(read(&app, credentials, "?since=2100-01-01T00:00:00Z").await.json().await.unwrap()), 0);
    assert_eq!(count(read(&app, credentials, "?until=2000-01-01T00:00:00%2B01:00").await.json().await.unwrap()), 0);
    assert_eq!(read(&app, credentials, "?since=hier").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(read(&app, credentials, "?couleur=bleu").await.status(), StatusCode::BAD_REQUEST);

    // Paging with `more`: one statement a page, every statement once.
    let first: Value = read(&app, credentials, "?limit=1").await.json().await.unwrap();
    assert_eq!(count(first.clone()), 1);
    let more = first["more"].as_str().unwrap().to_owned();
    assert!(more.starts_with("/xapi/statements?limit=1&more="), "{more}");
    let second: Value = read(&app, credentials, more.trim_start_matches("/xapi/statements")).await.json().await.unwrap();
    assert_eq!(count(second.clone()), 1);
    assert_ne!(first["statements"][0]["id"], second["statements"][0]["id"]);
    assert_eq!(second["more"], "");

    // One statement by id; revoked credentials stop working.
    let id = first["statements"][0]["id"].as_str().unwrap().to_owned();
    let single: Value = read(&app, credentials, &format!("?statementId={id}")).await.json().await.unwrap();
    assert_eq!(single["id"], id.as_str());
    let credential_id: i64 = sqlx::query_scalar("SELECT id FROM xapi_credentials").fetch_one(app.db.pool()).await.unwrap();
    app.post_form(RevokeXapiCredential::url(), &[("id", &credential_id.to_string())]).await;
    assert_eq!(read(&app, credentials, "").await.status(), StatusCode::UNAUTHORIZED);
}

/// The official npm client `@xapi/xapi` (tests/xapi, installed by `make test`) against a running
/// server: about, each filter, `more` pages, one statement by id, 401. The two statements of the
/// unit's agent are moved a day apart so that `since`, `until` and the order tell them apart.
#[tokio::test]
async fn the_official_xapi_client_reads_the_lrs() {
    let app = spawn_app(Engine::Sqlite).await;
    let (_dir, direction_a, a1, b1) = setup(&app).await;
    let admin: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'admin@ville.fr'").fetch_one(app.db.pool()).await.unwrap();
    let (credential, key, one_time_key) = app::xapi::store::create_credential(&app.db, direction_a, "Client xAPI", admin).await.unwrap();
    let secret = app::xapi::store::reveal_secret(&app.db, credential, &one_time_key).await.unwrap().expect("the secret, once");

    let (course_activity, module_activity) = ("http://campus.test/cours/obligatoire", "http://campus.test/cours/obligatoire/seul");
    let (module_at, course_at) = (1_770_000_000_i64, 1_770_086_400_i64);
    let mut ids = std::collections::HashMap::new();
    for (activity, at) in [(module_activity, module_at), (course_activity, course_at)] {
        let id: String =
            sqlx::query_scalar("SELECT id FROM xapi_statements WHERE user_id = $1 AND activity = $2").bind(a1).bind(activity).fetch_one(app.db.pool()).await.unwrap();
        sqlx::query("UPDATE xapi_statements SET stored_at = $1 WHERE id = $2").bind(at).bind(&id).execute(app.db.pool()).await.unwrap();
        ids.insert(activity, id);
    }
    let expected = serde_json::json!({
        "homePage": "http://campus.test",
        "inScope": a1.to_string(),
        "outOfScope": b1.to_string(),
        "moduleId": ids[module_activity],
        "courseId": ids[course_activity],
        "moduleActivity": module_activity,
        "courseActivity": course_activity,
        "between": app::time::rfc3339((module_at + course_at) / 2),
    });

    let args = vec![app.url("/xapi/"), key, secret, expected.to_string()];
    run_client_checks("node", "xapi/client.mjs", args, "@xapi/xapi").await;
}

/// A stand-in LRS that refuses the first delivery (as if it were down), then records batches.
async fn start_lrs() -> (String, Arc<Mutex<Vec<Value>>>) {
    let received: Arc<Mutex<Vec<Value>>> = Arc::default();
    let calls = Arc::new(Mutex::new(0u32));
    let store = received.clone();
    let router = axum::Router::new().route(
        "/xapi/statements",
        axum::routing::post(move |axum::Json(batch): axum::Json<Vec<Value>>| {
            let (store, calls) = (store.clone(), calls.clone());
            async move {
                let mut calls = calls.lock().unwrap();
                *calls += 1;
                if *calls == 1 {
                    return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                }
                store.lock().unwrap().extend(batch);
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}/xapi", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (address, received)
}

async fn statements_reach_the_lrs_after_it_was_down(engine: Engine) {
    let (lrs_url, received) = start_lrs().await;
    let app = spawn_app_with(engine, |config| {
        config.lrs = Some(server::lrs::LrsSettings {
            url: lrs_url.clone(),
            username: Some("campus".into()),
            password: Some("secret".into()),
            interval: Duration::from_millis(50),
        });
    })
    .await;
    setup(&app).await;
    // Four statements; the first delivery fails, the retry brings them all. The LRS may have
    // answered before the queue is marked: wait for both.
    let pending = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) AS n FROM xapi_statements WHERE pushed_at IS NULL").fetch_one(app.db.pool()).await.expect("count")
    };
    for _ in 0..100 {
        let arrived = received.lock().unwrap().len();
        if arrived >= 4 && pending().await == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let delivered: Vec<String> = received.lock().unwrap().iter().map(|s| s["id"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(delivered.len(), 4, "every statement delivered once: {delivered:?}");
    assert_eq!(pending().await, 0, "nothing left in the queue");
}
