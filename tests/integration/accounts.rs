//! Accounts and security through HTTP: sign-up validation, sign-in and out, sessions (expiry,
//! fixation), CSRF, throttling, role boundaries on server functions, account deletion.

use app::{
    accounts::{api::*, authz::may_act_on, repository as users, session, CurrentUser, Role},
    organizations::repository as units,
};
use integration_tests::{on_both_engines, spawn_app, Engine, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    sign_up_refuses_bad_fields_and_keeps_what_was_typed,
    sign_up_signs_in_and_sign_out_ends_the_session,
    each_sign_in_issues_a_new_session_token,
    idle_sessions_expire,
    cross_site_posts_are_refused,
    repeated_failures_are_throttled_with_a_clear_delay,
    agents_and_visitors_are_refused_admin_server_functions,
    hr_scope_covers_its_subtree_only,
    admins_manage_units_and_roles_and_it_is_audited,
    changing_the_password_closes_other_sessions,
    deleting_the_account_removes_personal_data,
    form_messages_follow_the_interface_language,
);

const PASSWORD: &str = "une phrase de passe solide";

async fn unit(app: &TestApp, parent: Option<i64>, name: &str) -> i64 {
    units::create(&app.db, parent, name).await.unwrap().id
}

fn session_cookie_of(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("campus_session=") && !v.starts_with("campus_session=;"))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

async fn sign_up_refuses_bad_fields_and_keeps_what_was_typed(engine: Engine) {
    let app = spawn_app(engine).await;
    let service = unit(&app, None, "Service test").await;
    let response = app
        .post_form(SignUp::url(), &[("display_name", "Zoé Martin"), ("email", "zoe@"), ("organization_id", ""), ("password", "azerty123")])
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "/inscription");
    let page = app.page("/inscription").await;
    assert!(page.contains("la forme nom@domaine.fr"), "email error shown");
    assert!(page.contains("choisissez votre service"), "unit error shown");
    assert!(page.contains("plus utilisés"), "common password refused");
    assert!(page.contains("value=\"Zoé Martin\""), "name kept");
    assert!(page.contains("value=\"zoe@\""), "email kept");
    assert!(!page.contains("azerty123"), "the password is never sent back");
    assert!(page.contains("aria-invalid=\"true\""));
    let again = app.page("/inscription").await;
    assert!(!again.contains("choisissez votre service"), "feedback is shown once");
    assert!(users::find_by_email(&app.db, "zoe@").await.unwrap().is_none());

    let short = app
        .post_form(SignUp::url(), &[("display_name", "Zoé"), ("email", "zoe@ville.fr"), ("organization_id", &service.to_string()), ("password", "court")])
        .await;
    assert_eq!(short.headers()["location"], "/inscription");
    assert!(app.page("/inscription").await.contains("au moins 8 caractères"));
}

async fn form_messages_follow_the_interface_language(engine: Engine) {
    let app = spawn_app(engine).await;
    // The visitor chose English: the `lang` cookie, kept by the test client.
    app.post_form("/langue", &[("lang", "en"), ("retour", "/inscription")]).await;
    let response = app.post_form(SignUp::url(), &[("display_name", "Zoé Martin"), ("email", "zoe@"), ("organization_id", ""), ("password", "court")]).await;
    assert_eq!(response.headers()["location"], "/inscription");
    let page = app.page("/inscription").await;
    for english in [
        "The form has errors: correct the fields marked.",
        "the e-mail address must look like name@domain.fr",
        "choose your department from the list",
        "the password must have at least 8 characters",
    ] {
        assert!(page.contains(english), "{english}: {page}");
    }
    assert!(!page.contains("corrigez les champs"), "no French left in the feedback");
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", "mauvais mot de passe")]).await;
    assert!(app.page("/connexion").await.contains("Wrong e-mail address or password."));
}

async fn sign_up_signs_in_and_sign_out_ends_the_session(engine: Engine) {
    let app = spawn_app(engine).await;
    let service = unit(&app, None, "Mairie").await;
    let response = app
        .post_form(SignUp::url(), &[("display_name", "Zoé Martin"), ("email", "Zoe.Martin@Ville.fr"), ("organization_id", &service.to_string()), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "/cours");
    let cookie = session_cookie_of(&response).expect("session cookie");
    assert!(response.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().contains("HttpOnly")));
    assert!(app.page("/cours").await.contains("Bienvenue, Zoé Martin"));
    let account = app.get("/mon-compte").await;
    assert_eq!(account.status(), StatusCode::OK);
    assert!(account.text().await.unwrap().contains("zoe.martin@ville.fr"));

    let duplicate = app
        .post_form(SignUp::url(), &[("display_name", "Autre"), ("email", "zoe.martin@ville.fr"), ("organization_id", &service.to_string()), ("password", PASSWORD)])
        .await;
    assert_eq!(duplicate.headers()["location"], "/inscription");

    let out = app.post_form(SignOut::url(), &[]).await;
    assert_eq!(out.headers()["location"], "/connexion");
    assert_eq!(app.get("/mon-compte").await.status(), StatusCode::UNAUTHORIZED);
    // The old token no longer opens anything, even if replayed.
    let replay = reqwest::Client::new().get(app.url("/mon-compte")).header("Cookie", cookie).send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

async fn each_sign_in_issues_a_new_session_token(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let first = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", PASSWORD)]).await;
    let second = app.post_form(SignIn::url(), &[("email", "AGENT@ville.fr"), ("password", PASSWORD)]).await;
    let (first, second) = (session_cookie_of(&first).unwrap(), session_cookie_of(&second).unwrap());
    assert_ne!(first, second, "a new token at every sign-in (no fixation)");
    assert_eq!(first.len(), "campus_session=".len() + 64, "256-bit token");
}

async fn idle_sessions_expire(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    assert_eq!(app.get("/mon-compte").await.status(), StatusCode::OK);
    // The session's clock moves back past the idle timeout (in the test, not through a hook in
    // the application: the production binary has no way to age a session).
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - $1, created_at = created_at - $1, expires_at = expires_at - $1 WHERE user_id = $2")
        .bind(session::IDLE_TIMEOUT_SECONDS + 1)
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(app.get("/mon-compte").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(session::purge_expired(&app.db).await.unwrap(), 1);
}

async fn cross_site_posts_are_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    let forged = app
        .client
        .post(app.url(UpdateProfile::url()))
        .header("Origin", "https://malveillant.example")
        .form(&[("display_name", "Piraté")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let by_referer = app
        .client
        .post(app.url(UpdateProfile::url()))
        .header("Referer", "https://malveillant.example/page")
        .form(&[("display_name", "Piraté")])
        .send()
        .await
        .unwrap();
    assert_eq!(by_referer.status(), StatusCode::FORBIDDEN);
    let user = users::find_by_email(&app.db, "agent@ville.fr").await.unwrap().unwrap();
    assert_eq!(user.display_name, "Compte de test", "nothing changed");
    let genuine = app.post_form(UpdateProfile::url(), &[("display_name", "Nouveau nom")]).await;
    assert_eq!(genuine.status(), StatusCode::FOUND);
    assert_eq!(users::find_by_email(&app.db, "agent@ville.fr").await.unwrap().unwrap().display_name, "Nouveau nom");
    assert_eq!(app.get("/").await.headers()["x-frame-options"], "DENY");
    let csp = app.get("/").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), "{csp}");
}

async fn repeated_failures_are_throttled_with_a_clear_delay(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    for _ in 0..5 {
        let response = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", "mauvais mot de passe")]).await;
        assert_eq!(response.headers()["location"], "/connexion");
        assert!(app.page("/connexion").await.contains("mot de passe incorrect"));
    }
    let blocked = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", PASSWORD)]).await;
    assert_eq!(blocked.headers()["location"], "/connexion", "even the right password waits");
    let page = app.page("/connexion").await;
    assert!(page.contains("Trop de tentatives de connexion. Réessayez dans"), "{page}");
    assert!(page.contains("value=\"agent@ville.fr\""), "the e-mail is kept");
    // An unknown address is refused the same way, without saying the account does not exist.
    app.post_form(SignIn::url(), &[("email", "inconnu@ville.fr"), ("password", PASSWORD)]).await;
    assert!(app.page("/connexion").await.contains("Adresse électronique ou mot de passe incorrect"));
}

async fn agents_and_visitors_are_refused_admin_server_functions(engine: Engine) {
    let app = spawn_app(engine).await;
    let service = unit(&app, None, "Service").await;
    let agent = app.create_account("agent@ville.fr", PASSWORD, Some(service), None).await;
    let admin_only: [(&str, Vec<(&str, String)>); 6] = [
        (LoadUsers::url(), vec![]),
        (LoadAuditLog::url(), vec![]),
        (GrantRole::url(), vec![("user_id", agent.to_string()), ("role", "admin".into()), ("organization_id", String::new())]),
        (RevokeRole::url(), vec![("grant_id", "1".into())]),
        (CreateOrganization::url(), vec![("name", "Pirate".into()), ("parent_id", String::new())]),
        (UpdateOrganization::url(), vec![("id", service.to_string()), ("name", "Pirate".into()), ("parent_id", String::new())]),
    ];
    for (url, fields) in &admin_only {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.call(url, &fields).await.status(), StatusCode::UNAUTHORIZED, "{url} for a visitor");
    }
    for (url, _) in [(UpdateProfile::url(), ()), (ChangePassword::url(), ()), (DeleteAccount::url(), ())] {
        let status = app.call(url, &[("display_name", "x"), ("current_password", "x"), ("new_password", "x"), ("password", "x")]).await.status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{url} for a visitor");
    }
    app.sign_in("agent@ville.fr", PASSWORD).await;
    for (url, fields) in &admin_only {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.call(url, &fields).await.status(), StatusCode::FORBIDDEN, "{url} for an agent");
    }
    assert_eq!(app.get("/admin/utilisateurs").await.status(), StatusCode::FORBIDDEN);
    assert!(session::roles_of(&app.db, agent).await.unwrap().is_empty(), "no role was granted");
    assert_eq!(units::find(&app.db, service).await.unwrap().unwrap().name, "Service");
}

async fn hr_scope_covers_its_subtree_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let ministry = unit(&app, None, "Ministère").await;
    let a = unit(&app, Some(ministry), "Direction A").await;
    let a_child = unit(&app, Some(a), "Service A1").await;
    let b = unit(&app, Some(ministry), "Direction B").await;
    let b_child = unit(&app, Some(b), "Service B1").await;
    let hr_id = app.create_account("rh@ville.fr", PASSWORD, Some(a), Some((Role::Hr, Some(a)))).await;
    let hr = CurrentUser {
        id: hr_id,
        email: "rh@ville.fr".into(),
        display_name: "RH".into(),
        organization_id: Some(a),
        time_zone: "Europe/Paris".into(),
        roles: session::roles_of(&app.db, hr_id).await.unwrap(),
        session_id: 0,
    };
    assert!(may_act_on(&app.db, &hr, Role::Hr, a).await.unwrap());
    assert!(may_act_on(&app.db, &hr, Role::Hr, a_child).await.unwrap());
    for outside in [ministry, b, b_child] {
        assert!(!may_act_on(&app.db, &hr, Role::Hr, outside).await.unwrap(), "unit {outside} is outside A");
    }
    assert!(!may_act_on(&app.db, &hr, Role::Trainer, a).await.unwrap(), "the HR role is not a trainer role");
}

async fn admins_manage_units_and_roles_and_it_is_audited(engine: Engine) {
    let app = spawn_app(engine).await;
    let root = unit(&app, None, "Ministère").await;
    app.create_account("admin@ville.fr", PASSWORD, Some(root), Some((Role::Admin, None))).await;
    let agent = app.create_account("agent@ville.fr", PASSWORD, Some(root), None).await;
    app.sign_in("admin@ville.fr", PASSWORD).await;
    assert_eq!(app.post_form(CreateOrganization::url(), &[("name", "Direction A"), ("parent_id", &root.to_string())]).await.status(), StatusCode::FOUND);
    let page = app.page("/admin/unites").await;
    assert!(page.contains("Unité « Direction A » créée"), "{page}");
    let direction = units::tree(&app.db).await.unwrap().into_iter().find(|(u, _)| u.name == "Direction A").unwrap().0;
    // Moving a unit under its own child is refused with a message.
    let child = unit(&app, Some(direction.id), "Service A1").await;
    app.post_form(UpdateOrganization::url(), &[("id", &direction.id.to_string()), ("name", "Direction A"), ("parent_id", &child.to_string())]).await;
    assert!(app.page("/admin/unites").await.contains("sous elle-même"));

    app.post_form(GrantRole::url(), &[("user_id", &agent.to_string()), ("role", "hr"), ("organization_id", &direction.id.to_string())]).await;
    let roles = session::roles_of(&app.db, agent).await.unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!((roles[0].role, roles[0].organization_id), (Role::Hr, Some(direction.id)));
    app.post_form(RevokeRole::url(), &[("grant_id", &roles[0].id.to_string())]).await;
    assert!(session::roles_of(&app.db, agent).await.unwrap().is_empty());
    let audit = app.page("/admin/journal").await;
    for action in ["organization.create", "role.grant", "role.revoke"] {
        assert!(audit.contains(action), "{action} missing from the audit log");
    }
    // The last administrator cannot remove their own role.
    let admin_grant = session::roles_of(&app.db, users::find_by_email(&app.db, "admin@ville.fr").await.unwrap().unwrap().id).await.unwrap()[0].id;
    app.post_form(RevokeRole::url(), &[("grant_id", &admin_grant.to_string())]).await;
    assert_eq!(users::admin_count(&app.db).await.unwrap(), 1);
}

async fn changing_the_password_closes_other_sessions(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let other_device = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    other_device.post(app.url(SignIn::url())).header("Accept", "text/html").form(&[("email", "agent@ville.fr"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(other_device.get(app.url("/mon-compte")).send().await.unwrap().status(), StatusCode::OK);
    app.sign_in("agent@ville.fr", PASSWORD).await;
    app.post_form(ChangePassword::url(), &[("current_password", "faux mot de passe"), ("new_password", "une nouvelle phrase")]).await;
    assert!(app.page("/mon-compte").await.contains("le mot de passe actuel est incorrect"));
    app.post_form(ChangePassword::url(), &[("current_password", PASSWORD), ("new_password", "une nouvelle phrase")]).await;
    assert!(app.page("/mon-compte").await.contains("Mot de passe modifié"));
    assert_eq!(other_device.get(app.url("/mon-compte")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/mon-compte").await.status(), StatusCode::OK, "this session stays open");
}

async fn deleting_the_account_removes_personal_data(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    let export = app.post_form("/mon-compte/donnees", &[]).await;
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let data: serde_json::Value = export.json().await.unwrap();
    assert_eq!(data["account"]["email"], "agent@ville.fr");

    app.post_form(DeleteAccount::url(), &[("password", "pas le bon")]).await;
    assert!(users::find(&app.db, id).await.unwrap().is_some(), "a wrong password deletes nothing");
    let response = app.post_form(DeleteAccount::url(), &[("password", PASSWORD)]).await;
    assert_eq!(response.headers()["location"], "/connexion");
    assert!(users::find(&app.db, id).await.unwrap().is_none());
    for table in ["sessions", "user_roles"] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) AS n FROM {table} WHERE user_id = $1")).bind(id).fetch_one(app.db.pool()).await.unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let leftovers: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM audit_log WHERE target LIKE '%@%' OR details LIKE '%@%'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(leftovers, 0, "the audit log keeps no e-mail address");
    assert!(app.page("/connexion").await.contains("Votre compte et vos données ont été supprimés"));
}
