//! Quizzes: the model, and the parser of the Markdown-native ```` ```quiz ```` syntax.
//!
//! ```text
//! ? Question                 a question
//! - ( ) / - (x)              single choice (exactly one `(x)`)
//! - [ ] / - [x]              multiple choice (at least one `[x]`)
//!   > feedback               shown when that option was chosen
//! = answer | variant         short answer
//! ! explanation              shown after answering
//! ```

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// Pass mark, attempts and scoring, set in the module's front matter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizSettings {
    /// Percentage of the points needed to pass.
    pub pass_mark: u8,
    /// `None`: unlimited.
    pub max_attempts: Option<u32>,
    /// Multiple-choice questions give partial points instead of all-or-nothing.
    pub partial_credit: bool,
}

impl Default for QuizSettings {
    fn default() -> Self {
        QuizSettings { pass_mark: 70, max_attempts: None, partial_credit: false }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub kind: QuestionKind,
    pub explanation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Single { choices: Vec<Choice> },
    Multiple { choices: Vec<Choice> },
    Short { answers: Vec<String> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

/// A quiz as a learner sees it before answering: the questions and their options, and nothing
/// that grades. This is what reaches the browser (island props, server-function responses); the
/// key, the feedback and the explanations stay on the server until an attempt is graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerQuiz {
    pub questions: Vec<LearnerQuestion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerQuestion {
    pub prompt: String,
    pub kind: LearnerQuestionKind,
}

/// The options' texts only: which of them are right is not part of the learner view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnerQuestionKind {
    Single { choices: Vec<String> },
    Multiple { choices: Vec<String> },
    Short,
}

impl Quiz {
    /// The quiz without its key, feedback or explanations.
    pub fn learner_view(&self) -> LearnerQuiz {
        let texts = |choices: &[Choice]| choices.iter().map(|c| c.text.clone()).collect();
        LearnerQuiz {
            questions: self
                .questions
                .iter()
                .map(|question| LearnerQuestion {
                    prompt: question.prompt.clone(),
                    kind: match &question.kind {
                        QuestionKind::Single { choices } => LearnerQuestionKind::Single { choices: texts(choices) },
                        QuestionKind::Multiple { choices } => LearnerQuestionKind::Multiple { choices: texts(choices) },
                        QuestionKind::Short { .. } => LearnerQuestionKind::Short,
                    },
                })
                .collect(),
        }
    }
}

/// A problem in a quiz block, positioned in the module file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizIssue {
    pub line: u32,
    pub column: u32,
    pub is_error: bool,
    pub message: Message,
}

/// A question being read, before its kind is known.
struct Draft {
    line: u32,
    prompt: String,
    single: Vec<Choice>,
    multiple: Vec<Choice>,
    answers: Option<Vec<String>>,
    explanation: Option<String>,
    /// Line of the first option, to point at mixed kinds.
    options_line: u32,
}

/// Parses the text inside a quiz fence. `first_line` is the file line of the text's first line.
pub fn parse_quiz(text: &str, first_line: u32) -> (Quiz, Vec<QuizIssue>) {
    let mut issues = Vec::new();
    let mut questions = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut last_choice_accepts_feedback = false;

    let error = |issues: &mut Vec<QuizIssue>, line: u32, column: u32, message: Message| {
        issues.push(QuizIssue { line, column, is_error: true, message });
    };

    for (index, raw) in text.lines().enumerate() {
        let line = first_line + index as u32;
        let trimmed = raw.trim();
        let indent = (raw.len() - raw.trim_start().len()) as u32;
        let column = indent + 1;
        if trimmed.is_empty() {
            last_choice_accepts_feedback = false;
            continue;
        }
        if let Some(prompt) = trimmed.strip_prefix('?') {
            if let Some(done) = draft.take() {
                finish(done, &mut questions, &mut issues);
            }
            let prompt = prompt.trim();
            if prompt.is_empty() {
                error(&mut issues, line, column, Message::new("course-check-quiz-question-empty"));
            }
            draft = Some(Draft {
                line,
                prompt: prompt.to_owned(),
                single: Vec::new(),
                multiple: Vec::new(),
                answers: None,
                explanation: None,
                options_line: 0,
            });
            last_choice_accepts_feedback = false;
            continue;
        }
        let Some(current) = draft.as_mut() else {
            error(&mut issues, line, column, Message::new("course-check-quiz-starts-without-question"));
            continue;
        };
        if let Some(rest) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            let rest = rest.trim_start();
            let (marker, text) = match rest.get(..3) {
                Some(m @ ("( )" | "(x)" | "(X)" | "[ ]" | "[x]" | "[X]")) => (m, rest[3..].trim()),
                _ => {
                    error(&mut issues, line, column, Message::new("course-check-quiz-option-malformed"));
                    continue;
                }
            };
            if text.is_empty() {
                error(&mut issues, line, column, Message::new("course-check-quiz-option-empty"));
            }
            if current.options_line == 0 {
                current.options_line = line;
            }
            let choice = Choice { text: text.to_owned(), correct: marker.contains(['x', 'X']), feedback: None };
            if marker.starts_with('(') {
                current.single.push(choice);
            } else {
                current.multiple.push(choice);
            }
            last_choice_accepts_feedback = true;
        } else if let Some(feedback) = trimmed.strip_prefix('>') {
            let last = if current.single.is_empty() { current.multiple.last_mut() } else { current.single.last_mut() };
            match last {
                Some(choice) if last_choice_accepts_feedback && indent > 0 => {
                    let feedback = feedback.trim();
                    match &mut choice.feedback {
                        Some(existing) => {
                            existing.push(' ');
                            existing.push_str(feedback);
                        }
                        None => choice.feedback = Some(feedback.to_owned()),
                    }
                }
                _ => error(&mut issues, line, column, Message::new("course-check-quiz-feedback-misplaced")),
            }
        } else if let Some(explanation) = trimmed.strip_prefix('!') {
            if current.explanation.is_some() {
                error(&mut issues, line, column, Message::new("course-check-quiz-explanation-twice"));
            }
            current.explanation = Some(explanation.trim().to_owned());
            last_choice_accepts_feedback = false;
        } else if let Some(answers) = trimmed.strip_prefix('=') {
            let answers: Vec<String> = answers.split('|').map(|a| a.trim().to_owned()).collect();
            if answers.iter().any(String::is_empty) {
                error(&mut issues, line, column, Message::new("course-check-quiz-short-answer-empty"));
            }
            if current.answers.is_some() {
                error(&mut issues, line, column, Message::new("course-check-quiz-answer-line-twice"));
            }
            current.answers = Some(answers.into_iter().filter(|a| !a.is_empty()).collect());
            last_choice_accepts_feedback = false;
        } else {
            error(&mut issues, line, column, Message::new("course-check-quiz-line-unknown").arg("line", shorten(trimmed)));
        }
    }
    if let Some(done) = draft.take() {
        finish(done, &mut questions, &mut issues);
    }
    if questions.is_empty() && issues.is_empty() {
        issues.push(QuizIssue { line: first_line, column: 1, is_error: true, message: Message::new("course-check-quiz-no-question") });
    }
    (Quiz { questions }, issues)
}

fn finish(draft: Draft, questions: &mut Vec<Question>, issues: &mut Vec<QuizIssue>) {
    let mut error = |line: u32, key: &'static str| {
        issues.push(QuizIssue { line, column: 1, is_error: true, message: Message::new(key) });
    };
    let has_choices = !draft.single.is_empty() || !draft.multiple.is_empty();
    let kind = match (has_choices, draft.answers) {
        (false, None) => {
            error(draft.line, "course-check-quiz-no-options-or-answer");
            return;
        }
        (true, Some(_)) => {
            error(draft.line, "course-check-quiz-options-and-answer");
            return;
        }
        (false, Some(answers)) => QuestionKind::Short { answers },
        (true, None) => {
            if !draft.single.is_empty() && !draft.multiple.is_empty() {
                error(draft.options_line, "course-check-quiz-options-mixed");
                return;
            }
            if !draft.single.is_empty() {
                let correct = draft.single.iter().filter(|c| c.correct).count();
                if correct == 0 {
                    error(draft.line, "course-check-quiz-single-no-correct");
                } else if correct > 1 {
                    error(draft.line, "course-check-quiz-single-several-correct");
                }
                if draft.single.len() < 2 {
                    error(draft.line, "course-check-quiz-too-few-options");
                }
                QuestionKind::Single { choices: draft.single }
            } else {
                if !draft.multiple.iter().any(|c| c.correct) {
                    error(draft.line, "course-check-quiz-multiple-no-correct");
                }
                if draft.multiple.len() < 2 {
                    error(draft.line, "course-check-quiz-too-few-options");
                }
                QuestionKind::Multiple { choices: draft.multiple }
            }
        }
    };
    if let QuestionKind::Single { choices } | QuestionKind::Multiple { choices } = &kind {
        if choices.iter().any(|c| c.feedback.is_none()) {
            issues.push(QuizIssue {
                line: draft.line,
                column: 1,
                is_error: false,
                message: Message::new("course-check-quiz-feedback-missing"),
            });
        }
    }
    if draft.explanation.is_none() {
        issues.push(QuizIssue {
            line: draft.line,
            column: 1,
            is_error: false,
            message: Message::new("course-check-quiz-explanation-missing"),
        });
    }
    questions.push(Question { prompt: draft.prompt, kind, explanation: draft.explanation });
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "? Parmi ces informations, lesquelles sont personnelles ?
- [x] L'adresse électronique d'un agent
  > Oui : elle identifie une personne.
- [ ] Le nombre d'usagers reçus en 2024
  > Non : c'est une statistique.
! Une donnée personnelle se rapporte à une personne identifiable.

? Un assistant peut-il inventer un article de loi ?
- (x) Oui
  > Exact.
- ( ) Non
  > Si.
! Vérifiez toute référence.

? Quel règlement classe les systèmes d'IA par niveau de risque ?
= règlement sur l'intelligence artificielle | AI Act | RIA
! Le règlement (UE) 2024/1689.
";

    fn errors(text: &str) -> Vec<(u32, String)> {
        parse_quiz(text, 10).1.into_iter().filter(|i| i.is_error).map(|i| (i.line, i.message.to_string())).collect()
    }

    #[test]
    fn parses_every_question_kind() {
        let (quiz, issues) = parse_quiz(SAMPLE, 1);
        assert_eq!(issues, vec![]);
        assert_eq!(quiz.questions.len(), 3);
        let QuestionKind::Multiple { choices } = &quiz.questions[0].kind else { panic!("multiple") };
        assert_eq!(choices.len(), 2);
        assert!(choices[0].correct && !choices[1].correct);
        assert_eq!(choices[1].feedback.as_deref(), Some("Non : c'est une statistique."));
        let QuestionKind::Single { choices } = &quiz.questions[1].kind else { panic!("single") };
        assert!(choices[0].correct);
        let QuestionKind::Short { answers } = &quiz.questions[2].kind else { panic!("short") };
        assert_eq!(answers, &["règlement sur l'intelligence artificielle", "AI Act", "RIA"]);
        assert_eq!(quiz.questions[2].explanation.as_deref(), Some("Le règlement (UE) 2024/1689."));
    }

    #[test]
    fn single_choice_needs_exactly_one_correct_answer() {
        let none = errors("? Q\n- ( ) a\n  > f\n- ( ) b\n  > f\n! e\n");
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].0, 10);
        assert!(none[0].1.contains("aucune bonne réponse"), "{none:?}");
        let two = errors("? Q\n- (x) a\n  > f\n- (x) b\n  > f\n! e\n");
        assert!(two[0].1.contains("une seule bonne réponse"), "{two:?}");
    }

    #[test]
    fn multiple_choice_needs_a_correct_answer() {
        let none = errors("? Q\n- [ ] a\n  > f\n- [ ] b\n  > f\n! e\n");
        assert!(none[0].1.contains("au moins une"), "{none:?}");
    }

    #[test]
    fn mixed_markers_and_mixed_kinds_are_refused() {
        let mixed = errors("? Q\n- ( ) a\n- [x] b\n! e\n");
        assert_eq!(mixed[0].0, 11, "points at the first option");
        assert!(mixed[0].1.contains("mélangées"));
        let both = errors("? Q\n- (x) a\n- ( ) b\n= a\n");
        assert!(both[0].1.contains("pas les deux"));
    }

    #[test]
    fn malformed_lines_are_located() {
        let errs = errors("? Q\n- (x) a\n- ( ) b\nbla bla\n-  x) c\n> orphan\n");
        let lines: Vec<u32> = errs.iter().map(|e| e.0).collect();
        assert_eq!(lines, vec![13, 14, 15], "{errs:?}");
        assert!(errs[0].1.contains("ligne non reconnue"));
        assert!(errs[1].1.contains("option mal formée"));
        assert!(errs[2].1.contains("retour"));
        let no_question = errors("- (x) a\n");
        assert!(no_question[0].1.contains("commencer par une question"));
        assert!(errors("")[0].1.contains("aucune question"));
        assert!(errors("? Q\n! e\n")[0].1.contains("ni options"));
        assert!(errors("? \n= a\n")[0].1.contains("question est vide"));
        assert!(errors("? Q\n= a | | b\n")[0].1.contains("réponse courte vide"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_learner_view_carries_no_key_feedback_or_explanation() {
        let (quiz, _) = parse_quiz(SAMPLE, 1);
        let view = quiz.learner_view();
        assert_eq!(view.questions.len(), 3);
        assert_eq!(view.questions[2].kind, LearnerQuestionKind::Short);
        let serialized = serde_json::to_string(&view).unwrap();
        for secret in ["correct", "Oui : elle identifie", "Le règlement (UE) 2024/1689", "AI Act", "Vérifiez toute référence"] {
            assert!(!serialized.contains(secret), "{secret} in {serialized}");
        }
        assert!(serialized.contains("L'adresse électronique d'un agent"), "the options are shown");
    }

    #[test]
    fn missing_feedback_and_explanation_are_warnings() {
        let (quiz, issues) = parse_quiz("? Q\n- (x) a\n- ( ) b\n", 1);
        assert_eq!(quiz.questions.len(), 1);
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| !i.is_error));
    }
}
