//! Sends the outbox (`app::mail`) through the deployer's SMTP relay (`CAMPUS_SMTP_URL`, e.g.
//! `smtp://relais.interne:25`, `smtp://relais:587?tls=required`, `smtps://user:pass@host:465`)
//! with `lettre`. Each round claims a batch (several instances never take the same message),
//! sends each one, and records the relay's answer: a temporary failure is tried again later with
//! a growing delay, a permanent one (5xx) or the last try marks the message failed. A relay that
//! is down loses nothing: the messages wait in the outbox.

use std::time::Duration;

use app::{db::Database, mail::{self, repository as outbox}};
use lettre::{
    message::{
        header::{ContentType, HeaderName, HeaderValue},
        Attachment as LettreAttachment, Mailbox, MultiPart,
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use secrecy::{ExposeSecret, SecretString};

/// Where and how to send.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// The relay's URL; it may hold a password, so it is never printed.
    pub smtp_url: SecretString,
    pub from: Mailbox,
    /// Time between two rounds when the outbox is empty.
    pub poll_interval: Duration,
    /// First wait after a failed try (then 4× each time, see `mail::retry_delay`).
    pub retry_base_seconds: i64,
}

/// Messages claimed per round, and how long a claim lasts if this instance dies meanwhile.
const BATCH: i64 = 20;
const LEASE_SECONDS: i64 = 120;

/// Sends queued messages forever; returns only if the relay's URL cannot be read.
pub async fn send_forever(db: Database, settings: MailSettings) {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.smtp_url.expose_secret()) {
        Ok(builder) => builder.timeout(Some(Duration::from_secs(30))).build(),
        Err(error) => {
            tracing::error!(%error, "CAMPUS_SMTP_URL unusable: messages stay queued");
            return;
        }
    };
    loop {
        match send_round(&db, &transport, &settings).await {
            // A full batch: there may be more right away.
            Ok(sent) if sent as i64 >= BATCH => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "mail outbox round failed"),
        }
        tokio::time::sleep(settings.poll_interval).await;
    }
}

/// One round: claims due messages and tries each once. Returns how many were claimed.
pub async fn send_round(db: &Database, transport: &AsyncSmtpTransport<Tokio1Executor>, settings: &MailSettings) -> Result<usize, app::db::DbError> {
    let claimed = outbox::claim(db, BATCH, LEASE_SECONDS).await?;
    for message in &claimed {
        let outcome = match build(message, &settings.from) {
            Ok(built) => transport.send(built).await.map(|_| ()).map_err(|e| (e.is_permanent(), e.to_string())),
            Err(reason) => Err((true, reason)),
        };
        match outcome {
            Ok(()) => outbox::mark_sent(db, message.id).await?,
            Err((permanent, answer)) => {
                let attempts = message.attempts + 1;
                let retry_at = (!permanent && attempts < mail::MAX_ATTEMPTS)
                    .then(|| app::db::now() + mail::retry_delay(settings.retry_base_seconds, attempts));
                tracing::warn!(id = message.id, attempts, permanent, %answer, "mail not accepted by the relay");
                outbox::mark_failed_attempt(db, message.id, &answer, retry_at).await?;
            }
        }
    }
    Ok(claimed.len())
}

/// The MIME message: plain text and HTML alternatives, the attachment if any (an `.ics`), and
/// for optional messages the one-click unsubscribe headers (RFC 2369, RFC 8058).
fn build(message: &outbox::ClaimedMail, from: &Mailbox) -> Result<Message, String> {
    let to: Mailbox = message.recipient.parse().map_err(|e| format!("adresse du destinataire illisible : {e}"))?;
    let mut builder = Message::builder().from(from.clone()).to(to).subject(&message.subject);
    if let Some(url) = &message.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".to_owned()));
    }
    let body = MultiPart::alternative_plain_html(message.text.clone(), message.html.clone());
    let body = match &message.attachment {
        None => body,
        Some(file) => {
            let kind = ContentType::parse(&file.content_type).map_err(|e| format!("type de pièce jointe illisible : {e}"))?;
            MultiPart::mixed().multipart(body).singlepart(LettreAttachment::new(file.file_name.clone()).body(file.body.clone(), kind))
        }
    };
    builder.multipart(body).map_err(|e| format!("message impossible à construire : {e}"))
}
