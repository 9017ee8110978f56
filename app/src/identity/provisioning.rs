//! SCIM provisioning applied to accounts and units (server only): each write (create, replace,
//! patch, delete) is one write transaction serialised with CSV imports, with its audit entry.
//!
//! A token may be scoped to a unit: it then sees and changes only that unit's subtree, its new
//! users land in that unit, its new groups under it. `DELETE /Users/{id}` deactivates the
//! account and hides it from SCIM (RFC 7644 §3.6 lets a provider keep the resource, provided it
//! answers 404 afterwards): its history stays, and a later `POST` of the same `userName`
//! brings the same account back.

use super::{
    directory::{set_active, DIRECTORY_LOCK},
    scim::{self, EqualityFilter, GroupInput, GroupRecord, ScimError, UserInput, UserRecord},
};
use crate::db::{now, Database, DbError, WriteTransaction};

/// What can go wrong: a SCIM error for the client, or the database.
#[derive(Debug, thiserror::Error)]
pub enum ProvisioningError {
    #[error(transparent)]
    Scim(#[from] ScimError),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl From<sqlx::Error> for ProvisioningError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                ProvisioningError::Scim(ScimError::uniqueness("une autre ressource a déjà cette valeur (userName, adresse électronique ou externalId)"))
            }
            _ => ProvisioningError::Database(error.into()),
        }
    }
}

type Result<T> = std::result::Result<T, ProvisioningError>;

/// The part of the tree a token may see: `None` for all of it.
#[derive(Clone, Copy, Debug)]
pub struct Scope(pub Option<i64>);

impl Scope {
    /// The units of the scope, or `None` for the whole tree.
    async fn units(&self, conn: &mut sqlx::AnyConnection) -> std::result::Result<Option<Vec<i64>>, DbError> {
        let Some(root) = self.0 else { return Ok(None) };
        let units = sqlx::query_scalar(
            "WITH RECURSIVE scope (id) AS (SELECT id FROM organizations WHERE id = $1 \
             UNION ALL SELECT o.id FROM organizations o JOIN scope ON o.parent_id = scope.id) SELECT id FROM scope",
        )
        .bind(root)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some(units))
    }
}

/// `AND column IN (…)` for a scope (ids are integers from our own database).
fn in_scope(column: &str, units: &Option<Vec<i64>>) -> String {
    match units {
        None => String::new(),
        Some(units) if units.is_empty() => " AND 1 = 0".into(),
        Some(units) => format!(" AND {column} IN ({})", units.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
    }
}

const USER_COLUMNS: &str = "u.id, COALESCE(u.user_name, u.email) AS user_name, u.external_id, u.given_name, u.family_name, u.email, \
     u.disabled_at, u.organization_id, o.name AS unit_name, u.created_at, COALESCE(u.updated_at, u.created_at) AS updated_at";

/// A row of [`USER_COLUMNS`].
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    user_name: String,
    external_id: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    email: String,
    disabled_at: Option<i64>,
    organization_id: Option<i64>,
    unit_name: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl From<UserRow> for UserRecord {
    fn from(row: UserRow) -> UserRecord {
        UserRecord {
            id: row.id,
            user_name: row.user_name,
            external_id: row.external_id,
            given_name: row.given_name,
            family_name: row.family_name,
            email: row.email,
            active: row.disabled_at.is_none(),
            unit: row.organization_id.zip(row.unit_name),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// One page of users matching `filter`, and how many match in all. `start` is 1-based.
pub async fn list_users(db: &Database, scope: Scope, filter: Option<&EqualityFilter>, start: usize, count: usize) -> Result<(Vec<UserRecord>, usize)> {
    let mut conn = db.pool().acquire().await.map_err(DbError::from)?;
    let units = scope.units(&mut conn).await?;
    let (condition, value) = match filter {
        None => (String::new(), None),
        Some(f) => match f.attribute.as_str() {
            "username" => (" AND lower(COALESCE(u.user_name, u.email)) = lower($1)".to_owned(), Some(f.value.clone())),
            "externalid" => (" AND u.external_id = $1".to_owned(), Some(f.value.clone())),
            "emails.value" | "emails" => (" AND u.email = lower($1)".to_owned(), Some(f.value.clone())),
            "id" => (" AND CAST(u.id AS TEXT) = $1".to_owned(), Some(f.value.clone())),
            other => return Err(ScimError::new(400, Some("invalidFilter"), format!("filtre sur « {other} » non pris en charge")).into()),
        },
    };
    let from = format!("FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.removed_at IS NULL{condition}{}", in_scope("u.organization_id", &units));
    let total_sql = format!("SELECT COUNT(*) AS n {from}");
    let page_sql = format!("SELECT {USER_COLUMNS} {from} ORDER BY u.id LIMIT {count} OFFSET {}", start.saturating_sub(1));
    let mut total = sqlx::query_scalar::<_, i64>(&total_sql);
    let mut page = sqlx::query_as::<_, UserRow>(&page_sql);
    if let Some(value) = &value {
        total = total.bind(value.clone());
        page = page.bind(value.clone());
    }
    let total = total.fetch_one(&mut *conn).await.map_err(DbError::from)?;
    let users = page.fetch_all(&mut *conn).await.map_err(DbError::from)?.into_iter().map(UserRecord::from).collect();
    Ok((users, total as usize))
}

async fn find_user(conn: &mut sqlx::AnyConnection, scope: Scope, id: i64) -> Result<UserRecord> {
    let units = scope.units(conn).await?;
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1 AND u.removed_at IS NULL{}",
        in_scope("u.organization_id", &units)
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(DbError::from)?;
    match row {
        Some(row) => Ok(row.into()),
        None => Err(ScimError::not_found(format!("aucun utilisateur {id}")).into()),
    }
}

/// One user.
pub async fn get_user(db: &Database, scope: Scope, id: i64) -> Result<UserRecord> {
    find_user(&mut *db.pool().acquire().await.map_err(DbError::from)?, scope, id).await
}

async fn begin(db: &Database) -> Result<WriteTransaction> {
    let mut tx = db.begin_write().await?;
    tx.serialize_on(DIRECTORY_LOCK).await?;
    Ok(tx)
}

/// Another account already uses this user name or address? (`except` is the account itself.)
async fn check_user_unique(conn: &mut sqlx::AnyConnection, input: &UserInput, except: Option<i64>) -> Result<()> {
    let clash = sqlx::query("SELECT id FROM users WHERE (lower(COALESCE(user_name, email)) = lower($1) OR email = $2 OR lower(user_name) = $2) AND id <> $3")
        .bind(&input.user_name)
        .bind(&input.email)
        .bind(except.unwrap_or(-1))
        .fetch_optional(&mut *conn)
        .await
        .map_err(DbError::from)?;
    if clash.is_some() {
        return Err(ScimError::uniqueness(format!("un autre compte a déjà le userName « {} » ou l'adresse {}", input.user_name, input.email)).into());
    }
    Ok(())
}

async fn write_user(conn: &mut sqlx::AnyConnection, id: i64, input: &UserInput, at: i64) -> Result<()> {
    let display_name = crate::accounts::clean_display_name(&input.display_name()).map_err(|e| ScimError::invalid_value(e.to_string()))?;
    sqlx::query(
        "UPDATE users SET user_name = $1, external_id = $2, given_name = $3, family_name = $4, display_name = $5, email = $6, updated_at = $7 WHERE id = $8",
    )
    .bind(&input.user_name)
    .bind(&input.external_id)
    .bind(&input.given_name)
    .bind(&input.family_name)
    .bind(display_name)
    .bind(&input.email)
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    set_active(conn, id, input.active, at).await?;
    Ok(())
}

/// `POST /Users`: a new account, or the same account back when the directory had removed it.
pub async fn create_user(db: &Database, scope: Scope, input: &UserInput) -> Result<UserRecord> {
    let at = now();
    let mut tx = begin(db).await?;
    let revived: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE removed_at IS NOT NULL AND (lower(COALESCE(user_name, email)) = lower($1) OR email = $2)")
        .bind(&input.user_name)
        .bind(&input.email)
        .fetch_optional(&mut *tx)
        .await
        .map_err(DbError::from)?;
    check_user_unique(&mut tx, input, revived).await?;
    let id = match revived {
        Some(id) => {
            sqlx::query("UPDATE users SET removed_at = NULL WHERE id = $1").bind(id).execute(&mut *tx).await?;
            id
        }
        None => {
            let unit = match scope.0 {
                Some(root) => Some(root),
                None => super::repository::default_unit(&mut tx).await?,
            };
            sqlx::query_scalar("INSERT INTO users (email, display_name, organization_id, password_hash, created_at, updated_at, email_verified_at) VALUES ($1, $2, $3, NULL, $4, $4, $4) RETURNING id")
                .bind(&input.email)
                .bind(input.display_name())
                .bind(unit)
                .bind(at)
                .fetch_one(&mut *tx)
                .await?
        }
    };
    write_user(&mut tx, id, input, at).await?;
    crate::audit::record_in(&mut tx, None, if revived.is_some() { "scim.user.restore" } else { "scim.user.create" }, &format!("user:{id}"), "").await?;
    let user = find_user(&mut tx, scope, id).await?;
    tx.commit().await.map_err(DbError::from)?;
    crate::reporting::repository::rebuild_user_enrolments(db, id).await?;
    Ok(user)
}

/// `PUT /Users/{id}`.
pub async fn replace_user(db: &Database, scope: Scope, id: i64, input: &UserInput) -> Result<UserRecord> {
    let mut tx = begin(db).await?;
    find_user(&mut tx, scope, id).await?;
    finish_user_write(db, tx, scope, id, input).await
}

async fn finish_user_write(db: &Database, mut tx: WriteTransaction, scope: Scope, id: i64, input: &UserInput) -> Result<UserRecord> {
    check_user_unique(&mut tx, input, Some(id)).await?;
    write_user(&mut tx, id, input, now()).await?;
    crate::audit::record_in(&mut tx, None, "scim.user.update", &format!("user:{id}"), if input.active { "" } else { "inactif" }).await?;
    let user = find_user(&mut tx, scope, id).await?;
    tx.commit().await.map_err(DbError::from)?;
    crate::reporting::repository::rebuild_user_enrolments(db, id).await?;
    Ok(user)
}

/// `PATCH /Users/{id}`: the operations applied to the current representation, then stored as a
/// replacement.
pub async fn patch_user(db: &Database, scope: Scope, id: i64, patch: &serde_json::Value, base: &str) -> Result<UserRecord> {
    let mut tx = begin(db).await?;
    let mut json = find_user(&mut tx, scope, id).await?.to_json(base);
    scim::apply_patch(&mut json, patch)?;
    let input = scim::user_input(&json)?;
    finish_user_write(db, tx, scope, id, &input).await
}

/// `DELETE /Users/{id}`: deactivated and hidden from SCIM, history kept.
pub async fn delete_user(db: &Database, scope: Scope, id: i64) -> Result<()> {
    let at = now();
    let mut tx = begin(db).await?;
    find_user(&mut tx, scope, id).await?;
    set_active(&mut tx, id, false, at).await?;
    sqlx::query("UPDATE users SET removed_at = $1, updated_at = $1 WHERE id = $2").bind(at).bind(id).execute(&mut *tx).await?;
    crate::audit::record_in(&mut tx, None, "scim.user.delete", &format!("user:{id}"), "désactivé").await?;
    tx.commit().await.map_err(DbError::from)?;
    crate::reporting::repository::rebuild_user_enrolments(db, id).await?;
    Ok(())
}

/// The columns of a unit as a SCIM group.
const GROUP_COLUMNS: &str = "id, name, code, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    name: String,
    code: Option<String>,
    created_at: i64,
    updated_at: Option<i64>,
}

/// A group with its members.
async fn group_from_row(conn: &mut sqlx::AnyConnection, row: GroupRow) -> Result<GroupRecord> {
    let members = sqlx::query_as("SELECT id, display_name FROM users WHERE organization_id = $1 AND removed_at IS NULL ORDER BY id")
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await
        .map_err(DbError::from)?;
    Ok(GroupRecord {
        id: row.id,
        display_name: row.name,
        external_id: row.code,
        members,
        created_at: row.created_at,
        updated_at: row.updated_at.unwrap_or(row.created_at),
    })
}

/// One page of groups matching `filter`, and how many match in all.
pub async fn list_groups(db: &Database, scope: Scope, filter: Option<&EqualityFilter>, start: usize, count: usize) -> Result<(Vec<GroupRecord>, usize)> {
    let mut conn = db.pool().acquire().await.map_err(DbError::from)?;
    let units = scope.units(&mut conn).await?;
    let (condition, value) = match filter {
        None => (String::new(), None),
        Some(f) => match f.attribute.as_str() {
            "displayname" => (" AND lower(name) = lower($1)".to_owned(), Some(f.value.clone())),
            "externalid" => (" AND code = $1".to_owned(), Some(f.value.clone())),
            "id" => (" AND CAST(id AS TEXT) = $1".to_owned(), Some(f.value.clone())),
            other => return Err(ScimError::new(400, Some("invalidFilter"), format!("filtre sur « {other} » non pris en charge")).into()),
        },
    };
    let from = format!("FROM organizations WHERE 1 = 1{condition}{}", in_scope("id", &units));
    let total_sql = format!("SELECT COUNT(*) AS n {from}");
    let page_sql = format!("SELECT {GROUP_COLUMNS} {from} ORDER BY id LIMIT {count} OFFSET {}", start.saturating_sub(1));
    let mut total = sqlx::query_scalar::<_, i64>(&total_sql);
    let mut page = sqlx::query_as::<_, GroupRow>(&page_sql);
    if let Some(value) = &value {
        total = total.bind(value.clone());
        page = page.bind(value.clone());
    }
    let total = total.fetch_one(&mut *conn).await.map_err(DbError::from)?;
    let rows = page.fetch_all(&mut *conn).await.map_err(DbError::from)?;
    let mut groups = Vec::with_capacity(rows.len());
    for row in rows {
        groups.push(group_from_row(&mut conn, row).await?);
    }
    Ok((groups, total as usize))
}

async fn find_group(conn: &mut sqlx::AnyConnection, scope: Scope, id: i64) -> Result<GroupRecord> {
    let units = scope.units(conn).await?;
    let row: Option<GroupRow> = sqlx::query_as(&format!("SELECT {GROUP_COLUMNS} FROM organizations WHERE id = $1{}", in_scope("id", &units)))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(DbError::from)?;
    match row {
        Some(row) => group_from_row(conn, row).await,
        None => Err(ScimError::not_found(format!("aucun groupe {id}")).into()),
    }
}

/// One group.
pub async fn get_group(db: &Database, scope: Scope, id: i64) -> Result<GroupRecord> {
    find_group(&mut *db.pool().acquire().await.map_err(DbError::from)?, scope, id).await
}

/// Stores a group's name, code and members: listed users move into the unit, those no longer
/// listed go back to the token's unit (or to no unit).
async fn write_group(conn: &mut sqlx::AnyConnection, scope: Scope, id: i64, input: &GroupInput, at: i64) -> Result<()> {
    let name = crate::organizations::validate_name(&input.display_name).map_err(|e| ScimError::invalid_value(e.to_string()))?;
    if let Some(code) = &input.external_id {
        let taken = sqlx::query("SELECT id FROM organizations WHERE code = $1 AND id <> $2").bind(code).bind(id).fetch_optional(&mut *conn).await.map_err(DbError::from)?;
        if taken.is_some() {
            return Err(ScimError::uniqueness(format!("l'externalId « {code} » est déjà celui d'une autre unité")).into());
        }
    }
    sqlx::query("UPDATE organizations SET name = $1, code = $2, updated_at = $3 WHERE id = $4").bind(&name).bind(&input.external_id).bind(at).bind(id).execute(&mut *conn).await?;
    let units = scope.units(conn).await?;
    for member in &input.members {
        let visible = sqlx::query(&format!("SELECT id FROM users WHERE id = $1 AND removed_at IS NULL{}", in_scope("organization_id", &units)))
            .bind(member)
            .fetch_optional(&mut *conn)
            .await
            .map_err(DbError::from)?;
        if visible.is_none() {
            return Err(ScimError::invalid_value(format!("le membre {member} n'est pas un utilisateur connu de ce jeton")).into());
        }
    }
    let listed = input.members.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let keep = if listed.is_empty() { String::new() } else { format!(" AND id NOT IN ({listed})") };
    let fallback = scope.0.filter(|&root| root != id);
    sqlx::query(&format!("UPDATE users SET organization_id = $1, updated_at = $2 WHERE organization_id = $3{keep}")).bind(fallback).bind(at).bind(id).execute(&mut *conn).await?;
    if !listed.is_empty() {
        sqlx::query(&format!("UPDATE users SET organization_id = $1, updated_at = $2 WHERE id IN ({listed}) AND (organization_id IS NULL OR organization_id <> $1)"))
            .bind(id)
            .bind(at)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn finish_group_write(db: &Database, mut tx: WriteTransaction, scope: Scope, id: i64, action: &str) -> Result<GroupRecord> {
    crate::audit::record_in(&mut tx, None, action, &format!("organization:{id}"), "").await?;
    let group = find_group(&mut tx, scope, id).await?;
    tx.commit().await.map_err(DbError::from)?;
    crate::reporting::repository::rebuild_all_enrolments(db).await?;
    Ok(group)
}

/// `POST /Groups`: a unit under the token's unit (or at the top).
pub async fn create_group(db: &Database, scope: Scope, input: &GroupInput) -> Result<GroupRecord> {
    let at = now();
    let mut tx = begin(db).await?;
    let name = crate::organizations::validate_name(&input.display_name).map_err(|e| ScimError::invalid_value(e.to_string()))?;
    let id: i64 = sqlx::query_scalar("INSERT INTO organizations (parent_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id")
        .bind(scope.0)
        .bind(&name)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    write_group(&mut tx, scope, id, input, at).await?;
    finish_group_write(db, tx, scope, id, "scim.group.create").await
}

/// `PUT /Groups/{id}`.
pub async fn replace_group(db: &Database, scope: Scope, id: i64, input: &GroupInput) -> Result<GroupRecord> {
    let mut tx = begin(db).await?;
    find_group(&mut tx, scope, id).await?;
    write_group(&mut tx, scope, id, input, now()).await?;
    finish_group_write(db, tx, scope, id, "scim.group.update").await
}

/// `PATCH /Groups/{id}`.
pub async fn patch_group(db: &Database, scope: Scope, id: i64, patch: &serde_json::Value, base: &str) -> Result<GroupRecord> {
    let mut tx = begin(db).await?;
    let mut json = find_group(&mut tx, scope, id).await?.to_json(base);
    scim::apply_patch(&mut json, patch)?;
    let input = scim::group_input(&json)?;
    write_group(&mut tx, scope, id, &input, now()).await?;
    finish_group_write(db, tx, scope, id, "scim.group.update").await
}

/// `DELETE /Groups/{id}`: the unit goes, its agents move to the parent unit. A unit with
/// sub-units, or the token's own unit, is refused.
pub async fn delete_group(db: &Database, scope: Scope, id: i64) -> Result<()> {
    let mut tx = begin(db).await?;
    find_group(&mut tx, scope, id).await?;
    if scope.0 == Some(id) {
        return Err(ScimError::new(409, None, "l'unité du jeton ne peut pas être supprimée par lui").into());
    }
    let children: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM organizations WHERE parent_id = $1").bind(id).fetch_one(&mut *tx).await.map_err(DbError::from)?;
    if children > 0 {
        return Err(ScimError::new(409, None, format!("l'unité {id} a {children} sous-unité(s) : supprimez-les ou déplacez-les d'abord")).into());
    }
    sqlx::query("UPDATE users SET organization_id = (SELECT parent_id FROM organizations WHERE id = $1), updated_at = $2 WHERE organization_id = $1").bind(id).bind(now()).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM organizations WHERE id = $1").bind(id).execute(&mut *tx).await?;
    crate::audit::record_in(&mut tx, None, "scim.group.delete", &format!("organization:{id}"), "").await?;
    tx.commit().await.map_err(DbError::from)?;
    crate::reporting::repository::rebuild_all_enrolments(db).await?;
    Ok(())
}
