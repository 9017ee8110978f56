//! What a page shows when loading its data failed.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn ErrorMessage(error: ServerFnError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
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
