//! The frame of every page: skip link, header with the main navigation, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use leptos::server_fn::ServerFn;

use crate::{
    accounts::{api::SignOut, forms::signed_in_user},
    i18n::{tr, use_locale, Locale},
};

/// Lets keyboard and screen-reader users jump over the navigation (RGAA 12.7).
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#contenu">{tr("skip-to-content")}</a> }
}

/// Site name and main navigation; the current page is marked with `aria-current`.
#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let user = signed_in_user();
    // The home link is current on `/` only; a section link also on the pages below it.
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        let inside = path == href || (href != "/" && path.starts_with(&format!("{href}/")));
        inside.then_some("page")
    };
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
                        <li><a href="/" aria-current=move || current("/")>{tr("nav-home")}</a></li>
                        <li><a href="/cours" aria-current=move || current("/cours")>{tr("nav-courses")}</a></li>
                        <li><a href="/atelier" aria-current=move || current("/atelier")>{tr("nav-practice")}</a></li>
                        {user.as_ref().map(|_| view! {
                            <li><a href="/mon-parcours" aria-current=move || current("/mon-parcours")>{tr("nav-my-learning")}</a></li>
                        })}
                        {user.as_ref().filter(|u| u.is_admin() || u.has_role(crate::accounts::Role::Trainer)).map(|_| view! {
                            <li><a href="/formation" aria-current=move || current("/formation")>{tr("nav-authoring")}</a></li>
                        })}
                        {user.as_ref().filter(|u| u.is_admin() || u.has_role(crate::accounts::Role::Hr)).map(|_| view! {
                            <li><a href="/rh" aria-current=move || current("/rh")>{tr("nav-hr")}</a></li>
                        })}
                        {user.as_ref().filter(|u| u.is_admin()).map(|_| view! {
                            <li><a href="/admin" aria-current=move || current("/admin")>{tr("nav-admin")}</a></li>
                        })}
                    </ul>
                </nav>
                <div class="account-nav">
                    {match user {
                        Some(user) => view! {
                            <a href="/mon-compte" aria-current=move || current("/mon-compte")>
                                <span class="visually-hidden">{tr("nav-account")}" : "</span>{user.display_name}
                            </a>
                            <form method="post" action=SignOut::url()>
                                <button type="submit" class="button--small button--secondary">{tr("nav-sign-out")}</button>
                            </form>
                        }.into_any(),
                        None => view! {
                            <a href="/connexion" aria-current=move || current("/connexion")>{tr("nav-sign-in")}</a>
                            <a class="button button--small" href="/inscription">{tr("nav-sign-up")}</a>
                        }.into_any(),
                    }}
                </div>
            </div>
        </header>
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
