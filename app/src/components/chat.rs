//! The atelier's conversation, as an island: without JavaScript it is a form that posts and the
//! page comes back with the reply; with JavaScript the request is sent in the background and the
//! reply, its debrief (the AI failures it staged, revealed after it), the personal data found and
//! the rubric appear in place, announced to screen readers.
//!
//! The server writes the conversation, the personal data found and the rubric as HTML
//! ([`conversation_html`], sent in [`PracticeView`](crate::sandbox::api::PracticeView)); the island keeps the form, sends it with
//! [`form_post`](super::form_post) and swaps that HTML. So the browser needs no renderer for the
//! conversation and no serde for `PracticeView`.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    i18n::{IslandTexts, Locale},
    sandbox::api::{SendPracticeMessage, MAX_MESSAGE_CHARS},
};

/// The words of the chat island (the conversation itself comes written by the server).
pub const CHAT_TEXTS: &[&str] = &[
    "practice-sending",
    "practice-replied",
    "practice-write",
    "practice-not-sent",
    "practice-message",
    "practice-message-hint",
    "practice-send",
];

/// The atelier's form in the browser: sends the request in the background and shows the
/// conversation the server sends back, written out.
#[island(lazy)]
pub fn ChatIsland(
    scenario: String,
    /// The conversation so far, as [`conversation_html`] wrote it.
    conversation: String,
    /// What the learner typed before a refused plain-form post.
    typed: String,
    /// Why that post was refused.
    error: Option<String>,
    /// From [`CHAT_TEXTS`] and the refusals' fixed messages, in the page's language.
    texts: IslandTexts,
) -> impl IntoView {
    let texts = StoredValue::new(texts);
    let word = move |key: &str| texts.with_value(|texts| texts.get(key));
    let conversation = RwSignal::new(conversation);
    let draft = RwSignal::new(typed);
    let field_error = RwSignal::new(error);
    let pending = RwSignal::new(false);
    let replied = RwSignal::new(false);
    let status = move || {
        if pending.get() {
            word("practice-sending")
        } else if replied.get() {
            word("practice-replied")
        } else {
            String::new()
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
                return;
            };
            event.prevent_default();
            pending.set(true);
            replied.set(false);
            leptos::task::spawn_local(async move {
                use super::form_post::{field, post_form};
                let answer = post_form(&form).await;
                let refusal = match &answer {
                    Ok(Ok(view)) => field(view, "refusal").as_string(),
                    Ok(Err(error)) => Some(texts.with_value(|texts| error.message_from(texts))),
                    Err(()) => Some(texts.with_value(|texts| crate::error::AppError::Unavailable.message_from(texts))),
                };
                match (refusal, answer) {
                    (None, Ok(Ok(view))) => {
                        conversation.set(field(&view, "conversation_html").as_string().unwrap_or_default());
                        draft.set(String::new());
                        field_error.set(None);
                        replied.set(true);
                    }
                    (refusal, _) => field_error.set(refusal),
                }
                pending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, pending, replied, field_error);
    };
    view! {
        <div inner_html=move || conversation.get()></div>
        <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
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
            <button type="submit" disabled=move || pending.get()>{word("practice-send")}</button>
        </form>
    }
}

/// Who answers in the atelier: « Assistant simulé », or the external model's name.
pub fn assistant_name(external_model: Option<&str>, locale: Locale) -> String {
    match external_model {
        Some(model) => locale.text_with("practice-assistant-external", &[("model", model.to_owned().into())]),
        None => locale.text("practice-assistant"),
    }
}

/// The conversation, the personal data found in the last request and its rubric, as HTML in
/// `locale`: what the page shows and the island swaps after each message.
#[cfg(feature = "ssr")]
pub fn conversation_html(view: &crate::sandbox::api::PracticeView, locale: Locale) -> String {
    view! { <ConversationBody view=view.clone() locale/> }.to_html()
}

#[cfg(feature = "ssr")]
#[component]
fn ConversationBody(view: crate::sandbox::api::PracticeView, locale: Locale) -> impl IntoView {
    let word = move |key: &str| locale.text(key);
    let assistant = assistant_name(view.external_model.as_deref(), locale);
    let crate::sandbox::api::PracticeView { messages, findings, feedback, .. } = view;
    view! {
        <section aria-labelledby="conversation" class="conversation">
            <h2 id="conversation">{word("practice-conversation")}</h2>
            {if messages.is_empty() {
                view! { <p>{word("practice-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="messages">
                        {messages.into_iter().map(|message| {
                            let from_learner = message.role == "user";
                            let who = if from_learner { word("practice-you") } else { assistant.clone() };
                            let debrief = message.debrief;
                            let class = if from_learner { "message message--user" } else { "message message--assistant" };
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
            }}
        </section>
        {(!findings.is_empty()).then(|| view! {
            <div class="alert alert--warning">
                <p class="alert__title">{word("practice-personal-data")}</p>
                <ul>{findings.into_iter().map(|(kind, text)| view! {
                    <li><mark>{text}</mark>" — "{word(&["privacy-", kind.as_str()].concat())}</li>
                }).collect_view()}</ul>
            </div>
        })}
        {(!feedback.is_empty()).then(|| view! {
            <section aria-labelledby="retour" class="rubric">
                <h2 id="retour">{word("practice-feedback")}</h2>
                <ul>{feedback.into_iter().map(|line| view! {
                    <li class:is-met=line.met>
                        <strong>{if line.met { word("rubric-met") } else { word("rubric-missing") }}</strong>
                        " — "{line.feedback}
                    </li>
                }).collect_view()}</ul>
            </section>
        })}
    }
}
