//! `<Loaded>`: a page's data, shown once it has loaded. One place for what every data page does
//! with a resource: wait for it under `<Suspense>` (no fallback: data pages are rendered after
//! their data, see the routes), render the value, or show the error.

use std::sync::Arc;

use leptos::prelude::*;

use crate::{error::AppError, i18n::tr};

/// A failure to load a page's data, as the page words it for the user.
pub trait LoadError {
    /// The sentence shown, in the page's language.
    fn detail(self) -> String;
}

impl LoadError for ServerFnError {
    /// The server's own message (written in the request's language), or a generic one.
    fn detail(self) -> String {
        match self {
            ServerFnError::ServerError(message) => message,
            _ => tr("error-generic"),
        }
    }
}

impl LoadError for AppError {
    fn detail(self) -> String {
        #[cfg(feature = "ssr")]
        return self.message(crate::i18n::use_locale());
        #[cfg(not(feature = "ssr"))]
        self.to_string()
    }
}

/// Renders `children` with the value of `resource` once it has loaded; if loading failed, the
/// page's [`ErrorMessage`] instead (preceded by `heading`, for content that carries the page's
/// `<h1>` itself), or with `inline`, one line of alert for a part of a page.
///
/// ```ignore
/// <Loaded resource=courses let:list>
///     <CourseList list/>
/// </Loaded>
/// ```
#[component]
pub fn Loaded<T, E, F, V>(
    resource: Resource<Result<T, E>>,
    /// The page's heading, shown above the error when the loaded view carries the `<h1>`.
    #[prop(optional, into)]
    heading: Option<String>,
    /// A part of a page rather than the page: the error is one line of alert, without "this page
    /// cannot be shown".
    #[prop(optional)]
    inline: bool,
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    E: LoadError + Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    view! {
        <Suspense>
            {move || {
                let (children, heading) = (children.clone(), heading.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => children(value).into_any(),
                        Err(error) => failure(error.detail(), heading, inline),
                    }
                })
            }}
        </Suspense>
    }
}

/// The error in place of the content, as [`Loaded`] shows it.
fn failure(detail: String, heading: Option<String>, inline: bool) -> AnyView {
    match heading {
        _ if inline => view! { <p class="alert alert--error" role="alert">{detail}</p> }.into_any(),
        Some(heading) => view! { <h1>{heading}</h1><ErrorMessage detail/> }.into_any(),
        None => view! { <ErrorMessage detail/> }.into_any(),
    }
}

/// What a page shows when loading its data failed (with the status 503 unless a refusal already
/// set 401 or 403).
#[component]
fn ErrorMessage(detail: String) -> impl IntoView {
    // A refusal already gave its status (401, 403); anything else is the service failing.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let unset = response.0.read().map(|parts| parts.status.is_none()).unwrap_or(true);
        if unset {
            response.set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
        }
    }
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__title">{tr("error-title")}</p>
            <p>{detail}</p>
        </div>
    }
}
