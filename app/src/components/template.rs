//! Pages rendered once for every signed-in learner: a *template* is the page with the learner's
//! own parts (their name and links in the header, their progress, their quizzes, exercises and
//! "read" button) left as slots, which the server fills at each request (`server::learner_pages`).
//!
//! A template is rendered from a request that carries [`TemplateRender`] and no user: the
//! components that show a learner's part write [`Slot`] instead, in document order, and the
//! server renders the same components for the learner with [`render_part`] and puts them in
//! the slots. The marker cannot come from content: module HTML is sanitised (unknown elements
//! removed) and every other text is escaped.

use leptos::prelude::*;

/// What a slot is in a template's HTML.
pub const SLOT_MARKER: &str = "<campus-slot></campus-slot>";

/// In the extensions of the request a template is rendered from.
#[derive(Clone, Copy, Debug)]
pub struct TemplateRender;

/// Whether the page being rendered is a template (server only; never in the browser).
pub fn rendering_template() -> bool {
    #[cfg(feature = "ssr")]
    return use_context::<axum::http::request::Parts>().is_some_and(|parts| parts.extensions.get::<TemplateRender>().is_some());
    #[cfg(not(feature = "ssr"))]
    false
}

/// The place of a learner's part in a template.
#[component]
pub fn Slot() -> impl IntoView {
    view! { <campus-slot></campus-slot> }
}

/// The owner a learner's parts are rendered under: a root with the server's shared context, as
/// the renderer of a whole page has (islands read it).
#[cfg(feature = "ssr")]
pub fn render_owner() -> Owner {
    Owner::new_root(Some(std::sync::Arc::new(hydration_context::SsrSharedContext::new())))
}

/// `view` as HTML, as the page would have written it (server only).
#[cfg(feature = "ssr")]
pub fn render_part(view: impl IntoView) -> String {
    use leptos::tachys::view::RenderHtml;
    view.into_view().to_html()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_written_as_its_marker() {
        let owner = render_owner();
        let html = owner.with(|| render_part(view! { <p>"avant"</p><Slot/><p>"après"</p> }));
        assert_eq!(html.matches(SLOT_MARKER).count(), 1, "{html}");
        assert!(html.starts_with("<p>avant</p>") && html.ends_with("<p>après</p>"), "{html}");
    }
}
