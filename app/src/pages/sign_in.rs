//! `/connexion`: signing in with a professional e-mail and a password.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{api::SignIn, forms::{signed_in_user, take_feedback}},
    components::form::{Field, FormMessage},
    i18n::{tr, tr_args},
    identity::api::provider_label,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let feedback = take_feedback();
    let next = use_query_map().with_untracked(|q| q.get("suite")).unwrap_or_default();
    let user = signed_in_user();
    let email = feedback.as_ref().filter(|f| f.form == "connexion").map(|f| f.field_value("email")).unwrap_or_default();
    view! {
        <Title text=tr("sign-in-title")/>
        <div class="page narrow">
            <h1>{tr("sign-in-title")}</h1>
            <FormMessage feedback=feedback.clone() form="connexion"/>
            <FormMessage feedback=feedback.clone() form="bienvenue"/>
            <FormMessage feedback=feedback.clone() form="confirmation"/>
            {match user {
                Some(user) => view! {
                    <p>{format!("{} {}.", tr("sign-in-already"), user.display_name)}</p>
                    <p><a class="button" href="/cours">{tr("nav-courses")}</a></p>
                }.into_any(),
                None => view! {
                    {provider_label().map(|label| {
                        let href = if next.is_empty() { "/connexion/oidc".to_owned() } else { format!("/connexion/oidc?suite={}", crate::reporting::api::url_encode(&next)) };
                        view! {
                            <p><a class="button button--provider" href=href>{tr_args("sign-in-with", &[("provider", label.into())])}</a></p>
                            <p>{tr("sign-in-or")}</p>
                        }
                    })}
                    <form method="post" action=SignIn::url() class="stacked-form">
                        <input type="hidden" name="next" value=next/>
                        <Field label=tr("field-email") name="email" kind="email" value=email autocomplete="username" required=true/>
                        <Field label=tr("field-password") name="password" kind="password" autocomplete="current-password" required=true/>
                        <button type="submit">{tr("sign-in-submit")}</button>
                    </form>
                    <p><a href="/mot-de-passe-oublie">{tr("sign-in-forgot")}</a></p>
                    <p>{tr("sign-in-no-account")}" "<a href="/inscription">{tr("sign-in-create")}</a></p>
                    <details class="disclosure">
                        <summary>{tr("verify-resend-title")}</summary>
                        <form method="post" action=crate::accounts::api::ResendVerification::url() class="stacked-form">
                            <Field label=tr("verify-resend-email") name="email" kind="email" autocomplete="username" required=true id_suffix="confirmation"/>
                            <button type="submit" class="button--secondary">{tr("verify-resend")}</button>
                        </form>
                    </details>
                }.into_any(),
            }}
        </div>
    }
}
