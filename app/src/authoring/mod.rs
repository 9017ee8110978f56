//! Authoring (`/formation`, « Espace formateur »): courses written, previewed, validated,
//! published and improved in the browser — drafts, versions and rollback, `.zip` import and
//! export in the format of `courses/`, item analytics, and the problems agents report.

pub mod api;
#[cfg(feature = "ssr")]
pub mod analytics;
#[cfg(feature = "ssr")]
pub mod archive;
#[cfg(feature = "ssr")]
pub mod repository;
