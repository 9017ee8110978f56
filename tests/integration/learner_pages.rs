//! Module pages of a signed-in learner filled in from their template (`server::learner_pages`):
//! the same HTML as the whole page rendered for that learner, at each step of their progress and
//! for each kind of account; no learner's data in another's page; the policy names the inline
//! scripts by hash; with `Accept-Encoding: gzip`, the same page spliced from precompressed pieces.

use app::{accounts::{forms::FormFeedback, Role}, course::repository as courses, quiz::api::{MarkModuleRead, SubmitExercise, SubmitQuiz}};
use integration_tests::{on_both_engines, spawn_app, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::{header, StatusCode};

on_both_engines!(a_learner_page_from_its_template_is_the_page_rendered_whole);

const PASSWORD: &str = "une phrase de passe solide";

fn write_course(dir: &std::path::Path) {
    let course = dir.join("gabarit");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(
        course.join("course.toml"),
        "title = \"Cours à gabarit\"\nsummary = \"Pour les tests.\"\naudience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\nmodules = [\"01-un.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        course.join("01-un.md"),
        "+++\ntitle = \"Un\"\nduration = 5\nobjectives = [\"Lire\"]\nmax_attempts = 3\n+++\n\n## Texte\n\nBonjour.\n\n```quiz\n? Capitale ?\n- ( ) Lyon\n  > Non.\n- (x) Paris\n  > Oui.\n! Paris.\n```\n\n## Suite\n\nEncore du texte.\n\n```exercise\nkind = \"prompt\"\ntitle = \"Demander\"\ninstructions = \"Demandez un résumé.\"\ncriteria = [\"task\"]\n```\n",
    )
    .unwrap();
}

/// A client without a cookie store, so that each request says exactly which cookies it sends.
fn bare_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn session_of(app: &TestApp, email: &str) -> String {
    let response = bare_client()
        .post(app.url(app::accounts::api::SignIn::url()))
        .header("Accept", "text/html")
        .header("Origin", &app.address)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("campus_session=") && !v.starts_with("campus_session=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a session cookie")
}

/// The page as sent, and whether it came from its template; the nonce attributes and the
/// quiz's "shown at" time (which differ between two renders) taken out.
async fn module_page(app: &TestApp, cookie: &str) -> (String, bool) {
    let response = bare_client().get(app.url("/cours/gabarit/un")).header(header::COOKIE, cookie).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let templated = response.headers().get("x-campus-cache").is_some_and(|v| v == "learner");
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    let body = response.text().await.unwrap();
    if templated {
        assert!(policy.contains("'sha256-") && !policy.contains("nonce"), "{policy}");
        for hash in server::page_cache::inline_script_hashes(&body) {
            assert!(policy.contains(&format!("'sha256-{hash}'")), "{hash} missing from {policy}");
        }
    }
    assert!(!body.contains(app::components::template::SLOT_MARKER), "every slot is filled");
    let body = comparable(&body);
    if templated {
        // The same page in gzip, from its precompressed pieces (`server::spliced_gzip`).
        let response = bare_client().get(app.url("/cours/gabarit/un")).header(header::COOKIE, cookie).header(header::ACCEPT_ENCODING, "gzip, deflate, br").send().await.unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let mut unzipped = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&response.bytes().await.unwrap()[..]), &mut unzipped).expect("valid gzip");
        assert_eq!(comparable(&unzipped), body, "the gzip page is the page");
    }
    (body, templated)
}

/// `html` without what differs between two renders of the same page: the nonce attributes and
/// the quiz's "shown at" time.
fn comparable(html: &str) -> String {
    // Leptos also writes the nonce as the asset links' `crossorigin` (any value means anonymous).
    let html = without_values(&without_values(html, " nonce=\""), " crossorigin=\"").replace(" nonce=\"\"", "");
    without_values(&html, "name=\"shown_at\" value=\"")
}

/// `html` with the value that follows each `prefix` (up to its closing quote) removed.
fn without_values(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(prefix) {
        out.push_str(&rest[..start + prefix.len()]);
        rest = &rest[start + prefix.len()..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}

/// The page from its template, then rendered whole (a feedback cookie the page would show makes
/// it so), for the holder of `session`: they must be the same.
async fn same_page_both_ways(app: &TestApp, session: &str, step: &str) -> String {
    let (filled, templated) = module_page(app, session).await;
    assert!(templated, "{step}: from the template");
    // Feedback for an exercise the module does not have: rendered whole, and shows nothing more.
    let feedback = FormFeedback::new("exercice-99").to_cookie_value();
    let (whole, templated) = module_page(app, &format!("{session}; campus_flash={feedback}")).await;
    assert!(!templated, "{step}: rendered whole");
    assert_eq!(filled, whole, "{step}: the page from its template differs from the page rendered whole");
    filled
}

async fn a_learner_page_from_its_template_is_the_page_rendered_whole(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_course(&dir.0);
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    let agent = app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    sqlx::query("UPDATE users SET display_name = 'Zoé <Agent>' WHERE id = $1").bind(agent).execute(app.db.pool()).await.unwrap();
    app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    let (agent_session, admin_session) = (session_of(&app, "agent@ville.fr").await, session_of(&app, "admin@ville.fr").await);

    let before = unix_now();
    let first = same_page_both_ways(&app, &agent_session, "first visit").await;
    // The blank quiz (kept with the template) shows the time of this view.
    let response = bare_client().get(app.url("/cours/gabarit/un")).header(header::COOKIE, &agent_session).send().await.unwrap();
    assert_eq!(response.headers()["x-campus-cache"], "learner");
    let body = response.text().await.unwrap();
    let shown_at: i64 = body.split("name=\"shown_at\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).and_then(|v| v.parse().ok()).expect("a shown_at time");
    assert!((before..=unix_now()).contains(&shown_at), "{shown_at} is not the time of the view");
    assert!(first.contains("Zoé &lt;Agent&gt;") && !first.contains("Zoé <Agent>"), "the name, escaped");
    assert!(first.contains("J'ai lu ce module en entier") && first.contains("Valider mes réponses"));
    assert!(!first.contains("href=\"/admin\""), "no administrator's link for an agent");

    // Another account gets its own parts from the same template.
    let admin = same_page_both_ways(&app, &admin_session, "administrator").await;
    assert!(admin.contains("href=\"/admin\"") && admin.contains("href=\"/rh\"") && !admin.contains("Zoé"), "the administrator's own links and name");

    // After a wrong attempt, an exercise and reading: each part shows the learner's records.
    let post = |path: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let session = agent_session.clone();
        let app = &app;
        async move {
            let response = bare_client()
                .post(app.url(path))
                .header("Accept", "text/html")
                .header("Origin", &app.address)
                .header(header::COOKIE, session)
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        }
    };
    post(SubmitQuiz::url(), vec![("course", "gabarit"), ("module", "un"), ("quiz", "0"), ("answers[q0]", "0")]).await;
    let corrected = same_page_both_ways(&app, &agent_session, "after an attempt").await;
    let left = app::i18n::Locale::Fr.text_with("quiz-attempts-left", &[("count", 2.into())]);
    assert!(corrected.contains(&left) && !first.contains(&left), "the attempts left: {left}");
    post(SubmitExercise::url(), vec![("course", "gabarit"), ("module", "un"), ("exercise", "0"), ("text", "Rédigez un résumé de ce courrier.")]).await;
    same_page_both_ways(&app, &agent_session, "after an exercise").await;
    post(MarkModuleRead::url(), vec![("course", "gabarit"), ("module", "un")]).await;
    let read = same_page_both_ways(&app, &agent_session, "after reading").await;
    assert!(!read.contains("J'ai lu ce module en entier") && read.contains("Vous avez lu ce module en entier."), "read");
    post(SubmitQuiz::url(), vec![("course", "gabarit"), ("module", "un"), ("quiz", "0"), ("answers[q0]", "1")]).await;
    let completed = same_page_both_ways(&app, &agent_session, "after completion").await;
    assert!(completed.contains("Module terminé.") && !read.contains("Module terminé."), "completed once the quiz is passed");

    // The administrator's page did not take any of the agent's records.
    let admin_again = same_page_both_ways(&app, &admin_session, "administrator, later").await;
    assert_eq!(admin_again, admin, "nothing of the agent's progress");

    // The feedback cookie is cleared by the page from its template too.
    let response = bare_client().get(app.url("/cours/gabarit/un")).header(header::COOKIE, format!("{agent_session}; campus_flash={}", FormFeedback::new("bienvenue").to_cookie_value())).send().await.unwrap();
    assert_eq!(response.headers()["x-campus-cache"], "learner");
    assert!(response.headers().get_all(header::SET_COOKIE).iter().any(|v| v.to_str().unwrap().starts_with("campus_flash=;")), "{:?}", response.headers());
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "a learner's page is never kept by a shared cache");

    // An unknown module is the renderer's 404.
    let missing = bare_client().get(app.url("/cours/gabarit/absent")).header(header::COOKIE, &agent_session).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
