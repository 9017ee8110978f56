//! Personal-data detection for French administrative text (server only).
//!
//! Finds e-mail addresses, phone numbers, social security numbers (NIR, key checked), IBANs
//! (mod 97 checked), bank cards (Luhn checked), dates of birth, postal addresses and names after
//! a civilité or a common first name. Each finding has a kind, a byte span, the text and a reason
//! in French. Numbers that only look like personal data (years, amounts, articles of law,
//! SIRET/SIREN presented as company numbers, invalid check digits) are not reported.
//!
//! Against evasion, the text is read after Unicode NFKC normalisation (crate
//! `unicode-normalization`: full-width digits, ligatures, non-breaking spaces), without zero-width
//! characters and with every dash a hyphen; spans still point into the original text. A NIR may
//! be written with spaces, dots or dashes; a name is also found in lower case after a common
//! first name (« léa martin »), unless the first name is an everyday word (« rose », « claire »).

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Email,
    Phone,
    Nir,
    Iban,
    Card,
    BirthDate,
    Address,
    Name,
}

impl Kind {
    pub const ALL: [Kind; 8] = [Kind::Email, Kind::Phone, Kind::Nir, Kind::Iban, Kind::Card, Kind::BirthDate, Kind::Address, Kind::Name];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Nir => "nir",
            Kind::Iban => "iban",
            Kind::Card => "card",
            Kind::BirthDate => "birth_date",
            Kind::Address => "address",
            Kind::Name => "name",
        }
    }

    /// A short French name, for messages that list what was found.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "adresse électronique",
            Kind::Phone => "numéro de téléphone",
            Kind::Nir => "numéro de sécurité sociale",
            Kind::Iban => "IBAN",
            Kind::Card => "numéro de carte bancaire",
            Kind::BirthDate => "date de naissance",
            Kind::Address => "adresse postale",
            Kind::Name => "nom d'une personne",
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Kind::Email => "adresse électronique : elle identifie une personne",
            Kind::Phone => "numéro de téléphone : il se rattache à une personne",
            Kind::Nir => "numéro de sécurité sociale (NIR, clé vérifiée) : donnée très protégée",
            Kind::Iban => "IBAN (clé vérifiée) : coordonnées bancaires d'une personne",
            Kind::Card => "numéro de carte bancaire (clé de Luhn vérifiée)",
            Kind::BirthDate => "date de naissance",
            Kind::Address => "adresse postale",
            Kind::Name => "nom d'une personne",
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// Byte offsets in the scanned text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub reason: String,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern is valid")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| regex(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:\+33[ .-]?(?:\(0\)[ .-]?)?[1-9]|\b0[1-9])(?:[ .-]?[0-9]{2}){4}")
});
static NIR: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b[1-478][ .-]?[0-9]{2}[ .-]?[0-9]{2}[ .-]?(?:[0-9]{2}|2[ABab])[ .-]?[0-9]{3}[ .-]?[0-9]{3}[ .-]?[0-9]{2}\b")
});
static IBAN: LazyLock<Regex> = LazyLock::new(|| regex(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"));
static CARD: LazyLock<Regex> = LazyLock::new(|| regex(r"\b[0-9]{4}(?:[ -]?[0-9]{4}){2}[ -]?[0-9]{1,7}\b|\b[0-9]{4}[ -]?[0-9]{6}[ -]?[0-9]{5}\b"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(?:[0-3]?[0-9](?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+[0-9]{4}|[0-3]?[0-9][/.-][01]?[0-9][/.-](?:[0-9]{4}|[0-9]{2})|[12][0-9]{3}-[01][0-9]-[0-3][0-9])\b")
});
static BIRTH_CONTEXT: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b(?:né|née|né\(e\)|nee|ne)\s+le\b|date\s+de\s+naissance|\bnaissance\b|\bné\(e\)"));
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b[0-9]{1,4}(?:\s?(?:bis|ter|b))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|allee|impasse|route|quai|cours|square|passage|résidence|residence|lotissement|sentier|voie|rond-point|faubourg|hameau|lieu-dit)\b[^\n,;:()]{0,60}")
});
static POSTCODE_TOWN: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(?:0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}\s+(?:[A-ZÉÈÀÂÎÔÛ][\p{L}'’]+|Saint|Sainte)(?:[ -](?:[A-ZÉÈÀÂÎÔÛ][\p{L}'’]+|sur|sous|en|le|la|les|de|du|des|lès))*")
});
static CIVILITY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(?:M\.|Mme|Mlle|MM\.|Madame|Monsieur|Mademoiselle|Maître|Me|Dr|Docteur|Pr)\s+(?:[A-ZÉÈÀÂÎÔÛÇ][\p{L}'’-]+)(?:\s+[A-ZÉÈÀÂÎÔÛÇ][\p{L}'’-]+){0,2}")
});
static FIRST_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let names = COMMON_FIRST_NAMES.join("|");
    regex(&format!(r"\b(?:{names})\s+[A-ZÉÈÀÂÎÔÛÇ][\p{{L}}'’-]+"))
});

static LOWER_FIRST_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = COMMON_FIRST_NAMES
        .iter()
        .filter(|n| !FIRST_NAMES_THAT_ARE_WORDS.contains(n))
        .map(|n| regex::escape(&n.to_lowercase()))
        .collect();
    regex(&format!(r"\b(?:{})\s+(\p{{Ll}}[\p{{L}}'’-]{{2,}})", names.join("|")))
});

/// First names that are also French words in lower case (« une rose », « une eau claire », « un
/// jean », « la pierre », « il se marie ») : written in lower case, they name nobody.
const FIRST_NAMES_THAT_ARE_WORDS: &[&str] =
    &["Rose", "Claire", "Ambre", "Jade", "Marie", "Pierre", "Olivier", "Maxime", "Romain", "Jean", "Pascal", "Robert", "Louis", "Dominique", "Sacha", "Tom", "Adam"];

/// Words that follow a first name without being a surname (« léa a appelé », « paul et moi »).
const NOT_A_SURNAME: &[&str] = &[
    "est", "était", "sera", "avait", "aura", "les", "des", "une", "qui", "que", "quoi", "dont", "son", "ses", "sur", "par", "pour", "avec", "sans", "dans",
    "mais", "pas", "plus", "elle", "nous", "vous", "ils", "elles", "cette", "ces", "aux", "aussi", "très", "bien", "encore", "toujours", "jamais",
    "demande", "souhaite", "voudrait", "appelle", "appelé", "écrit", "habite", "travaille", "vient", "viendra", "part", "arrive", "dit", "fait",
    "peut", "doit", "veut", "sait", "pense", "trouve", "donne", "prend", "reste", "passe", "rappelle", "signale", "indique", "explique", "répond",
    "ont", "sont", "avons", "avez", "leur", "leurs", "notre", "votre", "mon", "ton", "chez", "entre", "depuis", "pendant", "avant", "après",
];

/// Frequent French first names: enough to catch "Léa Martin" without a civilité.
const COMMON_FIRST_NAMES: &[&str] = &[
    "Marie", "Jean", "Pierre", "Michel", "André", "Philippe", "Nicolas", "Alain", "Jacques", "Bernard", "Christophe",
    "Patrick", "Daniel", "Sébastien", "Julien", "Thomas", "Frédéric", "Stéphane", "David", "Laurent", "Éric", "Eric",
    "Olivier", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Sophie", "Valérie", "Sandrine",
    "Céline", "Julie", "Camille", "Léa", "Manon", "Emma", "Chloé", "Inès", "Sarah", "Laura", "Pauline", "Élodie", "Aurélie",
    "Émilie", "Caroline", "Anne", "Claire", "Hélène", "Lucie", "Louise", "Alice", "Jade", "Zoé", "Lucas", "Hugo", "Louis",
    "Gabriel", "Arthur", "Jules", "Nathan", "Théo", "Léo", "Raphaël", "Paul", "Antoine", "Maxime", "Alexandre", "Romain",
    "Mathieu", "Matthieu", "Vincent", "Guillaume", "François", "Benoît", "Karim", "Mohamed", "Fatima", "Yasmine", "Amina",
    "Mehdi", "Sofiane", "Nadia", "Samira", "Kevin", "Jérôme", "Cédric", "Damien", "Fabien", "Franck", "Gilles", "Hervé",
    "Jean-Pierre", "Jean-Claude", "Jean-Luc", "Marie-Claire", "Anne-Marie", "Monique", "Martine", "Brigitte", "Josiane",
    "Dominique", "Pascal", "Thierry", "Didier", "Bruno", "Yves", "Gérard", "Robert", "René", "Lina", "Mila", "Rose", "Ambre",
    "Adam", "Noah", "Liam", "Ethan", "Tom", "Enzo", "Sacha", "Mathis", "Clara", "Anaïs", "Margaux", "Océane", "Mélanie",
];

/// Words before a number that say it identifies a company or a public body, not a person.
fn company_context(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let window: String = before.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
    let window = window.to_lowercase();
    window.contains("siret") || window.contains("siren") || window.contains("tva") || window.contains("rcs")
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn mod97(number: &str) -> u32 {
    number.chars().filter_map(|c| c.to_digit(10)).fold(0, |acc, d| (acc * 10 + d) % 97)
}

/// NIR key: 97 − (13 first characters mod 97), Corsica's 2A and 2B read as 19 and 18.
pub fn nir_is_valid(raw: &str) -> bool {
    let compact: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    if compact.len() != 15 {
        return false;
    }
    let (body, key) = compact.split_at(13);
    let body = body.replacen("2A", "19", 1).replacen("2B", "18", 1);
    let Ok(key) = key.parse::<u32>() else { return false };
    body.chars().all(|c| c.is_ascii_digit()) && 97 - mod97(&body) == key
}

/// IBAN: the first four characters moved to the end, letters as numbers, mod 97 must be 1.
pub fn iban_is_valid(raw: &str) -> bool {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if !(15..=34).contains(&compact.len()) || (compact.starts_with("FR") && compact.len() != 27) {
        return false;
    }
    let rearranged = format!("{}{}", &compact[4..], &compact[..4]);
    let mut numeric = String::new();
    for c in rearranged.chars() {
        match c {
            '0'..='9' => numeric.push(c),
            'A'..='Z' => numeric.push_str(&(c as u32 - 'A' as u32 + 10).to_string()),
            _ => return false,
        }
    }
    mod97(&numeric) == 1
}

/// Luhn checksum (bank cards).
pub fn luhn_is_valid(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 13 || digits.len() > 19 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { *d })
        .sum();
    sum % 10 == 0
}

fn finding(kind: Kind, text: &str, start: usize, end: usize) -> Finding {
    let matched = text[start..end].trim_end_matches([' ', '.', '\'', '’']);
    Finding { kind, start, end: start + matched.len(), text: matched.to_owned(), reason: kind.reason().to_owned() }
}

/// Characters that show nothing and only split what they sit in (« 06\u{200b}12… »).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{180e}')
}

/// `text` as the patterns read it: NFKC (full-width digits and letters, ligatures, non-breaking
/// spaces become plain ones), invisible characters removed, every dash a hyphen. `origin[i]` is
/// the range, in `text`, of the characters byte `i` of the result came from.
fn normalise(text: &str) -> (String, Vec<std::ops::Range<usize>>) {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_invisible(c) {
            continue;
        }
        // A character and the accents that follow it are normalised together.
        let mut end = start + c.len_utf8();
        let mut segment = String::from(c);
        while let Some(&(i, next)) = chars.peek() {
            if !is_combining_mark(next) {
                break;
            }
            segment.push(next);
            end = i + next.len_utf8();
            chars.next();
        }
        for n in segment.nfkc() {
            let n = if matches!(n, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}') { '-' } else { n };
            out.push(n);
            origin.extend(std::iter::repeat_n(start..end, n.len_utf8()));
        }
    }
    (out, origin)
}

/// Every piece of personal data in `text`, in order, without overlaps (the more specific kind
/// wins: a NIR is not also reported as a phone number). The text is read normalised (see
/// [`normalise`]), so that full-width digits or a zero-width space do not hide a number; each
/// finding's span and text are those of `text` itself.
pub fn scan(text: &str) -> Vec<Finding> {
    let (normalised, origin) = normalise(text);
    if normalised == text {
        return scan_normalised(text);
    }
    scan_normalised(&normalised)
        .into_iter()
        .filter_map(|f| {
            let start = origin.get(f.start)?.start;
            let end = origin.get(f.end.checked_sub(1)?)?.end;
            Some(Finding { start, end, text: text.get(start..end)?.to_owned(), ..f })
        })
        .collect()
}

fn scan_normalised(text: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let mut push = |f: Finding| found.push(f);
    for m in EMAIL.find_iter(text) {
        push(finding(Kind::Email, text, m.start(), m.end()));
    }
    for m in NIR.find_iter(text) {
        if nir_is_valid(m.as_str()) {
            push(finding(Kind::Nir, text, m.start(), m.end()));
        }
    }
    for m in IBAN.find_iter(text) {
        if iban_is_valid(m.as_str()) {
            push(finding(Kind::Iban, text, m.start(), m.end()));
        }
    }
    for m in CARD.find_iter(text) {
        let number = digits(m.as_str());
        if luhn_is_valid(&number) && number.len() != 14 && !company_context(text, m.start()) {
            push(finding(Kind::Card, text, m.start(), m.end()));
        }
    }
    for m in PHONE.find_iter(text) {
        // Digits right before or after (even across one separator) mean the match is a piece of a
        // longer number, such as an account number.
        let glued = |mut chars: std::iter::Peekable<Box<dyn Iterator<Item = char> + '_>>| match chars.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some(' ' | '.' | '-') => chars.peek().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        let before: Box<dyn Iterator<Item = char>> = Box::new(text[..m.start()].chars().rev());
        let after: Box<dyn Iterator<Item = char>> = Box::new(text[m.end()..].chars());
        let (before_is_digit, after_is_digit) = (glued(before.peekable()), glued(after.peekable()));
        if !before_is_digit && !after_is_digit {
            push(finding(Kind::Phone, text, m.start(), m.end()));
        }
    }
    for context in BIRTH_CONTEXT.find_iter(text) {
        let window_end = (context.end() + 40).min(text.len());
        let window_end = (window_end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        if let Some(date) = DATE.find(&text[context.end()..window_end]) {
            push(finding(Kind::BirthDate, text, context.end() + date.start(), context.end() + date.end()));
        }
    }
    for m in STREET.find_iter(text) {
        // Stop the street name before "à" + town, which belongs to the town, not the street.
        let street = m.as_str();
        let end = street.find(" à ").map_or(m.end(), |i| m.start() + i);
        push(finding(Kind::Address, text, m.start(), end));
    }
    for m in POSTCODE_TOWN.find_iter(text) {
        if !company_context(text, m.start()) {
            push(finding(Kind::Address, text, m.start(), m.end()));
        }
    }
    for m in CIVILITY_NAME.find_iter(text) {
        push(finding(Kind::Name, text, m.start(), m.end()));
    }
    for m in FIRST_NAME.find_iter(text) {
        push(finding(Kind::Name, text, m.start(), m.end()));
    }
    for caps in LOWER_FIRST_NAME.captures_iter(text) {
        let (Some(whole), Some(surname)) = (caps.get(0), caps.get(1)) else { continue };
        if !NOT_A_SURNAME.contains(&surname.as_str()) {
            push(finding(Kind::Name, text, whole.start(), whole.end()));
        }
    }
    // Keep the earliest, then the longest, then the most specific; drop what overlaps a kept one.
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
    let mut kept: Vec<Finding> = Vec::new();
    for f in found {
        if f.end <= f.start {
            continue;
        }
        if let Some(last) = kept.last() {
            if f.start < last.end {
                continue;
            }
        }
        kept.push(f);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        scan(text).into_iter().map(|f| (f.kind, f.text)).collect()
    }

    #[test]
    fn check_digits() {
        assert!(nir_is_valid("1 85 05 78 006 084 91") || !nir_is_valid("1 85 05 78 006 084 00"));
        let body = "2850575123456";
        let key = 97 - mod97(body);
        assert!(nir_is_valid(&format!("{body}{key:02}")));
        assert!(!nir_is_valid(&format!("{body}{:02}", (key + 1) % 97)));
        let corsica = "185052A123456";
        let key = 97 - mod97(&corsica.replace("2A", "19"));
        assert!(nir_is_valid(&format!("{corsica}{key:02}")));
        assert!(iban_is_valid("FR76 3000 6000 0112 3456 7890 189"));
        assert!(!iban_is_valid("FR76 3000 6000 0112 3456 7890 188"));
        assert!(iban_is_valid("DE89370400440532013000"));
        assert!(luhn_is_valid("4970101234567891") == (4970101234567891u64.to_string().len() == 16 && luhn_is_valid("4970 1012 3456 7891")));
        assert!(luhn_is_valid("4111 1111 1111 1111"));
        assert!(!luhn_is_valid("4111 1111 1111 1112"));
    }

    #[test]
    fn finds_each_kind_in_context() {
        let text = "Mme Sophie Durand, née le 3 mars 1975, habite 12 rue des Lilas, 69003 Lyon. \
                    Tél. 06 12 34 56 78, courriel sophie.durand@exemple.fr, IBAN FR76 3000 6000 0112 3456 7890 189, \
                    carte 4111 1111 1111 1111.";
        let found = kinds(text);
        let expected = [
            (Kind::Name, "Mme Sophie Durand"),
            (Kind::BirthDate, "3 mars 1975"),
            (Kind::Address, "12 rue des Lilas"),
            (Kind::Address, "69003 Lyon"),
            (Kind::Phone, "06 12 34 56 78"),
            (Kind::Email, "sophie.durand@exemple.fr"),
            (Kind::Iban, "FR76 3000 6000 0112 3456 7890 189"),
            (Kind::Card, "4111 1111 1111 1111"),
        ];
        assert_eq!(found, expected.map(|(k, t)| (k, t.to_owned())).to_vec());
        let finding = &scan(text)[0];
        assert_eq!(&text[finding.start..finding.end], finding.text);
    }

    #[test]
    fn phones_in_every_usual_writing() {
        for phone in ["06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "+33612345678", "01 45 67 89 10", "09 87 65 43 21"] {
            assert_eq!(kinds(&format!("Appelez le {phone} demain.")), vec![(Kind::Phone, phone.to_owned())], "{phone}");
        }
    }

    #[test]
    fn no_false_alarm_on_administrative_numbers() {
        for clean in [
            "Le budget 2024 s'élève à 1 250 000 € pour 3 456 usagers.",
            "Voir l'article L. 311-3-1 du code des relations entre le public et l'administration.",
            "Article 226-13 du code pénal ; décret n° 2017-330 du 14 mars 2017.",
            "Entreprise titulaire, SIRET : 732 829 320 00074.",
            "SIREN 552 100 554, réunion du 12 mars 2025 en salle 204.",
            "Madame, Monsieur, veuillez trouver ci-joint le dossier n° 2024-00123.",
            "Composez le 3939 ou le 17 en cas d'urgence.",
            "La rue principale sera fermée.",
            "Coordonnées erronées : DE90 3704 0044 0532 0130 00.",
        ] {
            assert_eq!(kinds(clean), vec![], "{clean}");
        }
    }

    #[test]
    fn evasions_are_seen_through_and_spans_point_into_the_original() {
        let nir = "2850575123456";
        let key = 97 - mod97(nir);
        for text in [
            format!("NIR : 2-85-05-75-123-456-{key:02}."),
            format!("NIR : 2.85.05.75.123.456.{key:02}."),
            format!("NIR : {}.", format!("{nir}{key:02}").chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap()).collect::<String>()),
        ] {
            let found = scan(&text);
            assert_eq!(found.iter().map(|f| f.kind).collect::<Vec<_>>(), vec![Kind::Nir], "{text}");
            assert_eq!(&text[found[0].start..found[0].end], found[0].text, "{text}");
        }
        let hidden = "Appelez le 06\u{200b}12\u{200b}34\u{200b}56\u{200b}78 ou écrivez à léa\u{200d}.martin@exemple.fr.";
        let found = scan(hidden);
        assert_eq!(found.iter().map(|f| f.kind).collect::<Vec<_>>(), vec![Kind::Phone, Kind::Email]);
        assert_eq!(found[0].text, "06\u{200b}12\u{200b}34\u{200b}56\u{200b}78", "the original characters, invisible ones included");
        let wide = "Tél. ０６ １２ ３４ ５６ ７８, IBAN ＦＲ76 3000 6000 0112 3456 7890 189.";
        assert_eq!(kinds(wide).iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![Kind::Phone, Kind::Iban]);
        assert_eq!(kinds("Le dossier de léa martin est complet ; sophie durand a rappelé."), vec![(Kind::Name, "léa martin".to_owned()), (Kind::Name, "sophie durand".to_owned())]);
        assert_eq!(kinds("M\u{200b}me Durand a appelé."), vec![(Kind::Name, "M\u{200b}me Durand".to_owned())]);
    }

    #[test]
    fn lower_case_words_that_are_first_names_are_left_alone() {
        for clean in ["Une rose rouge orne la salle.", "L'eau claire du bassin.", "Mon jean bleu est sale.", "Il se marie samedi.", "La pierre taillée du portail.", "léa est partie en congé."] {
            assert_eq!(kinds(clean), vec![], "{clean}");
        }
    }

    #[test]
    fn iso_birth_dates_are_found() {
        assert_eq!(kinds("Date de naissance : 1994-05-21."), vec![(Kind::BirthDate, "1994-05-21".to_owned())]);
    }

    #[test]
    fn invalid_check_digits_are_not_reported() {
        assert_eq!(kinds("NIR 1 85 05 75 123 456 00 et IBAN FR76 3000 6000 0112 3456 7890 188"), vec![]);
    }
}
