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
