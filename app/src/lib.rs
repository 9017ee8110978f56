//! Campus IA application crate: the Leptos interface (pages, components, islands), the server
//! functions, and the domain logic they share.
//!
//! Features: `ssr` compiles the server side (database, repositories, rendering), `hydrate` the
//! browser side (islands only: pages are server-rendered HTML and stay usable without JavaScript).

// The typed views of large pages nest deeply; the default limit (128) is not enough for them.
#![recursion_limit = "256"]

pub mod accounts;
pub mod audit;
pub mod authoring;
pub mod course;
pub mod error;
pub mod components;
pub mod i18n;
pub mod identity;
pub mod mail;
pub mod organizations;
pub mod pages;
pub mod progress;
pub mod quiz;
pub mod reporting;
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod time;
pub mod xapi;

#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(all(test, feature = "ssr"))]
mod fuzz_tests;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod web;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    components::layout::{Footer, Header, SkipLink},
    i18n::{tr, Locale},
    pages::{
        account::AccountPage,
        accessibility::AccessibilityPage,
        directory::{DirectoryImportPage, DirectoryPage},
        admin::{AdminAuditPage, AdminHomePage, AdminUnitsPage, AdminUsersPage, AdminXapiPage},
        attestation::{AttestationCheckPage, AttestationPage},
        catalogue::CataloguePage,
        dashboard::DashboardPage,
        course::CoursePage,
        home::HomePage,
        hr::{HrAgentPage, HrAssignmentsPage, HrDashboardPage},
        workspace::{CourseWorkspacePage, ModuleEditorPage, ReportsPage, StatsPage, VersionsPage, WorkspacePage},
        module::ModulePageView,
        not_found::NotFound,
        password_reset::{ConfirmAddressPage, ForgotPasswordPage, ResetPasswordPage},
        identity_link::IdentityLinkPage,
        practice::{PracticeHomePage, PracticePage},
        sign_in::SignInPage,
        sign_up::SignUpPage,
    },
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<state::CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // `/pkg/campus-ia.<hash>.css` when the build hashed the file names (hash.txt).
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(request_locale());
    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Title formatter=|page: String| {
            let site = tr("site-name");
            if page.is_empty() { site } else { format!("{page} · {site}") }
        }/>
        <Meta name="color-scheme" content="light"/>
        <Router>
            <SkipLink/>
            <Header/>
            <main id="contenu" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                    // Data pages wait for their data so that titles, status codes and content are
                    // in the first response (no JavaScript needed).
                    <Route path=path!("/cours") view=CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/cours/:course") view=CoursePage ssr=SsrMode::Async/>
                    <Route path=path!("/cours/:course/:module") view=ModulePageView ssr=SsrMode::Async/>
                    <Route path=path!("/atelier") view=PracticeHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/atelier/:scenario") view=PracticePage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion/lier/:token") view=IdentityLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/inscription") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/inscription/confirmer/:token") view=ConfirmAddressPage ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe-oublie") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe-oublie/:token") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/mon-compte") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/mon-parcours") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/mon-parcours/attestation/:code") view=AttestationPage ssr=SsrMode::Async/>
                    <Route path=path!("/attestations/:code") view=AttestationCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("/formation") view=WorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/formation/cours/:slug") view=CourseWorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/formation/cours/:slug/modules/:file") view=ModuleEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/formation/cours/:slug/versions") view=VersionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/formation/cours/:slug/statistiques") view=StatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/formation/cours/:slug/signalements") view=ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rh") view=HrDashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/rh/affectations") view=HrAssignmentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rh/agents/:id") view=HrAgentPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/unites") view=AdminUnitsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/utilisateurs") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/journal") view=AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/xapi") view=AdminXapiPage ssr=SsrMode::Async/>
                    <Route path=path!("/annuaire") view=DirectoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/annuaire/import/:id") view=DirectoryImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/accessibilite") view=AccessibilityPage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// The locale of the current request: the `lang` cookie if the visitor chose one, otherwise the
/// browser's `Accept-Language`, otherwise French.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    match use_context::<axum::http::request::Parts>() {
        Some(parts) => locale_of(&parts.headers),
        None => use_context::<Locale>().unwrap_or_default(),
    }
}

/// The locale a request with these headers is answered in (see [`request_locale`]).
#[cfg(feature = "ssr")]
pub fn locale_of(headers: &axum::http::HeaderMap) -> Locale {
    use axum::http::header;
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix("lang="))
        .find_map(Locale::from_code);
    from_cookie.unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Locale::from_accept_language)
            .unwrap_or_default()
    })
}

/// In the browser only islands run, and they receive their locale as a prop.
#[cfg(not(feature = "ssr"))]
pub fn request_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}
