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
    /// The agent's calendar dates (in their unit's zone), `YYYY-MM-DD`.
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
    /// Completions per month over the last 12 months (drawn, and given as a table too).
    pub chart: CompletionChart,
    pub query: DashboardQuery,
}

/// The dashboard's chart: its title, a sentence saying what it shows, and its bars.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionChart {
    pub title: String,
    pub description: String,
    pub bars: Vec<super::chart::Bar>,
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
            return crate::reporting::repository::root_units(db).await.map_err(unavailable);
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
            Err(ServerFnError::new(crate::request_locale().text("hr-unit-out-of-scope")))
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

/// Reads the dashboard filters; a bad value is an error naming it, not a silent default (in the
/// request's language; French for the CSV export, an axum handler).
#[cfg(feature = "ssr")]
pub fn parse_filter(query: &DashboardQuery) -> Result<(super::repository::Filter, super::status::SortKey), String> {
    use super::{repository::Filter, status::SortKey};
    use crate::time::{iso_date, parse_iso_date};
    let locale = crate::request_locale();
    let refusal = |key: &str, value: &str| locale.text_with(key, &[("value", value.to_owned().into())]);
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => Some(Status::from_id(id).ok_or_else(|| refusal("hr-filter-unknown-status", id))?),
    };
    let due_before = match query.due_before.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => {
            let date = parse_iso_date(text).ok_or_else(|| refusal("hr-filter-bad-due", text))?;
            Some(iso_date(date))
        }
    };
    let sort = match query.sort.as_deref().filter(|s| !s.is_empty()) {
        None => SortKey::default(),
        Some(id) => SortKey::from_id(id).ok_or_else(|| refusal("hr-filter-unknown-sort", id))?,
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

    use crate::{
        accounts::{authz::require_role, Role},
        db::now,
        error::{app_state, unavailable},
        organizations::repository as units,
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let locale = crate::request_locale();
    let roots = hr_roots(&state.db, &user).await?;
    let unit_id = match unite.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(text) => {
            text.parse::<i64>().map_err(|_| ServerFnError::new(locale.text_with("hr-unknown-unit", &[("value", text.to_owned().into())])))?
        }
        None => *roots.first().ok_or_else(|| ServerFnError::new(locale.text("hr-no-unit")))?,
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
        return Err(ServerFnError::new(locale.text("units-gone")));
    };
    let trail = dashboard::trail(&state.db, &user, &unit).await?;
    let courses = course_titles(&state.db).await?;
    let titles: HashMap<String, String> = courses.iter().cloned().collect();
    let zones = units::zones(state.db.pool()).await.map_err(unavailable)?;
    let (courses_shown, rows, totals) = dashboard::unit_rows(&state.db, &unit, &filter, &courses, at).await?;
    let (agents, agent_total) = dashboard::agent_page(&state.db, unit_id, &filter, sort, query.page, &titles, &zones, at).await?;
    let chart = dashboard::monthly_completions(&state.db, &unit, filter.course.as_deref(), zones.of(Some(unit_id)), at).await?;
    Ok(DashboardView {
        unit_id,
        unit_name: unit.name,
        trail,
        courses_shown: courses_shown.iter().map(|s| (s.clone(), titles.get(s).cloned().unwrap_or_else(|| s.clone()))).collect(),
        courses,
        rows,
        totals,
        agents,
        agent_total,
        pages: ((agent_total + AGENTS_PER_PAGE - 1) / AGENTS_PER_PAGE).max(1),
        chart,
        query,
    })
}

/// The parts of the dashboard, each read and aggregated on its own (server only).
#[cfg(feature = "ssr")]
mod dashboard {
    use std::collections::HashMap;

    use leptos::prelude::ServerFnError;

    use super::{AgentLineView, CompletionChart, Counts, UnitRow, AGENTS_PER_PAGE};
    use crate::{
        accounts::{CurrentUser, Role},
        db::Database,
        error::unavailable,
        i18n::{tr, tr_args},
        organizations::{repository as units, zones::UnitZones, Organization},
        reporting::{
            chart::Bar,
            repository::{self, Filter},
            status::SortKey,
        },
        time::{first_of_month, iso_date, local_date, start_of_day, TimeZone},
    };

    /// The units from the top of the caller's scope down to `unit`, for the breadcrumb.
    pub async fn trail(db: &Database, user: &CurrentUser, unit: &Organization) -> Result<Vec<(i64, String)>, ServerFnError> {
        let mut trail = vec![(unit.id, unit.name.clone())];
        let mut parent = unit.parent_id;
        while let Some(id) = parent {
            if !crate::accounts::authz::may_act_on(db, user, Role::Hr, id).await? {
                break;
            }
            let Some(above) = units::find(db, id).await.map_err(unavailable)? else { break };
            trail.insert(0, (above.id, above.name.clone()));
            parent = above.parent_id;
        }
        Ok(trail)
    }

    /// The courses with enrolments (the columns), one row per child unit with everything below
    /// it (and one for the agents of `unit` itself, if any), and the totals.
    pub async fn unit_rows(
        db: &Database,
        unit: &Organization,
        filter: &Filter,
        courses: &[(String, String)],
        at: i64,
    ) -> Result<(Vec<String>, Vec<UnitRow>, Vec<Counts>), ServerFnError> {
        let counts = repository::counts_by_unit(db, unit.id, filter, at).await.map_err(unavailable)?;
        let subtree = units::subtree(db, unit.id).await.map_err(unavailable)?;
        let parent_of: HashMap<i64, Option<i64>> = subtree.iter().map(|o| (o.id, o.parent_id)).collect();
        // Each unit's counts go to the child of the current unit it lies under.
        let child_of_current = |mut id: i64| -> i64 {
            while let Some(Some(parent)) = parent_of.get(&id) {
                if *parent == unit.id {
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
        let empty = || vec![Counts::default(); shown.len()];
        let mut rows: Vec<UnitRow> = subtree
            .iter()
            .filter(|o| o.parent_id == Some(unit.id))
            .map(|o| UnitRow { unit_id: o.id, name: o.name.clone(), direct: false, counts: empty() })
            .collect();
        let mut direct = UnitRow { unit_id: unit.id, name: unit.name.clone(), direct: true, counts: empty() };
        let mut totals = empty();
        for (unit_of_agent, slug, cell) in &counts {
            let Some(col) = column(slug) else { continue };
            totals[col].add(cell);
            let target = child_of_current(*unit_of_agent);
            match rows.iter_mut().find(|r| r.unit_id == target && target != unit.id) {
                Some(row) => row.counts[col].add(cell),
                None => direct.counts[col].add(cell),
            }
        }
        if direct.counts.iter().any(|c| c.total() > 0) {
            rows.insert(0, direct);
        }
        Ok((shown, rows, totals))
    }

    /// One page of the agent list, with each agent's dates in the zone of their unit.
    #[allow(clippy::too_many_arguments)]
    pub async fn agent_page(
        db: &Database,
        unit_id: i64,
        filter: &Filter,
        sort: SortKey,
        page: i64,
        titles: &HashMap<String, String>,
        zones: &UnitZones,
        at: i64,
    ) -> Result<(Vec<AgentLineView>, i64), ServerFnError> {
        let offset = (page - 1) * AGENTS_PER_PAGE;
        let (lines, total) = repository::agent_lines(db, unit_id, filter, sort, Some((AGENTS_PER_PAGE, offset)), at).await.map_err(unavailable)?;
        let agents = lines
            .into_iter()
            .map(|l| {
                let zone = zones.of(Some(l.unit_id));
                let day = |t: Option<i64>| t.map(|t| iso_date(local_date(t, zone)));
                AgentLineView {
                    user_id: l.user_id,
                    course_title: titles.get(&l.course_slug).cloned().unwrap_or(l.course_slug),
                    status: l.status,
                    due: day(l.due_at),
                    completed: day(l.completed_at),
                    name: l.name,
                    unit: l.unit,
                }
            })
            .collect();
        Ok((agents, total))
    }

    /// Completions per month of the unit's calendar (its zone), the current month and the 11
    /// before it.
    pub async fn monthly_completions(
        db: &Database,
        unit: &Organization,
        course: Option<&str>,
        zone: &TimeZone,
        at: i64,
    ) -> Result<CompletionChart, ServerFnError> {
        let this_month = first_of_month(local_date(at, zone), 0);
        let months: Vec<_> = (0..12).rev().map(|back| first_of_month(this_month, -back)).collect();
        let since = start_of_day(months[0], zone);
        let completions = repository::completions_since(db, unit.id, course, since).await.map_err(unavailable)?;
        let mut per_month = vec![0u64; months.len()];
        for (quarter, count) in completions {
            let month = first_of_month(local_date(quarter, zone), 0);
            if let Some(i) = months.iter().position(|m| *m == month) {
                per_month[i] += count.max(0) as u64;
            }
        }
        let bars: Vec<Bar> = months
            .iter()
            .zip(&per_month)
            .map(|(month, &value)| Bar { label: format!("{} {}", tr(&format!("month-short-{}", month.month())), month.year()), value })
            .collect();
        let total: u64 = per_month.iter().sum();
        Ok(CompletionChart {
            title: tr_args("hr-chart-title", &[("unit", unit.name.clone().into())]),
            description: tr_args("hr-chart-summary", &[("total", total.into())]),
            bars,
        })
    }
}

/// One agent's assigned courses, for HR of their unit.
#[server]
pub async fn load_hr_agent(user_id: i64) -> Result<AgentReport, ServerFnError> {
    use std::collections::HashMap;

    use crate::{
        accounts::{authz::require_role, Role},
        db::now,
        error::{app_state, unavailable},
        time::{iso_date, local_date},
    };
    let state = app_state()?;
    let user = require_role(Role::Hr)?;
    let agent = super::repository::find_agent(&state.db, user_id).await.map_err(unavailable)?;
    let locale = crate::request_locale();
    let Some(agent) = agent else {
        return Err(ServerFnError::new(locale.text("hr-agent-unknown")));
    };
    let unit = agent.organization_id;
    // An agent without a unit is visible to administrators only.
    match unit {
        Some(unit) => require_hr_over(&state.db, &user, unit).await?,
        None if user.is_admin() => {}
        None => return Err(ServerFnError::new(locale.text("hr-agent-out-of-scope"))),
    }
    let titles: HashMap<String, String> = course_titles(&state.db).await?.into_iter().collect();
    // The agent's calendar days, in the zone of their unit.
    let zone = crate::organizations::repository::zone_of(&state.db, unit).await.map_err(unavailable)?;
    let day = |t: Option<i64>| t.map(|t| iso_date(local_date(t, &zone)));
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
        name: agent.display_name,
        email: agent.email,
        unit: agent.unit.unwrap_or_default(),
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

/// Checks an optional due date from a form: `None` when empty, the date otherwise. A date whose
/// last second has passed in `zone` (that of the unit or agent assigned) is refused, with the
/// reason in `locale`.
#[cfg(feature = "ssr")]
fn due_from_form(text: &str, zone: &crate::time::TimeZone, locale: crate::i18n::Locale) -> Result<Option<(String, i64)>, String> {
    use crate::time::{end_of_day, iso_date, parse_iso_date};
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date = parse_iso_date(text).ok_or_else(|| locale.text("hr-due-invalid"))?;
    let due_at = end_of_day(date, zone);
    if due_at < crate::db::now() {
        return Err(locale.text_with("hr-due-past", &[("date", iso_date(date).into())]));
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
    let locale = crate::request_locale();
    let (agents, due_date, note) = (agents.unwrap_or_default(), due_date.unwrap_or_default(), note.unwrap_or_default());
    let mut feedback = FormFeedback::new("affectation")
        .value("course", &course)
        .value("target", &target)
        .value("unit", unit.as_deref().unwrap_or_default())
        .value("agents", &agents)
        .value("due_date", &due_date)
        .value("note", &note);
    if !course_titles(&state.db).await?.iter().any(|(slug, _)| *slug == course) {
        feedback = feedback.error("course", locale.text("hr-choose-course"));
    }
    let note = note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_CHARS {
        feedback = feedback.error("note", locale.text_with("hr-note-too-long", &[("max", MAX_NOTE_CHARS.into())]));
    }
    // Each target with the unit whose zone its due date is read in.
    let mut targets: Vec<(Target, Option<i64>)> = Vec::new();
    match target.as_str() {
        "unite" => match unit.as_deref().and_then(|u| u.trim().parse::<i64>().ok()) {
            None => feedback = feedback.error("unit", locale.text("hr-choose-unit")),
            Some(id) => {
                if crate::accounts::authz::may_act_on(&state.db, &user, Role::Hr, id).await? {
                    targets.push((Target::Unit { id, include_subunits: subunits.is_some() }, Some(id)));
                } else {
                    feedback = feedback.error("unit", locale.text("hr-unit-not-yours"));
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
                        targets.push((Target::Agent(agent.id), agent.organization_id))
                    }
                    _ => unknown.push(address.to_owned()),
                }
            }
            if !unknown.is_empty() {
                feedback = feedback.error("agents", locale.text_with("hr-unknown-agents", &[("addresses", unknown.join(", ").into())]));
            } else if targets.is_empty() {
                feedback = feedback.error("agents", locale.text("hr-agents-needed"));
            }
        }
        _ => feedback = feedback.error("target", locale.text("hr-choose-target")),
    }
    // The due date ends at midnight in the zone of each unit or agent assigned.
    let zones = crate::organizations::repository::zones(state.db.pool()).await.map_err(unavailable)?;
    let mut dues = Vec::with_capacity(targets.len());
    for unit in targets.iter().map(|(_, unit)| *unit).chain(targets.is_empty().then_some(None)) {
        match due_from_form(&due_date, zones.of(unit), locale) {
            Ok(due) => dues.push(due),
            Err(reason) => {
                feedback = feedback.error("due_date", reason);
                break;
            }
        }
    }
    if feedback.has_errors() {
        redirect_with(&feedback.failure(locale.text("hr-assignment-not-saved")), "/rh/affectations#nouvelle");
        return Ok(());
    }
    for ((target, _), due) in targets.iter().zip(dues) {
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
    let message = locale.text_with("hr-assignments-saved", &[("count", targets.len().into())]);
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
    let locale = crate::request_locale();
    let Some(assignment) = super::repository::find_assignment(&state.db, id).await.map_err(crate::error::unavailable)? else {
        return Err(ServerFnError::new(locale.text("hr-assignment-gone")));
    };
    match assignment.scope_unit {
        Some(unit) => require_hr_over(&state.db, user, unit).await?,
        None if user.is_admin() => {}
        None => return Err(ServerFnError::new(locale.text("hr-assignment-out-of-scope"))),
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
    let locale = crate::request_locale();
    // Feedback goes to the page's message area, the address back to the assignment itself.
    let (form, back) = ("affectation", format!("/rh/affectations#affectation-{id}"));
    let note = note.unwrap_or_default().trim().to_owned();
    let zone = crate::organizations::repository::zone_of(&state.db, assignment.scope_unit).await.map_err(unavailable)?;
    let not_updated = |reason: String| FormFeedback::new(form).failure(locale.text_with("hr-assignment-not-updated", &[("reason", reason.into())]));
    let due = match due_from_form(due_date.as_deref().unwrap_or_default(), &zone, locale) {
        Ok(due) => due,
        Err(reason) => {
            redirect_with(&not_updated(reason), &back);
            return Ok(());
        }
    };
    if note.chars().count() > MAX_NOTE_CHARS {
        redirect_with(&not_updated(locale.text_with("hr-note-too-long", &[("max", MAX_NOTE_CHARS.into())])), &back);
        return Ok(());
    }
    super::repository::update_assignment(&state.db, &assignment, due.clone(), &note).await.map_err(unavailable)?;
    state.notifications.notify_one();
    let details = format!("échéance {}", due.as_ref().map(|(d, _)| d.as_str()).unwrap_or("aucune"));
    audit::record(&state.db, Some(user.id), "assignment.update", &format!("assignment:{id}"), &details).await.map_err(unavailable)?;
    redirect_with(&FormFeedback::success(form, locale.text("hr-assignment-updated")), &back);
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
    redirect_with(&FormFeedback::success("affectation", crate::request_locale().text("hr-assignment-withdrawn")), "/rh/affectations");
    Ok(())
}

/// A course assigned to the signed-in learner, for "Mon parcours".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerAssignment {
    pub course_slug: String,
    pub title: String,
    pub status: Status,
    /// The learner's calendar date (in their unit's zone), `YYYY-MM-DD`.
    pub due: Option<String>,
    pub notes: Vec<String>,
}

#[server]
pub async fn load_my_assignments() -> Result<Vec<LearnerAssignment>, ServerFnError> {
    use std::collections::HashMap;

    use crate::{
        db::now,
        error::{app_state, unavailable},
        time::{iso_date, local_date},
    };
    let state = app_state()?;
    let user = crate::accounts::authz::require_user()?;
    let zone = crate::organizations::repository::zone_of(&state.db, user.organization_id).await.map_err(unavailable)?;
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
                due: due_at.map(|t| iso_date(local_date(t, &zone))),
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
