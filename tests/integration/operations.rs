//! Running Campus IA for real: two instances on one database share sessions and progress (the
//! reverse-proxy deployment of the README), and an online SQLite backup is consistent and can be
//! served as it is.

use app::{accounts::api::UpdateProfile, quiz::api::MarkModuleRead};
use integration_tests::{write_one_module_course, on_both_engines, spawn_app, spawn_instance, Engine, TempDir};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(two_instances_share_sessions_and_progress);

const PASSWORD: &str = "une phrase de passe solide";

/// Two servers behind one address in production: here, one client talking to both.
async fn two_instances_share_sessions_and_progress(engine: Engine) {
    let first = spawn_app(engine).await;
    let (second, _) = spawn_instance(first.database_url()).await;
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "partage", "Cours partagé");
    app::course::repository::import_directory(&first.db, &dir.0).await.unwrap();
    first.create_account("agent@ville.fr", PASSWORD, None, None).await;
    first.sign_in("agent@ville.fr", PASSWORD).await;

    // The session opened on the first instance is valid on the second (cookies ignore ports).
    let on_second = first.client.get(format!("{second}/mon-compte")).send().await.unwrap();
    assert_eq!(on_second.status(), StatusCode::OK);
    // Written through the second instance…
    let renamed = first
        .client
        .post(format!("{second}{}", UpdateProfile::url()))
        .header("Origin", &second)
        .header("Accept", "text/html")
        .form(&[("display_name", "Agent Partagé")])
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), StatusCode::FOUND);
    first.client.get(format!("{second}/cours/partage/seul")).send().await.unwrap();
    first
        .client
        .post(format!("{second}{}", MarkModuleRead::url()))
        .header("Origin", &second)
        .header("Accept", "text/html")
        .form(&[("course", "partage"), ("module", "seul")])
        .send()
        .await
        .unwrap();
    // …read through the first.
    let account = first.page("/mon-compte").await;
    assert!(account.contains("Agent Partagé"), "{account}");
    let dashboard = first.page("/mon-parcours").await;
    assert!(dashboard.contains("Cours partagé") && dashboard.contains("Attestation de réussite"), "{dashboard}");
}

#[tokio::test]
async fn an_online_sqlite_backup_is_consistent_and_can_be_served() {
    let app = spawn_app(Engine::Sqlite).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let dir = TempDir::new();
    let backup = dir.0.join("sauvegarde.db");
    // Taken while the server runs and serves.
    let (page, saved) = tokio::join!(app.get("/"), app.db.backup_to(&backup));
    assert_eq!(page.status(), StatusCode::OK);
    saved.expect("backup written");
    assert!(app.db.backup_to(&backup).await.is_err(), "an existing file is never overwritten");

    let url = format!("sqlite://{}", backup.display());
    let (restored, db) = spawn_instance(&url).await;
    assert_eq!(db.integrity_check().await.unwrap(), "ok");
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM users").fetch_one(db.pool()).await.unwrap();
    assert_eq!(users, 1);
    // The restored database serves, and the account signs in on it.
    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let signed_in = client
        .post(format!("{restored}{}", app::accounts::api::SignIn::url()))
        .header("Origin", &restored)
        .header("Accept", "text/html")
        .form(&[("email", "agent@ville.fr"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.headers()["location"], "/mon-parcours");
}
