//! The outbox table (server only): queueing inside the caller's transaction, claiming a batch
//! so that several instances never send the same message twice, and recording each outcome.

use sqlx::{AnyConnection, Row};

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
    let mut tx = db.begin_write().await?;
    let rows = sqlx::query(&format!(
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
        .iter()
        .map(|r| {
            Ok(ClaimedMail {
                id: r.try_get("id")?,
                recipient: r.try_get("recipient")?,
                subject: r.try_get("subject")?,
                text: r.try_get("body_text")?,
                html: r.try_get("body_html")?,
                attempts: r.try_get("attempts")?,
                attachment: r
                    .try_get::<Option<String>, _>("attachment_json")?
                    .map(|json| serde_json::from_str(&json))
                    .transpose()
                    .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                unsubscribe: r.try_get("unsubscribe_url")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

/// The relay accepted the message.
pub async fn mark_sent(db: &Database, id: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The try failed with the relay's `answer`: try again at `retry_at`, or give up (`None`).
pub async fn mark_failed_attempt(db: &Database, id: i64, answer: &str, retry_at: Option<i64>) -> Result<(), DbError> {
    let answer: String = answer.chars().take(500).collect();
    sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, claimed_until = NULL, \
         next_attempt_at = COALESCE($2, next_attempt_at), failed_at = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END WHERE id = $4",
    )
    .bind(answer)
    .bind(retry_at)
    .bind(now())
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The most recent messages, newest first, and the number pending, sent and failed.
pub async fn recent(db: &Database, limit: i64) -> Result<(Vec<QueuedMail>, [i64; 3]), DbError> {
    let rows = sqlx::query(
        "SELECT id, kind, recipient, subject, attempts, created_at, sent_at, failed_at, last_error FROM mail_outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mails = rows
        .iter()
        .map(|r| {
            let state = if r.try_get::<Option<i64>, _>("sent_at")?.is_some() {
                DeliveryState::Sent
            } else if r.try_get::<Option<i64>, _>("failed_at")?.is_some() {
                DeliveryState::Failed
            } else {
                DeliveryState::Pending
            };
            Ok(QueuedMail {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                recipient: r.try_get("recipient")?,
                subject: r.try_get("subject")?,
                state,
                attempts: r.try_get("attempts")?,
                created_at: r.try_get("created_at")?,
                last_error: r.try_get("last_error")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let counts = sqlx::query(
        "SELECT \
           (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS pending, \
           (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL) AS sent, \
           (SELECT COUNT(*) FROM mail_outbox WHERE failed_at IS NOT NULL) AS failed",
    )
    .fetch_one(db.pool())
    .await?;
    Ok((mails, [counts.try_get("pending")?, counts.try_get("sent")?, counts.try_get("failed")?]))
}
