//! Stored learning records (server only): quiz attempts, module progress, course completions
//! and the xAPI statements that describe them.

use std::collections::BTreeMap;

use sqlx::AnyConnection;

use super::{course_is_complete, module_is_complete, CourseProgress, ModuleState};
use crate::{
    course::{model::ModulePage, repository as courses},
    db::{json_error, now, Database, DbError, StatementBatch},
    quiz::grading::QuizResult,
    xapi::{statement, StatementInput, Verb},
};

/// A random UUID (version 4, hyphenated, lower case), the id of an xAPI statement.
fn uuid_v4() -> Result<String, DbError> {
    Ok(uuid::Builder::from_random_bytes(crate::crypto::random_bytes()?).into_uuid().hyphenated().to_string())
}

/// An attestation code that is easy to read aloud: 12 characters without 0/O or 1/I.
fn verification_code() -> Result<String, DbError> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes: [u8; 12] = crate::crypto::random_bytes()?;
    let code: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    Ok(format!("{}-{}-{}", &code[0..4], &code[4..8], &code[8..12]))
}

/// Who is recording, for statements.
pub struct Learner<'a> {
    pub id: i64,
    pub name: &'a str,
}

async fn store_statement(conn: &mut AnyConnection, home_page: &str, learner: &Learner<'_>, verb: Verb, path: &str, name: &str, kind: &str, score: Option<(u32, bool)>) -> Result<(), DbError> {
    let mut batch = StatementBatch::for_connection(conn);
    push_statement(&mut batch, home_page, learner, verb, path, name, kind, score)?;
    Ok(batch.execute(conn).await?)
}

/// Adds the insertion of an xAPI statement to `batch`.
#[allow(clippy::too_many_arguments)]
fn push_statement(batch: &mut StatementBatch<'_>, home_page: &str, learner: &Learner<'_>, verb: Verb, path: &str, name: &str, kind: &str, score: Option<(u32, bool)>) -> Result<(), DbError> {
    let id = uuid_v4()?;
    let at = now();
    let value = statement(&StatementInput {
        id: &id,
        home_page,
        user_id: learner.id,
        user_name: learner.name,
        verb,
        activity_path: path,
        activity_name: name,
        activity_type: kind,
        score,
        timestamp: &crate::time::rfc3339(at),
    });
    batch
        .statement("INSERT INTO xapi_statements (id, user_id, verb, activity, statement_json, stored_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(learner.id)
        .bind(verb.iri())
        .bind(format!("{home_page}{path}"))
        .bind(value.to_string())
        .bind(at);
    Ok(())
}

/// What the database holds of a learner in one module, for its page.
#[derive(Debug)]
pub struct ModuleRecords {
    pub state: ModuleState,
    /// By quiz index; quizzes without an attempt are absent.
    pub attempts: BTreeMap<usize, AttemptSummary>,
    /// The latest correction of each exercise (`None`: not attempted).
    pub exercises: Vec<Option<crate::sandbox::api::ExerciseOutcome>>,
}

/// Reads a learner's records in a module with `quizzes` quizzes and `exercises` exercises, of
/// version `current_version`, and records their visit: marks the module started (first visit)
/// and remembers the visit (to resume there).
///
/// **One statement** for the page, however many activities: the module's progress row, the quiz
/// totals, at most [`RECENT_ATTEMPTS_SHOWN`] attempts per quiz and the latest attempt per exercise,
/// each branch on its history index, tagged by `kind` in common columns. (The page of a
/// signed-in learner is the most viewed; on SQLite it runs on the calling thread,
/// [`Database::read_here`]: through sqlx, the hand-over to its connection thread and back cost more
/// than the statement.) A write
/// only when the visit changes something — a first visit, another module visited since (the
/// dashboard resumes on the latest), or a visit time more than a minute old: a learner reading or
/// reloading one module costs no write.
pub async fn module_records(
    db: &Database,
    user_id: i64,
    course: &str,
    module: &str,
    quizzes: usize,
    exercises: usize,
    current_version: i64,
) -> Result<ModuleRecords, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: i64,
        a: Option<i64>,
        b: Option<i64>,
        c: Option<i64>,
        d: Option<i64>,
        e: Option<i64>,
        json: Option<String>,
    }
    const PROGRESS: i64 = 0;
    const TOTALS: i64 = 1;
    const ATTEMPT: i64 = 2;
    const EXERCISE: i64 = 3;
    // Typed: PostgreSQL gives an untyped NULL of a subquery the type text, which no union with
    // a number accepts.
    const NULL_NUMBER: &str = "CAST(NULL AS BIGINT)";
    let mut sql = crate::db::QueryBuilder::new("");
    sql.bind(user_id).bind(course.to_owned()).bind(module.to_owned());
    sql.push(format!(
        "SELECT CAST({PROGRESS} AS BIGINT) AS kind, m.last_visited_at AS a, \
                (SELECT MAX(last_visited_at) FROM module_progress WHERE user_id = $1) AS b, \
                m.read_at AS c, m.completed_at AS d, m.completed_version_id AS e, CAST(NULL AS TEXT) AS json \
         FROM module_progress m WHERE m.user_id = $1 AND m.course_slug = $2 AND m.module_slug = $3 \
         UNION ALL SELECT {TOTALS}, quiz_index, attempts, best_score, {NULL_NUMBER}, {NULL_NUMBER}, CAST(NULL AS TEXT) FROM quiz_attempt_totals \
         WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3 AND attempts > 0"
    ));
    for quiz in 0..quizzes {
        sql.push(format!(
            " UNION ALL SELECT * FROM (SELECT {ATTEMPT}, quiz_index, score, passed, submitted_at, id, result_json FROM quiz_attempts \
             WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3 AND quiz_index = {quiz} \
             ORDER BY submitted_at DESC, id DESC LIMIT {RECENT_ATTEMPTS_SHOWN}) AS q{quiz}"
        ));
    }
    for exercise in 0..exercises {
        sql.push(format!(
            " UNION ALL SELECT * FROM (SELECT {EXERCISE}, exercise_index, {NULL_NUMBER}, {NULL_NUMBER}, submitted_at, id, result_json FROM exercise_attempts \
             WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3 AND exercise_index = {exercise} \
             ORDER BY submitted_at DESC, id DESC LIMIT 1) AS e{exercise}"
        ));
    }
    let read_here = {
        let params: [(&str, &dyn rusqlite::ToSql); 3] = [("$1", &user_id), ("$2", &course), ("$3", &module)];
        db.read_here(sql.sql(), &params, |row| {
            Ok(Row { kind: row.get(0)?, a: row.get(1)?, b: row.get(2)?, c: row.get(3)?, d: row.get(4)?, e: row.get(5)?, json: row.get(6)? })
        })
    };
    let mut rows: Vec<Row> = match read_here {
        Some(rows) => rows?,
        None => db.read_all(sql.build_query_as()?).await?,
    };
    // Newest first within each quiz (a union keeps no order of its own).
    rows.sort_by(|x, y| (x.kind, x.a, y.d, y.e).cmp(&(y.kind, y.a, x.d, x.e)));
    let index = |value: Option<i64>| value.and_then(|v| usize::try_from(v).ok());

    let progress = rows.iter().find(|row| row.kind == PROGRESS);
    let up_to_date = progress.is_some_and(|row| {
        let (visited, latest) = (row.a.unwrap_or(0), row.b.unwrap_or(0));
        visited >= latest && now() - visited < VISIT_RESOLUTION_SECONDS
    });
    if !up_to_date {
        let mut tx = db.begin_write().await?;
        visit(&mut tx, user_id, course, module).await?;
        tx.commit().await?;
    }
    let state = match progress {
        None => ModuleState { started: true, ..ModuleState::default() },
        Some(row) => started_module_state(row.c, row.d, row.e, current_version),
    };

    let mut attempts = BTreeMap::new();
    for totals in rows.iter().filter(|row| row.kind == TOTALS) {
        let Some(quiz) = index(totals.a) else { continue };
        let recent: Vec<&Row> = rows.iter().filter(|row| row.kind == ATTEMPT && index(row.a) == Some(quiz)).collect();
        // An attempt deleted meanwhile (an account erased), or a quiz the module no longer has.
        let Some(latest) = recent.first().and_then(|row| row.json.as_deref()) else { continue };
        let latest: QuizResult = serde_json::from_str(latest).map_err(json_error)?;
        attempts.insert(
            quiz,
            AttemptSummary {
                latest,
                count: totals.b.unwrap_or(0),
                best_score: totals.c.and_then(|best| u32::try_from(best).ok()).unwrap_or(0),
                recent: recent
                    .iter()
                    .map(|row| (row.d.unwrap_or(0), row.b.and_then(|score| u32::try_from(score).ok()).unwrap_or(0), row.c == Some(1)))
                    .collect(),
            },
        );
    }

    let mut latest_exercises: Vec<Option<crate::sandbox::api::ExerciseOutcome>> = (0..exercises).map(|_| None).collect();
    for row in rows.iter().filter(|row| row.kind == EXERCISE) {
        if let (Some(slot), Some(json)) = (index(row.a).and_then(|exercise| latest_exercises.get_mut(exercise)), row.json.as_deref()) {
            *slot = Some(serde_json::from_str(json).map_err(json_error)?);
        }
    }
    Ok(ModuleRecords { state, attempts, exercises: latest_exercises })
}

/// How precise the visit time of a module is when the learner stays on it.
pub const VISIT_RESOLUTION_SECONDS: i64 = 60;

/// The write of [`visit_module`], inside the caller's transaction.
async fn visit(conn: &mut AnyConnection, user_id: i64, course: &str, module: &str) -> Result<(), DbError> {
    let mut batch = StatementBatch::for_connection(conn);
    push_visit(&mut batch, user_id, course, module);
    Ok(batch.execute(conn).await?)
}

/// Adds a visit's writes to `batch`: the module started (first visit) or its visit time moved,
/// and the learner's enrolment in the course marked started if it was not yet. Two tabs opening
/// the module at once on PostgreSQL both land on the same row.
fn push_visit<'q>(batch: &mut StatementBatch<'q>, user_id: i64, course: &'q str, module: &'q str) {
    let at = now();
    batch
        .statement(
            "INSERT INTO module_progress (user_id, course_slug, module_slug, started_at, last_visited_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (user_id, course_slug, module_slug) DO UPDATE SET last_visited_at = excluded.last_visited_at",
        )
        .bind(user_id)
        .bind(course)
        .bind(module)
        .bind(at);
    crate::reporting::repository::push_started(batch, user_id, course, at);
}

/// The learner's state in a module of the current version, inside the caller's transaction.
async fn state_of_module(conn: &mut AnyConnection, user_id: i64, course: &str, module: &str, current_version: i64) -> Result<ModuleState, DbError> {
    let row: Option<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT read_at, completed_at, completed_version_id FROM module_progress WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3",
    )
    .bind(user_id)
    .bind(course)
    .bind(module)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((read_at, completed_at, completed_version)) = row else { return Ok(ModuleState::default()) };
    Ok(started_module_state(read_at, completed_at, completed_version, current_version))
}

/// The state of a module the learner started, from its `module_progress` columns.
fn started_module_state(read_at: Option<i64>, completed_at: Option<i64>, completed_version: Option<i64>, current_version: i64) -> ModuleState {
    ModuleState {
        started: true,
        read: read_at.is_some(),
        completed: completed_at.is_some(),
        completed_on_older_version: completed_at.is_some() && completed_version.is_some_and(|v| v != current_version),
    }
}

/// Number of attempts already made at a quiz (all versions: a new version does not reset it),
/// read inside the caller's write transaction so that the limit it checks still holds.
pub async fn attempt_count(conn: &mut AnyConnection, user_id: i64, course: &str, module: &str, quiz: usize) -> Result<i64, DbError> {
    Ok(attempt_totals(conn, user_id, course, module, quiz).await?.0)
}

/// How many attempts a learner made at a quiz, and their best score (0 before any): one row of
/// `quiz_attempt_totals`, kept with each attempt.
async fn attempt_totals(conn: &mut AnyConnection, user_id: i64, course: &str, module: &str, quiz: usize) -> Result<(i64, u32), DbError> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT attempts, best_score FROM quiz_attempt_totals \
         WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3 AND quiz_index = $4",
    )
    .bind(user_id)
    .bind(course)
    .bind(module)
    .bind(quiz as i64)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map_or((0, 0), |(attempts, best)| (attempts, u32::try_from(best).unwrap_or(0))))
}

/// How many of a learner's attempts at one quiz are listed under its correction. A quiz with
/// unlimited attempts may have hundreds; the count and the best score still cover them all.
pub const RECENT_ATTEMPTS_SHOWN: i64 = 10;

/// A learner's attempts at one quiz: the latest correction, and a summary of all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct AttemptSummary {
    pub latest: QuizResult,
    pub count: i64,
    pub best_score: u32,
    /// The most recent attempts (at most [`RECENT_ATTEMPTS_SHOWN`]), newest first: (time, score, passed).
    pub recent: Vec<(i64, u32, bool)>,
}

/// The two kinds of graded activity of a module, and where their attempts are stored.
#[derive(Clone, Copy)]
enum Activity {
    Quiz,
    Exercise,
}

impl Activity {
    fn table_and_index(self) -> (&'static str, &'static str) {
        match self {
            Activity::Quiz => ("quiz_attempts", "quiz_index"),
            Activity::Exercise => ("exercise_attempts", "exercise_index"),
        }
    }
}

/// Has the learner passed this quiz or exercise at least once (the best attempt counts)?
async fn passed_once(conn: &mut AnyConnection, activity: Activity, user_id: i64, course: &str, module: &str, index: usize) -> Result<bool, DbError> {
    let (table, index_column) = activity.table_and_index();
    // The first passed attempt is enough (read from the history index, migration 0018).
    let row = sqlx::query(&format!(
        "SELECT 1 AS found FROM {table} WHERE user_id = $1 AND course_slug = $2 AND module_slug = $3 AND {index_column} = $4 AND passed = 1 LIMIT 1"
    ))
    .bind(user_id)
    .bind(course)
    .bind(module)
    .bind(index as i64)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// Records a graded attempt and re-evaluates completion inside the caller's write transaction
/// (the quiz service's, which checked the attempt limit in it): the attempt, its xAPI statement
/// and any completion are stored together or not at all. `duration_seconds` is the time between
/// the quiz being shown and the attempt, when known. Returns the learner's summary of the quiz
/// with this attempt, read in the same transaction.
pub async fn record_attempt(
    conn: &mut AnyConnection,
    home_page: &str,
    learner: &Learner<'_>,
    page: &ModulePage,
    quiz: usize,
    result: &QuizResult,
    duration_seconds: Option<i64>,
) -> Result<AttemptSummary, DbError> {
    let course = &page.outline.info.slug;
    let module = &page.module.slug;
    // One round trip on SQLite for the attempt, its totals, its statement and the visit.
    let mut batch = StatementBatch::for_connection(conn);
    batch
        .statement(
            "INSERT INTO quiz_attempts (user_id, course_slug, version_id, module_slug, quiz_index, result_json, score, passed, submitted_at, duration_seconds) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(learner.id)
        .bind(course)
        .bind(page.outline.version_id)
        .bind(module)
        .bind(quiz as i64)
        .bind(serde_json::to_string(result).map_err(json_error)?)
        .bind(i64::from(result.score))
        .bind(i64::from(result.passed))
        .bind(now())
        .bind(duration_seconds);
    batch
        .statement(
            "INSERT INTO quiz_attempt_totals (user_id, course_slug, module_slug, quiz_index, attempts, best_score) VALUES ($1, $2, $3, $4, 1, $5) \
             ON CONFLICT (user_id, course_slug, module_slug, quiz_index) \
             DO UPDATE SET attempts = quiz_attempt_totals.attempts + 1, best_score = CASE WHEN excluded.best_score > quiz_attempt_totals.best_score \
             THEN excluded.best_score ELSE quiz_attempt_totals.best_score END",
        )
        .bind(learner.id)
        .bind(course)
        .bind(module)
        .bind(quiz as i64)
        .bind(i64::from(result.score));
    let path = format!("/cours/{course}/{module}#quiz-{}", quiz + 1);
    let name = format!("{} — quiz {}", page.module.title, quiz + 1);
    let statement = (path.as_str(), name.as_str(), "http://adlnet.gov/expapi/activities/assessment");
    push_after_attempt(&mut batch, home_page, learner, page, statement, result.passed, Some(result.score))?;
    // Read in the same round trip: what the learner sees next — the recent attempts, this one
    // first, with the totals just updated — and the module's state, for completion.
    #[derive(sqlx::FromRow)]
    struct Recent {
        submitted_at: i64,
        score: i64,
        passed: i64,
        attempts: i64,
        best_score: i64,
        read_at: Option<i64>,
        completed_at: Option<i64>,
        completed_version_id: Option<i64>,
    }
    batch
        .statement(&format!(
            "SELECT a.submitted_at, a.score, a.passed, t.attempts, t.best_score, m.read_at, m.completed_at, m.completed_version_id FROM quiz_attempts a \
             JOIN quiz_attempt_totals t ON t.user_id = a.user_id AND t.course_slug = a.course_slug AND t.module_slug = a.module_slug AND t.quiz_index = a.quiz_index \
             LEFT JOIN module_progress m ON m.user_id = a.user_id AND m.course_slug = a.course_slug AND m.module_slug = a.module_slug \
             WHERE a.user_id = $1 AND a.course_slug = $2 AND a.module_slug = $3 AND a.quiz_index = $4 \
             ORDER BY a.submitted_at DESC, a.id DESC LIMIT {RECENT_ATTEMPTS_SHOWN}"
        ))
        .bind(learner.id)
        .bind(course)
        .bind(module)
        .bind(quiz as i64);
    let recent: Vec<Recent> = batch.fetch_all_as(conn).await?;
    let state = match recent.first() {
        Some(r) => started_module_state(r.read_at, r.completed_at, r.completed_version_id, page.outline.version_id),
        None => state_of_module(conn, learner.id, course, module, page.outline.version_id).await?,
    };
    evaluate_in(conn, state, home_page, learner, page).await?;
    let (count, best_score) = recent.first().map_or((1, result.score), |r| (r.attempts, u32::try_from(r.best_score).unwrap_or(0)));
    Ok(AttemptSummary {
        latest: result.clone(),
        count,
        best_score,
        recent: recent.iter().map(|r| (r.submitted_at, u32::try_from(r.score).unwrap_or(0), r.passed == 1)).collect(),
    })
}

/// Adds what follows every graded attempt to the batch of its own writes: its xAPI statement
/// and the visit. Completion is evaluated once they are written.
fn push_after_attempt<'q>(
    batch: &mut StatementBatch<'q>,
    home_page: &str,
    learner: &Learner<'_>,
    page: &'q ModulePage,
    (path, name, activity_type): (&str, &str, &str),
    passed: bool,
    score: Option<u32>,
) -> Result<(), DbError> {
    let verb = if passed { Verb::Passed } else { Verb::Failed };
    push_statement(batch, home_page, learner, verb, path, name, activity_type, score.map(|s| (s, passed)))?;
    push_visit(batch, learner.id, &page.outline.info.slug, &page.module.slug);
    Ok(())
}

/// Records that the learner read the module to the end, and re-evaluates completion.
pub async fn mark_read(db: &Database, home_page: &str, learner: &Learner<'_>, page: &ModulePage) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    visit(&mut tx, learner.id, &page.outline.info.slug, &page.module.slug).await?;
    sqlx::query("UPDATE module_progress SET read_at = COALESCE(read_at, $1) WHERE user_id = $2 AND course_slug = $3 AND module_slug = $4")
        .bind(now())
        .bind(learner.id)
        .bind(&page.outline.info.slug)
        .bind(&page.module.slug)
        .execute(&mut *tx)
        .await?;
    evaluate(&mut tx, home_page, learner, page).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the module (and then the course) completed when its rule is met.
async fn evaluate(conn: &mut AnyConnection, home_page: &str, learner: &Learner<'_>, page: &ModulePage) -> Result<(), DbError> {
    let state = state_of_module(conn, learner.id, &page.outline.info.slug, &page.module.slug, page.outline.version_id).await?;
    evaluate_in(conn, state, home_page, learner, page).await
}

/// [`evaluate`] when the module's `state` was read in the caller's transaction already.
async fn evaluate_in(conn: &mut AnyConnection, state: ModuleState, home_page: &str, learner: &Learner<'_>, page: &ModulePage) -> Result<(), DbError> {
    let course = &page.outline.info.slug;
    let module = &page.module.slug;
    // Reading to the end is part of every module's rule: until then no activity can complete it.
    if (state.completed && !state.completed_on_older_version) || !state.read {
        return Ok(());
    }
    let mut quizzes = Vec::new();
    for index in 0..page.module.quizzes.len() {
        quizzes.push(passed_once(conn, Activity::Quiz, learner.id, course, module, index).await?);
    }
    let mut exercises = Vec::new();
    for index in 0..page.module.exercises.len() {
        exercises.push(passed_once(conn, Activity::Exercise, learner.id, course, module, index).await?);
    }
    if !module_is_complete(state.read, &quizzes, &exercises) {
        return Ok(());
    }
    sqlx::query(
        "UPDATE module_progress SET completed_at = $1, completed_version_id = $2 WHERE user_id = $3 AND course_slug = $4 AND module_slug = $5",
    )
    .bind(now())
    .bind(page.outline.version_id)
    .bind(learner.id)
    .bind(course)
    .bind(module)
    .execute(&mut *conn)
    .await?;
    store_statement(conn, home_page, learner, Verb::Completed, &format!("/cours/{course}/{module}"), &page.module.title, "http://adlnet.gov/expapi/activities/module", None).await?;

    let completed = completed_modules(conn, learner.id, course, &page.outline.modules.iter().map(|m| m.slug.clone()).collect::<Vec<_>>()).await?;
    if course_is_complete(page.outline.info.completion, completed, page.outline.modules.len()) {
        // A completion recorded meanwhile by another request (PostgreSQL) is kept, as it is.
        let completed_at = now();
        let inserted = sqlx::query(
            "INSERT INTO course_completions (user_id, course_slug, version_id, completed_at, verification_code, learner_name) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (user_id, course_slug) DO NOTHING",
        )
        .bind(learner.id)
        .bind(course)
        .bind(page.outline.version_id)
        .bind(completed_at)
        .bind(verification_code()?)
        .bind(learner.name)
        .execute(&mut *conn)
        .await?;
        if inserted.rows_affected() == 1 {
            crate::reporting::repository::note_completed(conn, learner.id, course, completed_at).await?;
            store_statement(conn, home_page, learner, Verb::Completed, &format!("/cours/{course}"), &page.outline.info.title, "http://adlnet.gov/expapi/activities/course", None).await?;
        }
    }
    Ok(())
}

async fn completed_modules(conn: &mut AnyConnection, user_id: i64, course: &str, modules: &[String]) -> Result<usize, DbError> {
    let done: Vec<String> = sqlx::query_scalar("SELECT module_slug FROM module_progress WHERE user_id = $1 AND course_slug = $2 AND completed_at IS NOT NULL")
        .bind(user_id)
        .bind(course)
        .fetch_all(&mut *conn)
        .await?;
    Ok(modules.iter().filter(|m| done.contains(m)).count())
}

/// Every course the learner has started or completed, most recent activity first.
pub async fn dashboard(db: &Database, user_id: i64) -> Result<Vec<CourseProgress>, DbError> {
    let slugs: Vec<String> = sqlx::query_scalar(
        "SELECT course_slug, MAX(last_visited_at) AS last FROM module_progress WHERE user_id = $1 GROUP BY course_slug ORDER BY last DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut entries = Vec::new();
    for slug in slugs {
        let Some(outline) = courses::outline(db, &slug).await? else { continue };
        let visits: Vec<(String, i64, Option<i64>)> =
            sqlx::query_as("SELECT module_slug, last_visited_at, completed_at FROM module_progress WHERE user_id = $1 AND course_slug = $2")
                .bind(user_id)
                .bind(&slug)
                .fetch_all(db.pool())
                .await?;
        let mut last_visited: Option<(i64, String)> = None;
        let mut done = Vec::new();
        for (module, at, completed_at) in visits {
            if completed_at.is_some() {
                done.push(module.clone());
            }
            if last_visited.as_ref().is_none_or(|(t, _)| at > *t) {
                last_visited = Some((at, module));
            }
        }
        let modules = &outline.modules;
        let completed = modules.iter().filter(|m| done.contains(&m.slug)).count();
        // Resume on the last module visited if it is not finished, else on the next unfinished one.
        let resume = last_visited
            .and_then(|(_, slug)| modules.iter().position(|m| m.slug == slug))
            .and_then(|i| modules.iter().skip(i).chain(modules.iter()).find(|m| !done.contains(&m.slug)))
            .or_else(|| modules.iter().find(|m| !done.contains(&m.slug)))
            .map(|m| (m.slug.clone(), m.title.clone()));
        let completion = sqlx::query_as("SELECT completed_at, verification_code FROM course_completions WHERE user_id = $1 AND course_slug = $2")
            .bind(user_id)
            .bind(&slug)
            .fetch_optional(db.pool())
            .await?;
        let scores: Vec<i64> = sqlx::query_scalar(
            "SELECT MAX(score) AS best FROM quiz_attempts WHERE user_id = $1 AND course_slug = $2 GROUP BY module_slug, quiz_index",
        )
        .bind(user_id)
        .bind(&slug)
        .fetch_all(db.pool())
        .await?;
        let average_score = (!scores.is_empty()).then(|| (scores.iter().sum::<i64>() / scores.len() as i64) as u32);
        entries.push(CourseProgress {
            slug,
            title: outline.info.title.clone(),
            completed_modules: completed,
            total_modules: modules.len(),
            resume_module: resume,
            completion,
            average_score,
        });
    }
    Ok(entries)
}

/// An attestation by its verification code.
pub async fn attestation(db: &Database, code: &str) -> Result<Option<super::AttestationView>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Attestation {
        display_name: String,
        organization_id: Option<i64>,
        revoked_at: Option<i64>,
        revoked_reason: Option<String>,
        version_id: i64,
        completed_at: i64,
        verification_code: String,
        info_json: String,
    }
    let row: Option<Attestation> = sqlx::query_as(
        "SELECT COALESCE(c.learner_name, u.display_name) AS display_name, u.organization_id, c.revoked_at, c.revoked_reason, c.course_slug, c.version_id, c.completed_at, c.verification_code, v.info_json \
         FROM course_completions c JOIN users u ON u.id = c.user_id JOIN course_versions v ON v.id = c.version_id \
         WHERE c.verification_code = $1",
    )
    .bind(code)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let info: crate::course::model::CourseInfo = serde_json::from_str(&row.info_json).map_err(json_error)?;
    let zone = crate::organizations::repository::zone_of(db, row.organization_id).await?;
    Ok(Some(super::AttestationView {
        time_zone: zone.iana_name().unwrap_or(crate::time::DEFAULT_TIME_ZONE).to_owned(),
        revoked: row.revoked_at.map(|at| (at, row.revoked_reason.unwrap_or_default())),
        learner: row.display_name,
        course_title: info.title,
        completed_at: row.completed_at,
        code: row.verification_code,
        duration_minutes: info.duration_minutes,
        version_id: row.version_id,
    }))
}

/// Revokes an attestation that is not revoked yet, with its audit entry, in one transaction;
/// `false` when there is no such valid attestation.
pub async fn revoke_attestation(db: &Database, code: &str, reason: &str, admin_id: i64) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query("UPDATE course_completions SET revoked_at = $1, revoked_reason = $2 WHERE verification_code = $3 AND revoked_at IS NULL")
        .bind(now())
        .bind(reason)
        .bind(code)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    crate::audit::record_in(&mut tx, Some(admin_id), "attestation.revoke", &format!("attestation:{code}"), reason).await?;
    tx.commit().await?;
    Ok(true)
}

/// The learner's exercise attempts in the last minute (all exercises) and in the last 24 hours
/// (this exercise), for the sandbox limits; read inside the caller's write transaction.
pub async fn recent_exercise_attempts(conn: &mut AnyConnection, user_id: i64, course: &str, module: &str, exercise: usize) -> Result<(i64, i64), DbError> {
    let current = now();
    Ok(sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM exercise_attempts WHERE user_id = $1 AND submitted_at > $2) AS last_minute, \
           (SELECT COUNT(*) FROM exercise_attempts WHERE user_id = $1 AND course_slug = $3 AND module_slug = $4 \
              AND exercise_index = $5 AND submitted_at > $6) AS today",
    )
    .bind(user_id)
    .bind(current - 60)
    .bind(course)
    .bind(module)
    .bind(exercise as i64)
    .bind(current - 86_400)
    .fetch_one(&mut *conn)
    .await?)
}

/// Records a graded exercise attempt and re-evaluates completion, inside the caller's write
/// transaction (which checked the exercise limits).
pub async fn record_exercise(conn: &mut AnyConnection, home_page: &str, learner: &Learner<'_>, page: &ModulePage, exercise: usize, outcome: &crate::sandbox::api::ExerciseOutcome) -> Result<(), DbError> {
    let course = &page.outline.info.slug;
    let module = &page.module.slug;
    let mut batch = StatementBatch::for_connection(conn);
    batch
        .statement(
            "INSERT INTO exercise_attempts (user_id, course_slug, version_id, module_slug, exercise_index, passed, result_json, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(learner.id)
        .bind(course)
        .bind(page.outline.version_id)
        .bind(module)
        .bind(exercise as i64)
        .bind(i64::from(outcome.passed))
        .bind(serde_json::to_string(outcome).map_err(json_error)?)
        .bind(now());
    let path = format!("/cours/{course}/{module}#exercice-{}", exercise + 1);
    let name = page.module.exercises.get(exercise).map(|e| e.title.clone()).unwrap_or_default();
    let statement = (path.as_str(), name.as_str(), "http://adlnet.gov/expapi/activities/simulation");
    push_after_attempt(&mut batch, home_page, learner, page, statement, outcome.passed, None)?;
    batch.execute(conn).await?;
    evaluate(conn, home_page, learner, page).await
}
