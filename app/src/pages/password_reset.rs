//! `/mot-de-passe-oublie`: asking for a password-reset link;
//! `/mot-de-passe-oublie/{jeton}`: choosing a new password from that link;
//! `/inscription/confirmer/{jeton}`: confirming the address of a new account.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::{
        api::{load_reset_link, load_verification_link, ConfirmAddress, RequestPasswordReset, ResetPassword},
        forms::take_feedback,
    },
    components::{form::{Field, FormMessage}, loaded::Loaded},
    i18n::tr,
};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let feedback = take_feedback().filter(|f| f.form == "oubli");
    let email = feedback.as_ref().map(|f| f.field_value("email")).unwrap_or_default();
    view! {
        <Title text=tr("reset-title")/>
        <div class="page narrow">
            <h1>{tr("reset-title")}</h1>
            <FormMessage feedback=feedback form="oubli"/>
            <p>{tr("reset-intro")}</p>
            <form method="post" action=RequestPasswordReset::url() class="stacked-form">
                <Field label=tr("field-email") name="email" kind="email" value=email autocomplete="username" required=true/>
                <button type="submit">{tr("reset-send")}</button>
            </form>
            <p><a href="/connexion">{tr("reset-back")}</a></p>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let valid = Resource::new(token, load_reset_link);
    let feedback = take_feedback().filter(|f| f.form == "nouveau-mot-de-passe");
    let error = feedback.as_ref().and_then(|f| f.field_error("new_password"));
    view! {
        <Title text=tr("reset-new-title")/>
        <div class="page narrow">
            <h1>{tr("reset-new-title")}</h1>
            <FormMessage feedback=feedback.clone() form="nouveau-mot-de-passe" labels=vec![("new_password", tr("field-new-password"))]/>
            <Loaded resource=valid let:valid>
                {if valid {
                    view! {
                        <form method="post" action=ResetPassword::url() class="stacked-form">
                            <input type="hidden" name="token" value=token()/>
                            <Field
                                label=tr("field-new-password")
                                name="new_password"
                                kind="password"
                                autocomplete="new-password"
                                required=true
                                error=error.clone()
                                hint=Some(tr("field-password-hint"))
                            />
                            <button type="submit">{tr("reset-save")}</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <p class="alert alert--error" role="alert">{tr("reset-link-dead")}</p>
                        <p><a href="/mot-de-passe-oublie">{tr("reset-ask-again")}</a></p>
                    }.into_any()
                }}
            </Loaded>
        </div>
    }
}

#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let valid = Resource::new(token, load_verification_link);
    view! {
        <Title text=tr("verify-title")/>
        <div class="page narrow">
            <h1>{tr("verify-title")}</h1>
            <Loaded resource=valid let:valid>
                // A button, not the link itself: a mail scanner that follows links confirms nothing.
                {if valid {
                    view! {
                        <p>{tr("verify-explain")}</p>
                        <form method="post" action=ConfirmAddress::url() class="stacked-form">
                            <input type="hidden" name="token" value=token()/>
                            <button type="submit">{tr("verify-confirm")}</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <p class="alert alert--error" role="alert">{tr("verify-dead")}</p>
                        <p><a href="/connexion">{tr("reset-back")}</a></p>
                    }.into_any()
                }}
            </Loaded>
        </div>
    }
}
