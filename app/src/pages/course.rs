//! `/cours/{course}`: a course's presentation, objectives and outline.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    components::{breadcrumb::Breadcrumb, labels::{duration_label, level_label}, loaded::Loaded},
    course::{api::load_course, model::CourseOutline},
    i18n::{tr, tr_args},
    pages::not_found::NotFound,
};

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("course").unwrap_or_default();
    let course = Resource::new(slug, load_course);
    view! {
        <Loaded resource=course let:outline>
            {match outline {
                Some(outline) => view! { <CourseView outline/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn CourseView(outline: CourseOutline) -> impl IntoView {
    let info = outline.info;
    let course_href = format!("/cours/{}", info.slug);
    let start_href = outline.modules.first().map(|m| format!("/cours/{}/{}", info.slug, m.slug));
    let module_count = outline.modules.len();
    view! {
        <Title text=info.title.clone()/>
        <Meta name="description" content=info.summary.clone()/>
        <div class="page course">
            <Breadcrumb trail=vec![
                (tr("nav-home"), "/".into()),
                (tr("nav-courses"), "/cours".into()),
                (info.title.clone(), course_href.clone()),
            ]/>
            <h1>{info.title.clone()}</h1>
            <p class="lead">{info.summary.clone()}</p>
            <dl class="course-meta course-meta--large">
                <div><dt>{tr("course-audience")}</dt><dd>{info.audience.clone()}</dd></div>
                <div><dt>{tr("course-level")}</dt><dd>{level_label(info.level)}</dd></div>
                <div><dt>{tr("course-duration")}</dt><dd>{duration_label(info.duration_minutes)}</dd></div>
                <div><dt>{tr("course-modules")}</dt><dd>{module_count}</dd></div>
            </dl>
            {start_href.map(|href| view! { <p><a class="button" href=href>{tr("course-start")}</a></p> })}
            {(!info.objectives.is_empty()).then(|| view! {
                <h2>{tr("course-objectives")}</h2>
                <ul class="objectives">
                    {info.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}
                </ul>
            })}
            <h2>{tr("course-outline")}</h2>
            <ol class="outline">
                {outline.modules.into_iter().map(|module| {
                    let href = format!("{course_href}/{}", module.slug);
                    let mut activities = Vec::new();
                    if module.quiz_count > 0 {
                        activities.push(tr_args("outline-quizzes", &[("count", module.quiz_count.into())]));
                    }
                    if module.exercise_count > 0 {
                        activities.push(tr_args("outline-exercises", &[("count", module.exercise_count.into())]));
                    }
                    view! {
                        <li class="outline__item">
                            <h3 class="outline__title"><a href=href>{module.title}</a></h3>
                            <p class="outline__meta">
                                {duration_label(module.duration_minutes)}
                                {(!activities.is_empty()).then(|| format!(" · {}", activities.join(" · ")))}
                            </p>
                            {(!module.description.is_empty()).then(|| view! { <p>{module.description}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}
