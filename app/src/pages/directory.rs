//! `/annuaire`: administrators and HR load agents from their HR directory — a CSV file checked
//! first (dry run, every problem as `ligne N : …`), then applied — and read how to connect a
//! directory through SCIM. `/annuaire/import/{id}`: the report of one import, and its apply
//! button.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::forms::take_feedback,
    components::{breadcrumb::Breadcrumb, form::FormMessage, loaded::Loaded},
    i18n::{tr, tr_args},
    identity::api::{load_directory_import, load_directory_page, ApplyDirectoryImport, DirectoryImportView, DirectoryPageView},
};

fn trail(last: Option<String>) -> Vec<(String, String)> {
    let mut trail = vec![(tr("nav-home"), "/".to_owned()), (tr("directory-title"), "/annuaire".to_owned())];
    if let Some(label) = last {
        trail.push((label, String::new()));
    }
    trail
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_directory_page());
    let feedback = take_feedback();
    view! {
        <Title text=tr("directory-title")/>
        <div class="page">
            <Breadcrumb trail=trail(None)/>
            <h1>{tr("directory-title")}</h1>
            <p>{tr("directory-intro")}</p>
            <FormMessage feedback=feedback form="import"/>
            <Loaded resource=data inline=true let:page>
                <DirectoryForms page/>
            </Loaded>
        </div>
    }
}

/// The import form, the recent imports and how to connect a directory through SCIM.
#[component]
fn DirectoryForms(page: DirectoryPageView) -> impl IntoView {
    view! {
        <section aria-labelledby="titre-import">
            <h2 id="titre-import">{tr("directory-import")}</h2>
            <p>{tr("directory-format")}</p>
            <pre class="code-sample">"email;prenom;nom;unite;role;siret;identifiant\ncamille.durand@mairie.fr;Camille;Durand;Mairie / État civil;;21750001600019;RH-0042"</pre>
            <form method="post" action="/annuaire/import" enctype="multipart/form-data" class="stacked-form">
                <div class="field">
                    <label for="champ-fichier">{tr("directory-file")}</label>
                    <input id="champ-fichier" type="file" name="fichier" accept=".csv,text/csv" required/>
                </div>
                <div class="field">
                    <label for="champ-perimetre">{tr("directory-scope")}</label>
                    <select id="champ-perimetre" name="perimetre">
                        {page.scopes.into_iter().map(|(id, label)| view! {
                            <option value=id.map(|i| i.to_string()).unwrap_or_default()>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field--checkbox">
                    <input id="champ-synchro" type="checkbox" name="synchronisation" value="on"/>
                    <label for="champ-synchro">{tr("directory-full-sync")}</label>
                </div>
                <button type="submit">{tr("directory-check")}</button>
            </form>
        </section>
        <section aria-labelledby="titre-imports">
            <h2 id="titre-imports">{tr("directory-recent")}</h2>
            {if page.imports.is_empty() {
                view! { <p>{tr("directory-none")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {page.imports.into_iter().map(|import| {
                            let state = if import.applied { tr("directory-applied") } else if import.report.problems.is_empty() { tr("directory-checked") } else { tr("directory-has-problems") };
                            view! {
                                <li><a href=format!("/annuaire/import/{}", import.id)>{format!("{} — {} — {}", import.file_name, import.checked_at, state)}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="titre-scim">
            <h2 id="titre-scim">{tr("directory-scim")}</h2>
            <p>{if page.scim_enabled {
                tr_args("directory-scim-on", &[("url", format!("{}/scim/v2", page.public_url).into())])
            } else {
                tr("directory-scim-off")
            }}</p>
        </section>
    }
}

#[component]
pub fn DirectoryImportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(-1);
    let data = Resource::new(id, load_directory_import);
    let feedback = take_feedback();
    view! {
        <Title text=tr("directory-report")/>
        <div class="page">
            <Breadcrumb trail=trail(Some(tr("directory-report")))/>
            <h1>{tr("directory-report")}</h1>
            <FormMessage feedback=feedback form="import"/>
            <Loaded resource=data inline=true let:import>
                <ImportReportView import/>
            </Loaded>
        </div>
    }
}

#[component]
fn ImportReportView(import: DirectoryImportView) -> impl IntoView {
    let report = import.report.clone();
    let problems = import.problems.clone();
    view! {
        <dl class="summary-list">
            <dt>{tr("directory-file")}</dt><dd>{import.file_name.clone()}</dd>
            <dt>{tr("directory-scope")}</dt><dd>{import.scope_label.clone()}</dd>
            <dt>{tr("directory-checked-at")}</dt><dd>{import.checked_at.clone()}</dd>
            <dt>{tr("directory-mode")}</dt><dd>{if import.full_sync { tr("directory-full-sync") } else { tr("directory-add-only") }}</dd>
        </dl>
        {if !problems.is_empty() {
            view! {
                <div class="alert alert--error" role="alert">
                    <h2>{tr_args("directory-problems", &[("count", problems.len().into())])}</h2>
                    <ul>{problems.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    <p><a href="/annuaire">{tr("directory-fix-and-retry")}</a></p>
                </div>
            }.into_any()
        } else {
            let applied = import.applied;
            view! {
                <h2>{if applied { tr("directory-what-it-did") } else { tr("directory-what-it-will-do") }}</h2>
                <ul>
                    <li>{tr_args("directory-created", &[("count", report.created.into())])}</li>
                    <li>{tr_args("directory-updated", &[("count", report.updated.into())])}</li>
                    <li>{tr_args("directory-unchanged", &[("count", report.unchanged.into())])}</li>
                    <li>{tr_args("directory-reactivated", &[("count", report.reactivated.into())])}</li>
                    <li>{tr_args("directory-deactivated", &[("count", report.deactivated.into())])}</li>
                    <li>{tr_args("directory-units-created", &[("count", report.units_created.len().into())])}</li>
                    <li>{tr_args("directory-roles", &[("count", report.roles_granted.into())])}</li>
                </ul>
                {(!report.units_created.is_empty()).then(|| view! {
                    <h3>{tr("directory-new-units")}</h3>
                    <ul>{report.units_created.iter().map(|path| view! { <li>{path.clone()}</li> }).collect_view()}</ul>
                })}
                {(!report.deactivated_listed.is_empty()).then(|| view! {
                    <h3>{tr("directory-deactivated-list")}</h3>
                    <ul>{report.deactivated_listed.iter().map(|email| view! { <li>{email.clone()}</li> }).collect_view()}</ul>
                })}
                {(!applied).then(|| view! {
                    <form method="post" action=ApplyDirectoryImport::url() class="inline-form">
                        <input type="hidden" name="id" value=import.id.to_string()/>
                        <button type="submit">{tr("directory-apply")}</button>
                    </form>
                })}
            }.into_any()
        }}
    }
}
