//! User accounts: identity, professional e-mail and the unit an agent belongs to.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod repository;

/// A person who can sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organization_id: Option<i64>,
}

/// Why an e-mail address is refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("l'adresse électronique est obligatoire")]
    Empty,
    #[error("l'adresse électronique doit avoir la forme nom@domaine.fr")]
    Malformed,
    #[error("l'adresse électronique dépasse 254 caractères")]
    TooLong,
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
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(normalize_email(" Jeanne.Martin@Mairie-Lyon.FR ").unwrap(), "jeanne.martin@mairie-lyon.fr");
        assert_eq!(normalize_email(""), Err(EmailError::Empty));
        for bad in ["jeanne", "@mairie.fr", "jeanne@mairie", "jeanne@.fr", "a b@mairie.fr", "a@b@c.fr", "a@mairie..fr"] {
            assert_eq!(normalize_email(bad), Err(EmailError::Malformed), "{bad}");
        }
    }
}
