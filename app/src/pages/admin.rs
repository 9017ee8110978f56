//! `/admin/…`: the organisation tree, accounts and roles, the audit log and the xAPI credentials
//! (admins only).

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    accounts::{
        api::{
            load_audit_log, load_organization_tree, load_users, CreateOrganization, GrantRole, RevokeRole, TreeEntry,
            UpdateOrganization, UserWithRoles,
        },
        forms::{signed_in_user, take_feedback},
        Role,
    },
    audit::AuditEntry,
    components::{breadcrumb::Breadcrumb, form::FormMessage, loaded::Loaded},
    i18n::{tr, tr_args},
    pages::sign_in_required::{Forbidden, SignInRequired},
    xapi::api::{load_xapi_credentials, reveal_xapi_secret, CreateXapiCredential, CredentialView, RevokeXapiCredential},
};

/// Shows `content` to admins; the sign-in page or a 403 to others.
fn admin_only(back: &'static str, content: impl FnOnce() -> AnyView) -> AnyView {
    match signed_in_user() {
        None => view! { <SignInRequired back/> }.into_any(),
        Some(user) if !user.is_admin() => view! { <Forbidden/> }.into_any(),
        Some(_) => content(),
    }
}

fn trail(page: Option<(String, &'static str)>) -> Vec<(String, String)> {
    let mut trail = vec![(tr("nav-home"), "/".to_owned()), (tr("nav-admin"), "/admin".to_owned())];
    if let Some((label, href)) = page {
        trail.push((label, href.to_owned()));
    }
    trail
}

fn role_label(role: Role) -> String {
    tr(&format!("role-{}", role.id()))
}

/// The time zones of the French territories, the unit's own one selected (a zone set from the
/// command line outside this list is listed too, so that saving the form keeps it).
fn zone_options(selected: Option<&str>) -> impl IntoView {
    let choices = crate::organizations::TIME_ZONE_CHOICES;
    let other = selected.filter(|name| !choices.iter().any(|(iana, _)| iana == name)).map(|name| {
        view! { <option value=name.to_owned() selected=true>{name.to_owned()}</option> }
    });
    view! {
        {other}
        {choices
            .iter()
            .map(|(iana, key)| view! { <option value=*iana selected=selected == Some(*iana)>{tr(&format!("zone-{key}"))}</option> })
            .collect_view()}
    }
}

fn unit_options(tree: &[TreeEntry], selected: Option<i64>, exclude: Option<i64>) -> impl IntoView {
    tree.iter()
        .filter(|e| Some(e.unit.id) != exclude)
        .map(|entry| {
            let label = format!("{}{}", "\u{2003}".repeat(entry.depth), entry.unit.name);
            view! { <option value=entry.unit.id.to_string() selected=Some(entry.unit.id) == selected>{label}</option> }
        })
        .collect_view()
}

#[component]
pub fn AdminHomePage() -> impl IntoView {
    admin_only("/admin", || {
        view! {
            <Title text=tr("nav-admin")/>
            <div class="page">
                <Breadcrumb trail=trail(None)/>
                <h1>{tr("nav-admin")}</h1>
                <ul class="link-list">
                    <li><a href="/admin/unites">{tr("admin-units")}</a></li>
                    <li><a href="/admin/utilisateurs">{tr("admin-users")}</a></li>
                    <li><a href="/annuaire">{tr("directory-title")}</a></li>
                    <li><a href="/admin/journal">{tr("admin-audit")}</a></li>
                    <li><a href="/admin/xapi">{tr("admin-xapi")}</a></li>
                </ul>
                <MailQueue/>
            </div>
        }
        .into_any()
    })
}

/// The unit of agents whose SIRET matches no unit, and the agents waiting for one.
#[component]
fn IdentitySettings(tree: Vec<crate::accounts::api::TreeEntry>) -> impl IntoView {
    use crate::identity::api::{load_identity_admin, SetDefaultUnit};
    let data = Resource::new(|| (), |_| load_identity_admin());
    let feedback = take_feedback();
    view! {
        <h2>{tr("admin-identity")}</h2>
        <FormMessage feedback=feedback form="unite-par-defaut"/>
        <Loaded resource=data inline=true let:view>
            <p>{match &view.provider {
                Some(label) => tr_args("admin-identity-provider", &[("provider", label.clone().into())]),
                None => tr("admin-identity-none"),
            }}</p>
            <form method="post" action=SetDefaultUnit::url() class="inline-form">
                <div class="field">
                    <label for="champ-default-unit">{tr("admin-identity-default")}</label>
                    <select id="champ-default-unit" name="organization_id">
                        <option value="">{tr("admin-identity-default-none")}</option>
                        {unit_options(&tree, view.default_unit, None)}
                    </select>
                </div>
                <button type="submit" class="button--secondary">{tr("admin-save")}</button>
            </form>
            <h3>{tr_args("admin-identity-waiting", &[("count", view.waiting.len().into())])}</h3>
            {(!view.waiting.is_empty()).then(|| view! {
                <ul>{view.waiting.into_iter().map(|agent| view! { <li>{format!("{} — {}", agent.display_name, agent.email)}</li> }).collect_view()}</ul>
                <p>{tr("admin-identity-waiting-help")}</p>
            })}
        </Loaded>
    }
}

/// The outbox: whether mail is sent at all, and what is pending, sent or failed (with the
/// relay's answer).
#[component]
fn MailQueue() -> impl IntoView {
    use crate::mail::{api::load_mail_queue, DeliveryState};
    let queue = Resource::new(|| (), |_| load_mail_queue());
    view! {
        <h2>{tr("admin-mail")}</h2>
        <Loaded resource=queue inline=true let:queue>
            {(!queue.enabled).then(|| view! { <p class="alert alert--warning" role="status">{tr("admin-mail-disabled")}</p> })}
            <p>{tr_args("admin-mail-counts", &[("pending", queue.pending.into()), ("sent", queue.sent.into()), ("failed", queue.failed.into())])}</p>
            {(!queue.recent.is_empty()).then(|| view! {
                <table class="data-table">
                    <caption class="visually-hidden">{tr("admin-mail")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("admin-mail-when")}</th>
                        <th scope="col">{tr("admin-mail-to")}</th>
                        <th scope="col">{tr("admin-mail-subject")}</th>
                        <th scope="col">{tr("admin-mail-state")}</th>
                    </tr></thead>
                    <tbody>{queue.recent.into_iter().map(|mail| {
                        let state = match mail.state {
                            DeliveryState::Pending => tr("admin-mail-pending"),
                            DeliveryState::Sent => tr("admin-mail-sent"),
                            DeliveryState::Failed => tr("admin-mail-failed"),
                        };
                        let answer = mail.last_error.map(|e| format!(" — {e}")).unwrap_or_default();
                        view! {
                            <tr>
                                <td>{crate::components::labels::local_datetime(mail.created_at)}</td>
                                <td>{mail.recipient}</td>
                                <th scope="row">{mail.subject}</th>
                                <td>{format!("{state} ({}){answer}", mail.attempts)}</td>
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
            })}
        </Loaded>
    }
}

#[component]
pub fn AdminUnitsPage() -> impl IntoView {
    admin_only("/admin/unites", || {
        let feedback = take_feedback();
        let tree = Resource::new(|| (), |_| load_organization_tree());
        view! {
            <Title text=tr("admin-units")/>
            <div class="page">
                <Breadcrumb trail=trail(Some((tr("admin-units"), "/admin/unites")))/>
                <h1>{tr("admin-units")}</h1>
                <FormMessage feedback=feedback form="unites" labels=vec![("name", tr("field-unit-name"))]/>
                <Loaded resource=tree let:tree>
                    <UnitsEditor tree/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// The form for a new unit and, for each unit of the tree, its name, parent, SIRET and time zone.
#[component]
fn UnitsEditor(tree: Vec<TreeEntry>) -> impl IntoView {
    view! {
        <h2>{tr("admin-units-new")}</h2>
        <form method="post" action=CreateOrganization::url() class="inline-form">
            <div class="field">
                <label for="champ-name">{tr("field-unit-name")}</label>
                <input type="text" id="champ-name" name="name" required=true/>
            </div>
            <div class="field">
                <label for="champ-parent">{tr("field-unit-parent")}</label>
                <select id="champ-parent" name="parent_id">
                    <option value="">{tr("field-unit-root")}</option>
                    {unit_options(&tree, None, None)}
                </select>
            </div>
            <button type="submit">{tr("admin-units-create")}</button>
        </form>
        <h2>{tr("admin-units-tree")}</h2>
        <ul class="unit-tree">
            {tree.iter().map(|entry| {
                let unit = entry.unit.clone();
                let name_id = format!("unite-{}-nom", unit.id);
                let parent_id = format!("unite-{}-parent", unit.id);
                let siret_id = format!("unite-{}-siret", unit.id);
                let zone_id = format!("unite-{}-fuseau", unit.id);
                view! {
                    <li class=format!("unit-depth-{}", entry.depth.min(6))>
                        <form method="post" action=UpdateOrganization::url() class="inline-form">
                            <input type="hidden" name="id" value=unit.id.to_string()/>
                            <div class="field">
                                <label for=name_id.clone()>{tr("field-unit-name")}</label>
                                <input type="text" id=name_id name="name" value=unit.name.clone() required=true/>
                            </div>
                            <div class="field">
                                <label for=parent_id.clone()>{tr("field-unit-parent")}</label>
                                <select id=parent_id name="parent_id">
                                    <option value="">{tr("field-unit-root")}</option>
                                    {unit_options(&tree, unit.parent_id, Some(unit.id))}
                                </select>
                            </div>
                            <div class="field">
                                <label for=siret_id.clone()>{tr("field-unit-siret")}</label>
                                <input type="text" id=siret_id name="siret" value=entry.siret.clone().unwrap_or_default() inputmode="numeric" maxlength="17" autocomplete="off"/>
                            </div>
                            <div class="field">
                                <label for=zone_id.clone()>{tr("field-unit-time-zone")}</label>
                                <select id=zone_id name="time_zone">
                                    <option value="" selected=entry.time_zone.is_none()>
                                        {tr_args("field-unit-time-zone-inherited", &[("zone", entry.effective_zone.clone().into())])}
                                    </option>
                                    {zone_options(entry.time_zone.as_deref())}
                                </select>
                            </div>
                            <button type="submit" class="button--secondary">{tr("admin-save")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <IdentitySettings tree=tree.clone()/>
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    admin_only("/admin/utilisateurs", || {
        let feedback = take_feedback();
        let data = Resource::new(|| (), |_| async { Ok::<_, ServerFnError>((load_users().await?, load_organization_tree().await?)) });
        view! {
            <Title text=tr("admin-users")/>
            <div class="page">
                <Breadcrumb trail=trail(Some((tr("admin-users"), "/admin/utilisateurs")))/>
                <h1>{tr("admin-users")}</h1>
                <FormMessage feedback=feedback form="roles"/>
                <Loaded resource=data let:data>
                    <UsersTable users=data.0 tree=data.1/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// Every account with its roles, the form to grant one, and the button to deactivate or reactivate it.
#[component]
fn UsersTable(users: Vec<UserWithRoles>, tree: Vec<TreeEntry>) -> impl IntoView {
    view! {
        <table class="data-table">
            <caption>{tr("admin-users-caption")}</caption>
            <thead><tr>
                <th scope="col">{tr("field-name")}</th>
                <th scope="col">{tr("field-email")}</th>
                <th scope="col">{tr("admin-roles")}</th>
                <th scope="col">{tr("admin-grant")}</th>
                <th scope="col">{tr("admin-account-status")}</th>
            </tr></thead>
            <tbody>
                {users.into_iter().map(|entry| {
                    let user = entry.user;
                    let active = entry.active;
                    let role_id = format!("role-{}", user.id);
                    let scope_id = format!("scope-{}", user.id);
                    view! {
                        <tr>
                            <th scope="row">{user.display_name.clone()}</th>
                            <td>{user.email.clone()}</td>
                            <td>
                                <ul class="role-list">
                                    {entry.roles.into_iter().map(|grant| {
                                        let scope = grant.organization_id
                                            .and_then(|id| tree.iter().find(|e| e.unit.id == id))
                                            .map(|e| format!(" · {}", e.unit.name))
                                            .unwrap_or_default();
                                        let label = format!("{}{scope}", role_label(grant.role));
                                        view! {
                                            <li>
                                                <form method="post" action=RevokeRole::url() class="inline-form">
                                                    {label.clone()}
                                                    <input type="hidden" name="grant_id" value=grant.id.to_string()/>
                                                    <button type="submit" class="button--small button--secondary"
                                                        aria-label=format!("{} : {}", tr("admin-revoke"), label)>
                                                        {tr("admin-revoke")}
                                                    </button>
                                                </form>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </td>
                            <td>
                                <form method="post" action=GrantRole::url() class="inline-form">
                                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                                    <label for=role_id.clone() class="visually-hidden">{tr("admin-role")}</label>
                                    <select id=role_id name="role">
                                        {[Role::Trainer, Role::Hr, Role::Admin].into_iter().map(|role| view! {
                                            <option value=role.id()>{role_label(role)}</option>
                                        }).collect_view()}
                                    </select>
                                    <label for=scope_id.clone() class="visually-hidden">{tr("admin-scope")}</label>
                                    <select id=scope_id name="organization_id">
                                        <option value="">{tr("admin-no-scope")}</option>
                                        {unit_options(&tree, None, None)}
                                    </select>
                                    <button type="submit" class="button--small"
                                        aria-label=format!("{} : {}", tr("admin-grant"), user.display_name)>
                                        {tr("admin-grant")}
                                    </button>
                                </form>
                            </td>
                            <td>
                                <form method="post" action=crate::identity::api::SetAccountActive::url() class="inline-form">
                                    {if active { tr("admin-account-active") } else { tr("admin-account-disabled") }}
                                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                                    <input type="hidden" name="active" value=(!active).to_string()/>
                                    <button type="submit" class="button--small button--secondary"
                                        aria-label=format!("{} : {}", if active { tr("admin-deactivate") } else { tr("admin-reactivate") }, user.display_name)>
                                        {if active { tr("admin-deactivate") } else { tr("admin-reactivate") }}
                                    </button>
                                </form>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    admin_only("/admin/journal", || {
        let log = Resource::new(|| (), |_| load_audit_log());
        view! {
            <Title text=tr("admin-audit")/>
            <div class="page">
                <Breadcrumb trail=trail(Some((tr("admin-audit"), "/admin/journal")))/>
                <h1>{tr("admin-audit")}</h1>
                <Loaded resource=log let:entries>
                    {if entries.is_empty() {
                        view! { <p>{tr("admin-audit-empty")}</p> }.into_any()
                    } else {
                        view! { <AuditTable entries/> }.into_any()
                    }}
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// The audit log, most recent first.
#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <table class="data-table">
            <caption>{tr("admin-audit-caption")}</caption>
            <thead><tr>
                <th scope="col">{tr("admin-audit-when")}</th>
                <th scope="col">{tr("admin-audit-who")}</th>
                <th scope="col">{tr("admin-audit-action")}</th>
                <th scope="col">{tr("admin-audit-target")}</th>
                <th scope="col">{tr("admin-audit-details")}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{crate::components::labels::local_datetime(e.at)}</td>
                        <td>{e.actor.unwrap_or_else(|| "—".into())}</td>
                        <td>{e.action}</td>
                        <td>{e.target}</td>
                        <td>{e.details}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/admin/xapi`: the credentials external systems use to read xAPI statements.
#[component]
pub fn AdminXapiPage() -> impl IntoView {
    admin_only("/admin/xapi", || {
        let feedback = take_feedback();
        let reveal = feedback.as_ref().filter(|f| f.form == "xapi").and_then(|f| f.reveal.clone());
        let data = Resource::new(
            move || reveal.clone(),
            |reveal| async move {
                let secret = match reveal {
                    Some(reveal) => reveal_xapi_secret(reveal).await?,
                    None => None,
                };
                Ok::<_, ServerFnError>((load_xapi_credentials().await?, load_organization_tree().await?, secret))
            },
        );
        view! {
            <Title text=tr("admin-xapi")/>
            <div class="page">
                <Breadcrumb trail=trail(Some((tr("admin-xapi"), "/admin/xapi")))/>
                <h1>{tr("admin-xapi")}</h1>
                <p>{tr("admin-xapi-intro")}</p>
                <FormMessage feedback=feedback form="xapi" labels=vec![("label", tr("admin-xapi-label")), ("organization_id", tr("admin-xapi-unit"))]/>
                <Loaded resource=data let:data>
                    <XapiCredentials credentials=data.0 tree=data.1 secret=data.2/>
                </Loaded>
            </div>
        }
        .into_any()
    })
}

/// A new secret (shown once), the form for a new credential, and the credentials with their revoke buttons.
#[component]
fn XapiCredentials(credentials: Vec<CredentialView>, tree: Vec<TreeEntry>, secret: Option<String>) -> impl IntoView {
    view! {
        {secret.map(|secret| view! {
            <div class="alert alert--warning" role="status">
                <p>{tr("admin-xapi-secret-once")}</p>
                <p><code>{secret}</code></p>
            </div>
        })}
        <h2>{tr("admin-xapi-new")}</h2>
        <form method="post" action=CreateXapiCredential::url() class="inline-form">
            <div class="field">
                <label for="champ-label">{tr("admin-xapi-label")}</label>
                <input type="text" id="champ-label" name="label" required=true maxlength="100"/>
            </div>
            <div class="field">
                <label for="champ-organization_id">{tr("admin-xapi-unit")}</label>
                <select id="champ-organization_id" name="organization_id">{unit_options(&tree, None, None)}</select>
            </div>
            <button type="submit">{tr("admin-xapi-create")}</button>
        </form>
        <h2>{tr("admin-xapi-list")}</h2>
        {if credentials.is_empty() {
            view! { <p>{tr("admin-xapi-none")}</p> }.into_any()
        } else {
            view! {
                <table class="data-table">
                    <caption class="visually-hidden">{tr("admin-xapi-list")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("admin-xapi-label")}</th>
                        <th scope="col">{tr("admin-xapi-unit")}</th>
                        <th scope="col">{tr("admin-xapi-key")}</th>
                        <th scope="col">{tr("admin-xapi-created")}</th>
                        <th scope="col">{tr("admin-xapi-state")}</th>
                    </tr></thead>
                    <tbody>{credentials.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row">{c.label.clone()}</th>
                            <td>{c.unit}</td>
                            <td><code>{c.key_id}</code></td>
                            <td>{crate::components::labels::local_datetime(c.created_at)}</td>
                            <td>{match c.revoked_at {
                                Some(at) => view! { <span>{tr("admin-xapi-revoked")}" "{crate::components::labels::local_datetime(at)}</span> }.into_any(),
                                None => view! {
                                    <form method="post" action=RevokeXapiCredential::url()>
                                        <input type="hidden" name="id" value=c.id.to_string()/>
                                        <button type="submit" class="button--secondary button--small">
                                            {tr("admin-xapi-revoke")}<span class="visually-hidden">" : "{c.label}</span>
                                        </button>
                                    </form>
                                }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
    }
}
