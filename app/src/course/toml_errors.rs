//! French wording for TOML errors (course.toml, front matter, exercise blocks).
//!
//! The `toml` crate reports in English; trainers read French, so the common cases are reworded
//! and the rest keep the original detail after a French lead.

/// A TOML error as a trainer should read it, with its byte offset when known.
pub struct TomlProblem {
    pub offset: Option<usize>,
    pub message: String,
}

impl From<&toml::de::Error> for TomlProblem {
    fn from(error: &toml::de::Error) -> Self {
        TomlProblem { offset: error.span().map(|span| span.start), message: reword(error.message()) }
    }
}

fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn reword(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field") {
        let names = backticked(rest);
        if let Some((field, expected)) = names.split_first() {
            return format!("champ inconnu « {field} » (champs possibles : {})", expected.join(", "));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        if let Some(field) = backticked(rest).first() {
            return format!("champ obligatoire manquant : « {field} »");
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type:") {
        let expected = rest.split("expected").nth(1).unwrap_or("").trim();
        let wanted = match expected {
            e if e.contains("string") => "un texte entre guillemets",
            e if e.contains("sequence") => "une liste entre crochets [ … ]",
            e if e.contains("bool") => "true ou false",
            e if e.contains("u8") || e.contains("u32") || e.contains("i64") || e.contains("integer") => "un nombre entier",
            _ => expected,
        };
        return format!("valeur du mauvais type : il faut {wanted}");
    }
    if message.starts_with("duplicate key") {
        return format!("clé en double : {}", backticked(message).first().copied().unwrap_or(message));
    }
    format!("syntaxe TOML invalide : {message}")
}

#[cfg(test)]
mod tests {
    use super::reword;

    #[test]
    fn common_errors_are_reworded() {
        assert_eq!(
            reword("unknown field `titre`, expected one of `title`, `summary`"),
            "champ inconnu « titre » (champs possibles : title, summary)"
        );
        assert_eq!(reword("missing field `title`"), "champ obligatoire manquant : « title »");
        assert_eq!(reword("invalid type: integer `3`, expected a string"), "valeur du mauvais type : il faut un texte entre guillemets");
        assert!(reword("something odd").starts_with("syntaxe TOML invalide"));
    }
}
