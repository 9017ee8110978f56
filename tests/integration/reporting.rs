//! HR reporting through HTTP: assignments inside the HR scope only, the dashboard and the CSV
//! export following completions, overdue courses, CSV escaping, and the agent's own view.

use app::{
    accounts::{api::{SignOut, UpdateOrganization}, Role},
    course::repository as courses,
    organizations::repository as units,
    quiz::api::MarkModuleRead,
    reporting::api::{CreateAssignment, WithdrawAssignment},
};
use integration_tests::{write_one_module_course, on_both_engines, spawn_app, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

on_both_engines!(hr_assigns_in_its_scope_and_follows_completion, overdue_courses_and_withdrawals, due_dates_end_at_midnight_in_the_agents_time_zone);

const PASSWORD: &str = "une phrase de passe solide";

struct Org {
    ministry: i64,
    direction_a: i64,
    service_a1: i64,
    direction_b: i64,
    agent_a1: i64,
    agent_b1: i64,
}

async fn setup(app: &TestApp) -> (Org, TempDir) {
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "obligatoire", "Cours obligatoire");
    let reports = courses::import_directory(&app.db, &dir.0).await.unwrap();
    assert!(reports[0].outcome.is_some(), "{:?}", reports[0].diagnostics);
    let ministry = units::create(&app.db, None, "Ministère").await.unwrap().id;
    let direction_a = units::create(&app.db, Some(ministry), "Direction A").await.unwrap().id;
    let service_a1 = units::create(&app.db, Some(direction_a), "Service A1").await.unwrap().id;
    let direction_b = units::create(&app.db, Some(ministry), "Direction B").await.unwrap().id;
    app.create_account("rh-a@ville.fr", PASSWORD, Some(direction_a), Some((Role::Hr, Some(direction_a)))).await;
    let agent_a1 = app.create_account("a1@ville.fr", PASSWORD, Some(service_a1), None).await;
    let agent_b1 = app.create_account("b1@ville.fr", PASSWORD, Some(direction_b), None).await;
    // A name a spreadsheet would run as a formula if the export did not neutralise it.
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind("=HYPERLINK(\"http://pirate.example\";\"Alice\")")
        .bind(agent_a1)
        .execute(app.db.pool())
        .await
        .unwrap();
    (Org { ministry, direction_a, service_a1, direction_b, agent_a1, agent_b1 }, dir)
}

/// Today plus `days`, as `YYYY-MM-DD` (Paris calendar).
fn date_in(days: i64) -> String {
    app::time::iso_date(app::time::local_date(app::db::now() + days * 86_400, &app::time::default_zone()))
}

/// Whether the page shows `text` (apostrophes may be written as entities).
fn shows(page: &str, text: &str) -> bool {
    page.contains(text) || page.contains(&text.replace('\'', "&#x27;")) || page.contains(&text.replace('\'', "&#39;"))
}

async fn switch_to(app: &TestApp, email: &str) {
    app.post_form(SignOut::url(), &[]).await;
    app.sign_in(email, PASSWORD).await;
}

async fn hr_assigns_in_its_scope_and_follows_completion(engine: Engine) {
    let app = spawn_app(engine).await;
    let (org, _dir) = setup(&app).await;
    // Agents and other roles have no access.
    app.sign_in("a1@ville.fr", PASSWORD).await;
    assert_eq!(app.get("/rh").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/rh/export.csv").await.status(), StatusCode::FORBIDDEN);

    switch_to(&app, "rh-a@ville.fr").await;
    // Outside the scope: another direction, the whole ministry, an agent of another direction.
    let refused = app
        .post_form(CreateAssignment::url(), &[("course", "obligatoire"), ("target", "unite"), ("unit", &org.direction_b.to_string()), ("subunits", "oui")])
        .await;
    assert_eq!(refused.headers()["location"], "/rh/affectations#nouvelle");
    assert!(shows(&app.page("/rh/affectations").await, "cette unité n'est pas dans votre périmètre RH"));
    let refused = app.post_form(CreateAssignment::url(), &[("course", "obligatoire"), ("target", "agents"), ("agents", "b1@ville.fr")]).await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let page = app.page("/rh/affectations").await;
    assert!(page.contains("b1@ville.fr"), "the refused address is named: {page}");
    assert!(shows(&page, "Aucune affectation pour l'instant."), "nothing was assigned");
    for path in [format!("/rh?unite={}", org.direction_b), format!("/rh?unite={}", org.ministry), format!("/rh/agents/{}", org.agent_b1)] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.get(&format!("/rh/export.csv?unite={}", org.direction_b)).await.status(), StatusCode::FORBIDDEN);

    // Inside: the direction and its services.
    let due = date_in(10);
    let created = app
        .post_form(
            CreateAssignment::url(),
            &[("course", "obligatoire"), ("target", "unite"), ("unit", &org.direction_a.to_string()), ("subunits", "oui"), ("due_date", &due), ("note", "Avant la fin du trimestre.")],
        )
        .await;
    assert_eq!(created.headers()["location"], "/rh/affectations");
    let page = app.page("/rh/affectations").await;
    assert!(page.contains("Affectation enregistrée.") && page.contains("Cours obligatoire"), "{page}");

    let dashboard = app.page(&format!("/rh?unite={}", org.direction_a)).await;
    assert!(dashboard.contains("Service A1"), "sub-units are rows");
    assert!(dashboard.contains("0 / 2 terminés (0 %)"), "the HR account and agent a1 are enrolled: {dashboard}");
    assert!(!dashboard.contains("b1@ville.fr") && !dashboard.contains("Direction B"));
    assert!(dashboard.contains("<svg") && dashboard.contains("role=\"img\""), "the chart");

    // The agent sees the assignment, completes the course; HR sees it.
    switch_to(&app, "a1@ville.fr").await;
    let mine = app.page("/mon-parcours").await;
    assert!(mine.contains("Cours assignés") && mine.contains("Avant la fin du trimestre.") && mine.contains(&format!("À terminer avant le {due}")), "{mine}");
    app.get("/cours/obligatoire/seul").await;
    app.post_form(MarkModuleRead::url(), &[("course", "obligatoire"), ("module", "seul")]).await;
    switch_to(&app, "rh-a@ville.fr").await;
    let dashboard = app.page(&format!("/rh?unite={}", org.direction_a)).await;
    assert!(dashboard.contains("1 / 2 terminés (50 %)"), "{dashboard}");
    let service = app.page(&format!("/rh?unite={}&statut=termine", org.service_a1)).await;
    assert!(service.contains("Agents (1 lignes)"), "drill-down and status filter: {service}");
    let agent = app.page(&format!("/rh/agents/{}", org.agent_a1)).await;
    assert!(agent.contains("Terminé") && agent.contains("Cours obligatoire"));

    // The CSV: BOM, header, a stable order, escaped formulas, the scope only, audited.
    let csv = app.get(&format!("/rh/export.csv?unite={}&tri=nom", org.direction_a)).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "UTF-8 BOM for spreadsheet software");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "Agent;Adresse électronique;Unité;Cours;Statut;Échéance;Commencé le;Terminé le");
    assert_eq!(lines.len(), 3, "{body}");
    let alice = lines.iter().find(|l| l.contains("a1@ville.fr")).expect("agent a1");
    assert!(alice.starts_with("\"'=HYPERLINK(\"\"http://pirate.example\"\";\"\"Alice\"\")\";"), "formula neutralised and quoted: {alice}");
    assert!(alice.contains(";Terminé;") && alice.contains(&due));
    assert!(!body.contains("b1@ville.fr"));
    let comma = app.get(&format!("/rh/export.csv?unite={}&separateur=virgule", org.direction_a)).await.text().await.unwrap();
    assert!(comma.contains("Agent,Adresse électronique,Unité"));
    assert_eq!(app.get("/rh/export.csv?separateur=tabulation").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/rh/export.csv?statut=perdu").await.status(), StatusCode::BAD_REQUEST);
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'report.export'").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(audited, 2);
}

async fn overdue_courses_and_withdrawals(engine: Engine) {
    let app = spawn_app(engine).await;
    let (org, _dir) = setup(&app).await;
    app.sign_in("rh-a@ville.fr", PASSWORD).await;
    // A due date already past is refused.
    app.post_form(CreateAssignment::url(), &[("course", "obligatoire"), ("target", "agents"), ("agents", "a1@ville.fr"), ("due_date", &date_in(-1))]).await;
    assert!(app.page("/rh/affectations").await.contains("est déjà passé"));
    // Due today (Paris): on time until midnight French time.
    app.post_form(CreateAssignment::url(), &[("course", "obligatoire"), ("target", "agents"), ("agents", "a1@ville.fr"), ("due_date", &date_in(0))]).await;
    let dashboard = app.page(&format!("/rh?unite={}", org.direction_a)).await;
    assert!(dashboard.contains("0 en retard · 0 en cours · 1 non commencés"), "{dashboard}");
    let due_at: i64 = sqlx::query_scalar("SELECT due_at FROM enrolments WHERE user_id = $1").bind(org.agent_a1).fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(app::time::rfc3339(due_at).len(), 20);
    let time = &app::time::rfc3339(due_at)[11..];
    assert!(time == "22:59:59Z" || time == "21:59:59Z", "end of the day in Paris, in UTC: {time}");

    // Time passes: the due instant is behind us.
    sqlx::query("UPDATE enrolments SET due_at = $1 WHERE user_id = $2").bind(app::db::now() - 1).bind(org.agent_a1).execute(app.db.pool()).await.unwrap();
    let dashboard = app.page(&format!("/rh?unite={}&statut=en-retard", org.direction_a)).await;
    assert!(dashboard.contains("1 en retard"), "{dashboard}");
    assert!(dashboard.contains("Agents (1 lignes)"));
    let csv = app.get(&format!("/rh/export.csv?unite={}&statut=en-retard", org.direction_a)).await.text().await.unwrap();
    assert!(csv.contains(";En retard;"), "{csv}");

    // Withdrawn: the obligation goes, the agent's records stay.
    let id: i64 = sqlx::query_scalar("SELECT id FROM assignments").fetch_one(app.db.pool()).await.unwrap();
    let withdrawn = app.post_form(WithdrawAssignment::url(), &[("id", &id.to_string())]).await;
    assert_eq!(withdrawn.status(), StatusCode::FOUND);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM enrolments").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(left, 0);
    assert!(shows(&app.page(&format!("/rh?unite={}", org.direction_a)).await, "Aucun cours n'est assigné dans ce périmètre"));
}

/// The time of day of an instant in UTC (`19:59:59Z`).
fn utc_time(at: i64) -> String {
    app::time::rfc3339(at)[11..].to_owned()
}

async fn due_at_of(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar("SELECT due_at FROM enrolments WHERE user_id = $1").bind(user).fetch_one(app.db.pool()).await.unwrap()
}

/// Service A1's form as the units page sends it, with its time zone (empty: its parent's).
async fn set_service_zone(app: &TestApp, org: &Org, zone: &str) {
    let (id, parent) = (org.service_a1.to_string(), org.direction_a.to_string());
    app.post_form(UpdateOrganization::url(), &[("id", id.as_str()), ("name", "Service A1"), ("parent_id", parent.as_str()), ("time_zone", zone)]).await;
}

async fn due_dates_end_at_midnight_in_the_agents_time_zone(engine: Engine) {
    let app = spawn_app(engine).await;
    let (org, _dir) = setup(&app).await;
    units::create(&app.db, Some(org.service_a1), "Bureau de Saint-Denis").await.unwrap();
    app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    app.sign_in("admin@ville.fr", PASSWORD).await;
    // A zone that does not exist is refused, and nothing changes.
    set_service_zone(&app, &org, "Mars/Olympus").await;
    let units_page = app.page("/admin/unites").await;
    assert!(units_page.contains("n&#x27;existe pas") || units_page.contains("n'existe pas"), "{units_page}");
    // Service A1 is in La Réunion; the office below it inherits the zone.
    set_service_zone(&app, &org, "Indian/Reunion").await;
    let units_page = app.page("/admin/unites").await;
    assert!(units_page.contains(r#"<option value="Indian/Reunion" selected"#), "the unit's own zone is selected: {units_page}");
    assert!(shows(&units_page, "Celui de l'unité parente (La Réunion)"), "the office inherits it: {units_page}");
    assert!(shows(&units_page, "Celui de l'unité parente (Paris)"), "Paris at the root");
    let audited: String = sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'organization.update' ORDER BY id DESC").fetch_one(app.db.pool()).await.unwrap();
    assert!(audited.contains("fuseau Indian/Reunion"));
    app.post_form(SignOut::url(), &[]).await;

    // HR assigns the course to Direction A and below, due in ten days.
    app.sign_in("rh-a@ville.fr", PASSWORD).await;
    let due = date_in(10);
    app.post_form(CreateAssignment::url(), &[("course", "obligatoire"), ("target", "unite"), ("unit", &org.direction_a.to_string()), ("subunits", "on"), ("due_date", &due)]).await;
    // The agent in La Réunion (UTC+4) has until 23:59:59 there, 19:59:59 UTC; the HR officer in
    // Paris until 23:59:59 in Paris.
    let reunion = due_at_of(&app, org.agent_a1).await;
    assert_eq!(utc_time(reunion), "19:59:59Z");
    assert_eq!(app::time::iso_date(app::time::local_date(reunion, &app::time::zone("Indian/Reunion").unwrap())), due);
    let hr_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'rh-a@ville.fr'").fetch_one(app.db.pool()).await.unwrap();
    let paris = due_at_of(&app, hr_id).await;
    assert!(["21:59:59Z", "22:59:59Z"].contains(&utc_time(paris).as_str()), "{}", utc_time(paris));
    // Both see the same calendar date on the dashboard, in the export and in the filter.
    let dashboard = app.page(&format!("/rh?unite={}", org.direction_a)).await;
    assert_eq!(dashboard.matches(&format!("<td>{due}</td>")).count(), 2, "{dashboard}");
    let filtered = app.page(&format!("/rh?unite={}&echeance={due}", org.direction_a)).await;
    assert!(filtered.contains("Agents (2 lignes)"), "{filtered}");
    let csv = app.get(&format!("/rh/export.csv?unite={}", org.direction_a)).await.text().await.unwrap();
    assert_eq!(csv.matches(&format!(";{due};")).count(), 2, "{csv}");
    app.post_form(SignOut::url(), &[]).await;

    // The unit goes back to its parent's zone: the agent's due time moves with it.
    app.sign_in("admin@ville.fr", PASSWORD).await;
    set_service_zone(&app, &org, "").await;
    assert_eq!(due_at_of(&app, org.agent_a1).await, paris);
    let audited: String = sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'organization.update' ORDER BY id DESC").fetch_one(app.db.pool()).await.unwrap();
    assert!(audited.ends_with("SIRET aucun, fuseau hérité"));
    // The learner's pages show times in their zone, named.
    set_service_zone(&app, &org, "America/Cayenne").await;
    app.post_form(SignOut::url(), &[]).await;
    app.sign_in("a1@ville.fr", PASSWORD).await;
    let cayenne = due_at_of(&app, org.agent_a1).await;
    assert_eq!(utc_time(cayenne), "02:59:59Z", "UTC-3: the next day in UTC");
    let own = app.page("/mon-parcours").await;
    assert!(own.contains(&due), "{own}");
}
