//! `/mon-compte`: the signed-in user's name, password, sessions, data and account deletion.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    accounts::{
        api::{ChangePassword, DeleteAccount, SignOutEverywhere, UpdateProfile},
        forms::{signed_in_user, take_feedback, FormFeedback},
    },
    components::{form::{Field, FormMessage}, loaded::Loaded},
    i18n::tr,
    pages::sign_in_required::SignInRequired,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(user) = signed_in_user() else {
        return view! { <SignInRequired back="/mon-compte"/> }.into_any();
    };
    let feedback = take_feedback();
    let for_form = |form: &str| feedback.clone().filter(|f| f.form == form);
    let error = |form: &str, field: &str| for_form(form).and_then(|f: FormFeedback| f.field_error(field));
    let name_value = for_form("profil").map(|f| f.field_value("display_name")).filter(|v| !v.is_empty()).unwrap_or(user.display_name.clone());
    view! {
        <Title text=tr("account-title")/>
        <div class="page narrow account">
            <h1>{tr("account-title")}</h1>
            <p>{format!("{} {}", tr("account-signed-in-as"), user.email)}</p>

            <section aria-labelledby="compte-profil">
                <h2 id="compte-profil">{tr("account-profile")}</h2>
                <FormMessage feedback=feedback.clone() form="profil" labels=vec![("display_name", tr("field-name"))]/>
                <form method="post" action=UpdateProfile::url() class="stacked-form">
                    <Field label=tr("field-name") name="display_name" value=name_value error=error("profil", "display_name") autocomplete="name" required=true/>
                    <button type="submit">{tr("account-save")}</button>
                </form>
            </section>

            <MailPreferences feedback=feedback.clone()/>

            <section aria-labelledby="compte-mot-de-passe">
                <h2 id="compte-mot-de-passe">{tr("account-password")}</h2>
                <FormMessage feedback=feedback.clone() form="mot-de-passe"
                    labels=vec![("current_password", tr("field-current-password")), ("new_password", tr("field-new-password"))]/>
                <form method="post" action=ChangePassword::url() class="stacked-form">
                    <Field label=tr("field-current-password") name="current_password" kind="password" error=error("mot-de-passe", "current_password") autocomplete="current-password" required=true/>
                    <Field label=tr("field-new-password") name="new_password" kind="password" error=error("mot-de-passe", "new_password") hint=Some(tr("field-password-hint")) autocomplete="new-password" required=true/>
                    <button type="submit">{tr("account-change-password")}</button>
                </form>
            </section>

            <section aria-labelledby="compte-sessions">
                <h2 id="compte-sessions">{tr("account-sessions")}</h2>
                <p>{tr("account-sessions-text")}</p>
                <form method="post" action=SignOutEverywhere::url()>
                    <button type="submit" class="button--secondary">{tr("account-sign-out-everywhere")}</button>
                </form>
            </section>

            <section aria-labelledby="compte-donnees">
                <h2 id="compte-donnees">{tr("account-data")}</h2>
                <p>{tr("account-data-text")}</p>
                <form method="post" action="/mon-compte/donnees">
                    <button type="submit" class="button--secondary">{tr("account-data-download")}</button>
                </form>
            </section>

            <section aria-labelledby="compte-suppression">
                <h2 id="compte-suppression">{tr("account-delete")}</h2>
                <p>{tr("account-delete-text")}</p>
                <FormMessage feedback=feedback.clone() form="suppression" labels=vec![("password", tr("field-password"))]/>
                <form method="post" action=DeleteAccount::url() class="stacked-form">
                    <Field label=tr("account-delete-confirm") name="password" kind="password" error=error("suppression", "password") autocomplete="current-password" required=true id_suffix="-suppression"/>
                    <button type="submit" class="button--danger">{tr("account-delete-submit")}</button>
                </form>
            </section>
        </div>
    }
    .into_any()
}

/// The optional messages the user receives.
#[component]
fn MailPreferences(feedback: Option<FormFeedback>) -> impl IntoView {
    use crate::mail::api::{load_mail_preferences, SaveMailPreferences};
    let data = Resource::new(|| (), |_| load_mail_preferences());
    view! {
        <section aria-labelledby="compte-courriels">
            <h2 id="compte-courriels">{tr("mail-prefs-title")}</h2>
            <FormMessage feedback=feedback form="courriels"/>
            <Loaded resource=data inline=true let:prefs>
                {if !prefs.enabled {
                    view! { <p>{tr("mail-prefs-off")}</p> }.into_any()
                } else {
                    view! {
                        <p>{tr("mail-prefs-intro")}</p>
                        <form method="post" action=SaveMailPreferences::url() class="stacked-form">
                            <div class="field field--checkbox">
                                <input id="champ-courriels-affectations" type="checkbox" name="assignments" value="on" checked=prefs.assignments/>
                                <label for="champ-courriels-affectations">{tr("mail-prefs-assignments")}</label>
                            </div>
                            <div class="field field--checkbox">
                                <input id="champ-courriels-rh" type="checkbox" name="hr_digest" value="on" checked=prefs.hr_digest/>
                                <label for="champ-courriels-rh">{tr("mail-prefs-digest")}</label>
                            </div>
                            <button type="submit" class="button--secondary">{tr("mail-prefs-save")}</button>
                        </form>
                    }.into_any()
                }}
            </Loaded>
        </section>
    }
}
