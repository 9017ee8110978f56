//! Grading the three kinds of sandbox exercise (server only): each check gives a specific, kind
//! sentence of feedback, and the exercise passes when every check does.

use std::collections::BTreeSet;

pub use super::api::ExerciseOutcome;
use super::{api::FeedbackLine, assistant, privacy, rubric};
use crate::course::{
    exercise::{Criterion, Statement},
    slug::fold_text,
};

fn line(label: &str, met: bool, feedback: impl Into<String>) -> FeedbackLine {
    FeedbackLine { criterion: label.to_owned(), met, feedback: feedback.into() }
}

fn finish(lines: Vec<FeedbackLine>, reply: Option<String>) -> ExerciseOutcome {
    ExerciseOutcome { passed: !lines.is_empty() && lines.iter().all(|l| l.met), lines, reply }
}

/// The feedback on a request: the rubric criteria asked for, then the required and forbidden words.
pub fn grade_request(prompt: &str, criteria: &[Criterion], required: &[String], forbidden: &[String]) -> Vec<FeedbackLine> {
    let folded = fold_text(prompt);
    let mut lines: Vec<FeedbackLine> =
        rubric::evaluate(prompt, criteria).into_iter().map(|r| line(r.criterion.id(), r.met, r.feedback)).collect();
    for word in required {
        let met = folded.contains(&fold_text(word));
        lines.push(line("mot attendu", met, if met { format!("Vous employez « {word} ».") } else { format!("Votre demande doit mentionner « {word} ».") }));
    }
    for word in forbidden {
        let met = !folded.contains(&fold_text(word));
        lines.push(line("mot à éviter", met, if met { format!("Vous n'écrivez pas « {word} » : bien.") } else { format!("Retirez « {word} » de votre demande.") }));
    }
    lines
}

/// A request to the assistant: the rubric criteria of the exercise, plus required and forbidden
/// words; the simulated assistant's answer comes with it.
pub fn grade_prompt(prompt: &str, criteria: &[Criterion], required: &[String], forbidden: &[String], reference: Option<&str>) -> ExerciseOutcome {
    finish(grade_request(prompt, criteria, required, forbidden), Some(assistant::reply(prompt, reference).text))
}

/// An anonymised document: no personal data may remain, and the useful words must stay.
pub fn grade_anonymize(edited: &str, keep: &[String]) -> ExerciseOutcome {
    let findings = privacy::scan(edited);
    let mut lines = Vec::new();
    if findings.is_empty() {
        lines.push(line("données personnelles", true, "Aucune donnée personnelle ne reste dans le document."));
    }
    for finding in findings {
        lines.push(line("données personnelles", false, format!("Il reste « {} » ({}).", finding.text, finding.reason)));
    }
    let folded = fold_text(edited);
    for word in keep {
        let met = folded.contains(&fold_text(word));
        lines.push(line("contenu utile", met, if met { format!("« {word} » est conservé : le texte garde son sens.") } else { format!("« {word} » a disparu : gardez le contenu utile, retirez seulement ce qui identifie quelqu'un.") }));
    }
    finish(lines, None)
}

/// The statements the learner marked as wrong, against the planted errors.
pub fn grade_hallucination(marked: &BTreeSet<usize>, statements: &[Statement]) -> ExerciseOutcome {
    let lines = statements
        .iter()
        .enumerate()
        .map(|(i, statement)| {
            let marked_wrong = marked.contains(&i);
            let met = marked_wrong == statement.wrong;
            let verdict = match (statement.wrong, met) {
                (true, true) => "Bien repéré : cette affirmation est fausse ou invérifiable.",
                (true, false) => "Celle-ci vous a échappé : elle est fausse ou invérifiable.",
                (false, true) => "Exact, cette affirmation est juste.",
                (false, false) => "Cette affirmation est pourtant juste.",
            };
            line(&format!("affirmation {}", i + 1), met, format!("« {} » — {verdict} {}", statement.text, statement.explanation))
        })
        .collect();
    finish(lines, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(wrong: bool) -> Statement {
        Statement { text: "x".into(), wrong, explanation: "e".into() }
    }

    #[test]
    fn prompt_exercises_need_every_criterion_and_word() {
        let criteria = [Criterion::Task, Criterion::NoPersonalData];
        assert!(grade_prompt("Résumez ce courrier.", &criteria, &["courrier".into()], &["Durand".into()], None).passed);
        let failed = grade_prompt("Résumez le courrier de Mme Durand.", &criteria, &[], &["Durand".into()], None);
        assert!(!failed.passed);
        assert_eq!(failed.lines.iter().filter(|l| !l.met).count(), 2);
        assert!(failed.reply.is_some());
    }

    #[test]
    fn anonymize_needs_no_personal_data_and_the_useful_words() {
        assert!(grade_anonymize("[Nom] doit un loyer ; un échéancier est proposé.", &["loyer".into(), "échéancier".into()]).passed);
        let left = grade_anonymize("Mme Durand doit un loyer, tél. 06 12 34 56 78.", &["loyer".into()]);
        assert!(!left.passed);
        assert_eq!(left.lines.iter().filter(|l| !l.met).count(), 2);
        assert!(!grade_anonymize("[supprimé]", &["loyer".into()]).passed, "removing everything is not anonymising");
    }

    #[test]
    fn hallucination_needs_exactly_the_planted_errors() {
        let statements = [statement(false), statement(true), statement(true)];
        assert!(grade_hallucination(&BTreeSet::from([1, 2]), &statements).passed);
        assert!(!grade_hallucination(&BTreeSet::from([1]), &statements).passed);
        assert!(!grade_hallucination(&BTreeSet::from([0, 1, 2]), &statements).passed);
    }
}
