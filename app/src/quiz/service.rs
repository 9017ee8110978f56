//! Recording graded activities of a module page: a quiz attempt or a sandbox exercise. Each is
//! written in one write transaction that serialises on the learner and the activity, checks the
//! limits (attempts per quiz, exercise attempts per minute and per day), grades, writes the
//! attempt, its xAPI statement and any completion — so that parallel submissions cannot pass a
//! limit. Both go through the database's group commit ([`Database::write_grouped`]): one path
//! for every graded write.

use std::{collections::BTreeMap, sync::Arc};

use super::{
    grading::{answers_from_form, grade, Answer},
    MAX_SHORT_ANSWER_CHARS,
};
use crate::{
    course::{exercise::ExerciseKind, model::ModulePage},
    db::{Database, WriteScope},
    error::AppError,
    i18n::Locale,
    progress::repository::{attempt_count, recent_exercise_attempts, record_attempt, record_exercise, AttemptSummary, Learner},
    sandbox::{api::ExerciseOutcome, grading::{grade_anonymize, grade_hallucination, grade_prompt}},
};

/// Longest text accepted in an exercise (an anonymised document can be long).
pub const MAX_EXERCISE_TEXT_CHARS: usize = 16_000;
/// Exercise attempts a learner may send per minute, all exercises together.
pub const MAX_EXERCISE_ATTEMPTS_PER_MINUTE: i64 = 10;
/// Attempts per exercise in 24 hours: enough to learn, not enough to brute-force a hallucination hunt.
pub const MAX_ATTEMPTS_PER_EXERCISE_PER_DAY: i64 = 30;
/// Beyond three hours the page was left open: the time says nothing about the quiz.
const LONGEST_MEANINGFUL_QUIZ_SECONDS: i64 = 3 * 3_600;

/// Grades and records an attempt at quiz `quiz` of `page`, unless the learner has used every
/// attempt the module allows (a refusal is written in `locale`), and returns the learner's
/// summary of the quiz with it. Written by the database's group
/// commit: concurrent submissions share one transaction on SQLite, each answered once that
/// transaction is committed.
#[allow(clippy::too_many_arguments)]
pub async fn submit_quiz(
    db: &Database,
    home_page: &str,
    learner: &Learner<'_>,
    page: &Arc<ModulePage>,
    quiz: usize,
    form: &BTreeMap<String, String>,
    shown_at: Option<i64>,
    locale: Locale,
) -> Result<AttemptSummary, AppError> {
    let Some(definition) = page.module.quizzes.get(quiz) else {
        return Err(AppError::not_found(locale.text("quiz-gone")));
    };
    let answers = answers_from_form(definition, form);
    if answers.iter().any(|a| matches!(a, Answer::Short(text) if text.chars().count() > MAX_SHORT_ANSWER_CHARS)) {
        return Err(AppError::invalid(locale.text_with("quiz-answer-too-long", &[("max", MAX_SHORT_ANSWER_CHARS.into())])));
    }
    let submission = QuizSubmission {
        home_page: home_page.to_owned(),
        learner_id: learner.id,
        learner_name: learner.name.to_owned(),
        page: page.clone(),
        quiz,
        answers,
        duration: shown_at.map(|at| crate::db::now() - at).filter(|d| (0..=LONGEST_MEANINGFUL_QUIZ_SECONDS).contains(d)),
        locale,
    };
    db.write_grouped(move |mut scope| Box::pin(async move { submission.record(&mut scope).await }))
        .await
        // The job ran on the writer's task, outside this request: its refusal sets the
        // response's status here (409 for the attempt limit, not 500).
        .map_err(AppError::with_status)
}

/// A quiz attempt on its way to the database (owned: it waits in the writer's queue).
struct QuizSubmission {
    home_page: String,
    learner_id: i64,
    learner_name: String,
    page: Arc<ModulePage>,
    quiz: usize,
    answers: Vec<Answer>,
    duration: Option<i64>,
    /// The learner's language: the writer's task has no request to read it from.
    locale: Locale,
}

impl QuizSubmission {
    /// Checks the attempt limit, grades, and writes the attempt with its xAPI statement and any
    /// completion, in the caller's transaction; returns the learner's summary of the quiz.
    async fn record(&self, scope: &mut WriteScope<'_>) -> Result<AttemptSummary, AppError> {
        let (course, module) = (&self.page.outline.info.slug, &self.page.module.slug);
        let Some(definition) = self.page.module.quizzes.get(self.quiz) else {
            return Err(AppError::not_found(self.locale.text("quiz-gone")));
        };
        let settings = &self.page.module.quiz_settings;
        scope.serialize_on(&format!("quiz:{}:{course}:{module}:{}", self.learner_id, self.quiz)).await?;
        if let Some(max) = settings.max_attempts {
            if attempt_count(scope, self.learner_id, course, module, self.quiz).await? >= i64::from(max) {
                return Err(AppError::limit_reached(self.locale.text("quiz-no-attempts-left")));
            }
        }
        let result = grade(definition, &self.answers, settings);
        let learner = Learner { id: self.learner_id, name: &self.learner_name };
        Ok(record_attempt(scope, &self.home_page, &learner, &self.page, self.quiz, &result, self.duration).await?)
    }
}

/// Grades and records an attempt at exercise `exercise` of `page`: `text` for a request or an
/// anonymised document, `marked` for the statements marked as wrong. Graded here (pure), then
/// checked against the limits and written by the group commit, like a quiz attempt. A refusal is
/// written in `locale`.
#[allow(clippy::too_many_arguments)]
pub async fn submit_exercise(
    db: &Database,
    home_page: &str,
    learner: &Learner<'_>,
    page: &Arc<ModulePage>,
    exercise: usize,
    text: &str,
    marked: &std::collections::BTreeSet<usize>,
    locale: Locale,
) -> Result<ExerciseOutcome, AppError> {
    let Some(definition) = page.module.exercises.get(exercise) else {
        return Err(AppError::not_found(locale.text("exercise-gone")));
    };
    if text.chars().count() > MAX_EXERCISE_TEXT_CHARS {
        return Err(AppError::invalid(locale.text_with("exercise-text-too-long", &[("max", MAX_EXERCISE_TEXT_CHARS.into())])));
    }
    if text.trim().is_empty() && !matches!(definition.kind, ExerciseKind::Hallucination { .. }) {
        return Err(AppError::invalid(locale.text("exercise-text-empty")));
    }
    let outcome = match &definition.kind {
        ExerciseKind::Prompt { criteria, required_words, forbidden_words, reference_answer, .. } => {
            grade_prompt(text, criteria, required_words, forbidden_words, reference_answer.as_deref())
        }
        ExerciseKind::Anonymize { keep, .. } => grade_anonymize(text, keep),
        ExerciseKind::Hallucination { statements, .. } => grade_hallucination(marked, statements),
    };
    let submission = ExerciseSubmission {
        home_page: home_page.to_owned(),
        learner_id: learner.id,
        learner_name: learner.name.to_owned(),
        page: page.clone(),
        exercise,
        outcome,
        locale,
    };
    db.write_grouped(move |mut scope| Box::pin(async move { submission.record(&mut scope).await }))
        .await
        .map_err(AppError::with_status)
}

/// A graded exercise attempt on its way to the database.
struct ExerciseSubmission {
    home_page: String,
    learner_id: i64,
    learner_name: String,
    page: Arc<ModulePage>,
    exercise: usize,
    outcome: ExerciseOutcome,
    /// As for a quiz: the writer's task has no request to read the language from.
    locale: Locale,
}

impl ExerciseSubmission {
    /// Checks the learner's limits (per minute over all exercises, per day for this one) and
    /// writes the attempt, its xAPI statement and any completion, in the caller's transaction.
    async fn record(&self, scope: &mut WriteScope<'_>) -> Result<ExerciseOutcome, AppError> {
        let (course, module) = (&self.page.outline.info.slug, &self.page.module.slug);
        // The per-minute limit covers all the learner's exercises: one key per learner.
        scope.serialize_on(&format!("exercise:{}", self.learner_id)).await?;
        let (last_minute, today) = recent_exercise_attempts(scope, self.learner_id, course, module, self.exercise).await?;
        if last_minute >= MAX_EXERCISE_ATTEMPTS_PER_MINUTE {
            return Err(AppError::too_many(
                self.locale.text_with("exercise-rate-limited", &[("count", MAX_EXERCISE_ATTEMPTS_PER_MINUTE.into())]),
                60,
            ));
        }
        if today >= MAX_ATTEMPTS_PER_EXERCISE_PER_DAY {
            return Err(AppError::limit_reached(
                self.locale.text_with("exercise-daily-limit", &[("count", MAX_ATTEMPTS_PER_EXERCISE_PER_DAY.into())]),
            ));
        }
        let learner = Learner { id: self.learner_id, name: &self.learner_name };
        record_exercise(scope, &self.home_page, &learner, &self.page, self.exercise, &self.outcome).await?;
        Ok(self.outcome.clone())
    }
}
