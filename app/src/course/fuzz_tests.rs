//! Property tests: whatever text a trainer (or an attacker uploading a course) feeds the parser,
//! it returns diagnostics and never panics, and what it renders stays inert.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{loader::{check_course, CourseSource}, model::Segment, quiz::parse_quiz};

/// Text made of the pieces the course syntax cares about, so that generated inputs reach the
/// interesting branches more often than random bytes would.
fn course_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("+++\n".to_owned()),
        Just("title = \"T\"\nduration = 5\n".to_owned()),
        Just("```quiz\n".to_owned()),
        Just("```exercise\n".to_owned()),
        Just("```\n".to_owned()),
        Just("? Question\n".to_owned()),
        Just("- (x) a\n".to_owned()),
        Just("- [ ] b\n".to_owned()),
        Just("  > retour\n".to_owned()),
        Just("! explication\n".to_owned()),
        Just("= a | b\n".to_owned()),
        Just("kind = \"prompt\"\n".to_owned()),
        Just("[[statements]]\n".to_owned()),
        Just("## Titre\n".to_owned()),
        Just("#### Sous-titre\n".to_owned()),
        Just("> [!WARNING]\n> texte\n".to_owned()),
        Just("[lien](02-b.md)\n".to_owned()),
        Just("![](images/x.png)\n".to_owned()),
        Just("<script>alert(1)</script>\n".to_owned()),
        Just("[^1]: note\n".to_owned()),
        Just("| a | b |\n| - | - |\n".to_owned()),
        "\\PC{0,40}\n",
        "[\\x00-\\x7f]{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn course_with_module(module: &str) -> CourseSource {
    let mut files = BTreeMap::new();
    files.insert(
        "course.toml".to_owned(),
        b"title = \"T\"\nsummary = \"S\"\naudience = \"A\"\nlevel = \"debutant\"\nmodules = [\"01-a.md\", \"02-b.md\"]\n".to_vec(),
    );
    files.insert("01-a.md".to_owned(), module.as_bytes().to_vec());
    files.insert("02-b.md".to_owned(), b"+++\ntitle = \"B\"\nduration = 5\n+++\n\n## B\n".to_vec());
    CourseSource { slug: "fuzz".to_owned(), label: "fuzz".to_owned(), files }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_module_text_is_checked_without_panicking(text in course_like_text()) {
        let check = check_course(&course_with_module(&text));
        for diagnostic in &check.diagnostics {
            prop_assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
        }
        if let Some(course) = check.course {
            for module in &course.modules {
                for segment in &module.segments {
                    if let Segment::Html(html) = segment {
                        prop_assert!(!html.to_lowercase().contains("<script"));
                    }
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut source = course_with_module("");
        source.files.insert("01-a.md".to_owned(), bytes.clone());
        source.files.insert("course.toml".to_owned(), bytes);
        let _ = check_course(&source);
    }

    #[test]
    fn any_quiz_text_parses_without_panicking(text in course_like_text(), first_line in 1u32..10_000) {
        let (_, issues) = parse_quiz(&text, first_line);
        for issue in issues {
            prop_assert!(issue.line >= first_line);
        }
    }
}
