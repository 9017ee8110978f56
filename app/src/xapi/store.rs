//! Storage behind the xAPI endpoints (server only): the credentials an administrator gives an
//! external system to read one unit's statements, the statement queries, and the queue of
//! statements waiting for the external Learning Record Store.

use serde_json::Value;
use sha2::Digest;

use super::query::StatementQuery;
use crate::{
    crypto::{from_hex, random_hex, same_secret, sha256_hex, to_hex},
    db::{now, Database, DbError, QueryBuilder},
};

/// A credential as listed to administrators (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Credential {
    pub id: i64,
    pub label: String,
    pub organization_id: i64,
    pub organization: String,
    pub key_id: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// What is stored of a credential's secret: its SHA-256 in hexadecimal.
fn hash_secret(secret: &str) -> String {
    sha256_hex(secret)
}

/// XORs `bytes` with SHA-512 of `key` (64 bytes): seals and unseals a 64-character secret with a
/// single-use random key.
fn seal(bytes: &[u8], key: &str) -> Vec<u8> {
    let pad = sha2::Sha512::digest(key.as_bytes());
    bytes.iter().zip(pad.iter().cycle()).map(|(b, p)| b ^ p).collect()
}

/// Creates a credential for the subtree of `organization_id`. Only a hash of its secret is
/// kept, and the secret itself sealed with a one-time key: returns the credential's id, its key
/// and that one-time key, which [`reveal_secret`] takes to show the secret once.
pub async fn create_credential(db: &Database, organization_id: i64, label: &str, by: i64) -> Result<(i64, String, String), DbError> {
    let key_id = format!("campus-{}", random_hex::<8>()?);
    let secret = random_hex::<32>()?;
    let one_time_key = random_hex::<32>()?;
    let turn = db.writer_turn().await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO xapi_credentials (organization_id, label, key_id, secret_hash, created_by, created_at, sealed_secret) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(organization_id)
    .bind(label)
    .bind(&key_id)
    .bind(hash_secret(&secret))
    .bind(by)
    .bind(now())
    .bind(to_hex(seal(secret.as_bytes(), &one_time_key)))
    .fetch_one(db.pool())
    .await?;
    drop(turn);
    Ok((id, key_id, one_time_key))
}

/// The secret of credential `id`, once: unsealed with `one_time_key`, then the seal is erased.
/// `None` once it was shown, or with a wrong key.
pub async fn reveal_secret(db: &Database, id: i64, one_time_key: &str) -> Result<Option<String>, DbError> {
    let mut tx = db.begin_write().await?;
    let sealed: Option<String> = sqlx::query_scalar("SELECT sealed_secret FROM xapi_credentials WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .flatten();
    let Some(sealed) = sealed.and_then(|hex| from_hex(&hex)) else {
        tx.rollback().await?;
        return Ok(None);
    };
    let secret = String::from_utf8(seal(&sealed, one_time_key)).ok().filter(|s| s.chars().all(|c| c.is_ascii_hexdigit()));
    if secret.is_some() {
        sqlx::query("UPDATE xapi_credentials SET sealed_secret = NULL WHERE id = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(secret)
}

pub async fn list_credentials(db: &Database) -> Result<Vec<Credential>, DbError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.label, c.organization_id, o.name AS organization, c.key_id, c.created_at, c.revoked_at \
         FROM xapi_credentials c JOIN organizations o ON o.id = c.organization_id ORDER BY c.created_at DESC, c.id DESC",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Revokes a credential; returns whether it was active.
pub async fn revoke_credential(db: &Database, id: i64) -> Result<bool, DbError> {
    let done = db.execute(sqlx::query("UPDATE xapi_credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(id))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The unit a valid, unrevoked key and secret give access to.
pub async fn authenticate(db: &Database, key_id: &str, secret: &str) -> Result<Option<i64>, DbError> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT organization_id, secret_hash FROM xapi_credentials WHERE key_id = $1 AND revoked_at IS NULL")
            .bind(key_id)
            .fetch_optional(db.pool())
            .await?;
    let Some((organization_id, stored)) = row else { return Ok(None) };
    // Compare in constant time: the hash of a guess must not leak through timing.
    Ok(same_secret(&stored, hash_secret(secret)).then_some(organization_id))
}

/// A statement as the LRS returns it: the recorded one plus `stored`.
fn with_stored(json: &str, stored_at: i64) -> Value {
    let mut value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("stored".into(), Value::String(crate::time::rfc3339(stored_at)));
    }
    value
}

/// A stored statement: its id, its JSON as recorded and when it was stored.
#[derive(sqlx::FromRow)]
struct StoredStatement {
    id: String,
    statement_json: String,
    stored_at: i64,
}

/// Statements of the agents of `scope` matching `query`, one page of them, and the cursor of
/// the next page if there is one. `home_page` is this site's address: an `agent` filter with
/// another home page matches nobody.
pub async fn statements(
    db: &Database,
    scope: i64,
    home_page: &str,
    query: &StatementQuery,
) -> Result<(Vec<Value>, Option<super::query::Cursor>), DbError> {
    let mut sql = QueryBuilder::new(
        "WITH RECURSIVE scope (id) AS (SELECT id FROM organizations WHERE id = $1 \
             UNION ALL SELECT o.id FROM organizations o JOIN scope ON o.parent_id = scope.id) \
         SELECT s.id, s.statement_json, s.stored_at FROM xapi_statements s JOIN users u ON u.id = s.user_id \
         JOIN scope ON scope.id = u.organization_id WHERE 1 = 1",
    );
    sql.bind(scope);
    if let Some(id) = &query.statement_id {
        sql.push_condition(" AND s.id = ?", id.as_str());
    }
    if let Some(verb) = &query.verb {
        sql.push_condition(" AND s.verb = ?", verb.as_str());
    }
    if let Some(activity) = &query.activity {
        sql.push_condition(" AND s.activity = ?", activity.as_str());
    }
    if let Some(agent) = &query.agent_account {
        match agent.name.parse::<i64>() {
            Ok(user_id) if agent.home_page.trim_end_matches('/') == home_page => sql.push_condition(" AND s.user_id = ?", user_id),
            _ => return Ok((Vec::new(), None)),
        };
    }
    if let Some(since) = query.since {
        sql.push_condition(" AND s.stored_at > ?", since);
    }
    if let Some(until) = query.until {
        sql.push_condition(" AND s.stored_at <= ?", until);
    }
    let (order, comparison) = if query.ascending { ("ASC", '>') } else { ("DESC", '<') };
    if let Some(cursor) = &query.cursor {
        sql.push_condition(&format!(" AND (s.stored_at {comparison} ? OR (s.stored_at = ? AND s.id {comparison} "), cursor.stored_at);
        sql.push_bind(cursor.id.as_str()).push("))");
    }
    let limit = i64::from(query.limit.max(1));
    sql.push(format!(" ORDER BY s.stored_at {order}, s.id {order} LIMIT {}", limit + 1));
    let rows: Vec<StoredStatement> = sql.build_query_as()?.fetch_all(db.pool()).await?;
    let more = rows.len() as i64 > limit;
    let mut page = Vec::with_capacity(rows.len());
    let mut last = None;
    for StoredStatement { id, statement_json, stored_at } in rows.into_iter().take(limit as usize) {
        page.push(with_stored(&statement_json, stored_at));
        last = Some(super::query::Cursor { stored_at, id });
    }
    Ok((page, if more { last } else { None }))
}

/// Statements not yet accepted by the external LRS, oldest first.
pub async fn pending_statements(db: &Database, limit: i64) -> Result<Vec<(String, Value)>, DbError> {
    let rows: Vec<StoredStatement> =
        sqlx::query_as("SELECT id, statement_json, stored_at FROM xapi_statements WHERE pushed_at IS NULL ORDER BY stored_at, id LIMIT $1")
            .bind(limit)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|row| (row.id, with_stored(&row.statement_json, row.stored_at))).collect())
}

/// Marks statements as accepted by the external LRS.
pub async fn mark_pushed(db: &Database, ids: &[String]) -> Result<(), DbError> {
    let at = now();
    for id in ids {
        db.execute(sqlx::query("UPDATE xapi_statements SET pushed_at = $1 WHERE id = $2").bind(at).bind(id)).await?;
    }
    Ok(())
}
