//! Sandbox exercises declared in ```` ```exercise ```` blocks (TOML): the model, and (server side)
//! the reader that checks each field.

use serde::{Deserialize, Serialize};

/// A quality the learner's request to the assistant is graded on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    Role,
    Context,
    Task,
    Format,
    Audience,
    Constraints,
    Source,
    NoPersonalData,
}

impl Criterion {
    pub const ALL: [Criterion; 8] = [
        Criterion::Role,
        Criterion::Context,
        Criterion::Task,
        Criterion::Format,
        Criterion::Audience,
        Criterion::Constraints,
        Criterion::Source,
        Criterion::NoPersonalData,
    ];

    /// The identifier used in course files.
    pub fn id(self) -> &'static str {
        match self {
            Criterion::Role => "role",
            Criterion::Context => "context",
            Criterion::Task => "task",
            Criterion::Format => "format",
            Criterion::Audience => "audience",
            Criterion::Constraints => "constraints",
            Criterion::Source => "source",
            Criterion::NoPersonalData => "no-personal-data",
        }
    }

    pub fn from_id(id: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// A text the exercise works on, embedded at import so the sandbox never reads files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Path inside the course folder, e.g. `documents/courrier.md`.
    pub path: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub title: String,
    pub instructions: String,
    pub kind: ExerciseKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExerciseKind {
    /// Write a request to the assistant.
    Prompt {
        document: Option<Document>,
        criteria: Vec<Criterion>,
        required_words: Vec<String>,
        forbidden_words: Vec<String>,
        reference_answer: Option<String>,
    },
    /// Strip a document of personal data, keeping its useful content.
    Anonymize { document: Document, keep: Vec<String> },
    /// Spot the wrong or unverifiable statements of an answer.
    Hallucination { question: String, statements: Vec<Statement> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub text: String,
    pub wrong: bool,
    pub explanation: String,
}

/// An exercise as a learner sees it before answering: what to do and the material to work on,
/// without the rubric's settings, the reference answer or which statements are wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerExercise {
    pub title: String,
    pub instructions: String,
    pub kind: LearnerExerciseKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnerExerciseKind {
    Prompt { document: Option<Document> },
    Anonymize { document: Document },
    /// The statements' texts, in order.
    Hallucination { question: String, statements: Vec<String> },
}

impl Exercise {
    /// The exercise without anything that grades it.
    pub fn learner_view(&self) -> LearnerExercise {
        LearnerExercise {
            title: self.title.clone(),
            instructions: self.instructions.clone(),
            kind: match &self.kind {
                ExerciseKind::Prompt { document, .. } => LearnerExerciseKind::Prompt { document: document.clone() },
                ExerciseKind::Anonymize { document, .. } => LearnerExerciseKind::Anonymize { document: document.clone() },
                ExerciseKind::Hallucination { question, statements } => LearnerExerciseKind::Hallucination {
                    question: question.clone(),
                    statements: statements.iter().map(|s| s.text.clone()).collect(),
                },
            },
        }
    }
}

impl ExerciseKind {
    pub fn id(&self) -> &'static str {
        match self {
            ExerciseKind::Prompt { .. } => "prompt",
            ExerciseKind::Anonymize { .. } => "anonymize",
            ExerciseKind::Hallucination { .. } => "hallucination",
        }
    }
}

#[cfg(feature = "ssr")]
pub use reader::parse_exercise;

#[cfg(feature = "ssr")]
mod reader {
    use super::*;
    use crate::{course::toml_errors::TomlProblem, i18n::Message};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawExercise {
        kind: String,
        title: Option<String>,
        instructions: Option<String>,
        document: Option<String>,
        criteria: Option<Vec<String>>,
        required_words: Option<Vec<String>>,
        forbidden_words: Option<Vec<String>>,
        reference_answer: Option<String>,
        keep: Option<Vec<String>>,
        question: Option<String>,
        statements: Option<Vec<RawStatement>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawStatement {
        text: String,
        wrong: bool,
        explanation: Option<String>,
    }

    /// A problem at a byte offset of the block's text (`None`: the block as a whole).
    pub struct ExerciseProblem {
        pub offset: Option<usize>,
        pub is_error: bool,
        pub message: Message,
    }

    /// Reads an exercise block. `read_document` returns a course file's text by path.
    pub fn parse_exercise(
        text: &str,
        read_document: &dyn Fn(&str) -> Option<String>,
    ) -> (Option<Exercise>, Vec<ExerciseProblem>) {
        let mut problems = Vec::new();
        let raw: RawExercise = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(error) => {
                let problem = TomlProblem::from(&error);
                problems.push(ExerciseProblem { offset: problem.offset, is_error: true, message: problem.message });
                return (None, problems);
            }
        };
        let mut error = |field: &str, message: Message| {
            problems.push(ExerciseProblem { offset: field_offset(text, field), is_error: true, message });
        };
        let title = raw.title.clone().unwrap_or_default().trim().to_owned();
        if title.is_empty() {
            error("kind", Message::new("course-check-exercise-title-missing"));
        }
        let instructions = raw.instructions.clone().unwrap_or_default().trim().to_owned();
        if instructions.is_empty() {
            error("kind", Message::new("course-check-exercise-instructions-missing"));
        }
        let load = |path: &str| -> Result<Document, Message> {
            read_document(path)
                .map(|text| Document { path: path.to_owned(), text })
                .ok_or_else(|| Message::new("course-check-exercise-document-not-found").arg("path", path))
        };
        let kind = match raw.kind.as_str() {
            "prompt" => {
                let document = match raw.document.as_deref().map(load) {
                    Some(Ok(document)) => Some(document),
                    Some(Err(message)) => {
                        error("document", message);
                        None
                    }
                    None => None,
                };
                let mut criteria = Vec::new();
                for id in raw.criteria.clone().unwrap_or_default() {
                    match Criterion::from_id(&id) {
                        Some(c) if !criteria.contains(&c) => criteria.push(c),
                        Some(_) => error("criteria", Message::new("course-check-exercise-criterion-twice").arg("criterion", &id)),
                        None => error(
                            "criteria",
                            Message::new("course-check-exercise-criterion-unknown")
                                .arg("criterion", &id)
                                .arg("known", Criterion::ALL.map(Criterion::id).join(", ")),
                        ),
                    }
                }
                if raw.criteria.as_ref().is_none_or(Vec::is_empty) {
                    error("kind", Message::new("course-check-exercise-prompt-needs-criteria"));
                }
                for misplaced in [("keep", raw.keep.is_some()), ("question", raw.question.is_some()), ("statements", raw.statements.is_some())] {
                    if misplaced.1 {
                        error(misplaced.0, Message::new("course-check-exercise-field-misplaced").arg("field", misplaced.0).arg("kind", "prompt"));
                    }
                }
                Some(ExerciseKind::Prompt {
                    document,
                    criteria,
                    required_words: clean_words(raw.required_words),
                    forbidden_words: clean_words(raw.forbidden_words),
                    reference_answer: raw.reference_answer.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
                })
            }
            "anonymize" => {
                for misplaced in [
                    ("criteria", raw.criteria.is_some()),
                    ("required_words", raw.required_words.is_some()),
                    ("forbidden_words", raw.forbidden_words.is_some()),
                    ("reference_answer", raw.reference_answer.is_some()),
                    ("question", raw.question.is_some()),
                    ("statements", raw.statements.is_some()),
                ] {
                    if misplaced.1 {
                        error(misplaced.0, Message::new("course-check-exercise-field-misplaced").arg("field", misplaced.0).arg("kind", "anonymize"));
                    }
                }
                match raw.document.as_deref() {
                    None => {
                        error("kind", Message::new("course-check-exercise-anonymize-needs-document"));
                        None
                    }
                    Some(path) => match load(path) {
                        Ok(document) => {
                            let keep = clean_words(raw.keep);
                            let lower = document.text.to_lowercase();
                            for word in &keep {
                                if !lower.contains(&word.to_lowercase()) {
                                    error("keep", Message::new("course-check-exercise-keep-not-in-document").arg("word", word));
                                }
                            }
                            Some(ExerciseKind::Anonymize { document, keep })
                        }
                        Err(message) => {
                            error("document", message);
                            None
                        }
                    },
                }
            }
            "hallucination" => {
                for misplaced in [
                    ("document", raw.document.is_some()),
                    ("criteria", raw.criteria.is_some()),
                    ("keep", raw.keep.is_some()),
                    ("reference_answer", raw.reference_answer.is_some()),
                ] {
                    if misplaced.1 {
                        error(misplaced.0, Message::new("course-check-exercise-field-misplaced").arg("field", misplaced.0).arg("kind", "hallucination"));
                    }
                }
                let question = raw.question.clone().unwrap_or_default().trim().to_owned();
                if question.is_empty() {
                    error("kind", Message::new("course-check-exercise-hallucination-needs-question"));
                }
                let mut statements = Vec::new();
                for raw_statement in raw.statements.unwrap_or_default() {
                    let explanation = raw_statement.explanation.unwrap_or_default().trim().to_owned();
                    if raw_statement.text.trim().is_empty() {
                        error("[[statements]]", Message::new("course-check-exercise-statement-empty"));
                    }
                    if explanation.is_empty() {
                        error(
                            "[[statements]]",
                            Message::new("course-check-exercise-statement-unexplained").arg("statement", raw_statement.text.trim()),
                        );
                    }
                    statements.push(Statement { text: raw_statement.text.trim().to_owned(), wrong: raw_statement.wrong, explanation });
                }
                if statements.len() < 2 {
                    error("kind", Message::new("course-check-exercise-too-few-statements"));
                } else if !statements.iter().any(|s| s.wrong) {
                    error("[[statements]]", Message::new("course-check-exercise-no-wrong-statement"));
                }
                Some(ExerciseKind::Hallucination { question, statements })
            }
            other => {
                error("kind", Message::new("course-check-exercise-kind-unknown").arg("kind", other));
                None
            }
        };
        let exercise = kind.filter(|_| !problems.iter().any(|p| p.is_error)).map(|kind| Exercise { title, instructions, kind });
        (exercise, problems)
    }

    fn clean_words(words: Option<Vec<String>>) -> Vec<String> {
        words.unwrap_or_default().into_iter().map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()).collect()
    }

    /// Where `field = …` (or a `[[table]]` header) starts in the block, to point errors at it.
    fn field_offset(text: &str, field: &str) -> Option<usize> {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let matches = if field.starts_with('[') {
                trimmed.starts_with(field)
            } else {
                trimmed.strip_prefix(field).is_some_and(|rest| rest.trim_start().starts_with('='))
            };
            if matches {
                return Some(offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        None
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn documents(path: &str) -> Option<String> {
            (path == "documents/lettre.md").then(|| "Lettre fictive de Mme Martin au sujet du loyer.".to_owned())
        }

        fn problems(text: &str) -> Vec<(Option<usize>, String)> {
            parse_exercise(text, &documents).1.into_iter().filter(|p| p.is_error).map(|p| (p.offset, p.message.to_string())).collect()
        }

        #[test]
        fn reads_the_three_kinds() {
            let (prompt, issues) = parse_exercise(
                "kind = \"prompt\"\ntitle = \"T\"\ninstructions = \"I\"\ndocument = \"documents/lettre.md\"\ncriteria = [\"role\", \"no-personal-data\"]\n",
                &documents,
            );
            assert!(issues.is_empty());
            let ExerciseKind::Prompt { document, criteria, .. } = prompt.unwrap().kind else { panic!() };
            assert!(document.unwrap().text.contains("Mme Martin"));
            assert_eq!(criteria, vec![Criterion::Role, Criterion::NoPersonalData]);

            let (anonymize, issues) = parse_exercise(
                "kind = \"anonymize\"\ntitle = \"T\"\ninstructions = \"I\"\ndocument = \"documents/lettre.md\"\nkeep = [\"loyer\"]\n",
                &documents,
            );
            assert!(issues.is_empty());
            assert_eq!(anonymize.unwrap().kind.id(), "anonymize");

            let (hallucination, issues) = parse_exercise(
                "kind = \"hallucination\"\ntitle = \"T\"\ninstructions = \"I\"\nquestion = \"Q ?\"\n\n[[statements]]\ntext = \"Vrai\"\nwrong = false\nexplanation = \"E\"\n\n[[statements]]\ntext = \"Faux\"\nwrong = true\nexplanation = \"E\"\n",
                &documents,
            );
            assert!(issues.is_empty());
            let ExerciseKind::Hallucination { statements, .. } = hallucination.unwrap().kind else { panic!() };
            assert_eq!(statements.iter().filter(|s| s.wrong).count(), 1);
        }

        #[test]
        fn each_problem_is_explained_and_located() {
            let errs = problems("kind = \"prompt\"\ntitle = \"T\"\ninstructions = \"I\"\ncriteria = [\"role\", \"politesse\"]\ndocument = \"documents/absent.md\"\n");
            assert_eq!(errs.len(), 2, "{errs:?}");
            assert!(errs.iter().any(|(offset, m)| m.contains("politesse") && *offset == Some(47)), "{errs:?}");
            assert!(errs.iter().any(|(_, m)| m.contains("documents/absent.md")));

            let errs = problems("kind = \"quiz\"\n");
            assert!(errs.iter().any(|(_, m)| m.contains("type d'exercice inconnu")));

            let errs = problems("kind = \"anonymize\"\ntitle = \"T\"\ninstructions = \"I\"\ndocument = \"documents/lettre.md\"\nkeep = [\"commission\"]\n");
            assert!(errs[0].1.contains("commission"), "{errs:?}");

            let errs = problems("kind = \"hallucination\"\ntitle = \"T\"\ninstructions = \"I\"\nquestion = \"Q\"\n[[statements]]\ntext = \"A\"\nwrong = false\nexplanation = \"E\"\n[[statements]]\ntext = \"B\"\nwrong = false\nexplanation = \"E\"\n");
            assert!(errs[0].1.contains("aucune affirmation"), "{errs:?}");
        }

        #[test]
        fn unknown_fields_and_bad_toml_are_reported_in_french() {
            let errs = problems("kind = \"prompt\"\ntitre = \"T\"\n");
            assert!(errs[0].1.contains("champ inconnu « titre »"), "{errs:?}");
            assert_eq!(errs[0].0, Some(16));
            let errs = problems("kind = \"prompt\n");
            assert!(errs[0].1.starts_with("syntaxe TOML invalide"), "{errs:?}");
        }
    }
}
