//! What every request goes through: CSRF protection, the session, and security headers.

use app::{accounts::session, state::{AppState, CspNonce}};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Rejects state-changing requests sent by another site (CSRF), loads the signed-in user into
/// the request, and adds the security headers to the response.
pub async fn security(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !same_origin(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Requête refusée : elle ne provient pas de ce site.").into_response();
    }
    if let Some(token) = cookie(request.headers(), session::cookie_name(state.secure_cookies)) {
        match session::user_for_token(&state.db, &state.sessions, &token).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(user);
            }
            Ok(None) => {}
            // Going on as a visitor would answer "sign in" (401) to someone who is signed in.
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response();
            }
        }
    }
    let signed_in = request.extensions().get::<app::accounts::CurrentUser>().is_some();
    let nonce = new_nonce();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    add_security_headers(response.headers_mut(), &nonce, state.secure_cookies);
    // A page built for a signed-in user (their name, their results) is never kept by a shared
    // cache or the browser's back-forward history of another user of the same computer.
    if signed_in && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The value of cookie `name`, if the request carries it (the one parser: `app::web`).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    app::web::request_cookie(headers, name).map(str::to_owned)
}

/// Does the request come from a page of this site? Browsers send `Origin` with every
/// cross-origin POST; without it we fall back to `Referer`; a request with neither does not come
/// from a browser page and carries no ambient credentials worth forging.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let forwarded = headers.get("x-forwarded-host").and_then(|h| h.to_str().ok());
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|value| value.to_str().ok());
    match source {
        None => true,
        Some("null") => false,
        Some(url) => {
            let authority = url.split_once("://").map(|(_, rest)| rest).unwrap_or("").split('/').next().unwrap_or("");
            authority.eq_ignore_ascii_case(host) || forwarded.is_some_and(|f| authority.eq_ignore_ascii_case(f))
        }
    }
}

/// HSTS in production, on every response (pages and `/pkg` files alike).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// 128 random bits in hexadecimal (zeros if the system has no randomness, which never happens).
fn new_nonce() -> String {
    app::crypto::to_hex(app::crypto::random_bytes::<16>().unwrap_or_default())
}

/// The Content Security Policy of a page whose inline scripts are allowed by `inline_scripts`
/// (`'nonce-…'`, or `'sha256-…'` hashes for a page sent to several people). Our only inline
/// scripts are Leptos' hydration loader and its resource markers; WebAssembly needs
/// 'wasm-unsafe-eval' to be compiled.
pub fn content_security_policy(inline_scripts: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {inline_scripts} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

fn add_security_headers(headers: &mut HeaderMap, nonce: &str, production: bool) {
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.entry(name).or_insert(value);
        }
    };
    set(headers, header::CONTENT_SECURITY_POLICY, content_security_policy(&format!("'nonce-{nonce}'")));
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff".into());
    set(headers, header::REFERRER_POLICY, "strict-origin-when-cross-origin".into());
    set(headers, header::X_FRAME_OPTIONS, "DENY".into());
    set(headers, header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()".into());
    if production {
        set(headers, header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn origin_must_match_the_host() {
        assert!(same_origin(&headers(&[("host", "campus.fr"), ("origin", "https://campus.fr")])));
        assert!(!same_origin(&headers(&[("host", "campus.fr"), ("origin", "https://evil.example")])));
        assert!(!same_origin(&headers(&[("host", "campus.fr"), ("origin", "null")])));
        assert!(same_origin(&headers(&[("host", "campus.fr"), ("referer", "https://campus.fr/connexion")])));
        assert!(!same_origin(&headers(&[("host", "campus.fr"), ("referer", "https://campus.fr.evil.example/")])));
        assert!(same_origin(&headers(&[("host", "10.0.0.5:3000"), ("x-forwarded-host", "campus.fr"), ("origin", "https://campus.fr")])));
        assert!(same_origin(&headers(&[("host", "campus.fr")])), "no browser, no ambient credentials");
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let map = headers(&[("cookie", "lang=fr; campus_session=abc; x_campus_session=zzz")]);
        assert_eq!(cookie(&map, "campus_session").as_deref(), Some("abc"));
        assert_eq!(cookie(&map, "absent"), None);
    }
}
