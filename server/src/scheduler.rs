//! The periodic tasks, inside the server (no cron): every few minutes, and at once when HR
//! assigns a course, the notification passes of `app::mail::notices` queue assignment notices,
//! reminders, overdue notices and HR digests. Several instances may run it on one database:
//! every step has its deduplication key, so each message is queued once.

use std::{sync::Arc, time::Duration};

use app::{db::Database, mail::notices};
use tokio::sync::Notify;

/// How the passes run.
#[derive(Clone, Debug)]
pub struct SchedulerSettings {
    /// Time between two passes when nothing wakes the scheduler.
    pub interval: Duration,
    /// Reminders this many days before a due date (`CAMPUS_REMINDER_DAYS`, default 7 and 1).
    pub reminder_days: Vec<i64>,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        SchedulerSettings { interval: Duration::from_secs(300), reminder_days: notices::DEFAULT_REMINDER_DAYS.to_vec() }
    }
}

/// Runs one round of every pass at `at`; logs what was queued.
pub async fn run_once(db: &Database, public_url: &str, settings: &SchedulerSettings, at: i64) -> Result<notices::PassReport, app::db::DbError> {
    let mut report = notices::course_pass(db, public_url, at, &settings.reminder_days).await?;
    report.digests = notices::digest_pass(db, public_url, at).await?;
    if report != notices::PassReport::default() {
        tracing::info!(?report, "notifications queued");
    }
    Ok(report)
}

/// Runs the passes forever: every `interval`, or sooner when `wake` is notified.
pub async fn run_forever(db: Database, public_url: String, settings: SchedulerSettings, wake: Arc<Notify>) {
    loop {
        if let Err(error) = run_once(&db, &public_url, &settings, app::db::now()).await {
            tracing::warn!(%error, "notification pass failed; it runs again at the next round");
        }
        tokio::select! {
            _ = tokio::time::sleep(settings.interval) => {}
            _ = wake.notified() => {
                // Let the transaction that woke us (an assignment and its enrolments) finish.
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}
