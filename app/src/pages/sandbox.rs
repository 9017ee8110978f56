//! `/atelier`: the sandbox, free practice with the simulated assistant on everyday public-service
//! tasks. The scenarios come from the trainers' files (`courses/atelier/`); the page shows a
//! scenario's situation and document, the conversation is the chat island (a plain form without
//! JavaScript), and the page says plainly whether the assistant is the simulation or an external
//! service.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::{signed_in_user, take_feedback},
    components::{breadcrumb::Breadcrumb, chat::{ChatIsland, CHAT_TEXTS}, loaded::Loaded},
    i18n::{tr, IslandTexts, Locale},
    pages::{not_found::NotFound, sign_in_required::SignInRequired},
    sandbox::{
        api::{list_scenarios, load_practice, load_scenario, ClearPractice, PracticeView},
        scenarios::LearnerScenario,
    },
};

#[component]
pub fn SandboxPage() -> impl IntoView {
    let scenarios = Resource::new(|| (), |_| list_scenarios());
    view! {
        <Title text=tr("practice-title")/>
        <div class="page">
            <Breadcrumb trail=vec![(tr("nav-home"), "/".into()), (tr("practice-title"), "/atelier".into())]/>
            <h1>{tr("practice-title")}</h1>
            <p class="alert">{tr("practice-simulated")}</p>
            <Loaded resource=scenarios let:list>
                {if list.is_empty() {
                    view! { <p>{tr("practice-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="course-cards">
                            {list.into_iter().map(|s| view! {
                                <li class="course-card">
                                    <h2 class="course-card__title"><a href=format!("/atelier/{}", s.slug)>{s.title}</a></h2>
                                    <p>{s.situation}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Loaded>
        </div>
    }
}

#[component]
pub fn SandboxScenarioPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("scenario").unwrap_or_default();
    let scenario = Resource::new({
        let id = id.clone();
        move || id.clone()
    }, load_scenario);
    view! {
        <Loaded resource=scenario let:scenario>
            {match scenario {
                None => view! { <NotFound/> }.into_any(),
                Some(scenario) => view! { <ScenarioView scenario/> }.into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn ScenarioView(scenario: LearnerScenario) -> impl IntoView {
    if signed_in_user().is_none() {
        return view! { <SignInRequired back="/atelier"/> }.into_any();
    }
    let feedback = take_feedback().filter(|f| f.form == "atelier");
    let typed = feedback.as_ref().map(|f| f.field_value("message")).unwrap_or_default();
    let error = feedback.as_ref().and_then(|f| f.field_error("message"));
    let slug = scenario.slug.clone();
    let conversation = Resource::new({
        let slug = slug.clone();
        move || slug.clone()
    }, load_practice);
    let locale = use_context::<Locale>().unwrap_or_default();
    view! {
        <Title text=format!("{} · {}", scenario.title, tr("practice-title"))/>
        <div class="page sandbox">
            <Breadcrumb trail=vec![
                (tr("nav-home"), "/".into()),
                (tr("practice-title"), "/atelier".into()),
                (scenario.title.clone(), format!("/atelier/{}", scenario.slug)),
            ]/>
            <h1>{scenario.title.clone()}</h1>
            <p class="lead">{scenario.situation.clone()}</p>
            {scenario.module.clone().map(|module| {
                let href = module.href();
                view! { <p>{tr("practice-module")}" "<a href=href>{module.title}</a></p> }
            })}
            {scenario.document.clone().map(|document| view! {
                <section aria-labelledby="document" class="sandbox-document">
                    <h2 id="document">{tr("practice-document")}</h2>
                    <p class="field__hint">{tr("practice-document-hint")}</p>
                    <pre class="document-text" tabindex="0">{document}</pre>
                </section>
            })}
            <Loaded resource=conversation let:conversation>
                <Conversation scenario=slug.clone() conversation typed=typed.clone() error=error.clone() locale/>
            </Loaded>
            <form method="post" action=ClearPractice::url()>
                <input type="hidden" name="scenario" value=scenario.slug.clone()/>
                <button type="submit" class="button--secondary">{tr("practice-clear")}</button>
            </form>
        </div>
    }
    .into_any()
}

/// Whether the assistant is the simulation or an external service, then the conversation: the
/// chat island (a plain form without JavaScript).
#[component]
fn Conversation(scenario: String, conversation: PracticeView, typed: String, error: Option<String>, locale: Locale) -> impl IntoView {
    view! {
        <p class="alert">{match &conversation.external_model {
            None => tr("practice-simulated"),
            Some(model) => locale.text_with("practice-external", &[("model", model.clone().into())]),
        }}</p>
        <ChatIsland scenario conversation=conversation.conversation_html typed error texts=IslandTexts::with_errors(locale, CHAT_TEXTS)/>
    }
}
