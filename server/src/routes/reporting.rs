//! `GET /rh/export.csv`: the HR dashboard's agent list as a CSV file, with the same filters as
//! the page (`unite`, `cours`, `statut`, `echeance`, `tri`) and `separateur` (`point-virgule`,
//! the default, or `virgule`). Scoped like the page; every export is written in the audit log.

use std::collections::HashMap;

use app::{
    accounts::{authz::may_act_on, CurrentUser, Role},
    db::now,
    reporting::{
        api::{course_titles, hr_roots, parse_filter, DashboardQuery},
        csv::Delimiter,
        export::completion_csv,
    },
    state::AppState,
};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message.to_owned()).into_response()
}

pub async fn export_csv(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: axum::http::HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    // An export writes an audit entry under the reader's name: never from an embedded or
    // cross-site request (a trainer's `<img src="/rh/export.csv">` in a module).
    if app::web::is_embedded_or_cross_site(&headers) {
        return refuse(StatusCode::FORBIDDEN, "L'export se lance depuis le tableau de bord RH.");
    }
    let Some(Extension(user)) = user else {
        return refuse(StatusCode::UNAUTHORIZED, "Connectez-vous pour exporter le suivi.");
    };
    if !user.is_admin() && !user.has_role(Role::Hr) {
        return refuse(StatusCode::FORBIDDEN, "L'export est réservé aux ressources humaines.");
    }
    let get = |name: &str| params.get(name).filter(|v| !v.trim().is_empty()).cloned();
    let delimiter = match get("separateur") {
        None => Delimiter::default(),
        Some(value) => match Delimiter::from_param(&value) {
            Some(delimiter) => delimiter,
            None => return refuse(StatusCode::BAD_REQUEST, "Paramètre « separateur » : « point-virgule » ou « virgule » attendu."),
        },
    };
    let unit = match get("unite").map(|u| u.trim().parse::<i64>()) {
        Some(Ok(unit)) => unit,
        Some(Err(_)) => return refuse(StatusCode::BAD_REQUEST, "Paramètre « unite » : un numéro d'unité est attendu."),
        None => match hr_roots(&state.db, &user).await.ok().and_then(|roots| roots.first().copied()) {
            Some(root) => root,
            None => return refuse(StatusCode::FORBIDDEN, "Aucune unité n'est rattachée à votre rôle RH."),
        },
    };
    match may_act_on(&state.db, &user, Role::Hr, unit).await {
        Ok(true) => {}
        Ok(false) => return refuse(StatusCode::FORBIDDEN, "Cette unité n'est pas dans votre périmètre RH."),
        Err(error) => return refuse(error.status(), &error.to_string()),
    }
    let query = DashboardQuery { unit: Some(unit), course: get("cours"), status: get("statut"), due_before: get("echeance"), sort: get("tri"), page: 1 };
    let (filter, sort) = match parse_filter(&query) {
        Ok(parsed) => parsed,
        Err(message) => return refuse(StatusCode::BAD_REQUEST, &format!("Filtre invalide : {message}.")),
    };
    let titles: HashMap<String, String> = match course_titles(&state.db).await {
        Ok(titles) => titles.into_iter().collect(),
        Err(_) => return refuse(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE),
    };
    let (body, lines) = match completion_csv(&state.db, unit, &filter, sort, delimiter, &titles, now()).await {
        Ok(result) => result,
        Err(error) => {
            tracing::error!(%error, "CSV export failed");
            return refuse(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE);
        }
    };
    let details = format!("{lines} lignes, filtres : {}", query.to_query_string());
    if let Err(error) = app::audit::record(&state.db, Some(user.id), "report.export", &format!("organization:{unit}"), &details).await {
        // An export that cannot be traced is not given out.
        tracing::error!(%error, "audit write failed");
        return refuse(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"suivi-formations.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
