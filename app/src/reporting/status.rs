//! Where an agent stands on a course they were assigned, and the filters and sort orders HR
//! dashboards accept. Pure: the same rules apply in SQL (see `repository::STATUS_SQL`) and here.

use serde::{Deserialize, Serialize};

/// An agent's status on an assigned course. "Overdue" wins over "in progress": what HR needs
/// to see first is who is late, whether or not they started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::InProgress, Status::Completed, Status::Overdue];

    /// The identifier used in URLs, CSV files and SQL.
    pub fn id(self) -> &'static str {
        match self {
            Status::NotStarted => "non-commence",
            Status::InProgress => "en-cours",
            Status::Completed => "termine",
            Status::Overdue => "en-retard",
        }
    }

    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The French label, for the CSV export only: the export is a file format, written in French
    /// whatever the interface language (its header line too, `export::COLUMNS`), so that the
    /// spreadsheets and tools that read it always see the same words. Pages show the
    /// `status-*` keys of the catalogues; the test below keeps both French texts equal.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Non commencé",
            Status::InProgress => "En cours",
            Status::Completed => "Terminé",
            Status::Overdue => "En retard",
        }
    }

    /// The status at instant `now`. A course is overdue once its due instant has passed
    /// without completion; a completion after the due date still counts as completed.
    pub fn at(started_at: Option<i64>, completed_at: Option<i64>, due_at: Option<i64>, now: i64) -> Status {
        match (completed_at, due_at, started_at) {
            (Some(_), _, _) => Status::Completed,
            (None, Some(due), _) if now > due => Status::Overdue,
            (None, _, Some(_)) => Status::InProgress,
            _ => Status::NotStarted,
        }
    }
}

/// Counts of agents per status, for one cell of the dashboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub not_started: u64,
    pub in_progress: u64,
    pub completed: u64,
    pub overdue: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.not_started + self.in_progress + self.completed + self.overdue
    }

    pub fn get(&self, status: Status) -> u64 {
        match status {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::Completed => self.completed,
            Status::Overdue => self.overdue,
        }
    }

    pub fn add(&mut self, other: &Counts) {
        self.not_started += other.not_started;
        self.in_progress += other.in_progress;
        self.completed += other.completed;
        self.overdue += other.overdue;
    }

    /// Share of `status`, in whole percent (0 when nobody is counted).
    pub fn percent(&self, status: Status) -> u64 {
        let total = self.total();
        if total == 0 { 0 } else { (self.get(status) * 100 + total / 2) / total }
    }
}

/// How the list of agents is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Name,
    Unit,
    Status,
    DueDate,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Name, SortKey::Unit, SortKey::Status, SortKey::DueDate];

    pub fn id(self) -> &'static str {
        match self {
            SortKey::Name => "nom",
            SortKey::Unit => "unite",
            SortKey::Status => "statut",
            SortKey::DueDate => "echeance",
        }
    }

    pub fn from_id(id: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|s| s.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_completion_then_due_date_then_start() {
        let due = Some(1_000);
        assert_eq!(Status::at(None, None, due, 1_000), Status::NotStarted, "due instant itself is on time");
        assert_eq!(Status::at(None, None, due, 1_001), Status::Overdue);
        assert_eq!(Status::at(Some(10), None, due, 1_001), Status::Overdue, "started but late is late");
        assert_eq!(Status::at(Some(10), None, due, 999), Status::InProgress);
        assert_eq!(Status::at(Some(10), Some(2_000), due, 3_000), Status::Completed, "late completion counts");
        assert_eq!(Status::at(None, None, None, i64::MAX), Status::NotStarted, "no due date, never late");
        for status in Status::ALL {
            assert_eq!(Status::from_id(status.id()), Some(status));
            assert_eq!(status.label(), crate::i18n::Locale::Fr.text(&format!("status-{}", status.id())), "the CSV says what the pages say");
        }
    }

    #[test]
    fn percentages_round_and_survive_empty_cells() {
        let counts = Counts { not_started: 1, in_progress: 1, completed: 1, overdue: 0 };
        assert_eq!(counts.percent(Status::Completed), 33);
        assert_eq!(Counts::default().percent(Status::Completed), 0);
        let mut sum = Counts::default();
        sum.add(&counts);
        sum.add(&counts);
        assert_eq!(sum.total(), 6);
    }
}
