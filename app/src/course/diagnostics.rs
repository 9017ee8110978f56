//! Problems found in course files, located by file, line and column, worded for trainers.
//!
//! A problem is kept as a catalogue [`Message`] (`course-check-…` keys) and written out by
//! whoever shows it: the authoring pages in the trainer's language, the command line and the
//! logs in French (`Display`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Message};

/// Errors block publication; warnings are shown but do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    pub severity: Severity,
    /// What is wrong and how to fix it, written out by [`Diagnostic::message`].
    pub text: Message,
}

impl Diagnostic {
    /// What is wrong and how to fix it, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        self.text.render(locale)
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: message` in French, the format editors and CI logs understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.severity {
            Severity::Error => "",
            Severity::Warning => "avertissement : ",
        };
        write!(f, "{}:{}:{}: {prefix}{}", self.path, self.line, self.column, self.text)
    }
}

/// Collects the diagnostics of one check.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn error(&mut self, path: &str, (line, column): (u32, u32), text: Message) {
        self.push(path, line, column, Severity::Error, text);
    }

    pub fn warning(&mut self, path: &str, (line, column): (u32, u32), text: Message) {
        self.push(path, line, column, Severity::Warning, text);
    }

    fn push(&mut self, path: &str, line: u32, column: u32, severity: Severity, text: Message) {
        self.diagnostics.push(Diagnostic { path: path.to_owned(), line, column, severity, text });
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Sorted by file, then position, so output is stable and easy to follow.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
        });
        self.diagnostics
    }
}

/// Turns byte offsets into 1-based line and column numbers.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The line and column of the byte at `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.line_starts[line];
        let column = self.text.get(start..offset).map(|s| s.chars().count()).unwrap_or(0);
        (line as u32 + 1, column as u32 + 1)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod wording_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let index = LineIndex::new("ab\nçé\n\nz");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(5), (2, 2), "columns count characters, not bytes");
        assert_eq!(index.position(8), (3, 1));
        assert_eq!(index.position(9), (4, 1));
        assert_eq!(index.position(99), (4, 2));
    }

    #[test]
    fn diagnostics_print_as_path_line_column() {
        let mut report = Report::default();
        report.warning("c/b.md", (3, 1), Message::new("course-check-module-not-listed"));
        report.error("c/a.md", (2, 5), Message::new("course-check-module-listed-twice").arg("file", "01-a.md"));
        let sorted = report.into_sorted();
        assert_eq!(sorted[0].to_string(), "c/a.md:2:5: le module « 01-a.md » est listé deux fois");
        assert_eq!(
            sorted[1].to_string(),
            "c/b.md:3:1: avertissement : ce fichier n'est pas listé dans modules de course.toml : il ne sera pas publié"
        );
    }

    #[test]
    fn diagnostics_read_in_french_as_before_and_in_english() {
        let cases = [
            (
                Message::new("course-check-level-unknown").arg("level", "expert"),
                "niveau « expert » inconnu (niveaux possibles : debutant, intermediaire, avance)",
                "unknown level “expert” (possible levels: debutant, intermediaire, avance)",
            ),
            (
                Message::new("course-check-heading-level-skipped").arg("level", 4u8).arg("previous", 2u8).arg("expected", "###"),
                "niveau de titre sauté : un titre de niveau 4 suit un titre de niveau 2 (utilisez ###)",
                "skipped heading level: a level 4 heading follows a level 2 heading (use ###)",
            ),
            (
                Message::new("course-check-file-too-large").arg("megabytes", 7usize).arg("max", 5usize),
                "fichier trop lourd (7 Mo ; 5 Mo au plus)",
                "file too large (7 MB; 5 MB at most)",
            ),
            (
                Message::new("course-check-heading-level-one"),
                "titre de niveau 1 (#) dans le texte : le titre du module vient de l'en-tête ; commencez par ## ",
                "level 1 heading (#) in the text: the module title comes from the header; start with ## ",
            ),
            (
                Message::new("course-check-toml-syntax").arg("detail", "expected `=`"),
                "syntaxe TOML invalide : expected `=`",
                "invalid TOML syntax: expected `=`",
            ),
        ];
        for (text, french, english) in cases {
            let diagnostic = Diagnostic { path: "c/m.md".into(), line: 3, column: 1, severity: Severity::Warning, text };
            assert_eq!(diagnostic.message(Locale::Fr), french);
            assert_eq!(diagnostic.message(Locale::En), english);
            assert_eq!(diagnostic.to_string(), format!("c/m.md:3:1: avertissement : {french}"), "Display stays French");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_diagnostic_crosses_to_the_browser_as_its_key_and_arguments() {
        let diagnostic = Diagnostic {
            path: "c/course.toml".into(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            text: Message::new("course-check-module-not-found").arg("file", "01-a.md"),
        };
        let json = serde_json::to_string(&diagnostic).expect("serialisable");
        assert!(json.contains("course-check-module-not-found") && !json.contains("introuvable"), "{json}");
        let back: Diagnostic = serde_json::from_str(&json).expect("deserialisable");
        assert_eq!(back.message(Locale::En), "the module “01-a.md” is not in the course folder");
    }
}
