//! `/rh…`: what HR uses to answer "who in my department has done the mandatory course, who is
//! late?" — the completion dashboard (units × courses, agents, a chart of completions with the
//! same data as a table, CSV export), one agent's courses, and the assignments. Everything is a
//! link or a GET/POST form: no JavaScript needed.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    accounts::{
        forms::{signed_in_user, take_feedback},
        Role,
    },
    components::{bar_chart::BarChart, breadcrumb::Breadcrumb, form::FormMessage, labels::local_datetime, loaded::Loaded},
    i18n::{tr, tr_args},
    pages::sign_in_required::{Forbidden, SignInRequired},
    reporting::{
        api::{
            load_assignments, load_hr_agent, load_hr_dashboard, percent_decode, CreateAssignment, DashboardQuery, DashboardView,
            UpdateAssignment, WithdrawAssignment,
        },
        status::{Counts, SortKey, Status},
    },
};

/// Shows `content` to HR and admins; the sign-in page or a 403 to others.
fn hr_only(back: &'static str, content: impl FnOnce() -> AnyView) -> AnyView {
    match signed_in_user() {
        None => view! { <SignInRequired back/> }.into_any(),
        Some(user) if !user.is_admin() && !user.has_role(Role::Hr) => view! { <Forbidden/> }.into_any(),
        Some(_) => content(),
    }
}

fn status_label(status: Status) -> String {
    tr(&format!("status-{}", status.id()))
}

fn trail(page: Option<(String, String)>) -> Vec<(String, String)> {
    let mut trail = vec![(tr("nav-home"), "/".to_owned()), (tr("nav-hr"), "/rh".to_owned())];
    trail.extend(page);
    trail
}

#[component]
pub fn HrDashboardPage() -> impl IntoView {
    hr_only("/rh", || {
        let query = use_query_map();
        let params = move || {
            query.with(|q| {
                let get = |name: &str| q.get(name).filter(|v| !v.is_empty());
                (get("unite"), get("cours"), get("statut"), get("echeance"), get("tri"), get("page"))
            })
        };
        let dashboard = Resource::new(params, |(unite, cours, statut, echeance, tri, page)| {
            load_hr_dashboard(unite, cours, statut, echeance, tri, page)
        });
        view! {
            <Title text=tr("hr-title")/>
            <div class="page hr">
                <Breadcrumb trail=trail(None)/>
                <Loaded resource=dashboard heading=tr("hr-title") let:view>
                    <Dashboard view/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// A cell of the units table: completed out of total, then the other statuses.
fn counts_cell(counts: &Counts) -> impl IntoView {
    if counts.total() == 0 {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    view! {
        <strong>{tr_args("hr-cell-completed", &[("done", counts.completed.into()), ("total", counts.total().into()), ("percent", counts.percent(Status::Completed).into())])}</strong>
        <br/>
        <span class="hr-cell__detail">{tr_args("hr-cell-detail", &[("overdue", counts.overdue.into()), ("progress", counts.in_progress.into()), ("waiting", counts.not_started.into())])}</span>
    }
    .into_any()
}

#[component]
fn Dashboard(view: DashboardView) -> impl IntoView {
    let DashboardView { unit_id, unit_name, trail: units_trail, courses, courses_shown, rows, totals, agents, agent_total, pages, chart, query } =
        view;
    let due_before = query.due_before.clone().unwrap_or_default();
    let base_query = query.clone();
    let link = move |change: &dyn Fn(&mut DashboardQuery)| {
        let mut q = base_query.clone();
        change(&mut q);
        format!("/rh?{}", q.to_query_string())
    };
    let export_query = DashboardQuery { page: 1, ..query.clone() }.to_query_string();
    let selected_course = query.course.clone().unwrap_or_default();
    let selected_status = query.status.clone().unwrap_or_default();
    let selected_sort = query.sort.clone().unwrap_or_default();
    let page = query.page;
    let previous = (page > 1).then(|| link(&|q| q.page = page - 1));
    let next = (page < pages).then(|| link(&|q| q.page = page + 1));
    let unit_link = |id: i64| link(&move |q: &mut DashboardQuery| { q.unit = Some(id); q.page = 1; });
    view! {
        <h1>{tr_args("hr-heading", &[("unit", unit_name.clone().into())])}</h1>
        {(units_trail.len() > 1).then(|| view! {
            <nav aria-label=tr("hr-units-trail") class="hr-trail">
                <ol>{units_trail.iter().map(|(id, name)| {
                    let current = *id == unit_id;
                    view! { <li>{if current {
                        view! { <span aria-current="page">{name.clone()}</span> }.into_any()
                    } else {
                        view! { <a href=unit_link(*id)>{name.clone()}</a> }.into_any()
                    }}</li> }
                }).collect_view()}</ol>
            </nav>
        })}
        <p><a href="/rh/affectations">{tr("hr-assignments-link")}</a>" · "<a href="/annuaire">{tr("directory-title")}</a></p>

        <form method="get" action="/rh" class="inline-form hr-filters" aria-label=tr("hr-filters")>
            <input type="hidden" name="unite" value=unit_id.to_string()/>
            <div class="field">
                <label for="filtre-cours">{tr("hr-filter-course")}</label>
                <select id="filtre-cours" name="cours">
                    <option value="">{tr("hr-filter-all")}</option>
                    {courses.iter().map(|(slug, title)| view! { <option value=slug.clone() selected=*slug == selected_course>{title.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filtre-statut">{tr("hr-filter-status")}</label>
                <select id="filtre-statut" name="statut">
                    <option value="">{tr("hr-filter-all")}</option>
                    {Status::ALL.into_iter().map(|s| view! { <option value=s.id() selected=s.id() == selected_status>{status_label(s)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filtre-echeance">{tr("hr-filter-due")}</label>
                <input type="date" id="filtre-echeance" name="echeance" value=due_before/>
            </div>
            <div class="field">
                <label for="filtre-tri">{tr("hr-filter-sort")}</label>
                <select id="filtre-tri" name="tri">
                    {SortKey::ALL.into_iter().map(|s| view! { <option value=s.id() selected=s.id() == selected_sort>{tr(&format!("hr-sort-{}", s.id()))}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit">{tr("hr-filter-apply")}</button>
        </form>

        <h2 id="unites">{tr("hr-by-unit")}</h2>
        {if courses_shown.is_empty() {
            view! { <p>{tr("hr-nothing-assigned")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" role="region" aria-labelledby="unites" tabindex="0">
                    <table class="data-table">
                        <caption class="visually-hidden">{tr("hr-by-unit-caption")}</caption>
                        <thead><tr>
                            <th scope="col">{tr("hr-col-unit")}</th>
                            {courses_shown.iter().map(|(_, title)| view! { <th scope="col">{title.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <th scope="row">{if row.direct {
                                        view! { <span>{tr_args("hr-direct-agents", &[("unit", row.name.clone().into())])}</span> }.into_any()
                                    } else {
                                        view! { <a href=unit_link(row.unit_id)>{row.name.clone()}</a> }.into_any()
                                    }}</th>
                                    {row.counts.iter().map(|c| view! { <td>{counts_cell(c)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr>
                            <th scope="row">{tr("hr-total")}</th>
                            {totals.iter().map(|c| view! { <td>{counts_cell(c)}</td> }).collect_view()}
                        </tr></tfoot>
                    </table>
                </div>
            }.into_any()
        }}

        <h2 id="agents">{tr_args("hr-agents", &[("count", agent_total.into())])}</h2>
        <form method="get" action="/rh/export.csv" class="inline-form">
            {url_pairs(&export_query).into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <div class="field">
                <label for="export-separateur">{tr("hr-export-separator")}</label>
                <select id="export-separateur" name="separateur">
                    <option value="point-virgule">{tr("hr-export-semicolon")}</option>
                    <option value="virgule">{tr("hr-export-comma")}</option>
                </select>
            </div>
            <button type="submit" class="button--secondary">{tr("hr-export")}</button>
        </form>
        {if agents.is_empty() {
            view! { <p>{tr("hr-no-agent")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" role="region" aria-labelledby="agents" tabindex="0">
                    <table class="data-table">
                        <caption class="visually-hidden">{tr("hr-agents-caption")}</caption>
                        <thead><tr>
                            <th scope="col">{tr("hr-col-agent")}</th>
                            <th scope="col">{tr("hr-col-unit")}</th>
                            <th scope="col">{tr("hr-col-course")}</th>
                            <th scope="col">{tr("hr-col-status")}</th>
                            <th scope="col">{tr("hr-col-due")}</th>
                            <th scope="col">{tr("hr-col-completed")}</th>
                        </tr></thead>
                        <tbody>
                            {agents.into_iter().map(|a| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/rh/agents/{}", a.user_id)>{a.name}</a></th>
                                    <td>{a.unit}</td>
                                    <td>{a.course_title}</td>
                                    <td><span class=format!("status status--{}", a.status.id())>{status_label(a.status)}</span></td>
                                    <td>{a.due.unwrap_or_else(|| "—".into())}</td>
                                    <td>{a.completed.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <nav class="pagination" aria-label=tr("hr-pagination")>
                    {previous.map(|href| view! { <a href=href rel="prev">{tr("hr-previous")}</a> })}
                    <span>{tr_args("hr-page", &[("page", page.into()), ("pages", pages.into())])}</span>
                    {next.map(|href| view! { <a href=href rel="next">{tr("hr-next")}</a> })}
                </nav>
            }.into_any()
        }}

        <h2 id="graphique">{tr("hr-chart")}</h2>
        <div class="chart">
            <BarChart id="graphique-achevements" title=chart.title description=chart.description bars=chart.bars.clone()/>
        </div>
        <table class="data-table">
            <caption>{tr("hr-chart-caption")}</caption>
            <thead><tr><th scope="col">{tr("hr-col-month")}</th><th scope="col">{tr("hr-col-completions")}</th></tr></thead>
            <tbody>{chart.bars.into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.value}</td></tr> }).collect_view()}</tbody>
        </table>
    }
}

/// The name/value pairs of a query string built by `DashboardQuery::to_query_string`.
fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), percent_decode(v)))
        .collect()
}

#[component]
pub fn HrAgentPage() -> impl IntoView {
    hr_only("/rh", || {
        let params = use_params_map();
        let id = params.read_untracked().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
        let report = Resource::new(move || id, load_hr_agent);
        view! {
            <div class="page">
                <Loaded resource=report heading=tr("hr-agent") let:report>
                    <Title text=format!("{} · {}", report.name, tr("nav-hr"))/>
                    <Breadcrumb trail=trail(Some((report.name.clone(), format!("/rh/agents/{id}"))))/>
                    <h1>{report.name.clone()}</h1>
                    <p>{report.email.clone()}" · "{report.unit.clone()}</p>
                    <p class="muted">{tr("hr-agent-privacy")}</p>
                    {if report.courses.is_empty() {
                        view! { <p>{tr("hr-agent-nothing")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table">
                                <caption>{tr("hr-agent-courses")}</caption>
                                <thead><tr>
                                    <th scope="col">{tr("hr-col-course")}</th>
                                    <th scope="col">{tr("hr-col-status")}</th>
                                    <th scope="col">{tr("hr-col-due")}</th>
                                    <th scope="col">{tr("hr-col-started")}</th>
                                    <th scope="col">{tr("hr-col-completed")}</th>
                                    <th scope="col">{tr("hr-col-score")}</th>
                                </tr></thead>
                                <tbody>{report.courses.into_iter().map(|c| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/cours/{}", c.course_slug)>{c.title}</a></th>
                                        <td>{status_label(c.status)}</td>
                                        <td>{c.due.unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.started.unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.completed.unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.best_score.map(|s| format!("{s} %")).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }}
                </Loaded>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn HrAssignmentsPage() -> impl IntoView {
    hr_only("/rh/affectations", || {
        let feedback = take_feedback();
        let assignments = Resource::new(|| (), |_| load_assignments());
        let labels = vec![
            ("course", tr("hr-field-course")),
            ("target", tr("hr-field-target")),
            ("unit", tr("hr-field-unit")),
            ("agents", tr("hr-field-agents")),
            ("due_date", tr("hr-field-due")),
            ("note", tr("hr-field-note")),
        ];
        let value = {
            let feedback = feedback.clone();
            move |field: &str| feedback.as_ref().filter(|f| f.form == "affectation").map(|f| f.field_value(field)).unwrap_or_default()
        };
        let error = {
            let feedback = feedback.clone();
            move |field: &str| feedback.as_ref().filter(|f| f.form == "affectation").and_then(|f| f.field_error(field))
        };
        view! {
            <Title text=tr("hr-assignments")/>
            <div class="page">
                <Breadcrumb trail=trail(Some((tr("hr-assignments"), "/rh/affectations".to_owned())))/>
                <h1>{tr("hr-assignments")}</h1>
                <FormMessage feedback=feedback.clone() form="affectation" labels/>
                <Loaded resource=assignments let:view>
                    {
                        let chosen_course = value("course");
                        let chosen_unit = value("unit");
                        let to_agents = value("target") == "agents";
                        view! {
                            <h2 id="nouvelle">{tr("hr-assignments-new")}</h2>
                            <form method="post" action=CreateAssignment::url() class="stacked-form">
                                <FieldError id="champ-course" error=error("course")>
                                    <label for="champ-course">{tr("hr-field-course")}</label>
                                </FieldError>
                                <select id="champ-course" name="course" required=true aria-describedby=error("course").map(|_| "champ-course-erreur")>
                                    {view.courses.iter().map(|(slug, title)| view! { <option value=slug.clone() selected=*slug == chosen_course>{title.clone()}</option> }).collect_view()}
                                </select>
                                <fieldset class="question">
                                    <legend>{tr("hr-field-target")}</legend>
                                    <div class="choice">
                                        <input type="radio" id="champ-target" name="target" value="unite" checked=!to_agents/>
                                        <label for="champ-target">{tr("hr-target-unit")}</label>
                                    </div>
                                    <div class="field">
                                        <FieldError id="champ-unit" error=error("unit")>
                                            <label for="champ-unit">{tr("hr-field-unit")}</label>
                                        </FieldError>
                                        <select id="champ-unit" name="unit" aria-describedby=error("unit").map(|_| "champ-unit-erreur")>
                                            {view.units.iter().map(|(id, name, depth)| {
                                                let label = format!("{}{}", "\u{2003}".repeat(*depth), name);
                                                view! { <option value=id.to_string() selected=id.to_string() == chosen_unit>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="choice">
                                        <input type="checkbox" id="champ-subunits" name="subunits" value="oui" checked=true/>
                                        <label for="champ-subunits">{tr("hr-field-subunits")}</label>
                                    </div>
                                    <div class="choice">
                                        <input type="radio" id="champ-target-agents" name="target" value="agents" checked=to_agents/>
                                        <label for="champ-target-agents">{tr("hr-target-agents")}</label>
                                    </div>
                                    <div class="field">
                                        <FieldError id="champ-agents" error=error("agents")>
                                            <label for="champ-agents">{tr("hr-field-agents")}</label>
                                            <p class="field__hint" id="champ-agents-aide">{tr("hr-field-agents-hint")}</p>
                                        </FieldError>
                                        <textarea id="champ-agents" name="agents" rows="3" aria-describedby=if error("agents").is_some() { "champ-agents-aide champ-agents-erreur" } else { "champ-agents-aide" }>{value("agents")}</textarea>
                                    </div>
                                </fieldset>
                                <div class="field">
                                    <FieldError id="champ-due_date" error=error("due_date")>
                                        <label for="champ-due_date">{tr("hr-field-due")}</label>
                                        <p class="field__hint">{tr("hr-field-due-hint")}</p>
                                    </FieldError>
                                    <input type="date" id="champ-due_date" name="due_date" value=value("due_date") aria-describedby=error("due_date").map(|_| "champ-due_date-erreur")/>
                                </div>
                                <div class="field">
                                    <FieldError id="champ-note" error=error("note")>
                                        <label for="champ-note">{tr("hr-field-note")}</label>
                                    </FieldError>
                                    <textarea id="champ-note" name="note" rows="2" maxlength="500" aria-describedby=error("note").map(|_| "champ-note-erreur")>{value("note")}</textarea>
                                </div>
                                <button type="submit">{tr("hr-assign")}</button>
                            </form>

                            <h2 id="affectations">{tr("hr-assignments-list")}</h2>
                            {if view.assignments.is_empty() {
                                view! { <p>{tr("hr-assignments-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="assignment-list">
                                        {view.assignments.into_iter().map(|a| {
                                            let form_id = format!("affectation-{}", a.id);
                                            let due_id = format!("{form_id}-echeance");
                                            let note_id = format!("{form_id}-note");
                                            let scope = match a.subunits {
                                                Some(true) => tr("hr-scope-subunits"),
                                                Some(false) => tr("hr-scope-unit-only"),
                                                None => tr("hr-scope-agent"),
                                            };
                                            view! {
                                                <li id=form_id.clone() class="assignment">
                                                    <h3>{a.course_title.clone()}" → "{a.target.clone()}</h3>
                                                    <p class="muted">{scope}" · "{tr_args("hr-assigned-by", &[("who", a.assigned_by.clone().unwrap_or_default().into()), ("when", local_datetime(a.created_at).into())])}</p>
                                                    <form method="post" action=UpdateAssignment::url() class="inline-form">
                                                        <input type="hidden" name="id" value=a.id.to_string()/>
                                                        <div class="field">
                                                            <label for=due_id.clone()>{tr("hr-field-due")}</label>
                                                            <input type="date" id=due_id name="due_date" value=a.due_date.clone().unwrap_or_default()/>
                                                        </div>
                                                        <div class="field">
                                                            <label for=note_id.clone()>{tr("hr-field-note")}</label>
                                                            <input type="text" id=note_id name="note" value=a.note.clone() maxlength="500"/>
                                                        </div>
                                                        <button type="submit" class="button--secondary">{tr("hr-update")}</button>
                                                    </form>
                                                    <form method="post" action=WithdrawAssignment::url()>
                                                        <input type="hidden" name="id" value=a.id.to_string()/>
                                                        <button type="submit" class="button--secondary">
                                                            {tr("hr-withdraw")}<span class="visually-hidden">" : "{a.course_title.clone()}" → "{a.target.clone()}</span>
                                                        </button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// A field's label (the children) followed by its error message, if any.
#[component]
fn FieldError(id: &'static str, error: Option<String>, children: Children) -> impl IntoView {
    view! {
        {children()}
        {error.map(|e| view! { <p class="field__error" id=format!("{id}-erreur")>{e}</p> })}
    }
}
