//! The SCIM 2.0 server against clients nobody here wrote: the PyPI package `scim2-tester` (an
//! RFC 7643/7644 compliance checker) and a `scim2-client` script that provisions, renames, moves
//! and deactivates an agent; then the errors and token scopes the RFC asks for.

use integration_tests::{free_port, on_both_engines, spawn_app_with, Engine, TestApp};
use serde_json::{json, Value};

on_both_engines!(
    scim2_tester_finds_no_error,
    a_directory_provisions_renames_moves_and_deactivates_an_agent,
    scim_errors_and_scoped_tokens_follow_the_rfc,
);

const TOKEN: &str = "jeton-scim-de-test";
const SCOPED: &str = "jeton-scim-de-l-urbanisme";

/// An application whose public address is its real one (SCIM `location`s must be followable).
async fn scim_app(engine: Engine) -> TestApp {
    let port = free_port();
    spawn_app_with(engine, move |config| {
        config.site_addr = format!("127.0.0.1:{port}").parse().unwrap();
        config.public_url = format!("http://127.0.0.1:{port}");
        config.scim_tokens = vec![(TOKEN.into(), None), (SCOPED.into(), Some("URBA".to_owned()))];
    })
    .await
}

fn python_script(base_url: &str, script: &str) -> (bool, String) {
    let python = std::env::var("CAMPUS_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scim").join(script);
    let output = std::process::Command::new(&python)
        .arg(&path)
        .arg(base_url)
        .arg(TOKEN)
        .output()
        .unwrap_or_else(|e| panic!("{python} {}: {e} (run the tests through `make test`, which installs scim2-tester)", path.display()));
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

async fn scim2_tester_finds_no_error(engine: Engine) {
    let app = scim_app(engine).await;
    let base_url = app.url("/scim/v2");
    let (ok, report) = tokio::task::spawn_blocking(move || python_script(&base_url, "check_server.py")).await.unwrap();
    assert!(ok, "scim2-tester found errors:\n{report}");
    assert!(report.contains("0 failed"), "{report}");
}

async fn a_directory_provisions_renames_moves_and_deactivates_an_agent(engine: Engine) {
    let app = scim_app(engine).await;
    let base_url = app.url("/scim/v2");
    let (ok, output) = tokio::task::spawn_blocking(move || python_script(&base_url, "provision.py")).await.unwrap();
    assert!(ok, "{output}");
    let steps: Vec<Value> = output.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let step = |name: &str| steps.iter().find(|s| s["step"] == name).unwrap_or_else(|| panic!("step {name} missing:\n{output}")).clone();
    let id = step("created")["id"].as_str().unwrap().to_owned();
    assert_eq!(step("found")["total"], 1, "userName is matched whatever its case");
    assert_eq!(step("found")["id"], id.as_str());
    assert_eq!(step("renamed")["family_name"], "Martin");
    assert_eq!(step("moved")["group"], step("groups")["urbanisme"]);
    assert_eq!(step("deactivated")["active"], false);
    let (display_name, disabled_at, unit, code): (String, Option<i64>, String, Option<String>) =
        sqlx::query_as("SELECT u.display_name, u.disabled_at, o.name, o.code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(display_name, "Camille Martin");
    assert_eq!(unit, "Urbanisme");
    assert_eq!(code.as_deref(), Some("URBA"));
    assert!(disabled_at.is_some(), "deactivated, kept");
}

async fn scim(app: &TestApp, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = app.client.request(method, app.url(&format!("/scim/v2{path}"))).bearer_auth(token);
    if let Some(body) = body {
        request = request.header("Content-Type", "application/scim+json").body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status != 204 {
        assert_eq!(response.headers()["content-type"], "application/scim+json", "{path}");
    }
    (status, response.json().await.unwrap_or(Value::Null))
}

fn user(name: &str) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name, "emails": [{"value": name}], "active": true})
}

async fn scim_errors_and_scoped_tokens_follow_the_rfc(engine: Engine) {
    use reqwest::Method;
    let app = scim_app(engine).await;
    let (status, body) = scim(&app, Method::GET, "/Users", "mauvais-jeton", None).await;
    assert_eq!((status, body["schemas"][0].as_str()), (401, Some("urn:ietf:params:scim:api:messages:2.0:Error")));
    let (status, body) = scim(&app, Method::GET, "/Users/999", TOKEN, None).await;
    assert_eq!((status, body["status"].as_str()), (404, Some("404")));
    assert_eq!(scim(&app, Method::GET, "/Nimporte", TOKEN, None).await.0, 404);

    let (status, created) = scim(&app, Method::POST, "/Users", TOKEN, Some(user("lea.petit@ville.fr"))).await;
    assert_eq!(status, 201, "{created}");
    let (status, body) = scim(&app, Method::POST, "/Users", TOKEN, Some(user("LEA.PETIT@ville.fr"))).await;
    assert_eq!((status, body["scimType"].as_str()), (409, Some("uniqueness")), "userName is unique whatever its case");
    let (status, body) = scim(&app, Method::POST, "/Users", TOKEN, Some(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}))).await;
    assert_eq!((status, body["scimType"].as_str()), (400, Some("invalidValue")));
    assert!(body["detail"].as_str().unwrap().contains("userName"), "{body}");
    let (status, body) = scim(&app, Method::GET, "/Users?filter=userName%20co%20%22lea%22", TOKEN, None).await;
    assert_eq!((status, body["scimType"].as_str()), (400, Some("invalidFilter")));
    let (status, body) = scim(&app, Method::POST, "/Users", TOKEN, Some(json!("pas un objet"))).await;
    assert_eq!(status, 400, "{body}");

    // Pagination.
    for n in 0..4 {
        scim(&app, Method::POST, "/Users", TOKEN, Some(user(&format!("agent{n}@ville.fr")))).await;
    }
    let (_, page) = scim(&app, Method::GET, "/Users?startIndex=2&count=2", TOKEN, None).await;
    assert_eq!((page["totalResults"].as_u64(), page["itemsPerPage"].as_u64(), page["startIndex"].as_u64()), (Some(5), Some(2), Some(2)));

    // A token scoped to « Urbanisme » sees only that subtree.
    let (_, urbanisme) = scim(&app, Method::POST, "/Groups", TOKEN, Some(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Urbanisme", "externalId": "URBA"}))).await;
    let (status, inside) = scim(&app, Method::POST, "/Users", SCOPED, Some(user("urbaniste@ville.fr"))).await;
    assert_eq!(status, 201, "{inside}");
    assert_eq!(inside["groups"][0]["value"], urbanisme["id"], "a scoped token's users land in its unit");
    let (_, list) = scim(&app, Method::GET, "/Users", SCOPED, None).await;
    assert_eq!(list["totalResults"], 1, "{list}");
    let lea = created["id"].as_str().unwrap();
    assert_eq!(scim(&app, Method::GET, &format!("/Users/{lea}"), SCOPED, None).await.0, 404);
    assert_eq!(scim(&app, Method::DELETE, &format!("/Users/{lea}"), SCOPED, None).await.0, 404);

    // DELETE deactivates and hides; the same userName later brings the same account back.
    assert_eq!(scim(&app, Method::DELETE, &format!("/Users/{lea}"), TOKEN, None).await.0, 204);
    assert_eq!(scim(&app, Method::GET, &format!("/Users/{lea}"), TOKEN, None).await.0, 404);
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM users WHERE id = $1 AND disabled_at IS NOT NULL").bind(lea.parse::<i64>().unwrap()).fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(kept, 1, "the account and its history stay");
    let (status, back) = scim(&app, Method::POST, "/Users", TOKEN, Some(user("lea.petit@ville.fr"))).await;
    assert_eq!((status, back["id"].as_str(), back["active"].as_bool()), (201, Some(lea), Some(true)));
}
