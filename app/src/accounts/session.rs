//! Sessions stored in the database, so that several servers share them.
//!
//! The browser holds a random 256-bit token in an `HttpOnly`, `SameSite=Lax` cookie (`Secure`
//! and `__Host-` prefixed in production); the database only holds its SHA-256. A session ends
//! after two hours without activity or twelve hours in all, at sign-out, or when the account
//! signs out everywhere.

use super::{CurrentUser, RoleGrant, Role, User};
use crate::db::{now, Database, DbError};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT_SECONDS: i64 = 2 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_TIMEOUT_SECONDS: i64 = 12 * 3600;
/// `last_seen_at` is only rewritten when older than this, to spare the database a write per request.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// The cookie name: the `__Host-` prefix (which requires `Secure`) outside development.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-campus_session" } else { "campus_session" }
}

/// The `Set-Cookie` value that stores `token`.
pub fn session_cookie(token: &str, secure: bool) -> String {
    crate::web::cookie(cookie_name(secure), token, Some(ABSOLUTE_TIMEOUT_SECONDS), secure)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    crate::web::cookie(cookie_name(secure), "", Some(0), secure)
}

/// What the database keeps of a token (sessions, address checks, password resets): its SHA-256.
pub(crate) fn hash_token(token: &str) -> String {
    crate::crypto::sha256_hex(token)
}

/// A new random token of 256 bits, in hexadecimal.
pub(crate) fn new_token() -> Result<String, DbError> {
    crate::crypto::random_hex::<32>()
}

/// Opens a session for `user_id` and returns its token (to put in the cookie).
pub async fn create(db: &Database, user_id: i64) -> Result<String, DbError> {
    create_with_id_token(db, user_id, None).await
}

/// Opens a session after a sign-in through an identity provider, keeping its ID token for the
/// provider's logout (`id_token_hint`).
pub async fn create_with_id_token(db: &Database, user_id: i64, id_token: Option<&str>) -> Result<String, DbError> {
    let token = new_token()?;
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, id_token) VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(at)
    .bind(at + ABSOLUTE_TIMEOUT_SECONDS)
    .bind(id_token)
    .execute(db.pool())
    .await?;
    Ok(token)
}

/// The user of a live session, or `None` if the token is unknown, expired or the account is
/// disabled. Refreshes the session's activity time.
///
/// One statement on every request that carries a session cookie: the session, its user, the
/// time zone of the user's unit (its own, or the nearest ancestor's) and one row per role.
pub async fn user_for_token(db: &Database, token: &str) -> Result<Option<CurrentUser>, DbError> {
    #[derive(sqlx::FromRow)]
    struct SessionRow {
        session_id: i64,
        last_seen_at: i64,
        #[sqlx(flatten)]
        user: User,
        time_zone: Option<String>,
        role_id: Option<i64>,
        role: Option<String>,
        role_organization_id: Option<i64>,
    }
    let at = now();
    let rows: Vec<SessionRow> = sqlx::query_as(
        "WITH RECURSIVE live AS ( \
             SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.display_name, u.organization_id \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled_at IS NULL \
         ), up (id, parent_id, time_zone, depth) AS ( \
             SELECT o.id, o.parent_id, o.time_zone, 0 FROM organizations o WHERE o.id IN (SELECT organization_id FROM live) \
             UNION ALL \
             SELECT o.id, o.parent_id, o.time_zone, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 64 \
         ) \
         SELECT live.*, (SELECT up.time_zone FROM up WHERE up.time_zone IS NOT NULL ORDER BY up.depth LIMIT 1) AS time_zone, \
                r.id AS role_id, r.role, r.organization_id AS role_organization_id \
         FROM live LEFT JOIN user_roles r ON r.user_id = live.id ORDER BY r.id",
    )
    .bind(hash_token(token))
    .bind(at)
    .bind(at - IDLE_TIMEOUT_SECONDS)
    .fetch_all(db.pool())
    .await?;
    let roles = rows
        .iter()
        .filter_map(|row| {
            Some(RoleGrant { id: row.role_id?, role: Role::from_id(row.role.as_deref()?)?, organization_id: row.role_organization_id })
        })
        .collect();
    let Some(SessionRow { session_id, last_seen_at, user, time_zone, .. }) = rows.into_iter().next() else {
        return Ok(None);
    };
    if at - last_seen_at > TOUCH_INTERVAL_SECONDS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2").bind(at).bind(session_id).execute(db.pool()).await?;
    }
    Ok(Some(CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        organization_id: user.organization_id,
        time_zone: time_zone.filter(|name| crate::time::zone(name).is_some()).unwrap_or_else(|| crate::time::DEFAULT_TIME_ZONE.to_owned()),
        roles,
        session_id,
    }))
}

/// The roles a user holds.
pub async fn roles_of(db: &Database, user_id: i64) -> Result<Vec<RoleGrant>, DbError> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as("SELECT id, role, organization_id FROM user_roles WHERE user_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, role, organization_id)| Some(RoleGrant { id, role: Role::from_id(&role)?, organization_id }))
        .collect())
}

/// Ends one session (sign-out).
pub async fn delete(db: &Database, session_id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE id = $1").bind(session_id).execute(db.pool()).await?;
    Ok(())
}

/// Ends a session and returns the identity provider's ID token it was opened with, if any (for
/// the provider's logout).
pub async fn delete_returning_id_token(db: &Database, session_id: i64) -> Result<Option<String>, DbError> {
    let id_token: Option<Option<String>> =
        sqlx::query_scalar("DELETE FROM sessions WHERE id = $1 RETURNING id_token").bind(session_id).fetch_optional(db.pool()).await?;
    Ok(id_token.flatten())
}

/// Ends every session of a user, except `keep` (the current one, after a password change).
pub async fn delete_all_for_user(db: &Database, user_id: i64, keep: Option<i64>) -> Result<u64, DbError> {
    let result = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1))
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected())
}

/// Deletes expired and idle sessions (run periodically).
pub async fn purge_expired(db: &Database) -> Result<u64, DbError> {
    let at = now();
    let result = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(at)
        .bind(at - IDLE_TIMEOUT_SECONDS)
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_carry_the_security_attributes() {
        let dev = session_cookie("abc", false);
        assert!(dev.starts_with("campus_session=abc;") && dev.contains("HttpOnly") && dev.contains("SameSite=Lax"));
        assert!(!dev.contains("Secure"));
        let prod = session_cookie("abc", true);
        assert!(prod.starts_with("__Host-campus_session=abc;") && prod.contains("; Secure") && prod.contains("Path=/"));
        assert!(clear_session_cookie(true).contains("Max-Age=0"));
    }

    #[test]
    fn tokens_have_256_bits_and_only_their_hash_is_kept() {
        let token = new_token().unwrap();
        assert_eq!(token.len(), 64);
        assert_ne!(token, new_token().unwrap());
        assert_eq!(hash_token(&token).len(), 64);
        assert_ne!(hash_token(&token), token);
        // The stored form of a token's hash: lower-case hexadecimal SHA-256.
        assert_eq!(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
