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
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod notices;
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
    /// A file sent with it (the `.ics` of an assignment's due date).
    pub attachment: Option<Attachment>,
    /// For optional messages: the one-click unsubscribe link (`List-Unsubscribe`, RFC 8058).
    pub unsubscribe: Option<String>,
}

/// A file attached to a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub body: String,
}

/// The optional messages a user may turn off (password resets and address checks are not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    /// Assignment notices, reminders before the due date, the overdue notice.
    Assignments,
    /// HR officers' weekly digest.
    HrDigest,
}

impl Topic {
    pub const ALL: [Topic; 2] = [Topic::Assignments, Topic::HrDigest];

    pub fn id(self) -> &'static str {
        match self {
            Topic::Assignments => "assignments",
            Topic::HrDigest => "hr-digest",
        }
    }

    pub fn from_id(id: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.id() == id)
    }
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

/// The simple HTML part: paragraphs, the link as a plain, underlined anchor, then the footer.
fn html_page(locale: Locale, paragraphs: &[String], link: Option<(&str, &str)>, footer: Option<&str>) -> String {
    let paragraph = |p: &str| format!("<p>{}</p>\n", escape(p).replace('\n', "<br>\n"));
    let mut body: String = paragraphs.iter().map(|p| paragraph(p)).collect();
    if let Some((href, label)) = link {
        body.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", escape(href), escape(label)));
    }
    body.push_str("<p>— Campus IA</p>\n");
    if let Some(footer) = footer {
        body.push_str(&format!("<p style=\"font-size: 14px\">{}</p>\n", escape(footer)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>Campus IA</title></head>\n<body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em\">\n{body}</body>\n</html>\n",
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
        html: html_page(locale, &paragraphs, Some((link, label)), None),
        text,
        dedup_key: None,
        attachment: None,
        unsubscribe: None,
    }
}

/// A message with a link, in both parts; optional messages carry their unsubscribe link at the
/// bottom and in the `List-Unsubscribe` header.
#[allow(clippy::too_many_arguments)]
fn compose(
    kind: &str,
    locale: Locale,
    recipient: &str,
    subject: String,
    paragraphs: Vec<String>,
    link: (&str, &str),
    dedup_key: Option<String>,
    unsubscribe: Option<&str>,
) -> OutgoingMail {
    let footer = unsubscribe.map(|url| match (locale, kind) {
        (Locale::En, "hr-digest") => format!("You receive this weekly digest as an HR officer on Campus IA. To stop it: {url}"),
        (Locale::En, _) => format!("You receive this message because a course was assigned to you on Campus IA. To stop these messages: {url}"),
        (_, "hr-digest") => format!("Vous recevez ce récapitulatif hebdomadaire en tant que RH sur Campus IA. Pour ne plus le recevoir : {url}"),
        (_, _) => format!("Vous recevez ce message parce qu'un cours vous a été assigné sur Campus IA. Pour ne plus recevoir ces messages : {url}"),
    });
    let text = format!(
        "{}\n\n{}\n\n— Campus IA\n{}",
        paragraphs.join("\n\n"),
        link.0,
        footer.as_ref().map(|f| format!("\n{f}\n")).unwrap_or_default()
    );
    OutgoingMail {
        kind: kind.to_owned(),
        recipient: recipient.to_owned(),
        subject,
        html: html_page(locale, &paragraphs, Some(link), footer.as_deref()),
        text,
        dedup_key,
        attachment: None,
        unsubscribe: unsubscribe.map(str::to_owned),
    }
}

/// The address check sent at sign-up: the account signs in once the link is followed.
pub fn address_verification(locale: Locale, recipient: &str, display_name: &str, link: &str) -> OutgoingMail {
    let (subject, paragraphs, label) = match locale {
        Locale::En => (
            "Confirm your address for Campus IA".to_owned(),
            vec![
                format!("Hello {display_name},"),
                "An account was created on Campus IA with this address. Follow the link below within 24 hours to confirm it; you can then sign in.".to_owned(),
                "If you did not create it, ignore this message: the account will not be usable.".to_owned(),
            ],
            "Confirm my address",
        ),
        _ => (
            "Confirmez votre adresse pour Campus IA".to_owned(),
            vec![
                format!("Bonjour {display_name},"),
                "Un compte a été créé sur Campus IA avec cette adresse. Suivez le lien ci-dessous dans les 24 heures pour la confirmer ; vous pourrez ensuite vous connecter.".to_owned(),
                "Si vous n'avez rien demandé, ignorez ce message : le compte restera inutilisable.".to_owned(),
            ],
            "Confirmer mon adresse",
        ),
    };
    compose("address-verification", locale, recipient, subject, paragraphs, (link, label), None, None)
}

/// What an assignment message says about one course for one agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseNotice<'a> {
    pub recipient: &'a str,
    pub display_name: &'a str,
    pub course_title: &'a str,
    /// The course's page.
    pub link: &'a str,
    /// The due date as shown (« 15 décembre 2026 »), if any.
    pub due_label: Option<&'a str>,
    pub unsubscribe: &'a str,
}

/// The notice sent when HR assigns a course (the `.ics` of its due date is attached by the caller).
pub fn assignment_notice(locale: Locale, notice: &CourseNotice<'_>, dedup_key: String) -> OutgoingMail {
    let CourseNotice { recipient, display_name, course_title, link, due_label, unsubscribe } = notice;
    let (subject, paragraphs, label) = match locale {
        Locale::En => (
            format!("New course to follow: {course_title}"),
            vec![
                format!("Hello {display_name},"),
                match due_label {
                    Some(due) => format!("Your HR department asks you to follow the course « {course_title} » on Campus IA by {due}. The attached file adds the due date to your calendar."),
                    None => format!("Your HR department asks you to follow the course « {course_title} » on Campus IA."),
                },
            ],
            "Open the course",
        ),
        _ => (
            format!("Nouveau cours à suivre : {course_title}"),
            vec![
                format!("Bonjour {display_name},"),
                match due_label {
                    Some(due) => format!("Votre service des ressources humaines vous demande de suivre le cours « {course_title} » sur Campus IA avant le {due}. Le fichier joint ajoute l'échéance à votre agenda."),
                    None => format!("Votre service des ressources humaines vous demande de suivre le cours « {course_title} » sur Campus IA."),
                },
            ],
            "Ouvrir le cours",
        ),
    };
    compose("assignment", locale, recipient, subject, paragraphs, (link, label), Some(dedup_key), Some(unsubscribe))
}

/// A reminder `days_left` days before the due date, or (`days_left` = 0) the overdue notice.
pub fn due_reminder(locale: Locale, notice: &CourseNotice<'_>, days_left: i64, dedup_key: String) -> OutgoingMail {
    let CourseNotice { recipient, display_name, course_title, link, due_label, unsubscribe } = notice;
    let due = due_label.unwrap_or_default();
    let (kind, subject, sentence, label) = match (locale, days_left) {
        (Locale::En, 0) => ("overdue", format!("Overdue: {course_title}"), format!("The due date of the course « {course_title} » was {due} and it is not completed yet. You can still follow it: your HR department sees it as late until then."), "Resume the course"),
        (Locale::En, 1) => ("reminder", format!("Due tomorrow: {course_title}"), format!("The course « {course_title} » is due tomorrow, {due}."), "Resume the course"),
        (Locale::En, n) => ("reminder", format!("Due in {n} days: {course_title}"), format!("The course « {course_title} » is due in {n} days, on {due}."), "Resume the course"),
        (_, 0) => ("overdue", format!("Échéance dépassée : {course_title}"), format!("L'échéance du cours « {course_title} » était le {due} et il n'est pas encore terminé. Vous pouvez toujours le suivre : votre service RH le voit en retard jusque-là."), "Reprendre le cours"),
        (_, 1) => ("reminder", format!("Échéance demain : {course_title}"), format!("Le cours « {course_title} » est à terminer demain, le {due}."), "Reprendre le cours"),
        (_, n) => ("reminder", format!("Échéance dans {n} jours : {course_title}"), format!("Le cours « {course_title} » est à terminer dans {n} jours, le {due}."), "Reprendre le cours"),
    };
    let hello = match locale {
        Locale::En => format!("Hello {display_name},"),
        _ => format!("Bonjour {display_name},"),
    };
    compose(kind, locale, recipient, subject, vec![hello, sentence], (link, label), Some(dedup_key), Some(unsubscribe))
}

/// What an HR officer's weekly digest reports for their units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Digest {
    /// « Agent — course » completed in the last seven days.
    pub completions: Vec<String>,
    /// « Agent — course (due …) » overdue now.
    pub overdue: Vec<String>,
    /// How many there are in all (the lists stop at 20).
    pub completions_total: usize,
    pub overdue_total: usize,
}

/// Lines shown per list in a digest.
pub const DIGEST_LINES: usize = 20;

/// The weekly digest of an HR officer.
pub fn hr_digest(locale: Locale, recipient: &str, display_name: &str, digest: &Digest, link: &str, unsubscribe: &str, dedup_key: String) -> OutgoingMail {
    let more = |shown: usize, total: usize| (total > shown).then(|| format!("… (+{})", total - shown));
    let list = |lines: &[String], total: usize| {
        let mut text: Vec<String> = lines.iter().map(|l| format!("• {l}")).collect();
        text.extend(more(lines.len(), total));
        text.join("\n")
    };
    let (subject, mut paragraphs, label) = match locale {
        Locale::En => (
            format!("Campus IA this week: {} completion(s), {} overdue", digest.completions_total, digest.overdue_total),
            vec![format!("Hello {display_name},"), format!("In your units this week: {} course(s) completed, {} agent course(s) overdue.", digest.completions_total, digest.overdue_total)],
            "Open the HR dashboard",
        ),
        _ => (
            format!("Campus IA cette semaine : {} cours terminé(s), {} en retard", digest.completions_total, digest.overdue_total),
            vec![format!("Bonjour {display_name},"), format!("Dans vos unités cette semaine : {} cours terminé(s), {} cours en retard.", digest.completions_total, digest.overdue_total)],
            "Ouvrir le tableau de bord RH",
        ),
    };
    if !digest.completions.is_empty() {
        paragraphs.push(format!("{}\n{}", if locale == Locale::En { "Completed:" } else { "Terminés :" }, list(&digest.completions, digest.completions_total)));
    }
    if !digest.overdue.is_empty() {
        paragraphs.push(format!("{}\n{}", if locale == Locale::En { "Overdue:" } else { "En retard :" }, list(&digest.overdue, digest.overdue_total)));
    }
    compose("hr-digest", locale, recipient, subject, paragraphs, (link, label), Some(dedup_key), Some(unsubscribe))
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
