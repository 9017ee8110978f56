//! The free-practice sandbox through HTTP: a request gets the simulated reply, rubric feedback and
//! personal-data warnings; transcripts stay private; limits are explained.

use app::{
    i18n::Locale,
    sandbox::api::{ClearPractice, SendPracticeMessage},
};
use integration_tests::{on_both_engines, spawn_app, spawn_app_with, Engine};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(
    practising_shows_the_reply_feedback_and_warnings_to_its_author_only,
    an_external_assistant_answers_and_never_receives_personal_data,
    the_per_minute_limit_follows_the_configuration,
    scenarios_are_content_files_refused_when_wrong_and_retired_when_removed,
    a_staged_failure_comes_with_its_debrief_after_the_answer,
);

const PASSWORD: &str = "une phrase de passe solide";
const SCENARIO: &str = "repondre-a-un-usager";

async fn practising_shows_the_reply_feedback_and_warnings_to_its_author_only(engine: Engine) {
    let app = spawn_app(engine).await;
    app.import_bundled_scenarios().await;
    assert_eq!(app.get(&format!("/atelier/{SCENARIO}")).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/atelier/inconnu").await.status(), StatusCode::NOT_FOUND);
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.create_account("autre@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;

    let vague = app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", "La cantine.")]).await;
    assert_eq!(vague.headers()["location"], format!("/atelier/{SCENARIO}#reponse"));
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("Je ne suis pas sûr de ce que vous attendez"), "a vague request gets a question back");
    assert!(page.contains("À améliorer"));

    let complete = "Vous êtes agent du service scolaire. Contexte : un usager n'a pas reçu sa facture de cantine. \
                    Rédigez une réponse de dix lignes au plus, sur un ton cordial pour un usager, sans inventer de règle, \
                    à partir du message ci-dessous.\n\
                    « Bonjour, je n'ai toujours pas reçu la facture de cantine de mon enfant et je crains une pénalité. »";
    app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", complete)]).await;
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("Nous avons bien reçu votre message concernant la facture de cantine"), "the good answer");

    app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", "Répondez à Mme Durand, 06 12 34 56 78.")]).await;
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("contient des données personnelles"));
    assert!(page.contains("<mark>06 12 34 56 78</mark>"), "{page}");

    let too_long = "x".repeat(4_001);
    app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", &too_long)]).await;
    assert!(app.page(&format!("/atelier/{SCENARIO}")).await.contains("dépasse 4000 caractères"));

    // Another account sees none of it.
    app.post_form(app::accounts::api::SignOut::url(), &[]).await;
    app.sign_in("autre@ville.fr", PASSWORD).await;
    let other = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(!other.contains("Mme Durand") && other.contains("Écrivez votre première demande"));

    app.post_form(app::accounts::api::SignOut::url(), &[]).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    app.post_form(ClearPractice::url(), &[("scenario", SCENARIO)]).await;
    assert!(app.page(&format!("/atelier/{SCENARIO}")).await.contains("Écrivez votre première demande"));
}

/// The OpenAI-protocol client backend, tested against our own `/v1` endpoint over real HTTP: one
/// server plays the external service (Albert, vLLM…), the other sends its atelier to it.
async fn an_external_assistant_answers_and_never_receives_personal_data(engine: Engine) {
    let service = spawn_app(engine).await;
    let base_url = format!("{}/v1", service.address);
    let app = spawn_app_with(engine, |config| {
        config.assistant = app::sandbox::backend::AssistantBackend::from_settings(
            Some(&base_url),
            Some("jeton-de-test"),
            Some(app::sandbox::assistant::MODEL_ID),
        )
        .expect("valid settings");
    })
    .await;
    app.import_bundled_scenarios().await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("Assistant externe : le modèle « campus-ia-simule »"), "the page says where messages go");

    // As the chat island calls it: the updated conversation comes back as JSON.
    let sent = app
        .client
        .post(app.url(SendPracticeMessage::url()))
        .header("Accept", "application/json")
        .header("Origin", &app.address)
        .form(&[("scenario", SCENARIO), ("message", "Rédigez une réponse à un usager qui n'a pas reçu sa facture.")])
        .send()
        .await
        .expect("request reaches the server");
    assert_eq!(sent.status(), StatusCode::OK);
    let view: app::sandbox::api::PracticeView = sent.json().await.expect("a conversation");
    assert_eq!(view.messages.len(), 2);
    assert_eq!(view.external_model.as_deref(), Some("campus-ia-simule"));
    // The service's simulated assistant wrote the reply (it had no scenario reference answer).
    assert!(view.messages[1].content.contains("Voici une proposition générale"), "{:?}", view.messages);

    // Personal data is refused before anything is sent, with the reason, and nothing is stored.
    let refused = app
        .post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", "Répondez à Mme Durand, 06 12 34 56 78.")])
        .await;
    assert_eq!(refused.headers()["location"], format!("/atelier/{SCENARIO}#reponse"));
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("il n&#x27;a pas été envoyé à l&#x27;assistant externe") || page.contains("il n'a pas été envoyé à l'assistant externe"), "{page}");
    assert!(page.contains("06 12 34 56 78"), "the typed text is kept in the field");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM sandbox_messages").fetch_one(app.db.pool()).await.expect("count");
    assert_eq!(stored, 2, "the refused message was not stored");

    // A service that refuses (wrong token) gives a clear message, not an error page.
    let misconfigured = spawn_app_with(engine, |config| {
        config.assistant =
            app::sandbox::backend::AssistantBackend::from_settings(Some(&base_url), Some("mauvais-jeton"), Some("campus-ia-simule"))
                .expect("valid settings");
    })
    .await;
    misconfigured.import_bundled_scenarios().await;
    misconfigured.create_account("agent@ville.fr", PASSWORD, None, None).await;
    misconfigured.sign_in("agent@ville.fr", PASSWORD).await;
    misconfigured.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", "Rédigez une réponse.")]).await;
    let page = misconfigured.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("HTTP 401"), "{page}");
}

/// `CAMPUS_SANDBOX_MESSAGES_PER_MINUTE`: the next message is refused with the configured figure,
/// and the refused one is not stored.
async fn the_per_minute_limit_follows_the_configuration(engine: Engine) {
    let app = spawn_app_with(engine, |config| config.sandbox_messages_per_minute = 3).await;
    app.import_bundled_scenarios().await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    for n in 1..=3 {
        app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", &format!("Demande numéro {n}."))]).await;
    }
    app.post_form(SendPracticeMessage::url(), &[("scenario", SCENARIO), ("message", "Demande numéro 4.")]).await;
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("vous avez envoyé 3 messages en une minute"), "{page}");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_messages WHERE role = 'user'")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(stored, 3, "the refused message is not stored");
}

const SCENARIO_FILE: &str = "title = \"Essai\"\nsituation = \"Vous êtes agent d'accueil et un habitant vous pose une question sur la piscine.\"\n\
    document = \"La piscine ferme en août pour la vidange annuelle.\"\ncriteria = [\"task\", \"source\"]\nreference_answer = \"Réponse secrète de référence.\"\n";

/// `courses/atelier/*.toml` is imported like courses: a file with an error is refused and the
/// previous version stays online; a removed file retires its scenario; learners never receive
/// the reference answer.
async fn scenarios_are_content_files_refused_when_wrong_and_retired_when_removed(engine: Engine) {
    let app = spawn_app(engine).await;
    let dir = integration_tests::TempDir::new();
    let atelier = dir.0.join("atelier");
    std::fs::create_dir_all(&atelier).unwrap();
    std::fs::write(atelier.join("01-essai.toml"), SCENARIO_FILE).unwrap();
    let import = app::sandbox::service::import_scenarios(&app.db, &dir.0).await.unwrap().unwrap();
    assert_eq!(import.published, vec!["essai".to_owned()]);
    assert_eq!(app.page("/atelier").await.matches("/atelier/essai").count(), 1);
    let listed = app.call(app::sandbox::api::LoadScenario::url(), &[("scenario", "essai")]).await.text().await.unwrap();
    assert!(listed.contains("La piscine ferme") && !listed.contains("secrète"), "the learner view has no reference answer: {listed}");

    std::fs::write(atelier.join("01-essai.toml"), SCENARIO_FILE.replace("[\"task\", \"source\"]", "[\"tache\"]")).unwrap();
    let import = app::sandbox::service::import_scenarios(&app.db, &dir.0).await.unwrap().unwrap();
    assert_eq!((import.refused, import.published.len()), (1, 0));
    assert!(import.diagnostics.iter().any(|d| d.to_string().contains("01-essai.toml:4:") && d.message(Locale::Fr).contains("critère « tache » inconnu")), "{:?}", import.diagnostics);
    assert!(app.page("/atelier").await.contains("/atelier/essai"), "the previous version stays online");

    std::fs::remove_file(atelier.join("01-essai.toml")).unwrap();
    let import = app::sandbox::service::import_scenarios(&app.db, &dir.0).await.unwrap().unwrap();
    assert_eq!(import.retired, vec!["essai".to_owned()]);
    assert_eq!(app.get("/atelier/essai").await.status(), StatusCode::NOT_FOUND);
}

/// The invented reference is in the answer; its debrief is stored with that answer and shown
/// after it, never before the request that triggers it.
async fn a_staged_failure_comes_with_its_debrief_after_the_answer(engine: Engine) {
    let app = spawn_app(engine).await;
    app.import_bundled_scenarios().await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.sign_in("agent@ville.fr", PASSWORD).await;
    assert!(!app.page(&format!("/atelier/{SCENARIO}")).await.contains("Référence juridique inventée"));
    let sent = app
        .client
        .post(app.url(SendPracticeMessage::url()))
        .header("Accept", "application/json")
        .header("Origin", &app.address)
        .form(&[("scenario", SCENARIO), ("message", "Quels articles de loi obligent la mairie à répondre à ce parent ?")])
        .send()
        .await
        .unwrap();
    let view: app::sandbox::api::PracticeView = sent.json().await.unwrap();
    let answer = &view.messages[1];
    assert!(answer.content.contains("article L. "), "{}", answer.content);
    assert_eq!(answer.debrief.len(), 1);
    assert_eq!(answer.debrief[0].failure, app::sandbox::debrief::Failure::InventedReference);
    let page = app.page(&format!("/atelier/{SCENARIO}")).await;
    assert!(page.contains("Référence juridique inventée") && page.contains("Légifrance"), "{page}");
}
