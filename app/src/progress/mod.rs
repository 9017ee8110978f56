//! Learning progress: when a module is started and completed, when a course is completed, and
//! what the learner's dashboard shows. The rules are pure functions; storage is server-only.

use serde::{Deserialize, Serialize};

use crate::course::model::CompletionRule;

#[cfg(feature = "ssr")]
pub mod repository;
pub mod api;

/// What the public verification page shows: enough to confirm, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationView {
    /// The learner's name as it was when the course was completed.
    pub learner: String,
    pub course_title: String,
    pub completed_at: i64,
    pub code: String,
    pub duration_minutes: u32,
    pub version_id: i64,
    /// When an administrator revoked it, and why.
    pub revoked: Option<(i64, String)>,
    /// The zone of the learner's unit: its dates are shown there, whoever looks.
    pub time_zone: String,
}

/// A module is completed when it was read to the end and every quiz and exercise in it passed.
pub fn module_is_complete(read: bool, quizzes_passed: &[bool], exercises_passed: &[bool]) -> bool {
    read && quizzes_passed.iter().all(|p| *p) && exercises_passed.iter().all(|p| *p)
}

/// Does `completed` out of `total` modules satisfy the course's rule?
pub fn course_is_complete(rule: CompletionRule, completed: usize, total: usize) -> bool {
    if total == 0 {
        return false;
    }
    match rule {
        CompletionRule::AllModules => completed >= total,
        CompletionRule::MinPercent(percent) => completed * 100 >= total * usize::from(percent),
    }
}

/// Share of modules completed, rounded down, 0 to 100.
pub fn percent(completed: usize, total: usize) -> u32 {
    if total == 0 { 0 } else { ((completed.min(total) * 100) / total) as u32 }
}

/// Where a signed-in learner is in one module.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleState {
    pub started: bool,
    pub read: bool,
    pub completed: bool,
    /// The module was completed on an earlier version of the course.
    pub completed_on_older_version: bool,
}

/// A course on the learner's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgress {
    pub slug: String,
    pub title: String,
    pub completed_modules: usize,
    pub total_modules: usize,
    /// Where to resume: the module after the last one visited, or the first not completed.
    pub resume_module: Option<(String, String)>,
    /// When the course was completed, and the attestation's code.
    pub completion: Option<(i64, String)>,
    /// Average of the best scores of the course's quizzes, when some were taken.
    pub average_score: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_needs_reading_and_every_activity_passed() {
        assert!(module_is_complete(true, &[], &[]));
        assert!(module_is_complete(true, &[true, true], &[true]));
        assert!(!module_is_complete(false, &[true], &[]));
        assert!(!module_is_complete(true, &[true, false], &[]));
        assert!(!module_is_complete(true, &[true], &[false]));
    }

    #[test]
    fn course_rules() {
        assert!(course_is_complete(CompletionRule::AllModules, 4, 4));
        assert!(!course_is_complete(CompletionRule::AllModules, 3, 4));
        assert!(course_is_complete(CompletionRule::MinPercent(75), 3, 4));
        assert!(!course_is_complete(CompletionRule::MinPercent(80), 3, 4));
        assert!(!course_is_complete(CompletionRule::AllModules, 0, 0));
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(5, 4), 100);
        assert_eq!(percent(0, 0), 0);
    }
}
