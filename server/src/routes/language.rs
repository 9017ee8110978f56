//! `POST /langue`: remembers the interface language in a cookie (and, for a signed-in user, for
//! the messages sent later) and returns to the page.
//!
//! A plain form post, so the language switcher works without JavaScript.

use app::{accounts::CurrentUser, i18n::Locale, state::AppState};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension, Form,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    retour: Option<String>,
}

const ONE_YEAR_SECONDS: i64 = 365 * 24 * 3600;

pub async fn set_language(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Form(form): Form<LanguageForm>) -> Response {
    let Some(locale) = Locale::from_code(&form.lang) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "langue inconnue").into_response();
    };
    // Messages sent later (reminders, digests) go out in this language too.
    if let Some(Extension(user)) = user {
        if let Err(error) = state.db.execute(sqlx::query("UPDATE users SET locale = $1 WHERE id = $2").bind(locale.code()).bind(user.id)).await {
            tracing::warn!(%error, "language not remembered for mail");
        }
    }
    let cookie = app::web::cookie("lang", locale.code(), Some(ONE_YEAR_SECONDS), state.secure_cookies);
    let target = safe_return_path(form.retour.as_deref());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(cookie), Ok(location)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(target)) {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    }
    response
}

/// Only local paths are followed, so the form cannot be used to send people to another site.
fn safe_return_path(candidate: Option<&str>) -> &str {
    match candidate.map(app::web::safe_next) {
        Some(path) if path == candidate.unwrap_or_default() => path,
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_return_path(Some("/cours?niveau=debutant")), "/cours?niveau=debutant");
        assert_eq!(safe_return_path(Some("https://example.org/")), "/");
        assert_eq!(safe_return_path(Some("//example.org/")), "/");
        assert_eq!(safe_return_path(Some("/\\example.org")), "/");
        assert_eq!(safe_return_path(Some("/\t/example.org")), "/");
        assert_eq!(safe_return_path(None), "/");
    }
}
