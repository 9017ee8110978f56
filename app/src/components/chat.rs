//! The atelier's conversation, as an island: without JavaScript it is a form that posts and the
//! page comes back with the reply; with JavaScript the request is sent in the background and the
//! reply, its debrief (the AI failures it staged, revealed after it), the personal data found and
//! the rubric appear in place, announced to screen readers.

use leptos::{form::ActionForm, prelude::*};

use crate::{
    i18n::Locale,
    sandbox::api::{PracticeView, SendPracticeMessage, MAX_MESSAGE_CHARS},
};

#[island]
pub fn ChatIsland(
    scenario: String,
    initial: PracticeView,
    /// What the learner typed before a refused plain-form post.
    typed: String,
    /// Why that post was refused.
    error: Option<String>,
    locale: Locale,
) -> impl IntoView {
    let action = ServerAction::<SendPracticeMessage>::new();
    let conversation = RwSignal::new(initial);
    let draft = RwSignal::new(typed);
    Effect::new(move |_| {
        if let Some(Ok(view)) = action.value().get() {
            if view.refusal.is_none() {
                conversation.set(view);
                draft.set(String::new());
            }
        }
    });
    let field_error = Signal::derive(move || match action.value().get() {
        Some(Ok(view)) => view.refusal,
        Some(Err(error)) => Some(error.to_string()),
        None => error.clone(),
    });
    let assistant_name = move || match conversation.with(|c| c.external_model.clone()) {
        Some(model) => locale.text_with("practice-assistant-external", &[("model", model.into())]),
        None => locale.text("practice-assistant"),
    };
    let status = move || {
        if action.pending().get() {
            locale.text("practice-sending")
        } else if action.value().with(|v| matches!(v, Some(Ok(view)) if view.refusal.is_none())) {
            locale.text("practice-replied")
        } else {
            String::new()
        }
    };
    view! {
        <section aria-labelledby="conversation" class="conversation">
            <h2 id="conversation">{locale.text("practice-conversation")}</h2>
            {move || {
                let messages = conversation.with(|c| c.messages.clone());
                if messages.is_empty() {
                    view! { <p>{locale.text("practice-empty")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="messages">
                            {messages.into_iter().map(|message| {
                                let role = message.role;
                                let who = if role == "user" { locale.text("practice-you") } else { assistant_name() };
                                let debrief = message.debrief;
                                view! {
                                    <li class=format!("message message--{role}")>
                                        <p class="message__who">{who}</p>
                                        <p class="message__text">{message.content}</p>
                                        {(!debrief.is_empty()).then(|| view! {
                                            <div class="debrief" role="note">
                                                <p class="debrief__title">{locale.text("practice-debrief")}</p>
                                                <ul>{debrief.into_iter().map(|item| view! {
                                                    <li>
                                                        <strong>{item.title}</strong>" — "{item.what_happened}
                                                        " "<em>{locale.text("practice-debrief-catch")}</em>" "{item.how_to_catch}
                                                    </li>
                                                }).collect_view()}</ul>
                                            </div>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
        <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
        {move || {
            let findings = conversation.with(|c| c.findings.clone());
            (!findings.is_empty()).then(|| view! {
                <div class="alert alert--warning">
                    <p class="alert__title">{locale.text("practice-personal-data")}</p>
                    <ul>{findings.into_iter().map(|(kind, text)| view! {
                        <li><mark>{text}</mark>" — "{locale.text(&format!("privacy-{kind}"))}</li>
                    }).collect_view()}</ul>
                </div>
            })
        }}
        {move || {
            let feedback = conversation.with(|c| c.feedback.clone());
            (!feedback.is_empty()).then(|| view! {
                <section aria-labelledby="retour" class="rubric">
                    <h2 id="retour">{locale.text("practice-feedback")}</h2>
                    <ul>{feedback.into_iter().map(|line| view! {
                        <li class:is-met=line.met>
                            <strong>{if line.met { locale.text("rubric-met") } else { locale.text("rubric-missing") }}</strong>
                            " — "{line.feedback}
                        </li>
                    }).collect_view()}</ul>
                </section>
            })
        }}
        <h2 id="reponse">{locale.text("practice-write")}</h2>
        <ActionForm action attr:class="stacked-form">
            <input type="hidden" name="scenario" value=scenario/>
            {move || field_error.get().is_some().then(|| view! {
                <p class="alert alert--error" role="alert">{locale.text("practice-not-sent")}</p>
            })}
            <div class="field" class:field--error=move || field_error.get().is_some()>
                <label for="champ-message">{locale.text("practice-message")}</label>
                <p class="field__hint" id="champ-message-aide">{locale.text("practice-message-hint")}</p>
                {move || field_error.get().map(|message| view! { <p class="field__error" id="champ-message-erreur">{message}</p> })}
                <textarea id="champ-message" name="message" rows="8" maxlength=MAX_MESSAGE_CHARS.to_string()
                    aria-describedby=move || if field_error.get().is_some() { "champ-message-aide champ-message-erreur" } else { "champ-message-aide" }
                    aria-invalid=move || field_error.get().is_some().then_some("true")
                    prop:value=move || draft.get()
                    on:input=move |event| draft.set(event_target_value(&event))>{draft.get_untracked()}</textarea>
            </div>
            <button type="submit" disabled=move || action.pending().get()>{locale.text("practice-send")}</button>
        </ActionForm>
    }
}
