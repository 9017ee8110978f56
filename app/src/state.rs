//! The state every route and server function shares (server only).

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::db::Database;

/// Provided to axum handlers through `State` and to server functions through the Leptos context
/// (`expect_context::<AppState>()`).
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Database,
    pub leptos_options: LeptosOptions,
    /// Adds `Secure` to cookies (production, behind HTTPS).
    pub secure_cookies: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
