//! Stored identity data (server only): sign-ins in progress and the default unit.

use sqlx::Row;

use crate::{
    accounts::session::hash_token,
    db::{now, Database, DbError},
};

/// How long the provider may take to send the browser back.
pub const FLOW_LIFETIME_SECONDS: i64 = 10 * 60;

/// Remembers a sign-in in progress: its `state` (hashed), `nonce` and where to go after.
pub async fn save_flow(db: &Database, state: &str, nonce: &str, next: &str) -> Result<(), DbError> {
    let at = now();
    sqlx::query("DELETE FROM oidc_flows WHERE created_at < $1").bind(at - FLOW_LIFETIME_SECONDS).execute(db.pool()).await?;
    sqlx::query("INSERT INTO oidc_flows (state_hash, nonce, next_path, created_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(state))
        .bind(nonce)
        .bind(next)
        .bind(at)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Takes (once) the sign-in whose `state` came back: its nonce and where to go after. `None`
/// for an unknown, reused or expired `state`.
pub async fn take_flow(db: &Database, state: &str) -> Result<Option<(String, String)>, DbError> {
    let row = sqlx::query("DELETE FROM oidc_flows WHERE state_hash = $1 RETURNING nonce, next_path, created_at")
        .bind(hash_token(state))
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    if row.try_get::<i64, _>("created_at")? < now() - FLOW_LIFETIME_SECONDS {
        return Ok(None);
    }
    Ok(Some((row.try_get("nonce")?, row.try_get("next_path")?)))
}

/// The unit where agents whose SIRET matches no unit are placed, if the administrator chose one.
pub async fn default_unit(conn: &mut sqlx::AnyConnection) -> Result<Option<i64>, DbError> {
    let row = sqlx::query("SELECT value FROM app_settings WHERE key = 'identity.default_unit'").fetch_optional(&mut *conn).await?;
    Ok(row.and_then(|r| r.try_get::<String, _>("value").ok()).and_then(|v| v.parse().ok()))
}

/// Sets (or clears) the default unit.
pub async fn set_default_unit(db: &Database, unit: Option<i64>) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM app_settings WHERE key = 'identity.default_unit'").execute(&mut *tx).await?;
    if let Some(unit) = unit {
        sqlx::query("INSERT INTO app_settings (key, value) VALUES ('identity.default_unit', $1)").bind(unit.to_string()).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The default unit, read outside a transaction (for the admin page).
pub async fn load_default_unit(db: &Database) -> Result<Option<i64>, DbError> {
    default_unit(&mut *db.pool().acquire().await?).await
}
