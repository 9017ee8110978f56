//! `/atelier`: free practice with the simulated assistant on everyday public-service tasks.
//! A plain form (works without JavaScript); the page shows the conversation, what the last
//! request did well or not, and any personal data it contained. Clearly labelled as a simulation.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::{signed_in_user, take_feedback},
    components::{breadcrumb::Breadcrumb, form::FormMessage},
    i18n::tr,
    pages::{error::ErrorMessage, not_found::NotFound, sign_in_required::SignInRequired},
    sandbox::{
        api::{load_practice, ClearPractice, SendPracticeMessage, MAX_MESSAGE_CHARS},
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
    view! {
        <Title text=format!("{} · {}", scenario.title, tr("practice-title"))/>
        <div class="page practice">
            <Breadcrumb trail=vec![
                (tr("nav-home"), "/".into()),
                (tr("practice-title"), "/atelier".into()),
                (scenario.title.to_owned(), format!("/atelier/{}", scenario.id)),
            ]/>
            <h1>{scenario.title}</h1>
            <p class="alert">{tr("practice-simulated")}</p>
            <p class="lead">{scenario.situation}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match practice.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(view) => view! {
                            <section aria-labelledby="conversation" class="conversation">
                                <h2 id="conversation">{tr("practice-conversation")}</h2>
                                {if view.messages.is_empty() {
                                    view! { <p>{tr("practice-empty")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ol class="messages">
                                            {view.messages.into_iter().map(|(role, content)| {
                                                let who = if role == "user" { tr("practice-you") } else { tr("practice-assistant") };
                                                view! {
                                                    <li class=format!("message message--{role}")>
                                                        <p class="message__who">{who}</p>
                                                        <p class="message__text">{content}</p>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ol>
                                    }.into_any()
                                }}
                            </section>
                            {(!view.findings.is_empty()).then(|| view! {
                                <div class="alert alert--warning" role="alert">
                                    <p class="alert__title">{tr("practice-personal-data")}</p>
                                    <ul>{view.findings.into_iter().map(|(kind, text)| view! {
                                        <li><mark>{text}</mark>" — "{tr(&format!("privacy-{kind}"))}</li>
                                    }).collect_view()}</ul>
                                </div>
                            })}
                            {(!view.feedback.is_empty()).then(|| view! {
                                <section aria-labelledby="retour" class="rubric">
                                    <h2 id="retour">{tr("practice-feedback")}</h2>
                                    <ul>{view.feedback.into_iter().map(|line| view! {
                                        <li class:is-met=line.met>
                                            <strong>{if line.met { tr("rubric-met") } else { tr("rubric-missing") }}</strong>
                                            " — "{line.feedback}
                                        </li>
                                    }).collect_view()}</ul>
                                </section>
                            })}
                        }.into_any(),
                    }
                })}
            </Suspense>
            <h2 id="reponse">{tr("practice-write")}</h2>
            <FormMessage feedback=feedback.clone() form="atelier" labels=vec![("message", tr("practice-message"))]/>
            <form method="post" action=SendPracticeMessage::url() class="stacked-form">
                <input type="hidden" name="scenario" value=scenario.id/>
                <div class="field" class:field--error=error.is_some()>
                    <label for="champ-message">{tr("practice-message")}</label>
                    <p class="field__hint" id="champ-message-aide">{tr("practice-message-hint")}</p>
                    {error.clone().map(|e| view! { <p class="field__error" id="champ-message-erreur">{e}</p> })}
                    <textarea id="champ-message" name="message" rows="8" maxlength=MAX_MESSAGE_CHARS.to_string()
                        aria-describedby=if error.is_some() { "champ-message-aide champ-message-erreur" } else { "champ-message-aide" }
                        aria-invalid=error.is_some().then_some("true")>{typed}</textarea>
                </div>
                <button type="submit">{tr("practice-send")}</button>
            </form>
            <form method="post" action=ClearPractice::url()>
                <input type="hidden" name="scenario" value=scenario.id/>
                <button type="submit" class="button--secondary">{tr("practice-clear")}</button>
            </form>
        </div>
    }
    .into_any()
}
