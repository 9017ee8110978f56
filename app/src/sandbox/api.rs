//! Server functions of the free-practice sandbox. Transcripts belong to their author: every
//! query is filtered by the signed-in user, and no other role can read them.

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

/// A practice conversation as its author sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    /// (role, content), oldest first.
    pub messages: Vec<(String, String)>,
    /// The rubric applied to the last request, if any.
    pub feedback: Vec<FeedbackLine>,
    /// Personal data found in the last request: (kind, text).
    pub findings: Vec<(String, String)>,
    /// The external model answering, or `None` for the simulation.
    pub external_model: Option<String>,
    /// Why the message just sent was refused (the conversation is then left out): a refusal is
    /// an answer, not a server failure, so the island gets it as a value.
    pub refusal: Option<String>,
}

/// The conversation of `user_id` on `scenario`, with the correction of its last request.
#[cfg(feature = "ssr")]
async fn practice_view(state: &crate::state::AppState, user_id: i64, scenario: &str) -> Result<PracticeView, sqlx::Error> {
    use sqlx::Row;

    use crate::course::exercise::Criterion;
    let rows = sqlx::query("SELECT role, content FROM sandbox_messages WHERE user_id = $1 AND scenario = $2 ORDER BY id")
        .bind(user_id)
        .bind(scenario)
        .fetch_all(state.db.pool())
        .await?;
    let messages: Vec<(String, String)> =
        rows.iter().map(|r| Ok::<_, sqlx::Error>((r.try_get("role")?, r.try_get("content")?))).collect::<Result<_, _>>()?;
    let last = messages.iter().rev().find(|(role, _)| role == "user").map(|(_, c)| c.clone());
    let (feedback, findings) = match last {
        Some(prompt) => (
            super::rubric::evaluate(&prompt, &Criterion::ALL)
                .into_iter()
                .map(|r| FeedbackLine { criterion: r.criterion.id().to_owned(), met: r.met, feedback: r.feedback })
                .collect(),
            super::privacy::scan(&prompt).into_iter().map(|f| (f.kind.id().to_owned(), f.text)).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(PracticeView { messages, feedback, findings, external_model: state.assistant.external_model().map(str::to_owned), refusal: None })
}

#[server]
pub async fn load_practice(scenario: String) -> Result<PracticeView, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    practice_view(&state, user.id, &scenario).await.map_err(unavailable)
}

/// Sends a request to the atelier's assistant and stores both messages. A plain form post is
/// sent back to the page; the chat island gets the updated conversation.
#[server]
pub async fn send_practice_message(scenario: String, message: String) -> Result<PracticeView, ServerFnError> {
    use super::backend::{AssistantError, Turn};
    use crate::{
        accounts::forms::FormFeedback,
        web::{is_plain_form_post, redirect_with},
        db::now,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let Some(definition) = super::scenarios::find(&scenario) else {
        return Err(ServerFnError::new("Scénario inconnu."));
    };
    let plain_form = is_plain_form_post();
    let back = format!("/atelier/{scenario}#reponse");
    let refuse = |reason: &str| -> Result<PracticeView, ServerFnError> {
        if plain_form {
            redirect_with(&FormFeedback::new("atelier").value("message", &message).error("message", reason).failure("Message non envoyé."), &back);
        }
        Ok(PracticeView { refusal: Some(reason.to_owned()), ..PracticeView::default() })
    };
    let text = message.trim();
    if text.is_empty() {
        return refuse("écrivez votre demande avant de l'envoyer");
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return refuse(&format!("votre message dépasse {MAX_MESSAGE_CHARS} caractères : raccourcissez-le"));
    }
    // The limits are checked and the request stored in one transaction serialised on the
    // learner, so parallel messages cannot pass them; the assistant answers after it commits
    // (an external model may take seconds), and a refused request is taken back out.
    let history = practice_view(&state, user.id, &scenario).await.map_err(unavailable)?.messages;
    let stored = match reserve_message(&state, user.id, &scenario, text).await.map_err(unavailable)? {
        Ok(id) => id,
        Err(reason) => return refuse(&reason),
    };
    let turns: Vec<Turn> = history.iter().map(|(role, content)| Turn { role, content }).collect();
    let answered = state.assistant.answer(definition.situation, &turns, text, Some(definition.reference_answer)).await;
    let reply = match answered {
        Ok(reply) => reply,
        Err(error) => {
            sqlx::query("DELETE FROM sandbox_messages WHERE id = $1").bind(stored).execute(state.db.pool()).await.map_err(unavailable)?;
            return match error {
                AssistantError::PersonalData(findings) => {
                    let listed: Vec<String> = findings.iter().map(|f| format!("« {} » ({})", f.text, f.kind.label())).collect();
                    refuse(&format!(
                        "votre message contient des données personnelles — {} : il n'a pas été envoyé à l'assistant externe. Retirez-les puis renvoyez-le",
                        listed.join(", ")
                    ))
                }
                other => {
                    tracing::warn!(error = %other, "external assistant failed");
                    refuse(&format!("{other} : réessayez dans quelques instants"))
                }
            };
        }
    };
    sqlx::query("INSERT INTO sandbox_messages (user_id, scenario, role, content, created_at) VALUES ($1, $2, 'assistant', $3, $4)")
        .bind(user.id)
        .bind(&scenario)
        .bind(reply.text.as_str())
        .bind(now())
        .execute(state.db.pool())
        .await
        .map_err(unavailable)?;
    if plain_form {
        leptos_axum::redirect(&back);
    }
    practice_view(&state, user.id, &scenario).await.map_err(unavailable)
}

/// Stores the learner's request if the atelier's limits allow it (per minute, per conversation),
/// checking and writing in one transaction. `Ok(Err(reason))`: refused.
#[cfg(feature = "ssr")]
async fn reserve_message(state: &crate::state::AppState, user_id: i64, scenario: &str, text: &str) -> Result<Result<i64, String>, crate::db::DbError> {
    use sqlx::Row;
    let at = crate::db::now();
    let mut tx = state.db.begin_write().await?;
    tx.serialize_on(&format!("atelier:{user_id}")).await?;
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM sandbox_messages WHERE user_id = $1 AND role = 'user' AND created_at > $2) AS last_minute, \
                (SELECT COUNT(*) FROM sandbox_messages WHERE user_id = $1 AND role = 'user' AND scenario = $3) AS in_conversation",
    )
    .bind(user_id)
    .bind(at - 60)
    .bind(scenario)
    .fetch_one(&mut *tx)
    .await?;
    let (last_minute, in_conversation): (i64, i64) = (row.try_get("last_minute")?, row.try_get("in_conversation")?);
    let refusal = if last_minute >= state.sandbox_messages_per_minute {
        Some(format!("vous avez envoyé {} messages en une minute : patientez un instant", state.sandbox_messages_per_minute))
    } else if in_conversation >= MAX_MESSAGES_PER_CONVERSATION {
        Some(format!("cette conversation a atteint {MAX_MESSAGES_PER_CONVERSATION} messages : effacez-la pour recommencer"))
    } else {
        None
    };
    if let Some(reason) = refusal {
        tx.rollback().await?;
        return Ok(Err(reason));
    }
    let id: i64 = sqlx::query("INSERT INTO sandbox_messages (user_id, scenario, role, content, created_at) VALUES ($1, $2, 'user', $3, $4) RETURNING id")
        .bind(user_id)
        .bind(scenario)
        .bind(text)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
    tx.commit().await?;
    Ok(Ok(id))
}

#[server]
pub async fn clear_practice(scenario: String) -> Result<(), ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    sqlx::query("DELETE FROM sandbox_messages WHERE user_id = $1 AND scenario = $2")
        .bind(user.id)
        .bind(&scenario)
        .execute(state.db.pool())
        .await
        .map_err(unavailable)?;
    leptos_axum::redirect(&format!("/atelier/{scenario}"));
    Ok(())
}
