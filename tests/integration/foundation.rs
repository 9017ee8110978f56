//! The skeleton: start-up, health check, page shell, languages, 404, and the two-engine
//! database layer.

use app::{accounts::repository as users, organizations::repository as organizations};
use integration_tests::{fresh_database, on_both_engines, spawn_app, test_config, Engine};
use reqwest::StatusCode;
use server::startup::{Application, StartupError};

on_both_engines!(
    grouped_writes_are_each_all_or_nothing,
    health_check_reports_the_database,
    home_page_is_french_by_default,
    english_follows_accept_language,
    language_choice_is_remembered_in_a_cookie,
    unknown_page_is_a_french_404_with_a_way_back,
    organization_tree_and_users_round_trip,
);

async fn health_check_reports_the_database(engine: Engine) {
    let app = spawn_app(engine).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], engine.name());
}

async fn home_page_is_french_by_default(engine: Engine) {
    let app = spawn_app(engine).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fr""#), "{html}");
    assert!(html.contains("Aller au contenu"));
    assert!(html.contains(r##"href="#contenu""##));
    assert!(html.contains("<title>Campus IA</title>"), "{html}");
    assert!(html.contains("Testez-vous en 10 secondes"), "the island is rendered on the server");
    assert!(html.contains("<leptos-island"), "the island is marked for hydration");
    // `/pkg/campus-ia.js`, or `/pkg/campus-ia.<hash>.js` when the build hashed the names.
    assert!(html.contains(r#"href="/pkg/campus-ia."#) && html.contains(r#".js""#), "the hydration script is linked");
    assert!(html.contains(r#"<link id="leptos" rel="stylesheet" href="/pkg/campus-ia."#), "the stylesheet is linked: {html}");
}

async fn english_follows_accept_language(engine: Engine) {
    let app = spawn_app(engine).await;
    let html = app
        .client
        .get(app.url("/"))
        .header("Accept-Language", "en-GB,en;q=0.9,fr;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Skip to content"));
}

async fn language_choice_is_remembered_in_a_cookie(engine: Engine) {
    let app = spawn_app(engine).await;
    let response = app
        .client
        .post(app.url("/langue"))
        .form(&[("lang", "en"), ("retour", "/page-qui-n-existe-pas")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/page-qui-n-existe-pas");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"), "{cookie}");

    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#), "the cookie wins over the default");

    let refused = app.client.post(app.url("/langue")).form(&[("lang", "xx")]).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn unknown_page_is_a_french_404_with_a_way_back(engine: Engine) {
    let app = spawn_app(engine).await;
    let response = app.get("/nulle-part").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page introuvable"));
    assert!(html.contains(r#"href="/""#));
}

async fn organization_tree_and_users_round_trip(engine: Engine) {
    let app = spawn_app(engine).await;
    let db = &app.db;
    let ministry = organizations::create(db, None, "Ministère de l'Exemple").await.unwrap();
    let direction = organizations::create(db, Some(ministry.id), "Direction du numérique").await.unwrap();
    let service = organizations::create(db, Some(direction.id), "  Service   des usages ").await.unwrap();
    let other = organizations::create(db, None, "Autre ministère").await.unwrap();
    assert_eq!(service.name, "Service des usages");
    assert!(matches!(
        organizations::create(db, Some(99_999), "Orpheline").await,
        Err(organizations::OrganizationError::UnknownParent)
    ));

    let subtree: Vec<i64> = organizations::subtree(db, direction.id).await.unwrap().iter().map(|o| o.id).collect();
    assert_eq!(subtree, vec![direction.id, service.id]);
    let whole: Vec<i64> = organizations::subtree(db, ministry.id).await.unwrap().iter().map(|o| o.id).collect();
    assert_eq!(whole, vec![ministry.id, direction.id, service.id]);

    let agent = users::create(db, users::NewUser {
        email: "Camille.Durand@Exemple.gouv.fr",
        display_name: "Camille Durand",
        organization_id: Some(service.id),
        password_hash: None,
    })
    .await
    .unwrap();
    assert_eq!(agent.email, "camille.durand@exemple.gouv.fr");
    let duplicate = users::create(db, users::NewUser {
        email: "CAMILLE.DURAND@exemple.gouv.fr",
        display_name: "Homonyme",
        organization_id: Some(other.id),
        password_hash: None,
    })
    .await;
    assert!(matches!(duplicate, Err(users::AccountError::EmailTaken)), "{duplicate:?}");
    let found = users::find_by_email(db, "camille.durand@EXEMPLE.gouv.fr").await.unwrap();
    assert_eq!(found, Some(agent));
    assert_eq!(users::count_in(db, &whole).await.unwrap(), 1);
    assert_eq!(users::count_in(db, &[other.id]).await.unwrap(), 0);
}

#[tokio::test]
async fn a_bad_database_url_is_a_clear_error() {
    let error = Application::build(&test_config("mysql://localhost/campus")).await.err().unwrap();
    assert!(matches!(error, StartupError::Database(_)));
    assert!(error.to_string().contains("mysql"), "{error}");
}

#[tokio::test]
async fn an_unreachable_database_is_a_clear_error() {
    let error = Application::build(&test_config("postgres://campus@127.0.0.1:1/campus")).await.err().unwrap();
    assert!(error.to_string().contains("injoignable"), "{error}");
}

#[tokio::test]
async fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let database = fresh_database(Engine::Sqlite).await;
    let mut config = test_config(&database.url);
    config.site_addr = taken.local_addr().unwrap();
    let error = Application::build(&config).await.err().unwrap();
    assert!(matches!(error, StartupError::Bind { .. }), "{error}");
    assert!(error.to_string().contains(&config.site_addr.to_string()), "{error}");
}

/// Concurrent grouped writes (the quiz submissions' path): each job sees the writes of those
/// before it in the same transaction, a refused job leaves no trace and takes nothing with it,
/// and every accepted job is stored once its caller has the answer.
async fn grouped_writes_are_each_all_or_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let db = app.db.clone();
    sqlx::query("CREATE TABLE grouped_test (n BIGINT NOT NULL)").execute(db.pool()).await.unwrap();
    let jobs = (0..40i64).map(|n| {
        let db = db.clone();
        tokio::spawn(async move {
            db.write_grouped(move |mut scope| {
                Box::pin(async move {
                    sqlx::query("INSERT INTO grouped_test (n) VALUES ($1)").bind(n).execute(&mut *scope).await.map_err(app::db::DbError::from)?;
                    // Odd jobs are refused after writing: their row must go with them.
                    if n % 2 == 1 {
                        return Err(app::db::DbError::GroupCommit(format!("refusé {n}")));
                    }
                    let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) AS c FROM grouped_test WHERE n = $1").bind(n).fetch_one(&mut *scope).await?;
                    Ok(seen)
                })
            })
            .await
        })
    });
    let outcomes: Vec<_> = futures_join(jobs).await;
    for (n, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Ok(seen) => assert!(n % 2 == 0 && *seen == 1, "job {n} saw {seen} rows of its own"),
            Err(error) => assert!(n % 2 == 1 && error.to_string().contains(&format!("refusé {n}")), "job {n}: {error}"),
        }
    }
    let stored: Vec<i64> = sqlx::query_scalar("SELECT n FROM grouped_test ORDER BY n").fetch_all(db.pool()).await.unwrap();
    assert_eq!(stored, (0..40).filter(|n| n % 2 == 0).collect::<Vec<_>>());
}

async fn futures_join<T: Send + 'static>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut results = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        results.push(handle.await.expect("job task"));
    }
    results
}
