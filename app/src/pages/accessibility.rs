//! The accessibility statement (« Déclaration d'accessibilité ») at `/accessibilite`, in the form
//! set by the RGAA 4.1 for French public services (loi n° 2005-102 du 11 février 2005, art. 47;
//! décret n° 2019-768 du 24 juillet 2019).
//!
//! The text is deliberately written here in French and not in the translation catalogue: the
//! statement is a French legal text, so it is marked `lang="fr"` whatever the interface language.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::breadcrumb::Breadcrumb;

/// The accessibility statement of this Campus IA instance.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text="Déclaration d'accessibilité"/>
        <Meta
            name="description"
            content="Déclaration d'accessibilité de Campus IA : état de conformité au RGAA 4.1, contenus non accessibles, contact et voies de recours."
        />
        <div class="page narrow" lang="fr">
            <Breadcrumb trail=vec![
                ("Accueil".to_owned(), "/".to_owned()),
                ("Accessibilité".to_owned(), "/accessibilite".to_owned()),
            ]/>
            <h1>"Déclaration d'accessibilité"</h1>
            <p>
                "L'organisme qui exploite cette instance de Campus IA s'engage à rendre son site internet accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005."
            </p>
            <p>
                "Cette déclaration d'accessibilité s'applique à la plateforme de formation Campus IA, c'est-à-dire au logiciel libre Campus IA tel qu'il est installé sur ce site."
            </p>
            <p class="callout">
                "Note : Campus IA est un logiciel libre que chaque organisme peut déployer. L'organisme qui le déploie doit compléter cette déclaration avec son propre nom, son adresse de contact, la date et les résultats de son audit, ainsi que le lien vers son schéma pluriannuel de mise en accessibilité et son plan d'action de l'année en cours."
            </p>
            {conformity()}
            {test_results()}
            {known_limits()}
            {about_this_statement()}
            {contact_and_recourse()}
        </div>
    }
}

/// « État de conformité » : the RGAA status, and why it is « non conforme » until an audit.
fn conformity() -> impl IntoView {
    view! {
        <h2>"État de conformité"</h2>
        <p>
            "Campus IA est « non conforme » avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1."
        </p>
        <p>
            "Ce statut ne signifie pas que le site est inaccessible : le RGAA impose de déclarer un site « non conforme » tant qu'aucun audit en cours de validité ne permet de mesurer le respect de ses critères. Aucun audit complet n'a encore été réalisé par un auditeur indépendant ; les vérifications décrites ci-dessous sont des contrôles automatisés menés par l'équipe de développement. Le statut sera mis à jour après un audit."
        </p>
    }
}

/// « Résultats des tests » : the automated checks made at each change, and their limits.
fn test_results() -> impl IntoView {
    view! {
        <h2>"Résultats des tests"</h2>
        <p>"En l'absence d'audit, aucun taux de conformité n'est publié. Les contrôles suivants sont faits à chaque évolution du logiciel :"</p>
        <ul>
            <li>
                "chaque type de page est analysé automatiquement avec l'outil axe-core (règles WCAG 2.0 et 2.1, niveaux A et AA) dans la suite de tests de bout en bout, pour chaque rôle : visiteur, agent, formateur, ressources humaines et administrateur ;"
            </li>
            <li>"la navigation au clavier est vérifiée sur les parcours principaux ;"</li>
            <li>"le fonctionnement des pages sans JavaScript est vérifié."</li>
        </ul>
        <p>
            "Un outil automatique ne détecte qu'une partie seulement des défauts d'accessibilité : de nombreux critères du RGAA demandent une vérification humaine (pertinence des alternatives textuelles, clarté des intitulés, cohérence de la navigation, etc.). Ces contrôles ne remplacent donc pas un audit."
        </p>
    }
}

/// « Contenus non accessibles » : the known limits.
fn known_limits() -> impl IntoView {
    view! {
        <h2>"Contenus non accessibles"</h2>
        <p>"Les limites connues sont les suivantes :"</p>
        <ul>
            <li>
                "le graphique d'achèvement des formations du tableau de bord des ressources humaines est une image (SVG) ; ses données sont aussi présentées dans un tableau placé juste en dessous ;"
            </li>
            <li>
                "le contenu des cours est rédigé par les formateurs et peut contenir des images dont l'alternative textuelle n'est pas adaptée : le validateur de cours refuse les images sans alternative textuelle, mais il ne peut pas juger de la qualité de celle-ci ;"
            </li>
            <li>
                "les attestations téléchargeables sont des pages HTML à imprimer ; aucun document PDF balisé n'est produit ;"
            </li>
            <li>"les réponses de l'assistant simulé de l'atelier sont du texte brut, sans mise en forme structurée."</li>
        </ul>
        <p>"Aucune dérogation pour charge disproportionnée n'est invoquée."</p>
    }
}

/// « Établissement de cette déclaration » : date, technologies, test environment, pages checked.
fn about_this_statement() -> impl IntoView {
    view! {
        <h2>"Établissement de cette déclaration"</h2>
        <p>"Cette déclaration a été établie le 26 novembre 2026."</p>
        <p>"Technologies utilisées pour la réalisation du site :"</p>
        <ul>
            <li>"HTML5 ;"</li>
            <li>"CSS ;"</li>
            <li>"WebAssembly, de façon facultative : le site fonctionne sans JavaScript."</li>
        </ul>
        <p>"Environnement de test : navigateur Chromium sans interface (headless) avec l'outil axe-core."</p>
        <p>"Pages vérifiées :"</p>
        <ul>
            <li>"l'accueil ;"</li>
            <li>"le catalogue des formations ;"</li>
            <li>"la page d'un cours ;"</li>
            <li>"la page d'un module, avec son quiz et son exercice ;"</li>
            <li>"l'atelier (pratique avec l'assistant simulé) ;"</li>
            <li>"la connexion et la création de compte ;"</li>
            <li>"la page du compte ;"</li>
            <li>"« Mon parcours » ;"</li>
            <li>"l'attestation de formation ;"</li>
            <li>"le tableau de bord des ressources humaines ;"</li>
            <li>"les affectations de formations ;"</li>
            <li>"les pages d'administration ;"</li>
            <li>"l'espace formateur."</li>
        </ul>
    }
}

/// « Retour d'information et contact » and « Voies de recours ».
fn contact_and_recourse() -> impl IntoView {
    view! {
        <h2>"Retour d'information et contact"</h2>
        <p>
            "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du site, dont l'adresse figure dans les mentions légales de l'organisme qui déploie Campus IA, pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme."
        </p>

        <h2>"Voies de recours"</h2>
        <p>
            "Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services du site et vous n'avez pas obtenu de réponse satisfaisante."
        </p>
        <p>"Vous pouvez :"</p>
        <ul>
            <li>
                "écrire un message au "
                <a href="https://formulaire.defenseurdesdroits.fr/">"Défenseur des droits"</a>
                " ;"
            </li>
            <li>
                "contacter "
                <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">
                    "le délégué du Défenseur des droits dans votre région"
                </a>
                " ;"
            </li>
            <li>
                "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."
            </li>
        </ul>
    }
}
