//! What a page shows when loading its data failed.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn ErrorMessage(error: ServerFnError) -> impl IntoView {
    // A refusal already gave its status (401, 403); anything else is the service failing.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let unset = response.0.read().map(|parts| parts.status.is_none()).unwrap_or(true);
        if unset {
            response.set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
        }
    }
    let detail = match error {
        ServerFnError::ServerError(message) => message,
        _ => tr("error-generic"),
    };
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__title">{tr("error-title")}</p>
            <p>{detail}</p>
        </div>
    }
}
