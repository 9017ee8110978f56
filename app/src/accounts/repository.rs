//! Stored user accounts (server only).

use sqlx::Row;

use super::{normalize_email, EmailError, User};
use crate::db::{now, Database, DbError};

/// Errors when creating or reading accounts.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    InvalidEmail(#[from] EmailError),
    #[error("le nom affiché est obligatoire")]
    EmptyName,
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

fn from_row(row: &sqlx::any::AnyRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        organization_id: row.try_get("organization_id")?,
    })
}

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
    let display_name = new.display_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if display_name.is_empty() {
        return Err(AccountError::EmptyName);
    }
    let row = sqlx::query(
        "INSERT INTO users (email, display_name, organization_id, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&email)
    .bind(&display_name)
    .bind(new.organization_id)
    .bind(new.password_hash)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    Ok(User { id: row.try_get("id")?, email, display_name, organization_id: new.organization_id })
}

/// The account with this e-mail (any case), if any.
pub async fn find_by_email(db: &Database, email: &str) -> Result<Option<User>, DbError> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT id, email, display_name, organization_id FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The number of accounts in the units of `organization_ids`.
pub async fn count_in(db: &Database, organization_ids: &[i64]) -> Result<i64, DbError> {
    if organization_ids.is_empty() {
        return Ok(0);
    }
    // Ids are integers from our own database, so building the list inline is safe and
    // avoids engine-specific array binding.
    let list = organization_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS n FROM users WHERE organization_id IN ({list})"
    ))
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("n")?)
}
