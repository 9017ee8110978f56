//! `POST /mon-compte/donnees`: everything Campus IA keeps about the signed-in user, as a JSON
//! download (right of access, RGPD art. 15). A POST, because the export is written in the audit log.

use app::{accounts::CurrentUser, state::AppState};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

pub async fn download(State(state): State<AppState>, user: Option<Extension<CurrentUser>>) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Connectez-vous pour télécharger vos données.").into_response();
    };
    let data = match app::accounts::repository::personal_data(&state.db, user.id).await {
        Ok(data) => data,
        Err(error) => {
            tracing::error!(%error, "personal data export failed");
            return (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response();
        }
    };
    if let Err(error) = app::audit::record(&state.db, Some(user.id), "account.export", &format!("user:{}", user.id), "export de ses données").await {
        tracing::error!(%error, "audit write failed");
    }
    let body = serde_json::to_string_pretty(&data).unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"mes-donnees-campus-ia.json\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
