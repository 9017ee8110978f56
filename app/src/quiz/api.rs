//! Server functions of the learning loop on a module page: what the signed-in learner has done
//! there, submitting a quiz, marking the module as read.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::grading::QuizResult;
use crate::progress::ModuleState;

/// The learner's last attempt at a quiz.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    pub result: QuizResult,
    pub attempts_made: i64,
    /// `None`: unlimited.
    pub attempts_left: Option<i64>,
    pub best_score: u32,
    /// The most recent attempts, newest first: (Unix time, score, passed); `attempts_made`
    /// counts them all.
    pub history: Vec<(i64, u32, bool)>,
}

/// Everything a module page shows about the signed-in learner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnerModuleView {
    pub state: ModuleState,
    /// One entry per quiz of the module.
    pub quizzes: Vec<Option<AttemptView>>,
    /// The latest correction of each exercise of the module.
    pub exercises: Vec<Option<crate::sandbox::api::ExerciseOutcome>>,
}

#[cfg(feature = "ssr")]
async fn attempt_view(
    db: &crate::db::Database,
    user_id: i64,
    page: &crate::course::model::ModulePage,
    quiz: usize,
) -> Result<Option<AttemptView>, crate::db::DbError> {
    let latest = crate::progress::repository::latest_attempt(db, user_id, &page.outline.info.slug, &page.module.slug, quiz).await?;
    Ok(latest.map(|summary| AttemptView {
        result: summary.latest,
        attempts_made: summary.count,
        attempts_left: page.module.quiz_settings.max_attempts.map(|max| (i64::from(max) - summary.count).max(0)),
        best_score: summary.best_score,
        history: summary.recent,
    }))
}

/// Records the visit (the module is "started") and returns the learner's state; `None` for
/// visitors who are not signed in.
#[server]
pub async fn load_learner_module(course: String, module: String) -> Result<Option<LearnerModuleView>, ServerFnError> {
    use crate::{accounts::authz::current_user, error::{app_state, unavailable}};
    let Some(user) = current_user() else { return Ok(None) };
    let state = app_state()?;
    let Some(page) = crate::course::repository::module_page(&state.db, &course, &module).await.map_err(unavailable)? else {
        return Ok(None);
    };
    crate::progress::repository::record_visit(&state.db, user.id, &course, &module).await.map_err(unavailable)?;
    let module_state = crate::progress::repository::module_state(&state.db, user.id, &course, &module, page.outline.version_id)
        .await
        .map_err(unavailable)?;
    let mut quizzes = Vec::new();
    for index in 0..page.module.quizzes.len() {
        quizzes.push(attempt_view(&state.db, user.id, &page, index).await.map_err(unavailable)?);
    }
    let mut exercises = Vec::new();
    for index in 0..page.module.exercises.len() {
        exercises.push(crate::progress::repository::latest_exercise(&state.db, user.id, &course, &module, index).await.map_err(unavailable)?);
    }
    Ok(Some(LearnerModuleView { state: module_state, quizzes, exercises }))
}

/// Grades and records a quiz attempt. A plain form post (no JavaScript) is sent back to the quiz,
/// which the page then shows corrected; the island gets the correction as the return value.
#[server]
pub async fn submit_quiz(
    course: String,
    module: String,
    quiz: usize,
    answers: Option<BTreeMap<String, String>>,
    /// When the page showed the quiz (Unix seconds), for the median time in item analytics.
    shown_at: Option<i64>,
) -> Result<AttemptView, ServerFnError> {
    use crate::{
        accounts::{authz::require_user, forms::FormFeedback},
        error::{app_state, unavailable},
        progress::repository::{attempt_count, record_attempt, Learner},
        quiz::grading::{answers_from_form, grade},
    };
    let state = app_state()?;
    let user = require_user()?;
    let plain_form = crate::accounts::api::is_plain_form_post();
    let anchor = format!("/cours/{course}/{module}#quiz-{}", quiz + 1);
    let refuse = |message: &str| -> Result<AttemptView, ServerFnError> {
        if plain_form {
            crate::accounts::api::redirect_with(&FormFeedback::new(&format!("quiz-{quiz}")).failure(message), &anchor);
        }
        Err(ServerFnError::new(message.to_owned()))
    };
    let Some(page) = crate::course::repository::module_page(&state.db, &course, &module).await.map_err(unavailable)? else {
        return refuse("Ce module n'existe plus.");
    };
    let Some(definition) = page.module.quizzes.get(quiz) else {
        return refuse("Ce quiz n'existe plus dans la version actuelle du module.");
    };
    let settings = &page.module.quiz_settings;
    if let Some(max) = settings.max_attempts {
        let made = attempt_count(&state.db, user.id, &course, &module, quiz).await.map_err(unavailable)?;
        if made >= i64::from(max) {
            return refuse("Vous avez utilisé tous vos essais pour ce quiz : votre meilleur résultat est conservé.");
        }
    }
    let result = grade(definition, &answers_from_form(definition, &answers.unwrap_or_default()), settings);
    let learner = Learner { id: user.id, name: &user.display_name };
    // Beyond three hours the page was left open: the time says nothing about the quiz.
    let duration = shown_at.map(|at| crate::db::now() - at).filter(|d| (0..=3 * 3_600).contains(d));
    record_attempt(&state.db, &state.public_url, &learner, &page, quiz, &result, duration).await.map_err(unavailable)?;
    let view = attempt_view(&state.db, user.id, &page, quiz).await.map_err(unavailable)?.ok_or_else(|| unavailable("attempt not found"))?;
    if plain_form {
        leptos_axum::redirect(&anchor);
    }
    Ok(view)
}

/// Records that the learner read the module to the end, then goes to the next module (or back
/// to the course after the last one).
#[server]
pub async fn mark_module_read(course: String, module: String) -> Result<(), ServerFnError> {
    use crate::{accounts::authz::require_user, error::{app_state, unavailable}, progress::repository::{mark_read, Learner}};
    let state = app_state()?;
    let user = require_user()?;
    let Some(page) = crate::course::repository::module_page(&state.db, &course, &module).await.map_err(unavailable)? else {
        return Err(ServerFnError::new("Ce module n'existe plus."));
    };
    mark_read(&state.db, &state.public_url, &Learner { id: user.id, name: &user.display_name }, &page).await.map_err(unavailable)?;
    let next = match page.next() {
        Some(next) => format!("/cours/{course}/{}", next.slug),
        None => format!("/cours/{course}"),
    };
    leptos_axum::redirect(&next);
    Ok(())
}

/// Longest text accepted in an exercise (an anonymised document can be long).
pub const MAX_EXERCISE_TEXT_CHARS: usize = 16_000;
/// Exercise attempts a learner may send per minute, all exercises together.
pub const MAX_EXERCISE_ATTEMPTS_PER_MINUTE: i64 = 10;
/// Attempts per exercise in 24 hours: enough to learn, not enough to brute-force a hallucination hunt.
pub const MAX_ATTEMPTS_PER_EXERCISE_PER_DAY: i64 = 30;

/// Grades and records a sandbox exercise of a module: `text` for a request or an anonymised
/// document, `answers[s{n}]` for each statement marked as wrong. The page comes back corrected.
#[server]
pub async fn submit_exercise(
    course: String,
    module: String,
    exercise: usize,
    text: Option<String>,
    answers: Option<BTreeMap<String, String>>,
) -> Result<(), ServerFnError> {
    use crate::{
        accounts::{
            api::{is_plain_form_post, redirect_with},
            authz::require_user,
            forms::FormFeedback,
        },
        course::exercise::ExerciseKind,
        error::{app_state, unavailable},
        progress::repository::{recent_exercise_attempts, record_exercise, Learner},
        sandbox::grading::{grade_anonymize, grade_hallucination, grade_prompt},
    };
    let state = app_state()?;
    let user = require_user()?;
    let anchor = format!("/cours/{course}/{module}#exercice-{}", exercise + 1);
    let refuse = |message: &str| -> Result<(), ServerFnError> {
        if is_plain_form_post() {
            redirect_with(&FormFeedback::new(&format!("exercice-{exercise}")).failure(message), &anchor);
        }
        Err(ServerFnError::new(message.to_owned()))
    };
    let Some(page) = crate::course::repository::module_page(&state.db, &course, &module).await.map_err(unavailable)? else {
        return refuse("Ce module n'existe plus.");
    };
    let Some(definition) = page.module.exercises.get(exercise) else {
        return refuse("Cet exercice n'existe plus dans la version actuelle du module.");
    };
    let text = text.unwrap_or_default();
    if text.chars().count() > MAX_EXERCISE_TEXT_CHARS {
        return refuse(&format!("Votre texte dépasse {MAX_EXERCISE_TEXT_CHARS} caractères : raccourcissez-le."));
    }
    if text.trim().is_empty() && !matches!(definition.kind, ExerciseKind::Hallucination { .. }) {
        return refuse("Le texte est vide : écrivez votre demande (ou gardez le document à modifier) avant de l'envoyer.");
    }
    let (last_minute, today) = recent_exercise_attempts(&state.db, user.id, &course, &module, exercise).await.map_err(unavailable)?;
    if last_minute >= MAX_EXERCISE_ATTEMPTS_PER_MINUTE {
        return refuse(&format!("Vous avez envoyé {MAX_EXERCISE_ATTEMPTS_PER_MINUTE} essais en une minute : prenez le temps de relire la correction."));
    }
    if today >= MAX_ATTEMPTS_PER_EXERCISE_PER_DAY {
        return refuse(&format!("Vous avez fait {MAX_ATTEMPTS_PER_EXERCISE_PER_DAY} essais de cet exercice aujourd'hui : reprenez-le demain."));
    }
    let outcome = match &definition.kind {
        ExerciseKind::Prompt { criteria, required_words, forbidden_words, reference_answer, .. } => {
            grade_prompt(&text, criteria, required_words, forbidden_words, reference_answer.as_deref())
        }
        ExerciseKind::Anonymize { keep, .. } => grade_anonymize(&text, keep),
        ExerciseKind::Hallucination { statements, .. } => {
            let marked = answers.unwrap_or_default().keys().filter_map(|k| k.strip_prefix('s')?.parse().ok()).collect();
            grade_hallucination(&marked, statements)
        }
    };
    let learner = Learner { id: user.id, name: &user.display_name };
    record_exercise(&state.db, &state.public_url, &learner, &page, exercise, &outcome).await.map_err(unavailable)?;
    leptos_axum::redirect(&anchor);
    Ok(())
}
