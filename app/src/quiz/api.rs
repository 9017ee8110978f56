//! Server functions of the learning loop on a module page: what the signed-in learner has done
//! there, submitting a quiz, marking the module as read.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use super::AttemptView;
use crate::{error::AppError, progress::ModuleState};

/// Everything a module page shows about the signed-in learner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnerModuleView {
    pub state: ModuleState,
    /// One entry per quiz of the module.
    pub quizzes: Vec<Option<AttemptView>>,
    /// The latest correction of each exercise of the module.
    pub exercises: Vec<Option<crate::sandbox::api::ExerciseOutcome>>,
}

/// The learner's attempts at quiz `quiz` of `page` as the page shows them: the latest
/// correction, written out in the request's language, with its history.
#[cfg(feature = "ssr")]
fn attempt_view(page: &crate::course::model::ModulePage, quiz: usize, summary: crate::progress::repository::AttemptSummary) -> Option<AttemptView> {
    let definition = page.module.quizzes.get(quiz)?;
    let locale = crate::request_locale();
    let verdict = |passed: bool| locale.text(if passed { "quiz-passed" } else { "quiz-failed" });
    let mut lines = vec![locale.text_with("quiz-score", &[("score", summary.latest.score.into())]), verdict(summary.latest.passed)];
    if summary.count > 1 {
        lines.push(locale.text_with("quiz-best-score", &[("score", summary.best_score.into())]));
    }
    let attempts_left = page.module.quiz_settings.max_attempts.map(|max| (i64::from(max) - summary.count).max(0));
    if let Some(left) = attempts_left {
        lines.push(locale.text_with("quiz-attempts-left", &[("count", left.into())]));
    }
    let history_title = if (summary.recent.len() as i64) < summary.count {
        locale.text_with("quiz-history-recent", &[("shown", summary.recent.len().into()), ("count", summary.count.into())])
    } else {
        locale.text("quiz-history")
    };
    let correction = super::Correction {
        passed: summary.latest.passed,
        questions: super::grading::correction(definition, &summary.latest)
            .into_iter()
            .zip(&definition.questions)
            .map(|(corrected, question)| super::QuestionCorrection {
                correct: corrected.correct,
                mark: locale.text(if corrected.correct { "quiz-correct" } else { "quiz-incorrect" }),
                prompt: question.prompt.clone(),
                answered: format!(
                    "{} {}",
                    locale.text("quiz-you-answered"),
                    if corrected.given.is_empty() { locale.text("quiz-no-answer") } else { corrected.given.join(" ; ") }
                ),
                feedback: corrected.feedback.into_iter().filter(|f| !f.is_empty()).collect(),
                explanation: corrected.explanation,
            })
            .collect(),
        attempts_made: summary.count,
        summary: lines.join(" · "),
        history_title,
        // In the learner's zone, written here: the island has no time-zone data.
        history: {
            let clock = crate::components::labels::ZoneClock::of_viewer();
            let (passed, failed) = (verdict(true), verdict(false));
            summary
                .recent
                .into_iter()
                .map(|(at, score, was_passed)| format!("{} — {score} % — {}", clock.datetime(at), if was_passed { &passed } else { &failed }))
                .collect()
        },
    };
    Some(AttemptView { passed: correction.passed, attempts_left, correction_html: crate::components::quiz::correction_html(correction) })
}

/// The module page, or 404.
#[cfg(feature = "ssr")]
async fn module_page(state: &crate::state::AppState, course: &str, module: &str) -> Result<std::sync::Arc<crate::course::model::ModulePage>, AppError> {
    state.content.module_page(&state.db, course, module).await?.ok_or_else(|| AppError::not_found(crate::request_locale().text("course-module-gone")))
}

/// Records the visit (the module is "started") and returns the learner's state, in four statements
/// at most whatever the number of activities; `None` for visitors who are not signed in.
#[server]
pub async fn load_learner_module(course: String, module: String) -> Result<Option<LearnerModuleView>, AppError> {
    let Some(user) = crate::accounts::authz::current_user() else { return Ok(None) };
    let state = crate::error::state()?;
    let Some(page) = state.content.module_page(&state.db, &course, &module).await? else {
        return Ok(None);
    };
    let records = learner_records(&state.db, user.id, &page).await?;
    Ok(Some(learner_module_view(&page, records)))
}

/// What the database holds of a learner in one module, read for its page.
#[cfg(feature = "ssr")]
pub use crate::progress::repository::ModuleRecords as LearnerRecords;

/// Records the visit of `user_id` to module `page` and reads their state, attempts and exercise
/// outcomes in it (one statement: `progress::repository::module_records`).
#[cfg(feature = "ssr")]
pub async fn learner_records(db: &crate::db::Database, user_id: i64, page: &crate::course::model::ModulePage) -> Result<LearnerRecords, AppError> {
    let (course, module) = (&page.outline.info.slug, &page.module.slug);
    let (quizzes, exercises) = (page.module.quizzes.len(), page.module.exercises.len());
    Ok(crate::progress::repository::module_records(db, user_id, course, module, quizzes, exercises, page.outline.version_id).await?)
}

/// The learner's state in module `page` as its page shows it, written in the request's language
/// and the viewer's time zone.
#[cfg(feature = "ssr")]
pub fn learner_module_view(page: &crate::course::model::ModulePage, records: LearnerRecords) -> LearnerModuleView {
    let LearnerRecords { state, mut attempts, exercises } = records;
    let quizzes = (0..page.module.quizzes.len()).map(|quiz| attempts.remove(&quiz).and_then(|summary| attempt_view(page, quiz, summary))).collect();
    LearnerModuleView { state, quizzes, exercises }
}

/// After a refused submission: a plain form post goes back to the activity with the reason.
#[cfg(feature = "ssr")]
fn refused<T>(error: AppError, form: String, anchor: &str) -> Result<T, AppError> {
    if crate::web::is_plain_form_post() {
        crate::web::redirect_with(&crate::accounts::forms::FormFeedback::new(&form).failure(error.message(crate::request_locale())), anchor);
    }
    Err(error)
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
) -> Result<AttemptView, AppError> {
    use crate::progress::repository::Learner;
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let anchor = format!("/cours/{course}/{module}#quiz-{}", quiz + 1);
    let learner = Learner { id: user.id, name: &user.display_name };
    let recorded = match module_page(&state, &course, &module).await {
        Ok(page) => {
            let locale = crate::request_locale();
            super::service::submit_quiz(&state.db, &state.public_url, &learner, &page, quiz, &answers.unwrap_or_default(), shown_at, locale)
                .await
                .map(|summary| (page, summary))
        }
        Err(error) => Err(error),
    };
    let (page, summary) = match recorded {
        Ok(recorded) => recorded,
        Err(error) => return refused(error, format!("quiz-{quiz}"), &anchor),
    };
    let view = attempt_view(&page, quiz, summary).ok_or_else(|| AppError::internal("quiz gone after recording its attempt"))?;
    if crate::web::is_plain_form_post() {
        leptos_axum::redirect(&anchor);
    }
    Ok(view)
}

/// Records that the learner read the module to the end, then goes to the next module (or back
/// to the course after the last one).
#[server]
pub async fn mark_module_read(course: String, module: String) -> Result<(), AppError> {
    use crate::progress::repository::{mark_read, Learner};
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let page = module_page(&state, &course, &module).await?;
    mark_read(&state.db, &state.public_url, &Learner { id: user.id, name: &user.display_name }, &page).await?;
    let next = match page.next() {
        Some(next) => format!("/cours/{course}/{}", next.slug),
        None => format!("/cours/{course}"),
    };
    leptos_axum::redirect(&next);
    Ok(())
}

/// Grades and records a sandbox exercise of a module: `text` for a request or an anonymised
/// document, `answers[s{n}]` for each statement marked as wrong. The page comes back corrected.
#[server]
pub async fn submit_exercise(
    course: String,
    module: String,
    exercise: usize,
    text: Option<String>,
    answers: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    use crate::progress::repository::Learner;
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let anchor = format!("/cours/{course}/{module}#exercice-{}", exercise + 1);
    let learner = Learner { id: user.id, name: &user.display_name };
    let marked = answers.unwrap_or_default().keys().filter_map(|k| k.strip_prefix('s')?.parse().ok()).collect();
    let recorded = match module_page(&state, &course, &module).await {
        Ok(page) => {
            let locale = crate::request_locale();
            super::service::submit_exercise(&state.db, &state.public_url, &learner, &page, exercise, &text.unwrap_or_default(), &marked, locale).await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = recorded {
        return refused(error, format!("exercice-{exercise}"), &anchor);
    }
    leptos_axum::redirect(&anchor);
    Ok(())
}
