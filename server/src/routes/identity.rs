//! Sign-in through the OpenID Connect provider (ProConnect…): `GET /connexion/oidc` starts it
//! (`?suite=` the page to come back to), `GET /connexion/oidc/retour` is the callback
//! registered with the provider. Both answer with redirects; what the user must read travels
//! in the one-shot feedback cookie, shown by `/connexion`.

use std::collections::HashMap;

use app::{
    accounts::{forms::FormFeedback, session},
    identity::{oidc::OidcError, repository, service::{self, SignInOutcome}},
    state::AppState,
    web::{flash_cookie, safe_next},
};
use axum::{
    extract::{Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// A 303 to `to`, with the feedback (if any) and the cookies given.
fn redirect(to: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(to) {
        headers.insert(header::LOCATION, location);
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Back to the sign-in page with `message`.
fn back_to_sign_in(state: &AppState, message: &str) -> Response {
    redirect("/connexion", &[flash_cookie(&FormFeedback::new("connexion").failure(message), state.secure_cookies)])
}

const UNAVAILABLE: &str = "La connexion par votre fournisseur d'identité est momentanément indisponible : réessayez dans quelques instants, ou connectez-vous avec votre mot de passe.";

pub async fn start(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return (StatusCode::NOT_FOUND, "Aucun fournisseur d'identité n'est configuré.").into_response();
    };
    let next = safe_next(params.get("suite").map(String::as_str).unwrap_or("/mon-parcours")).to_owned();
    let authorization = match provider.authorize().await {
        Ok(authorization) => authorization,
        Err(error) => {
            tracing::error!(%error, "OpenID Connect sign-in could not start");
            return back_to_sign_in(&state, UNAVAILABLE);
        }
    };
    if let Err(error) = repository::save_flow(&state.db, &authorization.state, &authorization.nonce, &next).await {
        tracing::error!(%error, "OpenID Connect flow not stored");
        return back_to_sign_in(&state, UNAVAILABLE);
    }
    redirect(&authorization.url, &[])
}

pub async fn callback(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return (StatusCode::NOT_FOUND, "Aucun fournisseur d'identité n'est configuré.").into_response();
    };
    let Some(flow) = (match params.get("state") {
        Some(value) => match repository::take_flow(&state.db, value).await {
            Ok(flow) => flow,
            Err(error) => {
                tracing::error!(%error, "OpenID Connect flow lookup failed");
                return back_to_sign_in(&state, UNAVAILABLE);
            }
        },
        None => None,
    }) else {
        tracing::warn!("OpenID Connect callback with an unknown or reused state");
        return back_to_sign_in(&state, "Cette connexion a expiré ou n'a pas été demandée ici : recommencez.");
    };
    let (nonce, next) = flow;
    if let Some(error) = params.get("error") {
        // `prompt=none` without a session at the provider, or the agent cancelled.
        let message = match error.as_str() {
            "login_required" | "interaction_required" | "consent_required" | "account_selection_required" => {
                format!("Connectez-vous avec {} ou avec votre mot de passe.", provider.settings.label)
            }
            "access_denied" => "La connexion a été annulée.".to_owned(),
            other => {
                tracing::warn!(error = other, description = params.get("error_description").map(String::as_str).unwrap_or(""), "provider refused the sign-in");
                format!("{} a refusé la connexion : réessayez ou connectez-vous avec votre mot de passe.", provider.settings.label)
            }
        };
        return back_to_sign_in(&state, &message);
    }
    let Some(code) = params.get("code") else {
        return back_to_sign_in(&state, "La réponse du fournisseur d'identité est incomplète : recommencez.");
    };
    let (identity, id_token) = match provider.complete(code, &nonce).await {
        Ok(done) => done,
        Err(error) => {
            tracing::warn!(%error, "OpenID Connect sign-in refused");
            let message = match error {
                OidcError::IdToken(_) | OidcError::UserInfo(_) | OidcError::NoIdToken => {
                    "La réponse du fournisseur d'identité n'a pas pu être vérifiée : la connexion est refusée. Recommencez."
                }
                _ => UNAVAILABLE,
            };
            return back_to_sign_in(&state, message);
        }
    };
    if let Some(refusal) = app::identity::access_refusal(&identity, &provider.settings) {
        return back_to_sign_in(&state, &refusal);
    }
    let outcome = match service::sign_in(&state.db, &identity, &id_token).await {
        Ok(outcome) => outcome,
        Err(error) => {
            tracing::error!(%error, "OpenID Connect account not stored");
            return back_to_sign_in(&state, UNAVAILABLE);
        }
    };
    match outcome {
        SignInOutcome::SignedIn { user_id, .. } => match session::create_with_id_token(&state.db, user_id, Some(&id_token)).await {
            Ok(token) => redirect(&next, &[session::session_cookie(&token, state.secure_cookies)]),
            Err(error) => {
                tracing::error!(%error, "session not created");
                back_to_sign_in(&state, UNAVAILABLE)
            }
        },
        SignInOutcome::ConfirmLink { token } => redirect(&format!("/connexion/lier/{token}"), &[]),
        SignInOutcome::Refused(reason) => back_to_sign_in(&state, &reason),
    }
}
