//! Text operations of the simulated assistant on the learner's own material: cutting into
//! sentences, an extractive summary (the sentences that carry the text's most frequent content
//! words, in their original order), lists, numbered plans and Markdown tables, a comparison of
//! labelled items, rephrasing and plain-language rewriting by phrase tables, spelling and
//! typography corrections, and a word-for-word translation into English.
//!
//! Pure and deterministic: the same text always gives the same answer, and every answer is made
//! of what the learner pasted, never of a canned text.

use std::{collections::HashMap, sync::LazyLock};

use regex::Regex;

use super::request::{self, Format};
use crate::course::slug::fold_text;

/// Words too common to say what a text is about.
const STOP_WORDS: &[&str] = &[
    "alors", "aussi", "autre", "autres", "avant", "avec", "avoir", "cela", "celle", "celui", "cette", "ceux", "chaque", "comme",
    "dans", "depuis", "donc", "dont", "elle", "elles", "encore", "entre", "etait", "etre", "leur", "leurs", "mais", "meme",
    "moins", "notre", "nous", "nos", "pour", "plus", "sans", "selon", "sera", "seront", "sont", "sous", "tous", "tout",
    "toute", "toutes", "tres", "votre", "vous", "vos", "apres", "ainsi", "afin", "lors", "cependant", "etaient", "avait",
    "avons", "avez", "ont", "fait", "faire", "peut", "peuvent", "doit", "doivent", "quand", "quel", "quelle", "quels",
    "quelles", "qu'il", "qu'elle", "c'est", "n'est", "d'un", "d'une", "l'on", "celles", "ici", "bien", "deja", "jour",
    "ceci", "parce", "pendant", "contre", "vers", "chez", "the", "and",
];

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "n", "no", "art", "p", "cf", "etc", "ex", "st", "ste", "av", "bd", "tel", "env", "min", "max", "vol", "chap", "al"];

/// The sentences of `text`: each line on its own (lists, notes), then each line cut after
/// `.`, `!`, `?` or `…` followed by a capital or a digit. List markers are taken off.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = strip_marker(line.trim());
        if line.is_empty() {
            continue;
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut start = 0;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let after = chars.get(k + 2).map(|&(_, n)| n);
            let ends = next.is_some_and(char::is_whitespace) && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || a == '«' || a == '"');
            if !ends {
                continue;
            }
            if c == '.' {
                let before: String = line[..i].chars().rev().take_while(|ch| ch.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
                if ABBREVIATIONS.contains(&fold_text(&before).as_str()) || (before.chars().count() == 1 && before.chars().all(char::is_uppercase)) {
                    continue;
                }
            }
            let end = i + c.len_utf8();
            let sentence = line[start..end].trim();
            if !sentence.is_empty() {
                out.push(sentence.to_owned());
            }
            start = end;
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(rest.to_owned());
        }
    }
    out
}

fn strip_marker(line: &str) -> &str {
    let line = line.trim_start_matches(['-', '*', '•', '–', '—', '>']).trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    line
}

fn content_words(text: &str) -> Vec<String> {
    request::words(text).into_iter().filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(&w.as_str())).collect()
}

/// The `n` sentences of `text` that carry most of the content words it comes back to, in their
/// original order (the first ones when nothing repeats).
pub fn key_sentences(text: &str, n: usize) -> Vec<String> {
    let all = sentences(text);
    if all.len() <= n {
        return all;
    }
    let mut frequency: HashMap<String, usize> = HashMap::new();
    for word in content_words(text) {
        *frequency.entry(word).or_default() += 1;
    }
    let mut scored: Vec<(usize, f64)> = all
        .iter()
        .enumerate()
        .map(|(i, sentence)| {
            let mut seen = Vec::new();
            let mut score = 0.0;
            // Only the words the text comes back to (its themes) count.
            for word in content_words(sentence) {
                let times = *frequency.get(&word).unwrap_or(&0);
                if !seen.contains(&word) && times >= 2 {
                    score += times as f64;
                    seen.push(word);
                }
            }
            let length = request::words(sentence).len().max(1) as f64;
            let mut score = score / (1.0 + length.ln());
            if sentence.chars().any(|c| c.is_ascii_digit()) {
                score *= 1.2; // dates, amounts and counts are what readers look for
            }
            if i == 0 {
                score *= 1.1;
            }
            (i, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = scored.into_iter().take(n).map(|(i, _)| i).collect();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| all[i].clone()).collect()
}

/// `sentence` cut to `max` words at most, ending with « … » when cut.
pub fn shorten(sentence: &str, max: usize) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= max {
        return sentence.to_owned();
    }
    format!("{} …", words[..max].join(" ").trim_end_matches([',', ';', ':']))
}

pub fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {item}")).collect::<Vec<_>>().join("\n")
}

pub fn numbered(items: &[String]) -> String {
    items.iter().enumerate().map(|(i, item)| format!("{}. {item}", i + 1)).collect::<Vec<_>>().join("\n")
}

fn cell(text: &str) -> String {
    text.replace('|', "/").replace('\n', " ").trim().to_owned()
}

/// A Markdown table.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n|{}|\n", header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "), vec![" --- "; header.len()].join("|"));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
    }
    out.trim_end().to_owned()
}

/// A text cut to the lines and words the format allows.
pub fn fit(text: &str, format: &Format) -> String {
    let mut text = text.to_owned();
    if let Some(lines) = format.lines {
        let kept: Vec<&str> = text.lines().take(lines).collect();
        text = kept.join("\n");
    }
    if let Some(max) = format.words {
        let mut count = 0;
        let mut out = String::new();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if count + words.len() > max {
                let left = max.saturating_sub(count);
                if left > 0 {
                    out.push_str(&format!("{} …", words[..left].join(" ")));
                }
                break;
            }
            count += words.len();
            out.push_str(line);
            out.push('\n');
        }
        text = out.trim_end().to_owned();
    }
    text
}

/// Labelled items of a text to compare: lines such as « Offre A : … » or « Entreprise Martin — … »,
/// each with the lines that follow it until the next label.
pub fn labelled_items(text: &str) -> Vec<(String, String)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[-*•]\s*)?((?:[\p{Lu}][\p{L}'’.-]*|[0-9]+)(?:\s+[\p{L}0-9'’.-]+){0,4})\s*(?::|—|–| - )\s*(.*)$").expect("constant pattern")
    });
    let mut items: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match LABEL.captures(line) {
            Some(caps) if caps[1].split_whitespace().count() <= 4 => items.push((caps[1].trim().to_owned(), caps[2].trim().to_owned())),
            _ => {
                if let Some(last) = items.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            }
        }
    }
    // Items in one paragraph: « Offre A : … . Offre B : … . »
    if items.len() < 2 {
        static INLINE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"((?:Offre|Entreprise|Candidat|Candidate|Option|Solution|Scénario|Proposition|Lot|Devis|Prestataire|Société)\s+[\p{L}0-9'’-]+)\s*:").expect("constant pattern")
        });
        let starts: Vec<(usize, usize, String)> = INLINE.captures_iter(text).filter_map(|c| c.get(0).map(|m| (m.start(), m.end(), c[1].to_owned()))).collect();
        if starts.len() >= 2 {
            items = starts
                .iter()
                .enumerate()
                .map(|(k, (_, end, label))| {
                    let stop = starts.get(k + 1).map_or(text.len(), |next| next.0);
                    (label.clone(), text[*end..stop].trim().to_owned())
                })
                .collect();
        }
    }
    items
}

/// What the criteria of a comparison are usually called.
const CRITERIA: &[(&str, &str)] = &[
    ("prix", "Prix"), ("montant", "Prix"), ("cout", "Prix"), ("tarif", "Prix"), ("euros", "Prix"), ("ht", "Prix"),
    ("delai", "Délai"), ("livraison", "Délai"), ("semaines", "Délai"), ("jours", "Délai"), ("mois", "Délai"),
    ("garantie", "Garantie"), ("maintenance", "Maintenance"), ("formation", "Formation"), ("references", "Références"),
    ("experience", "Expérience"), ("hebergement", "Hébergement"), ("france", "Hébergement"), ("donnees", "Données"),
    ("accessibilite", "Accessibilité"), ("support", "Assistance"), ("assistance", "Assistance"), ("environnement", "Environnement"),
];

/// A table comparing the labelled items of `text` on the criteria they share, each cell quoting
/// the item's own words; `None` when the text has fewer than two items.
pub fn compare(text: &str) -> Option<String> {
    let items = labelled_items(text);
    if items.len() < 2 {
        return None;
    }
    let mut criteria: Vec<&str> = Vec::new();
    for (word, name) in CRITERIA {
        let present = items.iter().filter(|(_, body)| request::words(body).iter().any(|w| w == word)).count();
        if present >= 1 && !criteria.contains(name) {
            criteria.push(name);
        }
    }
    let clauses = |body: &str| -> Vec<String> {
        body.split([',', ';', '.']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
    };
    let mut rows = Vec::new();
    for name in criteria.iter().take(6) {
        let words: Vec<&str> = CRITERIA.iter().filter(|(_, n)| n == name).map(|(w, _)| *w).collect();
        let mut row = vec![(*name).to_owned()];
        for (_, body) in &items {
            let found = clauses(body).into_iter().find(|c| request::words(c).iter().any(|w| words.contains(&w.as_str())));
            row.push(found.unwrap_or_else(|| "non précisé".to_owned()));
        }
        rows.push(row);
    }
    if rows.is_empty() {
        rows = vec![std::iter::once("Ce que dit le texte".to_owned()).chain(items.iter().map(|(_, b)| shorten(b, 25))).collect()];
    }
    let header: Vec<String> = std::iter::once("Critère".to_owned()).chain(items.iter().map(|(label, _)| label.clone())).collect();
    Some(table(&header, &rows))
}

/// A case-insensitive replacement table on word boundaries; a replaced phrase that began with a
/// capital keeps one.
struct Replacements {
    pattern: Regex,
    targets: HashMap<String, &'static str>,
}

impl Replacements {
    fn new(pairs: &[(&str, &'static str)]) -> Replacements {
        let mut sorted: Vec<&(&str, &'static str)> = pairs.iter().collect();
        sorted.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        let alternatives: Vec<String> = sorted.iter().map(|(from, _)| regex::escape(from)).collect();
        let pattern = Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|"))).expect("constant pattern");
        Replacements { pattern, targets: pairs.iter().map(|(from, to)| (from.to_lowercase(), *to)).collect() }
    }

    /// The text with every phrase replaced, and how many were.
    fn apply(&self, text: &str) -> (String, usize) {
        let mut count = 0;
        let replaced = self.pattern.replace_all(text, |caps: &regex::Captures<'_>| {
            let found = &caps[0];
            let Some(target) = self.targets.get(&found.to_lowercase()) else { return found.to_owned() };
            count += 1;
            if found.chars().next().is_some_and(char::is_uppercase) {
                let mut chars = target.chars();
                chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
            } else {
                (*target).to_owned()
            }
        });
        (tidy(&replaced), count)
    }
}

/// Spaces left by an empty replacement, and a capital after it.
fn tidy(text: &str) -> String {
    static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[ \t]{2,}").expect("constant pattern"));
    static BEFORE_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" +([,.])").expect("constant pattern"));
    let text = SPACES.replace_all(text, " ");
    let text = BEFORE_COMMA.replace_all(&text, "$1");
    text.lines().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n")
}

static REPHRASE: LazyLock<Replacements> = LazyLock::new(|| {
    Replacements::new(&[
        ("afin de", "pour"), ("en raison de", "à cause de"), ("toutefois", "cependant"), ("néanmoins", "pourtant"),
        ("concernant", "au sujet de"), ("actuellement", "aujourd'hui"), ("nécessaire", "indispensable"), ("en effet", "de fait"),
        ("par ailleurs", "de plus"), ("également", "aussi"), ("dans le cadre de", "pour"), ("il convient de", "il faut"),
        ("à ce jour", "pour l'instant"), ("suite à", "après"), ("permettre de", "servir à"), ("permet de", "sert à"),
        ("important", "essentiel"), ("rapidement", "vite"), ("débuter", "commencer"), ("débutera", "commencera"),
        ("s'élève à", "atteint"), ("procéder à", "faire"), ("mettre en place", "organiser"), ("mis en place", "organisé"),
        ("mise en place", "organisation"), ("en outre", "de plus"), ("ainsi que", "et"), ("est fermé", "reste fermé"),
        ("est fermée", "reste fermée"), ("auprès de", "chez"), ("au sein de", "dans"), ("dorénavant", "désormais"),
    ])
});

static PLAIN: LazyLock<Replacements> = LazyLock::new(|| {
    Replacements::new(&[
        ("pièces justificatives", "documents"), ("pièce justificative", "document"), ("justificatif de domicile", "preuve d'adresse"),
        ("dans les meilleurs délais", "rapidement"), ("dans les plus brefs délais", "rapidement"), ("afin de", "pour"),
        ("à compter du", "à partir du"), ("à compter de", "à partir de"), ("procéder au règlement", "payer"), ("procéder au paiement", "payer"),
        ("vous êtes invité à", "merci de"), ("vous êtes invitée à", "merci de"), ("vous êtes invités à", "merci de"),
        ("nonobstant", "malgré"), ("susvisé", ""), ("susvisée", ""), ("susvisés", ""), ("susvisées", ""), ("ci-dessus mentionné", ""),
        ("en application de", "selon"), ("conformément à", "selon"), ("conformément aux", "selon les"), ("demeure", "reste"),
        ("demeurent", "restent"), ("ledit", "ce"), ("ladite", "cette"), ("lesdits", "ces"), ("lesdites", "ces"),
        ("il vous appartient de", "vous devez"), ("il appartient au demandeur de", "vous devez"), ("le demandeur", "vous"),
        ("la demanderesse", "vous"), ("l'usager", "vous"), ("réputé", "considéré"), ("délivrance", "remise"), ("octroi", "accord"),
        ("solliciter", "demander"), ("sollicitez", "demandez"), ("sollicité", "demandé"), ("en l'absence de", "sans"),
        ("à défaut de", "sans"), ("préalablement", "avant"), ("ultérieurement", "plus tard"), ("en vue de", "pour"),
        ("auprès des services compétents", "au bon service"), ("dossier incomplet", "dossier où il manque des documents"),
        ("un délai de rigueur", "une date limite"), ("sous peine de", "sinon"), ("par voie dématérialisée", "sur internet"),
        ("dématérialisée", "en ligne"), ("dématérialisé", "en ligne"), ("modalités", "façons de faire"), ("le cas échéant", "si besoin"),
        ("aux fins de", "pour"), ("s'agissant de", "pour"), ("notamment", "par exemple"), ("en sus", "en plus"),
    ])
});

/// `text` said otherwise, sentence by sentence: connectors and common words replaced. The count
/// says how many phrases changed.
pub fn rephrase(text: &str) -> (String, usize) {
    let (rephrased, count) = REPHRASE.apply(text);
    (rephrased, count)
}

/// `text` in plain language: administrative phrases replaced by everyday words, and one short
/// sentence per line (long sentences cut at « ; », « : » or « , et »). `one_idea_per_line` is
/// the FALC layout.
pub fn simplify(text: &str, one_idea_per_line: bool) -> String {
    let (plain, _) = PLAIN.apply(text);
    let mut out = Vec::new();
    for sentence in sentences(&plain) {
        let long = request::words(&sentence).len() > 15;
        let parts: Vec<String> = if long || one_idea_per_line {
            sentence
                .split([';', ':'])
                .flat_map(|p| p.split(", et "))
                .map(|p| p.trim().trim_end_matches([',', '.']).trim().to_owned())
                .filter(|p| !p.is_empty())
                .map(|p| capitalise(&p) + ".")
                .collect()
        } else {
            vec![sentence.clone()]
        };
        out.extend(parts);
    }
    out.join("\n")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Frequent French spelling mistakes and their correction.
const MISTAKES: &[(&str, &str)] = &[
    ("language", "langage"), ("addresse", "adresse"), ("apeller", "appeler"), ("appeller", "appeler"), ("rappeller", "rappeler"),
    ("courier", "courrier"), ("occurence", "occurrence"), ("malgrès", "malgré"), ("parmis", "parmi"), ("quelque soit", "quel que soit"),
    ("en faite", "en fait"), ("dévelopement", "développement"), ("developpement", "développement"), ("professionel", "professionnel"),
    ("professionelle", "professionnelle"), ("personel", "personnel"), ("personelle", "personnelle"), ("connection", "connexion"),
    ("traitemment", "traitement"), ("accueuil", "accueil"), ("acceuil", "accueil"), ("ceuillir", "cueillir"), ("dailleurs", "d'ailleurs"),
    ("aujourdhui", "aujourd'hui"), ("aujourd’hui", "aujourd'hui"), ("ci joint", "ci-joint"), ("ci jointe", "ci-jointe"),
    ("a partir", "à partir"), ("a compter", "à compter"), ("vis à vis", "vis-à-vis"), ("c'est a dire", "c'est-à-dire"),
    ("au jour d'aujourd'hui", "aujourd'hui"), ("pallier à", "pallier"), ("se rappeler de", "se rappeler"), ("comme même", "quand même"),
    ("seras fermé", "sera fermé"), ("seras fermée", "sera fermée"), ("les dossier", "les dossiers"), ("des dossier", "des dossiers"),
    ("merci d'envoyé", "merci d'envoyer"), ("veuillez trouvez", "veuillez trouver"), ("je vous pris", "je vous prie"),
    ("payement", "paiement"), ("definitivement", "définitivement"),
    ("resultat", "résultat"), ("reunion", "réunion"), ("interessé", "intéressé"), ("etat", "état"), ("reponse", "réponse"),
];

static CORRECTIONS: LazyLock<Regex> = LazyLock::new(|| {
    let mut sorted: Vec<&(&str, &str)> = MISTAKES.iter().collect();
    sorted.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    Regex::new(&format!(r"(?i)\b(?:{})\b", sorted.iter().map(|(f, _)| regex::escape(f)).collect::<Vec<_>>().join("|"))).expect("constant pattern")
});

/// `text` corrected (spelling mistakes of the table, a capital at each sentence start, no space
/// before a comma or a full stop, one before « ; : ! ? »), with the list of changes made.
pub fn correct(text: &str) -> (String, Vec<String>) {
    let mut changes = Vec::new();
    let corrected = CORRECTIONS.replace_all(text, |caps: &regex::Captures<'_>| {
        let found = &caps[0];
        let target = MISTAKES.iter().find(|(from, _)| from.eq_ignore_ascii_case(found) || from.to_lowercase() == found.to_lowercase()).map(|(_, to)| *to).unwrap_or(found);
        changes.push(format!("« {found} » → « {target} »"));
        if found.chars().next().is_some_and(char::is_uppercase) { capitalise(target) } else { target.to_owned() }
    });
    static SPACE_BEFORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+([,.])").expect("constant pattern"));
    static NO_SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L})([;:!?])").expect("constant pattern"));
    static SENTENCE_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(^|[.!?]\s+)(\p{Ll})").expect("constant pattern"));
    let before = corrected.to_string();
    let spaced = SPACE_BEFORE.replace_all(&before, "$1").to_string();
    let spaced = NO_SPACE.replace_all(&spaced, "$1 $2").to_string();
    if spaced != before {
        changes.push("espaces autour de la ponctuation".to_owned());
    }
    let capitalised = SENTENCE_START.replace_all(&spaced, |caps: &regex::Captures<'_>| format!("{}{}", &caps[1], caps[2].to_uppercase())).to_string();
    if capitalised != spaced {
        changes.push("majuscule en début de phrase".to_owned());
    }
    (capitalised, changes)
}

/// French → English, phrase then word: the everyday vocabulary of town halls and public services.
const ENGLISH: &[(&str, &str)] = &[
    ("la mairie", "the town hall"), ("mairie", "town hall"), ("hôtel de ville", "town hall"), ("est fermée", "is closed"), ("est fermé", "is closed"),
    ("est ouverte", "is open"), ("est ouvert", "is open"), ("le lundi", "on Mondays"), ("le mardi", "on Tuesdays"), ("le mercredi", "on Wednesdays"),
    ("le jeudi", "on Thursdays"), ("le vendredi", "on Fridays"), ("le samedi", "on Saturdays"), ("le dimanche", "on Sundays"), ("matin", "morning"),
    ("après-midi", "afternoon"), ("soir", "evening"), ("pour travaux", "for works"), ("travaux", "works"), ("bonjour", "hello"), ("madame", "madam"),
    ("monsieur", "sir"), ("merci", "thank you"), ("votre demande", "your request"), ("votre dossier", "your file"), ("vos", "your"), ("votre", "your"),
    ("vous", "you"), ("nous", "we"), ("avons", "have"), ("reçu", "received"), ("bien reçu", "received"), ("la demande", "the request"), ("demande", "request"),
    ("dossier", "file"), ("pièces", "documents"), ("justificatif de domicile", "proof of address"), ("carte d'identité", "identity card"),
    ("passeport", "passport"), ("rendez-vous", "appointment"), ("inscription", "registration"), ("école", "school"), ("cantine", "school canteen"),
    ("piscine", "swimming pool"), ("bibliothèque", "library"), ("médiathèque", "media library"), ("déchets", "waste"), ("collecte", "collection"),
    ("habitants", "residents"), ("habitant", "resident"), ("usagers", "users"), ("usager", "user"), ("service", "department"), ("services", "departments"),
    ("la commune", "the municipality"), ("commune", "municipality"), ("ville", "town"), ("conseil municipal", "town council"), ("le maire", "the mayor"),
    ("maire", "mayor"), ("horaires", "opening hours"), ("ouverture", "opening"), ("fermeture", "closing"), ("aujourd'hui", "today"), ("demain", "tomorrow"),
    ("jusqu'au", "until"), ("jusqu'à", "until"), ("à partir du", "from"), ("depuis", "since"), ("avant", "before"), ("après", "after"), ("pendant", "during"),
    ("semaine", "week"), ("semaines", "weeks"), ("jours", "days"), ("jour", "day"), ("mois", "month"), ("année", "year"), ("gratuit", "free"),
    ("gratuite", "free"), ("payant", "paid"), ("facture", "bill"), ("paiement", "payment"), ("en ligne", "online"), ("sur place", "on site"),
    ("accueil", "reception"), ("guichet", "counter"), ("formulaire", "form"), ("remplir", "fill in"), ("envoyer", "send"), ("apporter", "bring"),
    ("il faut", "you must"), ("vous devez", "you must"), ("peut", "can"), ("pouvez", "can"), ("est", "is"), ("sont", "are"), ("sera", "will be"),
    ("seront", "will be"), ("et", "and"), ("ou", "or"), ("pour", "for"), ("avec", "with"), ("sans", "without"), ("dans", "in"), ("sur", "on"),
    ("de la", "of the"), ("du", "of the"), ("des", "of the"), ("de", "of"), ("d'", "of "), ("le", "the"), ("la", "the"), ("les", "the"), ("l'", "the "),
    ("un", "a"), ("une", "a"), ("ce", "this"), ("cette", "this"), ("ces", "these"), ("qui", "who"), ("que", "that"), ("ne", ""), ("pas", "not"),
    ("plus", "more"), ("très", "very"), ("tous", "all"), ("toutes", "all"), ("famille", "family"), ("enfant", "child"), ("enfants", "children"),
    ("parents", "parents"), ("personnes âgées", "older people"), ("aide", "help"), ("aides", "benefits"), ("logement", "housing"), ("emploi", "job"),
    ("fermée", "closed"), ("fermé", "closed"), ("ouverte", "open"), ("ouvert", "open"), ("exceptionnellement", "exceptionally"), ("nouvelle", "new"),
    ("nouveau", "new"), ("adresse", "address"), ("téléphone", "telephone"), ("courriel", "email"), ("lundi", "Monday"), ("mardi", "Tuesday"),
    ("mercredi", "Wednesday"), ("jeudi", "Thursday"), ("vendredi", "Friday"), ("samedi", "Saturday"), ("dimanche", "Sunday"), ("heures", "hours"),
    ("informations", "information"), ("information", "information"), ("prochain", "next"), ("prochaine", "next"), ("rue", "street"),
];

static ENGLISH_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let mut sorted: Vec<&(&str, &str)> = ENGLISH.iter().collect();
    sorted.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|(from, _)| if from.ends_with('\'') { format!(r"\b{}", regex::escape(from)) } else { format!(r"\b{}\b", regex::escape(from)) })
        .collect();
    Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))).expect("constant pattern")
});

/// A word-for-word English version of `text`, with the words the glossary does not know (kept
/// as they are).
pub fn translate_to_english(text: &str) -> (String, Vec<String>) {
    let text = text.replace('’', "'");
    let translated = ENGLISH_PATTERN.replace_all(&text, |caps: &regex::Captures<'_>| {
        let found = &caps[0];
        let key = found.to_lowercase();
        let target = ENGLISH.iter().find(|(from, _)| from.to_lowercase() == key).map_or(found, |(_, to)| *to);
        if found.chars().next().is_some_and(char::is_uppercase) { capitalise(target) } else { target.to_owned() }
    });
    let translated = tidy(&translated);
    let mut unknown: Vec<String> = Vec::new();
    for word in translated.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| w.chars().count() > 2) {
        let folded = fold_text(word);
        if folded != word.to_lowercase() && !unknown.contains(&word.to_owned()) {
            unknown.push(word.to_owned()); // an accent: still French
        }
    }
    (translated, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "La chambre régionale des comptes a examiné la gestion de la commune de 2019 à 2023. \
        Elle relève que les dépenses de personnel ont augmenté de 18 % sur la période. \
        La commune n'a pas de plan pluriannuel d'investissement. \
        Le rapport recommande d'adopter un plan pluriannuel d'investissement avant la fin de 2025. \
        La salle des fêtes a été rénovée. \
        Les dépenses de personnel doivent être mieux suivies par un tableau de bord.";

    #[test]
    fn sentences_are_cut_at_their_end_not_after_an_abbreviation() {
        let found = sentences("M. le maire ouvre la séance. Le budget est adopté ! Voir art. 3 du règlement.\n- un point\n2. un autre");
        assert_eq!(found, vec!["M. le maire ouvre la séance.", "Le budget est adopté !", "Voir art. 3 du règlement.", "un point", "un autre"]);
    }

    #[test]
    fn the_summary_keeps_the_sentences_that_carry_the_text() {
        let summary = key_sentences(REPORT, 3);
        assert_eq!(summary.len(), 3);
        assert!(summary.iter().all(|s| REPORT.contains(s.as_str())), "extractive: {summary:?}");
        assert!(!summary.iter().any(|s| s.contains("salle des fêtes")), "a side remark is left out: {summary:?}");
        assert!(summary.iter().any(|s| s.contains("18 %")));
        // In the original order.
        let positions: Vec<usize> = summary.iter().map(|s| REPORT.find(s.as_str()).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_comparison_quotes_each_item_on_each_criterion() {
        let table = compare("Offre A : 12 000 € HT, livraison en 3 semaines, garantie 1 an.\nOffre B : 10 500 € HT, livraison en 6 semaines, garantie 3 ans.").unwrap();
        assert!(table.starts_with("| Critère | Offre A | Offre B |"), "{table}");
        assert!(table.contains("| Prix | 12 000 € HT | 10 500 € HT |"), "{table}");
        assert!(table.contains("livraison en 6 semaines"));
        assert!(table.contains("garantie 3 ans"));
        assert!(compare("Un seul texte sans éléments à comparer.").is_none());
    }

    #[test]
    fn plain_language_replaces_jargon_and_cuts_long_sentences() {
        let plain = simplify("Nonobstant les dispositions susvisées, il vous appartient de fournir les pièces justificatives dans les meilleurs délais afin de permettre l'instruction de votre dossier ; à défaut de réponse, votre demande sera classée.", false);
        assert!(plain.contains("Malgré les dispositions"), "{plain}");
        assert!(plain.contains("vous devez fournir les documents rapidement"), "{plain}");
        assert!(plain.lines().count() >= 2, "{plain}");
    }

    #[test]
    fn rephrasing_changes_the_words_not_the_facts() {
        let (text, count) = rephrase("Afin de faciliter vos démarches, la mairie est fermée le lundi en raison de travaux.");
        assert_eq!(text, "Pour faciliter vos démarches, la mairie reste fermée le lundi à cause de travaux.");
        assert_eq!(count, 3);
    }

    #[test]
    fn corrections_are_listed() {
        let (text, changes) = correct("nous vous envoyons ci joint le courier. merci de rappeller le service!");
        assert_eq!(text, "Nous vous envoyons ci-joint le courrier. Merci de rappeler le service !");
        assert!(changes.iter().any(|c| c.contains("courrier")));
    }

    #[test]
    fn translation_goes_word_by_word_and_names_what_it_left() {
        let (text, _) = translate_to_english("La mairie est fermée le lundi matin pour travaux.");
        assert_eq!(text, "The town hall is closed on Mondays morning for works.");
    }

    #[test]
    fn formats_cut_lines_and_words() {
        let format = Format { lines: Some(2), ..Format::default() };
        assert_eq!(fit("a\nb\nc", &format), "a\nb");
        let format = Format { words: Some(3), ..Format::default() };
        assert_eq!(fit("un deux trois quatre", &format), "un deux trois …");
    }
}
