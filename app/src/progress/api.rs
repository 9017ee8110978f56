//! Server functions for the learner's dashboard and attestations.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::CourseProgress;

#[server]
pub async fn load_dashboard() -> Result<Vec<CourseProgress>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    super::repository::dashboard(&state.db, user.id).await.map_err(unavailable)
}

/// What the public verification page shows: enough to confirm, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationView {
    pub learner: String,
    pub course_title: String,
    pub completed_at: i64,
    pub code: String,
    pub duration_minutes: u32,
    pub version_id: i64,
}

#[server]
pub async fn load_attestation(code: String) -> Result<Option<AttestationView>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    super::repository::attestation(&state.db, &code.trim().to_uppercase()).await.map_err(unavailable)
}
