//! Password reset for local accounts (server only): a single-use link, valid 30 minutes, whose
//! token is stored hashed. Asking for one queues the message in the same transaction; using it
//! sets the new password, spends the token and closes every session of the account, together.


use super::session::{hash_token, new_token};
use crate::{
    db::{now, Database, DbError},
    i18n::Locale,
};

/// How long a reset link works.
pub const TOKEN_LIFETIME_SECONDS: i64 = 30 * 60;

/// Creates a reset link for the local account of `email` and queues its message; does nothing
/// for an unknown address, a disabled account or one that signs in through its employer's
/// identity provider without a local password. An account loaded from the directory (no
/// password, no provider yet) gets its first password this way. The caller answers the same in
/// every case.
pub async fn request(db: &Database, public_url: &str, email: &str, locale: Locale) -> Result<(), DbError> {
    let Ok(email) = super::normalize_email(email) else { return Ok(()) };
    let mut tx = db.begin_write().await?;
    let account: Option<(i64, String)> = sqlx::query_as("SELECT id, display_name FROM users WHERE email = $1 AND disabled_at IS NULL AND (password_hash IS NOT NULL OR NOT EXISTS (SELECT 1 FROM external_identities i WHERE i.user_id = users.id))")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((user_id, display_name)) = account else {
        tx.rollback().await?;
        return Ok(());
    };
    let token = new_token()?;
    let at = now();
    // Only the newest link works.
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(at)
        .bind(at + TOKEN_LIFETIME_SECONDS)
        .execute(&mut *tx)
        .await?;
    let link = format!("{public_url}/mot-de-passe-oublie/{token}");
    crate::mail::repository::enqueue(&mut tx, &crate::mail::password_reset(locale, &email, &display_name, &link)).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `token` is a link that still works, and for which account's e-mail.
pub async fn valid_token(db: &Database, token: &str) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT u.email FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(db.pool())
    .await?)
}

/// Sets `password_hash` on the account of a working `token`, spends it and closes every session
/// of the account, in one transaction. `false` when the link is unknown, used or expired.
pub async fn complete(db: &Database, token: &str, password_hash: &str) -> Result<Option<i64>, DbError> {
    let mut tx = db.begin_write().await?;
    let spent: Option<i64> = sqlx::query_scalar("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
        .bind(now())
        .bind(hash_token(token))
        .fetch_optional(&mut *tx)
        .await?;
    let Some(user_id) = spent else {
        tx.rollback().await?;
        return Ok(None);
    };
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(password_hash).bind(user_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    crate::audit::record_in(&mut tx, Some(user_id), "account.password_reset", &format!("user:{user_id}"), "mot de passe réinitialisé par lien").await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
