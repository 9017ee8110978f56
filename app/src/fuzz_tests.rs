//! Property tests (bounded fuzzing, run by `make test`) for the other parsers of untrusted input:
//! quiz answers as a form sends them, the personal-data detector, and the xAPI statement query.
//! Whatever they are given, they answer and never panic. (The course parser has its own, in
//! `course::fuzz_tests`.)

use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::{
    course::quiz::parse_quiz,
    quiz::grading::{answers_from_form, grade},
    sandbox::privacy::scan,
    xapi::query::parse,
};

/// Pieces of French administrative text with personal data and look-alikes.
fn text_with_personal_data() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mme Durand ".to_owned()),
        Just("M. ".to_owned()),
        Just("06 12 34 56 78 ".to_owned()),
        Just("+33 6 ".to_owned()),
        Just("sophie.durand@exemple.fr ".to_owned()),
        Just("1 85 05 78 006 084 36 ".to_owned()),
        Just("FR76 3000 6000 0112 3456 7890 189 ".to_owned()),
        Just("4970 1000 0000 0006 ".to_owned()),
        Just("née le 3 mars 1975 ".to_owned()),
        Just("12 rue de la Paix 75002 Paris ".to_owned()),
        Just("article L. 311-3-1 ".to_owned()),
        Just("SIRET 123 456 789 00012 ".to_owned()),
        Just("2A ".to_owned()),
        Just("é".to_owned()),
        Just("\u{202f}".to_owned()),
        "\\PC{0,30}",
        "[0-9 .+-]{0,24}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

fn query_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("agent".to_owned()),
        Just("verb".to_owned()),
        Just("activity".to_owned()),
        Just("since".to_owned()),
        Just("until".to_owned()),
        Just("limit".to_owned()),
        Just("more".to_owned()),
        Just("ascending".to_owned()),
        Just("statementId".to_owned()),
        Just("format".to_owned()),
        "[a-zA-Z]{0,12}",
    ];
    let value = prop_oneof![
        Just("{\"account\":{\"homePage\":\"https://x\",\"name\":\"1\"}}".to_owned()),
        Just("{\"objectType\":\"Agent\",\"mbox\":\"mailto:a@b\"}".to_owned()),
        Just("2026-11-26T08:15:00+01:00".to_owned()),
        Just("[[[[[[[[[[".to_owned()),
        Just("31303030".to_owned()),
        "\\PC{0,60}",
        "[{}\\[\\]\":,0-9a-z\\\\]{0,80}",
    ];
    prop::collection::vec((name, value), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn quiz_answers_from_any_form_are_graded(fields in prop::collection::btree_map("[a-z0-9_\\[\\]]{0,12}", "\\PC{0,12}", 0..10)) {
        let text = "? Une ?\n- (x) a\n- ( ) b\n\n? Plusieurs ?\n- [x] a\n- [x] b\n- [ ] c\n\n? Courte ?\n= réponse | autre\n";
        let (quiz, issues) = parse_quiz(text, 1);
        // Warnings (no feedback, no explanation) are fine here; errors would make it another test.
        prop_assert!(issues.iter().all(|issue| !issue.is_error));
        // Also the names a real form sends, with any value.
        let mut form: BTreeMap<String, String> = fields;
        form.insert("answers[q0]".into(), form.get("x").cloned().unwrap_or_else(|| "99999999999999999999".into()));
        let answers = answers_from_form(&quiz, &form);
        let result = grade(&quiz, &answers, &Default::default());
        prop_assert!(result.score <= 100);
        prop_assert_eq!(result.questions.len(), 3);
    }

    #[test]
    fn the_detector_reports_valid_spans(text in text_with_personal_data()) {
        for finding in scan(&text) {
            prop_assert!(finding.start < finding.end && finding.end <= text.len());
            prop_assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end));
            prop_assert_eq!(&text[finding.start..finding.end], finding.text.as_str());
        }
    }

    #[test]
    fn any_xapi_query_gets_an_answer(pairs in query_pairs()) {
        // Ok or a clear error; never a panic.
        match parse(&pairs) {
            Ok(query) => prop_assert!(query.limit >= 1 && query.limit <= crate::xapi::query::MAX_LIMIT),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
}
