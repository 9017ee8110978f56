//! The frame of every page: skip link, header with the main navigation, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use leptos::server_fn::ServerFn;

use crate::{
    accounts::{api::SignOut, forms::signed_in_user, CurrentUser},
    components::template::Slot,
    i18n::{tr, use_locale, Locale},
};

/// Lets keyboard and screen-reader users jump over the navigation (RGAA 12.7).
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#contenu">{tr("skip-to-content")}</a> }
}

/// Whether the link to `href` is the current page (`aria-current`): the home link on `/` only,
/// a section link also on the pages below it.
fn current(path: &str, href: &str) -> Option<&'static str> {
    let inside = path == href || (href != "/" && path.starts_with(href) && path[href.len()..].starts_with('/'));
    inside.then_some("page")
}

/// Site name and main navigation; the current page is marked with `aria-current`. In a
/// template the learner's links and account are slots.
#[component]
pub fn Header() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let template = crate::components::template::rendering_template();
    let user = signed_in_user();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href="/">
                    <span class="site-name__logo" aria-hidden="true">"◆"</span>
                    {tr("site-name")}
                </a>
                <p class="site-tagline">{tr("site-tagline")}</p>
                <nav class="main-nav" aria-label=tr("nav-label")>
                    <ul>
                        <li><a href="/" aria-current=current(&path, "/")>{tr("nav-home")}</a></li>
                        <li><a href="/cours" aria-current=current(&path, "/cours")>{tr("nav-courses")}</a></li>
                        <li><a href="/atelier" aria-current=current(&path, "/atelier")>{tr("nav-practice")}</a></li>
                        {if template {
                            view! { <Slot/> }.into_any()
                        } else {
                            view! { <LearnerLinks user=user.clone() path=path.clone()/> }.into_any()
                        }}
                    </ul>
                </nav>
                <div class="account-nav">
                    {if template {
                        view! { <Slot/> }.into_any()
                    } else {
                        view! { <AccountNav user path/> }.into_any()
                    }}
                </div>
            </div>
        </header>
    }
}

/// The main navigation's links that depend on who is signed in: their learning, and the
/// trainer's, HR's and administrator's sections.
#[component]
pub fn LearnerLinks(user: Option<CurrentUser>, path: String) -> impl IntoView {
    let link = |href: &'static str, key: &str| view! { <li><a href=href aria-current=current(&path, href)>{tr(key)}</a></li> };
    let Some(user) = user else { return ().into_any() };
    let trainer = user.is_admin() || user.has_role(crate::accounts::Role::Trainer);
    let hr = user.is_admin() || user.has_role(crate::accounts::Role::Hr);
    view! {
        {link("/mon-parcours", "nav-my-learning")}
        {trainer.then(|| link("/formation", "nav-authoring"))}
        {hr.then(|| link("/rh", "nav-hr"))}
        {user.is_admin().then(|| link("/admin", "nav-admin"))}
    }
    .into_any()
}

/// The account's link and sign-out button, or the sign-in and sign-up links of a visitor.
#[component]
pub fn AccountNav(user: Option<CurrentUser>, path: String) -> impl IntoView {
    match user {
        Some(user) => view! {
            <a href="/mon-compte" aria-current=current(&path, "/mon-compte")>
                <span class="visually-hidden">{tr("nav-account")}" : "</span>{user.display_name}
            </a>
            <form method="post" action=SignOut::url()>
                <button type="submit" class="button--small button--secondary">{tr("nav-sign-out")}</button>
            </form>
        }
        .into_any(),
        None => view! {
            <a href="/connexion" aria-current=current(&path, "/connexion")>{tr("nav-sign-in")}</a>
            <a class="button button--small" href="/inscription">{tr("nav-sign-up")}</a>
        }
        .into_any(),
    }
}

/// Footer with the language switcher, which is a plain form so it works without JavaScript.
#[component]
pub fn Footer() -> impl IntoView {
    let location = use_location();
    let current_locale = use_locale();
    let back = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() { path } else { format!("{path}?{query}") }
    };
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{tr("footer-about")}</p>
                <p><a href="/accessibilite">{tr("footer-accessibility")}</a></p>
                <form class="language-switch" method="post" action="/langue">
                    <input type="hidden" name="retour" value=back/>
                    <label for="language-select">{tr("footer-language")}</label>
                    <select id="language-select" name="lang">
                        {Locale::ALL
                            .into_iter()
                            .map(|locale| {
                                view! {
                                    <option
                                        value=locale.code()
                                        lang=locale.code()
                                        selected=locale == current_locale
                                    >
                                        {locale.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button button--secondary">{tr("footer-language-apply")}</button>
                </form>
            </div>
        </footer>
    }
}
