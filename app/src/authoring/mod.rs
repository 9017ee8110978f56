//! Authoring (`/formation`, « Espace formateur »): courses written, previewed, validated,
//! published and improved in the browser — drafts, versions and rollback, `.zip` import and
//! export in the format of `courses/`, item analytics, and the problems agents report.

/// The form under which every authoring action reports its outcome (a [`FormFeedback`]), and
/// that each authoring page shows.
///
/// [`FormFeedback`]: crate::accounts::forms::FormFeedback
pub const FEEDBACK_FORM: &str = "formation";

pub mod api;
#[cfg(feature = "ssr")]
pub mod analytics;
#[cfg(feature = "ssr")]
pub mod archive;
#[cfg(feature = "ssr")]
pub mod repository;
