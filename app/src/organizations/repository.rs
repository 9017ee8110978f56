//! Stored organisation units (server only).

use sqlx::Row;

use super::{validate_name, Organization, OrganizationNameError};
use crate::db::{now, Database, DbError};

/// Errors when changing the tree.
#[derive(Debug, thiserror::Error)]
pub enum OrganizationError {
    #[error(transparent)]
    InvalidName(#[from] OrganizationNameError),
    #[error("l'unité parente n'existe pas")]
    UnknownParent,
    #[error(transparent)]
    Database(#[from] DbError),
}

impl From<sqlx::Error> for OrganizationError {
    fn from(error: sqlx::Error) -> Self {
        OrganizationError::Database(error.into())
    }
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Organization, sqlx::Error> {
    Ok(Organization { id: row.try_get("id")?, parent_id: row.try_get("parent_id")?, name: row.try_get("name")? })
}

/// Creates a unit under `parent_id` (or a root unit when `None`).
pub async fn create(
    db: &Database,
    parent_id: Option<i64>,
    name: &str,
) -> Result<Organization, OrganizationError> {
    let name = validate_name(name)?;
    if let Some(parent) = parent_id {
        if find(db, parent).await?.is_none() {
            return Err(OrganizationError::UnknownParent);
        }
    }
    let row = sqlx::query(
        "INSERT INTO organizations (parent_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(parent_id)
    .bind(&name)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    Ok(Organization { id: row.try_get("id")?, parent_id, name })
}

/// The unit with this id, if any.
pub async fn find(db: &Database, id: i64) -> Result<Option<Organization>, DbError> {
    let row = sqlx::query("SELECT id, parent_id, name FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The unit and all units below it, parents before children.
pub async fn subtree(db: &Database, root_id: i64) -> Result<Vec<Organization>, DbError> {
    let rows = sqlx::query(
        "WITH RECURSIVE tree (id, parent_id, name, depth) AS ( \
             SELECT id, parent_id, name, 0 FROM organizations WHERE id = $1 \
             UNION ALL \
             SELECT o.id, o.parent_id, o.name, tree.depth + 1 \
             FROM organizations o JOIN tree ON o.parent_id = tree.id \
         ) SELECT id, parent_id, name FROM tree ORDER BY depth, name, id",
    )
    .bind(root_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}
