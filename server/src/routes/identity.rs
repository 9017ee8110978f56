//! Sign-in through the OpenID Connect provider (ProConnect…): `GET /connexion/oidc` starts it
//! (`?suite=` the page to come back to), `GET /connexion/oidc/retour` is the callback
//! registered with the provider. Both answer with redirects; what the user must read travels
//! in the one-shot feedback cookie, shown by `/connexion`, in the language the app would answer
//! this request in (the `lang` cookie, else `Accept-Language`).

use std::collections::HashMap;

use app::{
    accounts::{forms::FormFeedback, session},
    i18n::Locale,
    identity::{oidc::OidcError, repository, service::{self, SignInOutcome}},
    state::AppState,
    web::{flash_cookie, safe_next},
};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
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

/// No provider configured: 404, said in `locale`.
fn no_provider(locale: Locale) -> Response {
    (StatusCode::NOT_FOUND, locale.text("oidc-no-provider")).into_response()
}

pub async fn start(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<HashMap<String, String>>) -> Response {
    let locale = app::locale_of(&headers);
    let Some(provider) = state.oidc.clone() else {
        return no_provider(locale);
    };
    let unavailable = locale.text("oidc-unavailable");
    let next = safe_next(params.get("suite").map(String::as_str).unwrap_or("/mon-parcours")).to_owned();
    let authorization = match provider.authorize().await {
        Ok(authorization) => authorization,
        Err(error) => {
            tracing::error!(%error, "OpenID Connect sign-in could not start");
            return back_to_sign_in(&state, &unavailable);
        }
    };
    if let Err(error) = repository::save_flow(&state.db, &authorization.state, &authorization.nonce, &next).await {
        tracing::error!(%error, "OpenID Connect flow not stored");
        return back_to_sign_in(&state, &unavailable);
    }
    redirect(&authorization.url, &[])
}

pub async fn callback(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<HashMap<String, String>>) -> Response {
    let locale = app::locale_of(&headers);
    let Some(provider) = state.oidc.clone() else {
        return no_provider(locale);
    };
    let unavailable = locale.text("oidc-unavailable");
    let Some(flow) = (match params.get("state") {
        Some(value) => match repository::take_flow(&state.db, value).await {
            Ok(flow) => flow,
            Err(error) => {
                tracing::error!(%error, "OpenID Connect flow lookup failed");
                return back_to_sign_in(&state, &unavailable);
            }
        },
        None => None,
    }) else {
        tracing::warn!("OpenID Connect callback with an unknown or reused state");
        return back_to_sign_in(&state, &locale.text("oidc-expired"));
    };
    let (nonce, next) = flow;
    if let Some(error) = params.get("error") {
        // `prompt=none` without a session at the provider, or the agent cancelled.
        let message = match error.as_str() {
            "login_required" | "interaction_required" | "consent_required" | "account_selection_required" => {
                locale.text_with("oidc-sign-in-required", &[("provider", provider.settings.label.clone().into())])
            }
            "access_denied" => locale.text("oidc-cancelled"),
            other => {
                tracing::warn!(error = other, description = params.get("error_description").map(String::as_str).unwrap_or(""), "provider refused the sign-in");
                locale.text_with("oidc-provider-refused", &[("provider", provider.settings.label.clone().into())])
            }
        };
        return back_to_sign_in(&state, &message);
    }
    let Some(code) = params.get("code") else {
        return back_to_sign_in(&state, &locale.text("oidc-incomplete"));
    };
    let (identity, id_token) = match provider.complete(code, &nonce).await {
        Ok(done) => done,
        Err(error) => {
            tracing::warn!(%error, "OpenID Connect sign-in refused");
            let message = match error {
                OidcError::IdToken(_) | OidcError::UserInfo(_) | OidcError::NoIdToken => locale.text("oidc-not-verified"),
                _ => unavailable.clone(),
            };
            return back_to_sign_in(&state, &message);
        }
    };
    if let Some(refusal) = app::identity::access_refusal(&identity, &provider.settings, locale) {
        return back_to_sign_in(&state, &refusal);
    }
    let outcome = match service::sign_in(&state.db, &identity, &id_token).await {
        Ok(outcome) => outcome,
        Err(error) => {
            tracing::error!(%error, "OpenID Connect account not stored");
            return back_to_sign_in(&state, &unavailable);
        }
    };
    match outcome {
        SignInOutcome::SignedIn { user_id, .. } => match session::create_with_id_token(&state.db, user_id, Some(&id_token)).await {
            Ok(token) => redirect(&next, &[session::session_cookie(&token, state.secure_cookies)]),
            Err(error) => {
                tracing::error!(%error, "session not created");
                back_to_sign_in(&state, &unavailable)
            }
        },
        SignInOutcome::ConfirmLink { token } => redirect(&format!("/connexion/lier/{token}"), &[]),
        SignInOutcome::Refused(reason) => {
            tracing::info!(%reason, "OpenID Connect sign-in refused");
            back_to_sign_in(&state, &reason.message(locale))
        }
    }
}
