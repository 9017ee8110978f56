//! Server functions of the free-practice sandbox. Transcripts belong to their author: every
//! query is filtered by the signed-in user, and no other role can read them. Scenario views carry
//! neither the reference answer, nor the expected qualities, nor the failures a scenario stages.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest message accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4_000;
/// Messages a learner may send per minute, unless the server's configuration says otherwise.
pub const DEFAULT_MESSAGES_PER_MINUTE: i64 = 10;
/// Messages per conversation before it must be cleared.
pub const MAX_MESSAGES_PER_CONVERSATION: i64 = 40;

/// One rubric line about the learner's last request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackLine {
    pub criterion: String,
    pub met: bool,
    pub feedback: String,
}

/// The correction of one exercise attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseOutcome {
    pub passed: bool,
    pub lines: Vec<FeedbackLine>,
    /// What the simulated assistant answered (prompt exercises).
    pub reply: Option<String>,
}

/// One message of a practice conversation; an assistant message carries the debrief of the
/// failures it staged (sent with the answer, never before it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeMessage {
    pub role: String,
    pub content: String,
    pub debrief: Vec<super::debrief::DebriefItem>,
}

/// A practice conversation as its author sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    /// Oldest first.
    pub messages: Vec<PracticeMessage>,
    /// The rubric applied to the last request, if any.
    pub feedback: Vec<FeedbackLine>,
    /// Personal data found in the last request: (kind, text).
    pub findings: Vec<(String, String)>,
    /// The external model answering, or `None` for the simulation.
    pub external_model: Option<String>,
    /// Why the message just sent was refused (the conversation is then left out): a refusal is
    /// an answer, not a server failure, so the island gets it as a value.
    pub refusal: Option<String>,
    /// The messages, findings and rubric above, written out as HTML in the learner's language
    /// (`components::chat::conversation_html`): what the chat island shows.
    pub conversation_html: String,
}

/// The scenarios of the atelier, as learners see them.
#[server]
pub async fn list_scenarios() -> Result<Vec<super::scenarios::LearnerScenario>, crate::error::AppError> {
    let state = crate::error::state()?;
    Ok(super::repository::active_scenarios(&state.db).await?.iter().map(super::scenarios::Scenario::learner_view).collect())
}

/// One scenario as a learner sees it (`None`: no such scenario); readable without an account.
#[server]
pub async fn load_scenario(scenario: String) -> Result<Option<super::scenarios::LearnerScenario>, crate::error::AppError> {
    let state = crate::error::state()?;
    Ok(super::repository::scenario(&state.db, &scenario).await?.as_ref().map(super::scenarios::Scenario::learner_view))
}

/// The conversation of `user_id` on `scenario`, with the correction of its last request on the
/// scenario's expected qualities.
#[cfg(feature = "ssr")]
async fn practice_view(state: &crate::state::AppState, user_id: i64, scenario: &super::scenarios::Scenario) -> Result<PracticeView, crate::db::DbError> {
    let stored = super::repository::conversation(&state.db, user_id, &scenario.slug).await?;
    let messages: Vec<PracticeMessage> =
        stored.into_iter().map(|m| PracticeMessage { role: m.role, content: m.content, debrief: m.debrief }).collect();
    let last = messages.iter().rev().find(|m| m.role == "user").map(|m| m.content.clone());
    let (feedback, findings) = match last {
        Some(prompt) => {
            (super::grading::grade_request(&prompt, &scenario.criteria, &scenario.required_words, &[]), super::privacy::scan(&prompt).into_iter().map(|f| (f.kind.id().to_owned(), f.text)).collect())
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut view = PracticeView {
        messages,
        feedback,
        findings,
        external_model: state.assistant.external_model().map(str::to_owned),
        refusal: None,
        conversation_html: String::new(),
    };
    view.conversation_html = crate::components::chat::conversation_html(&view, crate::request_locale());
    Ok(view)
}

/// The scenario `slug`, or the error a learner reads.
#[cfg(feature = "ssr")]
async fn find_scenario(state: &crate::state::AppState, slug: &str) -> Result<super::scenarios::Scenario, crate::error::AppError> {
    super::repository::scenario(&state.db, slug).await?.ok_or_else(|| crate::error::AppError::not_found(crate::request_locale().text("practice-scenario-unknown")))
}

#[server]
pub async fn load_practice(scenario: String) -> Result<PracticeView, crate::error::AppError> {
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let scenario = find_scenario(&state, &scenario).await?;
    Ok(practice_view(&state, user.id, &scenario).await?)
}

/// Sends a request to the atelier's assistant and stores both messages. A plain form post is
/// sent back to the page; the chat island gets the updated conversation.
#[server]
pub async fn send_practice_message(scenario: String, message: String) -> Result<PracticeView, crate::error::AppError> {
    use super::{
        assistant::Brief,
        backend::{AssistantError, Turn},
        repository,
    };
    use crate::{
        accounts::forms::FormFeedback,
        db::now,
        web::{is_plain_form_post, redirect_with},
    };
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let locale = crate::request_locale();
    let definition = find_scenario(&state, &scenario).await?;
    let plain_form = is_plain_form_post();
    let back = format!("/atelier/{scenario}#reponse");
    let refuse = |reason: &str| -> Result<PracticeView, crate::error::AppError> {
        if plain_form {
            let feedback = FormFeedback::new("atelier").value("message", &message).error("message", reason).failure(locale.text("practice-message-not-sent"));
            redirect_with(&feedback, &back);
        }
        Ok(PracticeView { refusal: Some(reason.to_owned()), ..PracticeView::default() })
    };
    let text = message.trim();
    if text.is_empty() {
        return refuse(&locale.text("practice-message-empty"));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return refuse(&locale.text_with("practice-message-too-long", &[("max", MAX_MESSAGE_CHARS.into())]));
    }
    // The limits are checked and the request stored in one transaction serialised on the
    // learner, so parallel messages cannot pass them; the assistant answers after it commits
    // (an external model may take seconds), and a refused request is taken back out.
    let history = repository::conversation(&state.db, user.id, &scenario).await?;
    let reserved =
        super::service::reserve_message(&state.db, user.id, &scenario, text, state.sandbox_messages_per_minute, MAX_MESSAGES_PER_CONVERSATION, locale).await?;
    let stored = match reserved {
        Ok(id) => id,
        Err(reason) => return refuse(&reason),
    };
    let turns: Vec<Turn> = history.iter().map(|m| Turn { role: &m.role, content: &m.content }).collect();
    let brief = Brief { reference_answer: definition.reference_answer.as_deref(), document: definition.document.as_deref() };
    let answered = state.assistant.answer(&definition.situation, &turns, text, Some(brief)).await;
    let reply = match answered {
        Ok(reply) => reply,
        Err(error) => {
            repository::delete_message(&state.db, stored).await?;
            return match error {
                AssistantError::PersonalData(findings) => {
                    let listed: Vec<String> = findings
                        .iter()
                        .map(|f| {
                            let kind = locale.text(&format!("privacy-{}", f.kind.id()));
                            locale.text_with("practice-personal-data-item", &[("text", f.text.clone().into()), ("kind", kind.into())])
                        })
                        .collect();
                    refuse(&locale.text_with("practice-personal-data-refused", &[("found", listed.join(", ").into())]))
                }
                other => {
                    tracing::warn!(error = %other, "external assistant failed");
                    let reason = match &other {
                        AssistantError::Unreachable(detail) => locale.text_with("practice-assistant-unreachable", &[("detail", detail.clone().into())]),
                        AssistantError::Refused { status, message } => locale
                            .text_with("practice-assistant-refused", &[("status", (*status).into()), ("message", message.clone().into())]),
                        AssistantError::InvalidResponse(detail) => {
                            locale.text_with("practice-assistant-unreadable", &[("detail", detail.clone().into())])
                        }
                        AssistantError::PersonalData(_) => other.to_string(),
                    };
                    refuse(&locale.text_with("practice-assistant-failed", &[("reason", reason.into())]))
                }
            };
        }
    };
    repository::insert_answer(&state.db, user.id, &scenario, &reply.text, &reply.debrief, now()).await?;
    if plain_form {
        leptos_axum::redirect(&back);
    }
    Ok(practice_view(&state, user.id, &definition).await?)
}

#[server]
pub async fn clear_practice(scenario: String) -> Result<(), crate::error::AppError> {
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    super::repository::clear_conversation(&state.db, user.id, &scenario).await?;
    leptos_axum::redirect(&format!("/atelier/{scenario}"));
    Ok(())
}
