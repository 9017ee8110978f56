//! Sessions stored in the database, so that several servers share them.
//!
//! The browser holds a random 256-bit token in an `HttpOnly`, `SameSite=Lax` cookie (`Secure`
//! and `__Host-` prefixed in production); the database only holds its SHA-256. A session ends
//! after two hours without activity or twelve hours in all, at sign-out, or when the account
//! signs out everywhere.
//!
//! **Kept in memory.** A request with a session cookie is answered from the sessions this
//! instance looked up in the last minute ([`SessionCache`]) rather than by a statement joining
//! the session, the account, its roles and the unit tree. What a session shows can change
//! elsewhere — sign-out, a disabled account, a role granted or withdrawn, a unit moved — so the
//! database keeps a counter of those changes, bumped by triggers (`identity_version`, migration
//! 0020), that each instance reads with the content version (`AppState::refresh_versions`): after
//! any request that may change it on this instance, so the change is seen at once there, and
//! every second in the background, so another instance's is seen within a second. A new value
//! drops every kept session: any such change anywhere empties every instance's kept sessions,
//! which then cost one lookup each (cheap at the rate of sign-outs and role changes of an
//! administration). An entry lives at most [`TOUCH_INTERVAL_SECONDS`] and never past the
//! session's end, so the activity time the idle timeout reads is still written once a minute.
//!
//! Written here rather than with a caching crate (`moka`, `quick_cache`): what invalidates an
//! entry is one database counter for all of them, not a per-entry policy.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicI64, Ordering},
        Arc, Mutex, PoisonError,
    },
};

use super::{CurrentUser, RoleGrant, Role, User};
use crate::db::{now, Database, DbError};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT_SECONDS: i64 = 2 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_TIMEOUT_SECONDS: i64 = 12 * 3600;
/// `last_seen_at` is only rewritten when older than this, to spare the database a write per
/// request; a session kept in memory is looked up again after this long.
pub const TOUCH_INTERVAL_SECONDS: i64 = 60;
/// Sessions one instance keeps at most: past this (a token-guessing flood cannot add any, only
/// live sessions are kept) it starts again empty.
const MAX_KEPT_SESSIONS: usize = 20_000;

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
    db.execute(sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, id_token) VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(at)
    .bind(at + ABSOLUTE_TIMEOUT_SECONDS)
    .bind(id_token))
    .await?;
    Ok(token)
}

/// The sessions this instance looked up lately, valid while the identity version they were read
/// under is the current one (see the module comment).
#[derive(Clone, Debug, Default)]
pub struct SessionCache(Arc<KeptSessions>);

#[derive(Debug, Default)]
struct KeptSessions {
    /// The last `identity_version` read from the database (0 before the first read).
    version: AtomicI64,
    /// The version the entries were read under, and the entries by token hash.
    entries: Mutex<(i64, HashMap<String, KeptSession>)>,
}

#[derive(Debug)]
struct KeptSession {
    user: CurrentUser,
    /// The last second this entry answers for (Unix time).
    valid_until: i64,
}

impl SessionCache {
    /// The identity version this instance last read.
    pub fn version(&self) -> i64 {
        self.0.version.load(Ordering::Acquire)
    }

    /// Takes the identity version read from the database; returns whether it changed (every
    /// kept session is then dropped).
    pub fn set_version(&self, version: i64) -> bool {
        let changed = self.0.version.swap(version, Ordering::AcqRel) != version;
        if changed {
            let mut entries = self.0.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if entries.0 != version {
                *entries = (version, HashMap::new());
            }
        }
        changed
    }

    /// The user of the session whose token hashes to `token_hash`, if it was kept under the
    /// current identity version and is still valid at `at`.
    fn get(&self, token_hash: &str, at: i64) -> Option<CurrentUser> {
        let version = self.version();
        let entries = self.0.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.0 != version {
            return None;
        }
        entries.1.get(token_hash).filter(|kept| at <= kept.valid_until).map(|kept| kept.user.clone())
    }

    /// Keeps a session looked up under identity version `version`, unless the version changed
    /// since (the lookup may have read what that change replaced).
    fn keep(&self, version: i64, token_hash: String, user: CurrentUser, valid_until: i64) {
        // Entries are only ever inserted or replaced whole: a panic while the lock was held
        // leaves nothing half-written.
        let mut entries = self.0.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if self.version() != version {
            return;
        }
        if entries.0 != version || entries.1.len() >= MAX_KEPT_SESSIONS {
            *entries = (version, HashMap::new());
        }
        entries.1.insert(token_hash, KeptSession { user, valid_until });
    }
}

/// The user of a live session, or `None` if the token is unknown, expired or the account is
/// disabled: from `kept` when this instance looked it up in the last minute, else from the
/// database, refreshing the session's activity time.
pub async fn user_for_token(db: &Database, kept: &SessionCache, token: &str) -> Result<Option<CurrentUser>, DbError> {
    let token_hash = hash_token(token);
    let at = now();
    if let Some(user) = kept.get(&token_hash, at) {
        return Ok(Some(user));
    }
    let version = kept.version();
    let Some((user, expires_at)) = look_up(db, &token_hash, at).await? else {
        return Ok(None);
    };
    kept.keep(version, token_hash, user.clone(), (at + TOUCH_INTERVAL_SECONDS).min(expires_at - 1));
    Ok(Some(user))
}

/// The user of a live session and the session's end, from the database; refreshes the session's
/// activity time.
///
/// One statement: the session, its user, the time zone of the user's unit (its own, or the
/// nearest ancestor's) and one row per role.
async fn look_up(db: &Database, token_hash: &str, at: i64) -> Result<Option<(CurrentUser, i64)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct SessionRow {
        session_id: i64,
        last_seen_at: i64,
        expires_at: i64,
        #[sqlx(flatten)]
        user: User,
        time_zone: Option<String>,
        role_id: Option<i64>,
        role: Option<String>,
        role_organization_id: Option<i64>,
    }
    let rows: Vec<SessionRow> = sqlx::query_as(
        "WITH RECURSIVE live AS ( \
             SELECT s.id AS session_id, s.last_seen_at, s.expires_at, u.id, u.email, u.display_name, u.organization_id \
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
    .bind(token_hash)
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
    let Some(SessionRow { session_id, last_seen_at, expires_at, user, time_zone, .. }) = rows.into_iter().next() else {
        return Ok(None);
    };
    if at - last_seen_at > TOUCH_INTERVAL_SECONDS {
        // A write like any other: through the writers' turn (group commit on SQLite). Sent to the
        // pool directly, it waited in SQLite's busy handler while quiz submissions kept the lock,
        // past a second under `make bench`'s load (and a client's timeout).
        db.write_grouped(move |mut scope| {
            Box::pin(async move {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2").bind(at).bind(session_id).execute(&mut *scope).await?;
                Ok::<(), DbError>(())
            })
        })
        .await?;
    }
    let user = CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        organization_id: user.organization_id,
        time_zone: time_zone.filter(|name| crate::time::zone(name).is_some()).unwrap_or_else(|| crate::time::DEFAULT_TIME_ZONE.to_owned()),
        roles,
        session_id,
    };
    Ok(Some((user, expires_at)))
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
    db.execute(sqlx::query("DELETE FROM sessions WHERE id = $1").bind(session_id)).await?;
    Ok(())
}

/// Ends a session and returns the identity provider's ID token it was opened with, if any (for
/// the provider's logout).
pub async fn delete_returning_id_token(db: &Database, session_id: i64) -> Result<Option<String>, DbError> {
    let turn = db.writer_turn().await;
    let id_token: Option<Option<String>> =
        sqlx::query_scalar("DELETE FROM sessions WHERE id = $1 RETURNING id_token").bind(session_id).fetch_optional(db.pool()).await?;
    drop(turn);
    Ok(id_token.flatten())
}

/// Ends every session of a user, except `keep` (the current one, after a password change).
pub async fn delete_all_for_user(db: &Database, user_id: i64, keep: Option<i64>) -> Result<u64, DbError> {
    let result = db.execute(sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1)))
        .await?;
    Ok(result.rows_affected())
}

/// Deletes expired and idle sessions (run periodically).
pub async fn purge_expired(db: &Database) -> Result<u64, DbError> {
    let at = now();
    let result = db.execute(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(at)
        .bind(at - IDLE_TIMEOUT_SECONDS))
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

    fn user(id: i64) -> CurrentUser {
        CurrentUser {
            id,
            email: format!("agent{id}@ville.fr"),
            display_name: "Agent".into(),
            organization_id: None,
            time_zone: crate::time::DEFAULT_TIME_ZONE.into(),
            roles: Vec::new(),
            session_id: id,
        }
    }

    #[test]
    fn kept_sessions_answer_until_their_end_and_only_under_their_identity_version() {
        let kept = SessionCache::default();
        kept.set_version(7);
        kept.keep(7, "a".into(), user(1), 100);
        assert_eq!(kept.get("a", 100).map(|u| u.id), Some(1));
        assert!(kept.get("a", 101).is_none(), "past its end");
        assert!(kept.get("b", 50).is_none(), "another token");
        assert!(!kept.set_version(7), "the same version changes nothing");
        assert!(kept.get("a", 50).is_some());
        assert!(kept.set_version(8));
        assert!(kept.get("a", 50).is_none(), "a new identity version drops every kept session");
        // A lookup that started under version 8 may have read what version 9 replaced.
        kept.set_version(9);
        kept.keep(8, "c".into(), user(2), 100);
        assert!(kept.get("c", 50).is_none(), "not kept");
        kept.keep(9, "c".into(), user(2), 100);
        assert_eq!(kept.get("c", 50).map(|u| u.id), Some(2));
    }

    #[test]
    fn kept_sessions_are_bounded() {
        let kept = SessionCache::default();
        for n in 0..MAX_KEPT_SESSIONS as i64 {
            kept.keep(0, n.to_string(), user(n), 100);
        }
        assert!(kept.get("0", 1).is_some());
        kept.keep(0, "one more".into(), user(0), 100);
        assert!(kept.get("0", 1).is_none(), "started again empty");
        assert!(kept.get("one more", 1).is_some());
    }
}
