//! Stored organisation units (server only).

use super::{validate_name, zones::UnitZones, Organization, OrganizationNameError, UnknownTimeZone};
use crate::db::{now, Database, DbError};

/// Errors when changing the tree.
#[derive(Debug, thiserror::Error)]
pub enum OrganizationError {
    #[error(transparent)]
    InvalidName(#[from] OrganizationNameError),
    #[error("l'unité parente n'existe pas")]
    UnknownParent,
    #[error("une unité ne peut pas être déplacée sous elle-même ou sous une de ses sous-unités")]
    Cycle,
    #[error("le SIRET « {0} » n'a pas 14 chiffres")]
    InvalidSiret(String),
    #[error("le SIRET {0} est déjà celui d'une autre unité")]
    SiretTaken(String),
    #[error(transparent)]
    UnknownTimeZone(#[from] super::UnknownTimeZone),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl From<sqlx::Error> for OrganizationError {
    fn from(error: sqlx::Error) -> Self {
        OrganizationError::Database(error.into())
    }
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
    let turn = db.writer_turn().await;
    let id = sqlx::query_scalar(
        "INSERT INTO organizations (parent_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(parent_id)
    .bind(&name)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    drop(turn);
    Ok(Organization { id, parent_id, name })
}

/// The unit with this id, if any.
pub async fn find(db: &Database, id: i64) -> Result<Option<Organization>, DbError> {
    Ok(sqlx::query_as("SELECT id, parent_id, name FROM organizations WHERE id = $1").bind(id).fetch_optional(db.pool()).await?)
}

/// The unit and all units below it, parents before children.
pub async fn subtree(db: &Database, root_id: i64) -> Result<Vec<Organization>, DbError> {
    Ok(sqlx::query_as(
        "WITH RECURSIVE tree (id, parent_id, name, depth) AS ( \
             SELECT id, parent_id, name, 0 FROM organizations WHERE id = $1 \
             UNION ALL \
             SELECT o.id, o.parent_id, o.name, tree.depth + 1 \
             FROM organizations o JOIN tree ON o.parent_id = tree.id \
         ) SELECT id, parent_id, name FROM tree ORDER BY depth, name, id",
    )
    .bind(root_id)
    .fetch_all(db.pool())
    .await?)
}

/// Every unit, parents before children, with its depth in the tree (for indented lists).
pub async fn tree(db: &Database) -> Result<Vec<(Organization, usize)>, DbError> {
    let all: Vec<Organization> = sqlx::query_as("SELECT id, parent_id, name FROM organizations ORDER BY name, id").fetch_all(db.pool()).await?;
    let mut ordered = Vec::with_capacity(all.len());
    fn visit(all: &[Organization], parent: Option<i64>, depth: usize, out: &mut Vec<(Organization, usize)>) {
        for unit in all.iter().filter(|o| o.parent_id == parent) {
            out.push((unit.clone(), depth));
            visit(all, Some(unit.id), depth + 1, out);
        }
    }
    visit(&all, None, 0, &mut ordered);
    Ok(ordered)
}

/// Is `unit` the unit `scope` or somewhere below it?
pub async fn is_within(db: &Database, unit: i64, scope: i64) -> Result<bool, DbError> {
    if unit == scope {
        return Ok(true);
    }
    let n: i64 = sqlx::query_scalar(
        "WITH RECURSIVE up (id, parent_id) AS ( \
             SELECT id, parent_id FROM organizations WHERE id = $1 \
             UNION ALL \
             SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id \
         ) SELECT COUNT(*) AS n FROM up WHERE id = $2",
    )
    .bind(unit)
    .bind(scope)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// Renames a unit.
pub async fn rename(db: &Database, id: i64, name: &str) -> Result<Organization, OrganizationError> {
    let name = validate_name(name)?;
    let Some(mut unit) = find(db, id).await? else {
        return Err(OrganizationError::UnknownParent);
    };
    db.execute(sqlx::query("UPDATE organizations SET name = $1 WHERE id = $2").bind(&name).bind(id)).await?;
    unit.name = name;
    Ok(unit)
}

/// Sets the SIRET that places agents signing in through ProConnect in this unit (empty: none).
pub async fn set_siret(db: &Database, id: i64, siret: &str) -> Result<(), OrganizationError> {
    let siret = match siret.trim() {
        "" => None,
        value => Some(crate::identity::normalize_siret(value).ok_or_else(|| OrganizationError::InvalidSiret(value.chars().take(40).collect()))?),
    };
    let mut tx = db.begin_write().await?;
    if let Some(siret) = &siret {
        let taken = sqlx::query("SELECT id FROM organizations WHERE siret = $1 AND id <> $2").bind(siret).bind(id).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            tx.rollback().await?;
            return Err(OrganizationError::SiretTaken(siret.clone()));
        }
    }
    sqlx::query("UPDATE organizations SET siret = $1 WHERE id = $2").bind(&siret).bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The SIRET of every unit that has one.
pub async fn sirets(db: &Database) -> Result<std::collections::HashMap<i64, String>, DbError> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, siret FROM organizations WHERE siret IS NOT NULL").fetch_all(db.pool()).await?;
    Ok(rows.into_iter().collect())
}

/// Moves a unit under another (or to the root); refuses to move a unit below itself.
pub async fn move_to(db: &Database, id: i64, new_parent: Option<i64>) -> Result<(), OrganizationError> {
    if find(db, id).await?.is_none() {
        return Err(OrganizationError::UnknownParent);
    }
    if let Some(parent) = new_parent {
        if find(db, parent).await?.is_none() {
            return Err(OrganizationError::UnknownParent);
        }
        if is_within(db, parent, id).await? {
            return Err(OrganizationError::Cycle);
        }
    }
    db.execute(sqlx::query("UPDATE organizations SET parent_id = $1 WHERE id = $2").bind(new_parent).bind(id)).await?;
    Ok(())
}

/// Sets the time zone of a unit (empty: the zone of its parent, Europe/Paris at the root). The
/// agents' due times move with it: the caller rebuilds their enrolments.
pub async fn set_time_zone(db: &Database, id: i64, name: &str) -> Result<(), OrganizationError> {
    let name = match name.trim() {
        "" => None,
        value => Some(
            crate::time::zone(value)
                .and_then(|zone| zone.iana_name().map(str::to_owned))
                .ok_or_else(|| UnknownTimeZone(value.chars().take(64).collect()))?,
        ),
    };
    db.execute(sqlx::query("UPDATE organizations SET time_zone = $1 WHERE id = $2").bind(name).bind(id)).await?;
    Ok(())
}

/// The time zone each unit sets itself (units that inherit theirs are absent).
pub async fn own_time_zones(db: &Database) -> Result<std::collections::HashMap<i64, String>, DbError> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, time_zone FROM organizations WHERE time_zone IS NOT NULL").fetch_all(db.pool()).await?;
    Ok(rows.into_iter().collect())
}

/// The effective zone of every unit, read in one query (on a transaction's connection too).
pub async fn zones<'e, E>(executor: E) -> Result<UnitZones, DbError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let units: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as("SELECT id, parent_id, time_zone FROM organizations").fetch_all(executor).await?;
    Ok(UnitZones::from_units(units))
}

/// The effective zone of one unit (of a signed-in agent): its own, or the nearest ancestor's.
pub async fn zone_of(db: &Database, unit: Option<i64>) -> Result<crate::time::TimeZone, DbError> {
    let Some(unit) = unit else { return Ok(crate::time::default_zone()) };
    let names: Vec<String> = sqlx::query_scalar(
        "WITH RECURSIVE up (id, parent_id, time_zone, depth) AS ( \
             SELECT id, parent_id, time_zone, 0 FROM organizations WHERE id = $1 \
             UNION ALL \
             SELECT o.id, o.parent_id, o.time_zone, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 64 \
         ) SELECT time_zone FROM up WHERE time_zone IS NOT NULL ORDER BY depth",
    )
    .bind(unit)
    .fetch_all(db.pool())
    .await?;
    // As in `UnitZones`, a name the database no longer knows counts as unset.
    Ok(names.iter().find_map(|name| crate::time::zone(name)).unwrap_or_else(crate::time::default_zone))
}
