//! Trainers' wording for TOML errors (course.toml, front matter, exercise blocks).
//!
//! The `toml` crate reports in English; trainers read the catalogues' language, so the common
//! cases are reworded as catalogue messages and the rest keep the crate's detail, untranslated,
//! as the argument of one (`course-check-toml-syntax`).

use crate::i18n::Message;

/// A TOML error as a trainer should read it, with its byte offset when known.
pub struct TomlProblem {
    pub offset: Option<usize>,
    pub message: Message,
}

impl From<&toml::de::Error> for TomlProblem {
    fn from(error: &toml::de::Error) -> Self {
        TomlProblem { offset: error.span().map(|span| span.start), message: reword(error.message()) }
    }
}

fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn reword(message: &str) -> Message {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field") {
        let names = backticked(rest);
        if let Some((field, expected)) = names.split_first() {
            return Message::new("course-check-toml-unknown-field").arg("field", *field).arg("expected", expected.join(", "));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        if let Some(field) = backticked(rest).first() {
            return Message::new("course-check-toml-missing-field").arg("field", *field);
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type:") {
        let expected = rest.split("expected").nth(1).unwrap_or("").trim();
        return match expected {
            e if e.contains("string") => Message::new("course-check-toml-expected-text"),
            e if e.contains("sequence") => Message::new("course-check-toml-expected-list"),
            e if e.contains("bool") => Message::new("course-check-toml-expected-boolean"),
            e if e.contains("u8") || e.contains("u32") || e.contains("i64") || e.contains("integer") => {
                Message::new("course-check-toml-expected-integer")
            }
            _ => Message::new("course-check-toml-expected-other").arg("expected", expected),
        };
    }
    if message.starts_with("duplicate key") {
        return Message::new("course-check-toml-duplicate-key").arg("key", backticked(message).first().copied().unwrap_or(message));
    }
    Message::new("course-check-toml-syntax").arg("detail", message)
}

#[cfg(test)]
mod tests {
    use super::reword;

    #[test]
    fn common_errors_are_reworded() {
        assert_eq!(
            reword("unknown field `titre`, expected one of `title`, `summary`").to_string(),
            "champ inconnu « titre » (champs possibles : title, summary)"
        );
        assert_eq!(reword("missing field `title`").to_string(), "champ obligatoire manquant : « title »");
        assert_eq!(
            reword("invalid type: integer `3`, expected a string").to_string(),
            "valeur du mauvais type : il faut un texte entre guillemets"
        );
        assert!(reword("something odd").to_string().starts_with("syntaxe TOML invalide"));
    }
}
