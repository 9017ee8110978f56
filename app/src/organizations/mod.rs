//! The organisation tree (ministry → direction → service → …, any depth).
//!
//! HR roles and assignments are scoped to a unit and everything below it, so the tree is the
//! backbone of authorisation and reporting.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod zones;

/// One unit of the organisation tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Organization {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

/// Why a unit name is refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrganizationNameError {
    #[error("le nom de l'unité est obligatoire")]
    Empty,
    #[error("le nom de l'unité dépasse {max} caractères")]
    TooLong { max: usize },
}

/// The zones of the French territories, offered on the unit form, with the key of their names
/// in the catalogues (`zone-reunion` on the form, `zone-reunion-short` after a time). The server
/// accepts any IANA zone; one outside this list is shown by the last part of its name.
pub const TIME_ZONE_CHOICES: &[(&str, &str)] = &[
    ("Europe/Paris", "paris"),
    ("America/Guadeloupe", "guadeloupe"),
    ("America/Martinique", "martinique"),
    ("America/Cayenne", "guyane"),
    ("Indian/Reunion", "reunion"),
    ("Indian/Mayotte", "mayotte"),
    ("America/Miquelon", "saint-pierre-et-miquelon"),
    ("America/St_Barthelemy", "saint-barthelemy"),
    ("America/Marigot", "saint-martin"),
    ("Pacific/Noumea", "nouvelle-caledonie"),
    ("Pacific/Tahiti", "tahiti"),
    ("Pacific/Marquesas", "marquises"),
    ("Pacific/Gambier", "gambier"),
    ("Pacific/Wallis", "wallis-et-futuna"),
    ("Indian/Kerguelen", "taaf"),
];

/// Why a time zone is refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("le fuseau horaire « {0} » n'existe pas : choisissez-en un dans la liste")]
pub struct UnknownTimeZone(pub String);

/// Longest accepted unit name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

impl OrganizationNameError {
    /// The reason shown in a form, in `locale` (the `Display` text stays French, for logs).
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        match self {
            OrganizationNameError::Empty => locale.text("units-name-empty"),
            OrganizationNameError::TooLong { max } => locale.text_with("units-name-too-long", &[("max", (*max).into())]),
        }
    }
}

impl UnknownTimeZone {
    /// The reason shown in a form, in `locale`.
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        locale.text_with("units-unknown-time-zone", &[("zone", self.0.clone().into())])
    }
}

/// Why a change to the tree was refused, in `locale` (the errors' `Display` stays French, for
/// logs). A database failure is not a reason to show: callers log it and answer « unavailable ».
#[cfg(feature = "ssr")]
pub fn change_refusal(error: &repository::OrganizationError, locale: crate::i18n::Locale) -> String {
    use repository::OrganizationError;
    match error {
        OrganizationError::InvalidName(reason) => reason.message(locale),
        OrganizationError::UnknownParent => locale.text("units-unknown-parent"),
        OrganizationError::Cycle => locale.text("units-cycle"),
        OrganizationError::InvalidSiret(siret) => locale.text_with("units-invalid-siret", &[("siret", siret.clone().into())]),
        OrganizationError::SiretTaken(siret) => locale.text_with("units-siret-taken", &[("siret", siret.clone().into())]),
        OrganizationError::UnknownTimeZone(zone) => zone.message(locale),
        other => other.to_string(),
    }
}

/// Trims a unit name and checks its length.
pub fn validate_name(name: &str) -> Result<String, OrganizationNameError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(OrganizationNameError::Empty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(OrganizationNameError::TooLong { max: MAX_NAME_CHARS })
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_name("  Direction   des achats ").unwrap(), "Direction des achats");
        assert_eq!(validate_name(" \t "), Err(OrganizationNameError::Empty));
        assert_eq!(
            validate_name(&"é".repeat(MAX_NAME_CHARS + 1)),
            Err(OrganizationNameError::TooLong { max: MAX_NAME_CHARS })
        );
    }

    /// The French catalogue says exactly what the errors' `Display` says.
    #[cfg(feature = "ssr")]
    #[test]
    fn refusals_are_translated_and_match_the_french_errors() {
        use crate::i18n::Locale;
        use repository::OrganizationError;
        let errors = [
            OrganizationError::InvalidName(OrganizationNameError::Empty),
            OrganizationError::InvalidName(OrganizationNameError::TooLong { max: MAX_NAME_CHARS }),
            OrganizationError::UnknownParent,
            OrganizationError::Cycle,
            OrganizationError::InvalidSiret("123".into()),
            OrganizationError::SiretTaken("21750001600019".into()),
            OrganizationError::UnknownTimeZone(UnknownTimeZone("Mars/Olympus".into())),
        ];
        for error in &errors {
            assert_eq!(change_refusal(error, Locale::Fr), error.to_string());
            assert_ne!(change_refusal(error, Locale::En), error.to_string());
        }
    }
}
