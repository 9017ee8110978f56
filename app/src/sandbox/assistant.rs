//! The simulated assistant: deterministic, in-process, never touching the network. Its reply
//! depends on what the learner's request does well or badly — a vague request gets a vague
//! answer, personal data gets a reply and a warning — so that practising teaches something.

use serde::{Deserialize, Serialize};

use super::{privacy, rubric};
use crate::course::exercise::Criterion;

/// The model name the OpenAI-compatible endpoint announces.
pub const MODEL_ID: &str = "campus-ia-simule";

/// A reply of the simulated assistant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    /// Personal data found in the request (kinds and texts), shown as a warning.
    pub personal_data: Vec<(String, String)>,
}

/// Answers `prompt`; `reference` is the good answer an exercise provides, if any.
pub fn reply(prompt: &str, reference: Option<&str>) -> Reply {
    let findings = privacy::scan(prompt);
    let personal_data: Vec<(String, String)> = findings.iter().map(|f| (f.kind.id().to_owned(), f.text.clone())).collect();
    let checks = rubric::evaluate(prompt, &[Criterion::Role, Criterion::Context, Criterion::Task, Criterion::Format, Criterion::Audience, Criterion::Source]);
    let has = |criterion: Criterion| checks.iter().any(|c| c.criterion == criterion && c.met);
    let mut text = String::new();
    if !personal_data.is_empty() {
        text.push_str(
            "⚠ Votre message contient des données personnelles. Cet assistant est simulé et rien ne quitte le serveur, \
             mais un outil réel les aurait reçues : retirez-les avant d'envoyer un texte.\n\n",
        );
    }
    if prompt.trim().is_empty() || !has(Criterion::Task) {
        text.push_str(
            "Je ne suis pas sûr de ce que vous attendez de moi. Que voulez-vous que je fasse : résumer, rédiger, reformuler, \
             vérifier ? Pour quel destinataire, et sous quelle forme ?",
        );
        return Reply { text, personal_data };
    }
    let body = match reference {
        Some(answer) if has(Criterion::Context) && has(Criterion::Source) => answer.trim().to_owned(),
        Some(answer) => format!(
            "Voici une première proposition, à compléter car il me manque des éléments :\n\n{}\n\n[À préciser : {}]",
            answer.lines().take(4).collect::<Vec<_>>().join("\n"),
            if has(Criterion::Context) { "le document source" } else { "le contexte et le document source" }
        ),
        None => "Voici une proposition générale. Relisez-la : je produis un texte plausible, pas un fait vérifié, et je ne connais \
                 pas les règles propres à votre service."
            .to_owned(),
    };
    text.push_str(&body);
    let mut notes = Vec::new();
    if !has(Criterion::Format) {
        notes.push("vous n'avez pas précisé de format : j'ai choisi un texte court");
    }
    if !has(Criterion::Audience) {
        notes.push("sans destinataire indiqué, j'ai gardé un ton neutre");
    }
    if !has(Criterion::Role) {
        notes.push("un rôle m'aiderait à adopter le bon point de vue");
    }
    if !notes.is_empty() {
        text.push_str("\n\n(Remarque de l'assistant simulé : ");
        text.push_str(&notes.join(" ; "));
        text.push_str(".)");
    }
    Reply { text, personal_data }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_without_a_task_gets_a_question_back() {
        let answer = reply("La cantine.", None);
        assert!(answer.text.starts_with("Je ne suis pas sûr"));
    }

    #[test]
    fn personal_data_gets_a_reply_and_a_warning() {
        let answer = reply("Résume le courrier de Mme Durand (sophie.durand@exemple.fr).", None);
        assert!(answer.text.starts_with("⚠"));
        assert_eq!(answer.personal_data.len(), 2);
        assert!(answer.text.contains("Voici une proposition"));
    }

    #[test]
    fn a_complete_request_gets_the_reference_answer() {
        // The source is the letter pasted under the request: « ci-dessous » with nothing below is no source.
        let prompt = "Vous êtes agent d'accueil. Contexte : une famille nous a écrit. Rédigez une réponse de 5 lignes, \
                      sur un ton cordial pour un usager, à partir du courrier ci-dessous.\n\
                      « Madame, Monsieur, la facture de cantine de notre fils a doublé ce mois-ci sans explication. »";
        let answer = reply(prompt, Some("Madame, Monsieur,\nNous avons bien reçu votre courrier."));
        assert!(answer.text.starts_with("Madame, Monsieur,"));
        assert!(!answer.text.contains("Remarque"), "{}", answer.text);
        let vague = reply("Rédigez une réponse.", Some("Madame, Monsieur,\nNous avons bien reçu votre courrier."));
        assert!(vague.text.contains("À préciser"));
        assert!(vague.text.contains("Remarque de l'assistant simulé"));
    }
}
