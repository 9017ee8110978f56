//! Pushes xAPI statements to an external Learning Record Store (`CAMPUS_LRS_URL`, with
//! `CAMPUS_LRS_USERNAME` / `CAMPUS_LRS_PASSWORD` for HTTP Basic). Statements wait in the
//! database until the LRS accepts them, so nothing is lost while it is down: failures are
//! retried with a growing delay (up to ten minutes). Statement ids make a second delivery
//! harmless (an LRS keeps one statement per id), which is what happens if two instances send
//! the same batch at once.

use std::time::Duration;

use app::{db::Database, xapi::store};
use secrecy::{ExposeSecret, SecretString};

/// Where and how to send statements.
#[derive(Clone, Debug)]
pub struct LrsSettings {
    /// The LRS endpoint, without `/statements`.
    pub url: String,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// Time between two deliveries when all goes well.
    pub interval: Duration,
}

/// Statements sent per request.
const BATCH: i64 = 100;
const LONGEST_WAIT: Duration = Duration::from_secs(600);

/// Sends pending statements forever; returns only if the HTTP client cannot be built.
pub async fn push_forever(db: Database, settings: LrsSettings) {
    let client = match reqwest::Client::builder().timeout(Duration::from_secs(30)).build() {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "LRS client could not be built: statements stay queued");
            return;
        }
    };
    let mut wait = settings.interval;
    loop {
        tokio::time::sleep(wait).await;
        wait = match push_pending(&db, &client, &settings).await {
            Ok(_) => settings.interval,
            Err(error) => {
                let next = (wait * 2).clamp(settings.interval, LONGEST_WAIT);
                tracing::warn!(%error, retry_in = ?next, "LRS delivery failed, statements stay queued");
                next
            }
        };
    }
}

/// Sends every pending statement, batch by batch; returns how many the LRS accepted.
pub async fn push_pending(db: &Database, client: &reqwest::Client, settings: &LrsSettings) -> Result<usize, String> {
    let mut sent = 0;
    loop {
        let pending = store::pending_statements(db, BATCH).await.map_err(|e| e.to_string())?;
        if pending.is_empty() {
            return Ok(sent);
        }
        let (ids, statements): (Vec<String>, Vec<serde_json::Value>) = pending.into_iter().unzip();
        let mut request = client
            .post(format!("{}/statements", settings.url.trim_end_matches('/')))
            .header("X-Experience-API-Version", "1.0.3")
            .json(&statements);
        if let Some(username) = &settings.username {
            request = request.basic_auth(username, settings.password.as_ref().map(ExposeSecret::expose_secret));
        }
        let response = request.send().await.map_err(|e| format!("LRS unreachable: {e}"))?;
        // 409 Conflict: the LRS already holds these ids, which is a delivery too.
        if !(response.status().is_success() || response.status() == reqwest::StatusCode::CONFLICT) {
            return Err(format!("LRS answered HTTP {}", response.status()));
        }
        store::mark_pushed(db, &ids).await.map_err(|e| e.to_string())?;
        sent += ids.len();
    }
}
