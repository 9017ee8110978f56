//! Sign-in through a real OpenID Connect provider (the npm package `oidc-provider`, configured
//! like ProConnect with signed userinfo and a SIRET claim): first sign-in and unit, logout at the
//! provider, tampered `state` and `nonce`, linking a local account, default unit and allow-list.

use app::identity::CALLBACK_PATH;
use leptos::server_fn::ServerFn;
use integration_tests::{free_port, on_both_engines, spawn_app, spawn_app_with, Engine, OidcProvider, TestApp};
use reqwest::StatusCode;

on_both_engines!(
    an_agent_signs_in_through_the_provider_into_the_unit_of_its_siret,
    a_tampered_state_or_nonce_is_refused,
    an_existing_local_account_is_linked_only_after_its_password,
    an_unknown_siret_goes_to_the_default_unit_and_the_allow_list_refuses_with_its_rule,
    refusals_are_told_in_the_language_of_the_visitor,
);

const PASSWORD: &str = "une phrase de passe solide";
const MAIRIE_SIRET: &str = "21750001600019";

/// An application on a known port (its callback is registered with the provider) and the provider.
async fn setup(engine: Engine, configure: impl FnOnce(&mut app::identity::ProviderSettings) + Send + 'static) -> (TestApp, OidcProvider) {
    let (app_port, provider_port) = (free_port(), free_port());
    let address = format!("http://127.0.0.1:{app_port}");
    let issuer = format!("http://127.0.0.1:{provider_port}");
    let public = address.clone();
    let app = spawn_app_with(engine, move |config| {
        config.site_addr = format!("127.0.0.1:{app_port}").parse().expect("address");
        config.public_url = public;
        let mut settings = OidcProvider::settings(&issuer);
        configure(&mut settings);
        config.oidc = Some(settings);
    })
    .await;
    let provider = OidcProvider::start(provider_port, &address).await;
    (app, provider)
}

async fn unit_with_siret(app: &TestApp, name: &str, siret: Option<&str>) -> i64 {
    let id = app::organizations::repository::create(&app.db, None, name).await.unwrap().id;
    sqlx::query("UPDATE organizations SET siret = $1 WHERE id = $2").bind(siret).bind(id).execute(app.db.pool()).await.unwrap();
    id
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Goes from `/connexion/oidc` through the provider's login and consent pages as `login`, and
/// returns the provider's redirect to our callback (not yet followed).
async fn through_the_provider(app: &TestApp, login: &str) -> String {
    let mut response = app.get("/connexion/oidc").await;
    for _ in 0..20 {
        if response.status().is_redirection() {
            // The provider's own redirects may be relative to the page.
            let to = response.url().join(&location(&response)).expect("a redirect URL").to_string();
            if to.starts_with(&app.address) {
                assert!(to.contains(CALLBACK_PATH), "back to the callback: {to}");
                return to;
            }
            response = app.client.get(&to).send().await.unwrap();
            continue;
        }
        let url = response.url().to_string();
        let page = response.text().await.unwrap();
        assert!(url.contains("/interaction/"), "a provider page: {url} {page}");
        let prompt = if page.contains("value=\"login\"") { "login" } else { "consent" };
        let fields: Vec<(&str, &str)> =
            if prompt == "login" { vec![("prompt", "login"), ("login", login), ("password", "x")] } else { vec![("prompt", "consent")] };
        response = app.client.post(&url).form(&fields).send().await.unwrap();
    }
    panic!("the provider never sent the browser back");
}

async fn an_agent_signs_in_through_the_provider_into_the_unit_of_its_siret(engine: Engine) {
    let (app, _provider) = setup(engine, |_| {}).await;
    let mairie = unit_with_siret(&app, "Mairie d'exemple", Some(MAIRIE_SIRET)).await;
    let sign_in = app.page("/connexion").await;
    assert!(sign_in.contains("Se connecter avec ProConnect") && sign_in.contains("href=\"/connexion/oidc\""), "{sign_in}");

    let start = app.get("/connexion/oidc").await;
    let authorize = location(&start);
    for parameter in ["response_type=code", "client_id=campus-ia", "state=", "nonce=", "redirect_uri="] {
        assert!(authorize.contains(parameter), "{parameter} in {authorize}");
    }
    let state: String = authorize.split("state=").nth(1).unwrap().chars().take_while(|c| *c != '&').collect();
    assert!(state.len() >= 32, "state of {} characters", state.len());

    let callback = through_the_provider(&app, "agent-mairie").await;
    let landed = app.client.get(&callback).send().await.unwrap();
    assert_eq!(landed.status(), StatusCode::SEE_OTHER, "{:?}", landed.headers());
    assert_eq!(location(&landed), "/mon-parcours");
    let dashboard = app.page("/mon-parcours").await;
    assert!(dashboard.contains("Camille Durand"), "signed in with the provider's name: {dashboard}");
    let (organization_id, email, password_hash): (Option<i64>, String, Option<String>) = sqlx::query_as(
        "SELECT u.organization_id, u.email, u.password_hash FROM users u JOIN external_identities i ON i.user_id = u.id WHERE i.subject = 'agent-mairie'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(organization_id, Some(mairie), "placed in the unit of its SIRET");
    assert_eq!(email, "camille.durand@mairie-exemple.fr");
    assert!(password_hash.is_none(), "no local password");

    // Signing out goes through the provider's logout with the ID token as hint.
    let out = app.post_form(app::accounts::api::SignOut::url(), &[]).await;
    let logout = location(&out);
    assert!(logout.starts_with(&format!("{}/session/end", _provider.issuer)) && logout.contains("id_token_hint="), "{logout}");
    assert!(logout.contains("post_logout_redirect_uri="), "{logout}");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap(), 0);

    // A second sign-in finds the same account.
    let again = app.client.get(through_the_provider(&app, "agent-mairie").await).send().await.unwrap();
    assert_eq!(location(&again), "/mon-parcours");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(app.db.pool()).await.unwrap(), 1);
}

async fn a_tampered_state_or_nonce_is_refused(engine: Engine) {
    let (app, _provider) = setup(engine, |_| {}).await;
    let callback = through_the_provider(&app, "agent-mairie").await;
    let tampered = callback.replace("state=", "state=x");
    let refused = app.client.get(&tampered).send().await.unwrap();
    assert_eq!(location(&refused), "/connexion");
    let page = app.page("/connexion").await;
    assert!(page.contains("pas été demandée ici"), "{page}");

    let callback = through_the_provider(&app, "agent-mairie").await;
    sqlx::query("UPDATE oidc_flows SET nonce = 'un-autre-nonce-que-celui-du-jeton-000000'").execute(app.db.pool()).await.unwrap();
    let refused = app.client.get(&callback).send().await.unwrap();
    assert_eq!(location(&refused), "/connexion");
    let page = app.page("/connexion").await;
    assert!(page.contains("pas pu être vérifiée"), "{page}");
    // The same callback once more: its state was spent.
    let replayed = app.client.get(&callback).send().await.unwrap();
    assert_eq!(location(&replayed), "/connexion");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap(), 0, "nobody signed in");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(app.db.pool()).await.unwrap(), 0);
}

async fn an_existing_local_account_is_linked_only_after_its_password(engine: Engine) {
    use app::identity::api::ConfirmIdentityLink;
    let (app, _provider) = setup(engine, |_| {}).await;
    let local = app.create_account("alex.martin@mairie-exemple.fr", PASSWORD, None, None).await;
    let landed = app.client.get(through_the_provider(&app, "agent-existant").await).send().await.unwrap();
    let confirm = location(&landed);
    assert!(confirm.starts_with("/connexion/lier/"), "{confirm}");
    let token = confirm.trim_start_matches("/connexion/lier/").to_owned();
    let page = app.page(&confirm).await;
    assert!(page.contains("alex.martin@mairie-exemple.fr") && page.contains("name=\"password\""), "{page}");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM external_identities").fetch_one(app.db.pool()).await.unwrap(), 0, "not linked yet");

    let wrong = app.post_form(ConfirmIdentityLink::url(), &[("token", &token), ("password", "pas le bon")]).await;
    assert_eq!(location(&wrong), confirm);
    assert!(app.page(&confirm).await.contains("mot de passe incorrect"));
    let right = app.post_form(ConfirmIdentityLink::url(), &[("token", &token), ("password", PASSWORD)]).await;
    assert_eq!(location(&right), "/mon-parcours");
    let linked: i64 = sqlx::query_scalar("SELECT user_id FROM external_identities WHERE subject = 'agent-existant'").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(linked, local, "the provider's identity now opens the local account");
    let next_time = app.client.get(through_the_provider(&app, "agent-existant").await).send().await.unwrap();
    assert_eq!(location(&next_time), "/mon-parcours");
}

async fn an_unknown_siret_goes_to_the_default_unit_and_the_allow_list_refuses_with_its_rule(engine: Engine) {
    let (app, _provider) = setup(engine, |_| {}).await;
    let accueil = unit_with_siret(&app, "Agents à rattacher", None).await;
    app::identity::repository::set_default_unit(&app.db, Some(accueil)).await.unwrap();
    let landed = app.client.get(through_the_provider(&app, "agent-inconnu").await).send().await.unwrap();
    assert_eq!(location(&landed), "/mon-parcours");
    let unit: Option<i64> = sqlx::query_scalar("SELECT organization_id FROM users").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(unit, Some(accueil));

    let (restricted, _other) = setup(engine, |settings| settings.allowed_sirets = vec![MAIRIE_SIRET.to_owned()]).await;
    let refused = restricted.client.get(through_the_provider(&restricted, "agent-inconnu").await).send().await.unwrap();
    assert_eq!(location(&refused), "/connexion");
    let page = restricted.page("/connexion").await;
    assert!(page.contains(MAIRIE_SIRET) && page.contains("99999999999999"), "the rule and the agent's SIRET: {page}");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(restricted.db.pool()).await.unwrap(), 0);
}

/// The sign-in page as `language` reads it (the flash cookie carries the refusal, already
/// written in the language of the request that was refused).
async fn sign_in_page(app: &TestApp, language: &str) -> String {
    app.client.get(app.url("/connexion")).header("Accept-Language", language).send().await.unwrap().text().await.unwrap()
}

async fn refusals_are_told_in_the_language_of_the_visitor(engine: Engine) {
    // No provider configured: a 404 in the visitor's language.
    let bare = spawn_app(engine).await;
    let english = bare.client.get(bare.url("/connexion/oidc")).header("Accept-Language", "en-GB,en;q=0.9").send().await.unwrap();
    assert_eq!(english.status(), StatusCode::NOT_FOUND);
    assert_eq!(english.text().await.unwrap(), "No identity provider is configured.");
    assert_eq!(bare.get("/connexion/oidc").await.text().await.unwrap(), "Aucun fournisseur d'identité n'est configuré.");
    drop(bare);

    // A provider that does not answer (nothing listens on its port): no provider process needed.
    let issuer = format!("http://127.0.0.1:{}", free_port());
    let app = spawn_app_with(engine, move |config| config.oidc = Some(OidcProvider::settings(&issuer))).await;
    let start = app.client.get(app.url("/connexion/oidc")).header("Accept-Language", "en").send().await.unwrap();
    assert_eq!(location(&start), "/connexion");
    let page = sign_in_page(&app, "en").await;
    assert!(page.contains("Signing in through your identity provider is temporarily unavailable"), "{page}");

    // An unknown state; then a known one, cancelled at the provider.
    let unknown = app.client.get(app.url(&format!("{CALLBACK_PATH}?state=inconnu&code=x"))).header("Accept-Language", "en").send().await.unwrap();
    assert_eq!(location(&unknown), "/connexion");
    let page = sign_in_page(&app, "en").await;
    assert!(page.contains("This sign-in has expired or was not started here"), "{page}");
    assert!(!page.contains("a expiré"), "{page}");
    app::identity::repository::save_flow(&app.db, "etat-connu", "nonce-connu", "/mon-parcours").await.unwrap();
    let cancelled = app
        .client
        .get(app.url(&format!("{CALLBACK_PATH}?state=etat-connu&error=access_denied")))
        .header("Accept-Language", "en-US")
        .send()
        .await
        .unwrap();
    assert_eq!(location(&cancelled), "/connexion");
    let page = sign_in_page(&app, "en").await;
    assert!(page.contains("The sign-in was cancelled."), "{page}");

    // The same in French, by default.
    app::identity::repository::save_flow(&app.db, "etat-bis", "nonce-bis", "/mon-parcours").await.unwrap();
    app.get(&format!("{CALLBACK_PATH}?state=etat-bis&error=login_required")).await;
    let page = app.page("/connexion").await;
    assert!(page.contains("Connectez-vous avec ProConnect ou avec votre mot de passe."), "{page}");
}
