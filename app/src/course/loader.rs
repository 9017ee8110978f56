//! Reads a course folder, checks everything a trainer can get wrong, and builds the course that
//! gets published (server only).
//!
//! The folder is first read into a [`CourseSource`] (path → bytes), so the same checks serve the
//! command line, the start-up import and, later, uploads and the web editor.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    io,
    path::Path,
};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{
    diagnostics::{Diagnostic, LineIndex, Report},
    exercise::parse_exercise,
    markdown::{render_body, BlockKind, LinkTargets},
    model::{Asset, CompletionRule, CourseInfo, Level, ModuleContent, ParsedCourse},
    quiz::{parse_quiz, QuizSettings},
    slug::is_slug,
    toml_errors::TomlProblem,
};
use crate::i18n::Message;

/// Largest file accepted in a course folder.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Deepest folder nesting read (course/images/file is depth 2).
const MAX_DEPTH: usize = 4;
/// Longest module duration accepted, in minutes.
const MAX_MODULE_MINUTES: u32 = 240;

/// The files of one course folder.
#[derive(Clone, Debug, Default)]
pub struct CourseSource {
    /// The folder name, which becomes the course's address.
    pub slug: String,
    /// How paths are shown in messages, e.g. `courses/mon-cours`.
    pub label: String,
    /// Relative path (with `/`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl CourseSource {
    /// Reads every non-hidden file under `dir`.
    pub fn from_dir(dir: &Path) -> io::Result<CourseSource> {
        // `courses check .` from inside the folder: the name comes from the absolute path.
        let name = dir.file_name().map(std::ffi::OsStr::to_owned).or_else(|| std::fs::canonicalize(dir).ok()?.file_name().map(std::ffi::OsStr::to_owned));
        let slug = name.map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut files = BTreeMap::new();
        read_tree(dir, "", 0, &mut files)?;
        Ok(CourseSource { slug, label: dir.display().to_string().trim_end_matches('/').to_owned(), files })
    }

    fn display_path(&self, file: &str) -> String {
        format!("{}/{file}", self.label)
    }

    /// The SHA-256 of every path and content: identical folders give identical hashes.
    pub fn content_hash(&self) -> String {
        let mut hasher = Sha256::new();
        for (path, bytes) in &self.files {
            hasher.update((path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        crate::crypto::to_hex(hasher.finalize())
    }
}

fn read_tree(dir: &Path, prefix: &str, depth: usize, files: &mut BTreeMap<String, Vec<u8>>) -> io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            read_tree(&entry.path(), &format!("{path}/"), depth + 1, files)?;
        } else if kind.is_file() {
            files.insert(path, std::fs::read(entry.path())?);
        }
    }
    Ok(())
}

/// A file's address: its name without the leading number (`01-introduction` → `introduction`).
pub fn module_slug(stem: &str) -> &str {
    let slug = stem.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['-', '_']);
    if slug.is_empty() { stem } else { slug }
}

/// The outcome of checking one course: the course when it has no error, and every problem.
pub struct CourseCheck {
    pub course: Option<ParsedCourse>,
    /// How many modules the course has: those it publishes or, when it has errors, the Markdown
    /// files at the top of its folder (`README.md` aside), so that a summary still counts them.
    pub modules: usize,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    title: String,
    summary: String,
    audience: Option<String>,
    level: String,
    themes: Option<Vec<String>>,
    objectives: Option<Vec<String>>,
    modules: Vec<String>,
    completion: Option<RawCompletion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompletion {
    rule: Option<String>,
    min_percent: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    duration: u32,
    description: Option<String>,
    objectives: Option<Vec<String>>,
    pass_mark: Option<u8>,
    max_attempts: Option<u32>,
    partial_credit: Option<bool>,
}

/// Locates `key = …` in TOML text, to point at a field that has a bad value.
pub(crate) fn key_position(index: &LineIndex, text: &str, key: &str, base_offset: usize) -> (u32, u32) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
            return index.position(base_offset + offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    index.position(base_offset)
}

/// The position of `needle` in `text` (for list items such as module names).
fn value_position(index: &LineIndex, text: &str, needle: &str) -> (u32, u32) {
    text.find(&format!("\"{needle}\"")).map(|o| index.position(o + 1)).unwrap_or((1, 1))
}

pub fn content_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    Some(match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        // Served as plain text so browsers show documents instead of downloading them.
        "md" | "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => return None,
    })
}

/// Does the file start the way its type says (so a renamed executable is not served as an image)?
pub fn content_matches_type(bytes: &[u8], content_type: &str) -> bool {
    match content_type {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "image/webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "image/svg+xml" => std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")),
        "application/pdf" => bytes.starts_with(b"%PDF-"),
        _ => std::str::from_utf8(bytes).is_ok(),
    }
}

/// Checks a course folder and, if it has no error, builds the course to publish.
pub fn check_course(source: &CourseSource) -> CourseCheck {
    let mut report = Report::default();
    let course = build(source, &mut report);
    let course = course.filter(|_| !report.has_errors());
    let modules = match &course {
        Some(course) => course.modules.len(),
        None => source.files.keys().filter(|path| path.ends_with(".md") && !path.contains('/') && *path != "README.md").count(),
    };
    CourseCheck { course, modules, diagnostics: report.into_sorted() }
}

fn build(source: &CourseSource, report: &mut Report) -> Option<ParsedCourse> {
    let manifest_path = source.display_path("course.toml");
    if !is_slug(&source.slug) {
        report.error(&source.label, (1, 1), Message::new("course-check-folder-name-invalid").arg("folder", &source.slug));
    }
    let Some(manifest_bytes) = source.files.get("course.toml") else {
        report.error(&manifest_path, (1, 1), Message::new("course-check-manifest-missing"));
        return None;
    };
    let Ok(manifest_text) = std::str::from_utf8(manifest_bytes) else {
        report.error(&manifest_path, (1, 1), Message::new("course-check-not-utf8"));
        return None;
    };
    let manifest_index = LineIndex::new(manifest_text);
    let raw: RawManifest = match toml::from_str(manifest_text) {
        Ok(raw) => raw,
        Err(error) => {
            let problem = TomlProblem::from(&error);
            report.error(&manifest_path, manifest_index.position(problem.offset.unwrap_or(0)), problem.message);
            return None;
        }
    };
    let at = |key: &str| key_position(&manifest_index, manifest_text, key, 0);

    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        report.error(&manifest_path, at("title"), Message::new("course-check-course-title-empty"));
    }
    let summary = raw.summary.trim().to_owned();
    if summary.is_empty() {
        report.error(&manifest_path, at("summary"), Message::new("course-check-course-summary-empty"));
    }
    let audience = raw.audience.unwrap_or_default().trim().to_owned();
    if audience.is_empty() {
        report.warning(&manifest_path, (1, 1), Message::new("course-check-audience-missing"));
    }
    let level = Level::from_id(raw.level.trim()).unwrap_or_else(|| {
        report.error(&manifest_path, at("level"), Message::new("course-check-level-unknown").arg("level", &raw.level));
        Level::Debutant
    });
    let themes: Vec<String> = raw.themes.unwrap_or_default().into_iter().map(|t| t.trim().to_owned()).collect();
    for theme in &themes {
        if !is_slug(theme) {
            report.error(&manifest_path, value_position(&manifest_index, manifest_text, theme), Message::new("course-check-theme-invalid").arg("theme", theme));
        }
    }
    let objectives: Vec<String> = raw.objectives.unwrap_or_default().into_iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect();
    if objectives.is_empty() {
        report.warning(&manifest_path, (1, 1), Message::new("course-check-course-objectives-missing"));
    }
    let completion = match raw.completion {
        None => CompletionRule::AllModules,
        Some(RawCompletion { rule, min_percent }) => match (rule.as_deref().unwrap_or("all-modules"), min_percent) {
            ("all-modules", None) => CompletionRule::AllModules,
            ("all-modules", Some(_)) => {
                report.error(&manifest_path, at("min_percent"), Message::new("course-check-min-percent-without-rule"));
                CompletionRule::AllModules
            }
            ("min-percent", Some(percent)) if (1..=100).contains(&percent) => CompletionRule::MinPercent(percent),
            ("min-percent", _) => {
                report.error(&manifest_path, at("rule"), Message::new("course-check-min-percent-range"));
                CompletionRule::AllModules
            }
            (other, _) => {
                report.error(&manifest_path, at("rule"), Message::new("course-check-completion-rule-unknown").arg("rule", other));
                CompletionRule::AllModules
            }
        },
    };

    // Module files and their slugs.
    if raw.modules.is_empty() {
        report.error(&manifest_path, at("modules"), Message::new("course-check-no-modules"));
    }
    let mut module_slugs: HashMap<String, String> = HashMap::new();
    let mut seen_slugs: HashSet<String> = HashSet::new();
    let mut listed: Vec<(String, String)> = Vec::new();
    for file in &raw.modules {
        let position = value_position(&manifest_index, manifest_text, file);
        if !file.ends_with(".md") || file.contains('/') {
            report.error(&manifest_path, position, Message::new("course-check-module-not-markdown").arg("file", file));
            continue;
        }
        if !source.files.contains_key(file) {
            report.error(&manifest_path, position, Message::new("course-check-module-not-found").arg("file", file));
            continue;
        }
        let slug = module_slug(file.trim_end_matches(".md"));
        if !is_slug(slug) {
            report.error(&manifest_path, position, Message::new("course-check-module-file-name-invalid").arg("file", file));
            continue;
        }
        if slug == "fichiers" {
            report.error(&manifest_path, position, Message::new("course-check-module-address-reserved").arg("file", file));
            continue;
        }
        if module_slugs.contains_key(file) {
            report.error(&manifest_path, position, Message::new("course-check-module-listed-twice").arg("file", file));
            continue;
        }
        if !seen_slugs.insert(slug.to_owned()) {
            report.error(&manifest_path, position, Message::new("course-check-module-address-taken").arg("slug", slug));
            continue;
        }
        module_slugs.insert(file.clone(), slug.to_owned());
        listed.push((file.clone(), slug.to_owned()));
    }
    for path in source.files.keys() {
        if path.ends_with(".md") && !path.contains('/') && path != "README.md" && !module_slugs.contains_key(path) && !raw.modules.contains(path) {
            report.warning(&source.display_path(path), (1, 1), Message::new("course-check-module-not-listed"));
        }
    }

    // Assets: images and documents, served to learners.
    let mut assets = Vec::new();
    for (path, bytes) in &source.files {
        if path == "course.toml" || module_slugs.contains_key(path) || (path.ends_with(".md") && !path.contains('/')) {
            continue;
        }
        let display = source.display_path(path);
        if bytes.len() > MAX_FILE_BYTES {
            let too_large = Message::new("course-check-file-too-large")
                .arg("megabytes", bytes.len() / (1024 * 1024))
                .arg("max", MAX_FILE_BYTES / (1024 * 1024));
            report.error(&display, (1, 1), too_large);
            continue;
        }
        match content_type(path) {
            Some(content_type) if content_matches_type(bytes, content_type) => {
                assets.push(Asset { path: path.clone(), content_type, bytes: bytes.clone() });
            }
            Some(content_type) => {
                report.error(&display, (1, 1), Message::new("course-check-file-content-mismatch").arg("type", content_type));
            }
            None => report.warning(&display, (1, 1), Message::new("course-check-file-type-unsupported")),
        }
    }

    let targets = LinkTargets { course_slug: &source.slug, modules: &module_slugs, files: &source.files };
    let read_document = |path: &str| -> Option<String> {
        source.files.get(path).and_then(|bytes| String::from_utf8(bytes.clone()).ok())
    };
    let mut modules = Vec::new();
    for (file, slug) in &listed {
        if let Some(module) = build_module(source, file, slug, &targets, &read_document, report) {
            modules.push(module);
        }
    }
    let duration_minutes = modules.iter().map(|m| m.duration_minutes).sum();
    Some(ParsedCourse {
        info: CourseInfo { slug: source.slug.clone(), title, summary, audience, level, themes, objectives, completion, duration_minutes },
        modules,
        assets,
        content_hash: source.content_hash(),
    })
}

fn build_module(
    source: &CourseSource,
    file: &str,
    slug: &str,
    targets: &LinkTargets,
    read_document: &dyn Fn(&str) -> Option<String>,
    report: &mut Report,
) -> Option<ModuleContent> {
    let path = source.display_path(file);
    let Some(text) = source.files.get(file).and_then(|b| std::str::from_utf8(b).ok()) else {
        report.error(&path, (1, 1), Message::new("course-check-not-utf8"));
        return None;
    };
    let index = LineIndex::new(text);
    // Front matter between two `+++` lines.
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim) != Some("+++") {
        report.error(&path, (1, 1), Message::new("course-check-front-matter-missing"));
        return None;
    }
    let front_start = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = front_start;
    let mut front_end = None;
    for line in lines {
        if line.trim() == "+++" {
            front_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = front_end else {
        report.error(&path, (1, 1), Message::new("course-check-front-matter-unclosed"));
        return None;
    };
    let front_text = &text[front_start..front_end];
    let raw: RawFrontMatter = match toml::from_str(front_text) {
        Ok(raw) => raw,
        Err(error) => {
            let problem = TomlProblem::from(&error);
            report.error(&path, index.position(front_start + problem.offset.unwrap_or(0)), problem.message);
            return None;
        }
    };
    let at = |key: &str| key_position(&index, front_text, key, front_start);
    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        report.error(&path, at("title"), Message::new("course-check-module-title-empty"));
    }
    if raw.duration == 0 || raw.duration > MAX_MODULE_MINUTES {
        report.error(&path, at("duration"), Message::new("course-check-duration-invalid").arg("minutes", raw.duration).arg("max", MAX_MODULE_MINUTES));
    }
    let objectives: Vec<String> = raw.objectives.unwrap_or_default().into_iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect();
    if objectives.is_empty() {
        report.warning(&path, (2, 1), Message::new("course-check-module-objectives-missing"));
    }
    let pass_mark = raw.pass_mark.unwrap_or(QuizSettings::default().pass_mark);
    if !(1..=100).contains(&pass_mark) {
        report.error(&path, at("pass_mark"), Message::new("course-check-pass-mark-range"));
    }
    if raw.max_attempts == Some(0) {
        report.error(&path, at("max_attempts"), Message::new("course-check-max-attempts-zero"));
    }
    let quiz_settings = QuizSettings { pass_mark, max_attempts: raw.max_attempts, partial_credit: raw.partial_credit.unwrap_or(false) };

    let body = &text[body_start..];
    let rendered = render_body(body, body_start, &index, &path, targets, report);
    let mut quizzes = Vec::new();
    let mut exercises = Vec::new();
    for block in &rendered.blocks {
        match block.kind {
            BlockKind::Quiz => {
                let (quiz, issues) = parse_quiz(&block.text, block.first_line);
                for issue in issues {
                    if issue.is_error {
                        report.error(&path, (issue.line, issue.column), issue.message);
                    } else {
                        report.warning(&path, (issue.line, issue.column), issue.message);
                    }
                }
                quizzes.push(quiz);
            }
            BlockKind::Exercise => {
                let block_index = LineIndex::new(&block.text);
                let (exercise, problems) = parse_exercise(&block.text, read_document);
                for problem in problems {
                    let (line, column) = problem.offset.map(|o| block_index.position(o)).unwrap_or((1, 1));
                    let position = (block.first_line + line - 1, column);
                    if problem.is_error {
                        report.error(&path, position, problem.message);
                    } else {
                        report.warning(&path, position, problem.message);
                    }
                }
                if let Some(exercise) = exercise {
                    exercises.push(exercise);
                }
            }
        }
    }
    let description = raw.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).unwrap_or_default();
    Some(ModuleContent {
        slug: slug.to_owned(),
        file: file.to_owned(),
        title,
        description,
        duration_minutes: raw.duration,
        objectives,
        quiz_settings,
        segments: rendered.segments,
        toc: rendered.toc,
        quizzes,
        exercises,
    })
}

/// Checks the courses of `dir`: `dir` itself when it holds a `course.toml` (one course folder, as
/// in `courses check courses/mon-cours`), otherwise each of its sub-folders (`courses check
/// courses`), whose `documents/` or `images/` are then never mistaken for courses.
pub fn check_directory(dir: &Path) -> io::Result<Vec<(CourseSource, CourseCheck)>> {
    if dir.join("course.toml").is_file() {
        let source = CourseSource::from_dir(dir)?;
        let check = check_course(&source);
        return Ok(vec![(source, check)]);
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut results = Vec::new();
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        // `atelier/` holds the free-practice scenarios, checked by `sandbox::scenarios`.
        if name.starts_with('.') || name == crate::sandbox::scenarios::FOLDER || !entry.file_type()?.is_dir() {
            continue;
        }
        let source = CourseSource::from_dir(&entry.path())?;
        let check = check_course(&source);
        results.push((source, check));
    }
    Ok(results)
}

#[cfg(test)]
mod tests;
