//! Server functions of the identity pages: the sign-in button's label, and confirming that a
//! provider's identity may be linked to an existing local account.

use leptos::prelude::*;

/// The provider's button text when one is configured (« ProConnect »), for the sign-in page.
pub fn provider_label() -> Option<String> {
    #[cfg(feature = "ssr")]
    return use_context::<crate::state::AppState>().and_then(|state| state.oidc.as_ref().map(|p| p.settings.label.clone()));
    #[cfg(not(feature = "ssr"))]
    None
}

/// The e-mail of the local account a pending link would join, and the provider's name; `None`
/// when the link expired or was used.
#[server]
pub async fn load_pending_link(token: String) -> Result<Option<(String, String)>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let label = state.oidc.as_ref().map(|p| p.settings.label.clone()).unwrap_or_default();
    Ok(super::service::pending_link(&state.db, &token).await.map_err(unavailable)?.map(|(_, email, _, _)| (email, label)))
}

/// The owner of the local account confirms the link with its password; the account then signs
/// in through the provider from now on (its password still works as a fallback).
#[server]
pub async fn confirm_identity_link(token: String, password: String) -> Result<(), ServerFnError> {
    use crate::{
        accounts::{forms::FormFeedback, throttle},
        error::{app_state, unavailable},
        web::{client_address, redirect_with, set_cookie},
    };
    let state = app_state()?;
    let locale = crate::request_locale();
    let back = format!("/connexion/lier/{}", token.chars().filter(|c| c.is_ascii_hexdigit()).collect::<String>());
    let Some((user_id, email, _, _)) = super::service::pending_link(&state.db, &token).await.map_err(unavailable)? else {
        redirect_with(&FormFeedback::new("connexion").failure(locale.text("identity-link-expired")), "/connexion");
        return Ok(());
    };
    let address = client_address().await;
    if let Some(wait) = throttle::reserve(&state.db, throttle::Action::SignIn, Some(&email), &address).await.map_err(unavailable)? {
        redirect_with(&FormFeedback::new("liaison").failure(locale.text_with("identity-link-throttled", &[("seconds", wait.into())])), &back);
        return Ok(());
    }
    let stored = crate::accounts::repository::password_hash(&state.db, user_id).await.map_err(unavailable)?;
    if !crate::accounts::password::verify_password(password, stored).await.map_err(unavailable)? {
        let feedback = FormFeedback::new("liaison").error("password", locale.text("accounts-password-wrong")).failure(locale.text("identity-not-linked"));
        redirect_with(&feedback, &back);
        return Ok(());
    }
    throttle::clear_account(&state.db, throttle::Action::SignIn, &email).await.map_err(unavailable)?;
    let Some((user_id, id_token)) = super::service::confirm_link(&state.db, &token).await.map_err(unavailable)? else {
        redirect_with(&FormFeedback::new("connexion").failure(locale.text("identity-link-expired-again")), "/connexion");
        return Ok(());
    };
    let session = crate::accounts::session::create_with_id_token(&state.db, user_id, Some(&id_token)).await.map_err(unavailable)?;
    set_cookie(&crate::accounts::session::session_cookie(&session, state.secure_cookies));
    redirect_with(&FormFeedback::success("bienvenue", locale.text("identity-linked")), "/mon-parcours");
    Ok(())
}

/// An agent signed in through the provider whose unit is unknown.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WaitingAgent {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// What the units page shows of the identity settings: the default unit, and the agents
/// waiting for a unit (their SIRET matched none and there was no default unit).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdentityAdminView {
    pub provider: Option<String>,
    pub default_unit: Option<i64>,
    pub waiting: Vec<WaitingAgent>,
}

#[server]
pub async fn load_identity_admin() -> Result<IdentityAdminView, crate::error::AppError> {
    let state = crate::error::state()?;
    crate::accounts::authz::require_admin()?;
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, display_name, email FROM users WHERE organization_id IS NULL AND disabled_at IS NULL ORDER BY id LIMIT 200")
            .fetch_all(state.db.pool())
            .await?;
    let waiting = rows.into_iter().map(|(id, display_name, email)| WaitingAgent { id, display_name, email }).collect();
    Ok(IdentityAdminView {
        provider: state.oidc.as_ref().map(|p| p.settings.label.clone()),
        default_unit: super::repository::load_default_unit(&state.db).await?,
        waiting,
    })
}

/// Sets the unit where agents whose SIRET matches no unit are placed (empty: none, they wait).
#[server]
pub async fn set_default_unit(organization_id: String) -> Result<(), crate::error::AppError> {
    use crate::{accounts::forms::FormFeedback, web::redirect_with};
    let state = crate::error::state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let locale = crate::request_locale();
    let unit = organization_id.trim().parse::<i64>().ok();
    if let Some(id) = unit {
        if crate::organizations::repository::find(&state.db, id).await?.is_none() {
            redirect_with(&FormFeedback::new("unite-par-defaut").failure(locale.text("units-gone")), "/admin/unites");
            return Ok(());
        }
    }
    super::repository::set_default_unit(&state.db, unit).await?;
    crate::audit::record(&state.db, Some(admin.id), "identity.default_unit", &unit.map(|u| format!("organization:{u}")).unwrap_or_default(), "unité par défaut des nouveaux agents").await?;
    redirect_with(&FormFeedback::success("unite-par-defaut", locale.text("identity-default-unit-saved")), "/admin/unites");
    Ok(())
}

/// One kept import, as the directory page shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DirectoryImportView {
    pub id: i64,
    pub file_name: String,
    /// « Toute l'organisation » or the unit's name.
    pub scope_label: String,
    pub full_sync: bool,
    pub report: super::ImportReport,
    /// The report's problems, each placed in the file, in the visitor's language.
    pub problems: Vec<String>,
    /// When it was checked (UTC, preformatted).
    pub checked_at: String,
    pub applied: bool,
}

/// The directory page: where the signed-in user may import, their latest imports, and whether
/// SCIM provisioning is configured.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DirectoryPageView {
    /// (unit id, label); `None` is the whole organisation (administrators only).
    pub scopes: Vec<(Option<i64>, String)>,
    pub imports: Vec<DirectoryImportView>,
    pub scim_enabled: bool,
    pub public_url: String,
}

#[cfg(feature = "ssr")]
async fn import_view(db: &crate::db::Database, stored: super::repository::StoredImport) -> Result<DirectoryImportView, crate::error::AppError> {
    let locale = crate::request_locale();
    let scope_label = match stored.scope_id {
        None => locale.text("directory-whole-organisation"),
        Some(id) => {
            crate::organizations::repository::find(db, id).await?.map(|u| u.name).unwrap_or_else(|| locale.text_with("directory-unit-number", &[("id", id.into())]))
        }
    };
    Ok(DirectoryImportView {
        id: stored.id,
        file_name: stored.file_name,
        scope_label,
        full_sync: stored.full_sync,
        problems: stored.report.problem_lines_in(locale),
        report: stored.report,
        checked_at: crate::components::labels::local_datetime(stored.created_at),
        applied: stored.applied_at.is_some(),
    })
}

/// May `user` import over `scope`? Administrators anywhere; HR over their units.
#[cfg(feature = "ssr")]
async fn may_import(db: &crate::db::Database, user: &crate::accounts::CurrentUser, scope: Option<i64>) -> Result<bool, crate::error::AppError> {
    Ok(match scope {
        None => user.is_admin(),
        Some(unit) => crate::accounts::authz::may_act_on(db, user, crate::accounts::Role::Hr, unit).await?,
    })
}

#[server]
pub async fn load_directory_page() -> Result<DirectoryPageView, crate::error::AppError> {
    use crate::accounts::{authz::require_role, Role};
    let state = crate::error::state()?;
    let user = require_role(Role::Hr)?;
    let mut scopes = Vec::new();
    if user.is_admin() {
        scopes.push((None, crate::request_locale().text("directory-whole-organisation")));
        for (unit, depth) in crate::organizations::repository::tree(&state.db).await? {
            scopes.push((Some(unit.id), format!("{}{}", "— ".repeat(depth), unit.name)));
        }
    } else {
        for grant in user.roles.iter().filter(|g| g.role == Role::Hr) {
            if let Some(unit) = grant.organization_id {
                if let Some(found) = crate::organizations::repository::find(&state.db, unit).await? {
                    scopes.push((Some(found.id), found.name));
                }
            }
        }
    }
    let mut imports = Vec::new();
    for stored in super::repository::recent_imports(&state.db, (!user.is_admin()).then_some(user.id)).await? {
        imports.push(import_view(&state.db, stored).await?);
    }
    Ok(DirectoryPageView { scopes, imports, scim_enabled: !state.scim_tokens.is_empty(), public_url: state.public_url.clone() })
}

#[server]
pub async fn load_directory_import(id: i64) -> Result<DirectoryImportView, crate::error::AppError> {
    use crate::{accounts::{authz::require_role, Role}, error::AppError};
    let state = crate::error::state()?;
    let user = require_role(Role::Hr)?;
    let stored = super::repository::find_import(&mut *state.db.pool().acquire().await?, id).await?;
    match stored {
        Some(stored) if user.is_admin() || stored.created_by == Some(user.id) => import_view(&state.db, stored).await,
        _ => Err(AppError::not_found(crate::request_locale().text("directory-import-gone"))),
    }
}

/// Applies a checked import: the file is run again in one transaction (the tree may have changed
/// since the check); with a problem, nothing is written and the page shows the new report.
#[server]
pub async fn apply_directory_import(id: i64) -> Result<(), crate::error::AppError> {
    use crate::{
        accounts::{authz::require_role, forms::FormFeedback, Role},
        error::AppError,
        web::redirect_with,
    };
    let state = crate::error::state()?;
    let user = require_role(Role::Hr)?;
    let locale = crate::request_locale();
    let back = format!("/annuaire/import/{id}");
    let stored = super::repository::find_import(&mut *state.db.pool().acquire().await?, id).await?;
    let Some(stored) = stored.filter(|s| user.is_admin() || s.created_by == Some(user.id)) else {
        return Err(AppError::not_found(locale.text("directory-import-unknown")));
    };
    if !may_import(&state.db, &user, stored.scope_id).await? {
        return Err(AppError::Forbidden.with_status());
    }
    let rows = match super::import::parse(stored.content.as_bytes()) {
        Ok(rows) => rows,
        Err(_) => {
            redirect_with(&FormFeedback::new("import").failure(locale.text("directory-file-has-problems")), &back);
            return Ok(());
        }
    };
    let actor = super::directory::ImportActor { user_id: Some(user.id), scope: stored.scope_id };
    match super::directory::apply_stored_import(&state.db, &actor, id, &rows, stored.full_sync).await? {
        None => redirect_with(&FormFeedback::new("import").failure(locale.text("directory-already-applied")), &back),
        Some(report) if !report.problems.is_empty() => redirect_with(
            &FormFeedback::new("import").failure(locale.text_with("directory-nothing-imported", &[("problems", report.problem_lines_in(locale).join(" ; ").into())])),
            &back,
        ),
        Some(report) => {
            redirect_with(&FormFeedback::success("import", locale.text_with("directory-import-applied", &[("summary", report.summary_in(locale).into())])), &back)
        }
    }
    Ok(())
}

/// Deactivates an account (no sign-in, sessions closed, out of HR figures, history kept) or
/// reactivates it. Administrators only, never on their own account.
#[server]
pub async fn set_account_active(user_id: i64, active: bool) -> Result<(), crate::error::AppError> {
    use crate::{accounts::forms::FormFeedback, error::AppError, web::redirect_with};
    let state = crate::error::state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let locale = crate::request_locale();
    if admin.id == user_id {
        return Err(AppError::invalid(locale.text("accounts-cannot-deactivate-self")));
    }
    if crate::accounts::repository::find(&state.db, user_id).await?.is_none() {
        return Err(AppError::not_found(locale.text("accounts-account-unknown")));
    }
    super::directory::change_activation(&state.db, admin.id, user_id, active).await?;
    let message = locale.text(if active { "accounts-reactivated" } else { "accounts-deactivated" });
    redirect_with(&FormFeedback::success("roles", message), "/admin/utilisateurs");
    Ok(())
}
