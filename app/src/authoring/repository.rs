//! Storage of the trainer workspace (server only): who edits which course, the draft of each
//! course (every file of its folder), published versions and rollback, the attempts item
//! analytics read, and problem reports.

use std::collections::BTreeMap;

use super::analytics::{ExerciseAttempt, QuizAttempt};
use crate::{
    accounts::CurrentUser,
    db::{json_error, now, Database, DbError},
};

/// May `user` edit course `slug`? Administrators may edit every course; trainers the courses
/// they created or were given.
pub async fn is_editor(db: &Database, user: &CurrentUser, slug: &str) -> Result<bool, DbError> {
    if user.is_admin() {
        return Ok(true);
    }
    if !user.has_role(crate::accounts::Role::Trainer) {
        return Ok(false);
    }
    let row = sqlx::query("SELECT 1 AS one FROM course_editors WHERE course_slug = $1 AND user_id = $2")
        .bind(slug)
        .bind(user.id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some())
}

pub async fn add_editor(db: &Database, slug: &str, user_id: i64) -> Result<(), DbError> {
    let exists = sqlx::query("SELECT 1 AS one FROM course_editors WHERE course_slug = $1 AND user_id = $2")
        .bind(slug)
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?;
    if exists.is_none() {
        db.execute(sqlx::query("INSERT INTO course_editors (course_slug, user_id, granted_at) VALUES ($1, $2, $3)")
            .bind(slug)
            .bind(user_id)
            .bind(now()))
            .await?;
    }
    Ok(())
}

/// The names and e-mail addresses of a course's editors.
pub async fn editors(db: &Database, slug: &str) -> Result<Vec<(String, String)>, DbError> {
    Ok(sqlx::query_as(
        "SELECT u.display_name, u.email FROM course_editors e JOIN users u ON u.id = e.user_id WHERE e.course_slug = $1 ORDER BY u.display_name",
    )
    .bind(slug)
    .fetch_all(db.pool())
    .await?)
}

/// The courses `user` may edit (published or only drafted), by address.
pub async fn editable_courses(db: &Database, user: &CurrentUser) -> Result<Vec<String>, DbError> {
    Ok(if user.is_admin() {
        sqlx::query_scalar("SELECT slug FROM courses UNION SELECT DISTINCT course_slug FROM course_drafts ORDER BY 1").fetch_all(db.pool()).await?
    } else {
        sqlx::query_scalar("SELECT course_slug FROM course_editors WHERE user_id = $1 ORDER BY course_slug").bind(user.id).fetch_all(db.pool()).await?
    })
}

/// Is a course with this address published or drafted already?
pub async fn course_exists(db: &Database, slug: &str) -> Result<bool, DbError> {
    let row = sqlx::query("SELECT 1 AS one FROM courses WHERE slug = $1 UNION SELECT 1 FROM course_drafts WHERE course_slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some())
}

/// The files of a published version (the current one when `version` is `None`).
pub async fn published_files(db: &Database, slug: &str, version: Option<i64>) -> Result<BTreeMap<String, Vec<u8>>, DbError> {
    let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT f.path, f.bytes FROM course_files f JOIN course_versions v ON v.id = f.version_id JOIN courses c ON c.id = v.course_id \
         WHERE c.slug = $1 AND v.id = COALESCE($2, c.current_version_id) ORDER BY f.path",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().collect())
}

/// The draft of a course, if one is being edited.
pub async fn draft_files(db: &Database, slug: &str) -> Result<Option<BTreeMap<String, Vec<u8>>>, DbError> {
    let rows: Vec<(String, Vec<u8>)> =
        sqlx::query_as("SELECT path, bytes FROM course_drafts WHERE course_slug = $1 ORDER BY path").bind(slug).fetch_all(db.pool()).await?;
    Ok((!rows.is_empty()).then(|| rows.into_iter().collect()))
}

/// What the trainer works on: the draft, or the published version when there is no draft.
pub async fn working_files(db: &Database, slug: &str) -> Result<BTreeMap<String, Vec<u8>>, DbError> {
    match draft_files(db, slug).await? {
        Some(files) => Ok(files),
        None => published_files(db, slug, None).await,
    }
}

/// Replaces the whole draft of a course.
pub async fn save_draft(db: &Database, slug: &str, files: &BTreeMap<String, Vec<u8>>, by: i64) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM course_drafts WHERE course_slug = $1").bind(slug).execute(&mut *tx).await?;
    let at = now();
    for (path, bytes) in files {
        sqlx::query("INSERT INTO course_drafts (course_slug, path, bytes, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)")
            .bind(slug)
            .bind(path)
            .bind(bytes.as_slice())
            .bind(at)
            .bind(by)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Drops the draft: the published version is what the trainer sees again.
pub async fn discard_draft(db: &Database, slug: &str) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM course_drafts WHERE course_slug = $1").bind(slug)).await?;
    Ok(())
}

/// When the draft was last saved, and by whom.
pub async fn draft_stamp(db: &Database, slug: &str) -> Result<Option<(i64, Option<String>)>, DbError> {
    Ok(sqlx::query_as(
        "SELECT d.updated_at, u.display_name FROM course_drafts d LEFT JOIN users u ON u.id = d.updated_by \
         WHERE d.course_slug = $1 ORDER BY d.updated_at DESC LIMIT 1",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?)
}

/// A published version, for the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRow {
    pub id: i64,
    pub published_at: i64,
    pub publisher: Option<String>,
    pub content_hash: String,
    pub current: bool,
}

/// Every version of a course, newest first.
pub async fn versions(db: &Database, slug: &str) -> Result<Vec<VersionRow>, DbError> {
    let rows: Vec<(i64, i64, String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT v.id, v.published_at, v.content_hash, u.display_name, c.current_version_id FROM course_versions v \
         JOIN courses c ON c.id = v.course_id LEFT JOIN users u ON u.id = v.published_by WHERE c.slug = $1 ORDER BY v.id DESC",
    )
    .bind(slug)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, published_at, content_hash, publisher, current_version_id)| VersionRow {
            id,
            published_at,
            publisher,
            content_hash,
            current: current_version_id == Some(id),
        })
        .collect())
}

/// Makes an earlier version current again; returns false if it is not a version of this course.
pub async fn roll_back(db: &Database, slug: &str, version_id: i64) -> Result<bool, DbError> {
    let done = db.execute(sqlx::query(
        "UPDATE courses SET current_version_id = $1 WHERE slug = $2 \
         AND EXISTS (SELECT 1 FROM course_versions v WHERE v.id = $1 AND v.course_id = courses.id)",
    )
    .bind(version_id)
    .bind(slug))
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every quiz attempt on a course, for item analytics.
pub async fn quiz_attempts(db: &Database, slug: &str) -> Result<Vec<QuizAttempt>, DbError> {
    let rows: Vec<(i64, String, i64, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT user_id, module_slug, quiz_index, submitted_at, duration_seconds, result_json FROM quiz_attempts WHERE course_slug = $1",
    )
    .bind(slug)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(user_id, module, quiz_index, submitted_at, duration_seconds, result_json)| {
            Ok(QuizAttempt {
                user_id,
                module,
                quiz: quiz_index.max(0) as usize,
                submitted_at,
                duration_seconds,
                result: serde_json::from_str(&result_json).map_err(json_error)?,
            })
        })
        .collect()
}

/// Every exercise attempt on a course (only their corrections are read, never the learner's text).
pub async fn exercise_attempts(db: &Database, slug: &str) -> Result<Vec<ExerciseAttempt>, DbError> {
    let rows: Vec<(i64, String, i64, String)> =
        sqlx::query_as("SELECT user_id, module_slug, exercise_index, result_json FROM exercise_attempts WHERE course_slug = $1")
            .bind(slug)
            .fetch_all(db.pool())
            .await?;
    rows.into_iter()
        .map(|(user_id, module, exercise_index, result_json)| {
            Ok(ExerciseAttempt {
                user_id,
                module,
                exercise: exercise_index.max(0) as usize,
                outcome: serde_json::from_str(&result_json).map_err(json_error)?,
            })
        })
        .collect()
}

/// A problem reported on a module.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ProblemReport {
    pub id: i64,
    pub module_slug: String,
    pub kind: String,
    pub message: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
}

pub async fn create_report(db: &Database, course: &str, module: &str, kind: &str, message: &str, user_id: i64) -> Result<(), DbError> {
    db.execute(sqlx::query("INSERT INTO problem_reports (course_slug, module_slug, kind, message, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(course)
        .bind(module)
        .bind(kind)
        .bind(message)
        .bind(user_id)
        .bind(now()))
        .await?;
    Ok(())
}

/// A course's reports, open ones first.
pub async fn reports(db: &Database, course: &str) -> Result<Vec<ProblemReport>, DbError> {
    Ok(sqlx::query_as(
        "SELECT id, module_slug, kind, message, created_at, resolved_at FROM problem_reports WHERE course_slug = $1 \
         ORDER BY CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC",
    )
    .bind(course)
    .fetch_all(db.pool())
    .await?)
}

/// How many reports of a course are still open.
pub async fn open_report_count(db: &Database, course: &str) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) AS n FROM problem_reports WHERE course_slug = $1 AND resolved_at IS NULL")
        .bind(course)
        .fetch_one(db.pool())
        .await?)
}

/// Marks a report of `course` resolved; false if there is no such open report.
pub async fn resolve_report(db: &Database, course: &str, id: i64, by: i64) -> Result<bool, DbError> {
    let done = db.execute(sqlx::query("UPDATE problem_reports SET resolved_at = $1, resolved_by = $2 WHERE id = $3 AND course_slug = $4 AND resolved_at IS NULL")
        .bind(now())
        .bind(by)
        .bind(id)
        .bind(course))
        .await?;
    Ok(done.rows_affected() == 1)
}
