//! Server functions of the administrators' page for xAPI credentials: create one for a unit
//! (its secret is shown once), list them, revoke one.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialView {
    pub id: i64,
    pub label: String,
    pub unit: String,
    pub key_id: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// The secret of a credential just created, shown once: `reveal` is `{id}:{one-time key}` from
/// the creation's feedback (the cookie never holds the secret itself; the database only holds it
/// sealed, and the seal is erased here).
#[server]
pub async fn reveal_xapi_secret(reveal: String) -> Result<Option<String>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    crate::accounts::authz::require_admin()?;
    let Some((id, key)) = reveal.split_once(':').and_then(|(id, key)| Some((id.parse::<i64>().ok()?, key))) else {
        return Ok(None);
    };
    super::store::reveal_secret(&state.db, id, key).await.map_err(unavailable)
}

#[server]
pub async fn load_xapi_credentials() -> Result<Vec<CredentialView>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    crate::accounts::authz::require_admin()?;
    Ok(super::store::list_credentials(&state.db)
        .await
        .map_err(unavailable)?
        .into_iter()
        .map(|c| CredentialView { id: c.id, label: c.label, unit: c.organization, key_id: c.key_id, created_at: c.created_at, revoked_at: c.revoked_at })
        .collect())
}

#[server]
pub async fn create_xapi_credential(label: String, organization_id: String) -> Result<(), ServerFnError> {
    use crate::{
        accounts::forms::FormFeedback, web::redirect_with,
        audit,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let locale = crate::request_locale();
    let label = label.trim().to_owned();
    let mut feedback = FormFeedback::new("xapi").value("label", &label);
    if label.is_empty() || label.chars().count() > 100 {
        feedback = feedback.error("label", locale.text_with("admin-xapi-label-length", &[("max", 100_usize.into())]));
    }
    let unit = organization_id.trim().parse::<i64>().ok();
    let known = match unit {
        Some(id) => crate::organizations::repository::find(&state.db, id).await.map_err(unavailable)?.is_some(),
        None => false,
    };
    if !known {
        feedback = feedback.error("organization_id", locale.text("admin-xapi-choose-unit"));
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("admin-xapi-not-created")), "/admin/xapi");
        return Ok(());
    }
    let unit = unit.unwrap_or_default();
    let (id, key, one_time_key) = super::store::create_credential(&state.db, unit, &label, admin.id).await.map_err(unavailable)?;
    audit::record(&state.db, Some(admin.id), "xapi.credential.create", &format!("organization:{unit}"), &format!("{label} ({key})"))
        .await
        .map_err(unavailable)?;
    let message = locale.text_with("admin-xapi-created-with-key", &[("key", key.clone().into())]);
    let mut feedback = FormFeedback::success("xapi", message);
    feedback.reveal = Some(format!("{id}:{one_time_key}"));
    redirect_with(&feedback, "/admin/xapi");
    Ok(())
}

#[server]
pub async fn revoke_xapi_credential(id: i64) -> Result<(), ServerFnError> {
    use crate::{
        accounts::forms::FormFeedback, web::redirect_with,
        audit,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let admin = crate::accounts::authz::require_admin()?;
    if super::store::revoke_credential(&state.db, id).await.map_err(unavailable)? {
        audit::record(&state.db, Some(admin.id), "xapi.credential.revoke", &format!("xapi_credential:{id}"), "").await.map_err(unavailable)?;
    }
    redirect_with(&FormFeedback::success("xapi", crate::request_locale().text("admin-xapi-revoked-done")), "/admin/xapi");
    Ok(())
}
