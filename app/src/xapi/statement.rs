//! Building xAPI statements for quiz attempts, exercises and completions (pure).

use serde_json::{json, Value};

/// The ADL verbs Campus IA emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Answered,
    Passed,
    Failed,
    Completed,
}

impl Verb {
    pub fn iri(self) -> &'static str {
        match self {
            Verb::Answered => "http://adlnet.gov/expapi/verbs/answered",
            Verb::Passed => "http://adlnet.gov/expapi/verbs/passed",
            Verb::Failed => "http://adlnet.gov/expapi/verbs/failed",
            Verb::Completed => "http://adlnet.gov/expapi/verbs/completed",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Verb::Answered => "a répondu à",
            Verb::Passed => "a réussi",
            Verb::Failed => "a échoué à",
            Verb::Completed => "a terminé",
        }
    }
}

/// What a statement says: who, did what, to which activity, with which result.
pub struct StatementInput<'a> {
    pub id: &'a str,
    /// The site's public address, e.g. `https://campus.exemple.gouv.fr`.
    pub home_page: &'a str,
    pub user_id: i64,
    pub user_name: &'a str,
    pub verb: Verb,
    /// Path of the activity on the site, e.g. `/cours/c/m#quiz-1`.
    pub activity_path: &'a str,
    pub activity_name: &'a str,
    /// `http://adlnet.gov/expapi/activities/assessment`, `…/module`, `…/course`.
    pub activity_type: &'a str,
    /// Score in percent, with success, when the statement is about an assessment.
    pub score: Option<(u32, bool)>,
    /// RFC 3339 timestamp.
    pub timestamp: &'a str,
}

/// Builds the statement. The actor is identified by an account on this site (never an e-mail
/// address), so a statement exported to an LRS does not spread contact details.
pub fn statement(input: &StatementInput) -> Value {
    let mut statement = json!({
        "id": input.id,
        "actor": {
            "objectType": "Agent",
            "name": input.user_name,
            "account": { "homePage": input.home_page, "name": input.user_id.to_string() }
        },
        "verb": { "id": input.verb.iri(), "display": { "fr-FR": input.verb.label() } },
        "object": {
            "objectType": "Activity",
            "id": format!("{}{}", input.home_page, input.activity_path),
            "definition": { "name": { "fr-FR": input.activity_name }, "type": input.activity_type }
        },
        "timestamp": input.timestamp,
        "version": "1.0.3"
    });
    if let Some((score, success)) = input.score {
        statement["result"] = json!({
            "score": { "scaled": f64::from(score) / 100.0, "raw": score, "min": 0, "max": 100 },
            "success": success,
            "completion": true
        });
    } else if input.verb == Verb::Completed {
        statement["result"] = json!({ "completion": true });
    }
    statement
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_follow_the_xapi_shape() {
        let s = statement(&StatementInput {
            id: "6f0d7f9a-0000-4000-8000-000000000001",
            home_page: "https://campus.exemple.fr",
            user_id: 42,
            user_name: "Alex",
            verb: Verb::Passed,
            activity_path: "/cours/c/m#quiz-1",
            activity_name: "Quiz",
            activity_type: "http://adlnet.gov/expapi/activities/assessment",
            score: Some((80, true)),
            timestamp: "2026-11-26T08:00:00Z",
        });
        assert_eq!(s["actor"]["account"]["name"], "42");
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
        assert_eq!(s["object"]["id"], "https://campus.exemple.fr/cours/c/m#quiz-1");
        assert_eq!(s["result"]["score"]["scaled"], 0.8);
        assert_eq!(s["result"]["success"], true);
        assert!(s["actor"].get("mbox").is_none(), "no e-mail address");
    }
}
