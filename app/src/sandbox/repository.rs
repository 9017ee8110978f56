//! SQL of the sandbox (server only): the imported scenarios and the practice transcripts.
//! Transcripts are always read and written for one user: no query here crosses accounts.

use super::{debrief::DebriefItem, scenarios::Scenario};
use crate::db::{json_error, Database, DbError, WriteTransaction};

fn scenario_from(json: &str) -> Result<Scenario, DbError> {
    serde_json::from_str(json).map_err(json_error)
}

/// The scenarios learners may practise, in the folder's order.
pub async fn active_scenarios(db: &Database) -> Result<Vec<Scenario>, DbError> {
    let definitions: Vec<String> =
        sqlx::query_scalar("SELECT definition_json FROM sandbox_scenarios WHERE active = 1 ORDER BY position, slug").fetch_all(db.pool()).await?;
    definitions.iter().map(|json| scenario_from(json)).collect()
}

/// An active scenario by its address.
pub async fn scenario(db: &Database, slug: &str) -> Result<Option<Scenario>, DbError> {
    let definition: Option<String> =
        sqlx::query_scalar("SELECT definition_json FROM sandbox_scenarios WHERE slug = $1 AND active = 1").bind(slug).fetch_optional(db.pool()).await?;
    definition.as_deref().map(scenario_from).transpose()
}

/// The hash stored for `slug`, and whether it is active.
pub async fn stored_hash(tx: &mut WriteTransaction, slug: &str) -> Result<Option<(String, bool)>, DbError> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT content_hash, active FROM sandbox_scenarios WHERE slug = $1").bind(slug).fetch_optional(&mut **tx).await?;
    Ok(row.map(|(hash, active)| (hash, active == 1)))
}

/// Writes a scenario (new or changed) and makes it active.
pub async fn upsert_scenario(tx: &mut WriteTransaction, scenario: &Scenario, hash: &str, position: i64, at: i64) -> Result<(), DbError> {
    let json = serde_json::to_string(scenario).map_err(json_error)?;
    sqlx::query(
        "INSERT INTO sandbox_scenarios (slug, position, content_hash, definition_json, active, imported_at) VALUES ($1, $2, $3, $4, 1, $5) \
         ON CONFLICT (slug) DO UPDATE SET position = excluded.position, content_hash = excluded.content_hash, \
         definition_json = excluded.definition_json, active = 1, imported_at = excluded.imported_at",
    )
    .bind(&scenario.slug)
    .bind(position)
    .bind(hash)
    .bind(json)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Keeps a refused scenario's previous version in its place in the folder's order.
pub async fn set_position(tx: &mut WriteTransaction, slug: &str, position: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE sandbox_scenarios SET position = $1 WHERE slug = $2").bind(position).bind(slug).execute(&mut **tx).await?;
    Ok(())
}

/// Every stored scenario's address.
pub async fn scenario_slugs(tx: &mut WriteTransaction) -> Result<Vec<String>, DbError> {
    Ok(sqlx::query_scalar("SELECT slug FROM sandbox_scenarios WHERE active = 1").fetch_all(&mut **tx).await?)
}

pub async fn retire_scenario(tx: &mut WriteTransaction, slug: &str) -> Result<(), DbError> {
    sqlx::query("UPDATE sandbox_scenarios SET active = 0 WHERE slug = $1").bind(slug).execute(&mut **tx).await?;
    Ok(())
}

/// One message of a transcript.
#[derive(Clone, Debug)]
pub struct StoredMessage {
    pub role: String,
    pub content: String,
    pub debrief: Vec<DebriefItem>,
}

/// The conversation of `user_id` on `scenario`, oldest first.
pub async fn conversation(db: &Database, user_id: i64, scenario: &str) -> Result<Vec<StoredMessage>, DbError> {
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT role, content, debrief_json FROM sandbox_messages WHERE user_id = $1 AND scenario = $2 ORDER BY id")
            .bind(user_id)
            .bind(scenario)
            .fetch_all(db.pool())
            .await?;
    rows.into_iter()
        .map(|(role, content, debrief)| {
            let debrief = match debrief {
                Some(json) => serde_json::from_str(&json).map_err(json_error)?,
                None => Vec::new(),
            };
            Ok(StoredMessage { role, content, debrief })
        })
        .collect()
}

/// Stores the assistant's answer, with its debrief.
pub async fn insert_answer(db: &Database, user_id: i64, scenario: &str, content: &str, debrief: &[DebriefItem], at: i64) -> Result<(), DbError> {
    let json = if debrief.is_empty() { None } else { Some(serde_json::to_string(debrief).map_err(json_error)?) };
    db.execute(sqlx::query("INSERT INTO sandbox_messages (user_id, scenario, role, content, debrief_json, created_at) VALUES ($1, $2, 'assistant', $3, $4, $5)")
        .bind(user_id)
        .bind(scenario)
        .bind(content)
        .bind(json)
        .bind(at))
        .await?;
    Ok(())
}

/// Takes back a request the assistant could not answer.
pub async fn delete_message(db: &Database, id: i64) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM sandbox_messages WHERE id = $1").bind(id)).await?;
    Ok(())
}

pub async fn clear_conversation(db: &Database, user_id: i64, scenario: &str) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM sandbox_messages WHERE user_id = $1 AND scenario = $2").bind(user_id).bind(scenario)).await?;
    Ok(())
}

/// Requests of `user_id` since `since`, and in the conversation on `scenario`.
pub async fn request_counts(tx: &mut WriteTransaction, user_id: i64, since: i64, scenario: &str) -> Result<(i64, i64), DbError> {
    Ok(sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM sandbox_messages WHERE user_id = $1 AND role = 'user' AND created_at > $2) AS last_minute, \
                (SELECT COUNT(*) FROM sandbox_messages WHERE user_id = $1 AND role = 'user' AND scenario = $3) AS in_conversation",
    )
    .bind(user_id)
    .bind(since)
    .bind(scenario)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn insert_request(tx: &mut WriteTransaction, user_id: i64, scenario: &str, text: &str, at: i64) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("INSERT INTO sandbox_messages (user_id, scenario, role, content, created_at) VALUES ($1, $2, 'user', $3, $4) RETURNING id")
        .bind(user_id)
        .bind(scenario)
        .bind(text)
        .bind(at)
        .fetch_one(&mut **tx)
        .await?)
}
