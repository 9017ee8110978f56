//! The free-practice sandbox through HTTP: a request gets the simulated reply, rubric feedback and
//! personal-data warnings; transcripts stay private; limits are explained.

use app::sandbox::api::{ClearPractice, SendPracticeMessage};
use integration_tests::{on_both_engines, spawn_app, Engine};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(practising_shows_the_reply_feedback_and_warnings_to_its_author_only);

const PASSWORD: &str = "une phrase de passe solide";
const SCENARIO: &str = "repondre-a-un-usager";

async fn practising_shows_the_reply_feedback_and_warnings_to_its_author_only(engine: Engine) {
    let app = spawn_app(engine).await;
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
                    à partir du message ci-dessous.";
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
