//! Server functions for accounts: sign-up, sign-in and out, the account page, and the admin
//! pages for units and roles. Forms post to them and are redirected back (see `forms`); every
//! function checks who is asking before doing anything.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{RoleGrant, User};
#[cfg(feature = "ssr")]
use super::{forms::FormFeedback, CurrentUser, Role};
use crate::organizations::Organization;
#[cfg(feature = "ssr")]
use crate::{
    audit,
    error::{app_state, unavailable},
};

/// A unit and its depth, for indented lists of the organisation tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeEntry {
    pub unit: Organization,
    pub depth: usize,
    /// The SIRET that places agents signing in through ProConnect in this unit.
    pub siret: Option<String>,
    /// The time zone the unit sets itself (IANA name); `None`: its parent's.
    pub time_zone: Option<String>,
    /// The zone in effect, shown when the unit inherits it: `Paris`, `La Réunion`…
    pub effective_zone: String,
}


/// An account and its roles, for the admin page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserWithRoles {
    pub user: User,
    pub roles: Vec<RoleGrant>,
    /// False once deactivated (by an administrator, an import or the directory).
    pub active: bool,
}

/// Whether visitors may create a local account themselves (`CAMPUS_SIGNUP`).
pub fn signup_open() -> bool {
    #[cfg(feature = "ssr")]
    return use_context::<crate::state::AppState>().is_none_or(|state| state.signup_open);
    #[cfg(not(feature = "ssr"))]
    true
}

/// The organisation tree (shown on the sign-up form and the admin pages).
#[server]
pub async fn load_organization_tree() -> Result<Vec<TreeEntry>, ServerFnError> {
    let state = app_state()?;
    let tree = crate::organizations::repository::tree(&state.db).await.map_err(unavailable)?;
    // SIRETs are for administrators; the sign-up form does not need them.
    let sirets = if super::authz::current_user().is_some_and(|u| u.is_admin()) {
        crate::organizations::repository::sirets(&state.db).await.map_err(unavailable)?
    } else {
        Default::default()
    };
    let own_zones = crate::organizations::repository::own_time_zones(&state.db).await.map_err(unavailable)?;
    let zones = crate::organizations::repository::zones(state.db.pool()).await.map_err(unavailable)?;
    Ok(tree
        .into_iter()
        .map(|(unit, depth)| TreeEntry {
            siret: sirets.get(&unit.id).cloned(),
            time_zone: own_zones.get(&unit.id).cloned(),
            effective_zone: crate::components::labels::zone_name_of(zones.of(Some(unit.id))),
            unit,
            depth,
        })
        .collect())
}

#[cfg(feature = "ssr")]
use crate::web::{client_address, redirect_with, safe_next, set_cookie};

/// Why an action that checks a password was refused: a throttle, or no free hashing turn.
#[cfg(feature = "ssr")]
fn password_busy(error: super::password::HashError) -> Result<(), ServerFnError> {
    match error {
        super::password::HashError::Busy => {
            let message = crate::request_locale().text("accounts-busy");
            crate::error::AppError::too_many(message.clone(), 5);
            Err(ServerFnError::new(message))
        }
        other => Err(unavailable(other)),
    }
}

#[cfg(feature = "ssr")]
fn parse_unit(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

#[cfg(feature = "ssr")]
async fn open_session(state: &crate::state::AppState, user_id: i64) -> Result<(), ServerFnError> {
    // Signing in again replaces the session this browser had, whoever it belonged to.
    if let Some(previous) = super::authz::current_user() {
        super::session::delete(&state.db, previous.session_id).await.map_err(unavailable)?;
    }
    let token = super::session::create(&state.db, user_id).await.map_err(unavailable)?;
    set_cookie(&super::session::session_cookie(&token, state.secure_cookies));
    Ok(())
}

/// Creates an account and signs it in.
#[server]
pub async fn sign_up(display_name: String, email: String, organization_id: String, password: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    if !state.signup_open {
        redirect_with(&FormFeedback::new("inscription").failure(locale.text("sign-up-closed")), "/inscription");
        return Ok(());
    }
    let address = client_address().await;
    if let Some(wait) = super::throttle::reserve(&state.db, super::throttle::Action::SignUp, None, &address).await.map_err(unavailable)? {
        let feedback = FormFeedback::new("inscription").value("display_name", &display_name).value("email", &email);
        redirect_with(&feedback.failure(locale.text_with("accounts-sign-up-throttled", &[("minutes", ((wait + 59) / 60).into())])), "/inscription");
        return Ok(());
    }
    let mut feedback = FormFeedback::new("inscription")
        .value("display_name", &display_name)
        .value("email", &email)
        .value("organization_id", &organization_id);
    let normalized = match super::normalize_email(&email) {
        Ok(email) => Some(email),
        Err(error) => {
            feedback = feedback.error("email", error.message(locale));
            None
        }
    };
    if let (Some(email), false) = (&normalized, state.signup_domains.is_empty()) {
        let domain = email.rsplit('@').next().unwrap_or_default();
        if !state.signup_domains.iter().any(|allowed| domain == allowed || domain.ends_with(&format!(".{allowed}"))) {
            feedback = feedback.error("email", locale.text_with("accounts-work-address", &[("domains", state.signup_domains.join(", ").into())]));
        }
    }
    if let Err(reason) = super::check_display_name(&display_name) {
        feedback = feedback.error("display_name", reason.message(locale));
    }
    let unit = parse_unit(&organization_id);
    match unit {
        None => feedback = feedback.error("organization_id", locale.text("accounts-choose-unit")),
        Some(id) => {
            if crate::organizations::repository::find(&state.db, id).await.map_err(unavailable)?.is_none() {
                feedback = feedback.error("organization_id", locale.text("accounts-unit-gone"));
            }
        }
    }
    if let Err(error) = super::check_password_policy(&password, normalized.as_deref().unwrap_or(&email)) {
        feedback = feedback.error("password", error.message(locale));
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("accounts-form-has-errors")), "/inscription");
        return Ok(());
    }
    let hash = match super::password::hash_password(password).await {
        Ok(hash) => hash,
        Err(error) => return password_busy(error),
    };
    let created = super::repository::create(
        &state.db,
        super::repository::NewUser { email: &email, display_name: &display_name, organization_id: unit, password_hash: Some(&hash) },
    )
    .await;
    let user = match created {
        Ok(user) => user,
        Err(super::repository::AccountError::EmailTaken) => {
            let feedback = feedback
                .error("email", locale.text("accounts-email-taken"))
                .failure(locale.text("accounts-form-has-errors"));
            redirect_with(&feedback, "/inscription");
            return Ok(());
        }
        Err(error) => return Err(unavailable(error)),
    };
    if state.mail_enabled {
        // The account signs in once its owner follows the link mailed to the address.
        super::verification::start(&state.db, &state.public_url, user.id, locale).await.map_err(unavailable)?;
        redirect_with(
            &FormFeedback::success("connexion", locale.text_with("accounts-created-check-mail", &[("email", user.email.clone().into())])),
            "/connexion",
        );
        return Ok(());
    }
    open_session(&state, user.id).await?;
    redirect_with(&FormFeedback::success("bienvenue", locale.text_with("accounts-welcome", &[("name", user.display_name.clone().into())])), "/cours");
    Ok(())
}

/// « Renvoyer le lien de confirmation »: a new address-check link, throttled like a reset; the
/// answer is the same whether the address has an unconfirmed account or not.
#[server]
pub async fn resend_verification(email: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    let account_key = super::normalize_email(&email).unwrap_or_else(|_| email.trim().to_lowercase());
    let address = client_address().await;
    if let Some(wait) = super::throttle::reserve(&state.db, super::throttle::Action::PasswordReset, Some(&account_key), &address).await.map_err(unavailable)? {
        let message = locale.text_with("accounts-too-many-requests", &[("minutes", ((wait + 59) / 60).into())]);
        redirect_with(&FormFeedback::new("confirmation").value("email", &email).failure(message), "/connexion");
        return Ok(());
    }
    if state.mail_enabled {
        super::verification::resend(&state.db, &state.public_url, &email, locale).await.map_err(unavailable)?;
    }
    redirect_with(
        &FormFeedback::success("confirmation", locale.text("accounts-verification-resent")),
        "/connexion",
    );
    Ok(())
}

/// Whether an address-check link still works (for its page).
#[server]
pub async fn load_verification_link(token: String) -> Result<bool, ServerFnError> {
    let state = app_state()?;
    super::verification::is_valid(&state.db, &token).await.map_err(unavailable)
}

/// Confirms the address of a new account and signs it in.
#[server]
pub async fn confirm_address(token: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    match super::verification::confirm(&state.db, &token).await.map_err(unavailable)? {
        Some(user_id) => {
            open_session(&state, user_id).await?;
            redirect_with(&FormFeedback::success("bienvenue", locale.text("accounts-address-confirmed")), "/cours");
        }
        None => redirect_with(&FormFeedback::new("confirmation").failure(locale.text("accounts-verification-link-dead")), "/connexion"),
    }
    Ok(())
}

/// Signs in with e-mail and password. A new session token is issued at every sign-in.
#[server]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    let account_key = super::normalize_email(&email).unwrap_or_else(|_| email.trim().to_lowercase());
    let address = client_address().await;
    let back = FormFeedback::new("connexion").value("email", &email);
    // The attempt is counted before the password is checked (see `throttle`).
    if let Some(wait) = super::throttle::reserve(&state.db, super::throttle::Action::SignIn, Some(&account_key), &address).await.map_err(unavailable)? {
        redirect_with(&back.failure(locale.text_with("accounts-sign-in-throttled", &[("seconds", wait.into())])), "/connexion");
        return Ok(());
    }
    let account = super::repository::credentials(&state.db, &email).await.map_err(unavailable)?;
    let (user_id, hash, disabled, verified) = match account {
        Some(found) => (Some(found.user_id), found.password_hash, found.disabled, found.verified),
        None => (None, None, false, true),
    };
    let valid = match super::password::verify_password(password, hash).await {
        Ok(valid) => valid,
        Err(error) => return password_busy(error),
    };
    match user_id {
        Some(_) if valid && !disabled && !verified => {
            redirect_with(
                &back.failure(locale.text("accounts-confirm-address-first")),
                "/connexion",
            );
        }
        Some(user_id) if valid && !disabled => {
            super::throttle::clear_account(&state.db, super::throttle::Action::SignIn, &account_key).await.map_err(unavailable)?;
            open_session(&state, user_id).await?;
            leptos_axum::redirect(safe_next(next.as_deref().unwrap_or("/mon-parcours")));
        }
        _ => {
            let message = locale.text(if disabled { "accounts-disabled" } else { "accounts-wrong-credentials" });
            redirect_with(&back.failure(message), "/connexion");
        }
    }
    Ok(())
}

/// Checks the signed-in user's current password, throttled like a sign-in: `Ok(true)` when it
/// is right, `Ok(false)` when wrong, an error message when too many attempts were made.
#[cfg(feature = "ssr")]
async fn confirm_password(state: &crate::state::AppState, user: &CurrentUser, password: String) -> Result<Result<bool, String>, ServerFnError> {
    use super::throttle::{reserve, Action};
    let account_key = format!("user:{}", user.id);
    let address = client_address().await;
    if let Some(wait) = reserve(&state.db, Action::PasswordConfirmation, Some(&account_key), &address).await.map_err(unavailable)? {
        return Ok(Err(crate::request_locale().text_with("accounts-password-throttled", &[("seconds", wait.into())])));
    }
    let stored = super::repository::password_hash(&state.db, user.id).await.map_err(unavailable)?;
    let valid = match super::password::verify_password(password, stored).await {
        Ok(valid) => valid,
        Err(error) => return password_busy(error).map(|()| Ok(false)),
    };
    if valid {
        super::throttle::clear_account(&state.db, Action::PasswordConfirmation, &account_key).await.map_err(unavailable)?;
    }
    Ok(Ok(valid))
}

/// « Mot de passe oublié ? »: queues a single-use reset link for a local account. The answer
/// is the same whether the address has an account or not.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    let back = "/mot-de-passe-oublie";
    let feedback = FormFeedback::new("oubli").value("email", &email);
    if !state.mail_enabled {
        redirect_with(&feedback.failure(locale.text("accounts-mail-off")), back);
        return Ok(());
    }
    let account_key = super::normalize_email(&email).unwrap_or_else(|_| email.trim().to_lowercase());
    let address = client_address().await;
    if let Some(wait) = super::throttle::reserve(&state.db, super::throttle::Action::PasswordReset, Some(&account_key), &address).await.map_err(unavailable)? {
        redirect_with(&feedback.failure(locale.text_with("accounts-too-many-requests", &[("minutes", ((wait + 59) / 60).into())])), back);
        return Ok(());
    }
    super::reset::request(&state.db, &state.public_url, &email, locale).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success("oubli", locale.text("accounts-reset-sent")), back);
    Ok(())
}

/// Sets a new password from a reset link; every session of the account is closed and the user
/// signs in with the new password.
#[server]
pub async fn reset_password(token: String, new_password: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let locale = crate::request_locale();
    let back = format!("/mot-de-passe-oublie/{}", token.chars().filter(char::is_ascii_hexdigit).collect::<String>());
    let Some(email) = super::reset::valid_token(&state.db, &token).await.map_err(unavailable)? else {
        redirect_with(&FormFeedback::new("oubli").failure(locale.text("accounts-reset-link-dead")), "/mot-de-passe-oublie");
        return Ok(());
    };
    if let Err(error) = super::check_password_policy(&new_password, &email) {
        let feedback = FormFeedback::new("nouveau-mot-de-passe").error("new_password", error.message(locale)).failure(locale.text("accounts-password-unchanged"));
        redirect_with(&feedback, &back);
        return Ok(());
    }
    let hash = match super::password::hash_password(new_password).await {
        Ok(hash) => hash,
        Err(error) => return password_busy(error),
    };
    if super::reset::complete(&state.db, &token, &hash).await.map_err(unavailable)?.is_none() {
        redirect_with(&FormFeedback::new("oubli").failure(locale.text("accounts-reset-link-dead")), "/mot-de-passe-oublie");
        return Ok(());
    }
    set_cookie(&super::session::clear_session_cookie(state.secure_cookies));
    redirect_with(&FormFeedback::success("connexion", locale.text("accounts-password-reset-done")), "/connexion");
    Ok(())
}

/// Whether a reset link still works (for its page).
#[server]
pub async fn load_reset_link(token: String) -> Result<bool, ServerFnError> {
    let state = app_state()?;
    Ok(super::reset::valid_token(&state.db, &token).await.map_err(unavailable)?.is_some())
}

/// Signs out; after a sign-in through an identity provider, the browser then goes to the
/// provider's logout (`end_session_endpoint` with `id_token_hint`) and comes back to `/connexion`.
#[server]
pub async fn sign_out() -> Result<(), ServerFnError> {
    let state = app_state()?;
    let mut provider_logout = None;
    if let Some(user) = super::authz::current_user() {
        let id_token = super::session::delete_returning_id_token(&state.db, user.session_id).await.map_err(unavailable)?;
        if let (Some(id_token), Some(provider)) = (id_token, state.oidc.as_ref()) {
            provider_logout = provider.logout_url(&id_token).await;
        }
    }
    set_cookie(&super::session::clear_session_cookie(state.secure_cookies));
    redirect_with(&FormFeedback::success("connexion", crate::request_locale().text("accounts-signed-out")), provider_logout.as_deref().unwrap_or("/connexion"));
    Ok(())
}

#[server]
pub async fn update_profile(display_name: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let user = super::authz::require_user()?;
    let locale = crate::request_locale();
    let feedback = match super::repository::set_display_name(&state.db, user.id, &display_name).await {
        Ok(()) => FormFeedback::success("profil", locale.text("accounts-name-saved")),
        Err(super::repository::AccountError::InvalidName(reason)) => FormFeedback::new("profil")
            .value("display_name", &display_name)
            .error("display_name", super::check_display_name(&display_name).err().map_or_else(|| reason.to_owned(), |e| e.message(locale)))
            .failure(locale.text("accounts-name-unchanged")),
        Err(error) => return Err(unavailable(error)),
    };
    redirect_with(&feedback, "/mon-compte");
    Ok(())
}

/// Changes the password; every other session of the account is closed.
#[server]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let user = super::authz::require_user()?;
    let locale = crate::request_locale();
    let mut feedback = FormFeedback::new("mot-de-passe");
    match confirm_password(&state, &user, current_password).await? {
        Ok(true) => {}
        Ok(false) => feedback = feedback.error("current_password", locale.text("accounts-current-password-wrong")),
        Err(reason) => feedback = feedback.error("current_password", reason),
    }
    if let Err(error) = super::check_password_policy(&new_password, &user.email) {
        feedback = feedback.error("new_password", error.message(locale));
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("accounts-password-unchanged")), "/mon-compte");
        return Ok(());
    }
    let hash = match super::password::hash_password(new_password).await {
        Ok(hash) => hash,
        Err(error) => return password_busy(error),
    };
    super::repository::set_password_hash(&state.db, user.id, &hash).await.map_err(unavailable)?;
    let closed = super::session::delete_all_for_user(&state.db, user.id, Some(user.session_id)).await.map_err(unavailable)?;
    let message = locale.text_with("accounts-password-changed", &[("closed", closed.into())]);
    redirect_with(&FormFeedback::success("mot-de-passe", message), "/mon-compte");
    Ok(())
}

/// Closes every session of the account, this one included.
#[server]
pub async fn sign_out_everywhere() -> Result<(), ServerFnError> {
    let state = app_state()?;
    let user = super::authz::require_user()?;
    super::session::delete_all_for_user(&state.db, user.id, None).await.map_err(unavailable)?;
    set_cookie(&super::session::clear_session_cookie(state.secure_cookies));
    redirect_with(&FormFeedback::success("connexion", crate::request_locale().text("accounts-signed-out-everywhere")), "/connexion");
    Ok(())
}

/// Deletes the account and its personal data, after the password confirms it.
#[server]
pub async fn delete_account(password: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let user = super::authz::require_user()?;
    let locale = crate::request_locale();
    let refusal = match confirm_password(&state, &user, password).await? {
        Ok(true) => None,
        Ok(false) => Some(locale.text("accounts-password-wrong")),
        Err(reason) => Some(reason),
    };
    if let Some(reason) = refusal {
        let feedback = FormFeedback::new("suppression").error("password", reason).failure(locale.text("accounts-not-deleted"));
        redirect_with(&feedback, "/mon-compte");
        return Ok(());
    }
    if user.is_admin() && super::repository::admin_count(&state.db).await.map_err(unavailable)? <= 1 {
        redirect_with(&FormFeedback::new("suppression").failure(locale.text("accounts-last-admin-delete")), "/mon-compte");
        return Ok(());
    }
    super::repository::delete(&state.db, user.id).await.map_err(unavailable)?;
    audit::record(&state.db, None, "account.delete", &format!("user:{}", user.id), "compte supprimé par son titulaire").await.map_err(unavailable)?;
    set_cookie(&super::session::clear_session_cookie(state.secure_cookies));
    redirect_with(&FormFeedback::success("connexion", locale.text("accounts-deleted")), "/connexion");
    Ok(())
}

/// Every account with its roles (admins only).
#[server]
pub async fn load_users() -> Result<Vec<UserWithRoles>, ServerFnError> {
    let state = app_state()?;
    super::authz::require_admin()?;
    let users = super::repository::list_with_roles(&state.db).await.map_err(unavailable)?;
    Ok(users.into_iter().map(|(user, roles, active)| UserWithRoles { user, roles, active }).collect())
}

/// The audit log (admins only).
#[server]
pub async fn load_audit_log() -> Result<Vec<crate::audit::AuditEntry>, ServerFnError> {
    let state = app_state()?;
    super::authz::require_admin()?;
    audit::recent(&state.db, 200).await.map_err(unavailable)
}

#[server]
pub async fn grant_role(user_id: i64, role: String, organization_id: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let admin = super::authz::require_admin()?;
    let locale = crate::request_locale();
    let Some(role) = Role::from_id(&role).filter(|r| *r != Role::Agent) else {
        redirect_with(&FormFeedback::new("roles").failure(locale.text("accounts-role-unknown")), "/admin/utilisateurs");
        return Ok(());
    };
    let unit = parse_unit(&organization_id);
    if role.is_scoped() && unit.is_none() {
        redirect_with(&FormFeedback::new("roles").failure(locale.text("accounts-role-needs-unit")), "/admin/utilisateurs");
        return Ok(());
    }
    if super::repository::find(&state.db, user_id).await.map_err(unavailable)?.is_none() {
        redirect_with(&FormFeedback::new("roles").failure(locale.text("accounts-account-gone")), "/admin/utilisateurs");
        return Ok(());
    }
    let scope = if role.is_scoped() { unit } else { None };
    super::repository::grant_role(&state.db, user_id, role, scope, Some(admin.id)).await.map_err(unavailable)?;
    let details = format!("rôle {} {}", role.id(), scope.map(|s| format!("sur l'unité {s}")).unwrap_or_default());
    audit::record(&state.db, Some(admin.id), "role.grant", &format!("user:{user_id}"), details.trim()).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success("roles", locale.text("accounts-role-granted")), "/admin/utilisateurs");
    Ok(())
}

#[server]
pub async fn revoke_role(grant_id: i64) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let admin = super::authz::require_admin()?;
    let locale = crate::request_locale();
    let roles_before = super::repository::admin_count(&state.db).await.map_err(unavailable)?;
    let is_admin_grant = super::repository::list_with_roles(&state.db)
        .await
        .map_err(unavailable)?
        .iter()
        .flat_map(|(_, roles, _)| roles.iter())
        .any(|g| g.id == grant_id && g.role == Role::Admin);
    if is_admin_grant && roles_before <= 1 {
        redirect_with(&FormFeedback::new("roles").failure(locale.text("accounts-last-admin")), "/admin/utilisateurs");
        return Ok(());
    }
    if let Some(user_id) = super::repository::revoke_role(&state.db, grant_id).await.map_err(unavailable)? {
        audit::record(&state.db, Some(admin.id), "role.revoke", &format!("user:{user_id}"), &format!("attribution {grant_id} retirée"))
            .await
            .map_err(unavailable)?;
    }
    redirect_with(&FormFeedback::success("roles", locale.text("accounts-role-revoked")), "/admin/utilisateurs");
    Ok(())
}

#[server]
pub async fn create_organization(name: String, parent_id: String) -> Result<(), ServerFnError> {
    let state = app_state()?;
    let admin = super::authz::require_admin()?;
    let locale = crate::request_locale();
    let feedback = match crate::organizations::repository::create(&state.db, parse_unit(&parent_id), &name).await {
        Ok(unit) => {
            audit::record(&state.db, Some(admin.id), "organization.create", &format!("organization:{}", unit.id), &unit.name)
                .await
                .map_err(unavailable)?;
            FormFeedback::success("unites", locale.text_with("units-created", &[("name", unit.name.clone().into())]))
        }
        Err(crate::organizations::repository::OrganizationError::Database(error)) => return Err(unavailable(error)),
        Err(error) => FormFeedback::new("unites")
            .value("name", &name)
            .error("name", crate::organizations::change_refusal(&error, locale))
            .failure(locale.text("units-not-created")),
    };
    redirect_with(&feedback, "/admin/unites");
    Ok(())
}

#[server]
pub async fn update_organization(
    id: i64,
    name: String,
    parent_id: String,
    // The unit form always sends both; an empty (or absent) field clears the value.
    #[server(default)] siret: String,
    #[server(default)] time_zone: String,
) -> Result<(), ServerFnError> {
    use crate::organizations::repository as units;
    let state = app_state()?;
    let admin = super::authz::require_admin()?;
    let locale = crate::request_locale();
    let result = match units::rename(&state.db, id, &name).await {
        Ok(_) => units::move_to(&state.db, id, parse_unit(&parent_id)).await,
        Err(error) => Err(error),
    };
    let result = match result {
        Ok(()) => units::set_siret(&state.db, id, &siret).await,
        other => other,
    };
    let result = match result {
        Ok(()) => units::set_time_zone(&state.db, id, &time_zone).await,
        other => other,
    };
    if result.is_ok() {
        // A unit under a new parent is covered by other assignments; a new zone moves due times.
        crate::reporting::repository::rebuild_all_enrolments(&state.db).await.map_err(unavailable)?;
    }
    let feedback = match result {
        Ok(()) => {
            let or = |value: &str, empty: &'static str| if value.trim().is_empty() { empty.to_owned() } else { value.trim().to_owned() };
            let details =
                format!("nom « {} », parent {}, SIRET {}, fuseau {}", name.trim(), parent_id.trim(), or(&siret, "aucun"), or(&time_zone, "hérité"));
            audit::record(&state.db, Some(admin.id), "organization.update", &format!("organization:{id}"), &details).await.map_err(unavailable)?;
            FormFeedback::success("unites", locale.text("units-updated"))
        }
        Err(units::OrganizationError::Database(error)) => return Err(unavailable(error)),
        Err(error) => {
            let reason = crate::organizations::change_refusal(&error, locale);
            FormFeedback::new("unites").failure(locale.text_with("units-not-updated", &[("reason", reason.into())]))
        }
    };
    redirect_with(&feedback, "/admin/unites");
    Ok(())
}
