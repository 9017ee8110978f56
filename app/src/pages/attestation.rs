//! Attestations: the printable page of a completed course (`/mon-parcours/attestation/{code}`,
//! print stylesheet, A4) and the public check (`/attestations/{code}`), which confirms validity
//! showing only the name, the course and the date.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::labels::{duration_label, utc_datetime},
    i18n::tr,
    pages::{error::ErrorMessage, not_found::NotFound},
    progress::api::{load_attestation, AttestationView},
};

fn code_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("code").unwrap_or_default()
}

#[component]
pub fn AttestationPage() -> impl IntoView {
    let code = code_param();
    let attestation = Resource::new(code, load_attestation);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match attestation.await {
                    Ok(Some(view)) => view! { <Printable view/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Printable(view: AttestationView) -> impl IntoView {
    let verify = format!("/attestations/{}", view.code);
    view! {
        <Title text=format!("{} · {}", tr("attestation-title"), view.course_title)/>
        <div class="page attestation">
            <article class="attestation__sheet" aria-labelledby="attestation-titre">
                <p class="attestation__brand">"◆ Campus IA"</p>
                <h1 id="attestation-titre">{tr("attestation-title")}</h1>
                <p>{tr("attestation-certifies")}</p>
                <p class="attestation__name">{view.learner.clone()}</p>
                <p>{tr("attestation-completed")}</p>
                <p class="attestation__course">{view.course_title.clone()}</p>
                <p>{tr("attestation-on")}" "{utc_datetime(view.completed_at)}</p>
                <dl class="attestation__details">
                    <div><dt>{tr("attestation-duration")}</dt><dd>{duration_label(view.duration_minutes)}</dd></div>
                    <div><dt>{tr("attestation-version")}</dt><dd>{view.version_id}</dd></div>
                    <div><dt>{tr("attestation-code")}</dt><dd>{view.code.clone()}</dd></div>
                    <div><dt>{tr("attestation-verify-at")}</dt><dd><a href=verify.clone()>{verify.clone()}</a></dd></div>
                </dl>
            </article>
            <p class="attestation__actions">{tr("attestation-print")}</p>
        </div>
    }
}

#[component]
pub fn AttestationCheckPage() -> impl IntoView {
    let code = code_param();
    let attestation = Resource::new(code, load_attestation);
    view! {
        <Title text=tr("attestation-verify-title")/>
        <div class="page narrow">
            <h1>{tr("attestation-verify-title")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match attestation.await {
                        Ok(Some(view)) => view! {
                            <div class="alert alert--success" role="status">
                                <p class="alert__title">{tr("attestation-valid")}</p>
                                <p>{format!("{} — {} — {}", view.learner, view.course_title, utc_datetime(view.completed_at))}</p>
                            </div>
                        }.into_any(),
                        Ok(None) => {
                            #[cfg(feature = "ssr")]
                            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                response.set_status(axum::http::StatusCode::NOT_FOUND);
                            }
                            view! { <div class="alert alert--error" role="alert"><p>{tr("attestation-unknown")}</p></div> }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
