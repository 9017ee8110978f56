//! `/connexion/lier/{jeton}`: an identity provider vouched for an address that already has a
//! local account; its owner confirms with the local password before the two are linked.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::take_feedback,
    components::{form::{Field, FormMessage}, loaded::Loaded},
    i18n::{tr, tr_args},
    identity::api::{load_pending_link, ConfirmIdentityLink},
};

#[component]
pub fn IdentityLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, load_pending_link);
    let feedback = take_feedback().filter(|f| f.form == "liaison");
    let error = feedback.as_ref().and_then(|f| f.field_error("password"));
    view! {
        <Title text=tr("link-title")/>
        <div class="page narrow">
            <h1>{tr("link-title")}</h1>
            <FormMessage feedback=feedback.clone() form="liaison" labels=vec![("password", tr("field-password"))]/>
            <Loaded resource=link let:link>
                {match link {
                    Some((email, provider)) => view! {
                        <p>{tr_args("link-explain", &[("email", email.into()), ("provider", provider.into())])}</p>
                        <form method="post" action=ConfirmIdentityLink::url() class="stacked-form">
                            <input type="hidden" name="token" value=token()/>
                            <Field label=tr("field-password") name="password" kind="password" autocomplete="current-password" required=true error=error.clone()/>
                            <button type="submit">{tr("link-confirm")}</button>
                        </form>
                        <p><a href="/connexion">{tr("link-cancel")}</a></p>
                    }.into_any(),
                    None => view! {
                        <p class="alert alert--error" role="alert">{tr("link-expired")}</p>
                        <p><a href="/connexion">{tr("reset-back")}</a></p>
                    }.into_any(),
                }}
            </Loaded>
        </div>
    }
}
