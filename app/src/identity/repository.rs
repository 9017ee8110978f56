//! Stored identity data (server only): sign-ins in progress and the default unit.

use crate::{
    accounts::session::hash_token,
    db::{now, Database, DbError},
};

/// How long the provider may take to send the browser back.
pub const FLOW_LIFETIME_SECONDS: i64 = 10 * 60;

/// Remembers a sign-in in progress: its `state` (hashed), `nonce` and where to go after.
pub async fn save_flow(db: &Database, state: &str, nonce: &str, next: &str) -> Result<(), DbError> {
    let at = now();
    db.execute(sqlx::query("DELETE FROM oidc_flows WHERE created_at < $1").bind(at - FLOW_LIFETIME_SECONDS)).await?;
    db.execute(sqlx::query("INSERT INTO oidc_flows (state_hash, nonce, next_path, created_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(state))
        .bind(nonce)
        .bind(next)
        .bind(at))
        .await?;
    Ok(())
}

/// Takes (once) the sign-in whose `state` came back: its nonce and where to go after. `None`
/// for an unknown, reused or expired `state`.
pub async fn take_flow(db: &Database, state: &str) -> Result<Option<(String, String)>, DbError> {
    let turn = db.writer_turn().await;
    let row: Option<(String, String, i64)> = sqlx::query_as("DELETE FROM oidc_flows WHERE state_hash = $1 RETURNING nonce, next_path, created_at")
        .bind(hash_token(state))
        .fetch_optional(db.pool())
        .await?;
    drop(turn);
    Ok(row.filter(|(_, _, created_at)| *created_at >= now() - FLOW_LIFETIME_SECONDS).map(|(nonce, next, _)| (nonce, next)))
}

/// The unit where agents whose SIRET matches no unit are placed, if the administrator chose one.
pub async fn default_unit(conn: &mut sqlx::AnyConnection) -> Result<Option<i64>, DbError> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM app_settings WHERE key = 'identity.default_unit'").fetch_optional(&mut *conn).await?;
    Ok(value.and_then(|v| v.parse().ok()))
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

/// An import kept between its dry run and its apply.
pub struct StoredImport {
    pub id: i64,
    pub created_by: Option<i64>,
    pub scope_id: Option<i64>,
    pub full_sync: bool,
    pub file_name: String,
    pub content: String,
    pub report: super::ImportReport,
    pub created_at: i64,
    pub applied_at: Option<i64>,
}

/// Keeps a checked file and its dry-run report; returns its id.
pub async fn save_import(
    db: &Database,
    created_by: Option<i64>,
    scope_id: Option<i64>,
    full_sync: bool,
    file_name: &str,
    content: &str,
    report: &super::ImportReport,
) -> Result<i64, DbError> {
    let at = now();
    // Imports never applied are forgotten after a day: they hold a copy of the directory.
    db.execute(sqlx::query("DELETE FROM directory_imports WHERE applied_at IS NULL AND created_at < $1").bind(at - 24 * 3600)).await?;
    let turn = db.writer_turn().await;
    let value = sqlx::query_scalar(
        "INSERT INTO directory_imports (created_by, scope_id, full_sync, file_name, content, report_json, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(created_by)
    .bind(scope_id)
    .bind(i64::from(full_sync))
    .bind(file_name)
    .bind(content)
    .bind(serde_json::to_string(report).map_err(crate::db::json_error)?)
    .bind(at)
    .fetch_one(db.pool())
    .await?;
    drop(turn);
    Ok(value)
}

/// A kept import.
pub async fn find_import(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Option<StoredImport>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Import {
        id: i64,
        created_by: Option<i64>,
        scope_id: Option<i64>,
        full_sync: i64,
        file_name: String,
        content: String,
        report_json: String,
        created_at: i64,
        applied_at: Option<i64>,
    }
    let row: Option<Import> =
        sqlx::query_as("SELECT id, created_by, scope_id, full_sync, file_name, content, report_json, created_at, applied_at FROM directory_imports WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(StoredImport {
        id: row.id,
        created_by: row.created_by,
        scope_id: row.scope_id,
        full_sync: row.full_sync != 0,
        file_name: row.file_name,
        content: row.content,
        report: serde_json::from_str(&row.report_json).map_err(crate::db::json_error)?,
        created_at: row.created_at,
        applied_at: row.applied_at,
    }))
}

/// Records that an import was applied, with what it did (in the import's transaction).
pub async fn mark_import_applied(conn: &mut sqlx::AnyConnection, id: i64, report: &super::ImportReport) -> Result<(), DbError> {
    sqlx::query("UPDATE directory_imports SET applied_at = $1, report_json = $2 WHERE id = $3")
        .bind(now())
        .bind(serde_json::to_string(report).map_err(crate::db::json_error)?)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The latest imports of a user (or of everyone, for administrators), newest first.
pub async fn recent_imports(db: &Database, created_by: Option<i64>) -> Result<Vec<StoredImport>, DbError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM directory_imports WHERE ($1 = -1 OR created_by = $1) ORDER BY id DESC LIMIT 10")
        .bind(created_by.unwrap_or(-1))
        .fetch_all(db.pool())
        .await?;
    let mut conn = db.pool().acquire().await?;
    let mut imports = Vec::new();
    for id in ids {
        if let Some(found) = find_import(&mut conn, id).await? {
            imports.push(found);
        }
    }
    Ok(imports)
}
