//! Every problem the course and scenario checks can report is in both catalogues and reads
//! there, in French and in English, with the arguments the checks really give it: broken course
//! folders and scenario files are checked, and each message is rendered by each language's own
//! catalogue (a missing key or argument fails, instead of falling back to French or to the key).

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

use super::{Diagnostic, Report};
use crate::{
    course::loader::{check_course, CourseSource},
    i18n::Locale,
    sandbox::scenarios::{check_scenarios, parse_scenario},
};

const PREFIX: &str = "course-check-";

fn app_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `course-check-…` messages of a locale's catalogue files: key → text.
fn catalogue(locale: Locale) -> BTreeMap<String, String> {
    let mut messages = BTreeMap::new();
    for entry in std::fs::read_dir(app_dir().join("locales").join(locale.code())).expect("locale folder") {
        let text = std::fs::read_to_string(entry.expect("readable entry").path()).expect("readable catalogue");
        for line in text.lines().filter(|line| line.starts_with(PREFIX)) {
            if let Some((key, value)) = line.split_once(" = ") {
                messages.insert(key.to_owned(), value.to_owned());
            }
        }
    }
    messages
}

/// The `{ $name }` placeholders of a catalogue text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split("{ $").skip(1).filter_map(|rest| rest.split_once(" }").map(|(name, _)| name)).collect()
}

/// The `"course-check-…"` literals of the crate's sources (this file aside): the keys in use.
fn keys_in_sources() -> BTreeSet<String> {
    fn visit(dir: &Path, keys: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("source folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                visit(&path, keys);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("diagnostics/wording_tests.rs") {
                let text = std::fs::read_to_string(&path).expect("readable source");
                for literal in text.split(&format!("\"{PREFIX}")).skip(1) {
                    if let Some((rest, _)) = literal.split_once('"') {
                        keys.insert(format!("{PREFIX}{rest}"));
                    }
                }
            }
        }
    }
    let mut keys = BTreeSet::new();
    visit(&app_dir().join("src"), &mut keys);
    keys
}

#[test]
fn every_key_in_use_is_in_both_catalogues_with_the_same_arguments() {
    let (french, english) = (catalogue(Locale::Fr), catalogue(Locale::En));
    let used = keys_in_sources();
    assert!(used.len() > 90, "the checks' keys are found in the sources: {used:?}");
    let defined: BTreeSet<String> = french.keys().cloned().collect();
    assert_eq!(used.difference(&defined).collect::<Vec<_>>(), Vec::<&String>::new(), "used but not in the French catalogue");
    assert_eq!(defined.difference(&used).collect::<Vec<_>>(), Vec::<&String>::new(), "in the catalogue but used nowhere");
    for (key, french_text) in &french {
        let english_text = english.get(key).unwrap_or_else(|| panic!("{key} is missing in English"));
        assert_eq!(placeholders(french_text), placeholders(english_text), "{key}: the two languages take the same arguments");
        assert_ne!(french_text, english_text, "{key} is translated");
    }
}

/// A course folder named `slug` with these files.
fn course(slug: &str, files: &[(&str, &[u8])]) -> CourseSource {
    let files = files.iter().map(|(path, bytes)| ((*path).to_owned(), bytes.to_vec())).collect();
    CourseSource { slug: slug.to_owned(), label: format!("courses/{slug}"), files }
}

const MANIFEST: &str = "title = \"Cours\"\nsummary = \"Résumé.\"\naudience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\n";

/// A manifest listing `modules` (written as TOML).
fn manifest_with(modules: &str, extra: &str) -> Vec<u8> {
    format!("{MANIFEST}modules = {modules}\n{extra}").into_bytes()
}

const FRONT: &str = "+++\ntitle = \"Module\"\nduration = 10\nobjectives = [\"Lire\"]\n+++\n\n";

const BROKEN_BODY: &str = "# Titre\n\n## A\n\n#### B\n\n##\n\n\
[vide]() et ![image vide]() et ![x](https://exemple.fr/a.png) et [ftp](ftp://exemple.fr) et \
![Schéma absolu](/images/a.png) et [autre](../autre-cours/01-a.md) et [module](09-absent.md) et \
![Image absente](images/absente.png) et [fichier](documents/absent.pdf).\n\n<div>html</div>\n\n\
- item\n\n  ```quiz\n  ? Q\n  ```\n\n\
```quiz\n- (x) orpheline\n? \n= a | | b\n= c\n! e\n! f\n? Q2\n- (x) a\n- [x] b\n> sans retrait\n-  x) c\n- ( )\nbla bla\n\
? Q3\n! e\n? Q4\n- (x) a\n= a\n? Q5\n- ( ) a\n- ( ) b\n? Q6\n- (x) a\n- (x) b\n? Q7\n- (x) a\n? Q8\n- [ ] a\n- [ ] b\n```\n\n\
```quiz\n```\n\n\
```exercice\nkind = \"prompt\"\ndocument = \"documents/absent.md\"\ncriteria = [\"role\", \"role\", \"politesse\"]\nkeep = [\"x\"]\n```\n\n\
```exercise\nkind = \"prompt\"\ntitle = \"T\"\ninstructions = \"I\"\n```\n\n\
```exercise\nkind = \"anonymize\"\ntitle = \"T\"\ninstructions = \"I\"\ncriteria = [\"role\"]\n```\n\n\
```exercise\nkind = \"anonymize\"\ntitle = \"T\"\ninstructions = \"I\"\ndocument = \"documents/lettre.md\"\nkeep = [\"commission\"]\n```\n\n\
```exercise\nkind = \"hallucination\"\ntitle = \"T\"\ninstructions = \"I\"\n[[statements]]\ntext = \" \"\nwrong = false\n```\n\n\
```exercise\nkind = \"hallucination\"\ntitle = \"T\"\ninstructions = \"I\"\nquestion = \"Q ?\"\n[[statements]]\ntext = \"A\"\nwrong = false\nexplanation = \"E\"\n[[statements]]\ntext = \"B\"\nwrong = false\nexplanation = \"E\"\n```\n\n\
```exercise\nkind = \"quiz\"\n```\n";

/// Broken course folders: between them, every problem the course check reports.
fn broken_courses() -> Vec<CourseSource> {
    let not_utf8: &[u8] = b"\xff\xfe";
    let front = |fields: &str| format!("+++\n{fields}\n+++\n\n## Texte\n").into_bytes();
    let body = format!("{FRONT}{BROKEN_BODY}").into_bytes();
    let big = vec![0u8; 6 * 1024 * 1024];
    vec![
        course("Mauvais Nom", &[]),
        course("c", &[("course.toml", not_utf8)]),
        course("c", &[("course.toml", b"title = ")]),
        course("c", &[("course.toml", b"titre = \"x\"")]),
        course("c", &[("course.toml", b"summary = \"x\"")]),
        course("c", &[("course.toml", b"title = 3\nsummary = \"x\"\nlevel = \"debutant\"\nmodules = []\n")]),
        course("c", &[("course.toml", &manifest_with("\"a.md\"", ""))]),
        course("c", &[("course.toml", &manifest_with("[]", "completion = 3"))]),
        course("c", &[("course.toml", format!("{MANIFEST}{MANIFEST}").as_bytes())]),
        course(
            "c",
            &[(
                "course.toml",
                b"title = \" \"\nsummary = \"\"\nlevel = \"expert\"\nthemes = [\"Mauvais Theme\"]\nmodules = []\ncompletion = { rule = \"min-percent\" }\n",
            )],
        ),
        course("c", &[("course.toml", &manifest_with("[]", "completion = { min_percent = 50 }"))]),
        course("c", &[("course.toml", &manifest_with("[]", "completion = { rule = \"autre\" }"))]),
        course(
            "c",
            &[
                (
                    "course.toml",
                    &manifest_with("[\"a.txt\", \"absent.md\", \"Mauvais.md\", \"01-fichiers.md\", \"01-intro.md\", \"01-intro.md\", \"02-intro.md\"]", ""),
                ),
                ("Mauvais.md", FRONT.as_bytes()),
                ("01-fichiers.md", FRONT.as_bytes()),
                ("01-intro.md", FRONT.as_bytes()),
                ("02-intro.md", FRONT.as_bytes()),
                ("03-oublie.md", FRONT.as_bytes()),
                ("images/lourde.png", &big),
                ("images/fausse.png", b"pas une image"),
                ("notes.docx", b"x"),
            ],
        ),
        course(
            "c",
            &[
                ("course.toml", &manifest_with("[\"01-a.md\", \"02-b.md\", \"03-c.md\", \"04-d.md\", \"05-e.md\", \"06-f.md\", \"07-g.md\"]", "")),
                ("01-a.md", not_utf8),
                ("02-b.md", b"## Sans en-tete\n"),
                ("03-c.md", b"+++\ntitle = \"x\"\n"),
                ("04-d.md", &front("title = \" \"\nduration = 0\npass_mark = 0\nmax_attempts = 0")),
                ("05-e.md", &front("title = \"E\"\nduration = \"dix\"")),
                ("06-f.md", &front("title = \"F\"\nduration = 10\npartial_credit = \"oui\"")),
                ("07-g.md", &body),
                ("documents/lettre.md", "Lettre au sujet du loyer.".as_bytes()),
            ],
        ),
    ]
}

const SCENARIO: &str = "title = \"Répondre\"\nsituation = \"Un usager écrit à la mairie au sujet de sa facture de cantine.\"\ncriteria = [\"task\"]\n";

/// A folder of courses for the scenarios that name one: an empty course folder, and an atelier
/// with a file that is not a scenario, one that is not UTF-8 and two with the same address.
struct Workspace(PathBuf);

impl Workspace {
    fn new() -> Workspace {
        let dir = std::env::temp_dir().join(format!("campus-ia-wording-{}", std::process::id()));
        let atelier = dir.join(crate::sandbox::scenarios::FOLDER);
        std::fs::create_dir_all(dir.join("cours-vide")).expect("temporary folder");
        std::fs::create_dir_all(&atelier).expect("temporary folder");
        std::fs::write(atelier.join("notes.txt"), "x").expect("written");
        std::fs::write(atelier.join("01-binaire.toml"), b"\xff\xfe").expect("written");
        std::fs::write(atelier.join("01-double.toml"), SCENARIO).expect("written");
        std::fs::write(atelier.join("02-double.toml"), SCENARIO).expect("written");
        Workspace(dir)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Broken scenario files: between them, every problem the scenario check reports.
fn broken_scenarios(workspace: &Workspace) -> Vec<Diagnostic> {
    let bundled = app_dir().join("../courses");
    let mut report = Report::default();
    let mut parse = |slug: &str, text: &str, courses_dir: Option<&Path>| {
        parse_scenario("atelier/01-essai.toml", slug, text, courses_dir, &mut report);
    };
    parse("Mauvais", SCENARIO, None);
    parse("essai", "title = \" \"\nsituation = \"Courte.\"\ncriteria = []\n", None);
    parse(
        "essai",
        "title = \"T\"\nsituation = \"Un usager écrit à la mairie au sujet de sa facture de cantine.\"\n\
         criteria = [\"task\", \"task\", \"ton\"]\nfailures = [\"invented-reference\", \"invented-reference\", \"mensonge\", \"prompt-injection\"]\n\
         module = \"un module\"\n",
        None,
    );
    let with_module = |module: &str| format!("{SCENARIO}module = \"{module}\"\n");
    parse("essai", &with_module("cours-absent/module"), Some(&workspace.0));
    parse("essai", &with_module("cours-vide/module"), Some(&workspace.0));
    parse("essai", &with_module("bien-formuler-une-demande/absent"), Some(&bundled));
    let mut diagnostics = report.into_sorted();
    let folder = check_scenarios(&workspace.0).expect("readable folder").expect("an atelier folder");
    diagnostics.extend(folder.diagnostics);
    diagnostics
}

#[test]
fn every_problem_reads_in_french_and_in_english_from_its_own_catalogue() {
    let workspace = Workspace::new();
    let mut diagnostics: Vec<Diagnostic> = broken_courses().iter().flat_map(|source| check_course(source).diagnostics).collect();
    diagnostics.extend(broken_scenarios(&workspace));
    let mut produced = BTreeSet::new();
    for diagnostic in &diagnostics {
        let key = diagnostic.text.key.to_string();
        let french = diagnostic.text.render_exactly(Locale::Fr).unwrap_or_else(|error| panic!("{error} ({diagnostic:?})"));
        let english = diagnostic.text.render_exactly(Locale::En).unwrap_or_else(|error| panic!("{error} ({diagnostic:?})"));
        assert_eq!(diagnostic.message(Locale::Fr), french);
        assert_eq!(diagnostic.message(Locale::En), english);
        assert!(diagnostic.to_string().ends_with(&french), "Display is French: {diagnostic}");
        assert_ne!(english, french, "{key} reads in English");
        for text in [&french, &english] {
            assert!(text != &key && !text.contains("{ $") && !text.contains("{$"), "{key}: {text}");
        }
        produced.insert(key);
    }
    let unproduced: Vec<String> = keys_in_sources().difference(&produced).cloned().collect();
    assert!(unproduced.is_empty(), "no broken fixture produces {unproduced:?}: add one");
}
