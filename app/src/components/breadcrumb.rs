//! The "you are here" trail at the top of course pages.

use leptos::prelude::*;

use crate::i18n::tr;

/// `trail`: (label, link) pairs from the home page down; the last one is the current page.
#[component]
pub fn Breadcrumb(trail: Vec<(String, String)>) -> impl IntoView {
    let last = trail.len().saturating_sub(1);
    view! {
        <nav class="breadcrumb" aria-label=tr("breadcrumb-label")>
            <ol>
                {trail
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, href))| {
                        if i == last {
                            view! { <li><a href=href aria-current="page">{label}</a></li> }.into_any()
                        } else {
                            view! { <li><a href=href>{label}</a></li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
