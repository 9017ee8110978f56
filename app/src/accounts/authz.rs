//! Authorisation: who is signed in, and whether they may do what they ask. Every server
//! function that reads or changes protected data calls one of these checks itself — server
//! functions are public HTTP endpoints, hiding a button is not a protection.

use std::fmt;

use axum::http::{request::Parts, StatusCode};
use leptos::prelude::*;

use super::{CurrentUser, Role};
use crate::{db::Database, i18n::Locale, organizations::repository::is_within};

/// Why a request is refused. Server functions that return `ServerFnError` turn it into their
/// error with `?`, which takes its `Display`: that is the message in the request's language
/// (French outside a request), from the same catalogue keys as [`AppError`](crate::error::AppError).
#[derive(Debug)]
pub enum AuthError {
    NotSignedIn,
    Forbidden,
    /// The cause is for the log; the user reads the generic message.
    Unavailable(String),
}

impl AuthError {
    pub fn status(&self) -> StatusCode {
        match self {
            AuthError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AuthError::Forbidden => StatusCode::FORBIDDEN,
            AuthError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The catalogue key of what the user reads.
    pub fn key(&self) -> &'static str {
        match self {
            AuthError::NotSignedIn => "error-not-signed-in",
            AuthError::Forbidden => "error-forbidden",
            AuthError::Unavailable(_) => "error-unavailable",
        }
    }

    /// What the user reads, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        locale.text(self.key())
    }
}

impl fmt::Display for AuthError {
    /// The message in the current request's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::request_locale()))
    }
}

impl std::error::Error for AuthError {}

/// Sets the response's status (401, 403) when refusing inside a server function, so that a
/// direct HTTP call gets a meaningful code; `?` then turns the error into its message.
fn deny(error: AuthError) -> AuthError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    error
}

/// The signed-in user of the current request, put there by the session middleware.
pub fn current_user() -> Option<CurrentUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
}

/// The signed-in user, or 401.
pub fn require_user() -> Result<CurrentUser, AuthError> {
    current_user().ok_or_else(|| deny(AuthError::NotSignedIn))
}

/// An administrator, or 401/403.
pub fn require_admin() -> Result<CurrentUser, AuthError> {
    let user = require_user()?;
    if user.is_admin() { Ok(user) } else { Err(deny(AuthError::Forbidden)) }
}

/// May `user` act with `role` on organisation unit `organization_id`? Admins may act anywhere;
/// a scoped role covers its unit and every unit below it.
pub async fn may_act_on(db: &Database, user: &CurrentUser, role: Role, organization_id: i64) -> Result<bool, AuthError> {
    if user.is_admin() {
        return Ok(true);
    }
    for grant in user.roles.iter().filter(|g| g.role == role) {
        let Some(scope) = grant.organization_id else { continue };
        if is_within(db, organization_id, scope).await.map_err(|e| {
            tracing::error!(error = %e, "authorisation check failed");
            AuthError::Unavailable(e.to_string())
        })? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A user holding `role` anywhere (or an admin), or 401/403 — for pages listing a scope.
pub fn require_role(role: Role) -> Result<CurrentUser, AuthError> {
    let user = require_user()?;
    if user.is_admin() || user.has_role(role) { Ok(user) } else { Err(deny(AuthError::Forbidden)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_in_the_request_language_and_in_french_by_default() {
        assert_eq!(AuthError::NotSignedIn.to_string(), "Connectez-vous pour continuer.");
        assert_eq!(AuthError::Forbidden.to_string(), "Vous n'avez pas les droits nécessaires pour cette action.");
        assert_eq!(
            AuthError::Unavailable("pool timed out".into()).to_string(),
            "Le service est momentanément indisponible. Réessayez dans quelques instants.",
            "the cause stays out of the message"
        );
        assert_eq!(AuthError::Forbidden.message(Locale::En), "You do not have the rights required for this action.");
        let owner = Owner::new();
        owner.with(|| {
            provide_context(Locale::En);
            assert_eq!(AuthError::NotSignedIn.to_string(), "Please sign in to continue.");
            let refusal: ServerFnError = AuthError::Forbidden.into();
            assert!(refusal.to_string().contains("You do not have the rights required for this action."), "{refusal}");
        });
    }
}
