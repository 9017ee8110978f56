//! The free-practice scenarios of the sandbox: everyday public-service tasks to try the
//! simulated assistant on, each with the answer it gives to a complete request.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: &'static str,
    pub title: &'static str,
    pub situation: &'static str,
    pub reference_answer: &'static str,
}

pub const SCENARIOS: [Scenario; 4] = [
    Scenario {
        id: "repondre-a-un-usager",
        title: "Répondre à un usager",
        situation: "Un usager écrit à la mairie : il n'a pas reçu la facture de cantine de son enfant et s'inquiète d'une pénalité. \
                    Demandez à l'assistant un projet de réponse courtois et clair (données fictives : n'y mettez ni nom ni coordonnées).",
        reference_answer: "Madame, Monsieur,\n\nNous avons bien reçu votre message concernant la facture de cantine. \
                           Elle vous sera renvoyée dans les prochains jours ; aucune pénalité ne sera appliquée pour ce retard qui ne vous est pas imputable.\n\n\
                           Nous restons à votre disposition pour toute question.\n\nLe service scolaire",
    },
    Scenario {
        id: "resumer-un-rapport",
        title: "Résumer un rapport",
        situation: "Votre responsable vous demande la synthèse d'un rapport d'activité de 30 pages pour une réunion. \
                    Demandez à l'assistant un résumé utile, en lui donnant un extrait du rapport.",
        reference_answer: "Synthèse en cinq points :\n- l'activité a progressé sur l'année ;\n- les délais de traitement ont baissé ;\n\
                           - deux projets ont pris du retard ;\n- les moyens humains restent tendus ;\n- trois décisions sont attendues de la réunion.",
    },
    Scenario {
        id: "compte-rendu-de-reunion",
        title: "Rédiger un compte rendu de réunion",
        situation: "Vous avez pris des notes en vrac pendant une réunion de service. \
                    Demandez à l'assistant de les mettre en forme en compte rendu, sans rien inventer.",
        reference_answer: "Compte rendu de la réunion de service\n\nParticipants : [à compléter]\n\n1. Points abordés : …\n2. Décisions : …\n3. Actions, responsables et échéances : …",
    },
    Scenario {
        id: "simplifier-un-courrier",
        title: "Simplifier un courrier administratif",
        situation: "Un courrier type de la préfecture est jugé trop complexe par les usagers. \
                    Demandez à l'assistant une version en langage clair, en lui donnant le texte d'origine.",
        reference_answer: "Bonjour,\n\nVotre demande de titre de séjour est incomplète. Il manque deux documents : un justificatif de domicile de moins de trois mois et une photo d'identité.\n\n\
                           Envoyez-les avant le [date] pour que votre dossier soit étudié.",
    },
];

pub fn find(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}
