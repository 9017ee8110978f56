//! Server functions of the identity pages: the sign-in button's label, and confirming that a
//! provider's identity may be linked to an existing local account.

use leptos::prelude::*;

/// The provider's button text when one is configured (« ProConnect »), for the sign-in page.
pub fn provider_label() -> Option<String> {
    #[cfg(feature = "ssr")]
    return use_context::<crate::state::AppState>().and_then(|state| state.oidc.as_ref().map(|p| p.settings.label.clone()));
    #[cfg(not(feature = "ssr"))]
    None
}

/// The e-mail of the local account a pending link would join, and the provider's name; `None`
/// when the link expired or was used.
#[server]
pub async fn load_pending_link(token: String) -> Result<Option<(String, String)>, ServerFnError> {
    use crate::error::{app_state, unavailable};
    let state = app_state()?;
    let label = state.oidc.as_ref().map(|p| p.settings.label.clone()).unwrap_or_default();
    Ok(super::service::pending_link(&state.db, &token).await.map_err(unavailable)?.map(|(_, email, _, _)| (email, label)))
}

/// The owner of the local account confirms the link with its password; the account then signs
/// in through the provider from now on (its password still works as a fallback).
#[server]
pub async fn confirm_identity_link(token: String, password: String) -> Result<(), ServerFnError> {
    use crate::{
        accounts::{forms::FormFeedback, throttle},
        error::{app_state, unavailable},
        web::{client_address, redirect_with, set_cookie},
    };
    let state = app_state()?;
    let back = format!("/connexion/lier/{}", token.chars().filter(|c| c.is_ascii_hexdigit()).collect::<String>());
    let Some((user_id, email, _, _)) = super::service::pending_link(&state.db, &token).await.map_err(unavailable)? else {
        redirect_with(&FormFeedback::new("connexion").failure("Cette demande de liaison a expiré : connectez-vous à nouveau avec votre fournisseur d'identité."), "/connexion");
        return Ok(());
    };
    let address = client_address().await;
    if let Some(wait) = throttle::reserve(&state.db, throttle::Action::SignIn, Some(&email), &address).await.map_err(unavailable)? {
        redirect_with(&FormFeedback::new("liaison").failure(format!("Trop de tentatives. Réessayez dans {wait} s.")), &back);
        return Ok(());
    }
    let stored = crate::accounts::repository::password_hash(&state.db, user_id).await.map_err(unavailable)?;
    if !crate::accounts::password::verify_password(password, stored).await.map_err(unavailable)? {
        redirect_with(&FormFeedback::new("liaison").error("password", "mot de passe incorrect").failure("Les comptes n'ont pas été reliés."), &back);
        return Ok(());
    }
    throttle::clear_account(&state.db, throttle::Action::SignIn, &email).await.map_err(unavailable)?;
    let Some((user_id, id_token)) = super::service::confirm_link(&state.db, &token).await.map_err(unavailable)? else {
        redirect_with(&FormFeedback::new("connexion").failure("Cette demande de liaison a expiré : recommencez."), "/connexion");
        return Ok(());
    };
    let session = crate::accounts::session::create_with_id_token(&state.db, user_id, Some(&id_token)).await.map_err(unavailable)?;
    set_cookie(&crate::accounts::session::session_cookie(&session, state.secure_cookies));
    redirect_with(&FormFeedback::success("bienvenue", "Vos comptes sont reliés : vous vous connecterez désormais avec votre fournisseur d'identité."), "/mon-parcours");
    Ok(())
}

/// An agent signed in through the provider whose unit is unknown.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WaitingAgent {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// What the units page shows of the identity settings: the default unit, and the agents
/// waiting for a unit (their SIRET matched none and there was no default unit).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdentityAdminView {
    pub provider: Option<String>,
    pub default_unit: Option<i64>,
    pub waiting: Vec<WaitingAgent>,
}

#[server]
pub async fn load_identity_admin() -> Result<IdentityAdminView, crate::error::AppError> {
    use sqlx::Row;
    let state = crate::error::state()?;
    crate::accounts::authz::require_admin()?;
    let rows = sqlx::query("SELECT id, display_name, email FROM users WHERE organization_id IS NULL AND disabled_at IS NULL ORDER BY id LIMIT 200")
        .fetch_all(state.db.pool())
        .await?;
    let waiting = rows
        .iter()
        .map(|r| Ok(WaitingAgent { id: r.try_get("id")?, display_name: r.try_get("display_name")?, email: r.try_get("email")? }))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(IdentityAdminView {
        provider: state.oidc.as_ref().map(|p| p.settings.label.clone()),
        default_unit: super::repository::load_default_unit(&state.db).await?,
        waiting,
    })
}

/// Sets the unit where agents whose SIRET matches no unit are placed (empty: none, they wait).
#[server]
pub async fn set_default_unit(organization_id: String) -> Result<(), crate::error::AppError> {
    use crate::{accounts::forms::FormFeedback, web::redirect_with};
    let state = crate::error::state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let unit = organization_id.trim().parse::<i64>().ok();
    if let Some(id) = unit {
        if crate::organizations::repository::find(&state.db, id).await?.is_none() {
            redirect_with(&FormFeedback::new("unite-par-defaut").failure("Cette unité n'existe plus."), "/admin/unites");
            return Ok(());
        }
    }
    super::repository::set_default_unit(&state.db, unit).await?;
    crate::audit::record(&state.db, Some(admin.id), "identity.default_unit", &unit.map(|u| format!("organization:{u}")).unwrap_or_default(), "unité par défaut des nouveaux agents").await?;
    redirect_with(&FormFeedback::success("unite-par-defaut", "Unité par défaut enregistrée."), "/admin/unites");
    Ok(())
}
