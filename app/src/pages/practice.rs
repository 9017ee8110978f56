//! `/atelier`: free practice with the simulated assistant on everyday public-service tasks.
//! The conversation is the chat island (a plain form without JavaScript); the page shows the
//! scenario and says plainly whether the assistant is the simulation or an external service.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::{signed_in_user, take_feedback},
    components::{breadcrumb::Breadcrumb, chat::ChatIsland},
    i18n::{tr, Locale},
    pages::{error::ErrorMessage, not_found::NotFound, sign_in_required::SignInRequired},
    sandbox::{
        api::{load_practice, ClearPractice},
        scenarios::{self, SCENARIOS},
    },
};

#[component]
pub fn PracticeHomePage() -> impl IntoView {
    view! {
        <Title text=tr("practice-title")/>
        <div class="page">
            <Breadcrumb trail=vec![(tr("nav-home"), "/".into()), (tr("practice-title"), "/atelier".into())]/>
            <h1>{tr("practice-title")}</h1>
            <p class="alert">{tr("practice-simulated")}</p>
            <ul class="course-cards">
                {SCENARIOS.iter().map(|s| view! {
                    <li class="course-card">
                        <h2 class="course-card__title"><a href=format!("/atelier/{}", s.id)>{s.title}</a></h2>
                        <p>{s.situation}</p>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn PracticePage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("scenario").unwrap_or_default();
    let Some(scenario) = scenarios::find(&id) else {
        return view! { <NotFound/> }.into_any();
    };
    if signed_in_user().is_none() {
        return view! { <SignInRequired back="/atelier"/> }.into_any();
    }
    let feedback = take_feedback().filter(|f| f.form == "atelier");
    let typed = feedback.as_ref().map(|f| f.field_value("message")).unwrap_or_default();
    let error = feedback.as_ref().and_then(|f| f.field_error("message"));
    let practice = Resource::new(move || id.clone(), load_practice);
    let locale = use_context::<Locale>().unwrap_or_default();
    view! {
        <Title text=format!("{} · {}", scenario.title, tr("practice-title"))/>
        <div class="page practice">
            <Breadcrumb trail=vec![
                (tr("nav-home"), "/".into()),
                (tr("practice-title"), "/atelier".into()),
                (scenario.title.to_owned(), format!("/atelier/{}", scenario.id)),
            ]/>
            <h1>{scenario.title}</h1>
            <p class="lead">{scenario.situation}</p>
            <Suspense fallback=|| ()>
                {move || {
                    let (typed, error) = (typed.clone(), error.clone());
                    Suspend::new(async move {
                        match practice.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(view) => view! {
                                <p class="alert">{match &view.external_model {
                                    None => tr("practice-simulated"),
                                    Some(model) => locale.text_with("practice-external", &[("model", model.clone().into())]),
                                }}</p>
                                <ChatIsland scenario=scenario.id.to_owned() initial=view typed error locale/>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <form method="post" action=ClearPractice::url()>
                <input type="hidden" name="scenario" value=scenario.id/>
                <button type="submit" class="button--secondary">{tr("practice-clear")}</button>
            </form>
        </div>
    }
    .into_any()
}
