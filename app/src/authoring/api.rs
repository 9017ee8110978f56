//! Server functions of authoring (`/formation`). Every one checks that the caller may edit the
//! course (its editors; administrators: every course). Edits go to the course's draft; the
//! draft is checked by the same validator as `server courses check` and published as a new
//! version by the same code as the importer.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::course::diagnostics::Diagnostic;

/// Longest module text accepted from the editor.
pub const MAX_MODULE_BYTES: usize = 512 * 1024;
/// Longest problem report.
pub const MAX_REPORT_CHARS: usize = 1_000;
/// What agents can report: the identifiers stored with each report, labelled by the catalogue
/// keys `report-kind-<id>` (see [`report_kind_key`]).
pub const REPORT_KINDS: [&str; 4] = ["coquille", "erreur", "accessibilite", "autre"];

/// The catalogue key of a report type's label.
pub fn report_kind_key(kind: &str) -> String {
    format!("report-kind-{kind}")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthoringCourseSummary {
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub has_draft: bool,
    pub open_reports: i64,
}

/// A course as authoring shows it (`/formation/cours/{slug}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthoringCourse {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub level: String,
    pub themes: String,
    pub objectives: String,
    /// Module files, in course order.
    pub modules: Vec<String>,
    /// Other files (images, documents) with their sizes.
    pub files: Vec<(String, usize)>,
    pub diagnostics: Vec<Diagnostic>,
    /// (when, who) of the last draft save; `None` when there is no draft.
    pub draft: Option<(i64, Option<String>)>,
    pub published: bool,
    pub versions: Vec<VersionView>,
    pub editors: Vec<(String, String)>,
    pub is_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub id: i64,
    pub published_at: i64,
    pub publisher: Option<String>,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleEditor {
    pub slug: String,
    pub course_title: String,
    pub file: String,
    pub text: String,
    pub preview: Preview,
}

/// The module as learners would see it, and the problems of the draft in this file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub html: String,
    /// `2 problèmes à corriger`, or `None` when there is none.
    pub problems_title: Option<String>,
    /// Each problem written out: `ligne 3, colonne 1 — erreur : …` (the island has no catalogue).
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDiff {
    pub path: String,
    pub hunks: Vec<crate::course::diff::Hunk>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i64,
    pub module: String,
    pub kind: String,
    pub message: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
}

/// Item analytics of a course, with the current version's wording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatsView {
    pub title: String,
    pub min_learners: usize,
    /// (module title, quiz number, stats, questions: (prompt, option texts with correctness)).
    pub quizzes: Vec<(String, usize, QuizStatsView)>,
    pub exercises: Vec<(String, String, ExerciseStatsView)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizStatsView {
    pub attempts: u64,
    pub learners: u64,
    pub median_seconds: Option<i64>,
    /// Per question: prompt, % right first time, and per option (text, correct, times chosen).
    pub questions: Option<Vec<(String, u64, Vec<(String, bool, u64)>)>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseStatsView {
    pub attempts: u64,
    pub learners: u64,
    pub passed_attempts: u64,
    /// (criterion, attempts, failures)
    pub criteria: Option<Vec<(String, u64, u64)>>,
}

#[cfg(feature = "ssr")]
mod support {
    use std::collections::BTreeMap;

    use leptos::prelude::*;

    use crate::{
        accounts::CurrentUser,
        authoring::repository,
        course::loader::{check_course, CourseCheck, CourseSource},
        error::{app_state, unavailable},
        state::AppState,
    };

    /// The state and the user, if they may edit `slug` (403 otherwise).
    pub async fn editor_of(slug: &str) -> Result<(AppState, CurrentUser), ServerFnError> {
        let state = app_state()?;
        let user = crate::accounts::authz::require_user()?;
        if !repository::is_editor(&state.db, &user, slug).await.map_err(unavailable)? {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::FORBIDDEN);
            }
            return Err(ServerFnError::new(crate::request_locale().text("authoring-not-editor")));
        }
        Ok((state, user))
    }

    /// Checks `files` as the folder of course `slug`.
    pub fn check(slug: &str, files: BTreeMap<String, Vec<u8>>) -> (CourseSource, CourseCheck) {
        let source = CourseSource { slug: slug.to_owned(), label: slug.to_owned(), files };
        let check = check_course(&source);
        (source, check)
    }

    /// The course's manifest as a TOML table (empty when missing or unreadable).
    pub fn manifest(files: &BTreeMap<String, Vec<u8>>) -> toml::Table {
        files
            .get("course.toml")
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .and_then(|text| text.parse::<toml::Table>().ok())
            .unwrap_or_default()
    }

    /// The module files listed in the manifest, in order.
    pub fn module_list(manifest: &toml::Table) -> Vec<String> {
        manifest
            .get("modules")
            .and_then(|m| m.as_array())
            .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }

    pub fn set_manifest(files: &mut BTreeMap<String, Vec<u8>>, manifest: &toml::Table) {
        files.insert("course.toml".to_owned(), toml::to_string(manifest).unwrap_or_default().into_bytes());
    }

    /// A new module's text: valid, with the front matter to fill in.
    pub fn module_template(title: &str) -> String {
        format!(
            "+++\ntitle = {}\nduration = 10\nobjectives = [\"Ce que l'agent saura faire après ce module\"]\n+++\n\n## Introduction\n\nÉcrivez ici le contenu du module.\n",
            toml::Value::String(title.to_owned())
        )
    }

    pub fn redirect(to: &str, message: &str, success: bool) {
        use crate::{accounts::forms::FormFeedback, authoring::FEEDBACK_FORM, web::redirect_with};
        let feedback = if success { FormFeedback::success(FEEDBACK_FORM, message) } else { FormFeedback::new(FEEDBACK_FORM).failure(message) };
        redirect_with(&feedback, to);
    }
}
#[cfg(feature = "ssr")]
pub use support::{check, editor_of};

#[server]
pub async fn load_authoring_courses() -> Result<(bool, Vec<AuthoringCourseSummary>), ServerFnError> {
    use super::repository;
    use crate::{accounts::Role, error::{app_state, unavailable}};
    let state = app_state()?;
    let user = crate::accounts::authz::require_role(Role::Trainer)?;
    let mut courses = Vec::new();
    for slug in repository::editable_courses(&state.db, &user).await.map_err(unavailable)? {
        let files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
        let title = support::manifest(&files).get("title").and_then(|t| t.as_str()).unwrap_or(&slug).to_owned();
        let published = !repository::published_files(&state.db, &slug, None).await.map_err(unavailable)?.is_empty();
        let has_draft = repository::draft_stamp(&state.db, &slug).await.map_err(unavailable)?.is_some();
        let open_reports = repository::open_report_count(&state.db, &slug).await.map_err(unavailable)?;
        courses.push(AuthoringCourseSummary { slug, title, published, has_draft, open_reports });
    }
    Ok((user.is_admin() || user.has_role(Role::Trainer), courses))
}

/// Starts a course: a draft with its `course.toml` and a first module; the creator edits it.
#[server]
pub async fn create_course(slug: String, title: String) -> Result<(), ServerFnError> {
    use std::collections::BTreeMap;

    use super::repository;
    use crate::{
        accounts::{forms::FormFeedback, Role}, web::redirect_with,
        audit,
        course::slug::is_slug,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_role(Role::Trainer)?;
    let locale = crate::request_locale();
    let (slug, title) = (slug.trim().to_owned(), title.trim().to_owned());
    let mut feedback = FormFeedback::new("nouveau-cours").value("slug", &slug).value("title", &title);
    if !is_slug(&slug) {
        feedback = feedback.error("slug", locale.text("authoring-slug-invalid"));
    } else if repository::course_exists(&state.db, &slug).await.map_err(unavailable)? {
        feedback = feedback.error("slug", locale.text("authoring-slug-taken"));
    }
    if title.is_empty() || title.chars().count() > 120 {
        feedback = feedback.error("title", locale.text_with("authoring-title-length", &[("max", 120_usize.into())]));
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("authoring-course-not-created")), "/formation#nouveau");
        return Ok(());
    }
    let mut manifest = toml::Table::new();
    manifest.insert("title".into(), title.clone().into());
    manifest.insert("summary".into(), "Résumé du cours en une ou deux phrases.".into());
    manifest.insert("audience".into(), "Agents".into());
    manifest.insert("level".into(), "debutant".into());
    manifest.insert("objectives".into(), toml::Value::Array(vec!["Objectif du cours".into()]));
    manifest.insert("modules".into(), toml::Value::Array(vec!["01-introduction.md".into()]));
    let mut files = BTreeMap::new();
    support::set_manifest(&mut files, &manifest);
    files.insert("01-introduction.md".to_owned(), support::module_template("Introduction").into_bytes());
    repository::save_draft(&state.db, &slug, &files, user.id).await.map_err(unavailable)?;
    repository::add_editor(&state.db, &slug, user.id).await.map_err(unavailable)?;
    audit::record(&state.db, Some(user.id), "course.create", &format!("course:{slug}"), &title).await.map_err(unavailable)?;
    support::redirect(&format!("/formation/cours/{slug}"), &locale.text("authoring-course-created"), true);
    Ok(())
}

#[server]
pub async fn load_authoring_course(slug: String) -> Result<AuthoringCourse, ServerFnError> {
    use super::repository;
    use crate::{course::diagnostics::Severity, error::unavailable};
    let (state, user) = editor_of(&slug).await?;
    let files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    let manifest = support::manifest(&files);
    let text = |key: &str| manifest.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let list = |key: &str| {
        manifest.get(key).and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join("\n")).unwrap_or_default()
    };
    let modules = support::module_list(&manifest);
    let other_files = files.iter().filter(|(p, _)| *p != "course.toml" && !modules.contains(p)).map(|(p, b)| (p.clone(), b.len())).collect();
    let (_, checked) = check(&slug, files.clone());
    let mut diagnostics = checked.diagnostics;
    diagnostics.sort_by(|a, b| (a.severity != Severity::Error, &a.path, a.line).cmp(&(b.severity != Severity::Error, &b.path, b.line)));
    let versions = repository::versions(&state.db, &slug)
        .await
        .map_err(unavailable)?
        .into_iter()
        .map(|v| VersionView { id: v.id, published_at: v.published_at, publisher: v.publisher, current: v.current })
        .collect::<Vec<_>>();
    Ok(AuthoringCourse {
        title: text("title"),
        summary: text("summary"),
        audience: text("audience"),
        level: text("level"),
        themes: list("themes"),
        objectives: list("objectives"),
        published: !versions.is_empty(),
        draft: repository::draft_stamp(&state.db, &slug).await.map_err(unavailable)?,
        editors: repository::editors(&state.db, &slug).await.map_err(unavailable)?,
        is_admin: user.is_admin(),
        slug,
        modules,
        files: other_files,
        diagnostics,
        versions,
    })
}

/// Saves the course's description (the fields of `course.toml`) into the draft.
#[server]
pub async fn save_course_details(
    slug: String,
    title: String,
    summary: String,
    audience: String,
    level: String,
    themes: String,
    objectives: String,
) -> Result<(), ServerFnError> {
    use super::repository;
    use crate::error::unavailable;
    let (state, user) = editor_of(&slug).await?;
    let mut files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    let mut manifest = support::manifest(&files);
    let lines = |text: &str| toml::Value::Array(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| l.into()).collect());
    for (key, value) in [("title", &title), ("summary", &summary), ("audience", &audience), ("level", &level)] {
        manifest.insert(key.into(), value.trim().into());
    }
    manifest.insert("themes".into(), lines(&themes));
    manifest.insert("objectives".into(), lines(&objectives));
    support::set_manifest(&mut files, &manifest);
    repository::save_draft(&state.db, &slug, &files, user.id).await.map_err(unavailable)?;
    support::redirect(&format!("/formation/cours/{slug}"), &crate::request_locale().text("authoring-details-saved"), true);
    Ok(())
}

/// Adds, moves (`up`/`down`) or removes a module of the draft.
#[server]
pub async fn change_modules(slug: String, action: String, file: Option<String>, title: Option<String>) -> Result<(), ServerFnError> {
    use super::repository;
    use crate::{course::slug::slugify, error::unavailable};
    let (state, user) = editor_of(&slug).await?;
    let locale = crate::request_locale();
    let mut files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    let mut manifest = support::manifest(&files);
    let mut modules = support::module_list(&manifest);
    let back = format!("/formation/cours/{slug}#modules");
    let position = file.as_ref().and_then(|f| modules.iter().position(|m| m == f));
    let message = match (action.as_str(), position) {
        ("ajouter", _) => {
            let title = title.unwrap_or_default().trim().to_owned();
            let base = slugify(&title);
            if title.is_empty() || base.is_empty() {
                support::redirect(&back, &locale.text("authoring-module-needs-title"), false);
                return Ok(());
            }
            let name = format!("{:02}-{base}.md", modules.len() + 1);
            if files.contains_key(&name) {
                support::redirect(&back, &locale.text("authoring-module-file-exists"), false);
                return Ok(());
            }
            files.insert(name.clone(), support::module_template(&title).into_bytes());
            modules.push(name);
            "authoring-module-added"
        }
        ("monter", Some(i)) if i > 0 => {
            modules.swap(i, i - 1);
            "authoring-module-moved"
        }
        ("descendre", Some(i)) if i + 1 < modules.len() => {
            modules.swap(i, i + 1);
            "authoring-module-moved"
        }
        ("retirer", Some(i)) => {
            let removed = modules.remove(i);
            files.remove(&removed);
            "authoring-module-removed"
        }
        _ => {
            support::redirect(&back, &locale.text("authoring-module-action-impossible"), false);
            return Ok(());
        }
    };
    manifest.insert("modules".into(), toml::Value::Array(modules.into_iter().map(Into::into).collect()));
    support::set_manifest(&mut files, &manifest);
    repository::save_draft(&state.db, &slug, &files, user.id).await.map_err(unavailable)?;
    support::redirect(&back, &locale.text(message), true);
    Ok(())
}

/// Renders `text` as module `file` of the draft: the learner's view and this file's problems.
#[cfg(feature = "ssr")]
fn preview_of(slug: &str, mut files: std::collections::BTreeMap<String, Vec<u8>>, file: &str, text: &str) -> Preview {
    use crate::course::model::Segment;
    files.insert(file.to_owned(), text.as_bytes().to_vec());
    let (_, checked) = check(slug, files);
    let path = format!("{slug}/{file}");
    let locale = crate::request_locale();
    let problems: Vec<String> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.path == path)
        .map(|d| {
            let kind = locale.text(if d.severity == crate::course::diagnostics::Severity::Error { "editor-error" } else { "editor-warning" });
            let place = locale.text_with("editor-line", &[("line", d.line.into()), ("column", d.column.into())]);
            format!("{place} — {kind} : {}", d.message(locale))
        })
        .collect();
    let problems_title = (!problems.is_empty()).then(|| locale.text_with("editor-problems", &[("count", problems.len().into())]));
    let html = checked
        .course
        .and_then(|course| course.modules.into_iter().find(|m| m.file == file))
        .map(|module| {
            module
                .segments
                .iter()
                .map(|segment| match segment {
                    Segment::Html(html) => html.clone(),
                    Segment::Quiz(i) => format!(
                        "<p class=\"callout\">{}</p>",
                        locale.text_with("editor-preview-quiz", &[("number", (i + 1).into()), ("count", module.quizzes.get(*i).map_or(0, |q| q.questions.len()).into())])
                    ),
                    Segment::Exercise(i) => format!("<p class=\"callout\">{}</p>", locale.text_with("editor-preview-exercise", &[("number", (i + 1).into())])),
                })
                .collect::<String>()
        })
        .unwrap_or_default();
    Preview { html, problems_title, problems }
}

#[server]
pub async fn load_module_editor(slug: String, file: String) -> Result<ModuleEditor, ServerFnError> {
    use super::repository;
    use crate::error::unavailable;
    let (state, _) = editor_of(&slug).await?;
    let files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    let Some(text) = files.get(&file).map(|b| String::from_utf8_lossy(b).into_owned()) else {
        return Err(ServerFnError::new(crate::request_locale().text("authoring-module-not-in-draft")));
    };
    let course_title = support::manifest(&files).get("title").and_then(|t| t.as_str()).unwrap_or(&slug).to_owned();
    let preview = preview_of(&slug, files, &file, &text);
    Ok(ModuleEditor { slug, course_title, file, text, preview })
}

/// The live preview of the editor island: nothing is saved.
#[server]
pub async fn preview_module(slug: String, file: String, text: String) -> Result<Preview, ServerFnError> {
    use super::repository;
    use crate::error::unavailable;
    let (state, _) = editor_of(&slug).await?;
    if text.len() > MAX_MODULE_BYTES {
        return Err(ServerFnError::new(crate::request_locale().text_with("authoring-module-too-large", &[("kilobytes", (MAX_MODULE_BYTES / 1024).into())])));
    }
    let files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    Ok(preview_of(&slug, files, &file, &text))
}

/// Saves a module's text into the draft (problems are shown, never lost work).
#[server]
pub async fn save_module(slug: String, file: String, text: String) -> Result<(), ServerFnError> {
    use super::repository;
    use crate::error::unavailable;
    let (state, user) = editor_of(&slug).await?;
    let locale = crate::request_locale();
    let back = format!("/formation/cours/{slug}/modules/{file}");
    if text.len() > MAX_MODULE_BYTES {
        support::redirect(&back, &locale.text_with("authoring-module-not-saved-too-large", &[("kilobytes", (MAX_MODULE_BYTES / 1024).into())]), false);
        return Ok(());
    }
    let mut files = repository::working_files(&state.db, &slug).await.map_err(unavailable)?;
    if !files.contains_key(&file) {
        return Err(ServerFnError::new(locale.text("authoring-module-not-in-draft")));
    }
    // Browsers send text areas with CRLF line ends: store what the trainer sees, with LF.
    files.insert(file.clone(), text.replace("\r\n", "\n").into_bytes());
    repository::save_draft(&state.db, &slug, &files, user.id).await.map_err(unavailable)?;
    support::redirect(&format!("{back}#apercu"), &locale.text("authoring-draft-saved"), true);
    Ok(())
}

/// Checks the draft and publishes it as a new version; with errors, nothing is published and
/// the draft stays as it is.
#[server]
pub async fn publish_course(slug: String) -> Result<(), ServerFnError> {
    use super::repository;
    use crate::{audit, course::repository::{import_source, PublishOutcome}, error::unavailable};
    let (state, user) = editor_of(&slug).await?;
    let locale = crate::request_locale();
    let back = format!("/formation/cours/{slug}");
    let Some(files) = repository::draft_files(&state.db, &slug).await.map_err(unavailable)? else {
        support::redirect(&back, &locale.text("authoring-nothing-to-publish"), false);
        return Ok(());
    };
    let (source, _) = check(&slug, files);
    let report = import_source(&state.db, &source, Some(user.id)).await.map_err(unavailable)?;
    // The audit log keeps its French record; the trainer reads the message in their language.
    let (details, message) = match report.outcome {
        None => {
            let errors = report.diagnostics.iter().filter(|d| d.severity == crate::course::diagnostics::Severity::Error).count();
            support::redirect(&format!("{back}#problemes"), &locale.text_with("authoring-not-published", &[("errors", errors.into())]), false);
            return Ok(());
        }
        Some(PublishOutcome::Published { version_id }) => {
            (format!("Publié : version {version_id} en ligne."), locale.text_with("authoring-publish-done", &[("version", version_id.into())]))
        }
        Some(PublishOutcome::Restored { version_id }) => (
            format!("Publié : identique à la version {version_id}, remise en ligne."),
            locale.text_with("authoring-restored", &[("version", version_id.into())]),
        ),
        Some(PublishOutcome::Unchanged { .. }) => ("Le brouillon est identique à la version en ligne.".to_owned(), locale.text("authoring-unchanged")),
    };
    repository::discard_draft(&state.db, &slug).await.map_err(unavailable)?;
    audit::record(&state.db, Some(user.id), "course.publish", &format!("course:{slug}"), &details).await.map_err(unavailable)?;
    support::redirect(&back, &message, true);
    Ok(())
}

#[server]
pub async fn discard_course_draft(slug: String) -> Result<(), ServerFnError> {
    use crate::error::unavailable;
    let (state, _) = editor_of(&slug).await?;
    super::repository::discard_draft(&state.db, &slug).await.map_err(unavailable)?;
    support::redirect(&format!("/formation/cours/{slug}"), &crate::request_locale().text("authoring-draft-discarded"), true);
    Ok(())
}

/// Puts an earlier version back online (the history keeps every version).
#[server]
pub async fn roll_back_course(slug: String, version: i64) -> Result<(), ServerFnError> {
    use crate::{audit, error::unavailable};
    let (state, user) = editor_of(&slug).await?;
    let locale = crate::request_locale();
    if !super::repository::roll_back(&state.db, &slug, version).await.map_err(unavailable)? {
        return Err(ServerFnError::new(locale.text("authoring-version-not-of-course")));
    }
    audit::record(&state.db, Some(user.id), "course.rollback", &format!("course:{slug}"), &format!("version {version}")).await.map_err(unavailable)?;
    support::redirect(&format!("/formation/cours/{slug}/versions"), &locale.text_with("authoring-rolled-back", &[("version", version.into())]), true);
    Ok(())
}

/// The readable differences between two versions (`to` = `None`: the draft).
#[server]
pub async fn load_diff(slug: String, from: i64, to: Option<i64>) -> Result<Vec<FileDiff>, ServerFnError> {
    use super::repository;
    use crate::{course::diff::hunks, error::unavailable};
    let (state, _) = editor_of(&slug).await?;
    let old = repository::published_files(&state.db, &slug, Some(from)).await.map_err(unavailable)?;
    let new = match to {
        Some(version) => repository::published_files(&state.db, &slug, Some(version)).await.map_err(unavailable)?,
        None => repository::working_files(&state.db, &slug).await.map_err(unavailable)?,
    };
    let paths: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let locale = crate::request_locale();
    let text = |files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str| {
        files
            .get(path)
            .map(|b| String::from_utf8(b.clone()).unwrap_or_else(|_| locale.text_with("authoring-binary-file", &[("bytes", b.len().into())])))
            .unwrap_or_default()
    };
    let mut diffs = Vec::new();
    for path in paths {
        let (before, after) = (text(&old, path), text(&new, path));
        if before == after {
            continue;
        }
        diffs.push(FileDiff { path: path.clone(), hunks: hunks(&before, &after, 3) });
    }
    Ok(diffs)
}

#[server]
pub async fn load_course_stats(slug: String) -> Result<StatsView, ServerFnError> {
    use super::{analytics, repository};
    use crate::{course::quiz::QuestionKind, error::unavailable};
    let (state, _) = editor_of(&slug).await?;
    let Some(outline) = crate::course::repository::outline(&state.db, &slug).await.map_err(unavailable)? else {
        return Err(ServerFnError::new(crate::request_locale().text("authoring-stats-unpublished")));
    };
    let mut pages = Vec::new();
    for module in &outline.modules {
        if let Some(page) = crate::course::repository::module_page(&state.db, &slug, &module.slug).await.map_err(unavailable)? {
            pages.push(page.module);
        }
    }
    let find = |module: &str| pages.iter().find(|m| m.slug == module);
    let quiz_attempts = repository::quiz_attempts(&state.db, &slug).await.map_err(unavailable)?;
    let quizzes = analytics::quiz_stats(&quiz_attempts, |module, quiz, question| {
        find(module).and_then(|m| m.quizzes.get(quiz)).and_then(|q| q.questions.get(question)).map_or(0, |q| match &q.kind {
            QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices.len(),
            QuestionKind::Short { .. } => 0,
        })
    })
    .into_iter()
    .map(|stats| {
        let module = find(&stats.module);
        let questions = stats.questions.map(|list| {
            list.into_iter()
                .enumerate()
                .map(|(q, question)| {
                    let wording = module.and_then(|m| m.quizzes.get(stats.quiz)).and_then(|quiz| quiz.questions.get(q));
                    let options = match wording.map(|w| &w.kind) {
                        Some(QuestionKind::Single { choices }) | Some(QuestionKind::Multiple { choices }) => choices
                            .iter()
                            .zip(question.option_choices.iter())
                            .map(|(c, n)| (c.text.clone(), c.correct, *n))
                            .collect(),
                        _ => Vec::new(),
                    };
                    (wording.map(|w| w.prompt.clone()).unwrap_or_default(), question.first_time_rate(), options)
                })
                .collect()
        });
        let title = module.map(|m| m.title.clone()).unwrap_or(stats.module);
        (title, stats.quiz + 1, QuizStatsView { attempts: stats.attempts, learners: stats.learners, median_seconds: stats.median_seconds, questions })
    })
    .collect();
    let exercise_attempts = repository::exercise_attempts(&state.db, &slug).await.map_err(unavailable)?;
    let exercises = analytics::exercise_stats(&exercise_attempts)
        .into_iter()
        .map(|stats| {
            let module = find(&stats.module);
            let exercise_title = module.and_then(|m| m.exercises.get(stats.exercise)).map(|e| e.title.clone()).unwrap_or_default();
            (
                module.map(|m| m.title.clone()).unwrap_or(stats.module),
                exercise_title,
                ExerciseStatsView {
                    attempts: stats.attempts,
                    learners: stats.learners,
                    passed_attempts: stats.passed_attempts,
                    criteria: stats.criteria.map(|list| list.into_iter().map(|c| (c.criterion, c.attempts, c.failures)).collect()),
                },
            )
        })
        .collect();
    Ok(StatsView { title: outline.info.title, min_learners: analytics::MIN_LEARNERS, quizzes, exercises })
}

/// An agent reports a problem on a module.
#[server]
pub async fn report_problem(course: String, module: String, kind: String, message: String) -> Result<(), ServerFnError> {
    use crate::{
        accounts::forms::FormFeedback, web::redirect_with,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let locale = crate::request_locale();
    let back = format!("/cours/{course}/{module}#signaler");
    let message = message.trim().to_owned();
    let mut feedback = FormFeedback::new("signalement").value("message", &message).value("kind", &kind);
    if !REPORT_KINDS.contains(&kind.as_str()) {
        feedback = feedback.error("kind", locale.text("report-error-kind"));
    }
    if message.is_empty() || message.chars().count() > MAX_REPORT_CHARS {
        feedback = feedback.error("message", locale.text_with("report-error-message", &[("max", MAX_REPORT_CHARS.into())]));
    }
    if crate::course::repository::module_page(&state.db, &course, &module).await.map_err(unavailable)?.is_none() {
        return Err(ServerFnError::new(locale.text("course-module-gone")));
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("report-not-sent")), &back);
        return Ok(());
    }
    super::repository::create_report(&state.db, &course, &module, &kind, &message, user.id).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success("signalement", locale.text("report-sent")), &back);
    Ok(())
}

#[server]
pub async fn load_reports(slug: String) -> Result<Vec<ReportView>, ServerFnError> {
    use crate::error::unavailable;
    let (state, _) = editor_of(&slug).await?;
    Ok(super::repository::reports(&state.db, &slug)
        .await
        .map_err(unavailable)?
        .into_iter()
        .map(|r| ReportView { id: r.id, module: r.module_slug, kind: r.kind, message: r.message, created_at: r.created_at, resolved_at: r.resolved_at })
        .collect())
}

#[server]
pub async fn resolve_problem(slug: String, id: i64) -> Result<(), ServerFnError> {
    use crate::error::unavailable;
    let (state, user) = editor_of(&slug).await?;
    super::repository::resolve_report(&state.db, &slug, id, user.id).await.map_err(unavailable)?;
    support::redirect(&format!("/formation/cours/{slug}/signalements"), &crate::request_locale().text("authoring-report-resolved"), true);
    Ok(())
}

/// An administrator makes a trainer an editor of a course.
#[server]
pub async fn add_course_editor(slug: String, email: String) -> Result<(), ServerFnError> {
    use crate::{accounts::repository::find_by_email, audit, error::{app_state, unavailable}};
    let state = app_state()?;
    let admin = crate::accounts::authz::require_admin()?;
    let locale = crate::request_locale();
    let back = format!("/formation/cours/{slug}#formateurs");
    match find_by_email(&state.db, &email).await.map_err(unavailable)? {
        Some(user) => {
            super::repository::add_editor(&state.db, &slug, user.id).await.map_err(unavailable)?;
            audit::record(&state.db, Some(admin.id), "course.editor.add", &format!("course:{slug}"), &user.email).await.map_err(unavailable)?;
            support::redirect(&back, &locale.text_with("authoring-editor-added", &[("name", user.display_name.clone().into())]), true);
        }
        None => support::redirect(&back, &locale.text_with("authoring-editor-unknown", &[("email", email.trim().to_owned().into())]), false),
    }
    Ok(())
}
