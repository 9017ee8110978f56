//! Server functions for the learner's dashboard and attestations.

use leptos::prelude::*;

use super::CourseProgress;

#[server]
pub async fn load_dashboard() -> Result<Vec<CourseProgress>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    super::repository::dashboard(&state.db, user.id).await.map_err(unavailable)
}

pub use super::AttestationView;

#[server]
pub async fn load_attestation(code: String) -> Result<Option<AttestationView>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    super::repository::attestation(&state.db, &code.trim().to_uppercase()).await.map_err(unavailable)
}

/// Longest reason given for a revocation.
pub const MAX_REVOCATION_REASON_CHARS: usize = 500;

/// Revokes an attestation (administrators only): the public check then says it is revoked, with
/// the date and the reason. The revocation and its audit entry are one transaction.
#[server]
pub async fn revoke_attestation(code: String, reason: String) -> Result<(), crate::error::AppError> {
    use crate::{accounts::forms::FormFeedback, error::AppError, web::redirect_with};
    let state = crate::error::state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let locale = crate::request_locale();
    let code = code.trim().to_uppercase();
    let back = format!("/attestations/{code}");
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let refusal = if reason.is_empty() {
        Some(locale.text("attestation-reason-needed"))
    } else if reason.chars().count() > MAX_REVOCATION_REASON_CHARS {
        Some(locale.text_with("attestation-reason-too-long", &[("max", MAX_REVOCATION_REASON_CHARS.into())]))
    } else {
        None
    };
    // The error sets its status first; a plain form post is then redirected back to the page.
    if let Some(refusal) = refusal {
        let error = AppError::invalid(refusal.clone());
        redirect_with(&FormFeedback::new("revocation").error("reason", refusal).failure(locale.text("attestation-not-revoked")), &back);
        return Err(error);
    }
    let revoked = super::repository::revoke_attestation(&state.db, &code, &reason, admin.id).await?;
    if !revoked {
        let error = AppError::not_found(locale.text("attestation-revocation-unknown"));
        redirect_with(&FormFeedback::new("revocation").failure(error.to_string()), &back);
        return Err(error);
    }
    redirect_with(&FormFeedback::success("revocation", locale.text("attestation-revocation-done")), &back);
    Ok(())
}
