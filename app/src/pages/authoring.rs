//! `/formation…`: authoring, the trainers' space — the trainer's courses, one course (description,
//! modules, files, problems, publishing), the module editor, the version history with diffs and
//! rollback, item analytics and problem reports. Forms and links only: no JavaScript needed
//! (the editor's live preview is an island on top).

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    accounts::{
        forms::{signed_in_user, take_feedback, FormFeedback},
        Role,
    },
    authoring::{
        api::{
            load_authoring_course, load_authoring_courses, load_course_stats, load_diff, load_module_editor, load_reports, AddCourseEditor,
            AuthoringCourse, AuthoringCourseSummary, ChangeModules, CreateCourse, DiscardCourseDraft, FileDiff, ModuleEditor, PublishCourse,
            ReportView, ResolveProblem, RollBackCourse, SaveCourseDetails, StatsView, report_kind_key, REPORT_KINDS,
        },
        FEEDBACK_FORM,
    },
    components::{
        breadcrumb::Breadcrumb,
        form::FormMessage,
        labels::local_datetime,
        loaded::Loaded,
        module_editor::{ModuleEditorIsland, EDITOR_TEXTS},
    },
    course::{diagnostics::Severity, diff::DiffLine},
    i18n::{tr, tr_args, use_locale, IslandTexts, Locale},
    pages::sign_in_required::{Forbidden, SignInRequired},
};

/// Shows `content` to trainers and admins; the sign-in page or a 403 to others.
fn trainers_only(back: &'static str, content: impl FnOnce() -> AnyView) -> AnyView {
    match signed_in_user() {
        None => view! { <SignInRequired back/> }.into_any(),
        Some(user) if !user.is_admin() && !user.has_role(Role::Trainer) => view! { <Forbidden/> }.into_any(),
        Some(_) => content(),
    }
}

fn trail(course: Option<(&str, &str)>, page: Option<(String, String)>) -> Vec<(String, String)> {
    let mut trail = vec![(tr("nav-home"), "/".to_owned()), (tr("nav-authoring"), "/formation".to_owned())];
    if let Some((slug, title)) = course {
        trail.push((title.to_owned(), format!("/formation/cours/{slug}")));
    }
    trail.extend(page);
    trail
}

fn param(name: &'static str) -> String {
    use_params_map().read_untracked().get(name).unwrap_or_default()
}

#[component]
pub fn AuthoringPage() -> impl IntoView {
    trainers_only("/formation", || {
        let feedback = take_feedback();
        let courses = Resource::new(|| (), |_| load_authoring_courses());
        view! {
            <Title text=tr("nav-authoring")/>
            <div class="page">
                <Breadcrumb trail=trail(None, None)/>
                <h1>{tr("nav-authoring")}</h1>
                <FormMessage feedback=feedback.clone() form=FEEDBACK_FORM/>
                <FormMessage feedback=feedback.clone() form="nouveau-cours" labels=vec![("slug", tr("authoring-slug")), ("title", tr("authoring-title"))]/>
                <Loaded resource=courses let:courses>
                    {if courses.1.is_empty() {
                        view! { <p>{tr("authoring-none")}</p> }.into_any()
                    } else {
                        view! { <MyCourses list=courses.1/> }.into_any()
                    }}
                </Loaded>
                <h2 id="nouveau">{tr("authoring-new")}</h2>
                <form method="post" action=CreateCourse::url() class="inline-form">
                    <div class="field">
                        <label for="champ-title">{tr("authoring-title")}</label>
                        <input type="text" id="champ-title" name="title" required=true maxlength="120"/>
                    </div>
                    <div class="field">
                        <label for="champ-slug">{tr("authoring-slug")}</label>
                        <p class="field__hint" id="champ-slug-aide">{tr("authoring-slug-hint")}</p>
                        <input type="text" id="champ-slug" name="slug" required=true pattern="[a-z0-9\\-]+" aria-describedby="champ-slug-aide"/>
                    </div>
                    <button type="submit">{tr("authoring-create")}</button>
                </form>
                <h2 id="importer">{tr("authoring-import")}</h2>
                <p>{tr("authoring-import-hint")}</p>
                <form method="post" action="/formation/importer" enctype="multipart/form-data" class="inline-form">
                    <div class="field">
                        <label for="champ-archive">{tr("authoring-archive")}</label>
                        <input type="file" id="champ-archive" name="archive" accept=".zip,application/zip" required=true/>
                    </div>
                    <button type="submit">{tr("authoring-import-submit")}</button>
                </form>
            </div>
        }
        .into_any()
    })
}

/// The trainer's courses, with their state and their open problem reports.
#[component]
fn MyCourses(list: Vec<AuthoringCourseSummary>) -> impl IntoView {
    view! {
        <h2>{tr("authoring-my-courses")}</h2>
        <table class="data-table">
            <caption class="visually-hidden">{tr("authoring-my-courses")}</caption>
            <thead><tr>
                <th scope="col">{tr("authoring-title")}</th>
                <th scope="col">{tr("authoring-state")}</th>
                <th scope="col">{tr("authoring-reports")}</th>
            </tr></thead>
            <tbody>{list.into_iter().map(|c| view! {
                <tr>
                    <th scope="row"><a href=format!("/formation/cours/{}", c.slug)>{c.title}</a></th>
                    <td>{match (c.published, c.has_draft) {
                        (true, true) => tr("authoring-state-online-draft"),
                        (true, false) => tr("authoring-state-online"),
                        (false, _) => tr("authoring-state-draft-only"),
                    }}</td>
                    <td>{c.open_reports}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
pub fn AuthoringCoursePage() -> impl IntoView {
    trainers_only("/formation", || {
        let slug = param("slug");
        let feedback = take_feedback();
        let course = Resource::new(move || slug.clone(), load_authoring_course);
        view! {
            <div class="page">
                <Loaded resource=course heading=tr("nav-authoring") let:w>
                    <AuthoringCourseView w feedback=feedback.clone()/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// One course in authoring: its state and links, then its problems, description, modules,
/// files and editors.
#[component]
fn AuthoringCourseView(w: AuthoringCourse, feedback: Option<FormFeedback>) -> impl IntoView {
    let slug = w.slug.clone();
    view! {
        <Title text=format!("{} · {}", w.title, tr("nav-authoring"))/>
        <Breadcrumb trail=trail(Some((&slug, &w.title)), None)/>
        <h1>{w.title.clone()}</h1>
        <FormMessage feedback=feedback form=FEEDBACK_FORM/>
        <p>{match &w.draft {
            Some((at, who)) => tr_args("authoring-draft-stamp", &[("when", local_datetime(*at).into()), ("who", who.clone().unwrap_or_default().into())]),
            None => tr("authoring-no-draft"),
        }}</p>
        <ul class="link-list">
            {w.published.then(|| view! { <li><a href=format!("/cours/{slug}")>{tr("authoring-see-online")}</a></li> })}
            <li><a href=format!("/formation/cours/{slug}/versions")>{tr("authoring-versions")}</a></li>
            <li><a href=format!("/formation/cours/{slug}/statistiques")>{tr("authoring-stats")}</a></li>
            <li><a href=format!("/formation/cours/{slug}/signalements")>{tr("authoring-reports")}</a></li>
            {w.published.then(|| view! { <li><a href=format!("/formation/cours/{slug}/export.zip")>{tr("authoring-export")}</a></li> })}
            <li><a href=format!("/formation/cours/{slug}/export.zip?brouillon=1")>{tr("authoring-export-draft")}</a></li>
        </ul>
        {problems(&w)}
        {details_form(&w)}
        {module_list(&w)}
        {course_files(&w)}
        {course_editors(&w)}
    }
}

/// The draft's problems, and the buttons that publish it (when it has no error) or discard it.
fn problems(w: &AuthoringCourse) -> impl IntoView {
    let slug = &w.slug;
    let errors = w.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let locale = use_locale();
    view! {
        <h2 id="problemes">{tr("authoring-problems")}</h2>
        {if w.diagnostics.is_empty() {
            view! { <p class="alert alert--success">{tr("authoring-no-problem")}</p> }.into_any()
        } else {
            view! {
                <ul class="diagnostics">{w.diagnostics.iter().map(|d| {
                    let kind = if d.severity == Severity::Error { tr("editor-error") } else { tr("editor-warning") };
                    view! { <li class:is-error=d.severity == Severity::Error><code>{format!("{}:{}:{}", d.path, d.line, d.column)}</code>" — "{tr_args("authoring-diagnostic", &[("kind", kind.into()), ("message", d.message(locale).into())])}</li> }
                }).collect_view()}</ul>
            }.into_any()
        }}
        <div class="button-row">
            <form method="post" action=PublishCourse::url()>
                <input type="hidden" name="slug" value=slug.clone()/>
                <button type="submit" disabled={errors > 0 || w.draft.is_none()}>{tr("authoring-publish")}</button>
            </form>
            {w.draft.is_some().then(|| view! {
                <form method="post" action=DiscardCourseDraft::url()>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <button type="submit" class="button--secondary">{tr("authoring-discard")}</button>
                </form>
            })}
        </div>
    }
}

/// The course's description (`course.toml`): title, summary, audience, level, themes, objectives.
fn details_form(w: &AuthoringCourse) -> impl IntoView {
    let slug = &w.slug;
    view! {
        <h2 id="description">{tr("authoring-details")}</h2>
        <form method="post" action=SaveCourseDetails::url() class="stacked-form">
            <input type="hidden" name="slug" value=slug.clone()/>
            <div class="field"><label for="champ-titre">{tr("authoring-title")}</label>
                <input type="text" id="champ-titre" name="title" value=w.title.clone() required=true/></div>
            <div class="field"><label for="champ-resume">{tr("authoring-summary")}</label>
                <textarea id="champ-resume" name="summary" rows="2">{w.summary.clone()}</textarea></div>
            <div class="field"><label for="champ-public">{tr("authoring-audience")}</label>
                <input type="text" id="champ-public" name="audience" value=w.audience.clone()/></div>
            <div class="field"><label for="champ-niveau">{tr("authoring-level")}</label>
                <select id="champ-niveau" name="level">
                    {["debutant", "intermediaire", "avance"].into_iter().map(|level| view! {
                        <option value=level selected=w.level == level>{tr(&format!("level-{level}"))}</option>
                    }).collect_view()}
                </select></div>
            <div class="field"><label for="champ-themes">{tr("authoring-themes")}</label>
                <p class="field__hint" id="champ-themes-aide">{tr("authoring-one-per-line")}</p>
                <textarea id="champ-themes" name="themes" rows="3" aria-describedby="champ-themes-aide">{w.themes.clone()}</textarea></div>
            <div class="field"><label for="champ-objectifs">{tr("authoring-objectives")}</label>
                <p class="field__hint" id="champ-objectifs-aide">{tr("authoring-one-per-line")}</p>
                <textarea id="champ-objectifs" name="objectives" rows="4" aria-describedby="champ-objectifs-aide">{w.objectives.clone()}</textarea></div>
            <button type="submit">{tr("authoring-save-details")}</button>
        </form>
    }
}

/// The module files in course order, each with its move and remove buttons, and the form that
/// adds a module.
fn module_list(w: &AuthoringCourse) -> impl IntoView {
    let slug = &w.slug;
    let module_count = w.modules.len();
    view! {
        <h2 id="modules">{tr("authoring-modules")}</h2>
        <ol class="module-list">{w.modules.iter().enumerate().map(|(i, file)| {
            let move_form = |action: &'static str, label: String| view! {
                <form method="post" action=ChangeModules::url()>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="action" value=action/>
                    <input type="hidden" name="file" value=file.clone()/>
                    <button type="submit" class="button--small button--secondary">{label}<span class="visually-hidden">" : "{file.clone()}</span></button>
                </form>
            };
            view! {
                <li class="module-list__item">
                    <a href=format!("/formation/cours/{slug}/modules/{file}")>{file.clone()}</a>
                    {(i > 0).then(|| move_form("monter", tr("authoring-up")))}
                    {(i + 1 < module_count).then(|| move_form("descendre", tr("authoring-down")))}
                    {move_form("retirer", tr("authoring-remove"))}
                </li>
            }
        }).collect_view()}</ol>
        <form method="post" action=ChangeModules::url() class="inline-form">
            <input type="hidden" name="slug" value=slug.clone()/>
            <input type="hidden" name="action" value="ajouter"/>
            <div class="field"><label for="champ-module">{tr("authoring-module-title")}</label>
                <input type="text" id="champ-module" name="title" required=true/></div>
            <button type="submit">{tr("authoring-add-module")}</button>
        </form>
    }
}

/// The course's other files (images, documents) and the upload form.
fn course_files(w: &AuthoringCourse) -> impl IntoView {
    let slug = &w.slug;
    view! {
        <h2 id="fichiers">{tr("authoring-files")}</h2>
        {(!w.files.is_empty()).then(|| view! {
            <ul>{w.files.iter().map(|(path, size)| view! { <li><code>{path.clone()}</code>" ("{size / 1024 + 1}" Ko)"</li> }).collect_view()}</ul>
        })}
        <form method="post" action=format!("/formation/cours/{slug}/fichiers") enctype="multipart/form-data" class="inline-form">
            <div class="field"><label for="champ-fichier">{tr("authoring-file")}</label>
                <p class="field__hint" id="champ-fichier-aide">{tr("authoring-file-hint")}</p>
                <input type="file" id="champ-fichier" name="fichier" required=true aria-describedby="champ-fichier-aide"
                    accept=".png,.jpg,.jpeg,.gif,.webp,.svg,.pdf,.md,.txt"/></div>
            <button type="submit">{tr("authoring-upload")}</button>
        </form>
    }
}

/// The trainers who may edit the course; an administrator may add one.
fn course_editors(w: &AuthoringCourse) -> impl IntoView {
    let slug = &w.slug;
    view! {
        <h2 id="formateurs">{tr("authoring-editors")}</h2>
        <ul>{w.editors.iter().map(|(name, email)| view! { <li>{name.clone()}" ("{email.clone()}")"</li> }).collect_view()}</ul>
        {w.is_admin.then(|| view! {
            <form method="post" action=AddCourseEditor::url() class="inline-form">
                <input type="hidden" name="slug" value=slug.clone()/>
                <div class="field"><label for="champ-editeur">{tr("authoring-editor-email")}</label>
                    <input type="email" id="champ-editeur" name="email" required=true/></div>
                <button type="submit">{tr("authoring-add-editor")}</button>
            </form>
        })}
    }
}

#[component]
pub fn ModuleEditorPage() -> impl IntoView {
    trainers_only("/formation", || {
        let (slug, file) = (param("slug"), param("file"));
        let feedback = take_feedback();
        let locale = use_context::<Locale>().unwrap_or_default();
        let editor = Resource::new(move || (slug.clone(), file.clone()), |(slug, file)| load_module_editor(slug, file));
        view! {
            <div class="page page--wide">
                <Loaded resource=editor heading=tr("editor-title") let:e>
                    <ModuleEditorView e feedback=feedback.clone() locale/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// The module editor: the file's text with its live preview (an island), and the cheat sheet.
#[component]
fn ModuleEditorView(e: ModuleEditor, feedback: Option<FormFeedback>, locale: Locale) -> impl IntoView {
    view! {
        <Title text=format!("{} · {}", e.file, e.course_title)/>
        <Breadcrumb trail=trail(Some((&e.slug, &e.course_title)), Some((e.file.clone(), format!("/formation/cours/{}/modules/{}", e.slug, e.file))))/>
        <h1>{tr_args("editor-heading", &[("file", e.file.clone().into())])}</h1>
        <FormMessage feedback=feedback form=FEEDBACK_FORM/>
        <details class="cheat-sheet">
            <summary>{tr("editor-cheat-sheet")}</summary>
            <pre>{CHEAT_SHEET}</pre>
        </details>
        <ModuleEditorIsland slug=e.slug.clone() file=e.file.clone() text=e.text preview=e.preview texts=IslandTexts::new(locale, EDITOR_TEXTS)/>
        <p><a href=format!("/formation/cours/{}", e.slug)>{tr("editor-back")}</a></p>
    }
}

/// The syntax trainers need most, as in `courses/README.md`.
const CHEAT_SHEET: &str = r#"+++
title = "Titre du module"
duration = 10                      # minutes
objectives = ["Ce que l'agent saura faire"]
+++

## Un titre de section
Du texte, une **mise en valeur**, un [lien](02-autre-module.md), une image : ![description](images/schema.png)

> [!TIP]
> Un encadré (TIP, NOTE, WARNING).

```quiz
? Une question à une seule bonne réponse ?
- ( ) Mauvaise réponse
  > Pourquoi elle est fausse.
- (x) Bonne réponse
  > Pourquoi elle est juste.
! Explication affichée après la réponse.

? Plusieurs bonnes réponses ?
- [x] Bonne
- [ ] Mauvaise

? Réponse courte ?
= réponse | autre réponse acceptée
```

```exercise
kind = "prompt"          # ou "anonymize", "hallucination"
title = "Titre de l'exercice"
instructions = "Ce que l'agent doit faire."
criteria = ["role", "context", "task", "format", "audience"]
```"#;

#[component]
pub fn VersionsPage() -> impl IntoView {
    trainers_only("/formation", || {
        let slug = param("slug");
        let query = use_query_map();
        let feedback = take_feedback();
        let from_to = move || query.with(|q| (q.get("de").and_then(|v| v.parse::<i64>().ok()), q.get("a").and_then(|v| v.parse::<i64>().ok())));
        let data = Resource::new({ let slug = slug.clone(); move || (slug.clone(), from_to()) }, |(slug, (from, to))| async move {
            let course = load_authoring_course(slug.clone()).await?;
            let diff = match from {
                Some(from) => Some(load_diff(slug, from, to).await?),
                None => None,
            };
            Ok::<_, ServerFnError>((course, diff))
        });
        view! {
            <div class="page">
                <Loaded resource=data let:data>
                    <Versions w=data.0 diff=data.1 from_to=from_to() feedback=feedback.clone()/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// The published versions of a course, rollback buttons, and the comparison of two versions.
#[component]
fn Versions(w: AuthoringCourse, diff: Option<Vec<FileDiff>>, from_to: (Option<i64>, Option<i64>), feedback: Option<FormFeedback>) -> impl IntoView {
    let (from, to) = from_to;
    let slug = w.slug.clone();
    view! {
        <Title text=format!("{} · {}", tr("authoring-versions"), w.title)/>
        <Breadcrumb trail=trail(Some((&slug, &w.title)), Some((tr("authoring-versions"), format!("/formation/cours/{slug}/versions"))))/>
        <h1>{tr("authoring-versions")}</h1>
        <FormMessage feedback=feedback form=FEEDBACK_FORM/>
        {if w.versions.is_empty() {
            view! { <p>{tr("versions-none")}</p> }.into_any()
        } else {
            view! {
                <table class="data-table">
                    <caption class="visually-hidden">{tr("authoring-versions")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("versions-version")}</th>
                        <th scope="col">{tr("versions-when")}</th>
                        <th scope="col">{tr("versions-who")}</th>
                        <th scope="col">{tr("versions-state")}</th>
                    </tr></thead>
                    <tbody>{w.versions.iter().map(|v| view! {
                        <tr>
                            <th scope="row">{v.id}</th>
                            <td>{local_datetime(v.published_at)}</td>
                            <td>{v.publisher.clone().unwrap_or_else(|| tr("versions-import"))}</td>
                            <td>{if v.current {
                                view! { <strong>{tr("versions-current")}</strong> }.into_any()
                            } else {
                                view! {
                                    <form method="post" action=RollBackCourse::url()>
                                        <input type="hidden" name="slug" value=slug.clone()/>
                                        <input type="hidden" name="version" value=v.id.to_string()/>
                                        <button type="submit" class="button--small button--secondary">{tr_args("versions-roll-back", &[("version", v.id.into())])}</button>
                                    </form>
                                }.into_any()
                            }}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
                <h2 id="comparer">{tr("versions-compare")}</h2>
                <form method="get" class="inline-form">
                    <div class="field"><label for="champ-de">{tr("versions-from")}</label>
                        <select id="champ-de" name="de">{w.versions.iter().map(|v| view! { <option value=v.id.to_string() selected=from == Some(v.id)>{v.id}</option> }).collect_view()}</select></div>
                    <div class="field"><label for="champ-a">{tr("versions-to")}</label>
                        <select id="champ-a" name="a">
                            <option value="" selected=to.is_none()>{tr("versions-draft")}</option>
                            {w.versions.iter().map(|v| view! { <option value=v.id.to_string() selected=to == Some(v.id)>{v.id}</option> }).collect_view()}
                        </select></div>
                    <button type="submit">{tr("versions-compare-submit")}</button>
                </form>
            }.into_any()
        }}
        {diff.map(|files| if files.is_empty() {
            view! { <p>{tr("versions-identical")}</p> }.into_any()
        } else {
            view! {
                <div class="diff">{files.into_iter().map(|f| view! {
                    <h3><code>{f.path}</code></h3>
                    {f.hunks.into_iter().map(|hunk| view! {
                        <p class="diff__where">{tr_args("versions-lines", &[("old", hunk.old_start.into()), ("new", hunk.new_start.into())])}</p>
                        <pre class="diff__hunk">{hunk.lines.into_iter().map(|line| match line {
                            DiffLine::Added(text) => view! { <ins>{format!("+ {text}\n")}</ins> }.into_any(),
                            DiffLine::Removed(text) => view! { <del>{format!("- {text}\n")}</del> }.into_any(),
                            DiffLine::Same(text) => view! { <span>{format!("  {text}\n")}</span> }.into_any(),
                        }).collect_view()}</pre>
                    }).collect_view()}
                }).collect_view()}</div>
            }.into_any()
        })}
    }
}

#[component]
pub fn StatsPage() -> impl IntoView {
    trainers_only("/formation", || {
        let slug = param("slug");
        let stats = Resource::new({ let slug = slug.clone(); move || slug.clone() }, load_course_stats);
        view! {
            <div class="page">
                <Loaded resource=stats heading=tr("authoring-stats") let:s>
                    <CourseStats s slug=slug.clone()/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// Item analytics of a course: per quiz question and per exercise criterion, aggregates only.
#[component]
fn CourseStats(s: StatsView, slug: String) -> impl IntoView {
    view! {
        <Title text=format!("{} · {}", tr("authoring-stats"), s.title)/>
        <Breadcrumb trail=trail(Some((&slug, &s.title)), Some((tr("authoring-stats"), format!("/formation/cours/{slug}/statistiques"))))/>
        <h1>{tr("authoring-stats")}</h1>
        <p>{tr_args("stats-privacy", &[("count", s.min_learners.into())])}</p>
        <h2>{tr("stats-quizzes")}</h2>
        {if s.quizzes.is_empty() { Some(view! { <p>{tr("stats-none")}</p> }) } else { None }}
        {s.quizzes.into_iter().map(|(module, number, q)| view! {
            <section class="stats">
                <h3>{tr_args("stats-quiz", &[("module", module.into()), ("number", number.into())])}</h3>
                <p>{tr_args("stats-quiz-summary", &[("attempts", q.attempts.into()), ("learners", q.learners.into()), ("median", q.median_seconds.map(|s| format!("{} min {:02} s", s / 60, s % 60)).unwrap_or_else(|| "—".into()).into())])}</p>
                {match q.questions {
                    None => view! { <p class="muted">{tr("stats-withheld")}</p> }.into_any(),
                    Some(questions) => view! {
                        <table class="data-table">
                            <caption class="visually-hidden">{tr("stats-questions")}</caption>
                            <thead><tr><th scope="col">{tr("stats-question")}</th><th scope="col">{tr("stats-first-time")}</th><th scope="col">{tr("stats-options")}</th></tr></thead>
                            <tbody>{questions.into_iter().map(|(prompt, rate, options)| view! {
                                <tr>
                                    <th scope="row">{prompt}</th>
                                    <td>{format!("{rate} %")}</td>
                                    <td><ul>{options.into_iter().map(|(text, correct, chosen)| view! {
                                        <li>{text}{correct.then(|| format!(" ({})", tr("stats-right-answer")))}" : "{chosen}</li>
                                    }).collect_view()}</ul></td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                }}
            </section>
        }).collect_view()}
        <h2>{tr("stats-exercises")}</h2>
        {if s.exercises.is_empty() { Some(view! { <p>{tr("stats-none")}</p> }) } else { None }}
        {s.exercises.into_iter().map(|(module, title, e)| view! {
            <section class="stats">
                <h3>{format!("{module} — {title}")}</h3>
                <p>{tr_args("stats-exercise-summary", &[("attempts", e.attempts.into()), ("learners", e.learners.into()), ("passed", e.passed_attempts.into())])}</p>
                {match e.criteria {
                    None => view! { <p class="muted">{tr("stats-withheld")}</p> }.into_any(),
                    Some(criteria) => view! {
                        <table class="data-table">
                            <caption class="visually-hidden">{tr("stats-criteria")}</caption>
                            <thead><tr><th scope="col">{tr("stats-criterion")}</th><th scope="col">{tr("stats-failures")}</th></tr></thead>
                            <tbody>{criteria.into_iter().map(|(criterion, attempts, failures)| view! {
                                <tr><th scope="row">{criterion}</th><td>{format!("{failures} / {attempts}")}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                }}
            </section>
        }).collect_view()}
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    trainers_only("/formation", || {
        let slug = param("slug");
        let feedback = take_feedback();
        let reports = Resource::new({ let slug = slug.clone(); move || slug.clone() }, load_reports);
        view! {
            <Title text=tr("authoring-reports")/>
            <div class="page">
                <Breadcrumb trail=trail(None, Some((tr("authoring-reports"), format!("/formation/cours/{slug}/signalements"))))/>
                <h1>{tr("authoring-reports")}</h1>
                <FormMessage feedback=feedback form=FEEDBACK_FORM/>
                <Loaded resource=reports let:list>
                    {if list.is_empty() {
                        view! { <p>{tr("reports-none")}</p> }.into_any()
                    } else {
                        view! { <ReportList list slug=slug.clone()/> }.into_any()
                    }}
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// The problem reports of a course, each with its resolve button until resolved.
#[component]
fn ReportList(list: Vec<ReportView>, slug: String) -> impl IntoView {
    view! {
        <ul class="report-list">{list.into_iter().map(|r| {
            let kind = if REPORT_KINDS.contains(&r.kind.as_str()) { tr(&report_kind_key(&r.kind)) } else { "—".to_owned() };
            view! {
                <li class="report">
                    <p><strong>{kind}</strong>" · "<a href=format!("/cours/{slug}/{}", r.module)>{r.module.clone()}</a>" · "{local_datetime(r.created_at)}</p>
                    <p>{r.message}</p>
                    {match r.resolved_at {
                        Some(at) => view! { <p class="muted">{tr_args("reports-resolved", &[("when", local_datetime(at).into())])}</p> }.into_any(),
                        None => view! {
                            <form method="post" action=ResolveProblem::url()>
                                <input type="hidden" name="slug" value=slug.clone()/>
                                <input type="hidden" name="id" value=r.id.to_string()/>
                                <button type="submit" class="button--small">{tr("reports-resolve")}</button>
                            </form>
                        }.into_any(),
                    }}
                </li>
            }
        }).collect_view()}</ul>
    }
}
