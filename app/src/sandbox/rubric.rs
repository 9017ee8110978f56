//! The prompt rubric: which qualities a learner's request to an assistant has, each with a
//! specific, kind sentence of feedback in French. Deterministic heuristics over the text.

use serde::{Deserialize, Serialize};

use super::privacy;
use crate::course::{exercise::Criterion, slug::fold_text};

/// The verdict on one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub criterion: Criterion,
    pub met: bool,
    /// The words of the prompt the verdict relied on (the cues found, or the personal data).
    pub evidence: Vec<String>,
    pub feedback: String,
}

/// Words that announce each quality, compared without accents or case.
fn cues(criterion: Criterion) -> &'static [&'static str] {
    match criterion {
        Criterion::Role => &["tu es", "vous etes", "agis comme", "agissez comme", "en tant que", "joue le role", "jouez le role", "mets-toi dans la peau", "role de", "role d'"],
        Criterion::Context => &["contexte", "je travaille", "nous sommes", "je suis agent", "je suis charge", "dans le cadre", "suite a", "notre service", "mon service", "notre mairie", "la mairie", "situation", "un usager", "une usagere", "a recu", "avons recu", "j'ai recu"],
        Criterion::Task => &["redige", "redigez", "resume", "resumez", "ecris", "ecrivez", "propose", "proposez", "reformule", "reformulez", "traduis", "traduisez", "corrige", "corrigez", "liste", "listez", "explique", "expliquez", "simplifie", "simplifiez", "analyse", "analysez", "prepare", "preparez", "compare", "comparez", "verifie", "verifiez", "synthetise", "synthetisez", "fais", "faites", "aide-moi a", "aidez-moi a", "peux-tu", "pouvez-vous", "pourriez-vous"],
        Criterion::Format => &["lignes", "mots", "points", "tableau", "liste a puces", "puces", "paragraphe", "format", "titre", "intertitre", "courriel de", "plan", "etapes", "maximum", "au plus", "au maximum", "une page", "demi-page", "caracteres"],
        Criterion::Audience => &["a destination", "destinataire", "pour un usager", "pour les usagers", "pour le public", "pour des", "pour mon responsable", "pour ma responsable", "pour les elus", "lecteur", "ton ", "registre", "formel", "cordial", "bienveillant", "simple", "falc", "facile a lire", "vouvoie", "vouvoiement"],
        Criterion::Constraints => &["sans ", "ne pas", "n'invente", "ne rien inventer", "evite", "evitez", "uniquement", "seulement", "respecte", "respectez", "pas de ", "aucun", "aucune", "interdit", "signale", "si tu ne sais pas", "si vous ne savez pas"],
        Criterion::Source => &["ci-dessous", "ci-joint", "voici le", "voici la", "voici les", "document", "a partir de", "en t'appuyant", "en vous appuyant", "source", "texte suivant", "extrait", "d'apres le", "selon le"],
        Criterion::NoPersonalData => &[],
    }
}

fn feedback(criterion: Criterion, met: bool) -> &'static str {
    match (criterion, met) {
        (Criterion::Role, true) => "Vous donnez un rôle à l'assistant : il sait de quel point de vue répondre.",
        (Criterion::Role, false) => "Donnez un rôle à l'assistant (« Vous êtes un agent d'accueil… ») : sa réponse sera mieux ajustée.",
        (Criterion::Context, true) => "Vous décrivez la situation : l'assistant peut adapter sa réponse à votre service.",
        (Criterion::Context, false) => "Expliquez la situation en une ou deux phrases (qui, quoi, pourquoi) : sans contexte, la réponse reste générale.",
        (Criterion::Task, true) => "La tâche est claire, avec un verbe d'action.",
        (Criterion::Task, false) => "Dites précisément ce que vous attendez, avec un verbe d'action : « rédigez », « résumez », « reformulez »…",
        (Criterion::Format, true) => "Vous précisez la forme attendue : la réponse sera directement utilisable.",
        (Criterion::Format, false) => "Précisez la forme de la réponse (longueur, liste, tableau, courriel) pour ne pas avoir à la reprendre.",
        (Criterion::Audience, true) => "Vous indiquez à qui s'adresse le texte et sur quel ton.",
        (Criterion::Audience, false) => "Indiquez le destinataire et le ton (usager, élu, collègue ; formel, simple…) : un même contenu ne s'écrit pas pareil pour tous.",
        (Criterion::Constraints, true) => "Vous posez des limites (ce qu'il faut éviter ou respecter) : l'assistant sait où s'arrêter.",
        (Criterion::Constraints, false) => "Ajoutez une contrainte utile, par exemple « n'inventez aucune référence » ou « sans jargon ».",
        (Criterion::Source, true) => "Vous fournissez la source à utiliser : l'assistant s'appuie sur votre document plutôt que sur sa mémoire.",
        (Criterion::Source, false) => "Donnez le texte ou la source sur laquelle s'appuyer : sinon l'assistant répond de mémoire, au risque d'inventer.",
        (Criterion::NoPersonalData, true) => "Aucune donnée personnelle dans votre demande : bon réflexe.",
        (Criterion::NoPersonalData, false) => "Votre demande contient des données personnelles : retirez-les ou remplacez-les avant de l'envoyer à un outil d'IA.",
    }
}

/// Evaluates `prompt` on `criteria`, in the given order.
pub fn evaluate(prompt: &str, criteria: &[Criterion]) -> Vec<CriterionResult> {
    let folded = fold_text(prompt);
    criteria
        .iter()
        .map(|&criterion| {
            let found: Vec<String> = cues(criterion).iter().filter(|cue| folded.contains(*cue)).map(|cue| cue.trim().to_owned()).collect();
            let (met, evidence) = match criterion {
                Criterion::NoPersonalData => {
                    let findings: Vec<String> = privacy::scan(prompt).into_iter().map(|f| f.text).collect();
                    (findings.is_empty(), findings)
                }
                // A long pasted text counts as a source even without an announcing word.
                Criterion::Source if found.is_empty() && (prompt.lines().count() >= 6 || prompt.len() > 600) => {
                    (true, vec!["(texte long collé)".to_owned()])
                }
                _ => (!found.is_empty(), found),
            };
            CriterionResult { criterion, met, evidence, feedback: feedback(criterion, met).to_owned() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met(prompt: &str) -> Vec<Criterion> {
        evaluate(prompt, &Criterion::ALL).into_iter().filter(|r| r.met).map(|r| r.criterion).collect()
    }

    #[test]
    fn a_vague_prompt_meets_little() {
        assert_eq!(met("Le courrier de l'usager."), vec![Criterion::NoPersonalData]);
    }

    #[test]
    fn a_complete_prompt_meets_every_criterion() {
        let prompt = "Vous êtes agent d'accueil dans une mairie. Contexte : un usager nous a écrit au sujet de la cantine. \
                      Rédigez une réponse en dix lignes au plus, sur un ton cordial et simple, pour un usager. \
                      N'inventez aucune règle : appuyez-vous uniquement sur le règlement ci-dessous.\n\nRèglement : …";
        assert_eq!(met(prompt), Criterion::ALL.to_vec());
    }

    #[test]
    fn personal_data_fails_its_criterion_with_advice() {
        let results = evaluate("Résume le courrier de Mme Durand, 06 12 34 56 78.", &[Criterion::Task, Criterion::NoPersonalData]);
        assert!(results[0].met);
        assert!(!results[1].met);
        assert!(results[1].feedback.contains("retirez-les"));
    }
}
