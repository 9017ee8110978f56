//! Stored user accounts (server only).

use super::{normalize_email, EmailError, User};
use crate::db::{now, Database, DbError};

/// Errors when creating or reading accounts.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    InvalidEmail(#[from] EmailError),
    #[error("{0}")]
    InvalidName(&'static str),
    #[error("un compte existe déjà avec cette adresse électronique")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] DbError),
}

impl From<sqlx::Error> for AccountError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db_error) if db_error.is_unique_violation() => AccountError::EmailTaken,
            _ => AccountError::Database(error.into()),
        }
    }
}

/// The columns of a [`User`].
const USER_COLUMNS: &str = "id, email, display_name, organization_id";

/// What is needed to create an account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub organization_id: Option<i64>,
    /// An argon2 PHC string, never a clear password.
    pub password_hash: Option<&'a str>,
}

/// Creates an account; the e-mail must not be in use (compared case-insensitively).
pub async fn create(db: &Database, new: NewUser<'_>) -> Result<User, AccountError> {
    let email = normalize_email(new.email)?;
    let display_name = super::clean_display_name(new.display_name).map_err(AccountError::InvalidName)?;
    let turn = db.writer_turn().await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, organization_id, password_hash, created_at, email_verified_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&email)
    .bind(&display_name)
    .bind(new.organization_id)
    .bind(new.password_hash)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    drop(turn);
    // A newcomer to a unit gets the courses already assigned to it.
    if new.organization_id.is_some() {
        crate::reporting::repository::rebuild_user_enrolments(db, id).await?;
    }
    Ok(User { id, email, display_name, organization_id: new.organization_id })
}

/// The account with this e-mail (any case), if any.
pub async fn find_by_email(db: &Database, email: &str) -> Result<Option<User>, DbError> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    Ok(sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1")).bind(email).fetch_optional(db.pool()).await?)
}

/// The number of accounts in the units of `organization_ids`.
pub async fn count_in(db: &Database, organization_ids: &[i64]) -> Result<i64, DbError> {
    if organization_ids.is_empty() {
        return Ok(0);
    }
    // Ids are integers from our own database, so building the list inline is safe and
    // avoids engine-specific array binding.
    let list = organization_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) AS n FROM users WHERE organization_id IN ({list})")).fetch_one(db.pool()).await?)
}

/// What sign-in needs to know of an account.
pub struct Credentials {
    pub user_id: i64,
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// False until the address check of a self sign-up is done.
    pub verified: bool,
}

/// What sign-in needs: the account, its password hash and whether it may sign in.
pub async fn credentials(db: &Database, email: &str) -> Result<Option<Credentials>, DbError> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    let row: Option<(i64, Option<String>, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT id, password_hash, disabled_at, email_verified_at FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(user_id, password_hash, disabled_at, email_verified_at)| Credentials {
        user_id,
        password_hash,
        disabled: disabled_at.is_some(),
        verified: email_verified_at.is_some(),
    }))
}

/// The password hash of an account.
pub async fn password_hash(db: &Database, user_id: i64) -> Result<Option<String>, DbError> {
    let hash: Option<Option<String>> = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_optional(db.pool()).await?;
    Ok(hash.flatten())
}

pub async fn set_password_hash(db: &Database, user_id: i64, hash: &str) -> Result<(), DbError> {
    db.execute(sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id)).await?;
    Ok(())
}

pub async fn set_display_name(db: &Database, user_id: i64, name: &str) -> Result<(), AccountError> {
    let name = super::clean_display_name(name).map_err(AccountError::InvalidName)?;
    db.execute(sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2").bind(name).bind(user_id)).await?;
    Ok(())
}

/// Deletes an account and everything attached to it (sessions, roles, learning records cascade).
pub async fn delete(db: &Database, user_id: i64) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id)).await?;
    Ok(())
}

pub async fn find(db: &Database, user_id: i64) -> Result<Option<User>, DbError> {
    Ok(sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")).bind(user_id).fetch_optional(db.pool()).await?)
}

/// Every account with its roles and whether it is active, for the admin page (sorted by e-mail).
pub async fn list_with_roles(db: &Database) -> Result<Vec<(User, Vec<super::RoleGrant>, bool)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Listed {
        #[sqlx(flatten)]
        user: User,
        disabled_at: Option<i64>,
    }
    let rows: Vec<Listed> = sqlx::query_as(&format!("SELECT {USER_COLUMNS}, disabled_at FROM users ORDER BY email")).fetch_all(db.pool()).await?;
    let mut users = Vec::with_capacity(rows.len());
    for Listed { user, disabled_at } in rows {
        let roles = super::session::roles_of(db, user.id).await?;
        users.push((user, roles, disabled_at.is_none()));
    }
    Ok(users)
}

/// Gives a role (scoped roles need a unit). Granting a role already held does nothing.
pub async fn grant_role(
    db: &Database,
    user_id: i64,
    role: super::Role,
    organization_id: Option<i64>,
    granted_by: Option<i64>,
) -> Result<(), DbError> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM user_roles WHERE user_id = $1 AND role = $2 AND COALESCE(organization_id, -1) = $3",
    )
    .bind(user_id)
    .bind(role.id())
    .bind(organization_id.unwrap_or(-1))
    .fetch_optional(db.pool())
    .await?;
    if existing.is_none() {
        db.execute(sqlx::query("INSERT INTO user_roles (user_id, role, organization_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)")
            .bind(user_id)
            .bind(role.id())
            .bind(organization_id)
            .bind(now())
            .bind(granted_by))
            .await?;
    }
    Ok(())
}

/// Removes one role grant; returns the user it belonged to.
pub async fn revoke_role(db: &Database, grant_id: i64) -> Result<Option<i64>, DbError> {
    let user_id: Option<i64> = sqlx::query_scalar("SELECT user_id FROM user_roles WHERE id = $1").bind(grant_id).fetch_optional(db.pool()).await?;
    let Some(user_id) = user_id else { return Ok(None) };
    db.execute(sqlx::query("DELETE FROM user_roles WHERE id = $1").bind(grant_id)).await?;
    Ok(Some(user_id))
}

/// Number of administrators (the last one cannot be removed).
pub async fn admin_count(db: &Database) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(DISTINCT user_id) AS n FROM user_roles WHERE role = 'admin'").fetch_one(db.pool()).await?)
}

/// Everything stored about a user, as the "download my data" export shows it.
pub async fn personal_data(db: &Database, user_id: i64) -> Result<serde_json::Value, DbError> {
    let Some(user) = find(db, user_id).await? else {
        return Ok(serde_json::Value::Null);
    };
    let created: i64 = sqlx::query_scalar("SELECT created_at FROM users WHERE id = $1").bind(user_id).fetch_one(db.pool()).await?;
    let roles = super::session::roles_of(db, user_id).await?;
    let sessions: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at")
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    let sessions: Vec<_> = sessions
        .into_iter()
        .map(|(created_at, last_seen_at, expires_at)| serde_json::json!({ "created_at": created_at, "last_seen_at": last_seen_at, "expires_at": expires_at }))
        .collect();
    Ok(serde_json::json!({
        "format": "campus-ia/personal-data/1",
        "exported_at": now(),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "organization_id": user.organization_id,
            "created_at": created,
        },
        "roles": roles,
        "sessions": sessions,
    }))
}
