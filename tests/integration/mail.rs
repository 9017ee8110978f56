//! E-mail through a real SMTP server (aiosmtpd): the password-reset journey, a relay that is
//! down, and two instances sharing one outbox.

use app::{
    accounts::api::{RequestPasswordReset, ResetPassword, SignIn},
    mail::{repository as outbox, OutgoingMail},
};
use integration_tests::{free_port, readable_mail as readable, on_both_engines, spawn_app_with, spawn_instance_with, test_mail_settings, Engine, SmtpServer, TestApp};
use leptos::server_fn::ServerFn;

on_both_engines!(
    a_forgotten_password_is_reset_through_a_single_use_link,
    without_a_relay_no_reset_is_offered_and_the_admin_page_says_so,
    a_relay_that_is_down_loses_nothing,
    two_instances_never_send_the_same_message_twice,
);

const PASSWORD: &str = "une phrase de passe solide";


fn reset_token(message: &str) -> String {
    let text = readable(message);
    let start = text.find("/mot-de-passe-oublie/").expect("a reset link") + "/mot-de-passe-oublie/".len();
    text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

async fn app_with_relay(engine: Engine, smtp_url: &str) -> TestApp {
    let url = smtp_url.to_owned();
    spawn_app_with(engine, move |config| config.mail = Some(test_mail_settings(&url))).await
}

async fn a_forgotten_password_is_reset_through_a_single_use_link(engine: Engine) {
    let smtp = SmtpServer::start(0).await;
    let app = app_with_relay(engine, &smtp.url()).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    // Another browser is signed in: the reset closes that session.
    let other = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap();
    other.post(app.url(SignIn::url())).header("Accept", "text/html").form(&[("email", "agent@ville.fr"), ("password", PASSWORD)]).send().await.unwrap();

    assert!(app.page("/connexion").await.contains("href=\"/mot-de-passe-oublie\""), "the sign-in page offers it");
    let asked = app.post_form(RequestPasswordReset::url(), &[("email", "Agent@Ville.fr")]).await;
    assert_eq!(asked.headers()["location"], "/mot-de-passe-oublie");
    let answer = app.page("/mot-de-passe-oublie").await;
    assert!(answer.contains("Si un compte avec mot de passe existe pour cette adresse"), "{answer}");
    // An unknown address gets the very same answer and no message.
    app.post_form(RequestPasswordReset::url(), &[("email", "personne@ville.fr")]).await;
    assert!(app.page("/mot-de-passe-oublie").await.contains("Si un compte avec mot de passe existe pour cette adresse"));

    let messages = smtp.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 1, "nothing is sent for an unknown address");
    let message = &messages[0];
    assert!(message.contains("To: agent@ville.fr") && message.contains("campus@ville.test"), "{message}");
    assert!(message.contains("text/plain") && message.contains("text/html"), "plain text and HTML parts");
    let token = reset_token(message);
    assert_eq!(token.len(), 64, "{message}");
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM password_resets").fetch_one(app.db.pool()).await.unwrap();
    assert_ne!(stored, token, "only a hash of the token is kept");

    let page = app.page(&format!("/mot-de-passe-oublie/{token}")).await;
    assert!(page.contains("name=\"new_password\""), "{page}");
    let weak = app.post_form(ResetPassword::url(), &[("token", &token), ("new_password", "court")]).await;
    assert_eq!(weak.headers()["location"], format!("/mot-de-passe-oublie/{token}"));
    assert!(app.page(&format!("/mot-de-passe-oublie/{token}")).await.contains("8 caractères"), "the policy is explained");
    let done = app.post_form(ResetPassword::url(), &[("token", &token), ("new_password", "un tout nouveau mot de passe")]).await;
    assert_eq!(done.headers()["location"], "/connexion");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap(), 0, "every session closed");
    app.sign_in("agent@ville.fr", "un tout nouveau mot de passe").await;

    // The link works once.
    assert!(app.page(&format!("/mot-de-passe-oublie/{token}")).await.contains("ne fonctionne plus"));
    let again = app.post_form(ResetPassword::url(), &[("token", &token), ("new_password", "encore un autre mot de passe")]).await;
    assert_eq!(again.headers()["location"], "/mot-de-passe-oublie");
}

async fn without_a_relay_no_reset_is_offered_and_the_admin_page_says_so(engine: Engine) {
    let app = spawn_app_with(engine, |_| {}).await;
    app.create_account("admin@ville.fr", PASSWORD, None, Some((app::accounts::Role::Admin, None))).await;
    app.post_form(RequestPasswordReset::url(), &[("email", "admin@ville.fr")]).await;
    let page = app.page("/mot-de-passe-oublie").await;
    assert!(page.contains("envoi de courriels") && page.contains("pas configuré"), "{page}");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM mail_outbox").fetch_one(app.db.pool()).await.unwrap(), 0);
    app.sign_in("admin@ville.fr", PASSWORD).await;
    assert!(app.page("/admin").await.contains("Aucun courriel n"));
}

async fn a_relay_that_is_down_loses_nothing(engine: Engine) {
    let port = free_port();
    let app = app_with_relay(engine, &format!("smtp://127.0.0.1:{port}")).await;
    app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    app.post_form(RequestPasswordReset::url(), &[("email", "agent@ville.fr")]).await;
    // The first try fails: the message stays queued with the relay's answer.
    let mut failed_once = false;
    for _ in 0..100 {
        let (attempts, last_error, sent_at): (i64, Option<String>, Option<i64>) =
            sqlx::query_as("SELECT attempts, last_error, sent_at FROM mail_outbox").fetch_one(app.db.pool()).await.unwrap();
        if attempts >= 1 {
            assert!(last_error.is_some());
            assert!(sent_at.is_none());
            failed_once = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(failed_once, "the worker tried and failed while the relay was down");
    app.create_account("admin@ville.fr", PASSWORD, None, Some((app::accounts::Role::Admin, None))).await;
    app.sign_in("admin@ville.fr", PASSWORD).await;
    let admin = app.page("/admin").await;
    assert!(admin.contains("1 en attente") && admin.contains("agent@ville.fr"), "{admin}");

    let smtp = SmtpServer::start(port).await;
    let messages = smtp.wait_for(1).await;
    assert_eq!(reset_token(&messages[0]).len(), 64);
    let sent: Option<i64> = sqlx::query_scalar("SELECT sent_at FROM mail_outbox").fetch_one(app.db.pool()).await.unwrap();
    for _ in 0..40 {
        if sent.is_some() || sqlx::query_scalar::<_, Option<i64>>("SELECT sent_at FROM mail_outbox").fetch_one(app.db.pool()).await.unwrap().is_some() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the message was delivered but not marked sent");
}

async fn two_instances_never_send_the_same_message_twice(engine: Engine) {
    let smtp = SmtpServer::start(0).await;
    // The first instance has no relay while the messages are queued, so that both start together.
    let app = spawn_app_with(engine, |_| {}).await;
    let mut tx = app.db.begin_write().await.unwrap();
    for n in 0..40 {
        let mail = OutgoingMail {
            kind: "test".into(),
            recipient: format!("agent{n}@ville.fr"),
            subject: format!("Message {n}"),
            text: format!("Texte {n}"),
            html: format!("<p>Texte {n}</p>"),
            dedup_key: Some(format!("test-{n}")),
            attachment: None,
            unsubscribe: None,
        };
        assert!(outbox::enqueue(&mut tx, &mail).await.unwrap());
        assert!(!outbox::enqueue(&mut tx, &mail).await.unwrap(), "the same step is never queued twice");
    }
    tx.commit().await.unwrap();
    let url = smtp.url();
    let (url_a, url_b) = (url.clone(), url.clone());
    let _first = spawn_instance_with(app.database_url(), move |config| config.mail = Some(test_mail_settings(&url_a))).await;
    let _second = spawn_instance_with(app.database_url(), move |config| config.mail = Some(test_mail_settings(&url_b))).await;
    smtp.wait_for(40).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let messages = smtp.messages();
    assert_eq!(messages.len(), 40, "each message once");
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(sent, 40);
}
