//! Server functions of the HR pages: the completion dashboard, one agent's courses, and the
//! assignments. Every function checks that the unit or agent concerned is inside the caller's
//! HR scope (their unit and everything below it; administrators: everything). Sandbox
//! transcripts and answers are never read here.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::status::{Counts, Status};

/// Agents per page of the dashboard list.
pub const AGENTS_PER_PAGE: i64 = 50;
/// Longest note on an assignment.
pub const MAX_NOTE_CHARS: usize = 500;

/// One line of the units table: a sub-unit (with everything below it) or the agents attached
/// directly to the unit being looked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub unit_id: i64,
    pub name: String,
    /// The agents of the current unit itself, not of a sub-unit.
    pub direct: bool,
    /// Per course (in the order of `DashboardView::courses_shown`).
    pub counts: Vec<Counts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentLineView {
    pub user_id: i64,
    pub name: String,
    pub unit: String,
    pub course_title: String,
    pub status: Status,
    /// Paris calendar dates, `YYYY-MM-DD`.
    pub due: Option<String>,
    pub completed: Option<String>,
}

/// The filters of the dashboard, as given in the address (kept to rebuild links).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub unit: Option<i64>,
    pub course: Option<String>,
    pub status: Option<String>,
    pub due_before: Option<String>,
    pub sort: Option<String>,
    pub page: i64,
}

impl DashboardQuery {
    /// The query string for these filters (for links and the CSV export).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(unit) = self.unit {
            pairs.push(("unite".into(), unit.to_string()));
        }
        for (name, value) in [("cours", &self.course), ("statut", &self.status), ("echeance", &self.due_before), ("tri", &self.sort)] {
            if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
                pairs.push((name.into(), value.clone()));
            }
        }
        if self.page > 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", url_encode(v))).collect::<Vec<_>>().join("&")
    }
}

/// What a query value keeps as it is: RFC 3986's unreserved characters.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes a query value (unreserved characters kept, `%XX` in upper case otherwise).
pub fn url_encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Decodes a query-string value: `%XX` escapes, and `+` as a space (form encoding); a `%` not
/// followed by two hexadecimal digits stays as it is.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub unit_id: i64,
    pub unit_name: String,
    /// From the top of the caller's scope down to the unit shown.
    pub trail: Vec<(i64, String)>,
    /// Every published course (slug, title), for the filter.
    pub courses: Vec<(String, String)>,
    /// The courses with at least one enrolment in the scope (columns of the table).
    pub courses_shown: Vec<(String, String)>,
    pub rows: Vec<UnitRow>,
    pub totals: Vec<Counts>,
    pub agents: Vec<AgentLineView>,
    pub agent_total: i64,
    pub pages: i64,
    /// Completions per month over the last 12 months: the SVG and the same data as a table.
    pub chart_svg: String,
    pub chart_rows: Vec<(String, u64)>,
    pub query: DashboardQuery,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentCourseView {
    pub course_slug: String,
    pub title: String,
    pub status: Status,
    pub due: Option<String>,
    pub started: Option<String>,
    pub completed: Option<String>,
    pub best_score: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentReport {
    pub name: String,
    pub email: String,
    pub unit: String,
    pub courses: Vec<AgentCourseView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub id: i64,
    pub course_title: String,
    pub target: String,
    /// `Some(include_subunits)` for a unit, `None` for an agent.
    pub subunits: Option<bool>,
    pub due_date: Option<String>,
    pub note: String,
    pub assigned_by: Option<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentsView {
    /// Units HR may assign to: (id, name, depth for indentation).
    pub units: Vec<(i64, String, usize)>,
    pub courses: Vec<(String, String)>,
    pub assignments: Vec<AssignmentView>,
}

#[cfg(feature = "ssr")]
mod scope {
    use std::collections::HashMap;

    use leptos::prelude::ServerFnError;
    use sqlx::Row;

    use crate::{
        accounts::{authz::may_act_on, CurrentUser, Role},
        db::Database,
        error::unavailable,
        organizations::{repository as units, Organization},
    };

    /// The units at the top of the caller's HR scope: their HR units, or every root unit for
    /// an administrator.
    pub async fn hr_roots(db: &Database, user: &CurrentUser) -> Result<Vec<i64>, ServerFnError> {
        if user.is_admin() {
            let rows = sqlx::query("SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY name, id")
                .fetch_all(db.pool())
                .await
                .map_err(unavailable)?;
            return rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>().map_err(unavailable);
        }
        Ok(user.roles.iter().filter(|g| g.role == Role::Hr).filter_map(|g| g.organization_id).collect())
    }

    /// Refuses (403) a unit outside the caller's HR scope.
    pub async fn require_hr_over(db: &Database, user: &CurrentUser, unit: i64) -> Result<(), ServerFnError> {
        if may_act_on(db, user, Role::Hr, unit).await? {
            Ok(())
        } else {
            if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::FORBIDDEN);
            }
            Err(ServerFnError::new("Cette unité n'est pas dans votre périmètre RH."))
        }
    }

    /// Every unit of the caller's scope with its depth, parents first.
    pub async fn units_in_scope(db: &Database, roots: &[i64]) -> Result<Vec<(Organization, usize)>, ServerFnError> {
        let mut listed = Vec::new();
        for root in roots {
            let subtree = units::subtree(db, *root).await.map_err(unavailable)?;
            let parents: HashMap<i64, Option<i64>> = subtree.iter().map(|o| (o.id, o.parent_id)).collect();
            for unit in subtree {
                let mut depth = 0;
                let mut cursor = unit.parent_id;
                while let Some(parent) = cursor.filter(|p| parents.contains_key(p)) {
                    depth += 1;
                    cursor = parents[&parent];
                }
                if !listed.iter().any(|(o, _): &(Organization, usize)| o.id == unit.id) {
                    listed.push((unit, depth));
                }
            }
        }
        Ok(listed)
    }

    /// Published courses as (slug, title), in catalogue order.
    pub async fn course_titles(db: &Database) -> Result<Vec<(String, String)>, ServerFnError> {
        Ok(crate::course::repository::catalogue(db).await.map_err(unavailable)?.into_iter().map(|c| (c.slug, c.title)).collect())
    }
}
#[cfg(feature = "ssr")]
pub use scope::{course_titles, hr_roots, require_hr_over, units_in_scope};

/// Reads the dashboard filters; a bad value is an error naming it, not a silent default.
#[cfg(feature = "ssr")]
pub fn parse_filter(query: &DashboardQuery) -> Result<(super::repository::Filter, super::status::SortKey), String> {
    use super::{repository::Filter, status::SortKey};
    use crate::time::{paris_end_of_day, parse_iso_date};
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => Some(Status::from_id(id).ok_or_else(|| format!("statut inconnu « {id} »"))?),
    };
    let due_before = match query.due_before.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => {
            let (y, m, d) = parse_iso_date(text).ok_or_else(|| format!("échéance « {text} » : une date AAAA-MM-JJ est attendue"))?;
            Some(paris_end_of_day(y, m, d))
        }
    };
    let sort = match query.sort.as_deref().filter(|s| !s.is_empty()) {
        None => SortKey::default(),
        Some(id) => SortKey::from_id(id).ok_or_else(|| format!("tri inconnu « {id} »"))?,
    };
    let course = query.course.clone().filter(|c| !c.is_empty());
    Ok((Filter { course, status, due_before }, sort))
}

#[server]
pub async fn load_hr_dashboard(
    unite: Option<String>,
    cours: Option<String>,
    statut: Option<String>,
    echeance: Option<String>,
    tri: Option<String>,
    page: Option<String>,
) -> Result<DashboardView, ServerFnError> {
    use std::collections::HashMap;

    use super::{chart, repository};
    use crate::{
        accounts::{authz::require_role, Role},
        db::now,
        error::{app_state, unavailable},
        organizations::repository as units,
        time::{days_from_civil, iso_date, paris_date},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let roots = hr_roots(&state.db, &user).await?;
    let unit_id = match unite.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(text) => text.parse::<i64>().map_err(|_| ServerFnError::new(format!("unité « {text} » inconnue")))?,
        None => *roots.first().ok_or_else(|| ServerFnError::new("Aucune unité n'est rattachée à votre rôle RH."))?,
    };
    require_hr_over(&state.db, &user, unit_id).await?;
    let query = DashboardQuery {
        unit: Some(unit_id),
        course: cours,
        status: statut,
        due_before: echeance,
        sort: tri,
        page: page.and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
    };
    let (filter, sort) = parse_filter(&query).map_err(ServerFnError::new)?;
    let at = now();

    let Some(unit) = units::find(&state.db, unit_id).await.map_err(unavailable)? else {
        return Err(ServerFnError::new("Cette unité n'existe plus."));
    };
    // The trail from the top of the caller's scope down to this unit.
    let mut trail = vec![(unit.id, unit.name.clone())];
    let mut parent = unit.parent_id;
    while let Some(id) = parent {
        if !crate::accounts::authz::may_act_on(&state.db, &user, Role::Hr, id).await? {
            break;
        }
        let Some(above) = units::find(&state.db, id).await.map_err(unavailable)? else { break };
        trail.insert(0, (above.id, above.name.clone()));
        parent = above.parent_id;
    }

    let courses = course_titles(&state.db).await?;
    let titles: HashMap<String, String> = courses.iter().cloned().collect();
    let counts = repository::counts_by_unit(&state.db, unit_id, &filter, at).await.map_err(unavailable)?;
    // Each unit's counts go to the child of the current unit it lies under.
    let subtree = units::subtree(&state.db, unit_id).await.map_err(unavailable)?;
    let parent_of: HashMap<i64, Option<i64>> = subtree.iter().map(|o| (o.id, o.parent_id)).collect();
    let child_of_current = |mut id: i64| -> i64 {
        while let Some(Some(parent)) = parent_of.get(&id) {
            if *parent == unit_id {
                return id;
            }
            id = *parent;
        }
        id
    };
    let mut shown: Vec<String> = counts.iter().map(|(_, slug, _)| slug.clone()).collect();
    shown.sort_by_key(|slug| courses.iter().position(|(s, _)| s == slug).unwrap_or(usize::MAX));
    shown.dedup();
    let column = |slug: &str| shown.iter().position(|s| s == slug);
    let mut rows: Vec<UnitRow> = subtree
        .iter()
        .filter(|o| o.parent_id == Some(unit_id))
        .map(|o| UnitRow { unit_id: o.id, name: o.name.clone(), direct: false, counts: vec![Counts::default(); shown.len()] })
        .collect();
    let mut direct = UnitRow { unit_id, name: unit.name.clone(), direct: true, counts: vec![Counts::default(); shown.len()] };
    let mut totals = vec![Counts::default(); shown.len()];
    for (unit_of_agent, slug, cell) in &counts {
        let Some(col) = column(slug) else { continue };
        totals[col].add(cell);
        let target = child_of_current(*unit_of_agent);
        match rows.iter_mut().find(|r| r.unit_id == target && target != unit_id) {
            Some(row) => row.counts[col].add(cell),
            None => direct.counts[col].add(cell),
        }
    }
    if direct.counts.iter().any(|c| c.total() > 0) {
        rows.insert(0, direct);
    }

    let offset = (query.page - 1) * AGENTS_PER_PAGE;
    let (lines, agent_total) =
        repository::agent_lines(&state.db, unit_id, &filter, sort, Some((AGENTS_PER_PAGE, offset)), at).await.map_err(unavailable)?;
    let day = |t: Option<i64>| t.map(|t| iso_date(paris_date(t)));
    let agents = lines
        .into_iter()
        .map(|l| AgentLineView {
            user_id: l.user_id,
            name: l.name,
            unit: l.unit,
            course_title: titles.get(&l.course_slug).cloned().unwrap_or(l.course_slug),
            status: l.status,
            due: day(l.due_at),
            completed: day(l.completed_at),
        })
        .collect();

    // Completions per month (Paris calendar), the current month and the 11 before it.
    let (year, month, _) = paris_date(at);
    let months: Vec<(i64, i64)> = (0..12).rev().map(|back| { let m = year * 12 + (month - 1) - back; (m / 12, m % 12 + 1) }).collect();
    let since = days_from_civil(months[0].0, months[0].1, 1) * 86_400 - 7_200;
    let completions = repository::completions_since(&state.db, unit_id, filter.course.as_deref(), since).await.map_err(unavailable)?;
    let mut per_month = vec![0u64; 12];
    for (hour, count) in completions {
        let (y, m, _) = paris_date(hour);
        if let Some(i) = months.iter().position(|&(my, mm)| my == y && mm == m) {
            per_month[i] += count.max(0) as u64;
        }
    }
    const MONTHS: [&str; 12] = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let chart_rows: Vec<(String, u64)> =
        months.iter().zip(&per_month).map(|(&(y, m), &n)| (format!("{} {y}", MONTHS[(m - 1) as usize]), n)).collect();
    let bars: Vec<chart::Bar> = chart_rows.iter().map(|(label, value)| chart::Bar { label: label.clone(), value: *value }).collect();
    let total_done: u64 = per_month.iter().sum();
    let chart_svg = chart::bar_chart_svg(
        &format!("Parcours terminés par mois — {}", unit.name),
        &format!("{total_done} parcours assignés terminés sur les douze derniers mois ; le détail par mois est dans le tableau qui suit."),
        &bars,
    );

    Ok(DashboardView {
        unit_id,
        unit_name: unit.name,
        trail,
        courses_shown: shown.iter().map(|s| (s.clone(), titles.get(s).cloned().unwrap_or_else(|| s.clone()))).collect(),
        courses,
        rows,
        totals,
        agents,
        agent_total,
        pages: ((agent_total + AGENTS_PER_PAGE - 1) / AGENTS_PER_PAGE).max(1),
        chart_svg,
        chart_rows,
        query,
    })
}

/// One agent's assigned courses, for HR of their unit.
#[server]
pub async fn load_hr_agent(user_id: i64) -> Result<AgentReport, ServerFnError> {
    use std::collections::HashMap;

    use sqlx::Row;

    use crate::{
        accounts::{authz::require_role, Role},
        db::now,
        error::{app_state, unavailable},
        time::{iso_date, paris_date},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let row = sqlx::query(
        "SELECT u.display_name, u.email, u.organization_id, o.name AS unit FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(state.db.pool())
    .await
    .map_err(unavailable)?;
    let Some(row) = row else {
        return Err(ServerFnError::new("Cet agent n'existe pas."));
    };
    let unit: Option<i64> = row.try_get("organization_id").map_err(unavailable)?;
    // An agent without a unit is visible to administrators only.
    match unit {
        Some(unit) => require_hr_over(&state.db, &user, unit).await?,
        None if user.is_admin() => {}
        None => return Err(ServerFnError::new("Cet agent n'est dans aucune unité de votre périmètre.")),
    }
    let titles: HashMap<String, String> = course_titles(&state.db).await?.into_iter().collect();
    let day = |t: Option<i64>| t.map(|t| iso_date(paris_date(t)));
    let courses = super::repository::agent_courses(&state.db, user_id, now())
        .await
        .map_err(unavailable)?
        .into_iter()
        .map(|c| AgentCourseView {
            title: titles.get(&c.course_slug).cloned().unwrap_or_else(|| c.course_slug.clone()),
            course_slug: c.course_slug,
            status: c.status,
            due: day(c.due_at),
            started: day(c.started_at),
            completed: day(c.completed_at),
            best_score: c.best_score,
        })
        .collect();
    Ok(AgentReport {
        name: row.try_get("display_name").map_err(unavailable)?,
        email: row.try_get("email").map_err(unavailable)?,
        unit: row.try_get::<Option<String>, _>("unit").map_err(unavailable)?.unwrap_or_default(),
        courses,
    })
}

#[server]
pub async fn load_assignments() -> Result<AssignmentsView, ServerFnError> {
    use std::collections::HashMap;

    use crate::{
        accounts::{authz::require_role, Role},
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let roots = hr_roots(&state.db, &user).await?;
    let courses = course_titles(&state.db).await?;
    let titles: HashMap<String, String> = courses.iter().cloned().collect();
    let mut assignments = Vec::new();
    for root in &roots {
        for a in super::repository::assignments_in_scope(&state.db, *root).await.map_err(unavailable)? {
            if assignments.iter().any(|v: &AssignmentView| v.id == a.id) {
                continue;
            }
            assignments.push(AssignmentView {
                id: a.id,
                course_title: titles.get(&a.course_slug).cloned().unwrap_or(a.course_slug),
                target: a.target_label,
                subunits: match a.target {
                    super::repository::Target::Unit { include_subunits, .. } => Some(include_subunits),
                    super::repository::Target::Agent(_) => None,
                },
                due_date: a.due_date,
                note: a.note,
                assigned_by: a.assigned_by,
                created_at: a.created_at,
            });
        }
    }
    let units = units_in_scope(&state.db, &roots).await?.into_iter().map(|(o, depth)| (o.id, o.name, depth)).collect();
    Ok(AssignmentsView { units, courses, assignments })
}

/// Checks an optional due date from a form: `None` when empty, the Paris end of that day
/// otherwise; a date already past is refused.
#[cfg(feature = "ssr")]
fn due_from_form(text: &str) -> Result<Option<(String, i64)>, String> {
    use crate::time::{iso_date, paris_date, paris_end_of_day, parse_iso_date};
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date = parse_iso_date(text).ok_or_else(|| "indiquez une date valide, au format AAAA-MM-JJ".to_owned())?;
    let due_at = paris_end_of_day(date.0, date.1, date.2);
    if due_at < crate::db::now() {
        return Err(format!("le {} est déjà passé : choisissez aujourd'hui ou une date à venir", iso_date(paris_date(due_at))));
    }
    Ok(Some((iso_date(date), due_at)))
}

/// Assigns a course to a unit (`target` = `unite`) or to agents given by e-mail address
/// (`target` = `agents`, one per line).
#[server]
pub async fn create_assignment(
    course: String,
    target: String,
    unit: Option<String>,
    subunits: Option<String>,
    agents: Option<String>,
    due_date: Option<String>,
    note: Option<String>,
) -> Result<(), ServerFnError> {
    use super::repository::{self, Target};
    use crate::{
        accounts::{authz::require_role, forms::FormFeedback, repository::find_by_email, Role}, web::redirect_with,
        audit,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let (agents, due_date, note) = (agents.unwrap_or_default(), due_date.unwrap_or_default(), note.unwrap_or_default());
    let mut feedback = FormFeedback::new("affectation")
        .value("course", &course)
        .value("target", &target)
        .value("unit", unit.as_deref().unwrap_or_default())
        .value("agents", &agents)
        .value("due_date", &due_date)
        .value("note", &note);
    if !course_titles(&state.db).await?.iter().any(|(slug, _)| *slug == course) {
        feedback = feedback.error("course", "choisissez un cours publié dans la liste");
    }
    let due = match due_from_form(&due_date) {
        Ok(due) => due,
        Err(reason) => {
            feedback = feedback.error("due_date", reason);
            None
        }
    };
    let note = note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_CHARS {
        feedback = feedback.error("note", format!("la note dépasse {MAX_NOTE_CHARS} caractères"));
    }
    let mut targets = Vec::new();
    match target.as_str() {
        "unite" => match unit.as_deref().and_then(|u| u.trim().parse::<i64>().ok()) {
            None => feedback = feedback.error("unit", "choisissez une unité"),
            Some(id) => {
                if crate::accounts::authz::may_act_on(&state.db, &user, Role::Hr, id).await? {
                    targets.push(Target::Unit { id, include_subunits: subunits.is_some() });
                } else {
                    feedback = feedback.error("unit", "cette unité n'est pas dans votre périmètre RH");
                }
            }
        },
        "agents" => {
            let mut unknown = Vec::new();
            for address in agents.split(['\n', ',', ';']).map(str::trim).filter(|a| !a.is_empty()) {
                let found = find_by_email(&state.db, address).await.map_err(unavailable)?;
                match found {
                    Some(agent)
                        if match agent.organization_id {
                            Some(org) => crate::accounts::authz::may_act_on(&state.db, &user, Role::Hr, org).await?,
                            None => user.is_admin(),
                        } =>
                    {
                        targets.push(Target::Agent(agent.id))
                    }
                    _ => unknown.push(address.to_owned()),
                }
            }
            if !unknown.is_empty() {
                feedback = feedback.error("agents", format!("aucun agent de votre périmètre n'a ces adresses : {}", unknown.join(", ")));
            } else if targets.is_empty() {
                feedback = feedback.error("agents", "indiquez au moins une adresse électronique d'agent");
            }
        }
        _ => feedback = feedback.error("target", "choisissez une unité ou des agents"),
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure("L'affectation n'a pas été enregistrée."), "/rh/affectations#nouvelle");
        return Ok(());
    }
    for target in &targets {
        let id = repository::create_assignment(&state.db, &course, target, due.clone(), &note, Some(user.id)).await.map_err(unavailable)?;
        // The notices go out at the scheduler's next pass, which this starts now.
        state.notifications.notify_one();
        let who = match target {
            Target::Unit { id, include_subunits } => format!("unité {id}{}", if *include_subunits { " et sous-unités" } else { "" }),
            Target::Agent(agent) => format!("agent {agent}"),
        };
        let details = format!("cours {course}, {who}, échéance {}", due.as_ref().map(|(d, _)| d.as_str()).unwrap_or("aucune"));
        audit::record(&state.db, Some(user.id), "assignment.create", &format!("assignment:{id}"), &details).await.map_err(unavailable)?;
    }
    let message = if targets.len() == 1 { "Affectation enregistrée.".to_owned() } else { format!("{} affectations enregistrées.", targets.len()) };
    redirect_with(&FormFeedback::success("affectation", message), "/rh/affectations");
    Ok(())
}

/// The assignment `id`, if the caller's HR scope covers it (404/403 otherwise).
#[cfg(feature = "ssr")]
async fn assignment_in_scope(
    state: &crate::state::AppState,
    user: &crate::accounts::CurrentUser,
    id: i64,
) -> Result<super::repository::Assignment, ServerFnError> {
    let Some(assignment) = super::repository::find_assignment(&state.db, id).await.map_err(crate::error::unavailable)? else {
        return Err(ServerFnError::new("Cette affectation n'existe plus."));
    };
    match assignment.scope_unit {
        Some(unit) => require_hr_over(&state.db, user, unit).await?,
        None if user.is_admin() => {}
        None => return Err(ServerFnError::new("Cette affectation n'est pas dans votre périmètre RH.")),
    }
    Ok(assignment)
}

#[server]
pub async fn update_assignment(id: i64, due_date: Option<String>, note: Option<String>) -> Result<(), ServerFnError> {
    use crate::{
        accounts::{authz::require_role, forms::FormFeedback, Role}, web::redirect_with,
        audit,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let assignment = assignment_in_scope(&state, &user, id).await?;
    // Feedback goes to the page's message area, the address back to the assignment itself.
    let (form, back) = ("affectation", format!("/rh/affectations#affectation-{id}"));
    let note = note.unwrap_or_default().trim().to_owned();
    let due = match due_from_form(due_date.as_deref().unwrap_or_default()) {
        Ok(due) => due,
        Err(reason) => {
            redirect_with(&FormFeedback::new(form).failure(format!("Affectation non modifiée : {reason}.")), &back);
            return Ok(());
        }
    };
    if note.chars().count() > MAX_NOTE_CHARS {
        redirect_with(&FormFeedback::new(form).failure(format!("Affectation non modifiée : la note dépasse {MAX_NOTE_CHARS} caractères.")), &back);
        return Ok(());
    }
    super::repository::update_assignment(&state.db, &assignment, due.clone(), &note).await.map_err(unavailable)?;
    state.notifications.notify_one();
    let details = format!("échéance {}", due.as_ref().map(|(d, _)| d.as_str()).unwrap_or("aucune"));
    audit::record(&state.db, Some(user.id), "assignment.update", &format!("assignment:{id}"), &details).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success(form, "Affectation modifiée."), &back);
    Ok(())
}

#[server]
pub async fn withdraw_assignment(id: i64) -> Result<(), ServerFnError> {
    use crate::{
        accounts::{authz::require_role, forms::FormFeedback, Role}, web::redirect_with,
        audit,
        error::{app_state, unavailable},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let assignment = assignment_in_scope(&state, &user, id).await?;
    super::repository::delete_assignment(&state.db, &assignment).await.map_err(unavailable)?;
    audit::record(&state.db, Some(user.id), "assignment.delete", &format!("assignment:{id}"), &assignment.course_slug).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success("affectation", "Affectation retirée : les agents gardent leur progression."), "/rh/affectations");
    Ok(())
}

/// A course assigned to the signed-in learner, for "Mon parcours".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerAssignment {
    pub course_slug: String,
    pub title: String,
    pub status: Status,
    /// Paris calendar date, `YYYY-MM-DD`.
    pub due: Option<String>,
    pub notes: Vec<String>,
}

#[server]
pub async fn load_my_assignments() -> Result<Vec<LearnerAssignment>, ServerFnError> {
    use std::collections::HashMap;

    use crate::{
        db::now,
        error::{app_state, unavailable},
        time::{iso_date, paris_date},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let titles: HashMap<String, String> = course_titles(&state.db).await?.into_iter().collect();
    let statuses: HashMap<String, Status> = super::repository::agent_courses(&state.db, user.id, now())
        .await
        .map_err(unavailable)?
        .into_iter()
        .map(|c| (c.course_slug, c.status))
        .collect();
    let assigned = super::repository::assignments_for_learner(&state.db, user.id).await.map_err(unavailable)?;
    Ok(assigned
        .into_iter()
        .filter_map(|(slug, due_at, notes)| {
            Some(LearnerAssignment {
                title: titles.get(&slug)?.clone(),
                status: statuses.get(&slug).copied().unwrap_or(Status::NotStarted),
                due: due_at.map(|t| iso_date(paris_date(t))),
                notes,
                course_slug: slug,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_keep_their_encoding() {
        assert_eq!(url_encode("Cours d'été/2026 ~a_b-c.d"), "Cours%20d%27%C3%A9t%C3%A9%2F2026%20~a_b-c.d");
        assert_eq!(percent_decode("Cours+d%27%C3%A9t%C3%A9%2F2026%2B1"), "Cours d'été/2026+1");
        // Escapes that are not two hexadecimal digits stay as they are.
        assert_eq!(percent_decode("100%+s%zz%4"), "100% s%zz%4");
        for value in ["/mon-parcours?x=1&y=2", "é è ü", "a+b", "%41"] {
            assert_eq!(percent_decode(&url_encode(value)), value);
        }
    }
}
