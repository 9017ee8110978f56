//! What a protected page shows to a visitor who is not signed in (with a 401 status), or to
//! someone without the needed role (403).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::tr;

#[cfg(feature = "ssr")]
fn set_status(status: axum::http::StatusCode) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

#[component]
pub fn SignInRequired(back: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::UNAUTHORIZED);
    view! {
        <Title text=tr("sign-in-required-title")/>
        <div class="page narrow">
            <h1>{tr("sign-in-required-title")}</h1>
            <p>{tr("sign-in-required-text")}</p>
            <p><a class="button" href=format!("/connexion?suite={back}")>{tr("sign-in-submit")}</a></p>
        </div>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::FORBIDDEN);
    view! {
        <Title text=tr("forbidden-title")/>
        <div class="page narrow">
            <h1>{tr("forbidden-title")}</h1>
            <p>{tr("forbidden-text")}</p>
            <p><a href="/">{tr("not-found-back")}</a></p>
        </div>
    }
}
