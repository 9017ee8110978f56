//! The agents file from the HR directory, through the directory page: problems reported line by
//! line with nothing written, a dry run that writes nothing, an apply that happens once even when
//! asked in parallel, a second run that changes nothing, a full sync that deactivates (and takes
//! the agent out of HR figures, closes their sessions, keeps their history), and HR limited to
//! their subtree. Also the administrator's deactivate button.

use app::{
    accounts::Role,
    identity::api::{ApplyDirectoryImport, SetAccountActive},
};
use integration_tests::{on_both_engines, spawn_app, Engine, TestApp};
use leptos::server_fn::ServerFn;

on_both_engines!(
    an_agents_file_is_checked_applied_once_and_a_second_run_changes_nothing,
    a_full_sync_deactivates_the_missing_agents_and_hr_stays_in_its_subtree,
    an_administrator_deactivates_and_reactivates_an_account,
);

const PASSWORD: &str = "une phrase de passe solide";

/// Uploads `csv` as the directory page's form does; returns the report's address.
async fn upload(app: &TestApp, csv: &str, scope: &str, full_sync: bool) -> String {
    let mut form = reqwest::multipart::Form::new()
        .part("fichier", reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("agents.csv").mime_str("text/csv").unwrap())
        .text("perimetre", scope.to_owned());
    if full_sync {
        form = form.text("synchronisation", "on");
    }
    let response = app.client.post(app.url("/annuaire/import")).header("Origin", &app.address).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 303, "{:?}", response.text().await);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/annuaire/import/"), "{location}");
    location
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db.pool()).await.unwrap()
}

async fn admin(app: &TestApp) -> i64 {
    let id = app.create_account("admin@ville.fr", PASSWORD, None, Some((Role::Admin, None))).await;
    app.sign_in("admin@ville.fr", PASSWORD).await;
    id
}

const GOOD_FILE: &str = "\u{feff}email;prenom;nom;unite;role;siret;identifiant\n\
    camille.durand@mairie.fr;Camille;Durand;Mairie / État civil;rh;21750001600019;RH-1\n\
    jean.martin@mairie.fr;Jean;Martin;Mairie / État civil;;;RH-2\n\
    awa.diallo@mairie.fr;\"Awa\";Diallo;Mairie / Urbanisme;;;RH-3\n";

async fn an_agents_file_is_checked_applied_once_and_a_second_run_changes_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    admin(&app).await;
    let accounts_before = count(&app, "SELECT COUNT(*) FROM users").await;

    // A file with problems: every one reported with its line, nothing written.
    let bad = "email;prenom;nom;unite\ncamille@mairie.fr;Camille;Durand;Mairie\npas-une-adresse;Jean;Martin;Mairie\njean@mairie.fr;;Martin;\n";
    let report = app.page(&upload(&app, bad, "", false).await).await;
    assert!(report.contains("ligne 3 : l&#x27;adresse électronique doit avoir la forme nom@domaine.fr") || report.contains("ligne 3 : l'adresse électronique doit avoir la forme nom@domaine.fr"), "{report}");
    assert!(report.contains("ligne 4 : le prénom est vide"), "{report}");
    assert!(!report.contains("Appliquer l"), "a file with problems cannot be applied");
    // The same report, read in English.
    let location = upload(&app, bad, "", false).await;
    let english = app.client.get(app.url(&location)).header("Accept-Language", "en").send().await.unwrap().text().await.unwrap();
    assert!(english.contains("line 4: the first name is empty"), "{english}");
    assert!(english.contains("line 3: the e-mail address must"), "{english}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, accounts_before);

    // A byte-order mark, a quoted field: the dry run says what will happen, writes nothing.
    let good = GOOD_FILE;
    let location = upload(&app, good, "", false).await;
    let report = app.page(&location).await;
    assert!(report.contains("3 compte(s) créé(s)") && report.contains("3 unité(s) créée(s)") && report.contains("1 rôle(s) donné(s)"), "{report}");
    assert!(report.contains("Mairie / État civil") && report.contains("Mairie / Urbanisme"), "{report}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, accounts_before, "a dry run writes no account");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM organizations").await, 0, "nor any unit");

    // Applied from five tabs at once: it happens once.
    let id = location.rsplit('/').next().unwrap().to_owned();
    let fields = [("id", id.as_str())];
    let click = || app.post_form(ApplyDirectoryImport::url(), &fields);
    let clicks = tokio::join!(click(), click(), click(), click(), click());
    for response in [clicks.0, clicks.1, clicks.2, clicks.3, clicks.4] {
        assert_eq!(response.status(), 302);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, accounts_before + 3);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'directory.import'").await, 1);
    let camille: (String, Option<String>, Option<String>, String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT u.display_name, u.external_id, u.password_hash, o.name, o.siret, (SELECT role FROM user_roles r WHERE r.user_id = u.id) AS role \
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = 'camille.durand@mairie.fr'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let (display_name, external_id, password_hash, unit, siret, role) = camille;
    assert_eq!(display_name, "Camille Durand");
    assert_eq!(unit, "État civil");
    assert_eq!(siret.as_deref(), Some("21750001600019"));
    assert_eq!(external_id.as_deref(), Some("RH-1"));
    assert_eq!(role.as_deref(), Some("hr"));
    assert_eq!(password_hash, None, "signs in through ProConnect or sets a password by « Mot de passe oublié »");
    let applied = app.page(&location).await;
    assert!(applied.contains("Ce que l&#x27;import a fait") || applied.contains("Ce que l'import a fait"), "{applied}");

    // The same file again: nothing changes.
    let again = app.page(&upload(&app, good, "", false).await).await;
    assert!(again.contains("0 compte(s) créé(s)") && again.contains("0 compte(s) modifié(s)") && again.contains("3 compte(s) inchangé(s)") && again.contains("0 unité(s) créée(s)"), "{again}");

    // A changed address with the same HR identifier updates the account instead of adding one.
    let moved = GOOD_FILE.replace("jean.martin@mairie.fr;Jean;Martin;Mairie / État civil", "jean.martin@ville.fr;Jean;Martin;Mairie / Urbanisme");
    let location = upload(&app, &moved, "", false).await;
    assert!(app.page(&location).await.contains("1 compte(s) modifié(s)"));
    let id = location.rsplit('/').next().unwrap().to_owned();
    app.post_form(ApplyDirectoryImport::url(), &[("id", id.as_str())]).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE external_id = 'RH-2' AND email = 'jean.martin@ville.fr'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, accounts_before + 3);
}

async fn apply(app: &TestApp, csv: &str, scope: &str, full_sync: bool) -> String {
    let location = upload(app, csv, scope, full_sync).await;
    let report = app.page(&location).await;
    let id = location.rsplit('/').next().unwrap().to_owned();
    if report.contains("Appliquer l") {
        app.post_form(ApplyDirectoryImport::url(), &[("id", id.as_str())]).await;
    }
    report
}

async fn a_full_sync_deactivates_the_missing_agents_and_hr_stays_in_its_subtree(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin_id = admin(&app).await;
    apply(&app, GOOD_FILE, "", false).await;
    let civil: i64 = sqlx::query_scalar("SELECT id FROM organizations WHERE name = 'État civil'").fetch_one(app.db.pool()).await.unwrap();
    let town: i64 = sqlx::query_scalar("SELECT id FROM organizations WHERE name = 'Mairie'").fetch_one(app.db.pool()).await.unwrap();
    // HR assigned a course to the whole town: three agents in the figures.
    sqlx::query("INSERT INTO assignments (course_slug, organization_id, include_subunits, created_at, updated_at) VALUES ('un-cours', $1, 1, 0, 0)").bind(town).execute(app.db.pool()).await.unwrap();
    app::reporting::repository::rebuild_all_enrolments(&app.db).await.unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM enrolments WHERE course_slug = 'un-cours'").await, 3);
    let jean: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'jean.martin@mairie.fr'").fetch_one(app.db.pool()).await.unwrap();
    app::accounts::session::create(&app.db, jean).await.unwrap();

    // Full sync of the town without Jean: the dry run lists him, the apply deactivates him.
    let without_jean: String = GOOD_FILE.lines().filter(|l| !l.contains("jean.martin")).map(|l| format!("{l}\n")).collect();
    let report = apply(&app, &without_jean, &town.to_string(), true).await;
    assert!(report.contains("1 compte(s) désactivé(s)") && report.contains("jean.martin@mairie.fr"), "{report}");
    let disabled: Option<i64> = sqlx::query_scalar("SELECT disabled_at FROM users WHERE id = $1").bind(jean).fetch_one(app.db.pool()).await.unwrap();
    assert!(disabled.is_some(), "deactivated, not deleted");
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM sessions WHERE user_id = {jean}")).await, 0, "his sessions are closed");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM enrolments WHERE course_slug = 'un-cours'").await, 2, "out of HR figures");
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM users WHERE id = {admin_id} AND disabled_at IS NULL")).await, 1, "the administrator is never deactivated");
    // Listed again: reactivated.
    let back = apply(&app, GOOD_FILE, &town.to_string(), true).await;
    assert!(back.contains("1 compte(s) réactivé(s)"), "{back}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM enrolments WHERE course_slug = 'un-cours'").await, 3);

    // HR of « État civil » imports only there.
    app.create_account("rh@ville.fr", PASSWORD, Some(civil), Some((Role::Hr, Some(civil)))).await;
    app.client.get(app.url("/")).send().await.unwrap();
    app.sign_in("rh@ville.fr", PASSWORD).await;
    let outside = "email;prenom;nom;unite\nawa.diallo@mairie.fr;Awa;Diallo;Mairie / État civil\nnouveau@mairie.fr;Léa;Petit;Mairie / Finances\n";
    let report = apply(&app, outside, &civil.to_string(), false).await;
    assert!(report.contains("ligne 2 : awa.diallo@mairie.fr est un agent de l&#x27;unité « Mairie / Urbanisme », hors de votre périmètre") || report.contains("ligne 2 : awa.diallo@mairie.fr est un agent de l'unité « Mairie / Urbanisme », hors de votre périmètre"), "{report}");
    assert!(report.contains("ligne 3 :") && report.contains("Mairie / Finances"), "{report}");
    let whole = app.client
        .post(app.url("/annuaire/import"))
        .header("Origin", &app.address)
        .multipart(reqwest::multipart::Form::new().part("fichier", reqwest::multipart::Part::bytes(outside.as_bytes().to_vec()).file_name("a.csv")).text("perimetre", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(whole.status(), 303);
    assert_eq!(whole.headers()["location"], "/annuaire", "HR cannot import for the whole organisation");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE email = 'nouveau@mairie.fr'").await, 0);
}

async fn an_administrator_deactivates_and_reactivates_an_account(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin_id = admin(&app).await;
    let agent = app.create_account("agent@ville.fr", PASSWORD, None, None).await;
    let other = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap();
    let signed = other.post(app.url(app::accounts::api::SignIn::url())).header("Accept", "text/html").form(&[("email", "agent@ville.fr"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(signed.headers()["location"], "/mon-parcours");
    assert!(app.page("/admin/utilisateurs").await.contains("Désactiver"));

    let response = app.post_form(SetAccountActive::url(), &[("user_id", &agent.to_string()), ("active", "false")]).await;
    assert_eq!(response.headers()["location"], "/admin/utilisateurs");
    let page = other.get(app.url("/mon-compte")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("agent@ville.fr"), "the agent's session is closed");
    let refused = other.post(app.url(app::accounts::api::SignIn::url())).header("Accept", "text/html").form(&[("email", "agent@ville.fr"), ("password", PASSWORD)]).send().await.unwrap();
    assert_ne!(refused.headers()["location"], "/mon-parcours", "a deactivated account cannot sign in");
    assert!(app.page("/admin/utilisateurs").await.contains("Réactiver"));

    let own = app.call(SetAccountActive::url(), &[("user_id", &admin_id.to_string()), ("active", "false")]).await;
    assert_eq!(own.status(), 422, "not one's own account");
    app.post_form(SetAccountActive::url(), &[("user_id", &agent.to_string()), ("active", "true")]).await;
    let again = other.post(app.url(app::accounts::api::SignIn::url())).header("Accept", "text/html").form(&[("email", "agent@ville.fr"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(again.headers()["location"], "/mon-parcours");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('account.deactivate', 'account.reactivate')").await, 2);
}
