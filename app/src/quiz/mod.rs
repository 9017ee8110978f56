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
/// explanations reach the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub score: u32,
    pub passed: bool,
    /// One entry per question, in order.
    pub questions: Vec<grading::CorrectedQuestion>,
    pub attempts_made: i64,
    /// `None`: unlimited.
    pub attempts_left: Option<i64>,
    pub best_score: u32,
    /// The most recent attempts, newest first: (when, in the learner's zone, ready to show;
    /// score; passed); `attempts_made` counts them all.
    pub history: Vec<(String, u32, bool)>,
}
