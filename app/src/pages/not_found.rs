//! The page shown for an unknown address, with a 404 status and a way back.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr("not-found-title")/>
        <div class="page not-found">
            <h1>{tr("not-found-title")}</h1>
            <p>{tr("not-found-text")}</p>
            <p><a class="button" href="/">{tr("not-found-back")}</a></p>
        </div>
    }
}
