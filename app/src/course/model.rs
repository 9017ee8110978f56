//! What a published course is made of, as stored per version and shown by the pages.

use serde::{Deserialize, Serialize};

use super::{
    exercise::{Exercise, LearnerExercise},
    quiz::{LearnerQuiz, Quiz, QuizSettings},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    Debutant,
    Intermediaire,
    Avance,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Debutant, Level::Intermediaire, Level::Avance];

    /// The identifier used in `course.toml` and in catalogue URLs.
    pub fn id(self) -> &'static str {
        match self {
            Level::Debutant => "debutant",
            Level::Intermediaire => "intermediaire",
            Level::Avance => "avance",
        }
    }

    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == id)
    }
}

/// When a course counts as completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompletionRule {
    AllModules,
    /// At least this percentage of the modules completed.
    MinPercent(u8),
}

/// The course's card and page: everything but the modules' content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseInfo {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub level: Level,
    pub themes: Vec<String>,
    pub objectives: Vec<String>,
    pub completion: CompletionRule,
    /// Sum of the modules' durations.
    pub duration_minutes: u32,
}

/// A module's entry in the course outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub duration_minutes: u32,
    pub quiz_count: u32,
    pub exercise_count: u32,
}

/// A piece of a module page: sanitised HTML, or the place of an interactive block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    Html(String),
    Quiz(usize),
    Exercise(usize),
}

/// A heading of the module, for its table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A module ready to be shown: rendered once at import, never per request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleContent {
    pub slug: String,
    /// File name in the course folder, e.g. `01-introduction.md`.
    pub file: String,
    pub title: String,
    pub description: String,
    pub duration_minutes: u32,
    pub objectives: Vec<String>,
    pub quiz_settings: QuizSettings,
    pub segments: Vec<Segment>,
    pub toc: Vec<TocEntry>,
    pub quizzes: Vec<Quiz>,
    pub exercises: Vec<Exercise>,
}

impl ModuleContent {
    pub fn summary(&self) -> ModuleSummary {
        ModuleSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            duration_minutes: self.duration_minutes,
            quiz_count: self.quizzes.len() as u32,
            exercise_count: self.exercises.len() as u32,
        }
    }
}

/// A file of the course folder served to learners (images, exercise documents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    pub path: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A course that passed validation, ready to be stored as a version.
#[derive(Clone, Debug)]
pub struct ParsedCourse {
    pub info: CourseInfo,
    pub modules: Vec<ModuleContent>,
    pub assets: Vec<Asset>,
    /// SHA-256 of every file of the folder: the version's identity.
    pub content_hash: String,
}

/// A course page: the card data and the outline of the published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseOutline {
    pub info: CourseInfo,
    pub version_id: i64,
    pub modules: Vec<ModuleSummary>,
}

/// A module page: the module and where it sits in its course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModulePage {
    pub outline: CourseOutline,
    /// Index of the module in `outline.modules`.
    pub position: usize,
    pub module: ModuleContent,
}

impl ModulePage {
    pub fn previous(&self) -> Option<&ModuleSummary> {
        self.outline.neighbour(self.position, -1)
    }

    pub fn next(&self) -> Option<&ModuleSummary> {
        self.outline.neighbour(self.position, 1)
    }

    /// The page as a learner may see it: the quizzes and exercises without what grades them.
    pub fn learner_view(&self) -> LearnerModulePage {
        let module = &self.module;
        LearnerModulePage {
            outline: self.outline.clone(),
            position: self.position,
            module: LearnerModule {
                slug: module.slug.clone(),
                title: module.title.clone(),
                description: module.description.clone(),
                duration_minutes: module.duration_minutes,
                objectives: module.objectives.clone(),
                quiz_settings: module.quiz_settings.clone(),
                segments: module.segments.clone(),
                toc: module.toc.clone(),
                quizzes: module.quizzes.iter().map(Quiz::learner_view).collect(),
                exercises: module.exercises.iter().map(Exercise::learner_view).collect(),
            },
        }
    }
}

impl CourseOutline {
    /// The module `offset` places from the one at `position`, if there is one.
    fn neighbour(&self, position: usize, offset: isize) -> Option<&ModuleSummary> {
        position.checked_add_signed(offset).and_then(|i| self.modules.get(i))
    }
}

/// A module as the module page shows it to anyone: [`ModuleContent`] with learner views of its
/// quizzes and exercises. Server functions return this, never [`ModuleContent`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerModule {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub duration_minutes: u32,
    pub objectives: Vec<String>,
    pub quiz_settings: QuizSettings,
    pub segments: Vec<Segment>,
    pub toc: Vec<TocEntry>,
    pub quizzes: Vec<LearnerQuiz>,
    pub exercises: Vec<LearnerExercise>,
}

/// A module page without any answer key (see [`ModulePage::learner_view`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerModulePage {
    pub outline: CourseOutline,
    pub position: usize,
    pub module: LearnerModule,
}

impl LearnerModulePage {
    pub fn previous(&self) -> Option<&ModuleSummary> {
        self.outline.neighbour(self.position, -1)
    }

    pub fn next(&self) -> Option<&ModuleSummary> {
        self.outline.neighbour(self.position, 1)
    }
}
