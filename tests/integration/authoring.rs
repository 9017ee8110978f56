//! Authoring (`/formation`) through HTTP: course scope, draft → check → publish → history, diff
//! and rollback, `.zip` export and import with the same content hash, upload checks, item
//! analytics (aggregates only) and problem reports.

use app::{
    accounts::{api::SignOut, Role},
    authoring::api::{ChangeModules, CreateCourse, PublishCourse, ReportProblem, ResolveProblem, RollBackCourse, SaveModule},
    quiz::api::SubmitQuiz,
};
use integration_tests::{on_both_engines, spawn_app, Engine, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    a_trainer_edits_only_their_courses,
    drafts_are_checked_published_compared_and_rolled_back,
    archives_round_trip_and_uploads_are_checked,
    analytics_show_aggregates_and_reports_reach_trainers,
);

const PASSWORD: &str = "une phrase de passe solide";

/// A module with one quiz whose first option is wrong; `right` = false leaves no right answer.
fn module_text(title: &str, right: bool) -> String {
    let mark = if right { "x" } else { " " };
    format!(
        "+++\ntitle = \"{title}\"\nduration = 5\nobjectives = [\"Savoir\"]\n+++\n\n## Texte\n\nBonjour.\n\n```quiz\n? Capitale de la France ?\n- ( ) Lyon\n  > Non.\n- ({mark}) Paris\n  > Oui.\n! Paris.\n```\n"
    )
}

fn shows(page: &str, text: &str) -> bool {
    page.contains(text) || page.contains(&text.replace('\'', "&#x27;")) || page.contains(&text.replace('\'', "&#39;"))
}

async fn switch_to(app: &TestApp, email: &str) {
    app.post_form(SignOut::url(), &[]).await;
    app.sign_in(email, PASSWORD).await;
}

/// Trainer A creates course `essai` and publishes a valid first version.
async fn published_course(app: &TestApp) {
    app.create_account("formateur-a@ville.fr", PASSWORD, None, Some((Role::Trainer, None))).await;
    app.sign_in("formateur-a@ville.fr", PASSWORD).await;
    let created = app.post_form(CreateCourse::url(), &[("slug", "essai"), ("title", "Cours d'essai")]).await;
    assert_eq!(created.headers()["location"], "/formation/cours/essai");
    app.post_form(SaveModule::url(), &[("slug", "essai"), ("file", "01-introduction.md"), ("text", &module_text("Introduction", true))]).await;
    let published = app.post_form(PublishCourse::url(), &[("slug", "essai")]).await;
    assert_eq!(published.headers()["location"], "/formation/cours/essai");
    assert!(app.page("/formation/cours/essai").await.contains("Publié : version"), "first version online");
}

async fn a_trainer_edits_only_their_courses(engine: Engine) {
    let app = spawn_app(engine).await;
    published_course(&app).await;
    app.create_account("formateur-b@ville.fr", PASSWORD, None, Some((Role::Trainer, None))).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;

    switch_to(&app, "formateur-b@ville.fr").await;
    assert!(!app.page("/formation").await.contains("Cours d&#x27;essai") && !app.page("/formation").await.contains("Cours d'essai"));
    for path in ["/formation/cours/essai", "/formation/cours/essai/modules/01-introduction.md", "/formation/cours/essai/versions", "/formation/cours/essai/statistiques"] {
        assert_eq!(app.get(path).await.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.get("/formation/cours/essai/export.zip").await.status(), StatusCode::FORBIDDEN);
    for (url, fields) in [
        (SaveModule::url(), vec![("slug", "essai"), ("file", "01-introduction.md"), ("text", "vandalisme")]),
        (PublishCourse::url(), vec![("slug", "essai")]),
        (ChangeModules::url(), vec![("slug", "essai"), ("action", "retirer"), ("file", "01-introduction.md")]),
    ] {
        assert_eq!(app.call(url, &fields).await.status(), StatusCode::FORBIDDEN, "{url}");
    }
    let draft: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM course_drafts").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(draft, 0, "nothing written by trainer B");

    switch_to(&app, "agent@ville.fr").await;
    assert_eq!(app.get("/formation").await.status(), StatusCode::FORBIDDEN);
}

async fn drafts_are_checked_published_compared_and_rolled_back(engine: Engine) {
    let app = spawn_app(engine).await;
    published_course(&app).await;
    let first_version: i64 = sqlx::query_scalar("SELECT current_version_id FROM courses WHERE slug = 'essai'").fetch_one(app.db.pool()).await.unwrap();

    // An error is saved (nothing lost), shown with its line, and blocks publishing.
    app.post_form(SaveModule::url(), &[("slug", "essai"), ("file", "01-introduction.md"), ("text", &module_text("Introduction revue", false))]).await;
    let editor = app.page("/formation/cours/essai/modules/01-introduction.md").await;
    assert!(editor.contains("Introduction revue"), "the draft keeps the text");
    assert!(editor.contains("Ligne 1"), "problems are placed by line: {editor}");
    let refused = app.post_form(PublishCourse::url(), &[("slug", "essai")]).await;
    assert_eq!(refused.headers()["location"], "/formation/cours/essai#problemes");
    assert!(shows(&app.page("/formation/cours/essai").await, "Non publié : le brouillon a 1 erreur(s)"));
    assert!(app.page("/cours/essai/introduction").await.contains("<h1 id=\"module-titre\">Introduction</h1>"), "learners still see version 1");

    // Fixed and published: version 2.
    app.post_form(SaveModule::url(), &[("slug", "essai"), ("file", "01-introduction.md"), ("text", &module_text("Introduction revue", true))]).await;
    app.post_form(PublishCourse::url(), &[("slug", "essai")]).await;
    assert!(app.page("/cours/essai/introduction").await.contains("Introduction revue"));
    let second_version: i64 = sqlx::query_scalar("SELECT current_version_id FROM courses WHERE slug = 'essai'").fetch_one(app.db.pool()).await.unwrap();
    assert_ne!(first_version, second_version);

    // History and a readable diff.
    let history = app.page("/formation/cours/essai/versions").await;
    assert!(history.contains(&format!("Remettre la version {first_version} en ligne")));
    let diff = app.page(&format!("/formation/cours/essai/versions?de={first_version}&a={second_version}")).await;
    assert!(diff.contains("<del>- title = &quot;Introduction&quot;") || diff.contains("<del>- title = \"Introduction\""), "{diff}");
    assert!(diff.contains("Introduction revue"));

    // Roll back: version 1 is online again, version 2 stays in the history.
    app.post_form(RollBackCourse::url(), &[("slug", "essai"), ("version", &first_version.to_string())]).await;
    assert!(app.page("/cours/essai/introduction").await.contains("<h1 id=\"module-titre\">Introduction</h1>"));
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM course_versions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(versions, 2);

    // Modules: add, move, and the course page follows once published.
    app.post_form(ChangeModules::url(), &[("slug", "essai"), ("action", "ajouter"), ("title", "Pour aller plus loin")]).await;
    app.post_form(ChangeModules::url(), &[("slug", "essai"), ("action", "monter"), ("file", "02-pour-aller-plus-loin.md")]).await;
    app.post_form(PublishCourse::url(), &[("slug", "essai")]).await;
    let course = app.page("/cours/essai").await;
    let (first, second) = (course.find("Pour aller plus loin").unwrap(), course.find("Introduction").unwrap());
    assert!(first < second, "the moved module comes first");
}

async fn upload(app: &TestApp, path: &str, name: &str, file_name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(name.to_owned(), reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()));
    app.client.post(app.url(path)).header("Origin", &app.address).multipart(form).send().await.expect("upload reaches the server")
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

async fn archives_round_trip_and_uploads_are_checked(engine: Engine) {
    let app = spawn_app(engine).await;
    published_course(&app).await;
    let hash = || async {
        sqlx::query_scalar::<_, String>("SELECT v.content_hash FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.slug = 'essai'")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    let before = hash().await;

    // Export, import the same archive, publish: the same content, no new version.
    let export = app.get("/formation/cours/essai/export.zip").await;
    assert_eq!(export.status(), StatusCode::OK);
    assert_eq!(export.headers()["content-type"], "application/zip");
    let archive = export.bytes().await.unwrap().to_vec();
    let imported = upload(&app, "/formation/importer", "archive", "essai.zip", archive.clone()).await;
    assert_eq!(imported.headers()["location"], "/formation/cours/essai");
    app.post_form(PublishCourse::url(), &[("slug", "essai")]).await;
    assert!(shows(&app.page("/formation/cours/essai").await, "Le brouillon est identique à la version en ligne."));
    assert_eq!(hash().await, before, "export → import keeps the content hash");
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM course_versions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(versions, 1);

    // Refused: paths leaving the folder, files too large, a fake image, not a zip.
    let evil = zip_of(&[("essai/course.toml", b"x"), ("essai/../../evil.md", b"x")]);
    upload(&app, "/formation/importer", "archive", "essai.zip", evil).await;
    assert!(shows(&app.page("/formation").await, "Import refusé : chemin refusé dans l'archive"));
    upload(&app, "/formation/importer", "archive", "essai.zip", b"pas une archive".to_vec()).await;
    assert!(shows(&app.page("/formation").await, "n'est pas une archive .zip lisible"));
    let fake = upload(&app, "/formation/cours/essai/fichiers", "fichier", "photo.png", b"MZ\x90\x00 executable".to_vec()).await;
    assert_eq!(fake.headers()["location"], "/formation/cours/essai#fichiers");
    assert!(shows(&app.page("/formation/cours/essai").await, "le contenu de « photo.png » ne correspond pas à son extension"));
    let big = upload(&app, "/formation/cours/essai/fichiers", "fichier", "schema.png", vec![0u8; 5 * 1024 * 1024 + 1]).await;
    assert!(big.status() == StatusCode::SEE_OTHER || big.status() == StatusCode::PAYLOAD_TOO_LARGE, "{}", big.status());
    let page = app.page("/formation/cours/essai").await;
    assert!(!page.contains("images/schema.png"), "nothing stored");
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 16]].concat();
    upload(&app, "/formation/cours/essai/fichiers", "fichier", "Schéma final.png", png).await;
    assert!(app.page("/formation/cours/essai").await.contains("images/schema-final.png"), "a real image is added to the draft");
}

async fn analytics_show_aggregates_and_reports_reach_trainers(engine: Engine) {
    let app = spawn_app(engine).await;
    published_course(&app).await;
    // Five learners: the first four pick Lyon first, then Paris; the fifth gets it right at once.
    for n in 0..5 {
        let email = format!("agent{n}@ville.fr");
        app.create_account(&email, PASSWORD, None, None).await;
        switch_to(&app, &email).await;
        if n < 4 {
            app.post_form(SubmitQuiz::url(), &[("course", "essai"), ("module", "introduction"), ("quiz", "0"), ("answers[q0]", "0")]).await;
        }
        app.post_form(SubmitQuiz::url(), &[("course", "essai"), ("module", "introduction"), ("quiz", "0"), ("answers[q0]", "1")]).await;
    }
    let reported = app
        .post_form(ReportProblem::url(), &[("course", "essai"), ("module", "introduction"), ("kind", "coquille"), ("message", "« Bonjour » devrait être suivi d'une virgule.")])
        .await;
    assert_eq!(reported.headers()["location"], "/cours/essai/introduction#signaler");
    app.post_form(ReportProblem::url(), &[("course", "essai"), ("module", "introduction"), ("kind", "inconnu"), ("message", "")]).await;
    assert!(app.page("/cours/essai/introduction").await.contains("Signalement non envoyé."));

    switch_to(&app, "formateur-a@ville.fr").await;
    // Leptos marks the joins between text nodes with `<!>`.
    let stats = app.page("/formation/cours/essai/statistiques").await.replace("<!>", "");
    assert!(stats.contains("9 tentative(s) par 5 personne(s)"), "{stats}");
    assert!(stats.contains("20 %"), "1 learner in 5 right the first time: {stats}");
    assert!(stats.contains("Lyon : 4") && stats.contains("Paris (bonne réponse) : 5"), "option choices: {stats}");
    assert!(!stats.contains("agent0@ville.fr"), "no individual");

    let inbox = app.page("/formation/cours/essai/signalements").await;
    assert!(inbox.contains("devrait être suivi d") && inbox.contains("Coquille ou faute"));
    let id: i64 = sqlx::query_scalar("SELECT id FROM problem_reports").fetch_one(app.db.pool()).await.unwrap();
    app.post_form(ResolveProblem::url(), &[("slug", "essai"), ("id", &id.to_string())]).await;
    assert!(app.page("/formation/cours/essai/signalements").await.contains("Résolu le"));
}
