//! Quizzes as learners take them: grading (pure), the service that records an attempt within
//! its limits, and the server functions of the module page.

use serde::{Deserialize, Serialize};

pub mod api;
pub mod grading;
#[cfg(feature = "ssr")]
pub mod service;

/// Longest short answer accepted, in characters.
pub const MAX_SHORT_ANSWER_CHARS: usize = 300;

/// The learner's last graded attempt at a quiz, with its correction: the only way feedback and
/// explanations reach the browser. The island that shows it has neither the quiz, nor a
/// catalogue, nor a renderer for it: the correction comes as HTML written by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub passed: bool,
    /// `None`: unlimited.
    pub attempts_left: Option<i64>,
    /// [`Correction`] rendered on the server (`components::quiz::correction_html`), its texts
    /// escaped by the renderer.
    pub correction_html: String,
}

impl AttemptView {
    /// Whether the learner has used every attempt the module allows (the form is then gone).
    pub fn no_attempt_left(&self) -> bool {
        self.attempts_left == Some(0)
    }
}

/// What the correction of an attempt shows, written out on the server in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub passed: bool,
    /// One entry per question, in order.
    pub questions: Vec<QuestionCorrection>,
    pub attempts_made: i64,
    /// `Score : 80 % · Réussi · meilleur score : 90 % · 2 essais restants`.
    pub summary: String,
    /// The title of the history (`Vos 10 derniers essais (sur 300)…`).
    pub history_title: String,
    /// The most recent attempts, newest first, written out (`2026-11-26 09:15 (Paris) — 80 % —
    /// Réussi`); `attempts_made` counts them all.
    pub history: Vec<String>,
}

/// One question of a correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionCorrection {
    pub correct: bool,
    /// `Juste` or `À revoir`.
    pub mark: String,
    /// The question, as the form showed it.
    pub prompt: String,
    /// `Votre réponse : Paris`, or `Votre réponse : (pas de réponse)`.
    pub answered: String,
    /// The feedback of each chosen option that has one.
    pub feedback: Vec<String>,
    pub explanation: Option<String>,
}
