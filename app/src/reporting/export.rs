//! The CSV export of an HR dashboard: what the agent list shows, every page of it, in a stable
//! order, ready for spreadsheet software (server only).

use std::collections::HashMap;

use super::{
    csv::{CsvWriter, Delimiter},
    repository::{agent_lines, Filter},
    status::SortKey,
};
use crate::{
    db::{Database, DbError},
    time::{iso_date, local_date},
};

/// The header line; dates are each agent's calendar days, in the zone of their unit.
pub const COLUMNS: [&str; 8] =
    ["Agent", "Adresse électronique", "Unité", "Cours", "Statut", "Échéance", "Commencé le", "Terminé le"];

/// Writes the lines of the scope `root` matching `filter`; returns the file and its number of
/// data lines.
pub async fn completion_csv(
    db: &Database,
    root: i64,
    filter: &Filter,
    sort: SortKey,
    delimiter: Delimiter,
    course_titles: &HashMap<String, String>,
    at: i64,
) -> Result<(String, usize), DbError> {
    let (lines, _) = agent_lines(db, root, filter, sort, None, at).await?;
    let zones = crate::organizations::repository::zones(db.pool()).await?;
    let mut csv = CsvWriter::new(delimiter);
    csv.row(COLUMNS);
    for line in &lines {
        let zone = zones.of(Some(line.unit_id));
        let day = |instant: Option<i64>| instant.map(|t| iso_date(local_date(t, zone))).unwrap_or_default();
        let course = course_titles.get(&line.course_slug).cloned().unwrap_or_else(|| line.course_slug.clone());
        csv.row([
            line.name.clone(),
            line.email.clone(),
            line.unit.clone(),
            course,
            line.status.label().to_owned(),
            day(line.due_at),
            day(line.started_at),
            day(line.completed_at),
        ]);
    }
    Ok((csv.finish(), lines.len()))
}
