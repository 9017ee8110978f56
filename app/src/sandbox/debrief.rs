//! The failure modes of AI that the simulated assistant stages on purpose, and the short debrief
//! that reveals each one to the learner after the answer it concerns: what happened and how to
//! catch it. Shared with the browser (the chat island shows the debrief); when a failure is
//! planted is decided on the server only (see `failures`).

use serde::{Deserialize, Serialize};

/// A way an assistant misleads, staged so that learners learn to catch it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// A plausible legal reference that does not exist, when asked for articles or case law
    /// without a source.
    InventedReference,
    /// A confident figure made up, when asked for a statistic without a source.
    MadeUpFigure,
    /// An instruction hidden in a pasted document, obeyed as if the learner had given it.
    PromptInjection,
    /// A rule that changed, given in its old form.
    OutdatedRule,
    /// A stereotyped answer, when the request invites one (a job advert, a « typical » user).
    Stereotype,
}

impl Failure {
    pub const ALL: [Failure; 5] = [Failure::InventedReference, Failure::MadeUpFigure, Failure::PromptInjection, Failure::OutdatedRule, Failure::Stereotype];

    /// The identifier used in scenario files.
    pub fn id(self) -> &'static str {
        match self {
            Failure::InventedReference => "invented-reference",
            Failure::MadeUpFigure => "made-up-figure",
            Failure::PromptInjection => "prompt-injection",
            Failure::OutdatedRule => "outdated-rule",
            Failure::Stereotype => "stereotype",
        }
    }

    pub fn from_id(id: &str) -> Option<Failure> {
        Failure::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The debrief's heading.
    pub fn title(self) -> &'static str {
        match self {
            Failure::InventedReference => "Référence juridique inventée",
            Failure::MadeUpFigure => "Chiffre inventé",
            Failure::PromptInjection => "Consigne cachée dans le document, suivie par l'assistant",
            Failure::OutdatedRule => "Règle périmée",
            Failure::Stereotype => "Réponse stéréotypée",
        }
    }
}

/// One staged failure, revealed after the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebriefItem {
    pub failure: Failure,
    pub title: String,
    /// What the assistant did, quoting its answer.
    pub what_happened: String,
    /// How to catch it next time (« vérifiez sur Légifrance », « demandez la source »).
    pub how_to_catch: String,
}

impl DebriefItem {
    pub fn new(failure: Failure, what_happened: impl Into<String>, how_to_catch: impl Into<String>) -> DebriefItem {
        DebriefItem { failure, title: failure.title().to_owned(), what_happened: what_happened.into(), how_to_catch: how_to_catch.into() }
    }
}

/// The debrief as plain text, for clients of the `/v1` endpoint that only show the content.
pub fn as_text(items: &[DebriefItem]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut text = String::from("---\nDébrief de l'assistant simulé (à lire après la réponse) :");
    for item in items {
        text.push_str(&format!("\n- {} : {} Comment le repérer : {}", item.title, item.what_happened, item.how_to_catch));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for failure in Failure::ALL {
            assert_eq!(Failure::from_id(failure.id()), Some(failure));
        }
        assert_eq!(Failure::from_id("autre"), None);
    }
}
