//! The course engine through HTTP: import with versions, catalogue, course and module pages,
//! course files, and the bundled curriculum.

use app::{
    course::repository::{self, PublishOutcome},
    i18n::Locale,
};
use integration_tests::{bundled_courses_dir, copy_dir, on_both_engines, spawn_app, Engine, TempDir, TestApp};
use reqwest::StatusCode;

on_both_engines!(
    the_bundled_curriculum_imports_and_every_module_page_renders,
    the_catalogue_filters_without_javascript,
    a_module_page_has_its_content_navigation_and_files,
    unchanged_content_is_not_a_new_version_and_changes_are,
    a_course_with_errors_is_refused_and_the_previous_version_stays,
    one_course_folder_imports_as_that_course,
);

const SAMPLE: &str = "prendre-en-main-campus-ia";

/// A folder holding a copy of the sample course, ready to be edited.
fn sample_folder() -> TempDir {
    let dir = TempDir::new();
    copy_dir(&bundled_courses_dir().join(SAMPLE), &dir.0.join(SAMPLE));
    dir
}

async fn import(app: &TestApp, dir: &std::path::Path) -> Vec<repository::ImportReport> {
    repository::import_directory(&app.db, dir).await.expect("import runs")
}

async fn html(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    (response.status(), response.text().await.unwrap())
}

async fn the_bundled_curriculum_imports_and_every_module_page_renders(engine: Engine) {
    let app = spawn_app(engine).await;
    let reports = import(&app, &bundled_courses_dir()).await;
    assert!(reports.len() >= 7, "{} courses", reports.len());
    for report in &reports {
        assert!(report.diagnostics.is_empty(), "{}: {:#?}", report.slug, report.diagnostics);
        assert!(matches!(report.outcome, Some(PublishOutcome::Published { .. })), "{}", report.slug);
    }
    let (status, catalogue) = html(&app, "/cours").await;
    assert_eq!(status, StatusCode::OK);
    for report in &reports {
        assert!(catalogue.contains(&format!("href=\"/cours/{}\"", report.slug)), "{} missing from the catalogue", report.slug);
        let outline = repository::outline(&app.db, &report.slug).await.unwrap().unwrap();
        let (status, _) = html(&app, &format!("/cours/{}", report.slug)).await;
        assert_eq!(status, StatusCode::OK);
        for module in &outline.modules {
            let (status, page) = html(&app, &format!("/cours/{}/{}", report.slug, module.slug)).await;
            assert_eq!(status, StatusCode::OK, "{}/{}", report.slug, module.slug);
            assert!(page.contains("id=\"module-titre\""), "{}/{}", report.slug, module.slug);
        }
    }
}

async fn the_catalogue_filters_without_javascript(engine: Engine) {
    let app = spawn_app(engine).await;
    import(&app, &bundled_courses_dir()).await;
    let (_, all) = html(&app, "/cours").await;
    assert!(all.contains("<title>Catalogue des cours · Campus IA</title>"), "{all}");
    assert!(all.contains("role=\"search\""));
    let (_, search) = html(&app, "/cours?q=donn%C3%A9es+personnelles").await;
    assert!(search.contains("href=\"/cours/donnees-personnelles-et-ia\""));
    assert!(!search.contains("href=\"/cours/cadre-juridique-de-l-ia\""), "filtered out");
    assert!(search.contains("value=\"données personnelles\""), "the search box keeps the query");
    let (_, advanced) = html(&app, "/cours?niveau=intermediaire").await;
    assert!(advanced.contains("href=\"/cours/cadre-juridique-de-l-ia\""));
    assert!(!advanced.contains("href=\"/cours/comprendre-l-ia-generative\""));
    let (status, nothing) = html(&app, "/cours?q=zzzz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(nothing.contains("Aucun cours ne correspond"), "{nothing}");
}

async fn a_module_page_has_its_content_navigation_and_files(engine: Engine) {
    let app = spawn_app(engine).await;
    import(&app, &bundled_courses_dir()).await;
    let outline = repository::outline(&app.db, SAMPLE).await.unwrap().unwrap();
    let first = &outline.modules[0];
    let second = &outline.modules[1];

    let (status, course) = html(&app, &format!("/cours/{SAMPLE}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(course.contains(&format!("<title>{} · Campus IA</title>", outline.info.title)), "{course}");
    assert!(course.contains(&format!("href=\"/cours/{SAMPLE}/{}\"", first.slug)), "the start button");

    let (status, page) = html(&app, &format!("/cours/{SAMPLE}/{}", first.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("aria-label=\"Fil d&#x27;Ariane\"") || page.contains("aria-label=\"Fil d'Ariane\""), "breadcrumb");
    assert!(page.contains("Module 1 sur 2"));
    assert!(page.contains("class=\"toc\""), "table of contents");
    assert!(page.contains("callout callout--warning"), "callouts rendered");
    assert!(page.contains(&format!("href=\"/cours/{SAMPLE}/{}\"", second.slug)), "next module link");
    assert!(page.contains("rel=\"next\""));
    assert!(page.contains("activity--quiz"), "quiz placeholder");
    assert_eq!(page.matches("<h1").count(), 1, "one h1 per page");

    let (status, last) = html(&app, &format!("/cours/{SAMPLE}/{}", second.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(last.contains("rel=\"prev\""));
    assert!(last.contains("Revenir au cours"));
    assert!(last.contains("activity--exercise"));

    let image = app.get(&format!("/cours/{SAMPLE}/fichiers/images/lire-repondre-s-exercer.svg")).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    assert!(image.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(app.get(&format!("/cours/{SAMPLE}/fichiers/course.toml")).await.status(), StatusCode::NOT_FOUND, "sources are not served");
    assert_eq!(app.get(&format!("/cours/{SAMPLE}/module-inconnu")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get("/cours/cours-inconnu").await.status(), StatusCode::NOT_FOUND);
}

async fn unchanged_content_is_not_a_new_version_and_changes_are(engine: Engine) {
    let app = spawn_app(engine).await;
    let folder = sample_folder();
    let first = import(&app, &folder.0).await;
    let Some(PublishOutcome::Published { version_id: v1 }) = first[0].outcome else { panic!("{:?}", first[0].outcome) };
    let again = import(&app, &folder.0).await;
    assert_eq!(again[0].outcome, Some(PublishOutcome::Unchanged { version_id: v1 }));

    let toml = folder.0.join(SAMPLE).join("course.toml");
    let original = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, original.replacen("title = \"", "title = \"Nouveau : ", 1)).unwrap();
    let changed = import(&app, &folder.0).await;
    let Some(PublishOutcome::Published { version_id: v2 }) = changed[0].outcome else { panic!("{:?}", changed[0].outcome) };
    assert_ne!(v1, v2);
    assert_eq!(repository::version_count(&app.db, SAMPLE).await.unwrap(), 2);
    let (_, page) = html(&app, &format!("/cours/{SAMPLE}")).await;
    assert!(page.contains("Nouveau : "), "the new version is served");

    std::fs::write(&toml, original).unwrap();
    let back = import(&app, &folder.0).await;
    assert_eq!(back[0].outcome, Some(PublishOutcome::Restored { version_id: v1 }), "same content, same version");
    assert_eq!(repository::version_count(&app.db, SAMPLE).await.unwrap(), 2);
}

async fn a_course_with_errors_is_refused_and_the_previous_version_stays(engine: Engine) {
    let app = spawn_app(engine).await;
    let folder = sample_folder();
    import(&app, &folder.0).await;
    let outline = repository::outline(&app.db, SAMPLE).await.unwrap().unwrap();
    let module_file = std::fs::read_dir(folder.0.join(SAMPLE))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("01-"))
        .unwrap();
    let text = std::fs::read_to_string(&module_file).unwrap();
    std::fs::write(&module_file, text.replacen("- (x)", "- ( )", 1)).unwrap();

    let refused = import(&app, &folder.0).await;
    assert_eq!(refused[0].outcome, None);
    let error = refused[0].diagnostics.iter().find(|d| d.message(Locale::Fr).contains("aucune bonne réponse")).expect("the error is reported");
    assert!(error.to_string().contains(&format!("{SAMPLE}/01-")), "{error}");
    assert_eq!(repository::version_count(&app.db, SAMPLE).await.unwrap(), 1);
    let still = repository::outline(&app.db, SAMPLE).await.unwrap().unwrap();
    assert_eq!(still.version_id, outline.version_id);
    assert_eq!(app.get(&format!("/cours/{SAMPLE}/{}", outline.modules[0].slug)).await.status(), StatusCode::OK);
}

/// `courses import courses/mon-cours`: the folder holding `course.toml` is the course; its
/// `documents/` and `images/` are its files, not courses of their own.
async fn one_course_folder_imports_as_that_course(engine: Engine) {
    let app = spawn_app(engine).await;
    let folder = sample_folder();
    let course = folder.0.join(SAMPLE);
    assert!(course.join("documents").is_dir() && course.join("images").is_dir(), "the sample has both folders");
    let reports = import(&app, &course).await;
    assert_eq!(reports.len(), 1, "{:?}", reports.iter().map(|r| &r.slug).collect::<Vec<_>>());
    assert_eq!(reports[0].slug, SAMPLE);
    assert!(matches!(reports[0].outcome, Some(PublishOutcome::Published { .. })), "{:?}", reports[0].diagnostics);
    let (status, _) = html(&app, &format!("/cours/{SAMPLE}")).await;
    assert_eq!(status, StatusCode::OK);
    // Imported again through its parent folder: the same course, unchanged.
    let again = import(&app, &folder.0).await;
    assert!(matches!(again[0].outcome, Some(PublishOutcome::Unchanged { .. })), "{:?}", again[0].outcome);
}
