//! HR reporting through HTTP: assignments inside the HR scope only, the dashboard and the CSV
//! export following completions, overdue courses, CSV escaping, and the agent's own view.

use app::{
    accounts::{api::SignOut, Role},
    course::repository as courses,
    organizations::repository as units,
    quiz::api::MarkModuleRead,
    reporting::api::{CreateAssignment, WithdrawAssignment},
};
use integration_tests::{write_one_module_course, on_both_engines, spawn_app, Engine, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use sqlx::Row;

on_both_engines!(hr_assigns_in_its_scope_and_follows_completion, overdue_courses_and_withdrawals);

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
    app::time::iso_date(app::time::paris_date(app::db::now() + days * 86_400))
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
    let audited = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'report.export'").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(audited.try_get::<i64, _>("n").unwrap(), 2);
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
    let row = sqlx::query("SELECT due_at FROM enrolments WHERE user_id = $1").bind(org.agent_a1).fetch_one(app.db.pool()).await.unwrap();
    let due_at: i64 = row.try_get("due_at").unwrap();
    assert_eq!(app::time::rfc3339(due_at).len(), 20);
    let (_, _, _, hour, minute, second) = app::time::civil(due_at);
    assert!((hour, minute, second) == (22, 59, 59) || (hour, minute, second) == (21, 59, 59), "end of the day in Paris, in UTC");

    // Time passes: the due instant is behind us.
    sqlx::query("UPDATE enrolments SET due_at = $1 WHERE user_id = $2").bind(app::db::now() - 1).bind(org.agent_a1).execute(app.db.pool()).await.unwrap();
    let dashboard = app.page(&format!("/rh?unite={}&statut=en-retard", org.direction_a)).await;
    assert!(dashboard.contains("1 en retard"), "{dashboard}");
    assert!(dashboard.contains("Agents (1 lignes)"));
    let csv = app.get(&format!("/rh/export.csv?unite={}&statut=en-retard", org.direction_a)).await.text().await.unwrap();
    assert!(csv.contains(";En retard;"), "{csv}");

    // Withdrawn: the obligation goes, the agent's records stay.
    let id: i64 = sqlx::query("SELECT id FROM assignments").fetch_one(app.db.pool()).await.unwrap().try_get("id").unwrap();
    let withdrawn = app.post_form(WithdrawAssignment::url(), &[("id", &id.to_string())]).await;
    assert_eq!(withdrawn.status(), StatusCode::FOUND);
    let left = sqlx::query("SELECT COUNT(*) AS n FROM enrolments").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(left.try_get::<i64, _>("n").unwrap(), 0);
    assert!(shows(&app.page(&format!("/rh?unite={}", org.direction_a)).await, "Aucun cours n'est assigné dans ce périmètre"));
}
