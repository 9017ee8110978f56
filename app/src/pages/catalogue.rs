//! `/cours`: every published course, with a search box and filters that work without JavaScript
//! (a GET form, so results have a shareable address).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::forms::take_feedback,
    components::{breadcrumb::Breadcrumb, form::FormMessage, labels::{duration_label, level_label, theme_label}, loaded::Loaded},
    course::{
        api::{load_catalogue, CatalogueView},
        catalogue::{CatalogueFilter, DurationBand},
        model::{CourseInfo, Level},
    },
    i18n::{tr, tr_args},
};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            CatalogueFilter::from_query(
                &q.get("q").unwrap_or_default(),
                &q.get("theme").unwrap_or_default(),
                &q.get("niveau").unwrap_or_default(),
                &q.get("duree").unwrap_or_default(),
            )
        })
    };
    let catalogue = Resource::new(filter, load_catalogue);
    let welcome = take_feedback();
    view! {
        <Title text=tr("catalogue-title")/>
        <Meta name="description" content=tr("catalogue-meta-description")/>
        <div class="page catalogue">
            <Breadcrumb trail=vec![(tr("nav-home"), "/".into()), (tr("nav-courses"), "/cours".into())]/>
            <h1>{tr("catalogue-title")}</h1>
            <FormMessage feedback=welcome form="bienvenue"/>
            <Loaded resource=catalogue let:results>
                <Results current=filter() results/>
            </Loaded>
        </div>
    }
}

/// The filters as chosen, how many courses match, and their cards.
#[component]
fn Results(current: CatalogueFilter, results: CatalogueView) -> impl IntoView {
    view! {
        <Filters current=current.clone() themes=results.themes/>
        <p class="catalogue__count" role="status">
            {if current.is_empty() {
                tr_args("catalogue-count", &[("count", results.courses.len().into())])
            } else {
                tr_args("catalogue-count-filtered", &[("count", results.courses.len().into()), ("total", results.total.into())])
            }}
        </p>
        {if results.courses.is_empty() {
            view! { <p class="catalogue__empty">{tr("catalogue-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="course-cards">
                    {results.courses.into_iter().map(|course| view! { <CourseCard course/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Filters(current: CatalogueFilter, themes: Vec<String>) -> impl IntoView {
    let selected_theme = current.theme.clone().unwrap_or_default();
    view! {
        <form class="catalogue-filters" method="get" action="/cours" role="search" aria-label=tr("catalogue-filters-label")>
            <div class="field field--wide">
                <label for="catalogue-q">{tr("catalogue-search")}</label>
                <input type="search" id="catalogue-q" name="q" value=current.query.clone()/>
            </div>
            <div class="field">
                <label for="catalogue-theme">{tr("catalogue-theme")}</label>
                <select id="catalogue-theme" name="theme">
                    <option value="">{tr("catalogue-any")}</option>
                    {themes.into_iter().map(|theme| {
                        let selected = theme == selected_theme;
                        view! { <option value=theme.clone() selected=selected>{theme_label(&theme)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-level">{tr("catalogue-level")}</label>
                <select id="catalogue-level" name="niveau">
                    <option value="">{tr("catalogue-any")}</option>
                    {Level::ALL.into_iter().map(|level| view! {
                        <option value=level.id() selected=current.level == Some(level)>{level_label(level)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-duration">{tr("catalogue-duration")}</label>
                <select id="catalogue-duration" name="duree">
                    <option value="">{tr("catalogue-any")}</option>
                    {DurationBand::ALL.into_iter().map(|band| view! {
                        <option value=band.id() selected=current.duration == Some(band)>{tr(&format!("duration-band-{}", band.id()))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--actions">
                <button type="submit">{tr("catalogue-apply")}</button>
                <a href="/cours">{tr("catalogue-reset")}</a>
            </div>
        </form>
    }
}

#[component]
fn CourseCard(course: CourseInfo) -> impl IntoView {
    let href = format!("/cours/{}", course.slug);
    let themes = course.themes.iter().map(|t| theme_label(t)).collect::<Vec<_>>().join(", ");
    view! {
        <li class="course-card">
            <h2 class="course-card__title"><a href=href>{course.title}</a></h2>
            <p class="course-card__summary">{course.summary}</p>
            <dl class="course-meta">
                <div><dt>{tr("course-level")}</dt><dd>{level_label(course.level)}</dd></div>
                <div><dt>{tr("course-duration")}</dt><dd>{duration_label(course.duration_minutes)}</dd></div>
                {(!themes.is_empty()).then(|| view! { <div><dt>{tr("course-themes")}</dt><dd>{themes}</dd></div> })}
            </dl>
        </li>
    }
}
