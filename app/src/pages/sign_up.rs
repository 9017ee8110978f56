//! `/inscription`: creating an account (name, professional e-mail, unit, password).

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    accounts::{
        api::{load_organization_tree, signup_open, SignUp, TreeEntry},
        forms::take_feedback,
    },
    components::{form::{Field, FormMessage}, loaded::Loaded},
    i18n::tr,
};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let feedback = take_feedback().filter(|f| f.form == "inscription");
    let units = Resource::new(|| (), |_| load_organization_tree());
    let value = {
        let feedback = feedback.clone();
        move |field: &str| feedback.as_ref().map(|f| f.field_value(field)).unwrap_or_default()
    };
    let error = {
        let feedback = feedback.clone();
        move |field: &str| feedback.as_ref().and_then(|f| f.field_error(field))
    };
    let labels = vec![
        ("display_name", tr("field-name")),
        ("email", tr("field-email")),
        ("organization_id", tr("field-unit")),
        ("password", tr("field-password")),
    ];
    let selected_unit = value("organization_id");
    let unit_error = error("organization_id");
    view! {
        <Title text=tr("sign-up-title")/>
        <div class="page narrow">
            <h1>{tr("sign-up-title")}</h1>
            <p>{tr("sign-up-intro")}</p>
            <FormMessage feedback=feedback.clone() form="inscription" labels/>
            {(!signup_open()).then(|| view! { <p class="alert alert--warning" role="status">{tr("sign-up-closed")}</p> })}
            {signup_open().then(|| view! {
            <form method="post" action=SignUp::url() class="stacked-form">
                <Field label=tr("field-name") name="display_name" value=value("display_name") error=error("display_name") autocomplete="name" required=true/>
                <Field label=tr("field-email") name="email" kind="email" value=value("email") error=error("email") hint=Some(tr("field-email-hint")) autocomplete="email" required=true/>
                <Loaded resource=units let:tree>
                    <UnitField tree selected=selected_unit.clone() error=unit_error.clone()/>
                </Loaded>
                <Field label=tr("field-password") name="password" kind="password" error=error("password") hint=Some(tr("field-password-hint")) autocomplete="new-password" required=true/>
                <button type="submit">{tr("sign-up-submit")}</button>
            </form>
            })}
            <p>{tr("sign-up-have-account")}" "<a href="/connexion">{tr("sign-up-sign-in")}</a></p>
        </div>
    }
}

/// The choice of the new account's unit, in the organisation tree.
#[component]
fn UnitField(tree: Vec<TreeEntry>, selected: String, error: Option<String>) -> impl IntoView {
    view! {
        <div class="field" class:field--error=error.is_some()>
            <label for="champ-organization_id">{tr("field-unit")}</label>
            {error.clone().map(|e| view! { <p class="field__error" id="champ-organization_id-erreur">{e}</p> })}
            <select id="champ-organization_id" name="organization_id" required=true
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some("champ-organization_id-erreur")>
                <option value="">{tr("field-unit-choose")}</option>
                {tree.into_iter().map(|entry| {
                    let id = entry.unit.id.to_string();
                    let selected = id == selected;
                    let label = format!("{}{}", "\u{2003}".repeat(entry.depth), entry.unit.name);
                    view! { <option value=id selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
