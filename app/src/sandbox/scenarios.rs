//! The free-practice scenarios of the atelier: everyday public-service tasks, written by trainers
//! as TOML files in `courses/atelier/` (one file a scenario), checked like course files and
//! imported at start-up.
//!
//! A [`Scenario`] holds everything, including what stays on the server (the reference answer,
//! the qualities expected of the request, the failures the scenario stages); the browser only
//! ever receives its [`LearnerScenario`] view: title, situation, document and the module it
//! practises.

use serde::{Deserialize, Serialize};

use super::debrief::Failure;
use crate::course::exercise::Criterion;

/// The folder of `courses/` that holds the scenarios (a reserved name: no course may use it).
pub const FOLDER: &str = "atelier";

/// A scenario as stored (server side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// The file name without its number and extension: the address `/atelier/{slug}`.
    pub slug: String,
    pub title: String,
    /// The course module this scenario practises: (course slug, module slug, module title).
    pub module: Option<ModuleLink>,
    /// What the learner reads first: who they are, what happened, what to ask.
    pub situation: String,
    /// The reference material the learner works from (a letter, a report extract, notes…).
    pub document: Option<String>,
    /// The qualities expected of the request, as rubric criteria (the feedback, in this order).
    pub criteria: Vec<Criterion>,
    /// Words a good request contains (checked after sending, like an exercise's).
    pub required_words: Vec<String>,
    /// The failure modes the scenario is written to show.
    pub failures: Vec<Failure>,
    /// The answer the simulation gives to a complete request for a reply or a draft.
    pub reference_answer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleLink {
    pub course: String,
    pub module: String,
    pub title: String,
}

impl ModuleLink {
    pub fn href(&self) -> String {
        format!("/cours/{}/{}", self.course, self.module)
    }
}

/// What a learner may see of a scenario, before and after practising.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerScenario {
    pub slug: String,
    pub title: String,
    pub situation: String,
    pub document: Option<String>,
    pub module: Option<ModuleLink>,
}

impl Scenario {
    pub fn learner_view(&self) -> LearnerScenario {
        LearnerScenario {
            slug: self.slug.clone(),
            title: self.title.clone(),
            situation: self.situation.clone(),
            document: self.document.clone(),
            module: self.module.clone(),
        }
    }
}

#[cfg(feature = "ssr")]
pub use reader::{check_scenarios, parse_scenario, ScenarioCheck};

#[cfg(feature = "ssr")]
mod reader {
    use std::{collections::HashSet, io, path::Path};

    use serde::Deserialize;

    use super::*;
    use crate::{
        course::{
            diagnostics::{Diagnostic, LineIndex, Report},
            loader::{key_position, module_slug, CourseSource},
            slug::is_slug,
            toml_errors::TomlProblem,
        },
        i18n::Message,
        sandbox::failures,
    };

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawScenario {
        title: String,
        situation: String,
        module: Option<String>,
        document: Option<String>,
        criteria: Vec<String>,
        required_words: Option<Vec<String>>,
        failures: Option<Vec<String>>,
        reference_answer: Option<String>,
    }

    /// The scenarios of a folder and every problem found, by file, line and column.
    pub struct ScenarioCheck {
        /// Each valid scenario with the hash of its file (a file with an error is left out).
        pub scenarios: Vec<(Scenario, String)>,
        pub diagnostics: Vec<Diagnostic>,
    }

    impl ScenarioCheck {
        pub fn has_errors(&self) -> bool {
            self.diagnostics.iter().any(|d| d.severity == crate::course::diagnostics::Severity::Error)
        }
    }

    /// Where `key = …` starts in `text`.
    fn key_at(index: &LineIndex, text: &str, key: &str) -> (u32, u32) {
        key_position(index, text, key, 0)
    }

    /// Where the quoted `value` is in `text` (a list item), else where `key` is.
    fn value_at(index: &LineIndex, text: &str, key: &str, value: &str) -> (u32, u32) {
        text.find(&format!("\"{value}\"")).map(|o| index.position(o + 1)).unwrap_or_else(|| key_at(index, text, key))
    }

    /// Checks one scenario file. `courses_dir` is the folder of the courses, to check `module`.
    pub fn parse_scenario(path: &str, slug: &str, text: &str, courses_dir: Option<&Path>, report: &mut Report) -> Option<Scenario> {
        let index = LineIndex::new(text);
        if !is_slug(slug) {
            report.error(path, (1, 1), Message::new("course-check-scenario-file-name-invalid"));
        }
        let raw: RawScenario = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(error) => {
                let problem = TomlProblem::from(&error);
                report.error(path, index.position(problem.offset.unwrap_or(0)), problem.message);
                return None;
            }
        };
        let before = report.diagnostics.len();
        let at = |key: &str| key_at(&index, text, key);
        let title = raw.title.trim().to_owned();
        if title.is_empty() {
            report.error(path, at("title"), Message::new("course-check-scenario-title-empty"));
        }
        let situation = raw.situation.trim().to_owned();
        if situation.split_whitespace().count() < 8 {
            report.error(path, at("situation"), Message::new("course-check-scenario-situation-short"));
        }
        let document = raw.document.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
        let mut criteria = Vec::new();
        if raw.criteria.is_empty() {
            report.error(path, at("criteria"), Message::new("course-check-scenario-needs-criteria"));
        }
        for id in &raw.criteria {
            match Criterion::from_id(id) {
                Some(c) if criteria.contains(&c) => {
                    report.error(path, value_at(&index, text, "criteria", id), Message::new("course-check-scenario-criterion-twice").arg("criterion", id))
                }
                Some(c) => criteria.push(c),
                None => report.error(
                    path,
                    value_at(&index, text, "criteria", id),
                    Message::new("course-check-scenario-criterion-unknown").arg("criterion", id).arg("known", Criterion::ALL.map(Criterion::id).join(", ")),
                ),
            }
        }
        let mut planted = Vec::new();
        for id in raw.failures.unwrap_or_default() {
            match Failure::from_id(&id) {
                Some(f) if planted.contains(&f) => {
                    report.error(path, value_at(&index, text, "failures", &id), Message::new("course-check-scenario-failure-twice").arg("failure", &id))
                }
                Some(f) => planted.push(f),
                None => report.error(
                    path,
                    value_at(&index, text, "failures", &id),
                    Message::new("course-check-scenario-failure-unknown").arg("failure", &id).arg("known", Failure::ALL.map(Failure::id).join(", ")),
                ),
            }
        }
        if planted.contains(&Failure::PromptInjection) && document.as_deref().is_none_or(|d| failures::injections(d).is_empty()) {
            report.error(
                path,
                value_at(&index, text, "failures", Failure::PromptInjection.id()),
                Message::new("course-check-scenario-injection-needs-document"),
            );
        }
        let required_words: Vec<String> = raw.required_words.unwrap_or_default().into_iter().map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()).collect();
        let reference_answer = raw.reference_answer.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
        let module = match raw.module.as_deref().map(str::trim) {
            None | Some("") => {
                report.warning(path, (1, 1), Message::new("course-check-scenario-module-missing"));
                None
            }
            Some(reference) => resolve_module(reference, courses_dir).map_err(|message| report.error(path, at("module"), message)).ok().flatten(),
        };
        if report.diagnostics[before..].iter().any(|d| d.severity == crate::course::diagnostics::Severity::Error) {
            return None;
        }
        Some(Scenario { slug: slug.to_owned(), title, module, situation, document, criteria, required_words, failures: planted, reference_answer })
    }

    /// `course/module` → the module's link, checked against the course folder when there is one.
    fn resolve_module(reference: &str, courses_dir: Option<&Path>) -> Result<Option<ModuleLink>, Message> {
        let Some((course, module)) = reference.split_once('/').filter(|(c, m)| is_slug(c) && is_slug(m)) else {
            return Err(Message::new("course-check-scenario-module-reference-invalid").arg("reference", reference));
        };
        let Some(dir) = courses_dir else {
            return Ok(Some(ModuleLink { course: course.to_owned(), module: module.to_owned(), title: module.to_owned() }));
        };
        let source = CourseSource::from_dir(&dir.join(course))
            .map_err(|_| Message::new("course-check-scenario-course-not-found").arg("course", course).arg("folder", dir.display().to_string()))?;
        let check = crate::course::loader::check_course(&source);
        let Some(parsed) = check.course else {
            return Err(Message::new("course-check-scenario-course-has-errors").arg("course", course));
        };
        match parsed.modules.iter().find(|m| m.slug == module) {
            Some(found) => Ok(Some(ModuleLink { course: course.to_owned(), module: module.to_owned(), title: found.title.clone() })),
            None => Err(Message::new("course-check-scenario-module-not-in-course")
                .arg("course", course)
                .arg("module", module)
                .arg("modules", parsed.modules.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>().join(", "))),
        }
    }

    /// Checks every `*.toml` of `courses_dir/atelier`; `None` when there is no such folder.
    pub fn check_scenarios(courses_dir: &Path) -> io::Result<Option<ScenarioCheck>> {
        let dir = courses_dir.join(FOLDER);
        if !dir.is_dir() {
            return Ok(None);
        }
        let mut entries: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        let mut report = Report::default();
        let mut scenarios = Vec::new();
        let mut seen = HashSet::new();
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{}/{name}", dir.display());
            if name.starts_with('.') || !entry.file_type()?.is_file() {
                continue;
            }
            if name == "README.md" {
                continue;
            }
            let Some(stem) = name.strip_suffix(".toml") else {
                report.warning(&path, (1, 1), Message::new("course-check-scenario-not-toml"));
                continue;
            };
            let bytes = std::fs::read(entry.path())?;
            let Ok(text) = String::from_utf8(bytes) else {
                report.error(&path, (1, 1), Message::new("course-check-not-utf8"));
                continue;
            };
            let slug = module_slug(stem);
            if !seen.insert(slug.to_owned()) {
                report.error(&path, (1, 1), Message::new("course-check-scenario-address-taken").arg("slug", slug));
                continue;
            }
            if let Some(scenario) = parse_scenario(&path, slug, &text, Some(courses_dir), &mut report) {
                scenarios.push((scenario, crate::crypto::sha256_hex(&text)));
            }
        }
        Ok(Some(ScenarioCheck { scenarios, diagnostics: report.into_sorted() }))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn check(text: &str) -> (Option<Scenario>, Vec<String>) {
            let mut report = Report::default();
            let scenario = parse_scenario("atelier/01-essai.toml", "essai", text, None, &mut report);
            (scenario, report.into_sorted().into_iter().map(|d| d.to_string()).collect())
        }

        const GOOD: &str = "title = \"Répondre à un usager\"\nmodule = \"bien-formuler-une-demande/les-ingredients-d-une-demande\"\n\
            situation = \"Un usager écrit à la mairie au sujet de sa facture de cantine et demande une réponse rapide.\"\n\
            document = \"Bonjour, je n'ai pas reçu ma facture.\"\ncriteria = [\"task\", \"source\"]\nfailures = [\"invented-reference\"]\n";

        #[test]
        fn a_good_scenario_is_read() {
            let (scenario, problems) = check(GOOD);
            assert_eq!(problems, Vec::<String>::new());
            let scenario = scenario.unwrap();
            assert_eq!(scenario.criteria, vec![Criterion::Task, Criterion::Source]);
            assert_eq!(scenario.failures, vec![Failure::InventedReference]);
            assert_eq!(scenario.module.unwrap().href(), "/cours/bien-formuler-une-demande/les-ingredients-d-une-demande");
        }

        #[test]
        fn each_mistake_is_located_and_explained() {
            let (scenario, problems) = check(&GOOD.replace("[\"task\", \"source\"]", "[\"task\", \"ton\"]"));
            assert!(scenario.is_none());
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].starts_with("atelier/01-essai.toml:5:"), "{problems:?}");
            assert!(problems[0].contains("critère « ton » inconnu"));
            let (_, problems) = check(&GOOD.replace("invented-reference", "mensonge"));
            assert!(problems[0].starts_with("atelier/01-essai.toml:6:") && problems[0].contains("« mensonge » inconnue"), "{problems:?}");
            let (_, problems) = check(&GOOD.replace("invented-reference", "prompt-injection"));
            assert!(problems[0].contains("demande un document qui contient une consigne"), "{problems:?}");
            let (_, problems) = check(&GOOD.replace("title =", "titre ="));
            assert!(problems[0].contains("champ inconnu « titre »") || problems[0].contains("champ obligatoire manquant"), "{problems:?}");
            let (_, problems) = check(&GOOD.replace("bien-formuler-une-demande/les-ingredients-d-une-demande", "un module"));
            assert!(problems[0].starts_with("atelier/01-essai.toml:2:1:") && problems[0].contains("dossier-du-cours/adresse-du-module"), "{problems:?}");
        }
    }
}
