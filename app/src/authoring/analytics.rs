//! Item analytics for trainers, computed from recorded attempts (pure): per quiz question, how
//! many attempts, how many learners got it right the first time, how often each option is
//! chosen (a distractor nobody picks, or one most people pick, is worth a look) and the median
//! time per attempt; per exercise criterion, how often it is failed.
//!
//! Only aggregates leave this module, and only for groups of at least [`MIN_LEARNERS`] learners,
//! so that no individual's answers can be read from them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::{quiz::grading::{Answer, QuizResult}, sandbox::api::ExerciseOutcome};

/// Fewer learners than this and the statistics of an activity are withheld.
pub const MIN_LEARNERS: usize = 5;

/// One recorded quiz attempt.
pub struct QuizAttempt {
    pub user_id: i64,
    pub module: String,
    pub quiz: usize,
    pub submitted_at: i64,
    pub duration_seconds: Option<i64>,
    pub result: QuizResult,
}

/// One recorded exercise attempt.
pub struct ExerciseAttempt {
    pub user_id: i64,
    pub module: String,
    pub exercise: usize,
    pub outcome: ExerciseOutcome,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionStats {
    pub attempts: u64,
    /// Learners whose first attempt answered this question right, out of `learners`.
    pub first_time_right: u64,
    pub learners: u64,
    /// How many attempts chose each option (empty for short answers).
    pub option_choices: Vec<u64>,
}

impl QuestionStats {
    /// Percent of learners right the first time.
    pub fn first_time_rate(&self) -> u64 {
        if self.learners == 0 { 0 } else { (self.first_time_right * 100 + self.learners / 2) / self.learners }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizStats {
    pub module: String,
    pub quiz: usize,
    pub attempts: u64,
    pub learners: u64,
    pub median_seconds: Option<i64>,
    /// `None` when fewer than [`MIN_LEARNERS`] learners took the quiz.
    pub questions: Option<Vec<QuestionStats>>,
}

/// Statistics per quiz, in (module, quiz) order. `option_count(module, quiz, question)` gives
/// how many options a question has in the current version (0 for short answers).
pub fn quiz_stats(attempts: &[QuizAttempt], option_count: impl Fn(&str, usize, usize) -> usize) -> Vec<QuizStats> {
    let mut by_quiz: BTreeMap<(String, usize), Vec<&QuizAttempt>> = BTreeMap::new();
    for attempt in attempts {
        by_quiz.entry((attempt.module.clone(), attempt.quiz)).or_default().push(attempt);
    }
    by_quiz
        .into_iter()
        .map(|((module, quiz), mut list)| {
            list.sort_by_key(|a| a.submitted_at);
            let learners: BTreeSet<i64> = list.iter().map(|a| a.user_id).collect();
            let mut durations: Vec<i64> = list.iter().filter_map(|a| a.duration_seconds).collect();
            durations.sort_unstable();
            let median_seconds = (!durations.is_empty()).then(|| durations[durations.len() / 2]);
            let questions = (learners.len() >= MIN_LEARNERS).then(|| {
                let question_count = list.iter().map(|a| a.result.questions.len()).max().unwrap_or(0);
                let mut stats: Vec<QuestionStats> = (0..question_count)
                    .map(|q| QuestionStats { option_choices: vec![0; option_count(&module, quiz, q)], ..QuestionStats::default() })
                    .collect();
                let mut seen = HashMap::new();
                for attempt in &list {
                    let first = seen.insert(attempt.user_id, ()).is_none();
                    for (q, result) in attempt.result.questions.iter().enumerate() {
                        let Some(stat) = stats.get_mut(q) else { continue };
                        stat.attempts += 1;
                        if first {
                            stat.learners += 1;
                            stat.first_time_right += u64::from(result.correct);
                        }
                        let mut count = |option: usize| {
                            if let Some(slot) = stat.option_choices.get_mut(option) {
                                *slot += 1;
                            }
                        };
                        match &result.answer {
                            Answer::Single(Some(option)) => count(*option),
                            Answer::Multiple(options) => options.iter().for_each(|o| count(*o)),
                            Answer::Single(None) | Answer::Short(_) => {}
                        }
                    }
                }
                stats
            });
            QuizStats { module, quiz, attempts: list.len() as u64, learners: learners.len() as u64, median_seconds, questions }
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionStats {
    pub criterion: String,
    pub attempts: u64,
    pub failures: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseStats {
    pub module: String,
    pub exercise: usize,
    pub attempts: u64,
    pub learners: u64,
    pub passed_attempts: u64,
    /// `None` when fewer than [`MIN_LEARNERS`] learners did the exercise.
    pub criteria: Option<Vec<CriterionStats>>,
}

/// How often each criterion of each exercise fails: an attempt fails a criterion when any of
/// its lines for that criterion is not met.
pub fn exercise_stats(attempts: &[ExerciseAttempt]) -> Vec<ExerciseStats> {
    let mut by_exercise: BTreeMap<(String, usize), Vec<&ExerciseAttempt>> = BTreeMap::new();
    for attempt in attempts {
        by_exercise.entry((attempt.module.clone(), attempt.exercise)).or_default().push(attempt);
    }
    by_exercise
        .into_iter()
        .map(|((module, exercise), list)| {
            let learners: BTreeSet<i64> = list.iter().map(|a| a.user_id).collect();
            let criteria = (learners.len() >= MIN_LEARNERS).then(|| {
                let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
                for attempt in &list {
                    let mut failed: BTreeMap<&str, bool> = BTreeMap::new();
                    for line in &attempt.outcome.lines {
                        *failed.entry(line.criterion.as_str()).or_default() |= !line.met;
                    }
                    for (criterion, failed) in failed {
                        let entry = counts.entry(criterion.to_owned()).or_default();
                        entry.0 += 1;
                        entry.1 += u64::from(failed);
                    }
                }
                let mut criteria: Vec<CriterionStats> =
                    counts.into_iter().map(|(criterion, (attempts, failures))| CriterionStats { criterion, attempts, failures }).collect();
                criteria.sort_by(|a, b| b.failures.cmp(&a.failures).then(a.criterion.cmp(&b.criterion)));
                criteria
            });
            ExerciseStats {
                module,
                exercise,
                attempts: list.len() as u64,
                learners: learners.len() as u64,
                passed_attempts: list.iter().filter(|a| a.outcome.passed).count() as u64,
                criteria,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{quiz::grading::QuestionResult, sandbox::api::FeedbackLine};

    fn attempt(user_id: i64, at: i64, first: Answer, first_correct: bool) -> QuizAttempt {
        QuizAttempt {
            user_id,
            module: "m".into(),
            quiz: 0,
            submitted_at: at,
            duration_seconds: Some(at),
            result: QuizResult {
                questions: vec![QuestionResult { answer: first, correct: first_correct, points: if first_correct { 1.0 } else { 0.0 } }],
                score: if first_correct { 100 } else { 0 },
                passed: first_correct,
            },
        }
    }

    #[test]
    fn questions_count_first_attempts_and_option_choices() {
        let mut attempts: Vec<QuizAttempt> = (1..=5).map(|u| attempt(u, 10 + u, Answer::Single(Some(0)), false)).collect();
        // Learner 1 tries again and gets it right: not a first-time success.
        attempts.push(attempt(1, 100, Answer::Single(Some(1)), true));
        let stats = quiz_stats(&attempts, |_, _, _| 3);
        assert_eq!(stats.len(), 1);
        assert_eq!((stats[0].attempts, stats[0].learners), (6, 5));
        // Durations 11, 12, 13, 14, 15 and 100 s: the median is robust to the slow outlier.
        assert_eq!(stats[0].median_seconds, Some(14));
        let question = &stats[0].questions.as_ref().expect("5 learners")[0];
        assert_eq!(question.first_time_right, 0);
        assert_eq!(question.first_time_rate(), 0);
        assert_eq!(question.option_choices, vec![5, 1, 0], "the misleading first option shows");
    }

    #[test]
    fn small_groups_are_withheld() {
        let attempts: Vec<QuizAttempt> = (1..=4).map(|u| attempt(u, u, Answer::Single(Some(0)), true)).collect();
        let stats = quiz_stats(&attempts, |_, _, _| 2);
        assert_eq!(stats[0].learners, 4);
        assert!(stats[0].questions.is_none());
    }

    #[test]
    fn criteria_fail_when_any_of_their_lines_fails() {
        let outcome = |met: bool| ExerciseOutcome {
            passed: met,
            reply: None,
            lines: vec![
                FeedbackLine { criterion: "role".into(), met: true, feedback: String::new() },
                FeedbackLine { criterion: "mot attendu".into(), met: true, feedback: String::new() },
                FeedbackLine { criterion: "mot attendu".into(), met, feedback: String::new() },
            ],
        };
        let attempts: Vec<ExerciseAttempt> =
            (1..=5).map(|u| ExerciseAttempt { user_id: u, module: "m".into(), exercise: 0, outcome: outcome(u > 3) }).collect();
        let stats = exercise_stats(&attempts);
        let criteria = stats[0].criteria.as_ref().expect("5 learners");
        assert_eq!(criteria[0], CriterionStats { criterion: "mot attendu".into(), attempts: 5, failures: 3 });
        assert_eq!(criteria[1], CriterionStats { criterion: "role".into(), attempts: 5, failures: 0 });
        assert_eq!(stats[0].passed_attempts, 2);
    }
}
