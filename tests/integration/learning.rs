//! The learning loop through HTTP: quiz attempts (limits, best attempt), module and course
//! completion, dashboard, attestations, xAPI statements and course versions.

use app::{course::repository as courses, quiz::api::{MarkModuleRead, SubmitExercise, SubmitQuiz}};
use integration_tests::{on_both_engines, spawn_app, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    a_quiz_is_corrected_and_the_best_attempt_counts,
    the_attempt_limit_is_enforced,
    many_attempts_show_the_recent_ones_and_keep_the_best,
    reading_and_passing_complete_the_course_with_an_attestation,
    a_new_version_keeps_earlier_results,
    exercises_of_each_kind_are_graded_and_count_for_completion,
    the_quiz_island_words_its_errors_in_the_language_of_the_page,
);

const PASSWORD: &str = "une phrase de passe solide";

/// A two-module course without exercises: module 1 has a quiz (pass mark 70, 2 attempts).
fn write_course(dir: &std::path::Path, title: &str) {
    let course = dir.join("essai");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(
        course.join("course.toml"),
        format!("title = \"{title}\"\nsummary = \"Pour les tests.\"\naudience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\nmodules = [\"01-un.md\", \"02-deux.md\"]\n"),
    )
    .unwrap();
    std::fs::write(
        course.join("01-un.md"),
        "+++\ntitle = \"Premier\"\nduration = 10\nobjectives = [\"Lire\"]\nmax_attempts = 2\n+++\n\n## Texte\n\nBonjour.\n\n```quiz\n? Capitale de la France ?\n- ( ) Lyon\n  > Non.\n- (x) Paris\n  > Oui.\n! Paris.\n\n? Couleurs du drapeau ?\n- [x] Bleu\n  > Oui.\n- [x] Blanc\n  > Oui.\n- [ ] Vert\n  > Non.\n! Bleu, blanc, rouge.\n\n? Quel règlement protège les données personnelles ?\n= RGPD | règlement général sur la protection des données\n! Le RGPD.\n```\n",
    )
    .unwrap();
    std::fs::write(course.join("02-deux.md"), "+++\ntitle = \"Second\"\nduration = 5\nobjectives = [\"Finir\"]\n+++\n\n## Fin\n\nAu revoir.\n").unwrap();
}

async fn setup(engine: Engine) -> (TestApp, TempDir) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_course(&dir.0, "Cours d'essai");
    let reports = courses::import_directory(&app.db, &dir.0).await.unwrap();
    assert!(reports[0].outcome.is_some(), "{:?}", reports[0].diagnostics);
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    (app, dir)
}

async fn submit(app: &TestApp, answers: &[(&str, &str)]) -> reqwest::Response {
    let mut fields = vec![("course", "essai"), ("module", "un"), ("quiz", "0")];
    fields.extend_from_slice(answers);
    app.post_form(SubmitQuiz::url(), &fields).await
}

const WRONG: [(&str, &str); 3] = [("answers[q0]", "0"), ("answers[q1_0]", "on"), ("answers[q2]", "CNIL")];
const RIGHT: [(&str, &str); 4] = [("answers[q0]", "1"), ("answers[q1_0]", "on"), ("answers[q1_1]", "on"), ("answers[q2]", "rgpd")];

async fn a_quiz_is_corrected_and_the_best_attempt_counts(engine: Engine) {
    let (app, _dir) = setup(engine).await;
    let response = submit(&app, &WRONG).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "/cours/essai/un#quiz-1");
    let page = app.page("/cours/essai/un").await;
    assert!(page.contains("Score : 0 %"), "{page}");
    assert!(page.contains("pas encore réussi"));
    assert!(page.contains("Non."), "the chosen option's feedback");
    assert!(page.contains("Bleu, blanc, rouge."), "the explanation");
    assert!(page.contains("encore 1 essai"));

    submit(&app, &RIGHT).await;
    let page = app.page("/cours/essai/un").await;
    assert!(page.contains("Score : 100 %") && page.contains("réussi"), "{page}");
    assert!(page.contains("meilleur score : 100 %"));
    assert!(page.contains("Vos essais, du plus récent au plus ancien") && page.contains("— 0 % — pas encore réussi"), "past attempts can be reviewed");

    let statements: Vec<String> =
        sqlx::query_scalar("SELECT verb FROM xapi_statements ORDER BY stored_at, id").fetch_all(app.db.pool()).await.unwrap();
    assert!(statements.contains(&"http://adlnet.gov/expapi/verbs/failed".to_owned()));
    assert!(statements.contains(&"http://adlnet.gov/expapi/verbs/passed".to_owned()));
}

/// A quiz without an attempt limit: the correction lists the ten most recent attempts, numbered
/// from the total, while the count and the best score cover them all.
async fn many_attempts_show_the_recent_ones_and_keep_the_best(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = TempDir::new();
    write_course(&dir.0, "Cours d'essai");
    let module = dir.0.join("essai/01-un.md");
    let unlimited = std::fs::read_to_string(&module).unwrap().replace("max_attempts = 2\n", "");
    std::fs::write(&module, unlimited).unwrap();
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;

    submit(&app, &RIGHT).await;
    for _ in 0..11 {
        submit(&app, &WRONG).await;
    }
    let page = app.page("/cours/essai/un").await.replace("<!-- -->", "").replace("<!>", "");
    assert!(page.contains("Score : 0 %") && page.contains("meilleur score : 100 %"), "{page}");
    assert!(page.contains("Vos 10 derniers essais (sur 12)"), "{page}");
    assert!(page.contains(r#"start="12""#), "numbered from the total");
    // Counted in the list (the island's props carry the same lines, written by the server).
    assert_eq!(page.matches("— 0 % — pas encore réussi</li>").count(), 10);
    assert!(!page.contains("— 100 % — réussi"), "the oldest attempts are not listed");
}

async fn the_attempt_limit_is_enforced(engine: Engine) {
    let (app, _dir) = setup(engine).await;
    submit(&app, &RIGHT).await;
    submit(&app, &WRONG).await;
    let third = submit(&app, &RIGHT).await;
    assert_eq!(third.headers()["location"], "/cours/essai/un#quiz-1");
    let page = app.page("/cours/essai/un").await;
    assert!(page.contains("tous vos essais"), "{page}");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM quiz_attempts").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(n, 2, "the third attempt was not recorded");
    let best: i64 = sqlx::query_scalar("SELECT MAX(score) AS s FROM quiz_attempts").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(best, 100, "the best attempt is kept even though the last one failed");
    // A script calling the function directly is refused too, with a message.
    let direct = app.call(SubmitQuiz::url(), &[("course", "essai"), ("module", "un"), ("quiz", "0")]).await;
    assert!(!direct.status().is_success());
    assert_eq!(direct.status(), StatusCode::CONFLICT);
    assert!(direct.text().await.unwrap().contains("tous vos essais pour ce quiz"));
    // In English, the refusal written on the writer's task is English too: the job carries the
    // request's language.
    app.post_form("/langue", &[("lang", "en"), ("retour", "/")]).await;
    let english = app.call(SubmitQuiz::url(), &[("course", "essai"), ("module", "un"), ("quiz", "0")]).await;
    assert_eq!(english.status(), StatusCode::CONFLICT);
    let body = english.text().await.unwrap();
    assert!(body.contains("You have used all your attempts at this quiz"), "{body}");
}

async fn reading_and_passing_complete_the_course_with_an_attestation(engine: Engine) {
    let (app, _dir) = setup(engine).await;
    app.page("/cours/essai/un").await;
    assert!(app.page("/mon-parcours").await.contains("0 module(s) terminé(s) sur 2"));
    let read = app.post_form(MarkModuleRead::url(), &[("course", "essai"), ("module", "un")]).await;
    assert_eq!(read.headers()["location"], "/cours/essai/deux", "goes on to the next module");
    assert!(!app.page("/cours/essai/un").await.contains("Module terminé."), "the quiz is not passed yet");
    submit(&app, &RIGHT).await;
    assert!(app.page("/cours/essai/un").await.contains("Module terminé."));
    let last = app.post_form(MarkModuleRead::url(), &[("course", "essai"), ("module", "deux")]).await;
    assert_eq!(last.headers()["location"], "/cours/essai");

    let dashboard = app.page("/mon-parcours").await;
    assert!(dashboard.contains("2 module(s) terminé(s) sur 2"), "{dashboard}");
    assert!(dashboard.contains("score moyen aux quiz : 100 %"));
    let code: String = sqlx::query_scalar("SELECT verification_code FROM course_completions").fetch_one(app.db.pool()).await.unwrap();
    assert!(dashboard.contains(&format!("/mon-parcours/attestation/{code}")));
    let attestation = app.page(&format!("/mon-parcours/attestation/{code}")).await;
    assert!(attestation.contains("Compte de test") && attestation.contains("Cours d&#x27;essai") || attestation.contains("Cours d'essai"), "{attestation}");
    assert!(attestation.contains(&code));

    // The public check works for anyone and reveals nothing more than name, course and date.
    let visitor = reqwest::Client::new();
    let check = visitor.get(app.url(&format!("/attestations/{code}"))).send().await.unwrap();
    assert_eq!(check.status(), StatusCode::OK);
    let check = check.text().await.unwrap();
    assert!(check.contains("Cette attestation est authentique."));
    assert!(!check.contains("agent@ville.fr"), "no e-mail address");
    let unknown = visitor.get(app.url("/attestations/AAAA-BBBB-CCCC")).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM xapi_statements WHERE verb = 'http://adlnet.gov/expapi/verbs/completed'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 3, "two modules and the course");
}

async fn a_new_version_keeps_earlier_results(engine: Engine) {
    let (app, dir) = setup(engine).await;
    app.post_form(MarkModuleRead::url(), &[("course", "essai"), ("module", "un")]).await;
    submit(&app, &RIGHT).await;
    assert!(app.page("/cours/essai/un").await.contains("Module terminé."));
    write_course(&dir.0, "Cours d'essai, édition 2");
    courses::import_directory(&app.db, &dir.0).await.unwrap();
    let page = app.page("/cours/essai/un").await;
    assert!(page.contains("mis à jour depuis que vous avez terminé ce module"), "{page}");
    assert!(page.contains("Score : 100 %"), "the earlier attempt is still shown");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM quiz_attempts").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(n, 1);
}

/// Module 2 of the fixture, with one exercise of each kind.
const EXERCISES: &str = r#"+++
title = "Second"
duration = 5
objectives = ["S'exercer"]
+++

## Pratique

```exercise
kind = "prompt"
title = "Demander un résumé"
instructions = "Demandez un résumé du courrier."
criteria = ["task", "format", "no-personal-data"]
required_words = ["résumé"]
```

```exercise
kind = "anonymize"
title = "Anonymiser"
instructions = "Retirez les données personnelles."
document = "documents/lettre.md"
keep = ["loyer"]
```

```exercise
kind = "hallucination"
title = "Repérer l'erreur"
instructions = "Cochez ce qui est faux."
question = "Qui gère les listes électorales ?"

[[statements]]
text = "Le répertoire électoral unique est tenu par l'Insee."
wrong = false
explanation = "Exact."

[[statements]]
text = "L'article L. 999-1 impose 50 ans de conservation."
wrong = true
explanation = "Article inventé."
```
"#;

async fn exercises_of_each_kind_are_graded_and_count_for_completion(engine: Engine) {
    let (app, dir) = setup(engine).await;
    let course = dir.0.join("essai");
    std::fs::create_dir_all(course.join("documents")).unwrap();
    std::fs::write(course.join("documents/lettre.md"), "Données fictives. Mme Durand, 06 12 34 56 78, doit un loyer.").unwrap();
    std::fs::write(course.join("02-deux.md"), EXERCISES).unwrap();
    let reports = courses::import_directory(&app.db, &dir.0).await.unwrap();
    assert!(reports[0].outcome.is_some(), "{:?}", reports[0].diagnostics);
    app.post_form(MarkModuleRead::url(), &[("course", "essai"), ("module", "un")]).await;
    submit(&app, &RIGHT).await;
    app.post_form(MarkModuleRead::url(), &[("course", "essai"), ("module", "deux")]).await;

    let exercise = |n: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let mut all = vec![("course", "essai"), ("module", "deux"), ("exercise", n)];
        all.extend(fields);
        all
    };
    // Each exercise: a wrong try, corrected criterion by criterion, then a right one.
    let wrong = app.post_form(SubmitExercise::url(), &exercise("0", vec![("text", "Le courrier de Mme Durand.")])).await;
    assert_eq!(wrong.headers()["location"], "/cours/essai/deux#exercice-1");
    let page = app.page("/cours/essai/deux").await;
    assert!(page.contains("Pas encore réussi") && page.contains("retirez-les"), "{page}");
    app.post_form(SubmitExercise::url(), &exercise("0", vec![("text", "Rédigez un résumé de ce courrier en cinq lignes.")])).await;
    app.post_form(SubmitExercise::url(), &exercise("1", vec![("text", "Mme Durand doit un loyer.")])).await;
    assert!(app.page("/cours/essai/deux").await.contains("Il reste « Mme Durand »"));
    app.post_form(SubmitExercise::url(), &exercise("1", vec![("text", "[Nom] doit un loyer.")])).await;
    app.post_form(SubmitExercise::url(), &exercise("2", vec![("answers[s0]", "on")])).await;
    assert!(!app.page("/cours/essai/deux").await.contains("Module terminé."));
    app.post_form(SubmitExercise::url(), &exercise("2", vec![("answers[s1]", "on")])).await;
    let page = app.page("/cours/essai/deux").await;
    assert_eq!(page.matches("Exercice réussi.").count(), 3, "{page}");
    assert!(page.contains("Module terminé."));
    assert!(app.page("/mon-parcours").await.contains("2 module(s) terminé(s) sur 2"));
    let completions: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM course_completions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(completions, 1, "the course is completed once every exercise passed");
}

/// The quiz island shows a failed submission with the texts the server translated for the page:
/// an English visitor gets the fixed messages of `AppError` in English.
async fn the_quiz_island_words_its_errors_in_the_language_of_the_page(engine: Engine) {
    let (app, _dir) = setup(engine).await;
    let english = app.client.get(app.url("/cours/essai/un")).header("Accept-Language", "en").send().await.unwrap().text().await.unwrap();
    for sentence in ["Please sign in to continue.", "You do not have the rights required for this action.", "The service is temporarily unavailable."] {
        assert!(english.contains(sentence), "{sentence}: {english}");
    }
    assert!(!english.contains("Connectez-vous pour continuer."), "{english}");
    let french = app.page("/cours/essai/un").await;
    assert!(french.contains("Connectez-vous pour continuer."), "{french}");
}
