//! The sandbox's writes, each in one transaction (server only): importing the scenario files of
//! `courses/atelier/` (a file with an error is refused and its previous version stays online; a
//! file that disappeared retires its scenario), and reserving a learner's request within the
//! atelier's limits.

use std::path::Path;

use super::{repository, scenarios::{check_scenarios, ScenarioCheck}};
use crate::{
    course::diagnostics::Diagnostic,
    db::{now, Database, DbError},
};

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("lecture des scénarios de {path} impossible : {source}")]
    Read { path: String, source: std::io::Error },
    #[error(transparent)]
    Database(#[from] DbError),
}

/// What importing the scenarios did.
#[derive(Debug, Default)]
pub struct ScenarioImport {
    /// New or changed scenarios now online.
    pub published: Vec<String>,
    pub unchanged: usize,
    /// Files with an error (their previous version, if any, stays online).
    pub refused: usize,
    /// Scenarios whose file is gone.
    pub retired: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks and imports `courses_dir/atelier`; `None` when the folder has no such sub-folder.
pub async fn import_scenarios(db: &Database, courses_dir: &Path) -> Result<Option<ScenarioImport>, SandboxError> {
    let Some(check) = check_scenarios(courses_dir).map_err(|source| SandboxError::Read { path: courses_dir.display().to_string(), source })? else {
        return Ok(None);
    };
    Ok(Some(import_checked(db, check, &files_present(courses_dir)).await?))
}

/// The scenario addresses of the folder's files, valid or not (a refused file is not retired).
fn files_present(courses_dir: &Path) -> Vec<String> {
    let dir = courses_dir.join(super::scenarios::FOLDER);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names.iter().filter_map(|n| n.strip_suffix(".toml")).map(|stem| crate::course::loader::module_slug(stem).to_owned()).collect()
}

async fn import_checked(db: &Database, check: ScenarioCheck, present: &[String]) -> Result<ScenarioImport, DbError> {
    let mut outcome = ScenarioImport { refused: present.len().saturating_sub(check.scenarios.len()), ..ScenarioImport::default() };
    let at = now();
    let mut tx = db.begin_write().await?;
    tx.serialize_on("atelier:import").await?;
    for (slug_index, slug) in present.iter().enumerate() {
        let position = slug_index as i64;
        match check.scenarios.iter().find(|(s, _)| &s.slug == slug) {
            Some((scenario, hash)) => {
                if repository::stored_hash(&mut tx, slug).await? == Some((hash.clone(), true)) {
                    repository::set_position(&mut tx, slug, position).await?;
                    outcome.unchanged += 1;
                } else {
                    repository::upsert_scenario(&mut tx, scenario, hash, position, at).await?;
                    outcome.published.push(slug.clone());
                }
            }
            None => repository::set_position(&mut tx, slug, position).await?,
        }
    }
    for slug in repository::scenario_slugs(&mut tx).await? {
        if !present.contains(&slug) {
            repository::retire_scenario(&mut tx, &slug).await?;
            outcome.retired.push(slug);
        }
    }
    tx.commit().await?;
    outcome.diagnostics = check.diagnostics;
    Ok(outcome)
}

/// Stores the learner's request if the atelier's limits allow it (per minute, per conversation),
/// checking and writing in one transaction serialised on the learner. `Ok(Err(reason))`: refused,
/// the reason in `locale`.
pub async fn reserve_message(
    db: &Database,
    user_id: i64,
    scenario: &str,
    text: &str,
    per_minute: i64,
    per_conversation: i64,
    locale: crate::i18n::Locale,
) -> Result<Result<i64, String>, DbError> {
    let at = now();
    let mut tx = db.begin_write().await?;
    tx.serialize_on(&format!("atelier:{user_id}")).await?;
    let (last_minute, in_conversation) = repository::request_counts(&mut tx, user_id, at - 60, scenario).await?;
    let refusal = if last_minute >= per_minute {
        Some(locale.text_with("practice-rate-limited", &[("count", per_minute.into())]))
    } else if in_conversation >= per_conversation {
        Some(locale.text_with("practice-conversation-full", &[("count", per_conversation.into())]))
    } else {
        None
    };
    if let Some(reason) = refusal {
        tx.rollback().await?;
        return Ok(Err(reason));
    }
    let id = repository::insert_request(&mut tx, user_id, scenario, text, at).await?;
    tx.commit().await?;
    Ok(Ok(id))
}
