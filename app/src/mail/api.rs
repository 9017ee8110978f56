//! Server function of the administrators' view of the outbox.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::QueuedMail;

/// The outbox as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailQueueView {
    /// Whether a relay is configured (`CAMPUS_SMTP_URL`); without one no message is sent.
    pub enabled: bool,
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// The 50 most recent messages, newest first.
    pub recent: Vec<QueuedMail>,
}

#[server]
pub async fn load_mail_queue() -> Result<MailQueueView, crate::error::AppError> {
    let state = crate::error::state()?;
    crate::accounts::authz::require_admin()?;
    let (recent, [pending, sent, failed]) = super::repository::recent(&state.db, 50).await?;
    Ok(MailQueueView { enabled: state.mail_enabled, pending, sent, failed, recent })
}

/// The signed-in user's optional messages, as the account page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreferencesView {
    /// Whether mail is sent on this site at all.
    pub enabled: bool,
    pub assignments: bool,
    pub hr_digest: bool,
}

#[server]
pub async fn load_mail_preferences() -> Result<MailPreferencesView, crate::error::AppError> {
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let preferences = super::notices::preferences(&state.db, user.id).await?;
    let wants = |topic| preferences.iter().any(|(t, on)| *t == topic && *on);
    Ok(MailPreferencesView { enabled: state.mail_enabled, assignments: wants(super::Topic::Assignments), hr_digest: wants(super::Topic::HrDigest) })
}

/// Saves the account page's checkboxes (an unchecked box is not sent by the browser).
#[server]
pub async fn save_mail_preferences(assignments: Option<String>, hr_digest: Option<String>) -> Result<(), crate::error::AppError> {
    use crate::{accounts::forms::FormFeedback, web::redirect_with};
    let state = crate::error::state()?;
    let user = crate::accounts::authz::require_user()?;
    let wanted = [(super::Topic::Assignments, assignments.is_some()), (super::Topic::HrDigest, hr_digest.is_some())];
    super::notices::set_preferences(&state.db, user.id, &wanted).await?;
    redirect_with(&FormFeedback::success("courriels", crate::request_locale().text("mail-prefs-saved")), "/mon-compte#compte-courriels");
    Ok(())
}
