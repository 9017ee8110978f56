//! Authoring's file transfers (forms with files, downloads), outside Leptos:
//! `GET /formation/cours/{slug}/export.zip` (the published version, or `?brouillon=1`),
//! `POST /formation/importer` (a course `.zip` becomes the course's draft), and
//! `POST /formation/cours/{slug}/fichiers` (an image or a document added to the draft).
//! Problems come back to the authoring page as a message, never as a lost upload.

use app::{
    accounts::{forms::FormFeedback, CurrentUser, Role},
    authoring::{archive, repository, FEEDBACK_FORM},
    course::{loader::{content_matches_type, content_type}, slug::is_slug},
    state::AppState,
};
use axum::{
    extract::{Multipart, Path, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

/// Largest image or document added through authoring.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

fn plain(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message.to_owned()).into_response()
}

/// Back to `to` with a message shown by the authoring page.
fn back(secure: bool, to: &str, message: &str, success: bool) -> Response {
    let feedback =
        if success { FormFeedback::success(FEEDBACK_FORM, message) } else { FormFeedback::new(FEEDBACK_FORM).failure(message) };
    let mut response = Redirect::to(to).into_response();
    let cookie = app::web::flash_cookie(&feedback, secure);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn may_edit(state: &AppState, user: &CurrentUser, slug: &str) -> Result<bool, Response> {
    repository::is_editor(&state.db, user, slug).await.map_err(|error| {
        tracing::error!(%error, "editor check failed");
        plain(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE)
    })
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    brouillon: Option<String>,
}

pub async fn export_zip(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(slug): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Response {
    let Some(Extension(user)) = user else { return plain(StatusCode::UNAUTHORIZED, "Connectez-vous.") };
    match may_edit(&state, &user, &slug).await {
        Ok(true) => {}
        Ok(false) => return plain(StatusCode::FORBIDDEN, "Vous n'êtes pas formateur de ce cours."),
        Err(response) => return response,
    }
    let files = if query.brouillon.is_some() {
        repository::working_files(&state.db, &slug).await
    } else {
        repository::published_files(&state.db, &slug, None).await
    };
    let files = match files {
        Ok(files) if !files.is_empty() => files,
        Ok(_) => return plain(StatusCode::NOT_FOUND, "Ce cours n'a pas de version publiée."),
        Err(error) => {
            tracing::error!(%error, "export failed");
            return plain(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE);
        }
    };
    match archive::to_zip(&slug, &files) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{slug}.zip\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => plain(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string()),
    }
}

/// A course `.zip` becomes the draft of the course named by its folder (or by the `slug` field
/// for an archive without folder). A trainer may import a new course or one they edit.
pub async fn import_zip(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, form: Multipart) -> Response {
    let Some(Extension(user)) = user else { return plain(StatusCode::UNAUTHORIZED, "Connectez-vous.") };
    if !user.is_admin() && !user.has_role(Role::Trainer) {
        return plain(StatusCode::FORBIDDEN, "L'import est réservé aux formateurs.");
    }
    let parts = match app::web::read_multipart(form, archive::MAX_ARCHIVE_BYTES).await {
        Ok(parts) => parts,
        Err(message) => return back(state.secure_cookies, "/formation#importer", &format!("Import refusé : {message}."), false),
    };
    let Some((_, _, bytes)) = app::web::multipart_field(&parts, "archive").filter(|(_, _, b)| !b.is_empty()) else {
        return back(state.secure_cookies, "/formation#importer", "Import refusé : choisissez un fichier .zip.", false);
    };
    // Decompressing may take seconds of CPU: off the async workers.
    let archive_bytes = bytes.clone();
    let files = match tokio::task::spawn_blocking(move || archive::from_zip(&archive_bytes)).await {
        Ok(Ok(files)) => files,
        Ok(Err(error)) => return back(state.secure_cookies, "/formation#importer", &format!("Import refusé : {error}."), false),
        Err(error) => {
            tracing::error!(%error, "archive import task failed");
            return back(state.secure_cookies, "/formation#importer", "Import refusé : l'archive n'a pas pu être lue.", false);
        }
    };
    // The folder name in the archive, else the field, else the archive's file name.
    let from_field = app::web::multipart_field(&parts, "slug").map(|(_, _, b)| String::from_utf8_lossy(b).trim().to_owned()).filter(|s| !s.is_empty());
    let from_folder = archive_folder(bytes);
    let from_name = app::web::multipart_field(&parts, "archive").and_then(|(_, name, _)| name.as_deref()).map(|n| n.trim_end_matches(".zip").to_owned());
    let Some(slug) = from_folder.or(from_field).or(from_name).filter(|s| is_slug(s)) else {
        return back(state.secure_cookies, "/formation#importer", "Import refusé : l'adresse du cours (nom du dossier) doit être en minuscules, chiffres et tirets.", false);
    };
    let exists = match repository::course_exists(&state.db, &slug).await {
        Ok(exists) => exists,
        Err(_) => return plain(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE),
    };
    if exists {
        match may_edit(&state, &user, &slug).await {
            Ok(true) => {}
            Ok(false) => return back(state.secure_cookies, "/formation#importer", &format!("Import refusé : le cours « {slug} » existe et vous n'en êtes pas formateur."), false),
            Err(response) => return response,
        }
    }
    let saved = async {
        repository::save_draft(&state.db, &slug, &files, user.id).await?;
        repository::add_editor(&state.db, &slug, user.id).await?;
        app::audit::record(&state.db, Some(user.id), "course.import", &format!("course:{slug}"), &format!("{} fichiers", files.len())).await
    };
    if let Err(error) = saved.await {
        tracing::error!(%error, "import failed");
        return plain(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE);
    }
    back(state.secure_cookies, &format!("/formation/cours/{slug}"), "Archive importée dans le brouillon : vérifiez les problèmes éventuels, puis publiez.", true)
}

/// The single top folder of an archive, if it has one.
fn archive_folder(bytes: &[u8]) -> Option<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let tops: std::collections::BTreeSet<String> = archive.file_names().filter_map(|n| n.split('/').next().map(str::to_owned)).collect();
    let top = tops.into_iter().next().filter(|_| archive.file_names().all(|n| n.contains('/')))?;
    Some(top)
}

/// Adds an image (to `images/`) or a document (to `documents/`) to the draft.
pub async fn upload_file(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(slug): Path<String>, form: Multipart) -> Response {
    let Some(Extension(user)) = user else { return plain(StatusCode::UNAUTHORIZED, "Connectez-vous.") };
    let to = format!("/formation/cours/{slug}#fichiers");
    match may_edit(&state, &user, &slug).await {
        Ok(true) => {}
        Ok(false) => return plain(StatusCode::FORBIDDEN, "Vous n'êtes pas formateur de ce cours."),
        Err(response) => return response,
    }
    let parts = match app::web::read_multipart(form, MAX_UPLOAD_BYTES).await {
        Ok(parts) => parts,
        Err(message) => return back(state.secure_cookies, &to, &format!("Fichier refusé : {message}."), false),
    };
    let Some((_, Some(name), bytes)) = app::web::multipart_field(&parts, "fichier").filter(|(_, _, b)| !b.is_empty()) else {
        return back(state.secure_cookies, &to, "Fichier refusé : choisissez un fichier.", false);
    };
    let name = app::course::slug::slugify(name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem));
    let extension = app::web::multipart_field(&parts, "fichier")
        .and_then(|(_, n, _)| n.as_deref())
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let path_name = format!("{name}.{extension}");
    let Some(kind) = content_type(&path_name) else {
        return back(state.secure_cookies, &to, "Fichier refusé : formats acceptés PNG, JPEG, GIF, WebP, SVG, PDF, Markdown et texte.", false);
    };
    if !content_matches_type(bytes, kind) {
        return back(state.secure_cookies, &to, &format!("Fichier refusé : le contenu de « {path_name} » ne correspond pas à son extension."), false);
    }
    let folder = if kind.starts_with("image/") { "images" } else { "documents" };
    let result = async {
        let mut files = repository::working_files(&state.db, &slug).await?;
        files.insert(format!("{folder}/{path_name}"), bytes.clone());
        repository::save_draft(&state.db, &slug, &files, user.id).await
    };
    match result.await {
        Ok(()) => back(state.secure_cookies, &to, &format!("« {folder}/{path_name} » ajouté au brouillon ; dans un module : ![description]({folder}/{path_name})."), true),
        Err(error) => {
            tracing::error!(%error, "upload failed");
            plain(StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE)
        }
    }
}
