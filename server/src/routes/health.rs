//! `/healthz`: tells a load balancer whether this instance can serve (it checks the database).

use app::state::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;

pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let engine = state.db.engine().name();
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": engine }))),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": engine })))
        }
    }
}
