//! Attestations: the printable page of a completed course (`/mon-parcours/attestation/{code}`,
//! print stylesheet, A4) and the public check (`/attestations/{code}`), which confirms validity
//! showing only the name, the course and the date.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use leptos::server_fn::ServerFn;

use crate::{
    accounts::forms::{signed_in_user, take_feedback},
    components::{form::FormMessage, labels::{duration_label, local_datetime_in}, loaded::Loaded},
    i18n::{tr, tr_args},
    pages::not_found::NotFound,
    progress::api::{load_attestation, AttestationView, RevokeAttestation},
};

/// The revocation notice, if the attestation was revoked.
fn revocation_notice(view: &AttestationView) -> Option<impl IntoView> {
    view.revoked.clone().map(|(at, reason)| {
        view! {
            <div class="alert alert--error" role="alert">
                <p>{tr_args("attestation-revoked", &[("date", local_datetime_in(at, &view.time_zone).into()), ("reason", reason.into())])}</p>
            </div>
        }
    })
}

fn code_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("code").unwrap_or_default()
}

#[component]
pub fn AttestationPage() -> impl IntoView {
    let code = code_param();
    let attestation = Resource::new(code, load_attestation);
    view! {
        <Loaded resource=attestation let:view>
            {match view {
                Some(view) => view! { <Printable view/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn Printable(view: AttestationView) -> impl IntoView {
    let verify = format!("/attestations/{}", view.code);
    view! {
        <Title text=format!("{} · {}", tr("attestation-title"), view.course_title)/>
        <div class="page attestation">
            {revocation_notice(&view)}
            <article class="attestation__sheet" aria-labelledby="attestation-titre">
                <p class="attestation__brand">"◆ Campus IA"</p>
                <h1 id="attestation-titre">{tr("attestation-title")}</h1>
                <p>{tr("attestation-certifies")}</p>
                <p class="attestation__name">{view.learner.clone()}</p>
                <p>{tr("attestation-completed")}</p>
                <p class="attestation__course">{view.course_title.clone()}</p>
                <p>{tr("attestation-on")}" "{local_datetime_in(view.completed_at, &view.time_zone)}</p>
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
            <Loaded resource=attestation let:view>
                {match view {
                    Some(view) => view! { <CheckedAttestation view/> }.into_any(),
                    None => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(axum::http::StatusCode::NOT_FOUND);
                        }
                        view! { <div class="alert alert--error" role="alert"><p>{tr("attestation-unknown")}</p></div> }.into_any()
                    }
                }}
            </Loaded>
        </div>
    }
}

/// The public check of a known attestation: valid (or revoked, and why), and for an
/// administrator the revocation form.
#[component]
fn CheckedAttestation(view: AttestationView) -> impl IntoView {
    let summary = format!("{} — {} — {}", view.learner, view.course_title, local_datetime_in(view.completed_at, &view.time_zone));
    let admin = signed_in_user().is_some_and(|u| u.is_admin()) && view.revoked.is_none();
    let feedback = take_feedback().filter(|f| f.form == "revocation");
    let notice = revocation_notice(&view);
    view! {
        <FormMessage feedback=feedback.clone() form="revocation" labels=vec![("reason", tr("attestation-revoke-reason"))]/>
        {match notice {
            Some(notice) => view! { {notice}<p>{summary}</p> }.into_any(),
            None => view! {
                <div class="alert alert--success" role="status">
                    <p class="alert__title">{tr("attestation-valid")}</p>
                    <p>{summary}</p>
                </div>
            }.into_any(),
        }}
        {admin.then(|| view! {
            <details class="report-form">
                <summary>{tr("attestation-revoke-title")}</summary>
                <form method="post" action=RevokeAttestation::url() class="stacked-form">
                    <input type="hidden" name="code" value=view.code.clone()/>
                    <div class="field">
                        <label for="champ-reason">{tr("attestation-revoke-reason")}</label>
                        <textarea id="champ-reason" name="reason" rows="3" maxlength="500" required=true></textarea>
                    </div>
                    <button type="submit" class="button--secondary">{tr("attestation-revoke-submit")}</button>
                </form>
            </details>
        })}
    }
}
