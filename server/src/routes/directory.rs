//! `POST /annuaire/import`: an agents file uploaded from the directory page is checked (a dry
//! run: nothing is written but the kept file and its report) and the browser goes to the
//! report, `/annuaire/import/{id}`, where it can be applied. Problems never lose the upload.

use app::{
    accounts::{authz::may_act_on, forms::FormFeedback, CurrentUser, Role},
    identity::{directory, import, repository, ImportReport},
    state::AppState,
    web::{flash_cookie, multipart_field, read_multipart},
};
use axum::{
    extract::{Multipart, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

fn back(secure: bool, message: &str) -> Response {
    let mut response = Redirect::to("/annuaire").into_response();
    if let Ok(value) = HeaderValue::from_str(&flash_cookie(&FormFeedback::new("import").failure(message), secure)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "directory import failed");
    (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response()
}

pub async fn upload(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, form: Multipart) -> Response {
    let Some(Extension(user)) = user else { return Redirect::to("/connexion?next=/annuaire").into_response() };
    if !user.is_admin() && !user.has_role(Role::Hr) {
        return (StatusCode::FORBIDDEN, "L'import des agents est réservé aux administrateurs et aux RH.").into_response();
    }
    let secure = state.secure_cookies;
    let parts = match read_multipart(form, import::MAX_FILE_BYTES).await {
        Ok(parts) => parts,
        Err(message) => return back(secure, &format!("Import refusé : {message}.")),
    };
    let Some((_, file_name, bytes)) = multipart_field(&parts, "fichier").filter(|(_, _, b)| !b.is_empty()) else {
        return back(secure, "Import refusé : choisissez un fichier CSV.");
    };
    let text = |name: &str| multipart_field(&parts, name).map(|(_, _, b)| String::from_utf8_lossy(b).trim().to_owned()).unwrap_or_default();
    let scope = match text("perimetre") {
        value if value.is_empty() => None,
        value => match value.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return back(secure, "Import refusé : périmètre inconnu."),
        },
    };
    let allowed = match scope {
        None => user.is_admin(),
        Some(unit) => match may_act_on(&state.db, &user, Role::Hr, unit).await {
            Ok(allowed) => allowed,
            Err(error) => return unavailable(error),
        },
    };
    if !allowed {
        return back(secure, "Import refusé : choisissez une unité dont vous êtes RH (l'organisation entière est réservée aux administrateurs).");
    }
    let full_sync = text("synchronisation") == "on";
    let actor = directory::ImportActor { user_id: Some(user.id), scope };
    let report = match import::parse(bytes) {
        Ok(rows) => match directory::run_import(&state.db, &actor, &rows, full_sync, false).await {
            Ok(report) => report,
            Err(error) => return unavailable(error),
        },
        Err(problems) => ImportReport { problems: problems.into_iter().map(|p| (p.line, p.problem)).collect(), ..Default::default() },
    };
    let content = String::from_utf8_lossy(bytes).into_owned();
    let name = file_name.clone().unwrap_or_else(|| "agents.csv".into());
    match repository::save_import(&state.db, Some(user.id), scope, full_sync, &name, &content, &report).await {
        Ok(id) => Redirect::to(&format!("/annuaire/import/{id}")).into_response(),
        Err(error) => unavailable(error),
    }
}
