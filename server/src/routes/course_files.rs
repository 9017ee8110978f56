//! `/cours/{course}/fichiers/{path}`: the images and documents of a published course.
//!
//! Files come from the database (the published version), not from disk, so every instance of a
//! multi-server deployment serves the same thing. A strict policy keeps an uploaded SVG or
//! document from running anything in the browser.

use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

pub async fn course_file(State(state): State<AppState>, Path((course, path)): Path<(String, String)>) -> Response {
    match app::course::repository::asset(&state.db, &course, &path).await {
        Ok(Some((content_type, bytes))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "Fichier introuvable").into_response(),
        Err(error) => {
            tracing::error!(%error, "course file unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response()
        }
    }
}
