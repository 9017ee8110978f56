//! One test per validation rule: a valid course, then broken copies that must each yield one
//! precise `file:line:column` error.

use super::*;

const MANIFEST: &str = r#"title = "Cours d'essai"
summary = "Un cours pour les tests."
audience = "Agents"
level = "debutant"
themes = ["essai"]
objectives = ["Tester"]
modules = ["01-premier.md", "02-second.md"]
"#;

const FIRST: &str = r#"+++
title = "Premier module"
duration = 10
description = "Le premier."
objectives = ["Lire"]
+++

## Introduction

Voir [le second](02-second.md) et ![Un schéma clair](images/schema.svg).

```quiz
? Une question ?
- (x) Oui
  > Bien.
- ( ) Non
  > Non.
! Parce que.
```
"#;

const SECOND: &str = r#"+++
title = "Second module"
duration = 12
objectives = ["Pratiquer"]
+++

## Pratique

```exercise
kind = "anonymize"
title = "Anonymiser"
instructions = "Retirez les données."
document = "documents/lettre.md"
keep = ["loyer"]
```
"#;

fn valid() -> CourseSource {
    let mut files = BTreeMap::new();
    files.insert("course.toml".to_owned(), MANIFEST.as_bytes().to_vec());
    files.insert("01-premier.md".to_owned(), FIRST.as_bytes().to_vec());
    files.insert("02-second.md".to_owned(), SECOND.as_bytes().to_vec());
    files.insert("images/schema.svg".to_owned(), b"<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg>".to_vec());
    files.insert("documents/lettre.md".to_owned(), "Données fictives. Mme Dupont doit un loyer.".as_bytes().to_vec());
    CourseSource { slug: "cours-essai".to_owned(), label: "courses/cours-essai".to_owned(), files }
}

/// Applies `edit` to a copy of the valid course and returns the printed errors.
fn errors_after(edit: impl FnOnce(&mut CourseSource)) -> Vec<String> {
    let mut source = valid();
    edit(&mut source);
    check_course(&source)
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == super::super::diagnostics::Severity::Error)
        .map(|d| d.to_string())
        .collect()
}

fn replace(source: &mut CourseSource, file: &str, from: &str, to: &str) {
    let text = String::from_utf8(source.files[file].clone()).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    source.files.insert(file.to_owned(), text.replacen(from, to, 1).into_bytes());
}

fn assert_single(errors: Vec<String>, expected_prefix: &str) {
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    assert!(errors[0].starts_with(expected_prefix), "expected {expected_prefix:?}, got {:?}", errors[0]);
}

#[test]
fn the_valid_course_builds_without_any_diagnostic() {
    let check = check_course(&valid());
    assert_eq!(check.diagnostics, vec![]);
    let course = check.course.unwrap();
    assert_eq!(course.info.duration_minutes, 22);
    assert_eq!(course.modules.len(), 2);
    assert_eq!(course.modules[0].slug, "premier");
    assert_eq!(course.modules[0].quizzes.len(), 1);
    assert_eq!(course.modules[1].exercises.len(), 1);
    assert_eq!(course.assets.len(), 2);
    let html: String = course.modules[0]
        .segments
        .iter()
        .filter_map(|s| match s {
            crate::course::model::Segment::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert!(html.contains("href=\"/cours/cours-essai/second\""), "{html}");
}

#[test]
fn the_content_hash_changes_with_any_file() {
    let a = valid();
    let mut b = valid();
    assert_eq!(a.content_hash(), b.content_hash());
    replace(&mut b, "documents/lettre.md", "loyer", "loyer.");
    assert_ne!(a.content_hash(), b.content_hash());
}

#[test]
fn unknown_field_in_course_toml() {
    assert_single(
        errors_after(|s| replace(s, "course.toml", "audience =", "public =")),
        "courses/cours-essai/course.toml:3:1: champ inconnu « public »",
    );
}

#[test]
fn missing_required_field_in_course_toml() {
    assert_single(
        errors_after(|s| replace(s, "course.toml", "summary = \"Un cours pour les tests.\"\n", "")),
        "courses/cours-essai/course.toml:1:1: champ obligatoire manquant : « summary »",
    );
}

#[test]
fn unknown_level() {
    assert_single(
        errors_after(|s| replace(s, "course.toml", "\"debutant\"", "\"expert\"")),
        "courses/cours-essai/course.toml:4:1: niveau « expert » inconnu",
    );
}

#[test]
fn missing_module_file() {
    assert_single(
        errors_after(|s| {
            s.files.remove("02-second.md");
            replace(s, "01-premier.md", "[le second](02-second.md)", "le second");
        }),
        "courses/cours-essai/course.toml:7:30: le module « 02-second.md » est introuvable",
    );
}

#[test]
fn duplicate_module_slug() {
    let errors = errors_after(|s| {
        s.files.insert("03-second.md".to_owned(), SECOND.as_bytes().to_vec());
        replace(s, "course.toml", "\"02-second.md\"]", "\"02-second.md\", \"03-second.md\"]");
    });
    assert_single(errors, "courses/cours-essai/course.toml:7:46: deux modules ont la même adresse « second »");
}

#[test]
fn invalid_folder_name() {
    assert_single(
        errors_after(|s| s.slug = "Cours Essai".to_owned()),
        "courses/cours-essai:1:1: nom de dossier « Cours Essai » invalide",
    );
}

#[test]
fn missing_front_matter() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "+++\ntitle", "title")),
        "courses/cours-essai/01-premier.md:1:1: le module doit commencer par un en-tête",
    );
}

#[test]
fn unclosed_front_matter() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "+++\n\n## Intro", "\n## Intro")),
        "courses/cours-essai/01-premier.md:1:1: l'en-tête n'est pas fermé",
    );
}

#[test]
fn front_matter_type_error() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "duration = 10", "duration = \"dix\"")),
        "courses/cours-essai/01-premier.md:3:12: valeur du mauvais type : il faut un nombre entier",
    );
}

#[test]
fn invalid_duration() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "duration = 10", "duration = 0")),
        "courses/cours-essai/01-premier.md:3:1: durée invalide",
    );
}

#[test]
fn question_without_a_correct_answer() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "- (x) Oui", "- ( ) Oui")),
        "courses/cours-essai/01-premier.md:13:1: la question n'a aucune bonne réponse",
    );
}

#[test]
fn single_choice_with_two_correct_answers() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "- ( ) Non", "- (x) Non")),
        "courses/cours-essai/01-premier.md:13:1: une question à choix unique a une seule bonne réponse",
    );
}

#[test]
fn unrecognised_quiz_line() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "! Parce que.", "Parce que.")),
        "courses/cours-essai/01-premier.md:18:1: ligne non reconnue dans le quiz",
    );
}

#[test]
fn missing_exercise_document() {
    assert_single(
        errors_after(|s| {
            s.files.remove("documents/lettre.md");
        }),
        "courses/cours-essai/02-second.md:13:1: le document « documents/lettre.md » est introuvable",
    );
}

#[test]
fn unknown_exercise_kind() {
    assert_single(
        errors_after(|s| replace(s, "02-second.md", "kind = \"anonymize\"", "kind = \"resume\"")),
        "courses/cours-essai/02-second.md:10:1: type d'exercice inconnu « resume »",
    );
}

#[test]
fn broken_link_to_another_module() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "(02-second.md)", "(02-deuxieme.md)")),
        "courses/cours-essai/01-premier.md:10:6: lien cassé : le module « 02-deuxieme.md »",
    );
}

#[test]
fn image_without_alt_text() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "![Un schéma clair]", "![]")),
        "courses/cours-essai/01-premier.md:10:35: image sans texte de remplacement",
    );
}

#[test]
fn skipped_heading_level() {
    assert_single(
        errors_after(|s| replace(s, "01-premier.md", "## Introduction", "### Introduction")),
        "courses/cours-essai/01-premier.md:8:1: niveau de titre sauté",
    );
}

#[test]
fn disguised_image() {
    assert_single(
        errors_after(|s| {
            s.files.insert("images/photo.png".to_owned(), b"MZ\x90\x00 not a png".to_vec());
        }),
        "courses/cours-essai/images/photo.png:1:1: le contenu du fichier ne correspond pas à son extension",
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let errors = errors_after(|s| {
        replace(s, "01-premier.md", "- (x) Oui", "- ( ) Oui");
        replace(s, "01-premier.md", "## Introduction", "### Introduction");
        replace(s, "02-second.md", "kind = \"anonymize\"", "kind = \"resume\"");
    });
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn unlisted_module_is_a_warning() {
    let mut source = valid();
    source.files.insert("03-brouillon.md".to_owned(), FIRST.as_bytes().to_vec());
    let check = check_course(&source);
    assert!(check.course.is_some(), "warnings do not block publication");
    assert_eq!(check.diagnostics.len(), 1);
    assert!(check.diagnostics[0].to_string().contains("avertissement : ce fichier n'est pas listé"));
}
