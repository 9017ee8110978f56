//! Identifiers for URLs and heading anchors, and the accent folding that comparisons share.
//!
//! Letters outside ASCII are transliterated by `deunicode` (é → e, œ → oe, ß → ss, ø → o,
//! Ł → L, Greek and Cyrillic letters to Latin ones); other characters (punctuation, quotes,
//! symbols) are left alone by [`fold_text`], whose callers look for words and quotes in it.

/// `Qu'est-ce que l'IA ?` → `qu-est-ce-que-l-ia`: lower case ASCII, letters transliterated,
/// words joined with dashes.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in fold_letters(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Lower case without accents, for comparisons that ignore both ("Énergie" matches "energie").
pub fn fold_text(text: &str) -> String {
    fold_letters(text).to_lowercase()
}

/// `text` with every non-ASCII letter transliterated to ASCII (a letter `deunicode` does not know
/// is kept as it is); everything else unchanged.
fn fold_letters(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match deunicode::deunicode_char(c) {
            // CJK syllables come with a trailing space, which separates them as words.
            Some(ascii) if c.is_alphabetic() && !c.is_ascii() && !ascii.trim().is_empty() => folded.push_str(ascii),
            _ => folded.push(c),
        }
    }
    folded
}

/// Is `text` already a valid slug (what folder and module names must be)?
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(slugify("Qu'est-ce que l'IA générative ?"), "qu-est-ce-que-l-ia-generative");
        assert_eq!(slugify("  Œuvre & cœur — 2024 "), "oeuvre-coeur-2024");
        assert_eq!(slugify("???"), "");
        assert!(is_slug("cadre-juridique-2"));
        assert!(!is_slug("Cadre"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("é"));
    }

    #[test]
    fn letters_beyond_french_are_transliterated() {
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Søren Kierkegaard"), "soren-kierkegaard");
        assert_eq!(slugify("Łódź"), "lodz");
        assert_eq!(slugify("Ελληνικά"), "ellenika");
        assert_eq!(slugify("Ísland — Þórshöfn"), "island-thorshofn");
        assert_eq!(slugify("Überblick: Ærø"), "uberblick-aero");
        assert_eq!(slugify("Москва"), "moskva");
        assert!(is_slug(&slugify("中文 课程")), "{}", slugify("中文 课程"));
    }

    #[test]
    fn folding_keeps_what_is_not_a_letter() {
        assert_eq!(fold_text("Énergie"), "energie");
        assert_eq!(fold_text("Œuvre"), "oeuvre");
        assert_eq!(fold_text("Straße Øst Łódź"), "strasse ost lodz");
        assert_eq!(fold_text("ΑΘΗΝΑ"), fold_text("Αθηνα"));
        // Quotes, apostrophes, symbols and digits are the callers' business.
        assert_eq!(fold_text("« l’été » 12 € — ok !"), "« l’ete » 12 € — ok !");
        assert_eq!(fold_text("٣"), "٣", "not a letter");
    }
}
