//! Published courses in the database (server only): publishing a checked course as a new
//! version, and reading what the catalogue, course and module pages show.

use std::{collections::BTreeMap, path::Path};


use super::{
    diagnostics::Diagnostic,
    loader::{check_course, check_directory, CourseCheck, CourseSource},
    model::{CourseInfo, CourseOutline, ModuleContent, ModulePage, ModuleSummary, ParsedCourse},
};
use crate::db::{json_error, now, Database, DbError};

/// What publishing did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishOutcome {
    /// A new version is now the one learners see.
    Published { version_id: i64 },
    /// The content is identical to the current version: nothing changed.
    Unchanged { version_id: i64 },
    /// The content is identical to an earlier version, which became current again.
    Restored { version_id: i64 },
}

impl PublishOutcome {
    pub fn version_id(&self) -> i64 {
        match self {
            PublishOutcome::Published { version_id }
            | PublishOutcome::Unchanged { version_id }
            | PublishOutcome::Restored { version_id } => *version_id,
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(json_error)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DbError> {
    serde_json::from_str(text).map_err(json_error)
}

/// Publishes a checked course: its files, rendered modules and card become a new version, unless
/// the same content was already published. Other instances importing the same course at the
/// same moment are handled by retrying after a uniqueness conflict.
pub async fn publish(
    db: &Database,
    course: &ParsedCourse,
    files: &BTreeMap<String, Vec<u8>>,
    publisher: Option<i64>,
) -> Result<PublishOutcome, DbError> {
    let mut attempt = 0;
    loop {
        match try_publish(db, course, files, publisher).await {
            Err(DbError::Query(sqlx::Error::Database(e))) if e.is_unique_violation() && attempt < 3 => attempt += 1,
            other => return other,
        }
    }
}

async fn try_publish(
    db: &Database,
    course: &ParsedCourse,
    files: &BTreeMap<String, Vec<u8>>,
    publisher: Option<i64>,
) -> Result<PublishOutcome, DbError> {
    let mut tx = db.begin_write().await?;
    let existing: Option<(i64, Option<i64>)> = sqlx::query_as("SELECT id, current_version_id FROM courses WHERE slug = $1")
        .bind(&course.info.slug)
        .fetch_optional(&mut *tx)
        .await?;
    let (course_id, current_version): (i64, Option<i64>) = match existing {
        Some(existing) => existing,
        None => {
            let id = sqlx::query_scalar("INSERT INTO courses (slug, created_at) VALUES ($1, $2) RETURNING id")
                .bind(&course.info.slug)
                .bind(now())
                .fetch_one(&mut *tx)
                .await?;
            (id, None)
        }
    };
    let same_content: Option<i64> = sqlx::query_scalar("SELECT id FROM course_versions WHERE course_id = $1 AND content_hash = $2")
        .bind(course_id)
        .bind(&course.content_hash)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(version_id) = same_content {
        if current_version == Some(version_id) {
            tx.rollback().await?;
            return Ok(PublishOutcome::Unchanged { version_id });
        }
        sqlx::query("UPDATE courses SET current_version_id = $1 WHERE id = $2")
            .bind(version_id)
            .bind(course_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(PublishOutcome::Restored { version_id });
    }

    let version_id: i64 = sqlx::query_scalar(
        "INSERT INTO course_versions (course_id, content_hash, info_json, published_at, published_by) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(course_id)
    .bind(&course.content_hash)
    .bind(to_json(&course.info)?)
    .bind(now())
    .bind(publisher)
    .fetch_one(&mut *tx)
    .await?;
    for (position, module) in course.modules.iter().enumerate() {
        sqlx::query(
            "INSERT INTO course_modules (version_id, position, slug, summary_json, content_json) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(version_id)
        .bind(position as i64)
        .bind(&module.slug)
        .bind(to_json(&module.summary())?)
        .bind(to_json(module)?)
        .execute(&mut *tx)
        .await?;
    }
    for (path, bytes) in files {
        let content_type = course.assets.iter().find(|a| &a.path == path).map(|a| a.content_type);
        sqlx::query("INSERT INTO course_files (version_id, path, content_type, bytes) VALUES ($1, $2, $3, $4)")
            .bind(version_id)
            .bind(path)
            .bind(content_type)
            .bind(bytes.as_slice())
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE courses SET current_version_id = $1 WHERE id = $2")
        .bind(version_id)
        .bind(course_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(PublishOutcome::Published { version_id })
}

/// What importing one course folder did.
#[derive(Debug)]
pub struct ImportReport {
    pub slug: String,
    /// `None` when the course has errors and was refused (the previous version stays online).
    pub outcome: Option<PublishOutcome>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks and publishes one course folder already read into memory (uploads, the web editor).
pub async fn import_source(db: &Database, source: &CourseSource, publisher: Option<i64>) -> Result<ImportReport, DbError> {
    publish_checked(db, source, check_course(source), publisher).await
}

/// Checks and publishes every course folder of `dir`.
pub async fn import_directory(db: &Database, dir: &Path) -> Result<Vec<ImportReport>, ImportError> {
    let checks = check_directory(dir).map_err(|source| ImportError::Read { path: dir.display().to_string(), source })?;
    let mut reports = Vec::new();
    for (source, check) in checks {
        reports.push(publish_checked(db, &source, check, None).await?);
    }
    Ok(reports)
}

/// Publishes a checked course, or refuses it when the check found errors.
async fn publish_checked(db: &Database, source: &CourseSource, check: CourseCheck, publisher: Option<i64>) -> Result<ImportReport, DbError> {
    let outcome = match &check.course {
        Some(course) => Some(publish(db, course, &source.files, publisher).await?),
        None => None,
    };
    Ok(ImportReport { slug: source.slug.clone(), outcome, diagnostics: check.diagnostics })
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("lecture du dossier {path} impossible : {source}")]
    Read { path: String, source: std::io::Error },
    #[error(transparent)]
    Database(#[from] DbError),
}

/// The cards of every published course (current versions).
pub async fn catalogue(db: &Database) -> Result<Vec<CourseInfo>, DbError> {
    let infos: Vec<String> = sqlx::query_scalar(
        "SELECT v.info_json FROM courses c JOIN course_versions v ON v.id = c.current_version_id ORDER BY c.slug",
    )
    .fetch_all(db.pool())
    .await?;
    infos.iter().map(|info| from_json(info)).collect()
}

/// The current version of a course and its outline.
pub async fn outline(db: &Database, course_slug: &str) -> Result<Option<CourseOutline>, DbError> {
    let Some((version_id, info)): Option<(i64, String)> = sqlx::query_as(
        "SELECT v.id, v.info_json FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.slug = $1",
    )
    .bind(course_slug)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let info: CourseInfo = from_json(&info)?;
    let summaries: Vec<String> = sqlx::query_scalar("SELECT summary_json FROM course_modules WHERE version_id = $1 ORDER BY position")
        .bind(version_id)
        .fetch_all(db.pool())
        .await?;
    let modules = summaries.iter().map(|summary| from_json::<ModuleSummary>(summary)).collect::<Result<Vec<_>, _>>()?;
    Ok(Some(CourseOutline { info, version_id, modules }))
}

/// A module of the current version of a course, with its place in the outline.
pub async fn module_page(db: &Database, course_slug: &str, module_slug: &str) -> Result<Option<ModulePage>, DbError> {
    let Some(outline) = outline(db, course_slug).await? else {
        return Ok(None);
    };
    let Some(position) = outline.modules.iter().position(|m| m.slug == module_slug) else {
        return Ok(None);
    };
    let content: String = sqlx::query_scalar("SELECT content_json FROM course_modules WHERE version_id = $1 AND slug = $2")
        .bind(outline.version_id)
        .bind(module_slug)
        .fetch_one(db.pool())
        .await?;
    let module: ModuleContent = from_json(&content)?;
    Ok(Some(ModulePage { outline, position, module }))
}

/// A served file (image, document) of the current version of a course.
pub async fn asset(db: &Database, course_slug: &str, path: &str) -> Result<Option<(String, Vec<u8>)>, DbError> {
    Ok(sqlx::query_as(
        "SELECT f.content_type, f.bytes FROM courses c JOIN course_files f ON f.version_id = c.current_version_id \
         WHERE c.slug = $1 AND f.path = $2 AND f.content_type IS NOT NULL",
    )
    .bind(course_slug)
    .bind(path)
    .fetch_optional(db.pool())
    .await?)
}

/// The number of versions a course has had (for tests and the trainer's history).
pub async fn version_count(db: &Database, course_slug: &str) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) AS n FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = $1")
        .bind(course_slug)
        .fetch_one(db.pool())
        .await?)
}
