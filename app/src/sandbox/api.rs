//! Server functions of the free-practice sandbox. Transcripts belong to their author: every
//! query is filtered by the signed-in user, and no other role can read them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest message accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4_000;
/// Messages a learner may send per minute.
pub const MAX_MESSAGES_PER_MINUTE: i64 = 10;
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    /// (role, content), oldest first.
    pub messages: Vec<(String, String)>,
    /// The rubric applied to the last request, if any.
    pub feedback: Vec<FeedbackLine>,
    /// Personal data found in the last request: (kind, text).
    pub findings: Vec<(String, String)>,
}

#[server]
pub async fn load_practice(scenario: String) -> Result<PracticeView, ServerFnError> {
    use sqlx::Row;

    use crate::{course::exercise::Criterion, error::{app_state, unavailable}};
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let rows = sqlx::query("SELECT role, content FROM sandbox_messages WHERE user_id = $1 AND scenario = $2 ORDER BY id")
        .bind(user.id)
        .bind(&scenario)
        .fetch_all(state.db.pool())
        .await
        .map_err(unavailable)?;
    let messages: Vec<(String, String)> = rows
        .iter()
        .map(|r| Ok::<_, sqlx::Error>((r.try_get("role")?, r.try_get("content")?)))
        .collect::<Result<_, _>>()
        .map_err(unavailable)?;
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
    Ok(PracticeView { messages, feedback, findings })
}

#[server]
pub async fn send_practice_message(scenario: String, message: String) -> Result<(), ServerFnError> {
    use sqlx::Row;

    use crate::{
        accounts::{api::redirect_with, forms::FormFeedback},
        db::now,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let Some(definition) = super::scenarios::find(&scenario) else {
        return Err(ServerFnError::new("Scénario inconnu."));
    };
    let back = format!("/atelier/{scenario}#reponse");
    let refuse = |message_text: &str, typed: &str| {
        redirect_with(&FormFeedback::new("atelier").value("message", typed).error("message", message_text).failure("Message non envoyé."), &back);
        Ok(())
    };
    let text = message.trim();
    if text.is_empty() {
        return refuse("écrivez votre demande avant de l'envoyer", &message);
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return refuse(&format!("votre message dépasse {MAX_MESSAGE_CHARS} caractères : raccourcissez-le"), &message);
    }
    let last_minute: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sandbox_messages WHERE user_id = $1 AND role = 'user' AND created_at > $2")
        .bind(user.id)
        .bind(now() - 60)
        .fetch_one(state.db.pool())
        .await
        .and_then(|r| r.try_get("n"))
        .map_err(unavailable)?;
    if last_minute >= MAX_MESSAGES_PER_MINUTE {
        return refuse(&format!("vous avez envoyé {MAX_MESSAGES_PER_MINUTE} messages en une minute : patientez un instant"), &message);
    }
    let in_conversation: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sandbox_messages WHERE user_id = $1 AND scenario = $2 AND role = 'user'")
        .bind(user.id)
        .bind(&scenario)
        .fetch_one(state.db.pool())
        .await
        .and_then(|r| r.try_get("n"))
        .map_err(unavailable)?;
    if in_conversation >= MAX_MESSAGES_PER_CONVERSATION {
        return refuse(&format!("cette conversation a atteint {MAX_MESSAGES_PER_CONVERSATION} messages : effacez-la pour recommencer"), &message);
    }
    let reply = super::assistant::reply(text, Some(definition.reference_answer));
    for (role, content) in [("user", text), ("assistant", reply.text.as_str())] {
        sqlx::query("INSERT INTO sandbox_messages (user_id, scenario, role, content, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(user.id)
            .bind(&scenario)
            .bind(role)
            .bind(content)
            .bind(now())
            .execute(state.db.pool())
            .await
            .map_err(unavailable)?;
    }
    leptos_axum::redirect(&back);
    Ok(())
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
