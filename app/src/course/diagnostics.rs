//! Problems found in course files, located by file, line and column, worded for trainers.

use std::fmt;

use serde::{Deserialize, Serialize};

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
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: message`, the format editors and CI logs understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.severity {
            Severity::Error => "",
            Severity::Warning => "avertissement : ",
        };
        write!(f, "{}:{}:{}: {prefix}{}", self.path, self.line, self.column, self.message)
    }
}

/// Collects the diagnostics of one check.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn error(&mut self, path: &str, (line, column): (u32, u32), message: impl Into<String>) {
        self.push(path, line, column, Severity::Error, message.into());
    }

    pub fn warning(&mut self, path: &str, (line, column): (u32, u32), message: impl Into<String>) {
        self.push(path, line, column, Severity::Warning, message.into());
    }

    fn push(&mut self, path: &str, line: u32, column: u32, severity: Severity, message: String) {
        self.diagnostics.push(Diagnostic { path: path.to_owned(), line, column, severity, message });
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
        report.warning("c/b.md", (3, 1), "plus doux");
        report.error("c/a.md", (2, 5), "grave");
        let sorted = report.into_sorted();
        assert_eq!(sorted[0].to_string(), "c/a.md:2:5: grave");
        assert_eq!(sorted[1].to_string(), "c/b.md:3:1: avertissement : plus doux");
    }
}
