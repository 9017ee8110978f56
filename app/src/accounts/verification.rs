//! Address verification at self sign-up (server only): when mail is sent, a new local account
//! cannot sign in until its owner follows the link mailed to the address. The link is single-use,
//! valid 24 hours, stored as a hash; a new one can be asked for (throttled by the caller), and
//! the answer never says whether the address has an account.


use super::session::{hash_token, new_token};
use crate::{
    db::{now, Database, DbError},
    i18n::Locale,
};

/// How long a verification link works.
pub const TOKEN_LIFETIME_SECONDS: i64 = 24 * 3600;

/// Marks `user_id` unverified and mails it a link, in one transaction (the account of a sign-up
/// that just happened).
pub async fn start(db: &Database, public_url: &str, user_id: i64, locale: Locale) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String)> = sqlx::query_as("UPDATE users SET email_verified_at = NULL, locale = $1 WHERE id = $2 RETURNING email, display_name")
        .bind(locale.code())
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((email, display_name)) = row else {
        tx.rollback().await?;
        return Ok(());
    };
    queue_link(&mut tx, public_url, user_id, &email, &display_name, locale).await?;
    tx.commit().await?;
    Ok(())
}

async fn queue_link(conn: &mut sqlx::AnyConnection, public_url: &str, user_id: i64, email: &str, name: &str, locale: Locale) -> Result<(), DbError> {
    let token = new_token()?;
    let at = now();
    // Only the newest link works.
    sqlx::query("DELETE FROM address_verifications WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    sqlx::query("INSERT INTO address_verifications (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(at)
        .bind(at + TOKEN_LIFETIME_SECONDS)
        .execute(&mut *conn)
        .await?;
    let link = format!("{public_url}/inscription/confirmer/{token}");
    crate::mail::repository::enqueue(conn, &crate::mail::address_verification(locale, email, name, &link)).await?;
    Ok(())
}

/// Mails a new link to the account of `email` if it is still unverified; does nothing otherwise.
pub async fn resend(db: &Database, public_url: &str, email: &str, locale: Locale) -> Result<(), DbError> {
    let Ok(email) = super::normalize_email(email) else { return Ok(()) };
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, String)> = sqlx::query_as("SELECT id, display_name FROM users WHERE email = $1 AND email_verified_at IS NULL AND disabled_at IS NULL")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((user_id, display_name)) = row else {
        tx.rollback().await?;
        return Ok(());
    };
    queue_link(&mut tx, public_url, user_id, &email, &display_name, locale).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `token` is a link that still works.
pub async fn is_valid(db: &Database, token: &str) -> Result<bool, DbError> {
    Ok(sqlx::query("SELECT 1 FROM address_verifications WHERE token_hash = $1 AND expires_at > $2")
        .bind(hash_token(token))
        .bind(now())
        .fetch_optional(db.pool())
        .await?
        .is_some())
}

/// Spends a working link and marks its account verified; returns the account.
pub async fn confirm(db: &Database, token: &str) -> Result<Option<i64>, DbError> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let spent: Option<i64> = sqlx::query_scalar("DELETE FROM address_verifications WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id")
        .bind(hash_token(token))
        .bind(at)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(user_id) = spent else {
        tx.rollback().await?;
        return Ok(None);
    };
    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2").bind(at).bind(user_id).execute(&mut *tx).await?;
    crate::audit::record_in(&mut tx, Some(user_id), "account.verify", &format!("user:{user_id}"), "adresse confirmée").await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
