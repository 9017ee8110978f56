//! Storage of assignments and the HR reports built on them (server only).
//!
//! Assignments say what HR decided; `enrolments` says who must follow which course, with the
//! dates a report needs (due, started, completed). Enrolments are rebuilt from assignments when
//! an assignment or the organisation changes, and their dates are kept up to date by the
//! progress code, so that a dashboard over 50,000 agents is one indexed scan, not a join per
//! agent and course.

use super::status::{Counts, SortKey, Status};
use crate::db::{now, Database, DbError, QueryBuilder};

/// The status of an enrolment as SQL, with `$NOW` standing for the current instant (the same
/// rule as [`Status::at`]).
const STATUS_SQL: &str = "CASE WHEN e.completed_at IS NOT NULL THEN 'termine' \
     WHEN e.due_at IS NOT NULL AND e.due_at < $NOW THEN 'en-retard' \
     WHEN e.started_at IS NOT NULL THEN 'en-cours' ELSE 'non-commence' END";

/// Units of the scope: `$1` and every unit below it.
const SCOPE_CTE: &str = "WITH RECURSIVE scope (id) AS ( \
     SELECT id FROM organizations WHERE id = $1 \
     UNION ALL SELECT o.id FROM organizations o JOIN scope ON o.parent_id = scope.id)";

/// Who an assignment is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Unit { id: i64, include_subunits: bool },
    Agent(i64),
}

/// An assignment as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub id: i64,
    pub course_slug: String,
    pub target: Target,
    /// Name of the unit, or of the agent and their e-mail address.
    pub target_label: String,
    /// The unit the assignment falls under, for scope checks (the agent's unit for an agent).
    pub scope_unit: Option<i64>,
    pub due_date: Option<String>,
    pub due_at: Option<i64>,
    pub note: String,
    pub assigned_by: Option<String>,
    pub created_at: i64,
}

/// A row of [`ASSIGNMENT_SELECT`].
#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: i64,
    course_slug: String,
    organization_id: Option<i64>,
    include_subunits: i64,
    user_id: Option<i64>,
    due_date: Option<String>,
    due_at: Option<i64>,
    note: String,
    created_at: i64,
    unit_name: Option<String>,
    agent_name: Option<String>,
    agent_email: Option<String>,
    agent_unit: Option<i64>,
    assigned_by_name: Option<String>,
}

impl TryFrom<AssignmentRow> for Assignment {
    type Error = sqlx::Error;

    fn try_from(row: AssignmentRow) -> Result<Assignment, sqlx::Error> {
        let (target, target_label) = match (row.organization_id, row.user_id) {
            (Some(id), _) => (Target::Unit { id, include_subunits: row.include_subunits == 1 }, row.unit_name.unwrap_or_default()),
            (None, Some(user)) => (
                Target::Agent(user),
                format!("{} ({})", row.agent_name.unwrap_or_default(), row.agent_email.unwrap_or_default()),
            ),
            (None, None) => return Err(sqlx::Error::Decode("assignment without target".into())),
        };
        Ok(Assignment {
            id: row.id,
            course_slug: row.course_slug,
            scope_unit: row.organization_id.or(row.agent_unit),
            target,
            target_label,
            due_date: row.due_date,
            due_at: row.due_at,
            note: row.note,
            assigned_by: row.assigned_by_name,
            created_at: row.created_at,
        })
    }
}

const ASSIGNMENT_SELECT: &str = "SELECT a.id, a.course_slug, a.organization_id, a.include_subunits, a.user_id, a.due_date, \
     a.due_at, a.note, a.created_at, o.name AS unit_name, u.display_name AS agent_name, u.email AS agent_email, \
     u.organization_id AS agent_unit, b.display_name AS assigned_by_name \
     FROM assignments a LEFT JOIN organizations o ON o.id = a.organization_id LEFT JOIN users u ON u.id = a.user_id \
     LEFT JOIN users b ON b.id = a.assigned_by";

/// Records an assignment and enrols the agents it covers.
pub async fn create_assignment(
    db: &Database,
    course_slug: &str,
    target: &Target,
    due: Option<(String, i64)>,
    note: &str,
    assigned_by: Option<i64>,
) -> Result<i64, DbError> {
    let (organization_id, include_subunits, user_id) = match target {
        Target::Unit { id, include_subunits } => (Some(*id), *include_subunits, None),
        Target::Agent(user) => (None, false, Some(*user)),
    };
    let at = now();
    let turn = db.writer_turn().await;
    let id = sqlx::query_scalar(
        "INSERT INTO assignments (course_slug, organization_id, include_subunits, user_id, due_date, due_at, note, assigned_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(course_slug)
    .bind(organization_id)
    .bind(i64::from(include_subunits))
    .bind(user_id)
    .bind(due.as_ref().map(|(date, _)| date.clone()))
    .bind(due.as_ref().map(|(_, at)| *at))
    .bind(note)
    .bind(assigned_by)
    .bind(at)
    .fetch_one(db.pool())
    .await?;
    drop(turn);
    rebuild_course_enrolments(db, course_slug).await?;
    Ok(id)
}

pub async fn find_assignment(db: &Database, id: i64) -> Result<Option<Assignment>, DbError> {
    let row: Option<AssignmentRow> = sqlx::query_as(&format!("{ASSIGNMENT_SELECT} WHERE a.id = $1")).bind(id).fetch_optional(db.pool()).await?;
    Ok(row.map(Assignment::try_from).transpose()?)
}

/// Changes the due date and the note of an assignment.
pub async fn update_assignment(db: &Database, assignment: &Assignment, due: Option<(String, i64)>, note: &str) -> Result<(), DbError> {
    db.execute(sqlx::query("UPDATE assignments SET due_date = $1, due_at = $2, note = $3, updated_at = $4 WHERE id = $5")
        .bind(due.as_ref().map(|(date, _)| date.clone()))
        .bind(due.as_ref().map(|(_, at)| *at))
        .bind(note)
        .bind(now())
        .bind(assignment.id))
        .await?;
    rebuild_course_enrolments(db, &assignment.course_slug).await
}

/// Withdraws an assignment; agents keep their progress, only the obligation goes.
pub async fn delete_assignment(db: &Database, assignment: &Assignment) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM assignments WHERE id = $1").bind(assignment.id)).await?;
    rebuild_course_enrolments(db, &assignment.course_slug).await
}

/// Assignments whose target lies in the unit `root` or below it, newest first.
pub async fn assignments_in_scope(db: &Database, root: i64) -> Result<Vec<Assignment>, DbError> {
    let rows: Vec<AssignmentRow> = sqlx::query_as(&format!(
        "{SCOPE_CTE} {ASSIGNMENT_SELECT} WHERE a.organization_id IN (SELECT id FROM scope) \
         OR u.organization_id IN (SELECT id FROM scope) ORDER BY a.created_at DESC, a.id DESC"
    ))
    .bind(root)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Assignment::try_from).collect::<Result<_, _>>()?)
}

/// The columns an enrolment takes from the learner's records, for `$user` and `$course`
/// expressions: started when a module was opened, completed when the course was.
const CARRIED_DATES: &str = "(SELECT MIN(p.started_at) FROM module_progress p WHERE p.user_id = t.user_id AND p.course_slug = t.course_slug), \
     (SELECT c.completed_at FROM course_completions c WHERE c.user_id = t.user_id AND c.course_slug = t.course_slug)";

/// Recomputes who is enrolled in `course` from its assignments, in one transaction.
pub async fn rebuild_course_enrolments(db: &Database, course: &str) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM enrolments WHERE course_slug = $1").bind(course).execute(&mut *tx).await?;
    sqlx::query(&format!(
        "WITH RECURSIVE covered (org_id, deep, due_date, assigned_at) AS ( \
             SELECT organization_id, include_subunits, due_date, created_at FROM assignments \
             WHERE course_slug = $1 AND organization_id IS NOT NULL \
             UNION ALL \
             SELECT o.id, 1, c.due_date, c.assigned_at FROM organizations o JOIN covered c ON o.parent_id = c.org_id WHERE c.deep = 1 \
         ), targets (user_id, course_slug, unit_id, due_date, assigned_at) AS ( \
             SELECT u.id, $1, MIN(u.organization_id), MIN(x.due_date), MIN(x.assigned_at) FROM ( \
                 SELECT u2.id AS user_id, c.due_date, c.assigned_at FROM users u2 JOIN covered c ON u2.organization_id = c.org_id \
                 UNION ALL \
                 SELECT a.user_id, a.due_date, a.created_at FROM assignments a WHERE a.course_slug = $1 AND a.user_id IS NOT NULL \
             ) x JOIN users u ON u.id = x.user_id WHERE u.disabled_at IS NULL GROUP BY u.id \
         ) \
         INSERT INTO enrolments (user_id, course_slug, unit_id, due_date, assigned_at, started_at, completed_at) \
         SELECT t.user_id, t.course_slug, t.unit_id, t.due_date, t.assigned_at, {CARRIED_DATES} FROM targets t"
    ))
    .bind(course)
    .execute(&mut *tx)
    .await?;
    set_due_times(&mut tx, Enrolled::InCourse(course)).await?;
    tx.commit().await?;
    Ok(())
}

/// Recomputes one agent's enrolments (after sign-up or a change of unit).
pub async fn rebuild_user_enrolments(db: &Database, user_id: i64) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM enrolments WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query(&format!(
        "WITH RECURSIVE up (id, depth) AS ( \
             SELECT organization_id, 0 FROM users WHERE id = $1 AND organization_id IS NOT NULL AND disabled_at IS NULL \
             UNION ALL \
             SELECT o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL \
         ), targets (user_id, course_slug, unit_id, due_date, assigned_at) AS ( \
             SELECT $1, a.course_slug, (SELECT organization_id FROM users WHERE id = $1), MIN(a.due_date), MIN(a.created_at) FROM assignments a \
             WHERE (a.user_id = $1 AND EXISTS (SELECT 1 FROM users d WHERE d.id = $1 AND d.disabled_at IS NULL)) \
                OR a.organization_id IN (SELECT id FROM up WHERE depth = 0) \
                OR (a.include_subunits = 1 AND a.organization_id IN (SELECT id FROM up)) \
             GROUP BY a.course_slug \
         ) \
         INSERT INTO enrolments (user_id, course_slug, unit_id, due_date, assigned_at, started_at, completed_at) \
         SELECT t.user_id, t.course_slug, t.unit_id, t.due_date, t.assigned_at, {CARRIED_DATES} FROM targets t"
    ))
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    set_due_times(&mut tx, Enrolled::Agent(user_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The enrolments whose due times [`set_due_times`] sets.
enum Enrolled<'a> {
    InCourse(&'a str),
    Agent(i64),
}

/// Sets each enrolment's due instant from its due date: the end of that day in the zone of the
/// agent's unit (`crate::time`), one update per unit and date. Runs in the rebuild's transaction.
async fn set_due_times(conn: &mut sqlx::AnyConnection, enrolled: Enrolled<'_>) -> Result<(), DbError> {
    let (column, course, user) = match enrolled {
        Enrolled::InCourse(course) => ("course_slug", Some(course), None),
        Enrolled::Agent(user) => ("user_id", None, Some(user)),
    };
    let select = format!("SELECT DISTINCT COALESCE(unit_id, 0) AS unit, due_date FROM enrolments WHERE {column} = $1 AND due_date IS NOT NULL");
    let query = sqlx::query_as::<_, (i64, String)>(&select);
    let rows = match (course, user) {
        (Some(course), _) => query.bind(course),
        (_, user) => query.bind(user),
    }
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let zones = crate::organizations::repository::zones(&mut *conn).await?;
    let update = format!("UPDATE enrolments SET due_at = $1 WHERE {column} = $2 AND COALESCE(unit_id, 0) = $3 AND due_date = $4");
    for (unit, due_date) in rows {
        // Dates are checked when HR enters them; one that does not read falls on no instant.
        let due_at = crate::time::parse_iso_date(&due_date).map(|date| crate::time::end_of_day(date, zones.of((unit != 0).then_some(unit))));
        let query = sqlx::query(&update).bind(due_at);
        match (course, user) {
            (Some(course), _) => query.bind(course),
            (_, user) => query.bind(user),
        }
        .bind(unit)
        .bind(&due_date)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Recomputes every enrolment (after units moved in the tree or changed time zone).
pub async fn rebuild_all_enrolments(db: &Database) -> Result<(), DbError> {
    let courses: Vec<String> = sqlx::query_scalar("SELECT DISTINCT course_slug FROM assignments UNION SELECT DISTINCT course_slug FROM enrolments")
        .fetch_all(db.pool())
        .await?;
    for course in courses {
        rebuild_course_enrolments(db, &course).await?;
    }
    Ok(())
}

/// Adds to `batch` the note that the learner opened a course they are enrolled in (nothing when
/// noted already, or when they are not enrolled).
pub fn push_started<'q>(batch: &mut crate::db::StatementBatch<'q>, user_id: i64, course: &'q str, at: i64) {
    batch
        .statement("UPDATE enrolments SET started_at = $1 WHERE user_id = $2 AND course_slug = $3 AND started_at IS NULL")
        .bind(at)
        .bind(user_id)
        .bind(course);
}

/// Notes that the learner completed a course they are enrolled in.
pub async fn note_completed(conn: &mut sqlx::AnyConnection, user_id: i64, course: &str, at: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE enrolments SET completed_at = $1 WHERE user_id = $2 AND course_slug = $3 AND completed_at IS NULL")
        .bind(at)
        .bind(user_id)
        .bind(course)
        .execute(conn)
        .await?;
    Ok(())
}

/// What a dashboard or an export looks at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub course: Option<String>,
    pub status: Option<Status>,
    /// Only enrolments due on or before this day (`YYYY-MM-DD`, compared with each agent's due
    /// date as HR chose it, whatever the agent's zone).
    pub due_before: Option<String>,
}

impl Filter {
    /// Adds the filter's conditions on `e` and their binds to `query`.
    fn push_conditions<'q>(&'q self, query: &mut QueryBuilder<'q>, now: i64) {
        if let Some(course) = &self.course {
            query.push(" AND e.course_slug = ").push_bind(course.as_str());
        }
        if let Some(status) = self.status {
            query.push(format!(" AND ({}) = ", status_sql(now))).push_bind(status.id());
        }
        if let Some(due) = &self.due_before {
            query.push(" AND e.due_date IS NOT NULL AND e.due_date <= ").push_bind(due.as_str());
        }
    }

    /// A query that starts with [`SCOPE_CTE`] (whose `$1` is `root`), then `sql`, then the
    /// filter's conditions.
    fn scoped_query<'q>(&'q self, root: i64, sql: &str, now: i64) -> QueryBuilder<'q> {
        let mut query = QueryBuilder::new(format!("{SCOPE_CTE} {sql}"));
        query.bind(root);
        self.push_conditions(&mut query, now);
        query
    }
}

/// The status expression with the instant written in (an integer, never user input).
fn status_sql(now: i64) -> String {
    STATUS_SQL.replace("$NOW", &now.to_string())
}

/// Counts per unit of the scope (each unit on its own, not with its sub-units) and course.
pub async fn counts_by_unit(db: &Database, root: i64, filter: &Filter, at: i64) -> Result<Vec<(i64, String, Counts)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct UnitCounts {
        unit: i64,
        course_slug: String,
        total: i64,
        completed: i64,
        overdue: i64,
        in_progress: i64,
    }
    // Read in the order of the `enrolments_unit` index: no join, no sort.
    let mut query = filter.scoped_query(
        root,
        &format!(
            "SELECT e.unit_id AS unit, e.course_slug, COUNT(*) AS total, \
             CAST(SUM(CASE WHEN e.completed_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS completed, \
             CAST(SUM(CASE WHEN e.completed_at IS NULL AND e.due_at < {at} THEN 1 ELSE 0 END) AS BIGINT) AS overdue, \
             CAST(SUM(CASE WHEN e.completed_at IS NULL AND (e.due_at IS NULL OR e.due_at >= {at}) AND e.started_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS in_progress \
             FROM enrolments e WHERE e.unit_id IN (SELECT id FROM scope)"
        ),
        at,
    );
    query.push(" GROUP BY e.unit_id, e.course_slug");
    let rows: Vec<UnitCounts> = query.build_query_as()?.fetch_all(db.pool()).await?;
    let count = |n: i64| n.max(0) as u64;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (total, completed, overdue, in_progress) = (count(row.total), count(row.completed), count(row.overdue), count(row.in_progress));
            let not_started = total.saturating_sub(completed + overdue + in_progress);
            (row.unit, row.course_slug, Counts { not_started, in_progress, completed, overdue })
        })
        .collect())
}

/// One agent's line on one course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentLine {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub unit_id: i64,
    pub course_slug: String,
    pub status: Status,
    pub due_at: Option<i64>,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
}

fn order_by(sort: SortKey) -> &'static str {
    // Always end with unique columns, so that pages and exports have a stable order.
    match sort {
        SortKey::Name => "u.display_name, u.id, e.course_slug",
        SortKey::Unit => "o.name, u.display_name, u.id, e.course_slug",
        SortKey::Status => "status, u.display_name, u.id, e.course_slug",
        SortKey::DueDate => "CASE WHEN e.due_at IS NULL THEN 1 ELSE 0 END, e.due_at, u.display_name, u.id, e.course_slug",
    }
}

/// Agents of the scope with their status per course: one page (`limit`, `offset`) or all of
/// them (`limit` = `None`), and how many lines match in total.
pub async fn agent_lines(
    db: &Database,
    root: i64,
    filter: &Filter,
    sort: SortKey,
    limit: Option<(i64, i64)>,
    at: i64,
) -> Result<(Vec<AgentLine>, i64), DbError> {
    #[derive(sqlx::FromRow)]
    struct LineRow {
        user_id: i64,
        display_name: String,
        email: String,
        unit: String,
        unit_id: i64,
        course_slug: String,
        status: String,
        due_at: Option<i64>,
        started_at: Option<i64>,
        completed_at: Option<i64>,
    }
    let total: i64 = filter
        .scoped_query(root, "SELECT COUNT(*) AS n FROM enrolments e WHERE e.unit_id IN (SELECT id FROM scope)", at)
        .build_query_scalar()?
        .fetch_one(db.pool())
        .await?;
    let mut query = filter.scoped_query(
        root,
        &format!(
            "SELECT u.id AS user_id, u.display_name, u.email, o.name AS unit, o.id AS unit_id, e.course_slug, ({}) AS status, \
             e.due_at, e.started_at, e.completed_at \
             FROM enrolments e JOIN users u ON u.id = e.user_id JOIN scope ON scope.id = u.organization_id \
             JOIN organizations o ON o.id = u.organization_id WHERE 1 = 1",
            status_sql(at)
        ),
        at,
    );
    query.push(format!(" ORDER BY {}", order_by(sort)));
    if let Some((limit, offset)) = limit {
        query.push(format!(" LIMIT {} OFFSET {}", limit.max(0), offset.max(0)));
    }
    let rows: Vec<LineRow> = query.build_query_as()?.fetch_all(db.pool()).await?;
    let lines = rows
        .into_iter()
        .map(|row| AgentLine {
            user_id: row.user_id,
            name: row.display_name,
            email: row.email,
            unit: row.unit,
            unit_id: row.unit_id,
            course_slug: row.course_slug,
            status: Status::from_id(&row.status).unwrap_or(Status::NotStarted),
            due_at: row.due_at,
            started_at: row.started_at,
            completed_at: row.completed_at,
        })
        .collect();
    Ok((lines, total))
}

/// Completions of the scope's enrolments since `since`, per quarter of an hour (its start, count):
/// few rows to send, and exact in any zone once shifted, every zone's offset being a whole number
/// of quarters (La Réunion +4:00, the Marquesas -9:30).
pub async fn completions_since(db: &Database, root: i64, course: Option<&str>, since: i64) -> Result<Vec<(i64, i64)>, DbError> {
    let mut query = QueryBuilder::new(format!(
        "{SCOPE_CTE} SELECT e.completed_at / 900 AS quarter, COUNT(*) AS n FROM enrolments e \
         WHERE e.unit_id IN (SELECT id FROM scope) AND e.completed_at >= $2"
    ));
    query.bind(root).bind(since);
    if let Some(course) = course {
        query.push(" AND e.course_slug = ").push_bind(course);
    }
    query.push(" GROUP BY e.completed_at / 900");
    let rows: Vec<(i64, i64)> = query.build_query_as()?.fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|(quarter, n)| (quarter * 900, n)).collect())
}

/// The units at the top of the tree (an administrator's HR scope), by name.
pub async fn root_units(db: &Database) -> Result<Vec<i64>, DbError> {
    Ok(sqlx::query_scalar("SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY name, id").fetch_all(db.pool()).await?)
}

/// An agent as the HR agent page introduces them.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AgentIdentity {
    pub display_name: String,
    pub email: String,
    pub organization_id: Option<i64>,
    /// The name of their unit.
    pub unit: Option<String>,
}

pub async fn find_agent(db: &Database, user_id: i64) -> Result<Option<AgentIdentity>, DbError> {
    Ok(sqlx::query_as(
        "SELECT u.display_name, u.email, u.organization_id, o.name AS unit FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?)
}

/// One course of an agent, as HR sees it: dates and the best quiz scores, never answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentCourse {
    pub course_slug: String,
    pub status: Status,
    pub due_at: Option<i64>,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    /// Average of the best score of each quiz attempted, in percent.
    pub best_score: Option<u32>,
}

/// The enrolments of one agent.
pub async fn agent_courses(db: &Database, user_id: i64, at: i64) -> Result<Vec<AgentCourse>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Enrolment {
        course_slug: String,
        due_at: Option<i64>,
        started_at: Option<i64>,
        completed_at: Option<i64>,
    }
    let rows: Vec<Enrolment> = sqlx::query_as(
        "SELECT course_slug, due_at, started_at, completed_at FROM enrolments WHERE user_id = $1 ORDER BY course_slug",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut courses = Vec::with_capacity(rows.len());
    for Enrolment { course_slug, due_at, started_at, completed_at } in rows {
        let scores: Vec<i64> = sqlx::query_scalar(
            "SELECT MAX(score) AS best FROM quiz_attempts WHERE user_id = $1 AND course_slug = $2 GROUP BY module_slug, quiz_index",
        )
        .bind(user_id)
        .bind(&course_slug)
        .fetch_all(db.pool())
        .await?;
        let best_score = (!scores.is_empty()).then(|| (scores.iter().sum::<i64>() / scores.len() as i64) as u32);
        courses.push(AgentCourse {
            status: Status::at(started_at, completed_at, due_at, at),
            course_slug,
            due_at,
            started_at,
            completed_at,
            best_score,
        });
    }
    Ok(courses)
}

/// What the learner sees of their assignments: course, due instant and the notes of HR.
pub async fn assignments_for_learner(db: &Database, user_id: i64) -> Result<Vec<(String, Option<i64>, Vec<String>)>, DbError> {
    let enrolled: Vec<(String, Option<i64>)> = sqlx::query_as("SELECT course_slug, due_at FROM enrolments WHERE user_id = $1 ORDER BY due_at, course_slug")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    let notes: Vec<(String, String)> = sqlx::query_as(
        "WITH RECURSIVE up (id) AS ( \
             SELECT organization_id FROM users WHERE id = $1 AND organization_id IS NOT NULL \
             UNION ALL SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL \
         ) SELECT course_slug, note FROM assignments WHERE note <> '' AND (user_id = $1 OR organization_id IN (SELECT id FROM up)) \
         ORDER BY created_at",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(enrolled
        .into_iter()
        .map(|(slug, due_at)| {
            let course_notes = notes.iter().filter(|(course, _)| *course == slug).map(|(_, note)| note.clone()).collect();
            (slug, due_at, course_notes)
        })
        .collect())
}
