//! How failures reach the user: one [`AppError`] for the services, the server functions and the
//! axum handlers, with its HTTP status per variant. Its `Display` is French, for the logs and
//! the command line; the user reads [`AppError::message`] (or, in an island,
//! [`AppError::message_from`]), in their language. The cause of an internal failure is logged
//! for the operator and never sent to the browser.

use serde::{Deserialize, Serialize};

/// The message shown when the database or another internal part fails.
pub const UNAVAILABLE: &str = "Le service est momentanément indisponible. Réessayez dans quelques instants.";

/// Every way a request can fail, as the user is told. Server functions return it (it crosses to
/// the browser as JSON: it carries no internal detail); build it with its constructors, which also
/// set the response's status.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// 401: the request needs a signed-in user.
    #[error("Connectez-vous pour continuer.")]
    NotSignedIn,
    /// 403: signed in, but without the rights for this.
    #[error("Vous n'avez pas les droits nécessaires pour cette action.")]
    Forbidden,
    /// 404: what the request names does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// 422: the input breaks a rule; the message says which and how to fix it.
    #[error("{0}")]
    Invalid(String),
    /// 409: a limit of the activity is reached (attempts, messages per conversation).
    #[error("{0}")]
    LimitReached(String),
    /// 429: too many requests in a short time; try again after `retry_after` seconds.
    #[error("{message}")]
    TooManyRequests { message: String, retry_after: u64 },
    /// 503: an internal part failed (its cause is in the server's log).
    #[error("Le service est momentanément indisponible. Réessayez dans quelques instants.")]
    Unavailable,
    /// 400: the request itself could not be read (the server-function layer's own errors).
    #[error("La demande n'a pas pu être lue : {0}")]
    BadRequest(String),
}

/// The catalogue keys of [`AppError`]'s fixed messages, for the islands that show its errors
/// (their [`IslandTexts`](crate::i18n::IslandTexts) must carry them).
pub const ERROR_KEYS: [&str; 4] = ["error-not-signed-in", "error-forbidden", "error-unavailable", "error-request-unreadable"];

impl AppError {
    /// The catalogue key of a fixed message; `None` for the variants that carry their own,
    /// already written in the user's language by whoever built the error.
    pub fn key(&self) -> Option<&'static str> {
        match self {
            AppError::NotSignedIn => Some("error-not-signed-in"),
            AppError::Forbidden => Some("error-forbidden"),
            AppError::Unavailable => Some("error-unavailable"),
            AppError::BadRequest(_) => Some("error-request-unreadable"),
            AppError::NotFound(_) | AppError::Invalid(_) | AppError::LimitReached(_) | AppError::TooManyRequests { .. } => None,
        }
    }

    /// What the user reads, in `locale` (the `Display` text stays French, for logs).
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        self.message_with(|key| locale.text(key))
    }

    /// [`AppError::message`] in an island, from the texts the server translated for it (which
    /// include [`ERROR_KEYS`]).
    pub fn message_from(&self, texts: &crate::i18n::IslandTexts) -> String {
        self.message_with(|key| texts.get(key))
    }

    fn message_with(&self, text: impl Fn(&str) -> String) -> String {
        match (self, self.key()) {
            // The detail comes from the request decoder (serde), untranslated.
            (AppError::BadRequest(detail), Some(key)) => format!("{} ({detail}).", text(key)),
            (_, Some(key)) => text(key),
            (other, None) => other.to_string(),
        }
    }

    /// The HTTP status of each variant.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) => 422,
            AppError::LimitReached(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Unavailable => 503,
            AppError::BadRequest(_) => 400,
        }
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::NotFound(message.into()).with_status()
    }

    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError::Invalid(message.into()).with_status()
    }

    pub fn limit_reached(message: impl Into<String>) -> AppError {
        AppError::LimitReached(message.into()).with_status()
    }

    pub fn too_many(message: impl Into<String>, retry_after: u64) -> AppError {
        AppError::TooManyRequests { message: message.into(), retry_after }.with_status()
    }

    /// Logs `cause` for the operator and returns the generic "unavailable" error.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        #[cfg(feature = "ssr")]
        tracing::error!(error = %cause, "request failed");
        #[cfg(not(feature = "ssr"))]
        let _ = cause;
        AppError::Unavailable.with_status()
    }

    /// Sets this error's status on the current server-function response, if there is one.
    pub fn with_status(self) -> AppError {
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(self.status_code()) {
                response.set_status(status);
                if let AppError::TooManyRequests { retry_after, .. } = &self {
                    if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                        response.insert_header(axum::http::header::RETRY_AFTER, value);
                    }
                }
            }
        }
        self
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr;
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) | ServerFnErrorErr::MissingArg(message) => {
                AppError::BadRequest(message)
            }
            other => AppError::internal(other),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AppError {
    fn from(error: crate::db::DbError) -> Self {
        AppError::internal(error)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal(error)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::accounts::authz::AuthError> for AppError {
    fn from(error: crate::accounts::authz::AuthError) -> Self {
        use crate::accounts::authz::AuthError;
        match error {
            AuthError::NotSignedIn => AppError::NotSignedIn.with_status(),
            AuthError::Forbidden => AppError::Forbidden.with_status(),
            AuthError::Unavailable(cause) => AppError::internal(cause),
        }
    }
}

/// Axum handlers answer an [`AppError`] with its status and its French message as plain text.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status_code()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.to_string()).into_response();
        if let AppError::TooManyRequests { retry_after, .. } = &self {
            if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// Logs `error` and returns the generic "unavailable" message, in the request's language (for
/// the server functions that still return `ServerFnError`).
#[cfg(feature = "ssr")]
pub fn unavailable(error: impl std::fmt::Display) -> leptos::prelude::ServerFnError {
    tracing::error!(%error, "request failed");
    leptos::prelude::ServerFnError::new(crate::request_locale().text("error-unavailable"))
}

/// The application state, provided to every server function by the router.
#[cfg(feature = "ssr")]
pub fn app_state() -> Result<crate::state::AppState, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<crate::state::AppState>().ok_or_else(|| unavailable("AppState missing from context"))
}

/// [`app_state`] for the server functions that return [`AppError`].
#[cfg(feature = "ssr")]
pub fn state() -> Result<crate::state::AppState, AppError> {
    leptos::prelude::use_context::<crate::state::AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_status_and_no_internal_detail() {
        assert_eq!(AppError::NotSignedIn.status_code(), 401);
        assert_eq!(AppError::LimitReached("x".into()).status_code(), 409);
        assert_eq!(AppError::TooManyRequests { message: "x".into(), retry_after: 3 }.status_code(), 429);
        assert_eq!(AppError::internal("password authentication failed for user campus").to_string(), UNAVAILABLE);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn fixed_messages_are_translated_and_display_stays_french() {
        use crate::i18n::Locale;
        assert_eq!(AppError::NotSignedIn.to_string(), "Connectez-vous pour continuer.");
        assert_eq!(AppError::NotSignedIn.message(Locale::Fr), "Connectez-vous pour continuer.");
        assert_eq!(AppError::NotSignedIn.message(Locale::En), "Please sign in to continue.");
        assert_eq!(AppError::Forbidden.message(Locale::En), "You do not have the rights required for this action.");
        assert_eq!(AppError::Unavailable.message(Locale::Fr), UNAVAILABLE);
        assert_eq!(AppError::Unavailable.message(Locale::En), "The service is temporarily unavailable. Please try again in a moment.");
        assert_eq!(AppError::BadRequest("missing field `x`".into()).message(Locale::En), "The request could not be read (missing field `x`).");
        assert_eq!(AppError::Invalid("écrit par l'appelant".into()).message(Locale::En), "écrit par l'appelant");
        for key in ERROR_KEYS {
            assert_ne!(Locale::En.text(key), key, "{key} is in the catalogue");
        }
    }
}
