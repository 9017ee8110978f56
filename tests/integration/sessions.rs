//! Sessions kept in memory (`app::accounts::session::SessionCache`): each instance answers a
//! session it looked up in the last minute without the database, and yet a sign-out, a renamed
//! or disabled account, a role granted or withdrawn is seen by the very next request on the
//! instance where it happens, and within a second on the others.
//!
//! The instances here run with the production setting (`CAMPUS_CONTENT_CHECK_MS=1000`): the
//! tests' usual 0 reads the versions before every request and would hide a missing refresh.

use std::time::{Duration, Instant};

use app::accounts::{
    api::{GrantRole, RevokeRole, SignIn, SignOut, UpdateProfile},
    session, Role,
};
use integration_tests::{on_both_engines, spawn_app, spawn_instance_with, Engine, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    a_kept_session_answers_without_the_database_for_a_minute_at_most,
    changes_made_on_an_instance_are_seen_there_at_once,
    changes_made_elsewhere_are_seen_within_a_second,
);

const PASSWORD: &str = "une phrase de passe solide";

/// A browser signed in on `instance` as `email`.
struct Browser {
    instance: String,
    client: reqwest::Client,
    /// The session cookie (`campus_session=…`), to replay it after the browser dropped it.
    cookie: String,
}

impl Browser {
    async fn sign_in(instance: &str, email: &str) -> Browser {
        let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let signed_in = client
            .post(format!("{instance}{}", SignIn::url()))
            .header("Accept", "text/html")
            .header("Origin", instance)
            .form(&[("email", email), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), StatusCode::FOUND, "{email} signs in");
        let cookie = signed_in
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("campus_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        Browser { instance: instance.to_owned(), client, cookie }
    }

    /// The status of page `path` with this browser's session cookie, on `instance`.
    async fn status_on(&self, instance: &str, path: &str) -> StatusCode {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{instance}{path}"))
            .header("Cookie", &self.cookie)
            .send()
            .await
            .unwrap()
            .status()
    }

    async fn status(&self, path: &str) -> StatusCode {
        self.status_on(&self.instance, path).await
    }

    async fn page(&self, path: &str) -> String {
        self.client.get(format!("{}{path}", self.instance)).send().await.unwrap().text().await.unwrap()
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> StatusCode {
        self.client
            .post(format!("{}{path}", self.instance))
            .header("Accept", "text/html")
            .header("Origin", &self.instance)
            .form(fields)
            .send()
            .await
            .unwrap()
            .status()
    }
}

/// An instance with the production check interval, on `app`'s database.
async fn production_instance(app: &TestApp) -> String {
    spawn_instance_with(app.database_url(), |config| config.content_check_interval = Duration::from_secs(1)).await.0
}

async fn a_kept_session_answers_without_the_database_for_a_minute_at_most(engine: Engine) {
    let app = spawn_app(engine).await;
    let (looked_up, never_looked_up) = (production_instance(&app).await, production_instance(&app).await);
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let agent = Browser::sign_in(&looked_up, "agent@ville.fr").await;
    assert_eq!(agent.status("/mon-compte").await, StatusCode::OK);
    // The session's last activity is moved back past the idle timeout. That is no change of what
    // the session shows (no version bump), so the instance that looked the session up goes on
    // answering from memory; one that must read the database finds the session idle.
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - $1").bind(session::IDLE_TIMEOUT_SECONDS + 1).execute(app.db.pool()).await.unwrap();
    assert_eq!(agent.status("/mon-compte").await, StatusCode::OK, "kept in memory");
    assert_eq!(agent.status_on(&never_looked_up, "/mon-compte").await, StatusCode::UNAUTHORIZED, "read from the database");
    let version: i64 = sqlx::query_scalar("SELECT n FROM identity_version WHERE id = 1").fetch_one(app.db.pool()).await.unwrap();
    // Moving its end (or anything a session shows) is a change: the next request reads it.
    sqlx::query("UPDATE sessions SET expires_at = expires_at - 1").execute(app.db.pool()).await.unwrap();
    let bumped: i64 = sqlx::query_scalar("SELECT n FROM identity_version WHERE id = 1").fetch_one(app.db.pool()).await.unwrap();
    assert!(bumped > version, "the triggers bump the identity version");
}

async fn changes_made_on_an_instance_are_seen_there_at_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let instance = production_instance(&app).await;
    let unit = app::organizations::repository::create(&app.db, None, "Mairie").await.unwrap().id;
    app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    let agent_id = app.create_account("agent@ville.fr", PASSWORD, Some(unit), None).await;
    let admin = Browser::sign_in(&instance, "admin@ville.fr").await;
    let agent = Browser::sign_in(&instance, "agent@ville.fr").await;
    assert!(agent.page("/mon-compte").await.contains("Compte de test"));

    // Their own change of name.
    assert_eq!(agent.post(UpdateProfile::url(), &[("display_name", "Agent Renommé")]).await, StatusCode::FOUND);
    assert!(agent.page("/mon-compte").await.contains("Agent Renommé"), "the new name at once");

    // A role granted by an administrator opens the trainers' pages at the next request…
    assert_eq!(agent.status("/formation").await, StatusCode::FORBIDDEN);
    let granted = admin.post(GrantRole::url(), &[("user_id", &agent_id.to_string()), ("role", "trainer"), ("organization_id", &unit.to_string())]).await;
    assert_eq!(granted, StatusCode::FOUND);
    assert_eq!(session::roles_of(&app.db, agent_id).await.unwrap().len(), 1, "granted");
    assert_eq!(agent.status("/formation").await, StatusCode::OK, "the new role at once");
    // …and withdrawn, closes them.
    let grant = session::roles_of(&app.db, agent_id).await.unwrap()[0].id;
    assert_eq!(admin.post(RevokeRole::url(), &[("grant_id", &grant.to_string())]).await, StatusCode::FOUND);
    assert_eq!(agent.status("/formation").await, StatusCode::FORBIDDEN, "the role withdrawn at once");

    // Signing out ends the session kept in memory too: the old cookie no longer opens it.
    assert_eq!(agent.status("/mon-compte").await, StatusCode::OK);
    agent.post(SignOut::url(), &[]).await;
    assert_eq!(agent.status("/mon-compte").await, StatusCode::UNAUTHORIZED, "signed out at once");
    assert_eq!(admin.status("/admin").await, StatusCode::OK, "the other sessions go on");
}

async fn changes_made_elsewhere_are_seen_within_a_second(engine: Engine) {
    let app = spawn_app(engine).await;
    let (here, elsewhere) = (production_instance(&app).await, production_instance(&app).await);
    let agent_id = app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.create_account("autre@ville.fr", PASSWORD, None, None).await;
    let agent = Browser::sign_in(&here, "agent@ville.fr").await;
    let other = Browser::sign_in(&here, "autre@ville.fr").await;
    assert_eq!(agent.status("/mon-compte").await, StatusCode::OK);
    assert_eq!(other.status("/mon-compte").await, StatusCode::OK);

    let within_a_second = |browser: &'_ Browser, what: &'static str| {
        let browser_cookie = browser.cookie.clone();
        let here = here.clone();
        async move {
            let client = reqwest::Client::new();
            let changed = Instant::now();
            loop {
                let status = client.get(format!("{here}/mon-compte")).header("Cookie", &browser_cookie).send().await.unwrap().status();
                if status == StatusCode::UNAUTHORIZED {
                    return;
                }
                assert!(changed.elapsed() < Duration::from_millis(2_500), "{what}: still signed in after {:?}", changed.elapsed());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    // The account disabled elsewhere (here straight in the shared database, as the directory
    // synchronisation of another instance would).
    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2").bind(1_i64).bind(agent_id).execute(app.db.pool()).await.unwrap();
    within_a_second(&agent, "disabled").await;
    // Signed out on another instance.
    let on_elsewhere = reqwest::Client::new()
        .post(format!("{elsewhere}{}", SignOut::url()))
        .header("Cookie", &other.cookie)
        .header("Origin", &elsewhere)
        .send()
        .await
        .unwrap();
    assert!(on_elsewhere.status().is_success() || on_elsewhere.status().is_redirection(), "{}", on_elsewhere.status());
    within_a_second(&other, "signed out elsewhere").await;
}
