//! `/mon-parcours`: the learner's courses in progress (with a way to resume) and completed
//! (with the date, the score and the attestation).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::forms::signed_in_user,
    components::{labels::local_datetime, loaded::Loaded},
    i18n::{tr, tr_args},
    pages::sign_in_required::SignInRequired,
    progress::{api::load_dashboard, percent, CourseProgress},
    reporting::{api::load_my_assignments, status::Status},
};

#[component]
pub fn DashboardPage() -> impl IntoView {
    if signed_in_user().is_none() {
        return view! { <SignInRequired back="/mon-parcours"/> }.into_any();
    }
    let courses = Resource::new(|| (), |_| load_dashboard());
    let assigned = Resource::new(|| (), |_| load_my_assignments());
    view! {
        <Title text=tr("dashboard-title")/>
        <div class="page dashboard">
            <h1>{tr("dashboard-title")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let assigned = assigned.await.unwrap_or_default();
                    (!assigned.is_empty()).then(|| view! {
                        <h2>{tr("dashboard-assigned")}</h2>
                        <ul class="progress-list">
                            {assigned.into_iter().map(|a| view! {
                                <li class="progress-entry">
                                    <h3><a href=format!("/cours/{}", a.course_slug)>{a.title}</a></h3>
                                    <p>
                                        <span class=format!("status status--{}", a.status.id())>{tr(&format!("status-{}", a.status.id()))}</span>
                                        {a.due.map(|date| {
                                            let key = if a.status == Status::Overdue { "dashboard-overdue" } else { "dashboard-due" };
                                            format!(" · {}", tr_args(key, &[("date", date.into())]))
                                        })}
                                    </p>
                                    {a.notes.into_iter().map(|note| view! { <p class="assignment__note">{note}</p> }).collect_view()}
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Suspense>
            <Loaded resource=courses let:courses>
                <MyCourses courses/>
            </Loaded>
        </div>
    }
    .into_any()
}

/// The learner's courses, in progress then completed (or a way to the catalogue).
#[component]
fn MyCourses(courses: Vec<CourseProgress>) -> impl IntoView {
    if courses.is_empty() {
        return view! {
            <p>{tr("dashboard-empty")}</p>
            <p><a class="button" href="/cours">{tr("dashboard-browse")}</a></p>
        }
        .into_any();
    }
    let (done, ongoing): (Vec<CourseProgress>, Vec<CourseProgress>) = courses.into_iter().partition(|c| c.completion.is_some());
    view! {
        {(!ongoing.is_empty()).then(|| view! {
            <h2>{tr("dashboard-in-progress")}</h2>
            <ul class="progress-list">{ongoing.into_iter().map(|c| view! { <CourseEntry course=c/> }).collect_view()}</ul>
        })}
        {(!done.is_empty()).then(|| view! {
            <h2>{tr("dashboard-completed")}</h2>
            <ul class="progress-list">{done.into_iter().map(|c| view! { <CourseEntry course=c/> }).collect_view()}</ul>
        })}
    }
    .into_any()
}

#[component]
fn CourseEntry(course: CourseProgress) -> impl IntoView {
    let href = format!("/cours/{}", course.slug);
    let label = tr_args("dashboard-progress-label", &[("course", course.title.clone().into())]);
    let value = percent(course.completed_modules, course.total_modules);
    view! {
        <li class="progress-entry">
            <h3><a href=href.clone()>{course.title.clone()}</a></h3>
            <progress max="100" value=value.to_string() aria-label=label>{format!("{value} %")}</progress>
            <p>
                {tr_args("dashboard-progress", &[("done", course.completed_modules.into()), ("total", course.total_modules.into())])}
                {course.average_score.map(|s| format!(" · {}", tr_args("dashboard-average", &[("score", s.into())])))}
            </p>
            {match course.completion {
                Some((at, code)) => view! {
                    <p>
                        {tr_args("dashboard-completed-on", &[("date", local_datetime(at).into())])}
                        " · "
                        <a href=format!("/mon-parcours/attestation/{code}")>{tr("dashboard-attestation")}</a>
                    </p>
                }.into_any(),
                None => course.resume_module.map(|(slug, title)| view! {
                    <p><a class="button" href=format!("{href}/{slug}")>{tr("dashboard-resume")}" "{title}</a></p>
                }.into_any()).unwrap_or_else(|| ().into_any()),
            }}
        </li>
    }
}
