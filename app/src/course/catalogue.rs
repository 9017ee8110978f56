//! The catalogue's search and filters: pure functions over the published courses' cards.

use serde::{Deserialize, Serialize};

use super::{
    model::{CourseInfo, Level},
    slug::fold_text,
};

/// How long a course takes, as offered in the catalogue's duration filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DurationBand {
    /// Under an hour.
    Short,
    /// One to two hours.
    Medium,
    /// More than two hours.
    Long,
}

impl DurationBand {
    pub const ALL: [DurationBand; 3] = [DurationBand::Short, DurationBand::Medium, DurationBand::Long];

    /// The identifier used in catalogue URLs.
    pub fn id(self) -> &'static str {
        match self {
            DurationBand::Short => "court",
            DurationBand::Medium => "moyen",
            DurationBand::Long => "long",
        }
    }

    pub fn from_id(id: &str) -> Option<DurationBand> {
        DurationBand::ALL.into_iter().find(|band| band.id() == id)
    }

    pub fn contains(self, minutes: u32) -> bool {
        match self {
            DurationBand::Short => minutes < 60,
            DurationBand::Medium => (60..=120).contains(&minutes),
            DurationBand::Long => minutes > 120,
        }
    }
}

/// What the learner asked the catalogue for (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueFilter {
    pub query: String,
    pub theme: Option<String>,
    pub level: Option<Level>,
    pub duration: Option<DurationBand>,
}

impl CatalogueFilter {
    /// Reads the filter from URL query values; unknown values are ignored rather than refused,
    /// so an old bookmark still shows the catalogue.
    pub fn from_query(query: &str, theme: &str, level: &str, duration: &str) -> CatalogueFilter {
        CatalogueFilter {
            query: query.trim().to_owned(),
            theme: Some(theme.trim().to_owned()).filter(|t| !t.is_empty()),
            level: Level::from_id(level.trim()),
            duration: DurationBand::from_id(duration.trim()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.query.is_empty() && self.theme.is_none() && self.level.is_none() && self.duration.is_none()
    }
}

fn searchable_text(course: &CourseInfo) -> String {
    let mut text = format!("{} {} {} ", course.title, course.summary, course.audience);
    text.push_str(&course.themes.join(" "));
    text.push(' ');
    text.push_str(&course.objectives.join(" "));
    fold_text(&text)
}

/// The courses matching `filter`, ordered by title. Every word of the query must appear
/// (ignoring case and accents) in the title, summary, audience, themes or objectives.
pub fn filter<'a>(courses: &'a [CourseInfo], filter: &CatalogueFilter) -> Vec<&'a CourseInfo> {
    let words: Vec<String> = fold_text(&filter.query).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    let mut found: Vec<&CourseInfo> = courses
        .iter()
        .filter(|course| filter.theme.as_ref().is_none_or(|theme| course.themes.contains(theme)))
        .filter(|course| filter.level.is_none_or(|level| course.level == level))
        .filter(|course| filter.duration.is_none_or(|band| band.contains(course.duration_minutes)))
        .filter(|course| {
            if words.is_empty() {
                return true;
            }
            let text = searchable_text(course);
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect();
    found.sort_by_cached_key(|course| fold_text(&course.title));
    found
}

/// Every theme used by at least one course, sorted.
pub fn themes(courses: &[CourseInfo]) -> Vec<String> {
    let mut themes: Vec<String> = courses.iter().flat_map(|c| c.themes.iter().cloned()).collect();
    themes.sort();
    themes.dedup();
    themes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::model::CompletionRule;

    fn course(slug: &str, title: &str, level: Level, minutes: u32, themes: &[&str]) -> CourseInfo {
        CourseInfo {
            slug: slug.into(),
            title: title.into(),
            summary: format!("Résumé de {title}"),
            audience: "Agents".into(),
            level,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            objectives: vec!["Protéger les données personnelles".into()],
            completion: CompletionRule::AllModules,
            duration_minutes: minutes,
        }
    }

    fn slugs(found: Vec<&CourseInfo>) -> Vec<&str> {
        found.into_iter().map(|c| c.slug.as_str()).collect()
    }

    #[test]
    fn filters_combine_and_search_ignores_accents() {
        let courses = vec![
            course("b", "Le cadre juridique", Level::Intermediaire, 70, &["droit"]),
            course("a", "Écrire une demande", Level::Debutant, 45, &["pratique"]),
            course("c", "Déployer un outil", Level::Avance, 150, &["droit", "projet"]),
        ];
        assert_eq!(slugs(filter(&courses, &CatalogueFilter::default())), vec!["c", "a", "b"], "sorted by title without accents");
        let by_theme = CatalogueFilter { theme: Some("droit".into()), ..Default::default() };
        assert_eq!(slugs(filter(&courses, &by_theme)), vec!["c", "b"]);
        let by_level = CatalogueFilter { level: Some(Level::Debutant), ..Default::default() };
        assert_eq!(slugs(filter(&courses, &by_level)), vec!["a"]);
        let long = CatalogueFilter { duration: Some(DurationBand::Long), ..Default::default() };
        assert_eq!(slugs(filter(&courses, &long)), vec!["c"]);
        let search = CatalogueFilter { query: "ECRIRE demande".into(), ..Default::default() };
        assert_eq!(slugs(filter(&courses, &search)), vec!["a"]);
        let objectives = CatalogueFilter { query: "données".into(), ..Default::default() };
        assert_eq!(filter(&courses, &objectives).len(), 3);
        let nothing = CatalogueFilter { query: "chocolat".into(), theme: Some("droit".into()), ..Default::default() };
        assert!(filter(&courses, &nothing).is_empty());
        assert_eq!(themes(&courses), vec!["droit", "pratique", "projet"]);
    }

    #[test]
    fn unknown_query_values_are_ignored() {
        let filter = CatalogueFilter::from_query("  ia ", "", "expert", "court");
        assert_eq!(filter.query, "ia");
        assert_eq!(filter.theme, None);
        assert_eq!(filter.level, None);
        assert_eq!(filter.duration, Some(DurationBand::Short));
        assert!(CatalogueFilter::from_query("", "", "", "").is_empty());
    }
}
