//! The atelier's conversation, as an island: without JavaScript it is a form that posts and the
//! page comes back with the reply; with JavaScript the request is sent in the background and the
//! reply, its debrief (the AI failures it staged, revealed after it), the personal data found and
//! the rubric appear in place, announced to screen readers.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    i18n::IslandTexts,
    sandbox::api::{PracticeView, SendPracticeMessage, MAX_MESSAGE_CHARS},
};

/// The words of the chat island.
pub const CHAT_TEXTS: &[&str] = &[
    "practice-sending",
    "practice-replied",
    "practice-conversation",
    "practice-empty",
    "practice-you",
    "practice-debrief",
    "practice-debrief-catch",
    "practice-personal-data",
    "practice-feedback",
    "rubric-met",
    "rubric-missing",
    "practice-write",
    "practice-not-sent",
    "practice-message",
    "practice-message-hint",
    "practice-send",
    // Each kind of personal data the detector names (sandbox::privacy).
    "privacy-email",
    "privacy-phone",
    "privacy-nir",
    "privacy-iban",
    "privacy-card",
    "privacy-birth_date",
    "privacy-address",
    "privacy-name",
];

#[island(lazy)]
pub fn ChatIsland(
    scenario: String,
    initial: PracticeView,
    /// What the learner typed before a refused plain-form post.
    typed: String,
    /// Why that post was refused.
    error: Option<String>,
    /// Who answers: « Assistant simulé », or the external model's name.
    assistant: String,
    /// From [`CHAT_TEXTS`], in the page's language.
    texts: IslandTexts,
) -> impl IntoView {
    let action = ServerAction::<SendPracticeMessage>::new();
    // Copied into every closure of the view.
    let stored_texts = StoredValue::new(texts);
    let word = move |key: &str| stored_texts.with_value(|texts| texts.get(key));
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
        Some(Err(error)) => Some(stored_texts.with_value(|texts| error.message_from(texts))),
        None => error.clone(),
    });
    let status = move || {
        if action.pending().get() {
            word("practice-sending")
        } else if action.value().with(|v| matches!(v, Some(Ok(view)) if view.refusal.is_none())) {
            word("practice-replied")
        } else {
            String::new()
        }
    };
    // Sent in the background: the field's text and the scenario are already in the island.
    let on_submit = {
        let scenario = scenario.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            action.dispatch(SendPracticeMessage { scenario: scenario.clone(), message: draft.get_untracked() });
        }
    };
    view! {
        <section aria-labelledby="conversation" class="conversation">
            <h2 id="conversation">{word("practice-conversation")}</h2>
            {move || {
                let messages = conversation.with(|c| c.messages.clone());
                if messages.is_empty() {
                    view! { <p>{word("practice-empty")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="messages">
                            {messages.into_iter().map(|message| {
                                let role = message.role;
                                let who = if role == "user" { word("practice-you") } else { assistant.clone() };
                                let debrief = message.debrief;
                                let class = if role == "user" { "message message--user" } else { "message message--assistant" };
                                view! {
                                    <li class=class>
                                        <p class="message__who">{who}</p>
                                        <p class="message__text">{message.content}</p>
                                        {(!debrief.is_empty()).then(|| view! {
                                            <div class="debrief" role="note">
                                                <p class="debrief__title">{word("practice-debrief")}</p>
                                                <ul>{debrief.into_iter().map(|item| view! {
                                                    <li>
                                                        <strong>{item.title}</strong>" — "{item.what_happened}
                                                        " "<em>{word("practice-debrief-catch")}</em>" "{item.how_to_catch}
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
                    <p class="alert__title">{word("practice-personal-data")}</p>
                    <ul>{findings.into_iter().map(|(kind, text)| view! {
                        <li><mark>{text}</mark>" — "{word(&["privacy-", kind.as_str()].concat())}</li>
                    }).collect_view()}</ul>
                </div>
            })
        }}
        {move || {
            let feedback = conversation.with(|c| c.feedback.clone());
            (!feedback.is_empty()).then(|| view! {
                <section aria-labelledby="retour" class="rubric">
                    <h2 id="retour">{word("practice-feedback")}</h2>
                    <ul>{feedback.into_iter().map(|line| view! {
                        <li class:is-met=line.met>
                            <strong>{if line.met { word("rubric-met") } else { word("rubric-missing") }}</strong>
                            " — "{line.feedback}
                        </li>
                    }).collect_view()}</ul>
                </section>
            })
        }}
        <h2 id="reponse">{word("practice-write")}</h2>
        <form method="post" action=SendPracticeMessage::url() class="stacked-form" on:submit=on_submit>
            <input type="hidden" name="scenario" value=scenario/>
            {move || field_error.get().is_some().then(|| view! {
                <p class="alert alert--error" role="alert">{word("practice-not-sent")}</p>
            })}
            <div class="field" class:field--error=move || field_error.get().is_some()>
                <label for="champ-message">{word("practice-message")}</label>
                <p class="field__hint" id="champ-message-aide">{word("practice-message-hint")}</p>
                {move || field_error.get().map(|message| view! { <p class="field__error" id="champ-message-erreur">{message}</p> })}
                <textarea id="champ-message" name="message" rows="8" maxlength=MAX_MESSAGE_CHARS.to_string()
                    aria-describedby=move || if field_error.get().is_some() { "champ-message-aide champ-message-erreur" } else { "champ-message-aide" }
                    aria-invalid=move || field_error.get().is_some().then_some("true")
                    prop:value=move || draft.get()
                    on:input=move |event| draft.set(event_target_value(&event))>{draft.get_untracked()}</textarea>
            </div>
            <button type="submit" disabled=move || action.pending().get()>{word("practice-send")}</button>
        </form>
    }
}
