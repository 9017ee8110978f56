//! Identity from the employer: sign-in through an OpenID Connect provider (ProConnect, the
//! State's federation, or a CNFPT, Keycloak or Entra ID provider), with local accounts kept as
//! the fallback.
//!
//! This module holds the pure parts: the provider's settings, the identity read from its
//! claims, the display name, and the access rules (allowed SIRETs or e-mail domains). The
//! protocol itself (discovery, code flow, token and userinfo checks) is the `openidconnect`
//! crate's, driven by `oidc.rs`; `service.rs` turns a verified identity into a signed-in account.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod oidc;
#[cfg(feature = "ssr")]
pub mod provisioning;
#[cfg(feature = "ssr")]
pub mod scim;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
pub mod api;
pub mod problems;

pub use problems::ImportProblem;

/// The scopes asked for when `CAMPUS_OIDC_SCOPES` is not set: ProConnect's.
pub const DEFAULT_SCOPES: &str = "openid given_name usual_name email uid siret idp_id";
/// The button's text when `CAMPUS_OIDC_LABEL` is not set.
pub const DEFAULT_LABEL: &str = "ProConnect";
/// Where the provider sends the user back (register it with the provider).
pub const CALLBACK_PATH: &str = "/connexion/oidc/retour";

/// What is known of the provider from the configuration.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    /// The issuer URL; endpoints come from its discovery document, never from here.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: secrecy::SecretString,
    /// The button's text (« Se connecter avec … »).
    pub label: String,
    /// Scopes asked for, `openid` included.
    pub scopes: Vec<String>,
    /// The claim that names the agent's organisation (`siret` for ProConnect).
    pub unit_claim: String,
    /// When not empty, only agents of these SIRETs may sign in.
    pub allowed_sirets: Vec<String>,
    /// When not empty, only these e-mail domains (and their subdomains) may sign in.
    pub allowed_domains: Vec<String>,
}

/// An identity the provider vouched for (ID token and userinfo verified).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub given_name: Option<String>,
    pub usual_name: Option<String>,
    /// The value of the unit claim (a SIRET for ProConnect).
    pub organisation: Option<String>,
}

impl Identity {
    /// « Prénom Nom », or the e-mail, or the subject when the provider gave neither.
    pub fn display_name(&self) -> String {
        let parts: Vec<&str> = [self.given_name.as_deref(), self.usual_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            self.email.clone().unwrap_or_else(|| self.subject.clone())
        } else {
            parts.join(" ")
        }
    }
}

/// What an import of agents did, or would do (a dry run): the same report for both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// `(line, problem)`; when not empty, nothing was written.
    pub problems: Vec<(usize, ImportProblem)>,
    /// Paths of the units created.
    pub units_created: Vec<String>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub reactivated: usize,
    pub deactivated: usize,
    /// The first addresses deactivated (all of them are counted in `deactivated`).
    pub deactivated_listed: Vec<String>,
    pub roles_granted: usize,
    pub sirets_recorded: usize,
}

impl ImportReport {
    pub fn problem(&mut self, line: usize, problem: ImportProblem) {
        self.problems.push((line, problem));
    }

    /// How many things the import changes (0 for a file already applied).
    pub fn changes(&self) -> usize {
        self.units_created.len() + self.created + self.updated + self.reactivated + self.deactivated + self.roles_granted + self.sirets_recorded
    }

    /// One line for the audit log and the command line.
    pub fn summary(&self) -> String {
        format!(
            "{} créé(s), {} modifié(s), {} inchangé(s), {} réactivé(s), {} désactivé(s), {} unité(s) créée(s), {} rôle(s) donné(s), {} SIRET enregistré(s)",
            self.created,
            self.updated,
            self.unchanged,
            self.reactivated,
            self.deactivated,
            self.units_created.len(),
            self.roles_granted,
            self.sirets_recorded
        )
    }

    /// [`ImportReport::summary`] in `locale`, for the page that applied the import.
    #[cfg(feature = "ssr")]
    pub fn summary_in(&self, locale: crate::i18n::Locale) -> String {
        locale.text_with(
            "directory-summary",
            &[
                ("created", self.created.into()),
                ("updated", self.updated.into()),
                ("unchanged", self.unchanged.into()),
                ("reactivated", self.reactivated.into()),
                ("deactivated", self.deactivated.into()),
                ("units", self.units_created.len().into()),
                ("roles", self.roles_granted.into()),
                ("sirets", self.sirets_recorded.into()),
            ],
        )
    }

    /// The problems in `locale`, each placed in the file, for the import page.
    #[cfg(feature = "ssr")]
    pub fn problem_lines_in(&self, locale: crate::i18n::Locale) -> Vec<String> {
        self.problems.iter().map(|(line, problem)| problems::problem_line(*line, problem, locale)).collect()
    }

    /// The problems as `ligne N : …` lines (`fichier : …` for the file as a whole), in French
    /// for the command line.
    pub fn problem_lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|(line, message)| if *line == 0 { format!("fichier : {message}") } else { format!("ligne {line} : {message}") })
            .collect()
    }
}

/// Why an identity may not sign in, as the refusal page explains it (ProConnect asks that the
/// page shows the rule, the organisation and its SIRET).
/// The explanation is written in `locale`.
#[cfg(feature = "ssr")]
pub fn access_refusal(identity: &Identity, settings: &ProviderSettings, locale: crate::i18n::Locale) -> Option<String> {
    let siret_or_none = |siret: &str| if siret.is_empty() { locale.text("oidc-siret-not-given") } else { siret.to_owned() };
    if !settings.allowed_sirets.is_empty() {
        let siret = identity.organisation.as_deref().unwrap_or_default();
        if !settings.allowed_sirets.iter().any(|allowed| allowed == siret) {
            return Some(locale.text_with(
                "oidc-refused-siret",
                &[
                    ("allowed", settings.allowed_sirets.join(", ").into()),
                    ("provider", settings.label.clone().into()),
                    ("siret", siret_or_none(siret).into()),
                ],
            ));
        }
    }
    if !settings.allowed_domains.is_empty() {
        let email = identity.email.as_deref().unwrap_or_default().to_lowercase();
        let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
        let allowed = settings.allowed_domains.iter().any(|d| domain == d || domain.ends_with(&format!(".{d}")));
        if !allowed {
            return Some(locale.text_with(
                "oidc-refused-domain",
                &[
                    ("allowed", settings.allowed_domains.join(", ").into()),
                    ("provider", settings.label.clone().into()),
                    ("email", (if email.is_empty() { locale.text("oidc-email-not-given") } else { email.clone() }).into()),
                    ("siret", siret_or_none(identity.organisation.as_deref().unwrap_or_default()).into()),
                ],
            ));
        }
    }
    None
}

/// Whether `value` looks like a SIRET (14 digits, spaces allowed) and its normalised form.
pub fn normalize_siret(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 14 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    fn settings() -> ProviderSettings {
        ProviderSettings {
            issuer: "https://auth.exemple.gouv.fr".into(),
            client_id: "c".into(),
            client_secret: "s".into(),
            label: "ProConnect".into(),
            scopes: vec!["openid".into()],
            unit_claim: "siret".into(),
            allowed_sirets: vec![],
            allowed_domains: vec![],
        }
    }

    fn identity(email: &str, siret: &str) -> Identity {
        Identity {
            issuer: "i".into(),
            subject: "s".into(),
            email: Some(email.into()),
            given_name: Some("Camille".into()),
            usual_name: Some("Durand".into()),
            organisation: Some(siret.into()),
        }
    }

    #[test]
    fn names_come_from_the_claims() {
        assert_eq!(identity("a@b.fr", "1").display_name(), "Camille Durand");
        let mut bare = identity("a@b.fr", "1");
        bare.given_name = None;
        bare.usual_name = Some("  ".into());
        assert_eq!(bare.display_name(), "a@b.fr");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn access_rules_say_which_rule_refused_and_show_the_siret() {
        use crate::i18n::Locale::{En, Fr};
        assert_eq!(access_refusal(&identity("a@mairie.fr", "21750001600019"), &settings(), Fr), None, "no rule: everyone");
        let sirets = ProviderSettings { allowed_sirets: vec!["21750001600019".into()], ..settings() };
        assert_eq!(access_refusal(&identity("a@mairie.fr", "21750001600019"), &sirets, Fr), None);
        let refusal = access_refusal(&identity("a@mairie.fr", "99999999999999"), &sirets, Fr).unwrap();
        assert!(refusal.contains("21750001600019") && refusal.contains("99999999999999"), "{refusal}");
        assert!(refusal.starts_with("Campus IA est ouvert ici"), "{refusal}");
        let english = access_refusal(&identity("a@mairie.fr", "99999999999999"), &sirets, En).unwrap();
        assert!(english.starts_with("Campus IA is open here") && english.contains("99999999999999"), "{english}");
        let domains = ProviderSettings { allowed_domains: vec!["mairie.fr".into()], ..settings() };
        assert_eq!(access_refusal(&identity("a@service.mairie.fr", "1"), &domains, Fr), None, "subdomains are in");
        assert!(access_refusal(&identity("a@evilmairie.fr", "1"), &domains, Fr).unwrap().contains("evilmairie.fr"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_summary_reads_the_same_in_french_as_in_the_audit_log() {
        use crate::i18n::Locale;
        let report = ImportReport { created: 2, updated: 1, units_created: vec!["A/B".into()], roles_granted: 1, ..ImportReport::default() };
        assert_eq!(report.summary_in(Locale::Fr), report.summary());
        assert_eq!(
            report.summary_in(Locale::En),
            "2 created, 1 updated, 0 unchanged, 0 reactivated, 0 deactivated, 1 unit created, 1 role granted, 0 SIRETs recorded"
        );
    }

    #[test]
    fn sirets_are_fourteen_digits() {
        assert_eq!(normalize_siret("217 500 016 00019").as_deref(), Some("21750001600019"));
        assert_eq!(normalize_siret("2175000160001"), None);
        assert_eq!(normalize_siret("2175000160001A"), None);
    }
}
