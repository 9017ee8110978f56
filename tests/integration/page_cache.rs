//! Published pages as visitors see them: kept in memory per content version and locale, sent
//! with a policy naming their inline scripts by hash and with compressed copies; never kept for
//! a signed-in user or any request with a cookie besides the language; and fresh after a
//! publication — at once on the instance that published, within a second on another one.

use std::time::{Duration, Instant};

use integration_tests::{on_both_engines, spawn_app, spawn_instance_with, write_one_module_course, Engine, TempDir};
use reqwest::{header, StatusCode};

on_both_engines!(
    visitor_pages_are_kept_and_follow_publications,
    a_publication_reaches_another_instance_within_a_second,
    a_burst_of_first_visits_renders_the_page_once
);

const PASSWORD: &str = "une phrase de passe solide";

fn visitor() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

fn republish(dir: &std::path::Path, text: &str) {
    let module = dir.join("partage").join("01-seul.md");
    std::fs::write(module, format!("+++\ntitle = \"Seul module\"\nduration = 5\nobjectives = [\"Lire\"]\n+++\n\n## Texte\n\n{text}\n")).expect("module");
}

async fn visitor_page(client: &reqwest::Client, url: &str, headers: &[(header::HeaderName, &str)]) -> (reqwest::header::HeaderMap, String) {
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = request.send().await.expect("page");
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    let headers = response.headers().clone();
    (headers, response.text().await.expect("body"))
}

async fn visitor_pages_are_kept_and_follow_publications(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "partage", "Cours partagé");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let url = app.url("/cours/partage/seul");
    let client = visitor();

    // Rendered once, then answered from memory; the same bytes and policy both times.
    let (first, first_body) = visitor_page(&client, &url, &[]).await;
    assert!(first.get("x-campus-cache").is_none(), "the first view is rendered: {first:?}");
    let (kept, kept_body) = visitor_page(&client, &url, &[]).await;
    assert_eq!(kept["x-campus-cache"], "hit");
    assert_eq!(kept_body, first_body);
    assert!(kept_body.contains("Bonjour."), "{kept_body}");
    let policy = kept[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.contains("'sha256-") && !policy.contains("nonce"), "{policy}");
    assert!(!kept_body.contains("nonce="), "no nonce is handed to every visitor");
    // Each inline script of the page is named in the policy by its hash.
    let hashes = server::page_cache::inline_script_hashes(&kept_body);
    assert!(!hashes.is_empty());
    for hash in &hashes {
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{hash} missing from {policy}");
    }
    assert_eq!(kept[header::CACHE_CONTROL], "no-cache", "HTML is revalidated");
    assert_eq!(kept[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "the security headers are kept");
    assert!(kept.get(header::SET_COOKIE).is_none());

    // Compressed copies by Accept-Encoding, a 304 for an unchanged page.
    let brotli = client.get(&url).header(header::ACCEPT_ENCODING, "gzip, deflate, br").send().await.unwrap();
    assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
    let etag = kept[header::ETAG].clone();
    let unchanged = client.get(&url).header(header::IF_NONE_MATCH, etag.clone()).send().await.unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    // Another locale is another page.
    let (english, english_body) = visitor_page(&client, &url, &[(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")]).await;
    assert!(english.get("x-campus-cache").is_none(), "not the French copy");
    assert!(english_body.contains("lang=\"en\""), "{english_body}");

    // Any other cookie makes the request personal: rendered each time, with a nonce.
    for _ in 0..2 {
        let (personal, _) = visitor_page(&client, &url, &[(header::COOKIE, "campus_retour=x")]).await;
        assert!(personal.get("x-campus-cache").is_none());
        assert!(personal[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("'nonce-"));
    }
    // A signed-in learner's page is never kept (their name, their progress): it is filled in
    // from its template (tests/integration/learner_pages.rs), never the visitors' copy.
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    for _ in 0..2 {
        let response = app.client.get(&url).send().await.unwrap();
        assert_eq!(response.headers()["x-campus-cache"], "learner");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    }

    // A new version is seen by the very next view; the old ETag no longer matches.
    republish(&dir.0, "Nouvelle version du texte.");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let (_, body) = visitor_page(&client, &url, &[]).await;
    assert!(body.contains("Nouvelle version du texte.") && !body.contains("Bonjour."), "{body}");
    let changed = client.get(&url).header(header::IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    // The catalogue and the course page follow too.
    let (_, catalogue) = visitor_page(&client, &app.url("/cours"), &[]).await;
    assert!(catalogue.contains("Cours partagé"));
}

async fn a_publication_reaches_another_instance_within_a_second(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "partage", "Cours partagé");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    // The production setting: this instance reads the content version once a second.
    let (other, _) = spawn_instance_with(app.database_url(), |config| config.content_check_interval = Duration::from_secs(1)).await;
    let url = format!("{other}/cours/partage/seul");
    let client = visitor();
    visitor_page(&client, &url, &[]).await;
    let (kept, body) = visitor_page(&client, &url, &[]).await;
    assert_eq!(kept["x-campus-cache"], "hit");
    assert!(body.contains("Bonjour."));
    // A learner reading it there too (the module itself is held by the content cache).
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    let learner = app.client.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(learner.contains("Bonjour."));

    // Published elsewhere (here, straight into the shared database).
    republish(&dir.0, "Publié sur une autre instance.");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let published = Instant::now();
    loop {
        let (_, body) = visitor_page(&client, &url, &[]).await;
        if body.contains("Publié sur une autre instance.") {
            break;
        }
        assert!(published.elapsed() < Duration::from_millis(2_500), "still the old version after {:?}", published.elapsed());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let learner = app.client.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(learner.contains("Publié sur une autre instance."), "{learner}");
}

async fn a_burst_of_first_visits_renders_the_page_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "partage", "Cours partagé");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let client = visitor();
    // A long page, so that its render and compression (brotli 11) take a while.
    republish(&dir.0, &"Une phrase de ce long module, écrite pour être compressée. ".repeat(4_000));
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let url = app.url("/cours/partage/seul");
    let visits = (0..16).map(|_| {
        let (client, url) = (client.clone(), url.clone());
        tokio::spawn(async move { visitor_page(&client, &url, &[]).await })
    });
    let mut how = Vec::new();
    for visit in visits {
        let (headers, body) = visit.await.unwrap();
        assert!(body.contains("écrite pour être compressée"));
        how.push(headers.get("x-campus-cache").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_else(|| "rendered".into()));
    }
    // (Whether they overlap depends on timing; `page_cache`'s unit test checks the waiting.)
    assert_eq!(how.iter().filter(|h| *h == "rendered").count(), 1, "one render, the others wait for it or find it kept: {how:?}");
}
