//! The employer's directory applied to accounts (server only): the CSV import (dry run, then
//! apply, each in one write transaction) and account deactivation, shared with SCIM.
//!
//! A dry run does exactly what the import would do inside a transaction and rolls it back, so
//! that what it reports is what applying will do. An import is idempotent: the same file twice
//! changes nothing the second time. With a full sync, the accounts of the scope that the file
//! does not list are **deactivated, not deleted**: they cannot sign in, their sessions end, HR
//! figures leave them out, and their history stays.

use std::collections::{HashMap, HashSet};

use super::{
    import::{ImportRow, UnitRef},
    ImportProblem, ImportReport,
};
use crate::db::{now, Database, DbError, WriteTransaction};

/// The key every directory write serialises on (imports, SCIM), so that two never interleave.
pub const DIRECTORY_LOCK: &str = "directory";
/// Most deactivated addresses listed in a report (the count is always complete).
const LISTED_DEACTIVATIONS: usize = 100;

/// Deactivates or reactivates an account in the caller's transaction. Deactivating ends its
/// sessions; in both cases its enrolments must be rebuilt afterwards. Returns whether it changed.
pub async fn set_active(conn: &mut sqlx::AnyConnection, user_id: i64, active: bool, at: i64) -> Result<bool, DbError> {
    let changed = if active {
        sqlx::query("UPDATE users SET disabled_at = NULL, removed_at = NULL, updated_at = $1 WHERE id = $2 AND disabled_at IS NOT NULL")
    } else {
        sqlx::query("UPDATE users SET disabled_at = $1, updated_at = $1 WHERE id = $2 AND disabled_at IS NULL")
    }
    .bind(at)
    .bind(user_id)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        > 0;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    }
    Ok(changed)
}

/// Deactivates or reactivates one account (the admin page), with its audit entry, then brings
/// its enrolments in line (a deactivated agent leaves HR figures).
pub async fn change_activation(db: &Database, actor_id: i64, user_id: i64, active: bool) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    tx.serialize_on(DIRECTORY_LOCK).await?;
    let changed = set_active(&mut tx, user_id, active, now()).await?;
    if changed {
        let action = if active { "account.reactivate" } else { "account.deactivate" };
        crate::audit::record_in(&mut tx, Some(actor_id), action, &format!("user:{user_id}"), "").await?;
    }
    tx.commit().await?;
    crate::reporting::repository::rebuild_user_enrolments(db, user_id).await?;
    Ok(changed)
}

/// A unit as the import resolves it.
struct Unit {
    parent_id: Option<i64>,
    name: String,
    siret: Option<String>,
}

/// The organisation tree in memory, for resolving thousands of lines without a query each.
struct Tree {
    units: HashMap<i64, Unit>,
    by_code: HashMap<String, i64>,
    /// (parent, lower-cased name) → unit.
    by_name: HashMap<(Option<i64>, String), i64>,
    by_siret: HashMap<String, i64>,
}

impl Tree {
    async fn load(conn: &mut sqlx::AnyConnection) -> Result<Tree, DbError> {
        let rows: Vec<(i64, Option<i64>, String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT id, parent_id, name, code, siret FROM organizations").fetch_all(&mut *conn).await?;
        let mut tree = Tree { units: HashMap::new(), by_code: HashMap::new(), by_name: HashMap::new(), by_siret: HashMap::new() };
        for (id, parent_id, name, code, siret) in rows {
            let unit = Unit { parent_id, name, siret };
            if let Some(code) = code {
                tree.by_code.insert(code, id);
            }
            if let Some(siret) = &unit.siret {
                tree.by_siret.insert(siret.clone(), id);
            }
            tree.by_name.insert((unit.parent_id, unit.name.to_lowercase()), id);
            tree.units.insert(id, unit);
        }
        Ok(tree)
    }

    fn is_within(&self, unit: i64, scope: Option<i64>) -> bool {
        let Some(scope) = scope else { return true };
        let mut current = Some(unit);
        let mut steps = 0;
        while let Some(id) = current {
            if id == scope {
                return true;
            }
            steps += 1;
            if steps > 1000 {
                return false;
            }
            current = self.units.get(&id).and_then(|u| u.parent_id);
        }
        false
    }

    fn path(&self, unit: i64) -> String {
        let mut names = Vec::new();
        let mut current = Some(unit);
        while let Some(id) = current {
            let Some(u) = self.units.get(&id) else { break };
            names.push(u.name.clone());
            current = u.parent_id;
            if names.len() > 1000 {
                break;
            }
        }
        names.reverse();
        names.join(" / ")
    }
}

/// An account as the import compares it.
#[derive(sqlx::FromRow)]
struct Account {
    id: i64,
    email: String,
    external_id: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    display_name: String,
    organization_id: Option<i64>,
    disabled_at: Option<i64>,
}

impl Account {
    fn disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

/// Who imports, and over which part of the tree.
pub struct ImportActor {
    /// `None` for the command line.
    pub user_id: Option<i64>,
    /// The unit whose subtree the import may touch; `None` for the whole tree (administrators).
    pub scope: Option<i64>,
}

/// Runs an import of checked rows: a dry run (`apply = false`) reports and rolls back; an apply
/// with problems writes nothing. The report is the same in both cases.
pub async fn run_import(db: &Database, actor: &ImportActor, rows: &[ImportRow], full_sync: bool, apply: bool) -> Result<ImportReport, DbError> {
    Ok(run(db, actor, rows, full_sync, apply, None).await?.unwrap_or_default())
}

/// Applies an import kept after its dry run (the web page): once only, even when two requests
/// ask at the same time. `None` when it was already applied.
pub async fn apply_stored_import(db: &Database, actor: &ImportActor, id: i64, rows: &[ImportRow], full_sync: bool) -> Result<Option<ImportReport>, DbError> {
    run(db, actor, rows, full_sync, true, Some(id)).await
}

async fn run(db: &Database, actor: &ImportActor, rows: &[ImportRow], full_sync: bool, apply: bool, stored: Option<i64>) -> Result<Option<ImportReport>, DbError> {
    let at = now();
    let mut tx = db.begin_write().await?;
    tx.serialize_on(DIRECTORY_LOCK).await?;
    if let Some(id) = stored {
        let pending = super::repository::find_import(&mut tx, id).await?.is_some_and(|i| i.applied_at.is_none());
        if !pending {
            tx.rollback().await?;
            return Ok(None);
        }
    }
    let report = import_in(&mut tx, actor, rows, full_sync, at).await?;
    if apply && report.problems.is_empty() {
        if let Some(id) = stored {
            super::repository::mark_import_applied(&mut tx, id, &report).await?;
        }
        crate::audit::record_in(
            &mut tx,
            actor.user_id,
            "directory.import",
            &actor.scope.map(|s| format!("organization:{s}")).unwrap_or_else(|| "organization:*".into()),
            &report.summary(),
        )
        .await?;
        tx.commit().await?;
        if report.changes() > 0 {
            crate::reporting::repository::rebuild_all_enrolments(db).await?;
        }
    } else {
        tx.rollback().await?;
    }
    Ok(Some(report))
}

async fn import_in(tx: &mut WriteTransaction, actor: &ImportActor, rows: &[ImportRow], full_sync: bool, at: i64) -> Result<ImportReport, DbError> {
    let mut report = ImportReport::default();
    let mut tree = Tree::load(tx).await?;
    let accounts: Vec<Account> =
        sqlx::query_as("SELECT id, email, external_id, given_name, family_name, display_name, organization_id, disabled_at FROM users")
            .fetch_all(&mut **tx)
            .await?;
    let mut by_email: HashMap<String, usize> = HashMap::new();
    let mut by_external: HashMap<String, usize> = HashMap::new();
    for (index, account) in accounts.iter().enumerate() {
        by_email.insert(account.email.clone(), index);
        if let Some(id) = &account.external_id {
            by_external.insert(id.clone(), index);
        }
    }
    let roles: HashSet<(i64, String, i64)> =
        sqlx::query_as::<_, (i64, String, i64)>("SELECT user_id, role, organization_id FROM user_roles WHERE organization_id IS NOT NULL")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();
    let mut listed: HashSet<i64> = HashSet::new();
    for row in rows {
        let unit = match resolve_unit(tx, &mut tree, &row.unit, actor.scope, at, &mut report).await? {
            Ok(unit) => unit,
            Err(problem) => {
                report.problem(row.line, problem);
                continue;
            }
        };
        if let Some(siret) = &row.siret {
            match tree.by_siret.get(siret) {
                Some(&owner) if owner == unit => {}
                Some(&owner) => {
                    report.problem(row.line, ImportProblem::SiretTaken { siret: siret.clone(), unit: tree.path(owner) });
                    continue;
                }
                None => match tree.units.get(&unit).and_then(|u| u.siret.clone()) {
                    Some(other) => {
                        report.problem(row.line, ImportProblem::UnitHasOtherSiret { unit: tree.path(unit), other, siret: siret.clone() });
                        continue;
                    }
                    None => {
                        sqlx::query("UPDATE organizations SET siret = $1, updated_at = $2 WHERE id = $3").bind(siret).bind(at).bind(unit).execute(&mut **tx).await?;
                        tree.by_siret.insert(siret.clone(), unit);
                        if let Some(u) = tree.units.get_mut(&unit) {
                            u.siret = Some(siret.clone());
                        }
                        report.sirets_recorded += 1;
                    }
                },
            }
        }
        let existing = row.external_id.as_ref().and_then(|id| by_external.get(id)).or_else(|| by_email.get(&row.email)).copied();
        let display_name = row.display_name();
        let user_id = match existing {
            Some(index) => {
                let account = &accounts[index];
                if let Some(current) = account.organization_id {
                    if !tree.is_within(current, actor.scope) {
                        report.problem(row.line, ImportProblem::AgentOutOfScope { email: row.email.clone(), unit: tree.path(current) });
                        continue;
                    }
                }
                if account.email != row.email {
                    if let Some(&other) = by_email.get(&row.email) {
                        if other != index {
                            report.problem(
                                row.line,
                                ImportProblem::EmailOfAnotherAccount { email: row.email.clone(), id: row.external_id.clone().unwrap_or_default() },
                            );
                            continue;
                        }
                    }
                }
                if listed.contains(&account.id) {
                    report.problem(row.line, ImportProblem::SameAgentTwice(row.email.clone()));
                    continue;
                }
                let same = account.email == row.email
                    && account.given_name.as_deref() == Some(row.given_name.as_str())
                    && account.family_name.as_deref() == Some(row.family_name.as_str())
                    && account.display_name == display_name
                    && account.organization_id == Some(unit)
                    && (row.external_id.is_none() || account.external_id == row.external_id);
                if !same {
                    sqlx::query(
                        "UPDATE users SET email = $1, given_name = $2, family_name = $3, display_name = $4, organization_id = $5, \
                         external_id = COALESCE($6, external_id), updated_at = $7 WHERE id = $8",
                    )
                    .bind(&row.email)
                    .bind(&row.given_name)
                    .bind(&row.family_name)
                    .bind(&display_name)
                    .bind(unit)
                    .bind(&row.external_id)
                    .bind(at)
                    .bind(account.id)
                    .execute(&mut **tx)
                    .await?;
                    report.updated += 1;
                }
                if account.disabled() {
                    set_active(tx, account.id, true, at).await?;
                    report.reactivated += 1;
                } else if same {
                    report.unchanged += 1;
                }
                account.id
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (email, display_name, given_name, family_name, organization_id, external_id, password_hash, created_at, updated_at, email_verified_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7, $7) RETURNING id",
                )
                .bind(&row.email)
                .bind(&display_name)
                .bind(&row.given_name)
                .bind(&row.family_name)
                .bind(unit)
                .bind(&row.external_id)
                .bind(at)
                .fetch_one(&mut **tx)
                .await?;
                report.created += 1;
                id
            }
        };
        listed.insert(user_id);
        if let Some(role) = row.role {
            if !roles.contains(&(user_id, role.id().to_owned(), unit)) {
                sqlx::query("INSERT INTO user_roles (user_id, role, organization_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)")
                    .bind(user_id)
                    .bind(role.id())
                    .bind(unit)
                    .bind(at)
                    .bind(actor.user_id)
                    .execute(&mut **tx)
                    .await?;
                report.roles_granted += 1;
            }
        }
    }
    if full_sync {
        let admins: HashSet<i64> = sqlx::query_scalar::<_, i64>("SELECT DISTINCT user_id FROM user_roles WHERE role = 'admin'")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();
        for account in &accounts {
            let in_scope = match (actor.scope, account.organization_id) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(_), Some(unit)) => tree.is_within(unit, actor.scope),
            };
            if account.disabled() || !in_scope || listed.contains(&account.id) || admins.contains(&account.id) || Some(account.id) == actor.user_id {
                continue;
            }
            set_active(tx, account.id, false, at).await?;
            report.deactivated += 1;
            if report.deactivated_listed.len() < LISTED_DEACTIVATIONS {
                report.deactivated_listed.push(account.email.clone());
            }
        }
    }
    report.problems.sort_by_key(|(line, _)| *line);
    Ok(report)
}

/// The unit a line names: a code, else a path of names from the top of the tree, whose
/// missing units are created under the last existing one (inside the scope).
async fn resolve_unit(
    conn: &mut sqlx::AnyConnection,
    tree: &mut Tree,
    reference: &UnitRef,
    scope: Option<i64>,
    at: i64,
    report: &mut ImportReport,
) -> Result<Result<i64, ImportProblem>, DbError> {
    let names = match reference {
        UnitRef::Code(code) => {
            if let Some(&unit) = tree.by_code.get(code) {
                return Ok(check_scope(tree, unit, scope));
            }
            vec![code.clone()]
        }
        UnitRef::Path(names) => names.clone(),
    };
    let mut parent: Option<i64> = None;
    for name in &names {
        if name.chars().count() > crate::organizations::MAX_NAME_CHARS {
            return Ok(Err(ImportProblem::UnitNameTooLong { name: name.clone(), max: crate::organizations::MAX_NAME_CHARS }));
        }
        if let Some(&unit) = tree.by_name.get(&(parent, name.to_lowercase())) {
            parent = Some(unit);
            continue;
        }
        if matches!(reference, UnitRef::Code(_)) {
            return Ok(Err(ImportProblem::UnknownUnitCode(reference.to_string())));
        }
        // A unit to create: its parent must be inside the scope.
        let allowed = match (scope, parent) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(_), Some(p)) => tree.is_within(p, scope),
        };
        if !allowed {
            return Ok(Err(ImportProblem::UnitOutsideScopeToCreate(reference.to_string())));
        }
        let id: i64 = sqlx::query_scalar("INSERT INTO organizations (parent_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id")
            .bind(parent)
            .bind(name)
            .bind(at)
            .fetch_one(&mut *conn)
            .await?;
        tree.by_name.insert((parent, name.to_lowercase()), id);
        tree.units.insert(id, Unit { parent_id: parent, name: name.clone(), siret: None });
        report.units_created.push(tree.path(id));
        parent = Some(id);
    }
    match parent {
        Some(unit) => Ok(check_scope(tree, unit, scope)),
        None => Ok(Err(ImportProblem::EmptyUnit)),
    }
}

fn check_scope(tree: &Tree, unit: i64, scope: Option<i64>) -> Result<i64, ImportProblem> {
    if tree.is_within(unit, scope) {
        Ok(unit)
    } else {
        Err(ImportProblem::UnitOutOfScope(tree.path(unit)))
    }
}
