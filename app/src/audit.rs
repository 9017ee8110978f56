//! The audit log: who did which privileged action, when. Admins read it; it never
//! holds passwords or what learners typed.

use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use crate::db::{now, Database, DbError};

/// One entry, as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub target: String,
    pub details: String,
}

#[cfg(feature = "ssr")]
/// Records an action. `target` names the object (`user:12`, `organization:3`…), never a
/// person's name, so that deleting an account leaves no personal data behind.
pub async fn record(db: &Database, actor_id: Option<i64>, action: &str, target: &str, details: &str) -> Result<(), DbError> {
    record_in(&mut *db.pool().acquire().await?, actor_id, action, target, details).await
}

#[cfg(feature = "ssr")]
/// [`record`] inside the caller's transaction, so that the action and its entry are written
/// together or not at all.
pub async fn record_in(conn: &mut sqlx::AnyConnection, actor_id: Option<i64>, action: &str, target: &str, details: &str) -> Result<(), DbError> {
    sqlx::query("INSERT INTO audit_log (at, actor_id, action, target, details) VALUES ($1, $2, $3, $4, $5)")
        .bind(now())
        .bind(actor_id)
        .bind(action)
        .bind(target)
        .bind(details)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(feature = "ssr")]
/// The most recent entries, newest first.
pub async fn recent(db: &Database, limit: i64) -> Result<Vec<AuditEntry>, DbError> {
    Ok(sqlx::query_as(
        "SELECT a.at, u.email AS actor, a.action, a.target, a.details FROM audit_log a \
         LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}
