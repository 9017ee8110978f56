//! User accounts: identity, professional e-mail, the unit an agent belongs to, roles, and the
//! rules passwords must follow. Server-only parts: storage, password hashing, sessions, sign-in
//! throttling and the authorisation checks every server function calls.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::i18n::Locale;

pub mod api;
pub mod forms;

#[cfg(feature = "ssr")]
pub mod authz;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod reset;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod verification;

/// What a person may do beyond learning (every account is an agent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Agent,
    Trainer,
    Hr,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Agent, Role::Trainer, Role::Hr, Role::Admin];

    /// The identifier stored in the database and used on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Trainer => "trainer",
            Role::Hr => "hr",
            Role::Admin => "admin",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.id() == id)
    }

    /// HR and trainer roles apply to a unit of the organisation and everything below it.
    pub fn is_scoped(self) -> bool {
        matches!(self, Role::Hr | Role::Trainer)
    }
}

/// A role held by a user, with its scope when the role has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub id: i64,
    pub role: Role,
    pub organization_id: Option<i64>,
}

/// The signed-in person, as every page and server function sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organization_id: Option<i64>,
    /// The IANA time zone of their unit (inherited up the tree, Europe/Paris at the root): the
    /// zone of the times shown to them.
    pub time_zone: String,
    pub roles: Vec<RoleGrant>,
    pub session_id: i64,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|g| g.role == Role::Admin)
    }

    pub fn has_role(&self, role: Role) -> bool {
        role == Role::Agent || self.roles.iter().any(|g| g.role == role)
    }
}

/// Shortest and longest accepted passwords (OWASP ASVS: at least 8, at least 64 allowed).
/// Longest display name, in characters (it is printed on attestations).
pub const DISPLAY_NAME_MAX_CHARS: usize = 120;

/// Why a display name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayNameError {
    Empty,
    TooLong,
}

impl DisplayNameError {
    /// The reason in French, as stored in errors and shown by the command line and SCIM.
    pub fn french(self) -> &'static str {
        match self {
            DisplayNameError::Empty => "indiquez votre nom",
            DisplayNameError::TooLong => "le nom ne doit pas dépasser 120 caractères",
        }
    }

    /// The reason shown in a form, in `locale`.
    #[cfg(feature = "ssr")]
    pub fn message(self, locale: Locale) -> String {
        match self {
            DisplayNameError::Empty => locale.text("accounts-name-empty"),
            DisplayNameError::TooLong => locale.text_with("accounts-name-too-long", &[("max", DISPLAY_NAME_MAX_CHARS.into())]),
        }
    }
}

/// A display name as stored: single spaces; an error when empty or too long.
pub fn check_display_name(name: &str) -> Result<String, DisplayNameError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(DisplayNameError::Empty)
    } else if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        Err(DisplayNameError::TooLong)
    } else {
        Ok(name)
    }
}

/// [`check_display_name`] with the reason in French.
pub fn clean_display_name(name: &str) -> Result<String, &'static str> {
    check_display_name(name).map_err(DisplayNameError::french)
}

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Why a new password is refused. There are no composition rules: length and not being a
/// well-known password matter, character classes do not.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("le mot de passe doit compter au moins 8 caractères")]
    TooShort,
    #[error("le mot de passe ne doit pas dépasser 128 caractères")]
    TooLong,
    #[error("ce mot de passe fait partie des plus utilisés : choisissez-en un autre, par exemple une phrase de plusieurs mots")]
    TooCommon,
    #[error("le mot de passe ne doit pas reprendre votre adresse électronique")]
    ContainsEmail,
}

impl PasswordError {
    /// The reason shown in a form, in `locale` (the `Display` text stays French, for logs).
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: Locale) -> String {
        match self {
            PasswordError::TooShort => locale.text_with("accounts-password-too-short", &[("min", PASSWORD_MIN_CHARS.into())]),
            PasswordError::TooLong => locale.text_with("accounts-password-too-long", &[("max", PASSWORD_MAX_CHARS.into())]),
            PasswordError::TooCommon => locale.text("accounts-password-too-common"),
            PasswordError::ContainsEmail => locale.text("accounts-password-contains-email"),
        }
    }
}

static COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

/// Checks a new password against the policy. `email` is the account's address.
pub fn check_password_policy(password: &str, email: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')).any(|common| common == lower) {
        return Err(PasswordError::TooCommon);
    }
    let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
    if local_part.len() >= 4 && lower.contains(&local_part) {
        return Err(PasswordError::ContainsEmail);
    }
    Ok(())
}

/// A person who can sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organization_id: Option<i64>,
}

/// Why an e-mail address is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum EmailError {
    #[error("l'adresse électronique est obligatoire")]
    Empty,
    #[error("l'adresse électronique doit avoir la forme nom@domaine.fr")]
    Malformed,
    #[error("l'adresse électronique dépasse 254 caractères")]
    TooLong,
}

impl EmailError {
    /// The reason shown in a form, in `locale` (the `Display` text stays French, for logs).
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: Locale) -> String {
        locale.text(match self {
            EmailError::Empty => "accounts-email-empty",
            EmailError::Malformed => "accounts-email-malformed",
            EmailError::TooLong => "accounts-email-too-long",
        })
    }
}

/// Checks the shape of an e-mail address and returns it lower-cased, as it is stored.
///
/// Deliberately simple (one `@`, a dot in the domain, no spaces): the only real proof that an
/// address works is a message that reaches it.
pub fn normalize_email(email: &str) -> Result<String, EmailError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(EmailError::Empty);
    }
    if email.len() > 254 {
        return Err(EmailError::TooLong);
    }
    let (local, domain) = email.split_once('@').ok_or(EmailError::Malformed)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    if local.is_empty() || !domain_ok || email.chars().any(char::is_whitespace) {
        return Err(EmailError::Malformed);
    }
    Ok(email.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_is_about_length_and_commonness() {
        assert_eq!(check_password_policy("court", "a@b.fr"), Err(PasswordError::TooShort));
        assert_eq!(check_password_policy(&"x".repeat(129), "a@b.fr"), Err(PasswordError::TooLong));
        assert_eq!(check_password_policy("Password1", "a@b.fr"), Err(PasswordError::TooCommon));
        assert_eq!(check_password_policy("motdepasse", "a@b.fr"), Err(PasswordError::TooCommon));
        assert_eq!(check_password_policy("jeanne.martin2026", "jeanne.martin@ville.fr"), Err(PasswordError::ContainsEmail));
        assert_eq!(check_password_policy("cheval agrafe pile correcte", "a@b.fr"), Ok(()));
        assert_eq!(check_password_policy("ééééééé€", "a@b.fr"), Ok(()), "length counts characters");
        assert!(COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')).count() >= 10_000);
    }

    /// The French catalogue says exactly what the errors' `Display` says (logs, SCIM, the CLI).
    #[cfg(feature = "ssr")]
    #[test]
    fn form_messages_are_translated_and_match_the_french_errors() {
        use PasswordError::*;
        for error in [TooShort, TooLong, TooCommon, ContainsEmail] {
            assert_eq!(error.message(Locale::Fr), error.to_string());
            assert_ne!(error.message(Locale::En), error.to_string());
        }
        for error in [EmailError::Empty, EmailError::Malformed, EmailError::TooLong] {
            assert_eq!(error.message(Locale::Fr), error.to_string());
            assert_ne!(error.message(Locale::En), error.to_string());
        }
        for error in [DisplayNameError::Empty, DisplayNameError::TooLong] {
            assert_eq!(error.message(Locale::Fr), error.french());
            assert_ne!(error.message(Locale::En), error.french());
        }
        assert_eq!(clean_display_name(&"x".repeat(121)), Err("le nom ne doit pas dépasser 120 caractères"));
    }

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(normalize_email(" Jeanne.Martin@Mairie-Lyon.FR ").unwrap(), "jeanne.martin@mairie-lyon.fr");
        assert_eq!(normalize_email(""), Err(EmailError::Empty));
        for bad in ["jeanne", "@mairie.fr", "jeanne@mairie", "jeanne@.fr", "a b@mairie.fr", "a@b@c.fr", "a@mairie..fr"] {
            assert_eq!(normalize_email(bad), Err(EmailError::Malformed), "{bad}");
        }
    }
}
