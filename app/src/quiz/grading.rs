//! Grading quiz answers: pure rules, shared by the server (which records attempts) and the
//! browser island (which only displays what the server returned).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::course::{
    quiz::{Question, QuestionKind, Quiz, QuizSettings},
    slug::fold_text,
};

/// What the learner answered to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Index of the chosen option, if any.
    Single(Option<usize>),
    /// Indexes of the ticked options.
    Multiple(BTreeSet<usize>),
    Short(String),
}

/// The correction of one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub answer: Answer,
    pub correct: bool,
    /// Between 0 and 1 (partial credit may give less than 1 to a not-quite-right answer).
    pub points: f64,
}

/// The correction of a whole attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizResult {
    pub questions: Vec<QuestionResult>,
    /// Percentage of the points, rounded down.
    pub score: u32,
    pub passed: bool,
}

/// One question of a graded attempt as the learner sees it: what they answered, whether it was
/// right, the feedback of the options they chose and the explanation. Built on the server from
/// the quiz and the stored result, so that the browser never receives a key before an attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedQuestion {
    pub correct: bool,
    /// The texts of the chosen options, or the short answer typed; empty when left blank.
    pub given: Vec<String>,
    /// The feedback of each chosen option that has one.
    pub feedback: Vec<String>,
    /// Shown only for a question that was answered: a blank answer does not reveal it.
    pub explanation: Option<String>,
}

/// The correction of `result` (one entry per question of `quiz` that the result covers).
pub fn correction(quiz: &Quiz, result: &QuizResult) -> Vec<CorrectedQuestion> {
    quiz.questions
        .iter()
        .zip(&result.questions)
        .map(|(question, graded)| {
            let (given, feedback): (Vec<String>, Vec<String>) = match (&question.kind, &graded.answer) {
                (QuestionKind::Single { choices }, Answer::Single(chosen)) => chosen
                    .and_then(|k| choices.get(k))
                    .map(|c| (vec![c.text.clone()], c.feedback.clone().into_iter().collect()))
                    .unwrap_or_default(),
                (QuestionKind::Multiple { choices }, Answer::Multiple(ticked)) => {
                    let chosen: Vec<_> = ticked.iter().filter_map(|k| choices.get(*k)).collect();
                    (chosen.iter().map(|c| c.text.clone()).collect(), chosen.iter().filter_map(|c| c.feedback.clone()).collect())
                }
                (QuestionKind::Short { .. }, Answer::Short(text)) if !text.trim().is_empty() => (vec![text.trim().to_owned()], vec![]),
                _ => (vec![], vec![]),
            };
            let answered = !given.is_empty();
            CorrectedQuestion { correct: graded.correct, given, feedback, explanation: question.explanation.clone().filter(|_| answered) }
        })
        .collect()
}

/// Reads the answers of a submitted form: `q{n}` holds the chosen option of single-choice and
/// the text of short-answer questions; `q{n}_{k}` is present for each ticked option.
pub fn answers_from_form(quiz: &Quiz, form: &BTreeMap<String, String>) -> Vec<Answer> {
    quiz.questions
        .iter()
        .enumerate()
        .map(|(n, question)| match &question.kind {
            QuestionKind::Single { choices } => Answer::Single(
                form.get(&format!("q{n}")).and_then(|v| v.trim().parse::<usize>().ok()).filter(|i| *i < choices.len()),
            ),
            QuestionKind::Multiple { choices } => {
                Answer::Multiple((0..choices.len()).filter(|k| form.contains_key(&format!("q{n}_{k}"))).collect())
            }
            QuestionKind::Short { .. } => Answer::Short(form.get(&format!("q{n}")).cloned().unwrap_or_default()),
        })
        .collect()
}

/// Grades `answers` (one per question, in order). Missing answers count as wrong.
pub fn grade(quiz: &Quiz, answers: &[Answer], settings: &QuizSettings) -> QuizResult {
    let questions: Vec<QuestionResult> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(n, question)| {
            let answer = answers.get(n).cloned().unwrap_or_else(|| empty_answer(question));
            let points = points_for(question, &answer, settings.partial_credit);
            QuestionResult { correct: points >= 1.0, points, answer }
        })
        .collect();
    let total: f64 = questions.iter().map(|q| q.points).sum();
    let score = if questions.is_empty() { 0 } else { ((total / questions.len() as f64) * 100.0 + 1e-9).floor() as u32 };
    QuizResult { questions, score, passed: score >= u32::from(settings.pass_mark) }
}

fn empty_answer(question: &Question) -> Answer {
    match question.kind {
        QuestionKind::Single { .. } => Answer::Single(None),
        QuestionKind::Multiple { .. } => Answer::Multiple(BTreeSet::new()),
        QuestionKind::Short { .. } => Answer::Short(String::new()),
    }
}

fn points_for(question: &Question, answer: &Answer, partial_credit: bool) -> f64 {
    match (&question.kind, answer) {
        (QuestionKind::Single { choices }, Answer::Single(Some(chosen))) => {
            if choices.get(*chosen).is_some_and(|c| c.correct) { 1.0 } else { 0.0 }
        }
        (QuestionKind::Multiple { choices }, Answer::Multiple(ticked)) => {
            let correct: BTreeSet<usize> = choices.iter().enumerate().filter(|(_, c)| c.correct).map(|(i, _)| i).collect();
            if *ticked == correct {
                1.0
            } else if partial_credit && !correct.is_empty() {
                // Each right tick earns a share, each wrong tick costs one; never below zero.
                let right = ticked.intersection(&correct).count() as f64;
                let wrong = ticked.difference(&correct).count() as f64;
                ((right - wrong) / correct.len() as f64).max(0.0)
            } else {
                0.0
            }
        }
        (QuestionKind::Short { answers }, Answer::Short(given)) => {
            if short_answer_matches(given, answers) { 1.0 } else { 0.0 }
        }
        _ => 0.0,
    }
}

/// Lower case, no accents, punctuation turned into spaces, single spaces.
fn normalize(text: &str) -> String {
    fold_text(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Is `given` one of the `accepted` answers, ignoring case, accents, spacing and punctuation,
/// and allowing one typo in each word of five letters or more?
pub fn short_answer_matches(given: &str, accepted: &[String]) -> bool {
    let given = normalize(given);
    if given.is_empty() {
        return false;
    }
    accepted.iter().any(|candidate| {
        let candidate = normalize(candidate);
        if candidate == given || candidate.replace(' ', "") == given.replace(' ', "") {
            return true;
        }
        let (a, b): (Vec<&str>, Vec<&str>) = (given.split(' ').collect(), candidate.split(' ').collect());
        a.len() == b.len()
            && a.iter().zip(&b).all(|(x, y)| x == y || (y.chars().count() >= 5 && levenshtein(x, y) <= 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::quiz::parse_quiz;

    fn quiz() -> Quiz {
        parse_quiz(
            "? Unique\n- ( ) a\n- (x) b\n- ( ) c\n\n? Multiple\n- [x] a\n- [ ] b\n- [x] c\n- [ ] d\n\n? Courte\n= règlement sur l'intelligence artificielle | AI Act\n",
            1,
        )
        .0
    }

    fn settings(pass_mark: u8, partial_credit: bool) -> QuizSettings {
        QuizSettings { pass_mark, max_attempts: None, partial_credit }
    }

    fn multiple(ticks: &[usize]) -> Answer {
        Answer::Multiple(ticks.iter().copied().collect())
    }

    #[test]
    fn all_right_scores_100_and_passes() {
        let answers = vec![Answer::Single(Some(1)), multiple(&[0, 2]), Answer::Short("AI act".into())];
        let result = grade(&quiz(), &answers, &settings(70, false));
        assert_eq!(result.score, 100);
        assert!(result.passed);
        assert!(result.questions.iter().all(|q| q.correct));
    }

    #[test]
    fn multiple_choice_is_all_or_nothing_by_default() {
        let answers = vec![Answer::Single(Some(1)), multiple(&[0]), Answer::Short("AI Act".into())];
        let result = grade(&quiz(), &answers, &settings(70, false));
        assert_eq!(result.questions[1].points, 0.0);
        assert_eq!(result.score, 66);
        assert!(!result.passed, "66 % is under a 70 % pass mark");
    }

    #[test]
    fn partial_credit_counts_right_ticks_minus_wrong_ones() {
        let quiz = quiz();
        let partial = settings(70, true);
        assert_eq!(grade(&quiz, &[Answer::Single(None), multiple(&[0]), Answer::Short(String::new())], &partial).questions[1].points, 0.5);
        assert_eq!(grade(&quiz, &[Answer::Single(None), multiple(&[0, 1]), Answer::Short(String::new())], &partial).questions[1].points, 0.0);
        assert_eq!(grade(&quiz, &[Answer::Single(None), multiple(&[0, 1, 2, 3]), Answer::Short(String::new())], &partial).questions[1].points, 0.0);
        assert_eq!(grade(&quiz, &[Answer::Single(None), multiple(&[0, 2, 3]), Answer::Short(String::new())], &partial).questions[1].points, 0.5);
        let result = grade(&quiz, &[Answer::Single(Some(1)), multiple(&[0]), Answer::Short("AI Act".into())], &partial);
        assert_eq!(result.score, 83);
        assert!(result.passed);
    }

    #[test]
    fn missing_and_out_of_range_answers_are_wrong() {
        let result = grade(&quiz(), &[], &settings(70, false));
        assert_eq!(result.score, 0);
        assert_eq!(result.questions.len(), 3);
        let form = BTreeMap::from([("q0".to_owned(), "9".to_owned()), ("q1_2".to_owned(), "on".to_owned()), ("q1_7".to_owned(), "on".to_owned())]);
        let answers = answers_from_form(&quiz(), &form);
        assert_eq!(answers[0], Answer::Single(None));
        assert_eq!(answers[1], multiple(&[2]));
        assert_eq!(answers[2], Answer::Short(String::new()));
    }

    #[test]
    fn pass_mark_is_inclusive() {
        let answers = vec![Answer::Single(Some(1)), multiple(&[0, 2]), Answer::Short("non".into())];
        assert!(grade(&quiz(), &answers, &settings(66, false)).passed);
        assert!(!grade(&quiz(), &answers, &settings(67, false)).passed);
    }

    #[test]
    fn short_answers_tolerate_case_accents_spacing_punctuation_and_one_typo() {
        let accepted = vec!["règlement sur l'intelligence artificielle".to_owned(), "AI Act".to_owned(), "RIA".to_owned()];
        for good in [
            "Règlement sur l'intelligence artificielle",
            "REGLEMENT SUR L INTELLIGENCE ARTIFICIELLE",
            "  règlement  sur l’intelligence artificielle. ",
            "reglement sur l'inteligence artificielle",
            "règlemnt sur l'intelligence artificelle",
            "AIAct",
            "ai-act",
            "ria",
        ] {
            assert!(short_answer_matches(good, &accepted), "{good:?} should be accepted");
        }
        for bad in ["", "   ", "règlement", "RGPD", "rio", "reglment sur l'inteligence artificielle du", "AI Acts now"] {
            assert!(!short_answer_matches(bad, &accepted), "{bad:?} should be refused");
        }
        assert!(!short_answer_matches("RIO", &["RIA".to_owned()]), "short words allow no typo");
        assert!(!short_answer_matches("reglmnt", &["règlement".to_owned()]), "two typos are too many");
    }

    #[test]
    fn the_correction_shows_the_chosen_feedback_and_explains_answered_questions_only() {
        let quiz = parse_quiz("? Q1\n- (x) a\n  > fa\n- ( ) b\n  > fb\n! e1\n\n? Q2\n- [x] a\n  > ga\n- [ ] b\n  > gb\n! e2\n\n? Q3\n= oui\n! e3\n", 1).0;
        let answers = vec![Answer::Single(Some(1)), multiple(&[]), Answer::Short("oui".into())];
        let corrected = correction(&quiz, &grade(&quiz, &answers, &settings(70, false)));
        assert_eq!(corrected[0], CorrectedQuestion { correct: false, given: vec!["b".into()], feedback: vec!["fb".into()], explanation: Some("e1".into()) });
        assert_eq!(corrected[1], CorrectedQuestion { correct: false, given: vec![], feedback: vec![], explanation: None }, "left blank: nothing revealed");
        assert_eq!(corrected[2], CorrectedQuestion { correct: true, given: vec!["oui".into()], feedback: vec![], explanation: Some("e3".into()) });
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("chat", "chats"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
