//! Attacks on the learning records and the accounts, each as someone would try it with `curl`
//! or a browser's "view source": reading the answer key, racing past a limit with parallel
//! requests, an open redirect, a forged client address, oversized inputs, a kept session token.

use app::{
    accounts::api::{SignIn, SignUp, UpdateProfile},
    course::{api::LoadModule, exercise::ExerciseKind, quiz::QuestionKind, repository as courses},
    quiz::api::{SubmitExercise, SubmitQuiz},
    sandbox::api::SendPracticeMessage,
};
use integration_tests::{bundled_courses_dir, write_one_module_course, on_both_engines, spawn_app, spawn_app_with, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    no_module_page_or_server_function_reveals_an_answer_key,
    parallel_quiz_submissions_cannot_pass_the_attempt_limit,
    parallel_exercise_and_atelier_requests_cannot_pass_their_limits,
    parallel_wrong_passwords_lock_the_account_after_the_fifth,
    sign_up_is_throttled_per_address,
    the_throttle_keys_on_the_client_behind_a_trusted_proxy_only,
    redirects_after_sign_in_stay_on_the_site,
    oversized_inputs_are_refused_with_their_limit,
    signing_in_again_replaces_the_session_token,
    attestations_keep_the_name_at_completion_and_can_be_revoked,
    exports_do_not_run_from_an_embedded_or_cross_site_request,
    private_pages_are_never_stored_and_public_ones_may_be,
    password_confirmations_are_throttled,
);

const PASSWORD: &str = "une phrase de passe solide";

/// Letters and digits only, lower case, single spaces: a secret is found whatever the escaping
/// (HTML entities in attributes, JSON in island props) around it.
fn normalized(text: &str) -> String {
    let decoded = text.replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("\\n", " ");
    decoded
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What must not reach a learner before an attempt, for one module: feedback, explanations,
/// short answers, hallucination explanations and reference answers (long enough to be specific).
fn secrets_of(page: &app::course::model::ModulePage) -> Vec<String> {
    let mut secrets = Vec::new();
    for quiz in &page.module.quizzes {
        for question in &quiz.questions {
            secrets.extend(question.explanation.clone());
            match &question.kind {
                QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
                    secrets.extend(choices.iter().filter_map(|c| c.feedback.clone()));
                }
                // Short answers are words of the lesson itself: the `"answers"` marker covers them.
                QuestionKind::Short { .. } => {}
            }
        }
    }
    for exercise in &page.module.exercises {
        match &exercise.kind {
            ExerciseKind::Prompt { reference_answer, .. } => secrets.extend(reference_answer.clone()),
            ExerciseKind::Hallucination { statements, .. } => secrets.extend(statements.iter().map(|s| s.explanation.clone())),
            ExerciseKind::Anonymize { .. } => {}
        }
    }
    secrets.into_iter().filter(|s| normalized(s).len() >= 24).collect()
}

/// The field names of a serialised key, found as JSON (`"correct"`) or HTML-escaped JSON.
const KEY_FIELDS: [&str; 6] = ["correct", "wrong", "reference_answer", "explanation", "answers", "feedback"];

async fn no_module_page_or_server_function_reveals_an_answer_key(engine: Engine) {
    let app = spawn_app(engine).await;
    courses::import_directory(&app.db, &bundled_courses_dir()).await.unwrap();
    let signed_in = spawn_client(&app).await;
    let mut checked = 0;
    for info in courses::catalogue(&app.db).await.unwrap() {
        let outline = courses::outline(&app.db, &info.slug).await.unwrap().unwrap();
        for module in &outline.modules {
            let page = courses::module_page(&app.db, &info.slug, &module.slug).await.unwrap().unwrap();
            let secrets = secrets_of(&page);
            let path = format!("/cours/{}/{}", info.slug, module.slug);
            let anonymous = app.page(&path).await;
            let agent = signed_in.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
            let function = app.call(LoadModule::url(), &[("course", &info.slug), ("module", &module.slug)]).await.text().await.unwrap();
            for (who, body) in [("anonymous page", &anonymous), ("signed-in page", &agent), ("load_module", &function)] {
                let haystack = normalized(body);
                assert!(haystack.contains(&normalized(&module.title)), "{who} of {path} is the module");
                for field in KEY_FIELDS {
                    for marker in [format!("\"{field}\""), format!("&quot;{field}&quot;"), format!("\\\"{field}\\\"")] {
                        assert!(!body.contains(&marker), "{who} of {path} carries {marker}");
                    }
                }
                for secret in &secrets {
                    assert!(!haystack.contains(&normalized(secret)), "{who} of {path} reveals « {secret} »");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "the whole curriculum was checked ({checked} modules)");
}

/// A second signed-in agent with its own cookie jar.
async fn spawn_client(app: &TestApp) -> reqwest::Client {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap();
    app.create_account("lecteur@ville.fr", PASSWORD, None, None).await;
    let response = client
        .post(app.url(SignIn::url()))
        .header("Accept", "text/html")
        .header("Origin", &app.address)
        .form(&[("email", "lecteur@ville.fr"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], "/mon-parcours");
    client
}

/// A one-module course: a quiz with three attempts, and a prompt exercise.
fn write_limited_course(dir: &std::path::Path) {
    let course = dir.join("limites");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(
        course.join("course.toml"),
        "title = \"Limites\"\nsummary = \"Pour les tests.\"\naudience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\nmodules = [\"01-un.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        course.join("01-un.md"),
        "+++\ntitle = \"Un\"\nduration = 5\nobjectives = [\"Lire\"]\nmax_attempts = 3\n+++\n\n## Texte\n\nBonjour.\n\n```quiz\n? Capitale ?\n- ( ) Lyon\n  > Non.\n- (x) Paris\n  > Oui.\n! Paris.\n\n? Sigle du règlement ?\n= RGPD\n! Le RGPD.\n```\n\n```exercise\nkind = \"prompt\"\ntitle = \"Demander\"\ninstructions = \"Demandez un résumé.\"\ncriteria = [\"task\"]\n```\n",
    )
    .unwrap();
}

async fn signed_in_on_limited_course(engine: Engine, messages_per_minute: i64) -> (TestApp, TempDir) {
    let app = spawn_app_with(engine, |config| config.sandbox_messages_per_minute = messages_per_minute).await;
    let dir = TempDir::new();
    write_limited_course(&dir.0);
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    app.import_bundled_scenarios().await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    (app, dir)
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(app.db.pool()).await.unwrap()
}

/// Sends `n` copies of a server-function call at once (as a script would, without HTML).
async fn in_parallel(app: &TestApp, n: usize, path: &'static str, fields: Vec<(&'static str, &'static str)>) -> Vec<StatusCode> {
    let calls = (0..n).map(|_| {
        let request = app.client.post(app.url(path)).form(&fields);
        tokio::spawn(async move { request.send().await.map(|r| r.status()) })
    });
    let mut statuses = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        statuses.push(call.await.unwrap().expect("request reaches the test server"));
    }
    statuses
}

async fn parallel_quiz_submissions_cannot_pass_the_attempt_limit(engine: Engine) {
    let (app, _dir) = signed_in_on_limited_course(engine, 10).await;
    let answers = vec![("course", "limites"), ("module", "un"), ("quiz", "0"), ("answers[q0]", "0"), ("answers[q1]", "rgpd")];
    let statuses = in_parallel(&app, 20, SubmitQuiz::url(), answers).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM quiz_attempts").await, 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 17, "{statuses:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM xapi_statements WHERE verb LIKE '%/failed'").await, 3, "one statement per stored attempt");
}

async fn parallel_exercise_and_atelier_requests_cannot_pass_their_limits(engine: Engine) {
    let (app, _dir) = signed_in_on_limited_course(engine, 3).await;
    let exercise = vec![("course", "limites"), ("module", "un"), ("exercise", "0"), ("text", "Résume ce texte.")];
    let statuses = in_parallel(&app, 20, SubmitExercise::url(), exercise).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM exercise_attempts").await, 10, "ten a minute: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 10, "{statuses:?}");

    let message = vec![("scenario", "repondre-a-un-usager"), ("message", "Rédige une réponse polie à un usager.")];
    in_parallel(&app, 20, SendPracticeMessage::url(), message).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_messages WHERE role = 'user'").await, 3, "three a minute");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_messages WHERE role = 'assistant'").await, 3, "each stored request has its answer");
}

async fn parallel_wrong_passwords_lock_the_account_after_the_fifth(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let wrong = vec![("email", "agent@ville.fr"), ("password", "pas le bon mot de passe")];
    let statuses = in_parallel(&app, 20, SignIn::url(), wrong).await;
    assert!(statuses.iter().all(|s| s.is_redirection() || *s == StatusCode::OK), "{statuses:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM throttle_events WHERE account_key = 'agent@ville.fr'").await, 5, "five passwords were checked");
    let right = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", PASSWORD)]).await;
    assert_eq!(right.headers()["location"], "/connexion", "locked after the fifth failure");
    assert!(app.page("/connexion").await.contains("Trop de tentatives de connexion"));
}

async fn sign_up_is_throttled_per_address(engine: Engine) {
    let app = spawn_app(engine).await;
    for _ in 0..30 {
        app.post_form(SignUp::url(), &[("display_name", "Zoé"), ("email", "zoe@"), ("organization_id", ""), ("password", "x")]).await;
        app.page("/inscription").await;
    }
    app.post_form(SignUp::url(), &[("display_name", "Zoé"), ("email", "zoe@ville.fr"), ("organization_id", ""), ("password", "x")]).await;
    let page = app.page("/inscription").await;
    assert!(page.contains("inscriptions depuis cette adresse"), "{page}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
}

async fn failures_from(app: &TestApp, forwarded_for: &str, n: usize) {
    for _ in 0..n {
        app.client
            .post(app.url(SignIn::url()))
            .header("Accept", "text/html")
            .header("Origin", &app.address)
            .header("X-Forwarded-For", forwarded_for)
            .form(&[("email", format!("inconnu-{}@ville.fr", rand_suffix()).as_str()), ("password", "mauvais")])
            .send()
            .await
            .unwrap();
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

async fn the_throttle_keys_on_the_client_behind_a_trusted_proxy_only(engine: Engine) {
    let behind_proxy = spawn_app_with(engine, |config| {
        config.trusted_proxies = app::web::TrustedProxies::parse("127.0.0.1, ::1").unwrap();
    })
    .await;
    failures_from(&behind_proxy, "203.0.113.1", 30).await;
    assert_eq!(count(&behind_proxy, "SELECT COUNT(*) FROM throttle_events WHERE address = '203.0.113.1'").await, 30);
    assert_eq!(count(&behind_proxy, "SELECT COUNT(*) FROM throttle_events WHERE address = '127.0.0.1'").await, 0, "not the proxy's address");
    behind_proxy.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let other_client = behind_proxy
        .client
        .post(behind_proxy.url(SignIn::url()))
        .header("Accept", "text/html")
        .header("Origin", &behind_proxy.address)
        .header("X-Forwarded-For", "203.0.113.2")
        .form(&[("email", "agent@ville.fr"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(other_client.headers()["location"], "/mon-parcours", "another agent behind the same proxy still signs in");

    // Without a trusted proxy, the header is the client's word and is ignored.
    let direct = spawn_app(engine).await;
    failures_from(&direct, "203.0.113.9", 3).await;
    assert_eq!(count(&direct, "SELECT COUNT(*) FROM throttle_events WHERE address = '203.0.113.9'").await, 0);
    assert_eq!(count(&direct, "SELECT COUNT(*) FROM throttle_events WHERE address = '127.0.0.1'").await, 3);
}

async fn redirects_after_sign_in_stay_on_the_site(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    for next in ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/\u{1}x", "/\n/evil.example"] {
        let response = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", PASSWORD), ("next", next)]).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{next:?}");
        assert_eq!(response.headers()["location"], "/mon-parcours", "{next:?}");
    }
    let response = app.post_form(SignIn::url(), &[("email", "agent@ville.fr"), ("password", PASSWORD), ("next", "/cours/a#quiz-1")]).await;
    assert_eq!(response.headers()["location"], "/cours/a#quiz-1");
}

async fn oversized_inputs_are_refused_with_their_limit(engine: Engine) {
    let (app, _dir) = signed_in_on_limited_course(engine, 10).await;
    let huge = "A".repeat(2 * 1024 * 1024);
    // Over the 2 MiB body limit, the form is not even read.
    let refused = app.post_form(UpdateProfile::url(), &[("display_name", &huge)]).await;
    assert!(!refused.status().is_success(), "{}", refused.status());
    assert_eq!(count(&app, "SELECT MAX(LENGTH(display_name)) FROM users").await, "Compte de test".len() as i64);
    let long_name = "A".repeat(10_000);
    app.post_form(UpdateProfile::url(), &[("display_name", &long_name)]).await;
    assert!(app.page("/mon-compte").await.contains("le nom ne doit pas dépasser 120 caractères"));
    assert_eq!(count(&app, "SELECT MAX(LENGTH(display_name)) FROM users").await, "Compte de test".len() as i64);

    let long_answer = "r".repeat(301);
    let response = app.call(SubmitQuiz::url(), &[("course", "limites"), ("module", "un"), ("quiz", "0"), ("answers[q1]", &long_answer)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("300 caractères"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM quiz_attempts").await, 0, "a refused attempt uses no try");
}

async fn signing_in_again_replaces_the_session_token(engine: Engine) {
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1, "the first token no longer opens a session");
}

async fn attestations_keep_the_name_at_completion_and_can_be_revoked(engine: Engine) {
    use app::{accounts::Role, progress::api::RevokeAttestation, quiz::api::MarkModuleRead};
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "solo", "Cours solo");
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    app.post_form(MarkModuleRead::url(), &[("course", "solo"), ("module", "seul")]).await;
    let code: String = sqlx::query_scalar("SELECT verification_code FROM course_completions").fetch_one(app.db.pool()).await.unwrap();
    app.post_form(UpdateProfile::url(), &[("display_name", "Nouveau Nom")]).await;
    let check = app.page(&format!("/attestations/{code}")).await;
    assert!(check.contains("Compte de test — Cours solo") && !check.contains("Nouveau Nom — Cours solo"), "the name at completion: {check}");
    assert!(check.contains("authentique"));

    // An agent cannot revoke; an administrator can, and the check then says so.
    let refused = app.call(RevokeAttestation::url(), &[("code", &code), ("reason", "Fraude")]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    app.sign_in("admin@ville.fr", PASSWORD).await;
    assert!(app.page(&format!("/attestations/{code}")).await.contains("Révoquer cette attestation"));
    let response = app.post_form(RevokeAttestation::url(), &[("code", &code), ("reason", "Parcours effectué par un tiers")]).await;
    assert_eq!(response.headers()["location"], format!("/attestations/{code}"));
    let check = app.page(&format!("/attestations/{code}")).await;
    assert!(check.contains("révoquée") && check.contains("Parcours effectué par un tiers"), "{check}");
    assert!(!check.contains("authentique"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'attestation.revoke'").await, 1);
}

async fn exports_do_not_run_from_an_embedded_or_cross_site_request(engine: Engine) {
    use app::accounts::Role;
    let app = spawn_app(engine).await;
    let unit = app::organizations::repository::create(&app.db, None, "Direction").await.unwrap().id;
    app.create_account("rh@ville.fr", PASSWORD, Some(unit), Some((Role::Hr, Some(unit)))).await;
    app.sign_in("rh@ville.fr", PASSWORD).await;
    let export = |dest: &'static str, site: &'static str| {
        app.client.get(app.url(&format!("/rh/export.csv?unite={unit}"))).header("Sec-Fetch-Dest", dest).header("Sec-Fetch-Site", site).send()
    };
    // `<img src="/rh/export.csv">` in a module, and a link from another site.
    assert_eq!(export("image", "same-origin").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(export("document", "cross-site").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.export'").await, 0, "nothing written under the reader's name");
    // The dashboard's own button.
    assert_eq!(export("document", "same-origin").await.unwrap().status(), StatusCode::OK);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.export'").await, 1);
}

async fn private_pages_are_never_stored_and_public_ones_may_be(engine: Engine) {
    let app = spawn_app(engine).await;
    let public = app.get("/cours").await;
    assert_ne!(public.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    for path in ["/mon-parcours", "/mon-compte", "/cours"] {
        let response = app.get(path).await;
        assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"), "{path} signed in");
    }
}

async fn password_confirmations_are_throttled(engine: Engine) {
    use app::accounts::api::ChangePassword;
    let app = spawn_app(engine).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    for _ in 0..5 {
        app.post_form(ChangePassword::url(), &[("current_password", "pas le bon"), ("new_password", "un nouveau mot de passe solide")]).await;
        assert!(app.page("/mon-compte").await.contains("le mot de passe actuel est incorrect"));
    }
    app.post_form(ChangePassword::url(), &[("current_password", PASSWORD), ("new_password", "un nouveau mot de passe solide")]).await;
    let page = app.page("/mon-compte").await;
    assert!(page.contains("essais du mot de passe"), "the sixth wrong-or-right try waits: {page}");
    app.sign_in("agent@ville.fr", PASSWORD).await;
}
