//! E-mail that nobody loses: every message is first a row of the outbox, written in the same
//! transaction as the action that causes it, then sent by a background worker through the
//! deployer's SMTP relay with retries and backoff (`server/src/mailer.rs`).
//!
//! This module holds the pure parts: the message as stored ([`OutgoingMail`]), the retry
//! schedule, and the texts of each kind of message in French and English (plain text plus simple
//! accessible HTML).

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

pub mod api;
#[cfg(feature = "ssr")]
pub mod repository;

/// A message ready to be queued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingMail {
    /// What it is (`password-reset`…), for the admin page and the preferences.
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A key that makes the same step never be queued twice (a reminder for one assignment and
    /// one day); `None` for messages that may repeat (a new password-reset link).
    pub dedup_key: Option<String>,
}

/// How a queued message stands, as the admin page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    Pending,
    Sent,
    Failed,
}

/// One row of the outbox for the admin page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub created_at: i64,
    /// The relay's last answer when a try failed.
    pub last_error: Option<String>,
}

/// Tries before a message is given up (about a day and a half with [`retry_delay`]).
pub const MAX_ATTEMPTS: i64 = 8;

/// The wait before try `attempt + 1` after `attempt` failed ones: `base`, then 4× each time,
/// capped at six hours.
pub fn retry_delay(base_seconds: i64, attempts: i64) -> i64 {
    let factor = 4_i64.saturating_pow(u32::try_from(attempts.saturating_sub(1).max(0)).unwrap_or(u32::MAX));
    base_seconds.max(1).saturating_mul(factor).min(6 * 3_600)
}

/// Escapes text for the HTML part.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The simple HTML part: paragraphs, and the link as a plain, underlined anchor.
fn html_page(locale: Locale, paragraphs: &[String], link: Option<(&str, &str)>) -> String {
    let mut body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
    if let Some((href, label)) = link {
        body.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", escape(href), escape(label)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>Campus IA</title></head>\n<body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em\">\n{body}<p>— Campus IA</p>\n</body>\n</html>\n",
        locale.code()
    )
}

/// The password-reset message: a single-use link valid for [`crate::accounts::reset::TOKEN_LIFETIME_SECONDS`].
pub fn password_reset(locale: Locale, recipient: &str, display_name: &str, link: &str) -> OutgoingMail {
    let (subject, paragraphs, label) = match locale {
        Locale::En => (
            "Reset your Campus IA password".to_owned(),
            vec![
                format!("Hello {display_name},"),
                "Someone (probably you) asked to reset the password of your Campus IA account. Follow the link below within 30 minutes to choose a new one. The link works once.".to_owned(),
                "If you did not ask for it, ignore this message: your password stays as it is.".to_owned(),
            ],
            "Choose a new password",
        ),
        _ => (
            "Réinitialiser votre mot de passe Campus IA".to_owned(),
            vec![
                format!("Bonjour {display_name},"),
                "Une demande de réinitialisation du mot de passe de votre compte Campus IA a été faite (sans doute par vous). Suivez le lien ci-dessous dans les 30 minutes pour en choisir un nouveau. Le lien ne sert qu'une fois.".to_owned(),
                "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.".to_owned(),
            ],
            "Choisir un nouveau mot de passe",
        ),
    };
    let text = format!("{}\n\n{link}\n\n— Campus IA\n", paragraphs.join("\n\n"));
    OutgoingMail {
        kind: "password-reset".into(),
        recipient: recipient.to_owned(),
        subject,
        html: html_page(locale, &paragraphs, Some((link, label))),
        text,
        dedup_key: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_growing() {
        assert_eq!(retry_delay(30, 1), 30);
        assert_eq!(retry_delay(30, 2), 120);
        assert_eq!(retry_delay(30, 3), 480);
        assert_eq!(retry_delay(30, 10), 6 * 3_600);
        assert_eq!(retry_delay(0, 1), 1);
    }

    #[test]
    fn the_reset_message_has_its_link_in_both_parts_and_escapes_html() {
        let mail = password_reset(Locale::Fr, "a@b.fr", "Zoé <Admin>", "https://campus.fr/mot-de-passe-oublie/abc?x=1&y=2");
        assert!(mail.text.contains("https://campus.fr/mot-de-passe-oublie/abc?x=1&y=2"));
        assert!(mail.html.contains("href=\"https://campus.fr/mot-de-passe-oublie/abc?x=1&amp;y=2\""));
        assert!(mail.html.contains("Zoé &lt;Admin&gt;") && mail.html.contains("lang=\"fr\""));
        assert!(mail.subject.contains("mot de passe"));
        assert!(password_reset(Locale::En, "a@b.fr", "Zoé", "l").subject.contains("password"));
    }
}
