//! The outbox table (server only): queueing inside the caller's transaction, claiming a batch
//! so that several instances never send the same message twice, and recording each outcome.

use sqlx::AnyConnection;

use super::{DeliveryState, OutgoingMail, QueuedMail};
use crate::db::{now, Database, DbError, Engine};

/// Queues `mail` in the caller's transaction. A message whose `dedup_key` was already queued is
/// not queued again (`false`).
pub async fn enqueue(conn: &mut AnyConnection, mail: &OutgoingMail) -> Result<bool, DbError> {
    let at = now();
    let inserted = sqlx::query(
        "INSERT INTO mail_outbox (kind, recipient, subject, body_text, body_html, dedup_key, created_at, next_attempt_at, attempts, attachment_json, unsubscribe_url) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 0, $8, $9) ON CONFLICT (dedup_key) DO NOTHING",
    )
    .bind(&mail.kind)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(&mail.dedup_key)
    .bind(at)
    .bind(mail.attachment.as_ref().map(serde_json::to_string).transpose().map_err(crate::db::json_error)?)
    .bind(&mail.unsubscribe)
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// A message taken by this worker until `lease_seconds` from now.
#[derive(Clone, Debug)]
pub struct ClaimedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attempts: i64,
    pub attachment: Option<super::Attachment>,
    pub unsubscribe: Option<String>,
}

/// Takes up to `limit` messages due now that no worker holds: on PostgreSQL the rows are picked
/// `FOR UPDATE SKIP LOCKED`, so two instances claiming at the same moment get different rows;
/// on SQLite the claim is one write transaction. A worker that dies leaves its rows to be taken
/// again when the lease ends.
pub async fn claim(db: &Database, limit: i64, lease_seconds: i64) -> Result<Vec<ClaimedMail>, DbError> {
    let at = now();
    let lock = if db.engine() == Engine::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    #[derive(sqlx::FromRow)]
    struct Claimed {
        id: i64,
        recipient: String,
        subject: String,
        body_text: String,
        body_html: String,
        attempts: i64,
        attachment_json: Option<String>,
        unsubscribe_url: Option<String>,
    }
    let mut tx = db.begin_write().await?;
    let rows: Vec<Claimed> = sqlx::query_as(&format!(
        "UPDATE mail_outbox SET claimed_until = $1 WHERE id IN ( \
             SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
             AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT $3{lock} \
         ) RETURNING id, recipient, subject, body_text, body_html, attempts, attachment_json, unsubscribe_url"
    ))
    .bind(at + lease_seconds)
    .bind(at)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut claimed = rows
        .into_iter()
        .map(|r| {
            Ok(ClaimedMail {
                id: r.id,
                recipient: r.recipient,
                subject: r.subject,
                text: r.body_text,
                html: r.body_html,
                attempts: r.attempts,
                attachment: r.attachment_json.map(|json| serde_json::from_str(&json)).transpose().map_err(crate::db::json_error)?,
                unsubscribe: r.unsubscribe_url,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

/// The relay accepted the message.
pub async fn mark_sent(db: &Database, id: i64) -> Result<(), DbError> {
    db.execute(sqlx::query("UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = $2")
        .bind(now())
        .bind(id))
        .await?;
    Ok(())
}

/// The try failed with the relay's `answer`: try again at `retry_at`, or give up (`None`).
pub async fn mark_failed_attempt(db: &Database, id: i64, answer: &str, retry_at: Option<i64>) -> Result<(), DbError> {
    let answer: String = answer.chars().take(500).collect();
    db.execute(sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, claimed_until = NULL, \
         next_attempt_at = COALESCE($2, next_attempt_at), failed_at = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END WHERE id = $4",
    )
    .bind(answer)
    .bind(retry_at)
    .bind(now())
    .bind(id))
    .await?;
    Ok(())
}

/// The most recent messages, newest first, and the number pending, sent and failed.
pub async fn recent(db: &Database, limit: i64) -> Result<(Vec<QueuedMail>, [i64; 3]), DbError> {
    #[derive(sqlx::FromRow)]
    struct Queued {
        id: i64,
        kind: String,
        recipient: String,
        subject: String,
        attempts: i64,
        created_at: i64,
        sent_at: Option<i64>,
        failed_at: Option<i64>,
        last_error: Option<String>,
    }
    let rows: Vec<Queued> = sqlx::query_as(
        "SELECT id, kind, recipient, subject, attempts, created_at, sent_at, failed_at, last_error FROM mail_outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mails = rows
        .into_iter()
        .map(|r| QueuedMail {
            state: match (r.sent_at, r.failed_at) {
                (Some(_), _) => DeliveryState::Sent,
                (None, Some(_)) => DeliveryState::Failed,
                (None, None) => DeliveryState::Pending,
            },
            id: r.id,
            kind: r.kind,
            recipient: r.recipient,
            subject: r.subject,
            attempts: r.attempts,
            created_at: r.created_at,
            last_error: r.last_error,
        })
        .collect();
    let (pending, sent, failed): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS pending, \
           (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL) AS sent, \
           (SELECT COUNT(*) FROM mail_outbox WHERE failed_at IS NOT NULL) AS failed",
    )
    .fetch_one(db.pool())
    .await?;
    Ok((mails, [pending, sent, failed]))
}
