//! The organisation tree (ministry → direction → service → …, any depth).
//!
//! HR roles and assignments are scoped to a unit and everything below it, so the tree is the
//! backbone of authorisation and reporting.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod repository;

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

/// Longest accepted unit name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

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
}
