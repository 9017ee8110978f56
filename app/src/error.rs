//! How failures reach the user: server functions turn internal errors into short French messages
//! and log the details for the operator.

#[cfg(feature = "ssr")]
use leptos::prelude::ServerFnError;

/// The message shown when the database or another internal part fails.
pub const UNAVAILABLE: &str = "Le service est momentanément indisponible. Réessayez dans quelques instants.";

/// Logs `error` and returns the generic "unavailable" message.
#[cfg(feature = "ssr")]
pub fn unavailable(error: impl std::fmt::Display) -> ServerFnError {
    tracing::error!(%error, "request failed");
    ServerFnError::new(UNAVAILABLE)
}

/// The application state, provided to every server function by the router.
#[cfg(feature = "ssr")]
pub fn app_state() -> Result<crate::state::AppState, ServerFnError> {
    leptos::prelude::use_context::<crate::state::AppState>().ok_or_else(|| unavailable("AppState missing from context"))
}
