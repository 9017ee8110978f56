//! Form pieces that make errors accessible: each field has its label, hint and error linked to
//! it (`aria-describedby`, `aria-invalid`), and a summary at the top lists what to fix.

use leptos::prelude::*;

use crate::accounts::forms::FormFeedback;

/// A labelled input with its hint and error message.
#[component]
pub fn Field(
    label: String,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = None)] hint: Option<String>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    /// Distinguishes two fields of the same name on one page.
    #[prop(optional)] id_suffix: &'static str,
) -> impl IntoView {
    let id = format!("champ-{name}{id_suffix}");
    let hint_id = format!("{id}-aide");
    let error_id = format!("{id}-erreur");
    let described_by = [hint.as_ref().map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let invalid = error.is_some().then_some("true");
    let has_error = error.is_some();
    view! {
        <div class="field" class:field--error=has_error>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {error.map(|error| view! { <p class="field__error" id=error_id>{error}</p> })}
            <input
                type=kind
                id=id
                name=name
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            />
        </div>
    }
}

/// The outcome of the last submission of form `form`: a confirmation, or an error summary
/// linking to each field in error. `labels` names the fields.
#[component]
pub fn FormMessage(feedback: Option<FormFeedback>, form: &'static str, #[prop(optional)] labels: Vec<(&'static str, String)>) -> impl IntoView {
    let feedback = feedback.filter(|f| f.form == form)?;
    Some(if feedback.success {
        view! {
            <div class="alert alert--success" role="status">
                <p>{feedback.message.unwrap_or_default()}</p>
            </div>
        }
        .into_any()
    } else {
        let errors = feedback.errors.clone();
        view! {
            <div class="alert alert--error" role="alert" tabindex="-1">
                <p class="alert__title">{feedback.message.unwrap_or_default()}</p>
                {(!errors.is_empty()).then(|| view! {
                    <ul>
                        {errors.into_iter().map(|(field, message)| {
                            let label = labels.iter().find(|(name, _)| *name == field).map(|(_, l)| l.clone()).unwrap_or(field.clone());
                            view! { <li><a href=format!("#champ-{field}")>{format!("{label} : {message}")}</a></li> }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        }
        .into_any()
    })
}
