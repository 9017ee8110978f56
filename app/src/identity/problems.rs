//! The problems an import of agents finds, line by line. Their `Display` is French, for the
//! command line (`campus directory import`) and the logs; the import page reads
//! [`ImportProblem::message`], in the visitor's language.

use serde::{Deserialize, Serialize};

use crate::accounts::EmailError;
#[cfg(feature = "ssr")]
use crate::i18n::Locale;

/// One problem of an import file (or of applying it to the tree of units).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ImportProblem {
    #[error("le fichier dépasse {megabytes} Mo")]
    FileTooLarge { megabytes: usize },
    #[error("le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 » depuis votre tableur)")]
    NotUtf8,
    #[error("en-tête illisible : {0}")]
    UnreadableHeader(String),
    #[error("colonne « {name} » inconnue (attendu : {expected} ; facultatif : {optional})")]
    UnknownColumn { name: String, expected: String, optional: String },
    #[error("colonne « {0} » en double")]
    DuplicateColumn(String),
    #[error("colonne obligatoire « {name} » absente de l'en-tête (séparateur lu : « {delimiter} »)")]
    MissingColumn { name: String, delimiter: String },
    #[error("plus de {0} problèmes : vérifiez qu'il s'agit du bon fichier")]
    TooManyProblems(usize),
    #[error("ligne illisible : {0}")]
    UnreadableLine(String),
    #[error("{error} (« {value} »)")]
    InvalidEmail { error: EmailError, value: String },
    #[error("le prénom est vide")]
    GivenNameEmpty,
    #[error("le nom est vide")]
    FamilyNameEmpty,
    #[error("le prénom dépasse {0} caractères")]
    GivenNameTooLong(usize),
    #[error("le nom dépasse {0} caractères")]
    FamilyNameTooLong(usize),
    #[error("l'unité est vide ou mal écrite (« {0} » ; un code, ou un chemin « Direction / Service »)")]
    MalformedUnit(String),
    #[error("le rôle administrateur ne s'importe pas : donnez-le depuis la page d'administration")]
    AdminRole,
    #[error("rôle « {0} » inconnu (agent, formateur ou rh)")]
    UnknownRole(String),
    #[error("le SIRET « {0} » n'a pas 14 chiffres")]
    MalformedSiret(String),
    #[error("l'adresse {email} figure déjà ligne {first}")]
    DuplicateEmail { email: String, first: usize },
    #[error("l'identifiant {id} figure déjà ligne {first}")]
    DuplicateIdentifier { id: String, first: usize },
    #[error("le fichier ne contient aucun agent après l'en-tête")]
    NoAgents,
    #[error("le SIRET {siret} est déjà celui de l'unité « {unit} »")]
    SiretTaken { siret: String, unit: String },
    #[error("l'unité « {unit} » a déjà le SIRET {other}, pas {siret}")]
    UnitHasOtherSiret { unit: String, other: String, siret: String },
    #[error("{email} est un agent de l'unité « {unit} », hors de votre périmètre")]
    AgentOutOfScope { email: String, unit: String },
    #[error("l'adresse {email} est celle d'un autre compte que celui de l'identifiant {id}")]
    EmailOfAnotherAccount { email: String, id: String },
    #[error("{0} désigne le même agent qu'une ligne précédente (adresse ou identifiant)")]
    SameAgentTwice(String),
    #[error("le nom d'unité « {name} » dépasse {max} caractères")]
    UnitNameTooLong { name: String, max: usize },
    #[error("aucune unité n'a le code « {0} », et aucune unité de premier niveau ne porte ce nom (pour en créer une, écrivez son chemin : « Parent / {0} »)")]
    UnknownUnitCode(String),
    #[error("l'unité « {0} » n'existe pas, et elle ne peut être créée que dans votre périmètre")]
    UnitOutsideScopeToCreate(String),
    #[error("l'unité est vide")]
    EmptyUnit,
    #[error("l'unité « {0} » est hors de votre périmètre")]
    UnitOutOfScope(String),
    /// A problem recorded before problems had their own variants (a report stored in French).
    #[error("{0}")]
    #[serde(untagged)]
    Text(String),
}

impl ImportProblem {
    /// The problem in `locale` (the `Display` text stays French, for the command line).
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: Locale) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        use ImportProblem::*;
        let text = |key: &str| locale.text(key);
        let with = |key: &str, args: &[(&'static str, String)]| {
            let args: Vec<(&'static str, FluentValue<'static>)> = args.iter().map(|(name, value)| (*name, FluentValue::from(value.clone()))).collect();
            locale.text_with(key, &args)
        };
        let s = |value: &str| value.to_owned();
        let n = |value: usize| value.to_string();
        match self {
            FileTooLarge { megabytes } => with("import-file-too-large", &[("megabytes", n(*megabytes))]),
            NotUtf8 => text("import-not-utf8"),
            UnreadableHeader(detail) => with("import-unreadable-header", &[("detail", s(detail))]),
            UnknownColumn { name, expected, optional } => {
                with("import-unknown-column", &[("name", s(name)), ("expected", s(expected)), ("optional", s(optional))])
            }
            DuplicateColumn(name) => with("import-duplicate-column", &[("name", s(name))]),
            MissingColumn { name, delimiter } => with("import-missing-column", &[("name", s(name)), ("delimiter", s(delimiter))]),
            TooManyProblems(max) => with("import-too-many-problems", &[("max", n(*max))]),
            UnreadableLine(detail) => with("import-unreadable-line", &[("detail", s(detail))]),
            InvalidEmail { error, value } => with("import-invalid-email", &[("reason", error.message(locale)), ("value", s(value))]),
            GivenNameEmpty => text("import-given-name-empty"),
            FamilyNameEmpty => text("import-family-name-empty"),
            GivenNameTooLong(max) => with("import-given-name-too-long", &[("max", n(*max))]),
            FamilyNameTooLong(max) => with("import-family-name-too-long", &[("max", n(*max))]),
            MalformedUnit(value) => with("import-malformed-unit", &[("value", s(value))]),
            AdminRole => text("import-admin-role"),
            UnknownRole(value) => with("import-unknown-role", &[("value", s(value))]),
            MalformedSiret(value) => with("import-malformed-siret", &[("value", s(value))]),
            DuplicateEmail { email, first } => with("import-duplicate-email", &[("email", s(email)), ("first", n(*first))]),
            DuplicateIdentifier { id, first } => with("import-duplicate-identifier", &[("id", s(id)), ("first", n(*first))]),
            NoAgents => text("import-no-agents"),
            SiretTaken { siret, unit } => with("import-siret-taken", &[("siret", s(siret)), ("unit", s(unit))]),
            UnitHasOtherSiret { unit, other, siret } => {
                with("import-unit-has-other-siret", &[("unit", s(unit)), ("other", s(other)), ("siret", s(siret))])
            }
            AgentOutOfScope { email, unit } => with("import-agent-out-of-scope", &[("email", s(email)), ("unit", s(unit))]),
            EmailOfAnotherAccount { email, id } => with("import-email-of-another-account", &[("email", s(email)), ("id", s(id))]),
            SameAgentTwice(email) => with("import-same-agent-twice", &[("email", s(email))]),
            UnitNameTooLong { name, max } => with("import-unit-name-too-long", &[("name", s(name)), ("max", n(*max))]),
            UnknownUnitCode(reference) => with("import-unknown-unit-code", &[("reference", s(reference))]),
            UnitOutsideScopeToCreate(reference) => with("import-unit-outside-scope", &[("reference", s(reference))]),
            EmptyUnit => text("import-empty-unit"),
            UnitOutOfScope(unit) => with("import-unit-out-of-scope", &[("unit", s(unit))]),
            Text(message) => message.clone(),
        }
    }

    /// Every variant once, with sample values (for the catalogue tests).
    #[cfg(all(test, feature = "ssr"))]
    pub fn samples() -> Vec<ImportProblem> {
        use ImportProblem::*;
        let v = || "x".to_owned();
        vec![
            FileTooLarge { megabytes: 16 },
            NotUtf8,
            UnreadableHeader(v()),
            UnknownColumn { name: v(), expected: v(), optional: v() },
            DuplicateColumn(v()),
            MissingColumn { name: v(), delimiter: ";".into() },
            TooManyProblems(200),
            UnreadableLine(v()),
            InvalidEmail { error: EmailError::Malformed, value: v() },
            GivenNameEmpty,
            FamilyNameEmpty,
            GivenNameTooLong(100),
            FamilyNameTooLong(100),
            MalformedUnit(v()),
            AdminRole,
            UnknownRole(v()),
            MalformedSiret(v()),
            DuplicateEmail { email: v(), first: 2 },
            DuplicateIdentifier { id: v(), first: 2 },
            NoAgents,
            SiretTaken { siret: v(), unit: v() },
            UnitHasOtherSiret { unit: v(), other: v(), siret: v() },
            AgentOutOfScope { email: v(), unit: v() },
            EmailOfAnotherAccount { email: v(), id: v() },
            SameAgentTwice(v()),
            UnitNameTooLong { name: v(), max: 120 },
            UnknownUnitCode(v()),
            UnitOutsideScopeToCreate(v()),
            EmptyUnit,
            UnitOutOfScope(v()),
        ]
    }
}

/// A problem placed in the file, in `locale`: `line` 0 is the file as a whole.
#[cfg(feature = "ssr")]
pub fn problem_line(line: usize, problem: &ImportProblem, locale: Locale) -> String {
    let problem = problem.message(locale);
    if line == 0 {
        locale.text_with("import-problem-file", &[("problem", problem.into())])
    } else {
        locale.text_with("import-problem-line", &[("line", line.into()), ("problem", problem.into())])
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn french_messages_are_the_display_and_english_ones_differ() {
        for problem in ImportProblem::samples() {
            assert_eq!(problem.message(Locale::Fr), problem.to_string(), "{problem:?}");
            assert_ne!(problem.message(Locale::En), problem.to_string(), "{problem:?}");
            assert!(!problem.message(Locale::En).starts_with("import-"), "{problem:?}");
        }
        assert_eq!(problem_line(3, &ImportProblem::NoAgents, Locale::Fr), "ligne 3 : le fichier ne contient aucun agent après l'en-tête");
        assert_eq!(problem_line(0, &ImportProblem::NotUtf8, Locale::En).split(':').next(), Some("file"));
    }

    #[test]
    fn a_report_stored_before_the_variants_still_reads() {
        let old: Vec<(usize, ImportProblem)> = serde_json::from_str(r#"[[2, "l'unité est vide"]]"#).unwrap();
        assert_eq!(old, vec![(2, ImportProblem::Text("l'unité est vide".into()))]);
        let new = serde_json::to_string(&vec![(2, ImportProblem::EmptyUnit)]).unwrap();
        let back: Vec<(usize, ImportProblem)> = serde_json::from_str(&new).unwrap();
        assert_eq!(back, vec![(2, ImportProblem::EmptyUnit)]);
    }
}
