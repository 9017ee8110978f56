//! `/cours/{course}/{module}`: reading a module, with its table of contents, its activities and
//! the way to the previous and next modules. The HTML was rendered and sanitised at publication.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::{take_feedback, FormFeedback},
    authoring::api::{report_kind_key, ReportProblem, REPORT_KINDS},
    components::{
        activity::ExerciseBlock, breadcrumb::Breadcrumb, form::FormMessage, labels::duration_label, loaded::Loaded, quiz::QuizBlock,
        template::{rendering_template, Slot},
    },
    course::{
        api::load_module,
        model::{LearnerModule, LearnerModulePage, Segment, TocEntry},
        exercise::LearnerExercise,
        quiz::{LearnerQuiz, QuizSettings},
    },
    i18n::{tr, tr_args},
    progress::ModuleState,
    quiz::{api::{load_learner_module, LearnerModuleView, MarkModuleRead}, AttemptView},
    pages::not_found::NotFound,
    sandbox::api::ExerciseOutcome,
};

#[component]
pub fn ModulePageView() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| (p.get("course").unwrap_or_default(), p.get("module").unwrap_or_default()))
    };
    // The learner's state is optional: a visitor, or a failure to load it, still gets the module.
    // A template (see `components::template`) is rendered as for a learner with no record:
    // their parts are slots.
    let template = rendering_template();
    let data = Resource::new(key, move |(course, module)| async move {
        let page = load_module(course.clone(), module.clone()).await?;
        let learner = if template {
            Some(LearnerModuleView { state: ModuleState::default(), quizzes: Vec::new(), exercises: Vec::new() })
        } else {
            load_learner_module(course, module).await.ok().flatten()
        };
        Ok::<_, ServerFnError>(page.map(|page| (page, learner)))
    });
    view! {
        <Loaded resource=data let:data>
            {match data {
                Some((page, learner)) => view! { <ModuleView page learner/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            }}
        </Loaded>
    }
}

/// `5 questions · réussite à partir de 80 % · 3 essais`, above a quiz.
fn quiz_summary(quiz: &LearnerQuiz, settings: &QuizSettings) -> String {
    let mut parts = vec![tr_args("quiz-question-count", &[("count", quiz.questions.len().into())])];
    parts.push(tr_args("quiz-pass-mark", &[("percent", u32::from(settings.pass_mark).into())]));
    if let Some(max) = settings.max_attempts {
        parts.push(tr_args("quiz-max-attempts", &[("count", max.into())]));
    }
    parts.join(" · ")
}

/// A module page: the article (header, table of contents, text with its activities, the read
/// button and the problem report form) and the links to the neighbouring modules.
#[component]
fn ModuleView(page: LearnerModulePage, learner: Option<LearnerModuleView>) -> impl IntoView {
    let signed_in = learner.is_some();
    let state = learner.as_ref().map(|l| l.state.clone()).unwrap_or_default();
    let (attempts, exercise_outcomes) = learner.map(|l| (l.quizzes, l.exercises)).unwrap_or_default();
    let course_slug = page.outline.info.slug.clone();
    let module_slug = page.module.slug.clone();
    let course = &page.outline.info;
    let course_href = format!("/cours/{}", course.slug);
    let module_href = format!("{course_href}/{}", page.module.slug);
    let previous = page.previous().map(|m| (format!("{course_href}/{}", m.slug), m.title.clone()));
    let next = page.next().map(|m| (format!("{course_href}/{}", m.slug), m.title.clone()));
    let position = tr_args(
        "module-position",
        &[("position", (page.position + 1).into()), ("total", page.outline.modules.len().into())],
    );
    let module = page.module.clone();
    let description = if module.description.is_empty() { course.summary.clone() } else { module.description.clone() };
    let feedback = take_feedback();
    view! {
        <Title text=format!("{} · {}", module.title, course.title)/>
        <Meta name="description" content=description/>
        <div class="page module">
            <Breadcrumb trail=vec![
                (tr("nav-home"), "/".into()),
                (tr("nav-courses"), "/cours".into()),
                (course.title.clone(), course_href.clone()),
                (module.title.clone(), module_href),
            ]/>
            <article class="module__article" aria-labelledby="module-titre">
                <ModuleHeader
                    position
                    title=module.title.clone()
                    duration_minutes=module.duration_minutes
                    objectives=module.objectives.clone()
                    state=state.clone()
                />
                <TableOfContents toc=module.toc.clone()/>
                <ModuleBody
                    module
                    course=course_slug.clone()
                    signed_in
                    attempts
                    outcomes=exercise_outcomes
                    feedback=feedback.clone()
                />
                {signed_in.then(|| if rendering_template() {
                    view! { <Slot/> }.into_any()
                } else {
                    view! { <ReadForm course=course_slug.clone() module=module_slug.clone() read=state.read/> }.into_any()
                })}
                {(!signed_in).then(|| view! { <p class="module__sign-in">{tr("module-sign-in-to-track")}</p> })}
                {signed_in.then(|| view! { <ReportForm course=course_slug.clone() module=module_slug.clone() feedback=feedback.clone()/> })}
            </article>
            <ModuleNav previous next course_href=course_href.clone()/>
        </div>
    }
}

/// The module's place in the course, its title, reading time and objectives, and whether the
/// learner completed it (on this version of the course or an earlier one).
#[component]
fn ModuleHeader(position: String, title: String, duration_minutes: u32, objectives: Vec<String>, state: ModuleState) -> impl IntoView {
    view! {
        <header class="module__header">
            <p class="module__kicker">{position}</p>
            <h1 id="module-titre">{title}</h1>
            <p class="module__meta">{tr("module-reading-time")}" "{duration_label(duration_minutes)}</p>
            {(!objectives.is_empty()).then(|| view! {
                <div class="module__objectives">
                    <p class="module__objectives-title">{tr("module-objectives")}</p>
                    <ul>{objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {if rendering_template() { view! { <Slot/> }.into_any() } else { view! { <ProgressNote state/> }.into_any() }}
        </header>
    }
}

/// Whether the learner completed the module, on this version of the course or an earlier one.
#[component]
fn ProgressNote(state: ModuleState) -> impl IntoView {
    let note = if state.completed_on_older_version {
        Some(("alert alert--warning", tr("module-changed-since-completion")))
    } else if state.completed {
        Some(("alert alert--success", tr("module-completed")))
    } else {
        None
    };
    note.map(|(class, text)| view! { <p class=class role="status">{text}</p> })
}

/// The links to the module's sections, when it has more than one heading.
#[component]
fn TableOfContents(toc: Vec<TocEntry>) -> impl IntoView {
    (toc.len() > 1).then(|| view! {
        <nav class="toc" aria-labelledby="sommaire">
            <h2 id="sommaire" class="toc__title">{tr("module-toc")}</h2>
            <ol>
                {toc.iter().filter(|e| e.level == 2).map(|entry| view! {
                    <li><a href=format!("#{}", entry.id)>{entry.text.clone()}</a></li>
                }).collect_view()}
            </ol>
        </nav>
    })
}

/// The module's text with its quizzes (islands) and exercises in their places, each with the
/// learner's latest attempt or outcome; in a template, each activity is a slot.
#[component]
fn ModuleBody(
    module: LearnerModule,
    course: String,
    signed_in: bool,
    attempts: Vec<Option<AttemptView>>,
    outcomes: Vec<Option<ExerciseOutcome>>,
    feedback: Option<FormFeedback>,
) -> impl IntoView {
    let template = rendering_template();
    let learner = Learner { signed_in, attempts: &attempts, outcomes: &outcomes, feedback: feedback.as_ref(), shown_at: now() };
    module
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Html(html) => view! { <div class="prose" inner_html=html.clone()></div> }.into_any(),
            _ if template => view! { <Slot/> }.into_any(),
            activity => ActivityView::of(activity, |i| module.quizzes.get(i).cloned(), |i| module.exercises.get(i).cloned())
                .map(|activity| learner.activity(activity, &module.slug, &module.quiz_settings, &course))
                .unwrap_or_else(|| ().into_any()),
        })
        .collect_view()
}

/// When the server rendered the page (Unix seconds), sent back with a quiz's answers.
fn now() -> i64 {
    #[cfg(feature = "ssr")]
    return crate::db::now();
    #[cfg(not(feature = "ssr"))]
    0
}

/// What the activities of a module show of the learner.
struct Learner<'a> {
    signed_in: bool,
    attempts: &'a [Option<AttemptView>],
    outcomes: &'a [Option<ExerciseOutcome>],
    feedback: Option<&'a FormFeedback>,
    shown_at: i64,
}

/// One activity of a module as any learner sees it, with its index among the module's quizzes
/// or exercises.
enum ActivityView {
    Quiz(usize, LearnerQuiz),
    Exercise(usize, LearnerExercise),
}

impl ActivityView {
    /// The activity of `segment` (`None` for text, or an activity the module does not have),
    /// looked up with `quiz` and `exercise`: only this one's learner view is made.
    fn of(segment: &Segment, quiz: impl FnOnce(usize) -> Option<LearnerQuiz>, exercise: impl FnOnce(usize) -> Option<LearnerExercise>) -> Option<ActivityView> {
        match *segment {
            Segment::Html(_) => None,
            Segment::Quiz(i) => quiz(i).map(|quiz| ActivityView::Quiz(i, quiz)),
            Segment::Exercise(i) => exercise(i).map(|exercise| ActivityView::Exercise(i, exercise)),
        }
    }
}

impl Learner<'_> {
    /// `activity` of module `module` (with quiz settings `settings`) of course `course` as this
    /// learner sees it.
    fn activity(&self, activity: ActivityView, module: &str, settings: &QuizSettings, course: &str) -> AnyView {
        match activity {
            ActivityView::Quiz(i, quiz) => view! {
                <QuizBlock
                    summary=quiz_summary(&quiz, settings)
                    quiz
                    index=i
                    course=course.to_owned()
                    module=module.to_owned()
                    previous=self.attempts.get(i).cloned().flatten()
                    signed_in=self.signed_in
                    shown_at=self.shown_at
                />
            }.into_any(),
            ActivityView::Exercise(i, exercise) => view! {
                <ExerciseBlock
                    exercise
                    index=i
                    course=course.to_owned()
                    module=module.to_owned()
                    signed_in=self.signed_in
                    outcome=self.outcomes.get(i).cloned().flatten()
                    refusal=self.feedback.filter(|f| f.form == format!("exercice-{i}")).and_then(|f| f.message.clone())
                />
            }.into_any(),
        }
    }
}

/// Whether the module page shows the feedback of form `form` (a problem report, an exercise's
/// refusal): a page with such feedback is rendered whole, not filled in from its template.
pub fn shows_feedback_of(form: &str) -> bool {
    form == REPORT_FORM || form.strip_prefix("exercice-").is_some_and(|i| i.parse::<usize>().is_ok())
}

/// The form name of the problem report.
const REPORT_FORM: &str = "signalement";

/// The learner's parts of module `module` of course `course` for the signed-in user of
/// `request`, in the order of the template's slots (header links, account, progress note,
/// activities, read button); `None` if there is no such module or no user. Records the visit,
/// as the whole page does. An activity the learner has no record of is taken from `blanks`
/// when it has it (made by [`blank_activities`] for the same content version and language).
#[cfg(feature = "ssr")]
pub async fn learner_parts(
    state: &crate::state::AppState,
    request: axum::http::request::Parts,
    course: &str,
    module: &str,
    blanks: Option<&BlankActivities>,
) -> Result<Option<Vec<String>>, crate::error::AppError> {
    use crate::{components::{layout::{AccountNav, LearnerLinks}, template::{render_owner, render_part}}, quiz::api::{learner_module_view, learner_records}};
    let Some(user) = request.extensions.get::<crate::accounts::CurrentUser>().cloned() else { return Ok(None) };
    let Some(page) = state.content.module_page(&state.db, course, module).await? else { return Ok(None) };
    let records = learner_records(&state.db, user.id, &page).await?;
    let path = request.uri.path().to_owned();
    let locale = crate::locale_of(&request.headers);
    let owner = render_owner();
    let parts = owner.with(|| {
        provide_context(request);
        provide_context(locale);
        let view = learner_module_view(&page, records);
        // The activities' learner views only: the module's text is in the template.
        let module = &page.module;
        let shown_at = now();
        let learner = Learner { signed_in: true, attempts: &view.quizzes, outcomes: &view.exercises, feedback: None, shown_at };
        let mut parts = vec![
            render_part(view! { <LearnerLinks user=Some(user.clone()) path=path.clone()/> }),
            render_part(view! { <AccountNav user=Some(user) path/> }),
            render_part(view! { <ProgressNote state=view.state.clone()/> }),
        ];
        parts.extend(module.segments.iter().filter(|segment| !matches!(segment, Segment::Html(_))).enumerate().map(|(slot, segment)| {
            let no_record = match *segment {
                Segment::Quiz(i) => view.quizzes.get(i).is_none_or(Option::is_none),
                Segment::Exercise(i) => view.exercises.get(i).is_none_or(Option::is_none),
                Segment::Html(_) => false,
            };
            if let Some(blank) = blanks.filter(|_| no_record).and_then(|blanks| blanks.0.get(slot)).and_then(Option::as_ref) {
                return blank.filled(shown_at);
            }
            ActivityView::of(segment, |i| module.quizzes.get(i).map(|quiz| quiz.learner_view()), |i| module.exercises.get(i).map(|exercise| exercise.learner_view()))
                .map(|activity| render_part(learner.activity(activity, &module.slug, &module.quiz_settings, course)))
                .unwrap_or_default()
        }));
        parts.push(render_part(view! { <ReadForm course=course.to_owned() module=module.slug.clone() read=view.state.read/> }));
        parts
    });
    Ok(Some(parts))
}

/// The activities of a module as every signed-in learner with no record of them sees them, in
/// the order of the template's slots: rendered once per content version and language rather
/// than at each view (`server::learner_pages` keeps them with the template). They hold no one's
/// data: no attempt, no outcome, no feedback; only the time the quiz was shown differs from one
/// view to the next, and it is put in at each view ([`BlankActivity::filled`]).
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct BlankActivities(Vec<Option<BlankActivity>>);

/// One activity of [`BlankActivities`]: its HTML, cut where the time the quiz was shown goes.
#[cfg(feature = "ssr")]
#[derive(Debug)]
struct BlankActivity {
    before: String,
    /// After the time (a quiz); `None` for an exercise, which shows no time.
    after: Option<String>,
}

#[cfg(feature = "ssr")]
impl BlankActivity {
    /// The activity as shown at `shown_at` (Unix seconds).
    fn filled(&self, shown_at: i64) -> String {
        match &self.after {
            None => self.before.clone(),
            Some(after) => format!("{}{shown_at}{after}", self.before),
        }
    }

    /// `html`, rendered with [`BLANK_SHOWN_AT`] as the time if `quiz`, cut at that time; `None`
    /// if the time is not there exactly once (the quiz's own text has the same number: it is
    /// rendered at each view instead).
    fn cut(html: String, quiz: bool) -> Option<BlankActivity> {
        let time = BLANK_SHOWN_AT.to_string();
        match (quiz, html.matches(&time).count()) {
            (false, 0) => Some(BlankActivity { before: html, after: None }),
            (true, 1) => html.split_once(&time).map(|(before, after)| BlankActivity { before: before.to_owned(), after: Some(after.to_owned()) }),
            _ => None,
        }
    }
}

/// The time a blank quiz is rendered with, to be replaced at each view.
#[cfg(feature = "ssr")]
const BLANK_SHOWN_AT: i64 = i64::MIN;

/// The [`BlankActivities`] of module `module` of course `course` in `locale`, for the page at
/// `uri`; `None` if there is no such module.
#[cfg(feature = "ssr")]
pub async fn blank_activities(
    state: &crate::state::AppState,
    uri: axum::http::Uri,
    locale: crate::i18n::Locale,
    course: &str,
    module: &str,
) -> Result<Option<BlankActivities>, crate::error::AppError> {
    use crate::components::template::{render_owner, render_part};
    let Some(page) = state.content.module_page(&state.db, course, module).await? else { return Ok(None) };
    let mut request = axum::http::Request::new(());
    *request.uri_mut() = uri;
    let (request, ()) = request.into_parts();
    let owner = render_owner();
    let blanks = owner.with(|| {
        provide_context(request);
        provide_context(locale);
        let module = &page.module;
        let learner = Learner { signed_in: true, attempts: &[], outcomes: &[], feedback: None, shown_at: BLANK_SHOWN_AT };
        module.segments.iter().filter(|segment| !matches!(segment, Segment::Html(_))).map(|segment| {
            ActivityView::of(segment, |i| module.quizzes.get(i).map(|quiz| quiz.learner_view()), |i| module.exercises.get(i).map(|exercise| exercise.learner_view()))
                .and_then(|activity| {
                    let quiz = matches!(activity, ActivityView::Quiz(..));
                    BlankActivity::cut(render_part(learner.activity(activity, &module.slug, &module.quiz_settings, course)), quiz)
                })
        }).collect()
    });
    Ok(Some(BlankActivities(blanks)))
}

/// The button that marks the module read, or the note that it is.
#[component]
fn ReadForm(course: String, module: String, read: bool) -> impl IntoView {
    if read {
        view! { <p class="module__read">{tr("module-read-done")}</p> }.into_any()
    } else {
        view! {
            <form method="post" action=MarkModuleRead::url() class="module__read-form">
                <input type="hidden" name="course" value=course/>
                <input type="hidden" name="module" value=module/>
                <button type="submit">{tr("module-mark-read")}</button>
            </form>
        }.into_any()
    }
}

/// The form that reports a problem in the module to its trainers, open after a refusal.
#[component]
fn ReportForm(course: String, module: String, feedback: Option<FormFeedback>) -> impl IntoView {
    let report = feedback.filter(|f| f.form == REPORT_FORM);
    let open = report.is_some();
    view! {
        <details class="report-form" id="signaler" open=open>
            <summary>{tr("report-title")}</summary>
            <FormMessage feedback=report form=REPORT_FORM labels=vec![("kind", tr("report-kind")), ("message", tr("report-message"))]/>
            <form method="post" action=ReportProblem::url() class="stacked-form">
                <input type="hidden" name="course" value=course/>
                <input type="hidden" name="module" value=module/>
                <div class="field">
                    <label for="champ-kind">{tr("report-kind")}</label>
                    <select id="champ-kind" name="kind">
                        {REPORT_KINDS.iter().map(|id| view! { <option value=*id>{tr(&report_kind_key(id))}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="champ-message">{tr("report-message")}</label>
                    <textarea id="champ-message" name="message" rows="3" maxlength="1000" required=true></textarea>
                </div>
                <button type="submit" class="button--secondary">{tr("report-send")}</button>
            </form>
        </details>
    }
}

/// The links to the previous and next modules; after the last one, back to the course.
#[component]
fn ModuleNav(previous: Option<(String, String)>, next: Option<(String, String)>, course_href: String) -> impl IntoView {
    view! {
        <nav class="module-nav" aria-label=tr("module-nav-label")>
            {previous.map(|(href, title)| view! {
                <a class="module-nav__link module-nav__link--previous" href=href rel="prev">
                    <span class="module-nav__hint">{tr("module-previous")}</span>
                    <span class="module-nav__title">{title}</span>
                </a>
            })}
            {match next {
                Some((href, title)) => view! {
                    <a class="module-nav__link module-nav__link--next" href=href rel="next">
                        <span class="module-nav__hint">{tr("module-next")}</span>
                        <span class="module-nav__title">{title}</span>
                    </a>
                }.into_any(),
                None => view! {
                    <a class="module-nav__link module-nav__link--next" href=course_href>
                        <span class="module-nav__hint">{tr("module-last")}</span>
                        <span class="module-nav__title">{tr("module-back-to-course")}</span>
                    </a>
                }.into_any(),
            }}
        </nav>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::{BlankActivity, BLANK_SHOWN_AT};

    #[test]
    fn a_blank_quiz_is_cut_at_its_time_and_filled_with_the_view_s() {
        let html = format!("<form><input type=\"hidden\" name=\"shown_at\" value=\"{BLANK_SHOWN_AT}\"/><p>Capitale ?</p></form>");
        let blank = BlankActivity::cut(html, true).expect("the time occurs once");
        assert_eq!(blank.filled(1_764_000_000), "<form><input type=\"hidden\" name=\"shown_at\" value=\"1764000000\"/><p>Capitale ?</p></form>");
    }

    #[test]
    fn a_quiz_whose_text_has_the_blank_time_is_rendered_at_each_view() {
        let html = format!("<input name=\"shown_at\" value=\"{BLANK_SHOWN_AT}\"/><p>Que vaut {BLANK_SHOWN_AT} ?</p>");
        assert!(BlankActivity::cut(html, true).is_none(), "twice: which one is the time cannot be told");
        assert!(BlankActivity::cut("<form>sans heure</form>".to_owned(), true).is_none(), "a quiz without its time");
    }

    #[test]
    fn a_blank_exercise_is_kept_whole_unless_it_shows_the_blank_time() {
        let blank = BlankActivity::cut("<form><textarea></textarea></form>".to_owned(), false).expect("no time in an exercise");
        assert_eq!(blank.filled(42), "<form><textarea></textarea></form>");
        assert!(BlankActivity::cut(format!("<p>{BLANK_SHOWN_AT}</p>"), false).is_none());
    }
}
