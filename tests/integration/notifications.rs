//! Notifications through a real SMTP server (aiosmtpd): the assignment notice with its `.ics`,
//! reminders and the overdue notice once each as an injected clock moves (no sleeps), nothing
//! after completion; address confirmation at sign-up; the weekly HR digest and the one-click
//! unsubscribe of RFC 8058. The `.ics` is read by the PyPI package `icalendar` (RFC 5545).

use app::{
    accounts::{api::{ConfirmAddress, SignIn, SignUp}, Role},
    reporting::api::CreateAssignment,
};
use integration_tests::{on_both_engines, readable_mail as readable, spawn_app_with, test_mail_settings, write_one_module_course, Engine, SmtpServer, TempDir, TestApp};
use leptos::server_fn::ServerFn;
use server::scheduler::{run_once, SchedulerSettings};

on_both_engines!(
    an_assignment_notice_carries_its_calendar_and_each_reminder_comes_once,
    a_new_account_confirms_its_address_before_signing_in,
    the_hr_digest_comes_once_a_week_and_one_click_unsubscribe_stops_it,
);

const PASSWORD: &str = "une phrase de passe solide";
const DAY: i64 = 86_400;

async fn app_with_relay(engine: Engine, smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    spawn_app_with(engine, move |config| {
        config.mail = Some(test_mail_settings(&url));
        // The test drives the passes with its own clock.
        config.scheduler.interval = std::time::Duration::from_secs(3600);
    })
    .await
}


/// Publishes a one-module course and makes a unit with one agent and one HR officer.
async fn town(app: &TestApp) -> (i64, i64) {
    let dir = TempDir::new();
    write_one_module_course(&dir.0, "ia-au-quotidien", "L'IA au quotidien");
    app::course::repository::import_directory(&app.db, &dir.0).await.unwrap();
    let unit = app::organizations::repository::create(&app.db, None, "Mairie").await.unwrap().id;
    let agent = app.create_account("agent@ville.fr", PASSWORD, Some(unit), None).await;
    // The HR officer follows the unit without being one of its agents (so gets no reminders).
    app.create_account("rh@ville.fr", PASSWORD, None, Some((Role::Hr, Some(unit)))).await;
    (unit, agent)
}

async fn outbox_count(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = $1").bind(kind).fetch_one(app.db.pool()).await.unwrap()
}

fn settings() -> SchedulerSettings {
    SchedulerSettings::default()
}

async fn an_assignment_notice_carries_its_calendar_and_each_reminder_comes_once(engine: Engine) {
    let smtp = SmtpServer::start(0).await;
    let app = app_with_relay(engine, &smtp).await;
    let (unit, agent) = town(&app).await;
    app.sign_in("rh@ville.fr", PASSWORD).await;
    // HR assigns the course to the town, due in 30 days (a date in Paris, as the form gives it).
    let now = app::db::now();
    let due = app::time::iso_date(app::time::local_date(now + 30 * DAY, &app::time::default_zone()));
    let response = app
        .post_form(CreateAssignment::url(), &[("course", "ia-au-quotidien"), ("target", "unite"), ("unit", &unit.to_string()), ("subunits", "on"), ("due_date", &due)])
        .await;
    assert_eq!(response.status(), 302);
    let due_at: i64 = sqlx::query_scalar("SELECT due_at FROM enrolments WHERE user_id = $1").bind(agent).fetch_one(app.db.pool()).await.unwrap();

    // The notice: the scheduler woke up at once.
    let messages = smtp.wait_for(1).await;
    let notice = readable(&messages[0]);
    assert!(notice.contains("To: agent@ville.fr") && notice.contains("Nouveau cours"), "{notice}");
    assert!(notice.contains("List-Unsubscribe: <http://campus.test/courriels/desabonnement/"), "{notice}");
    assert!(notice.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{notice}");
    assert!(notice.contains("text/calendar") && notice.contains("echeance.ics"), "{notice}");
    // The attachment, read by a real RFC 5545 parser from the message as received.
    let python = std::env::var("CAMPUS_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import sys, email, icalendar\n\
        message = email.message_from_string(sys.stdin.read())\n\
        part = next(p for p in message.walk() if p.get_content_type() == 'text/calendar')\n\
        event = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk('VEVENT')[0]\n\
        print(part.get_filename(), event.decoded('DTSTART').isoformat(), event.decoded('DTEND').isoformat(), event.get('SUMMARY'))\n";
    let parsed = std::process::Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(messages[0].as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let read = format!("{}{}", String::from_utf8_lossy(&parsed.stdout), String::from_utf8_lossy(&parsed.stderr));
    let next_day = app::time::iso_date(app::time::local_date(due_at + DAY, &app::time::default_zone()));
    assert_eq!(read.trim(), format!("echeance.ics {due} {next_day} Échéance : L'IA au quotidien"), "one whole day, the due date");

    // The clock moves: 7 days before, twice; 1 day before; the day after, twice.
    let at = |offset: i64| due_at + offset;
    run_once(&app.db, "http://campus.test", &settings(), at(-7 * DAY)).await.unwrap();
    run_once(&app.db, "http://campus.test", &settings(), at(-7 * DAY + 600)).await.unwrap();
    assert_eq!(outbox_count(&app, "reminder").await, 1, "the 7-day reminder, once");
    run_once(&app.db, "http://campus.test", &settings(), at(-DAY + 60)).await.unwrap();
    assert_eq!(outbox_count(&app, "reminder").await, 2, "then the 1-day reminder");
    run_once(&app.db, "http://campus.test", &settings(), at(3600)).await.unwrap();
    run_once(&app.db, "http://campus.test", &settings(), at(2 * DAY)).await.unwrap();
    assert_eq!(outbox_count(&app, "overdue").await, 1, "the overdue notice, once");
    assert_eq!(outbox_count(&app, "assignment").await, 1, "the notice was not sent twice");
    let all = smtp.wait_for(4).await;
    let texts: Vec<String> = all.iter().map(|m| readable(m)).collect();
    assert!(texts.iter().any(|t| t.contains("dans 7 jours")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("demain")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("pas encore termin")), "the overdue notice: {texts:?}");

    // Completed: a new due date brings no reminder.
    sqlx::query("UPDATE enrolments SET completed_at = $1 WHERE user_id = $2").bind(at(3 * DAY)).bind(agent).execute(app.db.pool()).await.unwrap();
    sqlx::query("UPDATE enrolments SET due_at = $1 WHERE user_id = $2").bind(at(10 * DAY)).bind(agent).execute(app.db.pool()).await.unwrap();
    run_once(&app.db, "http://campus.test", &settings(), at(9 * DAY + 60)).await.unwrap();
    assert_eq!(outbox_count(&app, "reminder").await, 2, "nothing once the course is completed");
}

async fn a_new_account_confirms_its_address_before_signing_in(engine: Engine) {
    let smtp = SmtpServer::start(0).await;
    let app = app_with_relay(engine, &smtp).await;
    let unit = app::organizations::repository::create(&app.db, None, "Mairie").await.unwrap().id;
    let signed_up = app
        .post_form(SignUp::url(), &[("display_name", "Léa Petit"), ("email", "lea@ville.fr"), ("organization_id", &unit.to_string()), ("password", PASSWORD)])
        .await;
    assert_eq!(signed_up.headers()["location"], "/connexion");
    let told = app.page("/connexion").await;
    assert!(told.contains("Un message vient d") && told.contains("lea@ville.fr"), "{told}");
    // Not before the link is followed.
    let early = app.post_form(SignIn::url(), &[("email", "lea@ville.fr"), ("password", PASSWORD)]).await;
    assert_eq!(early.headers()["location"], "/connexion");
    assert!(app.page("/connexion").await.contains("Confirmez d"), "the reason is given");

    let message = readable(&smtp.wait_for(1).await[0]);
    assert!(message.contains("Confirmez votre adresse"), "{message}");
    let start = message.find("/inscription/confirmer/").unwrap() + "/inscription/confirmer/".len();
    let token: String = message[start..].chars().take_while(char::is_ascii_hexdigit).collect();
    assert_eq!(token.len(), 64);
    assert!(app.page(&format!("/inscription/confirmer/{token}")).await.contains("Confirmer mon adresse"));
    let confirmed = app.post_form(ConfirmAddress::url(), &[("token", &token)]).await;
    assert_eq!(confirmed.headers()["location"], "/cours", "confirmed and signed in");
    assert!(app.page("/mon-compte").await.contains("lea@ville.fr"));
    // The link works once.
    assert!(app.page(&format!("/inscription/confirmer/{token}")).await.contains("ne fonctionne plus"));
}

async fn the_hr_digest_comes_once_a_week_and_one_click_unsubscribe_stops_it(engine: Engine) {
    let smtp = SmtpServer::start(0).await;
    let app = app_with_relay(engine, &smtp).await;
    let (unit, agent) = town(&app).await;
    let now = app::db::now();
    sqlx::query("INSERT INTO assignments (course_slug, organization_id, include_subunits, due_at, due_date, created_at, updated_at) VALUES ('ia-au-quotidien', $1, 1, $2, '2026-01-01', $3, $3)")
        .bind(unit)
        .bind(now - DAY)
        .bind(now - 30 * DAY)
        .execute(app.db.pool())
        .await
        .unwrap();
    app::reporting::repository::rebuild_all_enrolments(&app.db).await.unwrap();
    let _ = agent;
    run_once(&app.db, "http://campus.test", &settings(), now).await.unwrap();
    run_once(&app.db, "http://campus.test", &settings(), now + 60).await.unwrap();
    assert_eq!(outbox_count(&app, "hr-digest").await, 1, "once a week");
    // The agent's overdue notice goes out too: wait for both.
    let digest = smtp.wait_for(2).await.iter().map(|m| readable(m)).find(|m| m.contains("To: rh@ville.fr") && m.contains("X-RcptTo: rh@ville.fr")).expect("the digest");
    assert!(digest.contains("1 cours en retard") && digest.contains("http://campus.test/rh"), "{digest}");
    let start = digest.find("List-Unsubscribe: <").unwrap() + "List-Unsubscribe: <".len();
    let link = digest[start..].split('>').next().unwrap().replace("http://campus.test", "");
    // What a mail client does for the one-click unsubscribe (RFC 8058): a POST without cookies.
    let client = reqwest::Client::new();
    let done = client.post(app.url(&link)).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(done.status(), 200);
    run_once(&app.db, "http://campus.test", &settings(), now + 8 * DAY).await.unwrap();
    assert_eq!(outbox_count(&app, "hr-digest").await, 1, "no digest after unsubscribing");
    let _ = app.client.get(app.url("/")).send().await;
}
