//! The prompt rubric: which qualities a learner's request to an assistant has, each with a
//! specific, kind sentence of feedback in French and the words of the request the verdict relied
//! on.
//!
//! # How it works
//!
//! The rubric is deterministic and explainable, so that a learner can see why a criterion is met
//! or missing, and so that it can be measured (`bench/rubric.sh` scores it against the labelled
//! corpus `bench/rubric/corpus.jsonl`, written from `bench/rubric/SPECIFICATION.md`).
//!
//! 1. **Tokens.** The prompt is cut into words, punctuation, line breaks and rule lines (`---`).
//!    Each word keeps its original text (for the evidence) and its folded form (lower case,
//!    without accents, by [`fold_text`]); apostrophes and hyphens separate words, so cues are
//!    compared word by word and never inside another word: « contrôle de » is not « rôle de »,
//!    « informations » is not « format », « ressources » is not « source ».
//! 2. **Pasted material.** A document the learner pastes is not their own voice: text between
//!    quotation marks (four words or more), between or after `---` lines, after a colon whose
//!    clause announces material (« Réponds à ce message : … », « Texte : … », « Voici les
//!    chiffres : … », « Reformule : … »), and the lines after a line announcing « ci-dessous ».
//!    Placeholders (`[texte]`, `<document>`, « (coller ici) ») are set aside. The cues of the
//!    other criteria are looked for in the learner's own words only; `source` is met when a pasted
//!    passage has real content, and its evidence is the passage's first words.
//! 3. **Cues.** Each criterion has cue phrases and a few positional rules: an imperative counts at
//!    the start of a clause (« …, écris », « et dis-moi »), an infinitive at the start of a
//!    sentence (« Rédiger une note »), a question ends with « ? » or opens with « comment »,
//!    « c'est quoi »…; the learner's situation is a first-person statement (« Je suis agent
//!    d'accueil », « on a un dégât des eaux »), a statement of fact with a conjugated verb, or a
//!    time (« depuis lundi »); a reader is a person after « à », « aux », « pour »; a number counts
//!    as a format before « lignes », « idées », « points »… Negations cancel a cue (« sans
//!    contexte », « peu importe le ton »), and the labels of a template count only when filled
//!    (« Format : » alone is nothing).
//! 4. **Personal data** is decided by [`privacy::scan`]; its findings are the evidence.
//!
//! # Why it is hand-written
//!
//! No crate grades the quality of a French request to an assistant: the cues are the ones the
//! specification describes, in the words public agents really use (tutoiement and vouvoiement,
//! « peux-tu », « merci de », missing accents). The rules were tuned on the `tuning` part of the
//! corpus with a Python prototype and ported here rule for rule; plain `std` only, so this module
//! does not depend on the `regex` feature.

use serde::{Deserialize, Serialize};

use super::privacy;
use crate::course::{exercise::Criterion, slug::fold_text};

/// The verdict on one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub criterion: Criterion,
    pub met: bool,
    /// The words of the prompt the verdict relied on (the cues found, the first words of the
    /// pasted source, or the personal data).
    pub evidence: Vec<String>,
    pub feedback: String,
}

fn feedback(criterion: Criterion, met: bool) -> &'static str {
    match (criterion, met) {
        (Criterion::Role, true) => "Vous donnez un rôle à l'assistant : il sait de quel point de vue répondre.",
        (Criterion::Role, false) => "Donnez un rôle à l'assistant (« Vous êtes un agent d'accueil… ») : sa réponse sera mieux ajustée.",
        (Criterion::Context, true) => "Vous décrivez la situation : l'assistant peut adapter sa réponse à votre service.",
        (Criterion::Context, false) => {
            "Expliquez la situation en une ou deux phrases (qui, quoi, pourquoi) : sans contexte, la réponse reste générale."
        }
        (Criterion::Task, true) => "Vous dites clairement ce que vous attendez de l'assistant.",
        (Criterion::Task, false) => {
            "Dites précisément ce que vous attendez, avec un verbe d'action (« rédigez », « résumez », « reformulez ») ou une question."
        }
        (Criterion::Format, true) => "Vous précisez la forme attendue : la réponse sera directement utilisable.",
        (Criterion::Format, false) => {
            "Précisez la forme de la réponse (longueur, liste, tableau, nombre d'éléments) pour ne pas avoir à la reprendre."
        }
        (Criterion::Audience, true) => "Vous indiquez à qui s'adresse le texte ou sur quel ton l'écrire.",
        (Criterion::Audience, false) => {
            "Indiquez le destinataire et le ton (usager, élu, collègue ; cordial, simple…) : un même contenu ne s'écrit pas pareil pour tous."
        }
        (Criterion::Constraints, true) => "Vous posez des limites (ce qu'il faut éviter ou respecter) : l'assistant sait où s'arrêter.",
        (Criterion::Constraints, false) => "Ajoutez une contrainte utile, par exemple « n'inventez aucune référence » ou « sans jargon ».",
        (Criterion::Source, true) => "Vous fournissez le texte à traiter : l'assistant s'appuie sur lui plutôt que sur sa mémoire.",
        (Criterion::Source, false) => {
            "Collez dans la demande le texte sur lequel s'appuyer (une pièce « ci-jointe » ou un « [texte] » à compléter ne suffit pas) : \
             sinon l'assistant répond de mémoire, au risque d'inventer."
        }
        (Criterion::NoPersonalData, true) => "Aucune donnée personnelle dans votre demande : bon réflexe.",
        (Criterion::NoPersonalData, false) => {
            "Votre demande contient des données personnelles : retirez-les ou remplacez-les avant de l'envoyer à un outil d'IA."
        }
    }
}

/// Evaluates `prompt` on `criteria`, in the given order.
pub fn evaluate(prompt: &str, criteria: &[Criterion]) -> Vec<CriterionResult> {
    let analysis = Analysis::new(prompt);
    criteria
        .iter()
        .map(|&criterion| {
            let (met, evidence) = match criterion {
                Criterion::NoPersonalData => {
                    let findings: Vec<String> = privacy::scan(prompt).into_iter().map(|f| f.text).collect();
                    (findings.is_empty(), findings)
                }
                _ => {
                    let evidence = analysis.evidence(criterion);
                    (!evidence.is_empty(), evidence)
                }
            };
            CriterionResult { criterion, met, evidence, feedback: feedback(criterion, met).to_owned() }
        })
        .collect()
}

/// The passages of `prompt` the learner pasted (a quotation, the text after « Texte : » or
/// below a `---` line…) that have real content, as byte ranges, in order: what the simulated
/// assistant works from. Placeholders such as `[texte]` are not content.
pub fn pasted_passages(prompt: &str) -> Vec<std::ops::Range<usize>> {
    let analysis = Analysis::new(prompt);
    let tokens = &analysis.tokens;
    analysis
        .pasted
        .iter()
        .filter_map(|&(from, to)| {
            let content: Vec<isize> =
                (from..to).filter(|&m| kind_at(tokens, m) == Some(Kind::Word) && !flag(&analysis.placeholders, m)).collect();
            if content.len() < SOURCE_MIN_WORDS {
                return None;
            }
            let first = token_at(tokens, from)?;
            let last = token_at(tokens, to - 1)?;
            Some(first.start..last.end)
        })
        .collect()
}

/// A prompt cut into tokens, its pasted passages and placeholders, and the learner's own words.
struct Analysis<'a> {
    tokens: Vec<Token<'a>>,
    pasted: Vec<(isize, isize)>,
    placeholders: Vec<bool>,
    own: Own<'a>,
}

impl<'a> Analysis<'a> {
    fn new(prompt: &'a str) -> Self {
        let tokens = tokenize(prompt);
        let (pasted_flags, pasted) = find_pasted(&tokens);
        let placeholders = find_placeholders(&tokens);
        let own = Own::new(prompt, &tokens, &pasted_flags, &placeholders);
        Analysis { tokens, pasted, placeholders, own }
    }

    /// The evidence for `criterion` (empty: not met); personal data is left to [`privacy::scan`].
    fn evidence(&self, criterion: Criterion) -> Vec<String> {
        let found = match criterion {
            Criterion::Role => role(&self.own),
            Criterion::Context => context(&self.own),
            Criterion::Task => task(&self.own),
            Criterion::Format => response_format(&self.own),
            Criterion::Audience => audience(&self.own),
            Criterion::Constraints => constraints(&self.own),
            Criterion::Source => source(self.own.prompt, &self.tokens, &self.pasted, &self.placeholders),
            Criterion::NoPersonalData => Vec::new(),
        };
        let mut unique: Vec<String> = Vec::with_capacity(found.len());
        for item in found {
            if !unique.contains(&item) {
                unique.push(item);
            }
        }
        unique
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(char),
    Newline,
    /// A line of dashes, underscores or equal signs (`---`).
    Rule,
    /// In the learner's own words, where a pasted passage was.
    Gap,
    /// In the learner's own words, where a placeholder was (`[texte]`).
    Placeholder,
}

#[derive(Clone, Debug)]
struct Token<'a> {
    kind: Kind,
    /// A word folded by [`fold_text`]; empty for the other kinds.
    folded: String,
    /// The text as written.
    orig: &'a str,
    /// Where it is in the prompt (byte offsets).
    start: usize,
    end: usize,
    /// Joined to the previous word by a hyphen: « dois-je », « peux-tu ».
    hyphen: bool,
}

impl<'a> Token<'a> {
    fn other(kind: Kind, orig: &'a str, start: usize) -> Self {
        Token { kind, folded: String::new(), orig, start, end: start + orig.len(), hyphen: false }
    }
}

const SENTENCE_END: &str = ".!?…";
const CLAUSE_BOUNDARY: &str = ".!?…,;:/()";
const SENTENCE_BOUNDARY: &str = ".!?…:";
const QUOTES: &str = "«»“”\"";
const QUOTE_OPENERS: &str = "«“\"";
const RULE_CHARS: &str = "-—–_=*";
const DASHES: &str = "-–—•*";
/// A quotation of fewer words is a term (« préemption »), not a passage.
const QUOTE_MIN_WORDS: usize = 4;
/// Real pasted content has at least this many words.
const SOURCE_MIN_WORDS: usize = 4;

fn is_rule_line(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() >= 3 && line.chars().all(|c| RULE_CHARS.contains(c))
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let alnum_at = |i: usize| char_at(i).is_some_and(char::is_alphanumeric);
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while let Some(c) = char_at(i) {
        if line_start {
            line_start = false;
            let mut j = i;
            while char_at(j).is_some_and(|d| d != '\n') {
                j += 1;
            }
            if is_rule_line(&text[byte(i)..byte(j)]) {
                tokens.push(Token::other(Kind::Rule, &text[byte(i)..byte(j)], byte(i)));
                i = j;
                continue;
            }
        }
        if c == '\n' {
            tokens.push(Token::other(Kind::Newline, "\n", byte(i)));
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while let Some(d) = char_at(j) {
                let next = char_at(j + 1);
                let joins = d.is_alphanumeric()
                    // an e-mail address, « exemple.fr », « 8.30 », « 1,2 M€ » stay one word
                    || (d == '@' && alnum_at(j + 1))
                    || (d == '.' && next.is_some_and(|x| x.is_alphanumeric() && !x.is_uppercase()))
                    || (d == ',' && char_at(j - 1).is_some_and(|x| x.is_ascii_digit()) && next.is_some_and(|x| x.is_ascii_digit()));
                if !joins {
                    break;
                }
                j += 1;
            }
            let orig = &text[byte(i)..byte(j)];
            let hyphen = i >= 2 && char_at(i - 1) == Some('-') && alnum_at(i - 2);
            tokens.push(Token { kind: Kind::Word, folded: fold_text(orig), orig, start: byte(i), end: byte(j), hyphen });
            i = j;
            continue;
        }
        // the full stop of « M. Girard », « tél. 05… » does not end a sentence
        let after_abbreviation = c == '.'
            && i > 0
            && alnum_at(i - 1)
            && tokens.last().is_some_and(|t| t.kind == Kind::Word && ABBREVIATIONS.contains(&t.folded.as_str()));
        if QUOTES.contains(c) || "[]<>".contains(c) || CLAUSE_BOUNDARY.contains(c) {
            if !after_abbreviation {
                tokens.push(Token::other(Kind::Punct(c), &text[byte(i)..byte(i + 1)], byte(i)));
            }
        } else if DASHES.contains(c) && !(i > 0 && alnum_at(i - 1) && alnum_at(i + 1)) {
            // a dash standing alone (a bullet, an aside) separates clauses
            tokens.push(Token::other(Kind::Punct(','), &text[byte(i)..byte(i + 1)], byte(i)));
        }
        // apostrophes, other symbols and spaces separate words without a token
        i += 1;
    }
    tokens
}

fn token_at<'t, 'a>(tokens: &'t [Token<'a>], i: isize) -> Option<&'t Token<'a>> {
    usize::try_from(i).ok().and_then(|i| tokens.get(i))
}

fn kind_at(tokens: &[Token<'_>], i: isize) -> Option<Kind> {
    token_at(tokens, i).map(|t| t.kind)
}

/// The folded word at `i`, if token `i` is a word.
fn word_at<'t>(tokens: &'t [Token<'_>], i: isize) -> Option<&'t str> {
    token_at(tokens, i).filter(|t| t.kind == Kind::Word).map(|t| t.folded.as_str())
}

fn punct_in(tokens: &[Token<'_>], i: isize, chars: &str) -> bool {
    matches!(kind_at(tokens, i), Some(Kind::Punct(c)) if chars.contains(c))
}

/// Do the words of `phrase` (separated by spaces) follow one another from token `i`? Then the
/// index after them. Whole words only: « rôle de » is not found in « contrôle de ».
fn phrase_at(tokens: &[Token<'_>], i: isize, phrase: &str) -> Option<isize> {
    let mut j = i;
    for part in phrase.split(' ') {
        if word_at(tokens, j) != Some(part) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Is `phrase` a run of `words`?
fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words.windows(parts.len()).any(|run| run == parts.as_slice())
}

/// Is `word` one of `list`?
fn among(list: &[&str], word: Option<&str>) -> bool {
    word.is_some_and(|w| list.contains(&w))
}

fn words_in<'t>(tokens: &'t [Token<'_>], from: isize, to: isize) -> Vec<&'t str> {
    (from..to).filter_map(|i| word_at(tokens, i)).collect()
}

fn flag(flags: &[bool], i: isize) -> bool {
    usize::try_from(i).ok().and_then(|i| flags.get(i)).copied().unwrap_or(false)
}

/// Each run of white space as one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// The words at `indices` with what separates them in the prompt (« N'invente », « Peux-tu »,
/// « à M. Girard »), or « … » where something was left out between two of them.
fn joined(prompt: &str, tokens: &[Token<'_>], indices: &[isize]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Token<'_>> = None;
    let mut previous_index = 0;
    for &m in indices {
        let Some(token) = token_at(tokens, m) else { continue };
        if let Some(before) = previous {
            let skipped = (previous_index + 1..m).any(|x| matches!(kind_at(tokens, x), Some(Kind::Word | Kind::Gap | Kind::Placeholder)));
            match prompt.get(before.end..token.start) {
                Some(separator) if !skipped => out.push_str(&collapse_spaces(separator)),
                _ => out.push_str(" … "),
            }
        }
        out.push_str(token.orig);
        previous = Some(token);
        previous_index = m;
    }
    out
}

/// Like `str::is_uppercase` on a whole word: a cased letter and no lower-case one (« DGS »).
fn is_upper_word(word: &str) -> bool {
    word.chars().any(|c| c.is_uppercase() || c.is_lowercase()) && !word.chars().any(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// Pasted material
// ---------------------------------------------------------------------------------------------

/// Does the clause at token `i` open with a request (imperative, infinitive, polite request,
/// « ne … pas »)? Tells the learner's voice from the pasted text.
fn starts_request(tokens: &[Token<'_>], mut i: isize) -> bool {
    while among(CONNECTORS, word_at(tokens, i)) || among(COORDINATORS, word_at(tokens, i)) {
        i += 1;
    }
    let Some(w) = word_at(tokens, i) else { return false };
    if IMPERATIVES.contains(&w) || INFINITIVES.contains(&w) {
        return true;
    }
    if matches!(w, "ne" | "n") && word_at(tokens, i + 1).is_some_and(|next| next == "pas" || IMPERATIVES.contains(&next)) {
        return true;
    }
    REQUEST_PHRASES.iter().any(|p| phrase_at(tokens, i, p).is_some())
}

/// Does the line from token `i` end the prompt (nothing but line breaks after it)?
fn is_last_line(tokens: &[Token<'_>], i: isize) -> bool {
    (line_end(tokens, i)..tokens.len() as isize).all(|m| kind_at(tokens, m) == Some(Kind::Newline))
}

fn line_end(tokens: &[Token<'_>], mut i: isize) -> isize {
    while matches!(kind_at(tokens, i), Some(kind) if kind != Kind::Newline && kind != Kind::Rule) {
        i += 1;
    }
    i
}

/// Pasted lines from `start` on: up to a rule line, a paragraph (after a blank line) that opens
/// with a request, or a last line opening with an imperative (« Fais-en un compte rendu. »).
fn following_lines(tokens: &[Token<'_>], start: isize) -> isize {
    let mut i = start;
    loop {
        match kind_at(tokens, i) {
            None | Some(Kind::Rule) => return i,
            Some(Kind::Newline) if i > start && among(IMPERATIVES, word_at(tokens, i + 1)) && is_last_line(tokens, i + 1) => return i,
            Some(Kind::Newline) if kind_at(tokens, i + 1) == Some(Kind::Newline) => {
                let mut k = i;
                while kind_at(tokens, k) == Some(Kind::Newline) {
                    k += 1;
                }
                if starts_request(tokens, k) {
                    return i;
                }
                i = k;
            }
            Some(_) => i += 1,
        }
    }
}

/// Pasted text from `start` to the end of its line; a later sentence of the line opening with a
/// request is the learner's again (« Voici les chiffres : … . Fais 3 diapositives. »).
fn rest_of_line(tokens: &[Token<'_>], start: isize) -> isize {
    let end = line_end(tokens, start);
    (start + 1..end - 1)
        .find(|&i| punct_in(tokens, i, SENTENCE_END) && starts_request(tokens, i + 1))
        .map_or(end, |i| i + 1)
}

/// The first token of the clause that ends at the colon `colon`.
fn clause_back(tokens: &[Token<'_>], colon: isize) -> isize {
    let mut i = colon;
    while i > 0 && !matches!(kind_at(tokens, i - 1), Some(Kind::Newline | Kind::Rule)) && !punct_in(tokens, i - 1, ".!?…,;:()") {
        i -= 1;
    }
    i
}

/// Do the words of the clause before a colon announce pasted material?
fn announces_material(words: &[&str]) -> bool {
    let Some(&first) = words.first() else { return false };
    // « ce message : », « ces horaires dans un tableau : »
    words.windows(2).any(|pair| DEMONSTRATIVES.contains(&pair[0]) && MATERIAL_NOUNS.contains(&pair[1]))
        // « le texte suivant : », « voici les chiffres : »
        || ANNOUNCERS.iter().any(|p| contains_phrase(words, p))
        // « Texte : », « Extrait du règlement intercommunal : »
        || is_material_label(words)
        || matches!(words, ["source"] | ["sources"])
        // « Reformule : », « mets au propre : », « Reformule en langage courant : »
        || (BARE_TRANSFORM.contains(&first) && words.len() <= 4 && !words[1..].iter().any(|w| matches!(*w, "un" | "une" | "des")))
}

fn is_material_label(words: &[&str]) -> bool {
    words.first().is_some_and(|first| MATERIAL_NOUNS.contains(first) && !NOT_MATERIAL_LABELS.contains(first))
        && words.len() <= 5
        && !words.iter().any(|w| IMPERATIVES.contains(w))
}

fn set_flags(flags: &mut [bool], from: isize, to: isize) {
    for i in from..to {
        if let Some(f) = usize::try_from(i).ok().and_then(|i| flags.get_mut(i)) {
            *f = true;
        }
    }
}

fn mark(pasted: &mut [bool], passages: &mut Vec<(isize, isize)>, from: isize, to: isize) {
    if to > from {
        set_flags(pasted, from, to);
        passages.push((from, to));
    }
}

/// Which tokens are pasted material, and the pasted passages as `[from, to)` ranges.
fn find_pasted(tokens: &[Token<'_>]) -> (Vec<bool>, Vec<(isize, isize)>) {
    let len = tokens.len() as isize;
    let mut pasted = vec![false; tokens.len()];
    let mut passages = Vec::new();
    // 1. between two rule lines, or after the last one
    let mut i = 0;
    while i < len {
        if kind_at(tokens, i) == Some(Kind::Rule) {
            let mut j = i + 1;
            while j < len && kind_at(tokens, j) != Some(Kind::Rule) {
                j += 1;
            }
            mark(&mut pasted, &mut passages, i + 1, j);
            i = j + 1;
        } else {
            i += 1;
        }
    }
    // 2. quotations of a sentence or more
    let mut i = 0;
    while i < len {
        let open = match kind_at(tokens, i) {
            Some(Kind::Punct(c)) if QUOTE_OPENERS.contains(c) && !flag(&pasted, i) => c,
            _ => {
                i += 1;
                continue;
            }
        };
        let close = Kind::Punct(match open {
            '«' => '»',
            '“' => '”',
            other => other,
        });
        let mut j = i + 1;
        while j < len && kind_at(tokens, j) != Some(close) && kind_at(tokens, j) != Some(Kind::Rule) {
            j += 1;
        }
        let closed = kind_at(tokens, j) == Some(close);
        if (i + 1..j).filter(|&m| kind_at(tokens, m) == Some(Kind::Word)).count() >= QUOTE_MIN_WORDS {
            let end = if closed { j + 1 } else { j };
            mark(&mut pasted, &mut passages, i, end);
            i = end;
        } else {
            i = if closed { j + 1 } else { i + 1 };
        }
    }
    // 3. after a colon announcing material; the lines after a line announcing « ci-dessous »
    let mut i = 0;
    while i < len {
        if flag(&pasted, i) {
            i += 1;
            continue;
        }
        let mut end = None;
        if punct_in(tokens, i, ":") {
            let words = words_in(tokens, clause_back(tokens, i), i);
            if announces_material(&words) {
                let k = i + 1;
                let mut q = k;
                while kind_at(tokens, q) == Some(Kind::Newline) {
                    q += 1;
                }
                // a quotation after the colon: the quotation rule has decided
                let quoted = q < len && (flag(&pasted, q) || punct_in(tokens, q, QUOTE_OPENERS));
                if !quoted {
                    if kind_at(tokens, k) == Some(Kind::Newline) {
                        let to = following_lines(tokens, k + 1);
                        mark(&mut pasted, &mut passages, k + 1, to);
                        end = Some(to);
                    } else if k < len && kind_at(tokens, k) != Some(Kind::Rule) {
                        let mut to = rest_of_line(tokens, k);
                        if to == line_end(tokens, k) && is_material_label(&words) {
                            to = following_lines(tokens, k); // « Texte : … » goes on over the next lines
                        }
                        mark(&mut pasted, &mut passages, k, to);
                        end = Some(to);
                    }
                }
            }
        } else if kind_at(tokens, i) == Some(Kind::Newline) && i > 0 {
            let mut from = i;
            while from > 0 && !matches!(kind_at(tokens, from - 1), Some(Kind::Newline | Kind::Rule)) {
                from -= 1;
            }
            let words = words_in(tokens, from, i);
            if LINE_ANNOUNCERS.iter().any(|p| contains_phrase(&words, p)) && !(from..i).any(|m| flag(&pasted, m)) {
                let mut start = i + 1;
                while kind_at(tokens, start) == Some(Kind::Newline) {
                    start += 1;
                }
                if start < len && kind_at(tokens, start) != Some(Kind::Rule) && !flag(&pasted, start) {
                    let to = following_lines(tokens, start);
                    mark(&mut pasted, &mut passages, start, to);
                    end = Some(to);
                }
            }
        }
        i = match end {
            Some(to) if to > i + 1 => to,
            _ => i + 1,
        };
    }
    passages.sort_unstable();
    (pasted, passages)
}

/// `[ … ]`, `< … >` and « (coller ici) »: slots to fill, neither content nor the learner's words.
fn find_placeholders(tokens: &[Token<'_>]) -> Vec<bool> {
    let len = tokens.len() as isize;
    let mut slots = vec![false; tokens.len()];
    let mut i = 0;
    while i < len {
        if let Some(Kind::Punct(open @ ('[' | '<' | '('))) = kind_at(tokens, i) {
            let close = Kind::Punct(match open {
                '[' => ']',
                '<' => '>',
                _ => ')',
            });
            let mut j = i + 1;
            while j < len && kind_at(tokens, j) != Some(close) && kind_at(tokens, j) != Some(Kind::Newline) {
                j += 1;
            }
            let is_slot = open != '(' || (i + 1..j).any(|m| among(PLACEHOLDER_WORDS, word_at(tokens, m)));
            if kind_at(tokens, j) == Some(close) && is_slot {
                set_flags(&mut slots, i, j + 1);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    slots
}

/// The first words of the first pasted passage with real content (placeholders left out).
fn source(prompt: &str, tokens: &[Token<'_>], pasted: &[(isize, isize)], placeholders: &[bool]) -> Vec<String> {
    for &(from, to) in pasted {
        let content: Vec<isize> = (from..to).filter(|&m| kind_at(tokens, m) == Some(Kind::Word) && !flag(placeholders, m)).collect();
        if content.len() >= SOURCE_MIN_WORDS {
            let mut n = content.len().min(6);
            // « faire l'objet », not « faire l »
            while n < content.len() && elided(prompt, tokens, content[n - 1]) {
                n += 1;
            }
            return vec![format!("{} …", joined(prompt, tokens, &content[..n]))];
        }
    }
    Vec::new()
}

/// Is the word at `m` followed by an apostrophe (« l' », « d' »)?
fn elided(prompt: &str, tokens: &[Token<'_>], m: isize) -> bool {
    token_at(tokens, m).and_then(|t| prompt.get(t.end..)).is_some_and(|rest| rest.starts_with(|c: char| c == '\'' || c == '’'))
}

// ---------------------------------------------------------------------------------------------
// The learner's own words
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Sentence {
    start: isize,
    end: isize,
    question: bool,
    /// Has a request cue (imperative, infinitive, polite request).
    request: bool,
    /// Has a request or a rule given to the assistant (« N'invente rien »).
    instruction: bool,
}

/// The learner's own tokens: each pasted run becomes one [`Kind::Gap`], each placeholder one
/// [`Kind::Placeholder`]; the marks of short quotations are dropped.
struct Own<'a> {
    prompt: &'a str,
    t: Vec<Token<'a>>,
    sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    sentence_index: Vec<usize>,
}

impl<'a> Own<'a> {
    fn new(prompt: &'a str, tokens: &[Token<'a>], pasted: &[bool], placeholders: &[bool]) -> Self {
        let is_pasted = |k: usize| pasted.get(k).copied().unwrap_or(false);
        let is_slot = |k: usize| placeholders.get(k).copied().unwrap_or(false);
        let mut t = Vec::with_capacity(tokens.len());
        let mut k = 0;
        while k < tokens.len() {
            if is_pasted(k) {
                while k < tokens.len() && is_pasted(k) {
                    k += 1;
                }
                t.push(Token::other(Kind::Gap, "", 0));
            } else if is_slot(k) {
                while k < tokens.len() && is_slot(k) && !is_pasted(k) {
                    k += 1;
                }
                t.push(Token::other(Kind::Placeholder, "", 0));
            } else {
                if !matches!(tokens[k].kind, Kind::Punct(c) if QUOTES.contains(c)) {
                    t.push(tokens[k].clone());
                }
                k += 1;
            }
        }
        let len = t.len() as isize;
        let mut sentences = Vec::new();
        let mut start = 0;
        for k in 0..=len {
            let ends = k == len || matches!(kind_at(&t, k), Some(Kind::Newline | Kind::Rule | Kind::Gap)) || punct_in(&t, k, SENTENCE_END);
            if ends {
                if (start..k).any(|m| kind_at(&t, m) == Some(Kind::Word)) {
                    sentences.push(Sentence { start, end: k, question: punct_in(&t, k, "?"), request: false, instruction: false });
                }
                start = k + 1;
            }
        }
        let mut sentence_index = vec![0; t.len()];
        for (n, s) in sentences.iter().enumerate() {
            set_index(&mut sentence_index, s.start, s.end, n);
        }
        let mut own = Own { prompt, t, sentences, sentence_index };
        let requests: Vec<bool> = own.sentences.iter().map(|s| !request_cues(&own, s.start, s.end).is_empty()).collect();
        for (s, request) in own.sentences.iter_mut().zip(requests) {
            s.request = request;
        }
        let instructions: Vec<bool> = own.sentences.iter().map(|s| s.request || !rule_cues(&own, s).is_empty()).collect();
        for (s, instruction) in own.sentences.iter_mut().zip(instructions) {
            s.instruction = instruction;
        }
        own
    }

    fn len(&self) -> isize {
        self.t.len() as isize
    }

    fn word(&self, k: isize) -> Option<&str> {
        word_at(&self.t, k)
    }

    fn kind(&self, k: isize) -> Option<Kind> {
        kind_at(&self.t, k)
    }

    fn punct(&self, k: isize, chars: &str) -> bool {
        punct_in(&self.t, k, chars)
    }

    fn phrase(&self, k: isize, phrase: &str) -> Option<isize> {
        phrase_at(&self.t, k, phrase)
    }

    /// Does token `k` separate clauses (before the first token: yes)?
    fn is_boundary(&self, k: isize) -> bool {
        k < 0 || matches!(self.kind(k), Some(Kind::Newline | Kind::Rule | Kind::Gap | Kind::Placeholder)) || self.punct(k, CLAUSE_BOUNDARY)
    }

    fn is_sentence_boundary(&self, k: isize) -> bool {
        k < 0 || matches!(self.kind(k), Some(Kind::Newline | Kind::Rule | Kind::Gap)) || self.punct(k, SENTENCE_BOUNDARY)
    }

    fn skip_connectors_back(&self, k: isize) -> isize {
        let mut j = k - 1;
        while among(CONNECTORS, self.word(j)) {
            j -= 1;
        }
        j
    }

    /// Is word `k` the first of a clause (« …, écris », « et dis-moi », « Bonjour, rédige »)?
    fn clause_start(&self, k: isize) -> bool {
        let j = self.skip_connectors_back(k);
        self.is_boundary(j) || among(COORDINATORS, self.word(j))
    }

    fn sentence_start(&self, k: isize) -> bool {
        self.is_sentence_boundary(self.skip_connectors_back(k))
    }

    /// The indices of the words among tokens `[from, to)`.
    fn word_indices(&self, from: isize, to: isize) -> Vec<isize> {
        (from.max(0)..to.min(self.len())).filter(|&m| self.kind(m) == Some(Kind::Word)).collect()
    }

    /// The words of tokens `[from, to)` as written, for the evidence.
    fn text(&self, from: isize, to: isize) -> String {
        joined(self.prompt, &self.t, &self.word_indices(from, to))
    }

    fn sentence(&self, k: isize) -> Sentence {
        let n = usize::try_from(k).ok().and_then(|k| self.sentence_index.get(k)).copied().unwrap_or(0);
        self.sentences.get(n).copied().unwrap_or(Sentence { start: 0, end: self.len(), question: false, request: false, instruction: false })
    }

    fn clause_bounds(&self, k: isize) -> (isize, isize) {
        let mut from = k;
        while from > 0 && !self.is_boundary(from - 1) {
            from -= 1;
        }
        let mut to = k;
        while to < self.len() && !self.is_boundary(to) {
            to += 1;
        }
        (from, to)
    }

    /// Is the cue at `k` in a negation scope: « peu importe le ton », « quel que soit le format »,
    /// « n'importe quel » and, unless `indifference_only`, « sans contexte », « pas de
    /// contrainte », « aucun »?
    fn negated(&self, k: isize, indifference_only: bool) -> bool {
        let mut j = k - 1;
        while j >= (k - 4).max(0) && !self.is_boundary(j) {
            let w = self.word(j);
            let before = self.word(j - 1);
            if (w == Some("importe") && matches!(before, Some("peu" | "n")))
                || (matches!(w, Some("soit" | "soient")) && before == Some("que"))
                || (!indifference_only && matches!(w, Some("sans" | "aucun" | "aucune" | "pas" | "ni")))
            {
                return true;
            }
            j -= 1;
        }
        false
    }
}

fn set_index(index: &mut [usize], from: isize, to: isize, n: usize) {
    for k in from..to {
        if let Some(slot) = usize::try_from(k).ok().and_then(|k| index.get_mut(k)) {
            *slot = n;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cues shared by several criteria
// ---------------------------------------------------------------------------------------------

fn label_criterion(word: Option<&str>) -> Option<Criterion> {
    LABELS.iter().find(|(label, _)| Some(*label) == word).and_then(|&(_, criterion)| criterion)
}

fn is_label(word: Option<&str>) -> bool {
    LABELS.iter().any(|(label, _)| Some(*label) == word)
}

/// For a template label at word `k` (« Format : tableau », after a sentence boundary or « Ton »),
/// the content after the colon on the same line; `None` when `k` is no label.
fn label_content<'a>(own: &Own<'a>, k: isize) -> Option<Vec<&'a str>> {
    if !is_label(own.word(k)) || !own.punct(k + 1, ":") {
        return None;
    }
    if !(own.is_sentence_boundary(k - 1) || (matches!(own.word(k - 1), Some("ton" | "votre" | "ta")) && own.is_sentence_boundary(k - 2))) {
        return None;
    }
    let mut content = Vec::new();
    let mut m = k + 2;
    while let Some(token) = token_at(&own.t, m) {
        match token.kind {
            Kind::Newline | Kind::Rule => break,
            Kind::Word => content.push(token.orig),
            Kind::Gap => content.push("(texte collé)"),
            Kind::Punct(_) | Kind::Placeholder => {}
        }
        m += 1;
    }
    Some(content)
}

/// The filled labels of a template for `criterion`: « Rôle : juriste » (not « Format : » alone).
fn template_labels(own: &Own<'_>, criterion: Criterion) -> Vec<String> {
    (0..own.len())
        .filter(|&k| label_criterion(own.word(k)) == Some(criterion))
        .filter_map(|k| {
            let content = label_content(own, k)?;
            let label = token_at(&own.t, k)?.orig;
            (!content.is_empty()).then(|| format!("{label} : {}", content[..content.len().min(6)].join(" ")))
        })
        .collect()
}

fn is_imperative(own: &Own<'_>, k: isize) -> bool {
    let Some(w) = own.word(k) else { return false };
    if !IMPERATIVES.contains(&w) || !own.clause_start(k) {
        return false;
    }
    let next = own.word(k + 1);
    // « Liste des pièces… » names a document; « mets-toi à la place… » gives a role
    !((NOUN_LIKE_IMPERATIVES.contains(&w) && matches!(next, Some("de" | "des" | "du" | "d")))
        || (matches!(w, "mets" | "mettez") && matches!(next, Some("toi" | "vous")))
        || (matches!(w, "imagine" | "imaginez") && matches!(next, Some("que" | "qu" | "etre")))
        || (matches!(w, "joue" | "jouez") && next == Some("le") && own.word(k + 2) == Some("role")))
}

fn is_infinitive(own: &Own<'_>, k: isize) -> bool {
    among(INFINITIVES, own.word(k)) && own.sentence_start(k)
}

/// The request cues in tokens `[from, to)`, as `(start, end)` ranges.
fn request_cues(own: &Own<'_>, from: isize, to: isize) -> Vec<(isize, isize)> {
    let mut cues = Vec::new();
    for k in from..to {
        let Some(w) = own.word(k) else { continue };
        if is_imperative(own, k) {
            cues.push((k, if among(IMPERATIVE_PRONOUNS, own.word(k + 1)) { k + 2 } else { k + 1 }));
        } else if is_infinitive(own, k) {
            cues.push((k, k + 1));
        } else {
            for p in REQUEST_PHRASES {
                let Some(e) = own.phrase(k, p) else { continue };
                if CONDITIONAL_REQUESTS.contains(p) && matches!(own.word(k - 1), Some("si" | "que" | "qu")) {
                    continue; // « si tu peux » is a condition
                }
                if *p == "merci de" && matches!(own.word(e), Some("votre" | "ta" | "ton")) {
                    continue; // « merci de votre aide »
                }
                cues.push((k, e));
                break;
            }
        }
        // « merci d'envoyer » is a request, « merci d'avance » a closing
        if w == "merci" && own.word(k + 1) == Some("d") {
            if let Some(next) = own.word(k + 2) {
                let verb = INFINITIVES.contains(&next) || next.ends_with("er") || next.ends_with("ir") || next.ends_with("re");
                if verb && !matches!(next, "avance" | "avoir") {
                    cues.push((k, k + 3));
                }
            }
        }
    }
    cues
}

/// The rules given to the assistant in sentence `s` (« N'invente rien », « Respecte la charte »).
fn rule_cues(own: &Own<'_>, s: &Sentence) -> Vec<(isize, isize)> {
    (s.start..s.end).filter_map(|k| negative_rule(own, k, s).or_else(|| rule_verb(own, k)).map(|e| (k, e))).collect()
}

/// If word `k` opens a negative instruction (« N'invente aucune référence », « merci de ne pas
/// inventer », « ne donne que des dispositifs officiels »), the end of its first words. Not a
/// statement (« je n'ai pas le temps », « ce n'est pas urgent ») nor a length (« ne dépasse pas
/// 200 mots » is a format).
fn negative_rule(own: &Own<'_>, k: isize, s: &Sentence) -> Option<isize> {
    if !matches!(own.word(k), Some("ne" | "n")) || statement_subject_before(own, k) {
        return None;
    }
    let opens = own.clause_start(k) || matches!(own.word(k - 1), Some("de" | "d" | "a"));
    if !opens || (own.punct(k - 1, ",;") && !s.request) {
        return None;
    }
    if ["n est", "ne sont", "n ai", "n a"].iter().any(|p| own.phrase(k, p).is_some()) {
        return None;
    }
    if !(k + 1..(k + 6).min(s.end)).any(|j| among(NEGATION_WORDS, own.word(j))) || sets_length(own, k) {
        return None;
    }
    let mut e = k + 1;
    while e < (k + 4).min(s.end) && own.word(e).is_some() {
        e += 1;
    }
    Some(e)
}

/// If word `k` is an imperative setting a rule (« Respecte la charte », « Cite l'article »,
/// « Évite les sigles »), the end of the verb and the first word of its object.
fn rule_verb(own: &Own<'_>, k: isize) -> Option<isize> {
    let w = own.word(k)?;
    if !CONSTRAINT_VERBS.contains(&w) || !own.clause_start(k) || sets_length(own, k) {
        return None;
    }
    if matches!(w, "garde" | "gardez" | "conserve" | "conservez") && matches!(own.word(k + 1), Some("toi" | "vous" | "en" | "moi")) {
        return None;
    }
    Some(k + 2)
}

/// Does the subject of a statement (« je », « il », « ce »…, not « je voudrais ») come before `k`
/// in its clause?
fn statement_subject_before(own: &Own<'_>, k: isize) -> bool {
    let (from, _) = own.clause_bounds(k);
    (from..k).any(|j| among(STATEMENT_SUBJECTS, own.word(j)) && !WISHES_1P.iter().any(|p| own.phrase(j, p).is_some()))
}

/// Does a length limit follow word `k` in its clause (« ne dépasse pas 200 mots », « sans
/// dépasser une page »)? Then it is a format, not a constraint.
fn sets_length(own: &Own<'_>, k: isize) -> bool {
    for j in k + 1..(k + 8).min(own.len()) {
        if own.is_boundary(j) {
            return false;
        }
        if among(LENGTH_NOUNS, own.word(j)) && (is_number(own, j - 1) || matches!(own.word(j - 1), Some("un" | "une" | "demi"))) {
            return true;
        }
        if among(EXCEED_VERBS, own.word(j)) {
            return true;
        }
    }
    false
}

fn is_number(own: &Own<'_>, k: isize) -> bool {
    own.word(k).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()) || NUMBER_WORDS.contains(&w))
}

// ---------------------------------------------------------------------------------------------
// Task
// ---------------------------------------------------------------------------------------------

fn task(own: &Own<'_>) -> Vec<String> {
    let mut evidence: Vec<String> = request_cues(own, 0, own.len()).into_iter().map(|(from, to)| own.text(from, to)).collect();
    for s in &own.sentences {
        if s.question {
            let (from, _) = own.clause_bounds(s.end - 1);
            let mut words = own.word_indices(from, s.end);
            if words.is_empty() {
                words = own.word_indices(s.start, s.end);
            }
            words.truncate(8);
            evidence.push(format!("{} ?", joined(own.prompt, &own.t, &words)));
            continue;
        }
        // a question without its question mark: « c quoi la différence… », « que faire »
        for k in s.start..s.end {
            for q in QUESTION_PHRASES {
                if let Some(e) = own.phrase(k, q) {
                    evidence.push(own.text(k, e));
                }
            }
        }
        // (« Quel que soit… » asks nothing)
        let opener = QUESTION_OPENERS.iter().find_map(|q| own.phrase(s.start, q).filter(|&e| !matches!(own.word(e), Some("que" | "qu"))));
        if let Some(e) = opener {
            evidence.push(own.text(s.start, e));
        }
    }
    evidence.extend(template_labels(own, Criterion::Task));
    evidence
}

// ---------------------------------------------------------------------------------------------
// Role
// ---------------------------------------------------------------------------------------------

fn role(own: &Own<'_>) -> Vec<String> {
    let mut evidence = Vec::new();
    for k in 0..own.len() {
        let Some(w) = own.word(k) else { continue };
        for p in ROLE_PHRASES {
            if let Some(e) = own.phrase(k, p) {
                if !own.negated(k, false) {
                    evidence.push(own.text(k, e));
                }
            }
        }
        // « Tu es un agent d'accueil », « Imagine que tu es… », but not « si tu es sûr »
        for p in ["tu es", "vous etes", "t es"] {
            let Some(e) = own.phrase(k, p) else { continue };
            let before = own.word(k - 1);
            if among(NOT_ROLE_BEFORE_TU_ES, before) || (matches!(before, Some("que" | "qu")) && !among(IMAGINE, own.word(k - 2))) {
                continue;
            }
            if own.word(e).is_none() || among(NOT_ROLE_AFTER_TU_ES, own.word(e)) {
                continue;
            }
            evidence.push(own.text(k, e + 1));
        }
        // « Sois un conseiller numérique patient », « Deviens un expert »
        if matches!(w, "sois" | "soyez" | "deviens" | "devenez") && own.clause_start(k) && among(ROLE_DETERMINERS, own.word(k + 1)) {
            evidence.push(own.text(k, k + 3));
        }
        // « En tant que juriste, explique-moi… » (the assistant), not « En tant que secrétaire, je… »
        let after = ["en tant que", "en tant qu", "en qualite de", "en qualite d"].iter().find_map(|p| own.phrase(k, p));
        if let Some(e) = after {
            if en_tant_que_is_assistant(own, k, e) {
                evidence.push(own.text(k, (e + 2).min(own.sentence(k).end)));
            }
        }
    }
    evidence.extend(template_labels(own, Criterion::Role));
    evidence
}

fn en_tant_que_is_assistant(own: &Own<'_>, k: isize, e: isize) -> bool {
    let s = own.sentence(k);
    let before: Vec<&str> = (s.start..k).filter_map(|j| own.word(j)).collect();
    let recent = &before[before.len().saturating_sub(4)..];
    let addressed = before.iter().any(|w| matches!(*w, "vous" | "tu" | "pourriez" | "peux" | "pouvez"));
    if recent.iter().any(|w| FIRST_PERSON.contains(w) || *w == "moi") && !addressed {
        return false; // « Je réponds en tant que maire »
    }
    let mut m = e;
    while m < s.end && !own.punct(m, ",") {
        m += 1;
    }
    if m < s.end {
        // the subject of the main clause, after the comma, decides
        let subject = own.word(m + 1);
        return !(among(FIRST_PERSON, subject) || matches!(subject, Some("il" | "elle" | "mon" | "ma" | "notre")));
    }
    !(e..s.end).filter_map(|j| own.word(j)).any(|w| matches!(w, "je" | "j" | "nous"))
}

/// For each sentence: does it give the assistant a role? Then its setting is the role's, not the
/// learner's context (« Tu es secrétaire de mairie depuis 20 ans »).
fn role_sentences(own: &Own<'_>) -> Vec<bool> {
    own.sentences
        .iter()
        .map(|s| {
            let mut k = s.start;
            while k < s.end && own.word(k).is_none_or(|w| CONNECTORS.contains(&w)) {
                k += 1;
            }
            if k >= s.end {
                return false;
            }
            let w = own.word(k);
            matches!(w, Some("sois" | "soyez" | "deviens" | "devenez" | "agis" | "agissez" | "incarne" | "incarnez"))
                || ROLE_SENTENCE_OPENERS.iter().any(|p| own.phrase(k, p).is_some())
                || (w == Some("role") && own.punct(k + 1, ":"))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------------

/// Is word `k` the verb « a » (« on a un dégât », « a changé »), not the preposition « à » written
/// without its accent?
fn is_verb_a(own: &Own<'_>, k: isize) -> bool {
    if !token_at(&own.t, k).is_some_and(|t| t.kind == Kind::Word && t.orig == "a") {
        return false;
    }
    let Some(next) = own.word(k + 1) else { return false };
    AVOIR_ADVERBS.contains(&next)
        || (next.chars().count() > 3
            && ["e", "ee", "es", "ees", "i", "is", "u", "ue"].iter().any(|&end| next.ends_with(end))
            && !NOT_A_VERB_AFTER_A.contains(&next))
}

fn is_statement_verb(own: &Own<'_>, k: isize) -> bool {
    among(FINITE_VERBS, own.word(k)) || is_verb_a(own, k)
}

/// Is word `k` the learner speaking of their situation: « Je suis agent d'accueil », « on a un
/// dégât des eaux », « nous avons dû supprimer », « le rapport que je finalise » (in a statement)?
fn first_person_situation(own: &Own<'_>, k: isize, statement: bool) -> bool {
    let Some(w) = own.word(k) else { return false };
    if w == "jai" {
        return own.clause_start(k) || statement;
    }
    if !FIRST_PERSON.contains(&w) || token_at(&own.t, k).is_some_and(|t| t.hyphen) {
        return false; // « dois-je », « puis-je »: a question
    }
    if !own.clause_start(k) && !(statement && among(SUBORDINATORS, own.word(k - 1))) {
        return false;
    }
    let Some(next) = own.word(k + 1) else { return false };
    let after = own.word(k + 2);
    let request = REQUEST_VERBS_1P.contains(&next) || (next == "ne" && matches!(after, Some("veux" | "voudrais")));
    let need = w == "j" && matches!(next, "aimerais" | "ai") && after == Some("besoin");
    let state = next == "suis" && among(OWN_STATE_NOT_CONTEXT, after);
    let method = w == "on" && !ON_VERBS.contains(&next); // « comment on fait »
    let right = w == "j" && next == "ai" && matches!(after, Some("le" | "la" | "l" | "droit")); // « si j'ai le droit »
    !(request || need || state || method || right)
}

/// After « depuis », words that may open a place (« depuis le site ») as well as a time.
const DEPUIS_PLACE_OR_TIME: &[&str] =
    &["le", "la", "les", "l", "mon", "ma", "ton", "ta", "votre", "cet", "cette", "un", "une", "chez", "internet", "ici"];

fn context_phrase_ok(own: &Own<'_>, k: isize, e: isize, phrase: &str) -> bool {
    match phrase {
        // « m'a demandé », « nous a déjà écrit »
        "nous a" | "m a" | "nous ont" | "m ont" => own
            .word(e)
            .is_some_and(|next| PARTICIPLE_ENDINGS.iter().any(|&end| next.ends_with(end)) || matches!(next, "deja" | "encore" | "toujours")),
        "il y a" => !matches!(own.word(k - 1), Some("s" | "si" | "qu" | "que" | "est" | "ce")),
        // « depuis le site », « depuis mon poste »: a place; « depuis le 1er mars », « depuis le début »: a time
        "depuis" if among(DEPUIS_PLACE_OR_TIME, own.word(k + 1)) => {
            own.word(k + 2).is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()) || TIME_NOUNS.contains(&next))
        }
        _ => true,
    }
}

/// A person noun, or a capitalised name inside a sentence (« pour Josiane, qui… »).
fn is_person_word(own: &Own<'_>, m: isize) -> bool {
    let Some(token) = token_at(&own.t, m).filter(|t| t.kind == Kind::Word) else { return false };
    if PERSON_NOUNS.contains(&token.folded.as_str()) {
        return true;
    }
    token.orig.chars().next().is_some_and(char::is_uppercase)
        && !is_upper_word(token.orig)
        && token.folded.chars().count() > 1
        && !own.sentence_start(m)
        && !is_label(Some(token.folded.as_str()))
}

fn context(own: &Own<'_>) -> Vec<String> {
    let mut evidence = Vec::new();
    let roles = role_sentences(own);
    for (n, s) in own.sentences.iter().enumerate() {
        let in_role = roles.get(n).copied().unwrap_or(false);
        let statement = !s.instruction && !s.question;
        for k in s.start..s.end {
            let Some(w) = own.word(k) else { continue };
            // the learner's own situation or purpose, even in a sentence giving a role
            if first_person_situation(own, k, statement) {
                evidence.push(own.text(k, k + 3));
            }
            for p in PURPOSE_PHRASES {
                if let Some(e) = own.phrase(k, p) {
                    evidence.push(own.text(k, e + 1));
                }
            }
            if in_role {
                continue; // « Tu es secrétaire de mairie depuis 20 ans »: the role's setting
            }
            // time, cause and events: « depuis », « hier », « suite à », « il y a », « m'a demandé »
            for p in CONTEXT_PHRASES {
                if let Some(e) = own.phrase(k, p) {
                    if !own.negated(k, false) && context_phrase_ok(own, k, e, p) {
                        evidence.push(own.text(k, e));
                    }
                }
            }
            // « Mon service… », « Notre commune est convoquée… »
            if POSSESSIVES_1P.contains(&w) && own.sentence_start(k) && among(SITUATION_NOUNS, own.word(k + 1)) {
                evidence.push(own.text(k, k + 2));
            }
            // a subject and its verb in a statement: « Un usager se plaint… », « les agents sont inquiets »
            if statement && SUBJECT_DETERMINERS.contains(&w) && own.clause_start(k) {
                let j = if w == "beaucoup" && matches!(own.word(k + 1), Some("de" | "d")) { k + 2 } else { k + 1 };
                if among(SITUATION_NOUNS, own.word(j)) {
                    let (_, to) = own.clause_bounds(k);
                    if (j + 1..to.min(j + 12)).any(|m| is_statement_verb(own, m)) {
                        evidence.push(own.text(k, j + 1));
                    }
                }
            }
            // a person and what characterises them: « Un usager qui demande pourquoi… »,
            // « pour Josiane, qui a travaillé 35 ans à la cantine »
            if w == "qui" && own.word(k + 1).is_some() && (is_statement_verb(own, k + 1) || own.word(k + 1) == Some("ne")) {
                let subject = k >= 2
                    && among(SITUATION_NOUNS, own.word(k - 1))
                    && matches!(own.word(k - 2), Some("un" | "une" | "des" | "le" | "la" | "les" | "l"))
                    && own.sentence_start(k - 2);
                if subject {
                    evidence.push(own.text(k - 2, k + 2));
                } else if own.punct(k - 1, ",") && (s.start.max(k - 7)..k - 1).any(|m| is_person_word(own, m)) {
                    evidence.push(own.text(k, k + 3));
                }
            }
        }
        // a plain statement of fact: « Le logiciel de paie plante à chaque fin de mois. »
        if statement && !in_role {
            let words: Vec<isize> = (s.start..s.end).filter(|&m| own.word(m).is_some()).collect();
            if let [first, second, ..] = words.as_slice() {
                let (first, second) = (*first, *second);
                let opening = own.word(first);
                let plain = words.len() >= 4
                    && !is_label(opening)
                    && !matches!(opening, Some("voici" | "voila" | "ci" | "bonjour"))
                    && !(opening == Some("il") && own.word(second) == Some("faut"))
                    // « Le texte doit être court » is an instruction about the answer
                    && !(among(ANSWER_NOUNS, own.word(second)) && words.iter().any(|&m| among(MODALS, own.word(m))))
                    && words[1..].iter().any(|&m| is_statement_verb(own, m));
                if plain {
                    evidence.push(own.text(first, s.end.min(first + 6)));
                }
            }
        }
    }
    evidence.extend(template_labels(own, Criterion::Context));
    evidence
}

// ---------------------------------------------------------------------------------------------
// Audience
// ---------------------------------------------------------------------------------------------

/// If word `k` opens a designated reader (« aux familles », « pour un usager âgé », « à M.
/// Girard », « pour qu'un usager », « aux questions des usagers »), the end of it.
fn recipient_end(own: &Own<'_>, k: isize) -> Option<isize> {
    let w = own.word(k)?;
    if !RECIPIENT_PREPS.contains(&w) {
        return None;
    }
    let mut j = k + 1;
    if w == "pour" && matches!(own.word(j), Some("que" | "qu")) {
        j += 1;
    }
    if own.word(j) == Some("questions") && matches!(own.word(j + 1), Some("des" | "de" | "d")) {
        j += 2;
    }
    if among(RECIPIENT_DETS, own.word(j)) {
        j += 1;
    }
    if among(RECIPIENT_ADJ, own.word(j)) && among(PERSON_NOUNS, own.word(j + 1)) {
        j += 1;
    }
    let person = own.word(j)?;
    if !PERSON_NOUNS.contains(&person) || own.negated(k, false) {
        return None;
    }
    let nobody = w == "a" && person == "personne" && matches!(own.word(j + 1), Some("ne" | "n"));
    // « à M. [NOM] » says nothing of the reader
    let blank = CIVILITIES.contains(&person) && own.kind(j + 1) == Some(Kind::Placeholder);
    let of_public = person == "public" && own.word(k - 1) == Some("du");
    (!(nobody || blank || of_public)).then_some(j + 1)
}

fn audience(own: &Own<'_>) -> Vec<String> {
    let mut evidence = Vec::new();
    for k in 0..own.len() {
        let Some(w) = own.word(k) else { continue };
        // tone and register: « ton chaleureux », « sur un ton neutre », « courtoise », « en langage simple »
        if w == "ton" && !own.negated(k, false) {
            let (next, before) = (own.word(k + 1), own.word(k - 1));
            let named = matches!(before, Some("un" | "au" | "le" | "d" | "meme" | "quel")) && next.is_some() && !matches!(next, Some("de" | "des" | "du"));
            if among(TONE_WORDS, next) || named {
                evidence.push(own.text(k, k + 2));
                continue;
            }
        }
        if TONE_ALONE.contains(&w) && !own.negated(k, false) {
            if !(w == "simplement" && own.word(k - 1) == Some("tout")) {
                evidence.push(own.text(k, k + 1));
            }
            continue;
        }
        if w == "registre" && among(REGISTER_ADJ, own.word(k + 1)) && !own.negated(k, false) {
            evidence.push(own.text(k, k + 2));
        }
        for p in REGISTER_PHRASES {
            if let Some(e) = own.phrase(k, p) {
                if !own.negated(k, false) {
                    evidence.push(own.text(k, e));
                }
            }
        }
        if own.sentence(k).question {
            continue; // « est-il férié pour les agents ? » asks about them, does not write to them
        }
        // a designated reader: « écris-lui », « aux familles », « prévenir les parents »
        if ADDRESS_VERBS.contains(&w) && matches!(own.word(k + 1), Some("lui" | "leur")) && own.clause_start(k) {
            evidence.push(own.text(k, k + 2));
            continue;
        }
        let (from, _) = own.clause_bounds(k);
        if (from..k).any(|j| among(FIRST_PERSON, own.word(j)) && !WISHES_1P.iter().any(|p| own.phrase(j, p).is_some())) {
            continue; // « je dois le transmettre au maire »: the learner's situation
        }
        if let Some(e) = recipient_end(own, k) {
            evidence.push(own.text(k, e));
            continue;
        }
        if INFORM_VERBS.contains(&w) && among(RECIPIENT_DETS, own.word(k + 1)) && among(PERSON_NOUNS, own.word(k + 2)) {
            evidence.push(own.text(k, k + 3));
        }
    }
    evidence.extend(template_labels(own, Criterion::Audience));
    evidence
}

// ---------------------------------------------------------------------------------------------
// Format
// ---------------------------------------------------------------------------------------------

fn response_format(own: &Own<'_>) -> Vec<String> {
    let mut evidence = Vec::new();
    for k in 0..own.len() {
        let Some(w) = own.word(k) else { continue };
        if own.negated(k, true) {
            continue; // « peu importe la longueur »
        }
        // a count of lines, words or items: « en 5 lignes », « trois idées », « une quinzaine de lignes »
        let indefinite = matches!(w, "un" | "une");
        if indefinite || is_number(own, k) {
            let mut j = k + 1;
            if matches!(own.word(j), Some("ou" | "a")) && is_number(own, j + 1) {
                j += 2; // « une ou deux phrases », « 3 à 5 points »
            }
            if matches!(own.word(j), Some("de" | "d")) && APPROXIMATE_NUMBERS.contains(&w) {
                j += 1;
            }
            if own.word(j) == Some("demi") {
                j += 1;
            }
            if among(SIZE_ADJ, own.word(j)) && (among(LENGTH_NOUNS, own.word(j + 1)) || among(ITEM_NOUNS, own.word(j + 1))) {
                j += 1;
            }
            let noun = own.word(j);
            let counted = if indefinite {
                // « une page », « en une phrase », but not « un mot » (a document) nor « une page de garde »
                (among(SINGULAR_LENGTH, noun) && !matches!(own.word(j + 1), Some("de" | "d")))
                    || (noun == Some("demi") && among(LENGTH_NOUNS, own.word(j + 1)))
            } else {
                among(LENGTH_NOUNS, noun) || among(ITEM_NOUNS, noun)
            };
            if counted {
                evidence.push(own.text(k, j + 1));
                continue;
            }
        }
        // an announced shape: « un tableau », « une liste », « une FAQ », « un SMS », « en tableau »
        if let Some(shape) = own.word(k + 1).filter(|n| matches!(w, "un" | "une" | "en") && SHAPE_NOUNS.contains(n)) {
            let next = own.word(k + 2);
            let document = (shape == "check" && next != Some("list"))
                || (shape == "plan" && matches!(next, Some("de" | "d")))
                || (WEAK_SHAPES.contains(&shape) && w != "en")
                || (shape == "post" && !among(SOCIAL_NETWORKS, next))
                || (w == "en" && matches!(shape, "resume" | "synthese" | "fiche" | "plan" | "carte"));
            if !document {
                evidence.push(own.text(k, k + 2));
                continue;
            }
        }
        // a structure: « avec un titre et deux parties », « avec les champs Nom, Prénom »
        if w == "avec" && (matches!(own.word(k + 1), Some("un" | "une" | "des" | "les" | "le" | "la")) || is_number(own, k + 1)) {
            let mut j = k + 2;
            while j < k + 4 && own.word(j).is_some() && !among(STRUCTURE_NOUNS, own.word(j)) {
                j += 1;
            }
            if among(STRUCTURE_NOUNS, own.word(j)) {
                evidence.push(own.text(k, j + 1));
                continue;
            }
        }
        for p in FORMAT_PHRASES {
            if let Some(e) = own.phrase(k, p) {
                if !(matches!(*p, "bref" | "breve" | "courte" | "courts") && matches!(own.word(k - 1), Some("en" | "un" | "une"))) {
                    evidence.push(own.text(k, e));
                }
            }
        }
        // « 140 caractères maximum », « moins de 8 mots »
        if matches!(w, "maximum" | "max" | "maxi") && (is_number(own, k - 1) || among(LENGTH_NOUNS, own.word(k - 1))) {
            evidence.push(own.text(k - 1, k + 1));
        }
        if matches!(w, "moins" | "plus") && matches!(own.word(k + 1), Some("de" | "d")) && is_number(own, k + 2) && among(LENGTH_NOUNS, own.word(k + 3)) {
            evidence.push(own.text(k, k + 4));
        }
    }
    evidence.extend(template_labels(own, Criterion::Format));
    evidence
}

// ---------------------------------------------------------------------------------------------
// Constraints
// ---------------------------------------------------------------------------------------------

fn constraints(own: &Own<'_>) -> Vec<String> {
    let mut evidence = Vec::new();
    for k in 0..own.len() {
        let Some(w) = own.word(k) else { continue };
        let s = own.sentence(k);
        // « sans jargon », « sans rien inventer »; not « sans contexte », « titularisé sans concours ? »
        let sans = w == "sans" && own.word(k + 1).is_some() && !among(SANS_NOT_CONSTRAINT, own.word(k + 1)) && !sets_length(own, k);
        if sans && (s.request || (own.clause_start(k) && !s.question)) {
            evidence.push(own.text(k, k + 3));
            continue;
        }
        // « N'invente aucune référence », « Ne cite pas de nom », « Respecte la charte »
        if let Some(e) = negative_rule(own, k, &s).or_else(|| rule_verb(own, k)) {
            evidence.push(own.text(k, e));
            continue;
        }
        for p in CONSTRAINT_PHRASES {
            if let Some(e) = own.phrase(k, p) {
                if !(matches!(*p, "dis le" | "dites le") && own.word(e).is_some()) {
                    evidence.push(own.text(k, e));
                }
            }
        }
        // « Réponds uniquement sur la base du RGPD » (a limit needs a request in its sentence)
        if SCOPE_WORDS.contains(&w) && s.request && !matches!(own.word(k - 1), Some("non" | "pas")) {
            evidence.push(own.text(k, k + 1));
        }
        // « cite tes sources », « en citant les textes applicables »; not « quelles sont tes sources ? »
        for p in CITED_THINGS {
            if let Some(e) = own.phrase(k, p) {
                if (s.start.max(k - 3)..k).any(|j| among(CITE_VERBS, own.word(j))) {
                    evidence.push(own.text(k, e));
                }
            }
        }
    }
    evidence.extend(template_labels(own, Criterion::Constraints));
    evidence
}

// ---------------------------------------------------------------------------------------------
// Lexicon: folded words (lower case, without accents), as `fold_text` gives them
// ---------------------------------------------------------------------------------------------

/// Abbreviations whose full stop does not end a sentence (« M. Girard », « tél. 05… »).
const ABBREVIATIONS: &[&str] = &[
    "adj", "al", "art", "av", "bd", "cf", "chap", "cie", "coll", "dept", "dr", "env", "ex", "hab", "m", "me",
    "mlle", "mm", "mme", "mmes", "mr", "n", "no", "p", "pr", "resp", "serv", "st", "ste", "tel", "vol",
];

/// Imperatives (tu, vous) of the verbs asking the assistant to do or produce something.
const IMPERATIVES: &[&str] = &[
    "accompagne", "accompagnez", "actualise", "actualisez", "adapte", "adaptez", "aide", "aidez", "ajoute",
    "ajoutez", "allege", "allegez", "ameliore", "ameliorez", "analyse", "analysez", "annote", "annotez",
    "anonymise", "anonymisez", "apprends", "apprenez", "approfondis", "approfondissez", "argumente",
    "argumentez", "calcule", "calculez", "cherche", "cherchez", "choisis", "choisissez", "cite", "citez",
    "classe", "classez", "commente", "commentez", "compare", "comparez", "complete", "completez", "concevez",
    "concois", "conseille", "conseillez", "construis", "construisez", "contextualise", "contextualisez",
    "corrige", "corrigez", "cree", "creez", "critique", "critiquez", "decide", "decidez", "decortique",
    "decortiquez", "decris", "decrivez", "definis", "definissez", "detaille", "detaillez", "developpe",
    "developpez", "dis", "dites", "donne", "donnez", "dresse", "dressez", "ecris", "ecrivez", "elabore",
    "elaborez", "enumere", "enumerez", "envoie", "envoyez", "estime", "estimez", "etablis", "etablissez",
    "evalue", "evaluez", "explicite", "explicitez", "explique", "expliquez", "extrais", "extrayez", "fais",
    "faites", "formalise", "formalisez", "formule", "formulez", "fournis", "fournissez", "genere", "generez",
    "guide", "guidez", "hierarchise", "hierarchisez", "identifie", "identifiez", "illustre", "illustrez",
    "imagine", "imaginez", "indique", "indiquez", "interprete", "interpretez", "invente", "inventez", "joue",
    "jouez", "justifie", "justifiez", "lis", "lisez", "liste", "listez", "mets", "mettez", "modifie",
    "modifiez", "montre", "montrez", "numerote", "numerotez", "ordonne", "ordonnez", "organise", "organisez",
    "oriente", "orientez", "planifie", "planifiez", "pose", "posez", "precise", "precisez", "prepare",
    "preparez", "presente", "presentez", "priorise", "priorisez", "produis", "produisez", "propose",
    "proposez", "raccourcis", "raccourcissez", "rajoute", "rajoutez", "rappelez", "rappelle", "rassemble",
    "rassemblez", "recapitule", "recapitulez", "recherche", "recherchez", "recommande", "recommandez",
    "redige", "redigez", "reduis", "reduisez", "reecris", "reecrivez", "reformule", "reformulez", "regroupe",
    "regroupez", "releve", "relevez", "relis", "relisez", "remets", "remettez", "remplace", "remplacez",
    "remplis", "remplissez", "rendez", "rends", "reorganise", "reorganisez", "repere", "reperez", "repondez",
    "reponds", "reprends", "reprenez", "resolvez", "resous", "resume", "resumez", "retrouve", "retrouvez",
    "reunis", "reunissez", "schematise", "schematisez", "simplifie", "simplifiez", "souligne", "soulignez",
    "structure", "structurez", "suggere", "suggerez", "supprime", "supprimez", "synthetise", "synthetisez",
    "teste", "testez", "traduis", "traduisez", "transforme", "transformez", "trie", "triez", "trouve",
    "trouvez", "verifie", "verifiez", "vulgarise", "vulgarisez",
];

/// Their infinitives, a task at the start of a sentence (« Rédiger une réponse », « Objectif : rédiger »).
const INFINITIVES: &[&str] = &[
    "accompagner", "actualiser", "adapter", "aider", "ajouter", "alleger", "ameliorer", "analyser", "annoter",
    "anonymiser", "apprendre", "approfondir", "argumenter", "calculer", "chercher", "choisir", "citer",
    "classer", "commenter", "comparer", "completer", "concevoir", "conseiller", "construire", "contextualiser",
    "corriger", "creer", "critiquer", "decider", "decortiquer", "decrire", "definir", "detailler",
    "developper", "dire", "donner", "dresser", "ecrire", "elaborer", "enumerer", "envoyer", "estimer",
    "etablir", "evaluer", "expliciter", "expliquer", "extraire", "faire", "formaliser", "formuler", "fournir",
    "generer", "guider", "hierarchiser", "identifier", "illustrer", "imaginer", "indiquer", "interpreter",
    "inventer", "jouer", "justifier", "lire", "lister", "mettre", "modifier", "montrer", "numeroter",
    "ordonner", "organiser", "orienter", "planifier", "poser", "preciser", "preparer", "presenter",
    "prioriser", "produire", "proposer", "raccourcir", "rajouter", "rappeler", "rassembler", "recapituler",
    "rechercher", "recommander", "rediger", "reduire", "reecrire", "reformuler", "regrouper", "relever",
    "relire", "remettre", "remplacer", "remplir", "rendre", "reorganiser", "reperer", "repondre", "reprendre",
    "resoudre", "resumer", "retrouver", "reunir", "schematiser", "simplifier", "souligner", "structurer",
    "suggerer", "supprimer", "synthetiser", "tester", "traduire", "transformer", "trier", "trouver",
    "verifier", "vulgariser",
];

/// Imperatives that are also nouns: « Liste des pièces », « Résumé de la réunion ».
const NOUN_LIKE_IMPERATIVES: &[&str] = &[
    "analyse", "cite", "classe", "commente", "critique", "dresse", "estime", "evalue", "guide", "liste",
    "montre", "note", "pose", "releve", "resume", "teste", "trie",
];

/// Object pronouns kept with an imperative in the evidence: « Écris-moi », « Mets-les ».
const IMPERATIVE_PRONOUNS: &[&str] = &[
    "en", "la", "le", "les", "leur", "lui", "moi", "nous", "y",
];

/// Requests made politely or as a wish; the first that matches is the evidence.
const REQUEST_PHRASES: &[&str] = &[
    "peux tu", "pouvez vous", "pourrais tu", "pourriez vous", "tu peux", "vous pouvez", "tu pourrais",
    "vous pourriez", "est ce que tu peux", "est ce que vous pouvez", "merci de", "je voudrais", "j aimerais",
    "je souhaite", "je souhaiterais", "nous souhaitons", "il me faut", "il nous faut", "j ai besoin",
    "nous avons besoin", "je veux", "aide moi", "aidez moi", "aidez nous", "aide nous", "je cherche",
    "donne moi", "donnez moi", "je te demande", "je vous demande", "tu dois", "vous devez", "stp", "svp",
    "s il te plait", "s il vous plait",
];

/// After « si », « que », these are a condition, not a request (« si tu peux »).
const CONDITIONAL_REQUESTS: &[&str] = &[
    "tu dois", "tu peux", "vous devez", "vous pouvez",
];

/// Questions written without their question mark.
const QUESTION_PHRASES: &[&str] = &[
    "que faire", "c quoi", "c est quoi", "comment faire", "qui contacter", "ou trouver",
];

/// Words opening a question written without its question mark.
const QUESTION_OPENERS: &[&str] = &[
    "comment", "pourquoi", "combien", "quel", "quelle", "quels", "quelles", "est ce que", "est ce qu",
    "qu est ce que",
];

/// Words opening a new clause (« … et écris », « donc fais court »).
const COORDINATORS: &[&str] = &[
    "alors", "car", "donc", "enfin", "ensuite", "et", "mais", "ou", "puis", "sinon",
];

/// Words that may stand before a clause's first word (« Bonjour, rédige », « juste fais »).
const CONNECTORS: &[&str] = &[
    "abord", "aussi", "bien", "bonjour", "d", "egalement", "etre", "juste", "maintenant", "ok", "peut",
    "rapidement", "simplement", "stp", "surtout", "svp", "tout", "vite",
];

/// Nouns naming material: « ce message : », « Texte : », « Extrait du règlement : ».
const MATERIAL_NOUNS: &[&str] = &[
    "affiche", "annonce", "arrete", "article", "articles", "avis", "brouillon", "chiffres", "citation",
    "citations", "clause", "clauses", "commentaires", "compte", "contacts", "contenu", "contenus",
    "coordonnees", "courriel", "courriels", "courrier", "courriers", "dates", "definition", "deliberation",
    "document", "documents", "donnees", "elements", "email", "entete", "extrait", "extraits", "fiche",
    "horaires", "idees", "informations", "lettre", "ligne", "lignes", "liste", "mail", "mails", "message",
    "messages", "mot", "mots", "noms", "note", "notes", "paragraphe", "paragraphes", "passage", "personnes",
    "petition", "phrase", "phrases", "points", "post", "propositions", "questions", "rapport", "reclamation",
    "reclamations", "reglement", "remarques", "reponses", "resultats", "sms", "source", "sources", "tableau",
    "temoignages", "texte", "textes", "transcription", "tweet", "verbatim", "version",
];

/// …but these, opening the clause before a colon, do not make it a label announcing material.
const NOT_MATERIAL_LABELS: &[&str] = &[
    "idees", "mot", "mots", "points", "propositions", "questions", "source", "sources", "version",
];

/// Demonstratives before a material noun (« ce message : »).
const DEMONSTRATIVES: &[&str] = &[
    "ce", "ces", "cet", "cette",
];

/// Phrases announcing material before a colon (« le texte suivant : », « voici les chiffres : »).
const ANNOUNCERS: &[&str] = &[
    "ci dessous", "ci apres", "suivant", "suivante", "suivants", "suivantes", "voici", "voila", "ce qui suit",
    "ceci", "le texte", "les informations", "les donnees", "les elements", "ci contre",
];

/// Phrases announcing material on the next lines (« le texte ci-dessous. »).
const LINE_ANNOUNCERS: &[&str] = &[
    "ci dessous", "ci apres", "suivant", "suivante", "suivants", "suivantes",
];

/// A transformation verb alone before a colon announces material (« Reformule : », « mets au propre : »).
const BARE_TRANSFORM: &[&str] = &[
    "ameliore", "ameliorer", "ameliorez", "analyse", "analysez", "anonymise", "anonymisez", "classe",
    "classez", "commente", "commentez", "corrige", "corriger", "corrigez", "explique", "expliquez", "mets",
    "mettez", "raccourcis", "raccourcissez", "reecrire", "reecris", "reecrivez", "reformule", "reformuler",
    "reformulez", "relire", "relis", "relisez", "resume", "resumer", "resumez", "simplifie", "simplifier",
    "simplifiez", "structure", "structurez", "synthetise", "synthetisez", "traduire", "traduis", "traduisez",
    "transforme", "transformez", "trie", "triez", "verifie", "verifiez",
];

/// Words that make parentheses a placeholder (« (coller ici) »).
const PLACEHOLDER_WORDS: &[&str] = &[
    "colle", "coller", "collez", "copier", "inserer", "inserez", "joindre",
];

/// Phrases giving the assistant a role.
const ROLE_PHRASES: &[&str] = &[
    "agis comme", "agissez comme", "agis en", "agissez en", "comporte toi comme", "comportez vous comme",
    "joue le role", "jouez le role", "joue un role", "prends le role", "prenez le role", "endosse le role",
    "endossez le role", "tiens le role", "tenez le role", "incarne", "incarnez", "mets toi a la place",
    "mettez vous a la place", "mets toi dans la peau", "mettez vous dans la peau", "imagine que tu es",
    "imaginez que vous etes", "imagine etre", "imaginez etre", "fais comme si tu etais",
    "faites comme si vous etiez", "tu joues le role", "vous jouez le role", "tu joueras", "tu seras",
    "vous serez", "tu vas jouer", "dans le role de", "dans la peau d", "dans la peau de", "tu incarnes",
    "tu es desormais", "a partir de maintenant tu es", "reponds comme", "repondez comme",
    "reponds en tant que", "repondez en tant que", "parle comme", "ecris comme", "ton role est",
    "ton role sera", "votre role est", "votre role sera", "tu sois un", "tu sois une", "vous soyez un",
    "vous soyez une", "ton role consiste", "votre role consiste",
];

/// After « tu es », a state, not a role (« tu es sûr », « tu es là »).
const NOT_ROLE_AFTER_TU_ES: &[&str] = &[
    "autorise", "autorisee", "bien", "capable", "certain", "certaine", "d", "disponible", "en", "ici", "la",
    "libre", "ne", "oblige", "obligee", "pas", "plutot", "pret", "prete", "sur", "sure", "surs", "toujours",
    "tres", "trop", "vraiment",
];

/// Before « tu es », a condition (« si tu es », « quand tu es »).
const NOT_ROLE_BEFORE_TU_ES: &[&str] = &[
    "car", "ce", "comme", "lorsque", "n", "ou", "puisque", "quand", "qui", "si",
];

/// « que tu es » gives a role only after these (« Imagine que tu es… »).
const IMAGINE: &[&str] = &[
    "considere", "considerez", "disons", "imagine", "imaginez", "suppose", "supposez",
];

/// Phrases opening a sentence that gives the assistant a role.
const ROLE_SENTENCE_OPENERS: &[&str] = &[
    "tu es", "vous etes", "mets toi", "mettez vous", "comporte toi", "comportez vous", "joue le role",
    "jouez le role", "imagine que tu", "imaginez que vous",
];

/// After « Sois », « Deviens »: a role (« Sois un conseiller »), not a manner (« Sois concis »).
const ROLE_DETERMINERS: &[&str] = &[
    "l", "la", "le", "ma", "mon", "notre", "un", "une", "votre",
];

/// The learner as a subject.
const FIRST_PERSON: &[&str] = &[
    "j", "je", "nous", "on",
];

/// Times, causes and events that describe the situation.
const CONTEXT_PHRASES: &[&str] = &[
    "hier", "demain", "ce matin", "cet apres midi", "ce soir", "aujourd hui", "cette semaine",
    "la semaine prochaine", "la semaine derniere", "le mois prochain", "le mois dernier", "ce mois ci",
    "cette annee", "l an dernier", "l annee derniere", "l an prochain", "l annee prochaine", "depuis",
    "actuellement", "en ce moment", "recemment", "de plus en plus", "suite a", "suite au", "suite aux",
    "a la suite", "a cause", "en raison", "pour des raisons", "a chaque fin", "chaque annee", "chaque semaine",
    "chaque mois", "chaque jour", "tous les ans", "il y a", "nous a", "m a", "nous ont", "m ont", "se plaint",
    "se plaignent", "s inquiete", "s inquietent", "en panne", "en greve", "en arret", "en conge",
    "en retraite", "la premiere fois",
];

/// The learner's purpose (« pour que je m'entraîne »).
const PURPOSE_PHRASES: &[&str] = &[
    "pour que je", "pour qu on", "pour que nous", "afin que je", "afin qu on", "afin que nous",
];

/// Nouns that, as the subject of a statement, describe the situation (« Notre service reçoit… »).
const SITUATION_NOUNS: &[&str] = &[
    "adjoint", "adjointe", "administration", "administre", "administree", "administres", "agent", "agente",
    "agents", "agglomeration", "ascenseur", "association", "bailleur", "batiment", "beneficiaire",
    "beneficiaires", "benevole", "benevoles", "bibliotheque", "bureau", "candidat", "candidate", "cantine",
    "ccas", "centre", "chaudiere", "chef", "cheffe", "club", "collectivite", "collegue", "collegues", "comite",
    "commune", "conseil", "couple", "creche", "dame", "departement", "dgs", "directeur", "direction",
    "directrice", "drh", "ecole", "eleve", "eleves", "elu", "elus", "enfant", "enfants", "entreprise",
    "equipe", "etablissement", "famille", "familles", "femme", "fournisseur", "gymnase", "habitant",
    "habitants", "hierarchie", "homme", "hopital", "infirmier", "infirmiere", "intercommunalite", "jeune",
    "locataire", "locataires", "logiciel", "madame", "maire", "mairie", "maitresse", "maman", "medecin",
    "mediatheque", "mere", "ministere", "monsieur", "papa", "parent", "parents", "patient", "patiente",
    "patients", "pere", "personne", "personnes", "piscine", "pole", "prefecture", "president", "presidente",
    "prestataire", "professeur", "regie", "region", "responsable", "retraite", "riverain", "riverains",
    "salle", "secretaire", "serveur", "service", "site", "stagiaire", "structure", "superieur", "superieure",
    "syndicat", "toit", "unite", "usager", "usagere", "usagers", "ville", "voisin", "voisins",
];

/// Conjugated verbs that make a sentence a statement of fact (with « se », « s », « n » for « se plaint », « n'est »).
const FINITE_VERBS: &[&str] = &[
    "accueille", "accueillent", "appelle", "appellent", "arrive", "arrivent", "attend", "attendent",
    "augmente", "augmentent", "aura", "auront", "avaient", "avait", "baisse", "baissent", "beneficie",
    "beneficient", "change", "changent", "cherche", "cherchent", "commence", "commencent", "comprend",
    "comprennent", "compte", "comptent", "concerne", "concernent", "connaissent", "connait", "conteste",
    "contestent", "deborde", "debordent", "demande", "demandent", "demenage", "depend", "dependent", "disent",
    "dispose", "disposent", "dit", "doit", "doivent", "ecrit", "ecrivent", "emmenage", "envisage",
    "envisagent", "est", "etaient", "etait", "exige", "exigent", "existe", "existent", "faut", "ferme",
    "ferment", "fete", "fetent", "fonctionne", "fonctionnent", "fuit", "fusionne", "fusionnent", "gere",
    "gerent", "habite", "habitent", "inquiete", "inquietent", "lance", "lancent", "manque", "manquent",
    "marche", "marchent", "menace", "menacent", "n", "ont", "organise", "organisent", "ouvre", "ouvrent",
    "parle", "parlent", "part", "partent", "passe", "passent", "pense", "pensent", "perd", "perdent", "peut",
    "peuvent", "plaignent", "plaint", "plante", "plantent", "prend", "prennent", "prepare", "preparent",
    "prevoient", "prevoit", "propose", "proposent", "quitte", "quittent", "reclame", "reclament", "recoit",
    "recoivent", "recrute", "recrutent", "refait", "refont", "refuse", "refusent", "relance", "relancent",
    "rentre", "rentrent", "reste", "restent", "risque", "risquent", "s", "sait", "savent", "se", "sera",
    "serait", "seront", "signale", "signalent", "sont", "souhaite", "souhaitent", "subissent", "subit",
    "tombe", "tombent", "travaille", "travaillent", "traverse", "trouve", "trouvent", "utilise", "utilisent",
    "va", "veulent", "veut", "viennent", "vient", "vit", "vivent", "vont",
];

/// Endings of a past participle after « m'a », « nous a ».
const PARTICIPLE_ENDINGS: &[&str] = &[
    "e", "es", "ee", "ees", "i", "is", "it", "u", "us", "ue", "ert", "ait",
];

/// After « je suis »: a state, not the learner's situation (« je suis sûr »).
const OWN_STATE_NOT_CONTEXT: &[&str] = &[
    "certain", "certaine", "d", "desole", "desolee", "en", "pas", "pret", "prete", "sur", "sure", "surs",
];

/// After « je », a request, not the situation (« je voudrais », « je te demande »).
const REQUEST_VERBS_1P: &[&str] = &[
    "aimerais", "aimerions", "cherche", "demande", "peux", "pourrais", "pourrions", "pouvons", "souhaite",
    "souhaiterais", "souhaitons", "t", "te", "veux", "voudrais", "voudrions", "voulons", "vous",
];

/// After « on », the situation (« on a un chien errant »), not a method (« comment on fait »).
const ON_VERBS: &[&str] = &[
    "a", "accueille", "attend", "aura", "avait", "change", "cherche", "compte", "demenage", "devra", "dispose",
    "doit", "est", "etait", "ferme", "fusionne", "gere", "lance", "m", "manque", "n", "ne", "nous", "organise",
    "ouvre", "passe", "prepare", "recoit", "recrute", "reste", "s", "se", "sera", "travaille", "va", "vient",
];

/// A first-person subject after these, in a statement, is still the learner's situation.
const SUBORDINATORS: &[&str] = &[
    "comme", "dont", "lorsque", "ou", "parce", "puisque", "qu", "quand", "que",
];

/// Determiners opening the subject of a statement.
const SUBJECT_DETERMINERS: &[&str] = &[
    "beaucoup", "certaines", "certains", "des", "l", "la", "le", "les", "plusieurs", "un", "une",
];

/// The learner's own: « Mon service », « Notre commune ».
const POSSESSIVES_1P: &[&str] = &[
    "ma", "mes", "mon", "nos", "notre",
];

/// After an unaccented « a », words that make it the preposition « à ».
const NOT_A_VERB_AFTER_A: &[&str] = &[
    "cause", "ce", "celle", "chaque", "completer", "compter", "destination", "dire", "faire", "lire", "mettre",
    "mme", "partir", "prendre", "propos", "rendez", "rendre", "suite", "tache", "titre", "une",
];

/// After « a », words that make it the verb avoir.
const AVOIR_ADVERBS: &[&str] = &[
    "aussi", "bien", "deja", "dit", "du", "ecrit", "encore", "enfin", "ete", "eu", "fait", "mis", "pas",
    "pris", "pu", "recu", "su", "toujours", "vu",
];

/// After « depuis le », a time (« depuis le début »), not a place (« depuis le site »).
const TIME_NOUNS: &[&str] = &[
    "1er", "annee", "aout", "arrivee", "automne", "avril", "changement", "confinement", "creation", "debut",
    "decembre", "demenagement", "depart", "dimanche", "ete", "fermeture", "fevrier", "fusion", "hiver",
    "janvier", "jeudi", "juillet", "juin", "lundi", "mai", "mardi", "mars", "matin", "mercredi", "mise",
    "mois", "novembre", "octobre", "ouverture", "passage", "printemps", "rentree", "samedi", "semaine",
    "septembre", "vendredi",
];

/// A sentence about the answer with one of these is an instruction (« Le texte doit être court »).
const MODALS: &[&str] = &[
    "devra", "devront", "doit", "doivent", "faut", "sera", "seront",
];

/// Nouns naming the answer.
const ANSWER_NOUNS: &[&str] = &[
    "article", "courriel", "courrier", "discours", "document", "format", "mail", "message", "note",
    "production", "redaction", "reponse", "resultat", "style", "texte", "ton",
];

/// Readers, people.
const PERSON_NOUNS: &[&str] = &[
    "abonnes", "adherents", "adjoint", "adjointe", "adjointes", "adjoints", "administre", "administree",
    "administres", "ado", "adolescent", "adolescents", "agent", "agents", "aidants", "aines", "allocataire",
    "allocataires", "apprentis", "arrivants", "associations", "bailleur", "bailleurs", "beneficiaire",
    "beneficiaires", "benevoles", "candidat", "candidate", "candidats", "chef", "cheffe", "citoyens",
    "clients", "collegiens", "collegue", "collegues", "commercants", "conseil", "conseiller", "conseillere",
    "conseilleres", "conseillers", "dame", "debutant", "debutante", "debutants", "delegue", "delegues",
    "demandeurs", "destinataire", "destinataires", "dgs", "directeur", "directeurs", "directrice", "electeurs",
    "eleve", "eleves", "elu", "elue", "elues", "elus", "enfant", "enfants", "enseignants", "entreprises",
    "equipe", "equipes", "etudiantes", "etudiants", "famille", "familles", "femme", "gestionnaire",
    "gestionnaires", "habitant", "habitante", "habitants", "hierarchie", "homme", "infirmieres", "infirmiers",
    "instructeur", "instructeurs", "internautes", "jeune", "jeunes", "journaliste", "journalistes", "juge",
    "juges", "lecteur", "lecteurs", "lectrices", "locataires", "lyceens", "m", "madame", "maire", "maman",
    "mamans", "medecins", "membres", "mere", "ministre", "mlle", "mme", "monsieur", "mr", "nouveaux", "papa",
    "papas", "parent", "parents", "partenaires", "participants", "patient", "patiente", "patients", "pere",
    "personne", "personnel", "personnes", "population", "prefet", "prefete", "president", "presidente",
    "presse", "professeurs", "proprietaires", "public", "recrue", "recrues", "representants", "responsable",
    "responsables", "retraites", "riverain", "riverains", "salaries", "secretaire", "senior", "seniors",
    "soignants", "stagiaires", "syndicats", "touristes", "usager", "usagere", "usageres", "usagers",
    "visiteurs", "voisin", "voisins",
];

/// Adjectives naming a tone after « ton » (« ton neutre »).
const TONE_WORDS: &[&str] = &[
    "accessible", "aimable", "aimablement", "amical", "amicale", "apaisant", "apaisante", "bienveillant",
    "bienveillante", "chaleureuse", "chaleureusement", "chaleureuses", "chaleureux", "clair", "claire",
    "compatissant", "convivial", "conviviale", "cordial", "cordiale", "cordiales", "cordiaux", "courtois",
    "courtoise", "courtoisement", "diplomate", "diplomatique", "direct", "directe", "douce", "doux",
    "dynamique", "empathique", "encourageant", "encourageante", "engageant", "engageante", "enjoue", "enjouee",
    "enthousiaste", "factuel", "familier", "familiere", "ferme", "formel", "formelle", "gentil", "gentille",
    "gentiment", "humain", "humaine", "humoristique", "informel", "informelle", "institutionnel",
    "institutionnelle", "leger", "legere", "motivant", "motivante", "neutre", "optimiste", "patient",
    "patiente", "pedagogique", "pedagogue", "poli", "polie", "poliment", "positif", "positive",
    "professionnel", "professionnelle", "protocolaire", "rassurant", "rassurante", "rassurants",
    "respectueuse", "respectueusement", "respectueux", "serieux", "simple", "sobre", "solennel", "solennelle",
    "solidaire",
];

/// Tone words clear enough alone (« courtoise », « poliment »).
const TONE_ALONE: &[&str] = &[
    "aimablement", "amical", "amicale", "apaisant", "apaisante", "bienveillant", "bienveillante",
    "chaleureuse", "chaleureusement", "chaleureuses", "chaleureux", "compatissant", "convivial", "conviviale",
    "cordial", "cordiale", "cordiaux", "courtois", "courtoise", "courtoisement", "diplomate", "empathique",
    "enjoue", "enjouee", "familier", "familiere", "gentil", "gentille", "gentiment", "humoristique",
    "informel", "informelle", "poli", "polie", "polies", "poliment", "polis", "protocolaire", "rassurant",
    "rassurante", "rassurants", "respectueuse", "respectueusement", "respectueux", "simplement", "solennel",
    "solennelle",
];

/// After « registre » (« registre protocolaire »).
const REGISTER_ADJ: &[&str] = &[
    "accessible", "adapte", "administratif", "approprie", "chaleureux", "cordial", "courant", "courtois",
    "diplomatique", "elegant", "familier", "formel", "institutionnel", "journalistique", "juridique", "neutre",
    "officiel", "oral", "pedagogique", "poli", "professionnel", "protocolaire", "simple", "solennel",
    "soutenu", "standard", "technique",
];

/// Registers and readers.
const REGISTER_PHRASES: &[&str] = &[
    "langage simple", "langage courant", "langage clair", "langue simple", "mots simples", "termes simples",
    "phrases simples", "mots de tous les jours", "falc", "facile a lire", "facile a comprendre",
    "faciles a comprendre", "vouvoie", "vouvoyez", "vouvoyant", "vouvoiement", "tutoie", "tutoyez", "tutoyant",
    "tutoiement", "grand public", "comprehensible par", "comprehensible pour", "comprehensibles par",
    "accessible a", "accessible aux", "accessibles a", "accessible pour", "a la portee", "vulgarise",
    "vulgarisez", "vulgariser", "avec respect", "avec tact", "avec douceur", "avec empathie", "avec humour",
    "avec diplomatie", "avec pedagogie", "sans condescendance", "lue par", "lu par", "lus par", "lues par",
    "sera lu", "sera lue", "liront", "s adresse a", "s adresse aux", "s adressera", "en t adressant",
    "en vous adressant", "destine a", "destine aux", "destinee a", "destinee aux", "destines a",
    "destines aux", "destinees aux", "a destination", "a l attention", "a l intention", "lire devant",
    "niveau cm2", "niveau college", "comme a un enfant", "comme a une",
];

/// Prepositions before a designated reader.
const RECIPIENT_PREPS: &[&str] = &[
    "a", "au", "aupres", "aux", "envers", "pour",
];

/// Determiners of a designated reader.
const RECIPIENT_DETS: &[&str] = &[
    "ce", "ces", "cette", "chaque", "des", "l", "la", "le", "les", "leurs", "ma", "mes", "mon", "nos", "notre",
    "ses", "tous", "toutes", "un", "une",
];

/// Adjectives before a designated reader (« aux nouveaux arrivants »).
const RECIPIENT_ADJ: &[&str] = &[
    "anciens", "autres", "futures", "futurs", "jeunes", "nouveaux", "nouvel", "nouvelle", "nouvelles",
    "petits",
];

/// Civilities: before a placeholder (« à M. [NOM] ») they designate nobody.
const CIVILITIES: &[&str] = &[
    "m", "madame", "mlle", "mme", "monsieur", "mr",
];

/// Verbs addressing someone with « lui », « leur » (« écris-lui »).
const ADDRESS_VERBS: &[&str] = &[
    "adresse", "adressez", "annonce", "annoncez", "dis", "dites", "ecrire", "ecris", "ecrivez", "envoie",
    "envoyez", "explique", "expliquez", "parle", "parlez", "presente", "presentez", "propose", "proposez",
    "raconte", "racontez", "redige", "redigez", "repondez", "repondre", "reponds", "souhaite", "souhaitez",
];

/// Verbs whose object is the reader (« prévenir les parents »).
const INFORM_VERBS: &[&str] = &[
    "accueillir", "alerte", "alerter", "consulter", "convaincre", "convier", "felicite", "feliciter",
    "informe", "informer", "informez", "invite", "inviter", "invitez", "mobiliser", "prevenez", "prevenir",
    "previens", "rassure", "rassurer", "remercie", "remercier", "remerciez", "saluer", "sensibilise",
    "sensibiliser",
];

/// First-person requests, which do not make a clause the learner's situation.
const WISHES_1P: &[&str] = &[
    "je voudrais", "j aimerais", "je souhaite",
];

/// Numbers written as words.
const NUMBER_WORDS: &[&str] = &[
    "cent", "centaine", "cinq", "cinquante", "demi", "deux", "dix", "dizaine", "double", "douze", "huit",
    "mille", "neuf", "onze", "quarante", "quatorze", "quatre", "quelques", "quinzaine", "quinze", "seize",
    "sept", "six", "soixante", "treize", "trentaine", "trente", "trois", "vingt", "vingtaine",
];

/// Approximate numbers, followed by « de » (« une quinzaine de lignes »).
const APPROXIMATE_NUMBERS: &[&str] = &[
    "centaine", "dizaine", "quelques", "quinzaine", "trentaine", "vingtaine",
];

/// Units of length.
const LENGTH_NOUNS: &[&str] = &[
    "caractere", "caracteres", "diapo", "diapos", "diapositive", "diapositives", "feuillet", "feuillets",
    "ligne", "lignes", "minute", "minutes", "mot", "mots", "page", "pages", "paragraphe", "paragraphes",
    "phrase", "phrases", "seconde", "secondes", "signe", "signes", "slide", "slides",
];

/// After « un », « une »: a length (« une page »), unlike « un mot » (a document).
const SINGULAR_LENGTH: &[&str] = &[
    "demi", "feuillet", "ligne", "minute", "page", "paragraphe", "phrase", "seule",
];

/// Items to produce, after a number (« trois idées », « 5 conseils »).
const ITEM_NOUNS: &[&str] = &[
    "accroches", "action", "actions", "activites", "alineas", "animations", "argument", "arguments",
    "articles", "astuces", "ateliers", "avantages", "axe", "axes", "bullet", "bullets", "cas", "champ",
    "champs", "chapitre", "chapitres", "choix", "colonne", "colonnes", "conseil", "conseils", "critere",
    "criteres", "etape", "etapes", "exemple", "exemples", "exercices", "formulation", "formulations", "idee",
    "idees", "inconvenients", "indicateurs", "intertitre", "intertitres", "item", "items", "lien", "liens",
    "message", "messages", "mesure", "mesures", "motifs", "nom", "noms", "objectifs", "objets", "option",
    "options", "partie", "parties", "piste", "pistes", "point", "points", "post", "posts", "priorite",
    "priorites", "proposition", "propositions", "puce", "puces", "qcm", "question", "questions", "raisons",
    "recommandation", "recommandations", "regles", "reponse", "reponses", "risques", "rubrique", "rubriques",
    "scenario", "scenarios", "section", "sections", "slogan", "slogans", "solutions", "suggestion",
    "suggestions", "sujets", "temps", "thematiques", "themes", "titre", "titres", "tweet", "tweets",
    "variante", "variantes", "version", "versions",
];

/// Adjectives between a number and its noun (« 3 grandes parties »).
const SIZE_ADJ: &[&str] = &[
    "bonnes", "bons", "brefs", "breves", "conseils", "courtes", "courts", "grandes", "grands", "idees",
    "meilleures", "meilleurs", "petites", "petits", "premieres", "premiers", "principales", "principaux",
];

/// Parts of a structure (« avec un titre et deux parties »).
const STRUCTURE_NOUNS: &[&str] = &[
    "accroche", "champ", "champs", "chapeau", "colonne", "colonnes", "conclusion", "encadre", "intertitre",
    "intertitres", "introduction", "legende", "liste", "partie", "parties", "plan", "puces", "rubrique",
    "rubriques", "section", "sections", "sommaire", "sous", "tableau", "titre", "titres", "visas",
];

/// Shapes of an answer (« un tableau », « une FAQ », « un SMS »).
const SHAPE_NOUNS: &[&str] = &[
    "acrostiche", "affiche", "bandeau", "banniere", "calendrier", "carte", "check", "checklist", "depliant",
    "diagramme", "diaporama", "encadre", "faq", "fiche", "flyer", "frise", "glossaire", "graphique", "grille",
    "haiku", "infographie", "kakemono", "lexique", "liste", "logigramme", "matrice", "memo", "organigramme",
    "plan", "planning", "post", "qcm", "questionnaire", "quiz", "resume", "retroplanning", "schema", "slide",
    "slogan", "sms", "sommaire", "synthese", "tableau", "tableur", "texto", "tweet",
];

/// Shapes that stay a document type after « un », « une » (« une fiche »).
const WEAK_SHAPES: &[&str] = &[
    "affiche", "calendrier", "carte", "depliant", "diaporama", "fiche", "flyer", "glossaire", "grille",
    "lexique", "memo", "plan", "planning", "questionnaire", "resume", "synthese",
];

/// After « un post », what makes it a social-network post.
const SOCIAL_NETWORKS: &[&str] = &[
    "court", "de", "facebook", "instagram", "linkedin", "pour", "sur", "x",
];

/// Phrases giving the form of the answer.
const FORMAT_PHRASES: &[&str] = &[
    "sous forme de", "sous la forme d", "sous la forme de", "sous forme d", "liste a puces", "a puces",
    "en puces", "numerote", "numerotee", "numerotes", "numerotees", "fais court", "faites court", "fais bref",
    "faites bref", "sois bref", "sois breve", "soyez bref", "soyez breve", "bref", "breve", "brievement",
    "concis", "concise", "succinct", "succincte", "en tableau", "en liste", "en colonnes", "en etapes",
    "en points", "la structure", "structure en", "structuree en", "structure suivante", "en courriel",
    "en mail", "en email", "en sms", "en tweet", "en message", "en note", "en fiche", "en un mot",
    "en une ligne", "en une phrase", "en bullet", "phrases courtes", "phrases courte", "mots courts",
    "texte court", "message court", "reponse courte", "courte", "courts", "au format", "en format",
    "format a4", "en markdown", "en json", "en csv", "en deux colonnes", "en questions reponses",
    "questions reponses", "avec des exemples", "par ordre", "dans l ordre", "classees de", "classes de",
    "classe de la", "du plus", "de la plus", "par theme", "par themes", "par thematique", "par categorie",
    "en gras", "en annexe", "etre court", "etre courte", "etre bref", "etre breve", "rester court",
    "reste court",
];

/// Rules, limits and demands of care on the answer.
const CONSTRAINT_PHRASES: &[&str] = &[
    "si tu ne sais pas", "si vous ne savez pas", "si tu n es pas", "si vous n etes pas", "si tu es sur",
    "si tu es sure", "si vous etes sur", "si vous etes sure", "si tu n as pas", "si vous n avez pas",
    "si l information manque", "si une information manque", "si une information te manque", "s il manque",
    "s il te manque", "si tu doutes", "si vous doutez", "en cas de doute", "dis le", "dites le",
    "que tu ne connais pas", "que vous ne connaissez pas", "que tu n as pas", "que vous n avez pas",
    "que je ne t ai pas", "que je ne vous ai pas", "qui ne figure pas", "qui ne figurent pas",
    "qui n y figure pas", "qui n y figurent pas", "qui n apparait pas", "en citant",
    "en t appuyant uniquement", "en vous appuyant uniquement", "en laissant", "en respectant", "en gardant",
    "en conservant", "en evitant", "en distinguant", "en precisant les sources", "en indiquant tes sources",
    "en indiquant vos sources", "en indiquant les sources", "indique pour chaque", "indiquez pour chaque",
    "precise pour chaque", "precisez pour chaque", "precise pour chacune", "precisez pour chacune",
    "precise pour chacun", "precisez pour chacun", "pour chacune indique", "toute donnee personnelle",
    "toutes les donnees personnelles", "aucune donnee personnelle", "remplace les noms", "remplacez les noms",
    "sois prudent", "sois prudente", "soyez prudent", "soyez prudente", "reste factuel", "restez factuel",
    "reste neutre", "restez neutre", "reste prudent", "tiens compte", "tenez compte", "rien d autre",
    "rien que", "a la lettre", "mot pour mot", "fidelement", "verifiable", "verifiables",
];

/// Limits that need a request in the same sentence (« Réponds uniquement… »).
const SCOPE_WORDS: &[&str] = &[
    "uniquement", "seulement", "exclusivement", "strictement",
];

/// What must be cited (« cite tes sources »).
const CITED_THINGS: &[&str] = &[
    "tes sources", "vos sources", "les sources", "ta source", "votre source", "les textes applicables",
];

/// Verbs before a cited thing that make it a rule.
const CITE_VERBS: &[&str] = &[
    "citant", "cite", "citez", "indiquant", "indique", "indiquez", "mentionne", "mentionnez", "precise",
    "precisez",
];

/// Imperatives setting a rule on the answer.
const CONSTRAINT_VERBS: &[&str] = &[
    "appuie", "appuyez", "base", "basez", "cite", "citez", "conserve", "conservez", "distingue", "distinguez",
    "evite", "evitez", "fonde", "fondez", "garde", "gardez", "limite", "limitez", "respecte", "respectez",
    "signale", "signalez",
];

/// After « sans », not a rule on the answer (« sans contexte », « sans concours »).
const SANS_NOT_CONSTRAINT: &[&str] = &[
    "abri", "arret", "attendre", "avis", "cesse", "compter", "concours", "contexte", "contrainte",
    "contraintes", "delai", "delais", "diplome", "domicile", "doute", "emploi", "enfant", "enfants", "frais",
    "interruption", "limite", "limites", "nouvelles", "oublier", "papiers", "particulier", "particuliere",
    "permis", "plus", "qu", "que", "quoi", "rendez", "reponse", "ressources", "solution", "succes", "suite",
    "titre",
];

/// Words completing a negation (« ne … pas », « n'… aucun »).
const NEGATION_WORDS: &[&str] = &[
    "aucun", "aucune", "jamais", "ni", "nulle", "pas", "personne", "plus", "qu", "que", "rien",
];

/// Subjects that make a negation a statement (« je n'ai pas le temps », « ce n'est pas urgent »).
const STATEMENT_SUBJECTS: &[&str] = &[
    "c", "ca", "ce", "cela", "elle", "elles", "il", "ils", "j", "je", "nous", "on", "personne",
];

/// « sans dépasser une page », « ne dépasse pas 200 mots » are lengths, so formats.
const EXCEED_VERBS: &[&str] = &[
    "depasse", "depasser", "depassez", "excede", "exceder", "excedez",
];

/// Labels of a filled-in template (« Rôle : juriste », « Format : tableau ») and the criterion they fill.
const LABELS: &[(&str, Option<Criterion>)] = &[
    ("role", Some(Criterion::Role)),
    ("personnage", Some(Criterion::Role)),
    ("posture", Some(Criterion::Role)),
    ("expertise", Some(Criterion::Role)),
    ("contexte", Some(Criterion::Context)),
    ("situation", Some(Criterion::Context)),
    ("cadre", Some(Criterion::Context)),
    ("tache", Some(Criterion::Task)),
    ("objectif", Some(Criterion::Task)),
    ("demande", Some(Criterion::Task)),
    ("consigne", Some(Criterion::Task)),
    ("consignes", Some(Criterion::Task)),
    ("mission", Some(Criterion::Task)),
    ("action", Some(Criterion::Task)),
    ("format", Some(Criterion::Format)),
    ("forme", Some(Criterion::Format)),
    ("longueur", Some(Criterion::Format)),
    ("structure", Some(Criterion::Format)),
    ("public", Some(Criterion::Audience)),
    ("destinataire", Some(Criterion::Audience)),
    ("destinataires", Some(Criterion::Audience)),
    ("ton", Some(Criterion::Audience)),
    ("cible", Some(Criterion::Audience)),
    ("lecteurs", Some(Criterion::Audience)),
    ("lectorat", Some(Criterion::Audience)),
    ("registre", Some(Criterion::Audience)),
    ("contraintes", Some(Criterion::Constraints)),
    ("contrainte", Some(Criterion::Constraints)),
    ("regles", Some(Criterion::Constraints)),
    ("limites", Some(Criterion::Constraints)),
    ("exigences", Some(Criterion::Constraints)),
    ("sujet", None),
    ("theme", None),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn met(prompt: &str) -> Vec<Criterion> {
        evaluate(prompt, &Criterion::ALL).into_iter().filter(|r| r.met).map(|r| r.criterion).collect()
    }

    fn verdict(prompt: &str, criterion: Criterion) -> CriterionResult {
        evaluate(prompt, &[criterion]).into_iter().next().expect("one verdict per criterion")
    }

    fn is_met(prompt: &str, criterion: Criterion) -> bool {
        verdict(prompt, criterion).met
    }

    #[test]
    fn a_vague_prompt_meets_little() {
        assert_eq!(met("Le courrier de l'usager."), vec![Criterion::NoPersonalData]);
    }

    #[test]
    fn a_complete_prompt_meets_every_criterion() {
        // The source is pasted: a « règlement ci-dessous » followed by « … » would be no source.
        let prompt = "Vous êtes agent d'accueil dans une mairie. Contexte : un usager nous a écrit au sujet de la cantine. \
                      Rédigez une réponse en dix lignes au plus, sur un ton cordial et simple, pour un usager. \
                      N'inventez aucune règle : appuyez-vous uniquement sur le règlement ci-dessous.\n\n\
                      Règlement : « Les repas non pris sont remboursés sur présentation d'un justificatif médical. »";
        assert_eq!(met(prompt), Criterion::ALL.to_vec());
    }

    #[test]
    fn personal_data_fails_its_criterion_with_advice() {
        let results = evaluate("Résume le courrier de Mme Durand, 06 12 34 56 78.", &[Criterion::Task, Criterion::NoPersonalData]);
        assert!(results[0].met);
        assert!(!results[1].met);
        assert!(results[1].feedback.contains("retirez-les"));
    }

    #[test]
    fn every_verdict_met_lists_its_evidence() {
        let task = verdict("Peux-tu m'aider pour un courrier ?", Criterion::Task);
        assert!(task.evidence.contains(&"Peux-tu".to_owned()), "{:?}", task.evidence);
        let constraint = verdict("Rédige un arrêté. N'invente aucun article de loi.", Criterion::Constraints);
        assert_eq!(constraint.evidence, ["N'invente aucun article"]);
        assert!(verdict("Bonjour", Criterion::Role).evidence.is_empty());
    }

    #[test]
    fn cues_are_whole_words_never_inside_another_word() {
        assert!(!is_met("Le contrôle de gestion de l'hôpital.", Criterion::Role));
        assert!(!is_met("Explique-moi le rôle du maire en matière de police administrative.", Criterion::Role));
        assert!(!is_met("Quelles informations doivent figurer sur un avis de mise en recouvrement ?", Criterion::Format));
        assert!(!is_met("Formation des agents au RGPD", Criterion::Format));
        assert!(!is_met("Donne-moi les ressources utiles pour me former au management.", Criterion::Source));
        assert!(!is_met("Explique-moi ton raisonnement pour calculer le quotient familial.", Criterion::Audience));
    }

    #[test]
    fn a_negation_cancels_the_criterion_it_names() {
        assert!(!is_met("Sans contexte particulier, donne-moi trois idées d'animation.", Criterion::Context));
        assert!(!is_met("Peu importe le ton, fais-moi juste une liste des documents à demander.", Criterion::Audience));
        assert!(!is_met("Peu importe la longueur, explique-moi le PACS.", Criterion::Format));
        assert!(!is_met("Je n'ai pas le temps, ce n'est pas urgent : explique la taxe de séjour.", Criterion::Constraints));
        assert!(!is_met("Est-ce qu'un agent contractuel peut être titularisé sans concours ?", Criterion::Constraints));
        // a negative instruction on the answer is a constraint, a length limit a format
        assert!(is_met("Rédige un arrêté. N'invente aucun article de loi.", Criterion::Constraints));
        assert!(is_met("Rédige la réponse sans jargon.", Criterion::Constraints));
        assert!(!is_met("Ne dépasse pas 200 mots.", Criterion::Constraints));
        assert!(is_met("Ne dépasse pas 200 mots.", Criterion::Format));
    }

    #[test]
    fn a_placeholder_an_attachment_or_a_named_document_is_no_source() {
        for prompt in [
            "Résume le texte suivant en 3 points : [texte]",
            "Analyse ce courrier et propose une réponse : (coller ici)",
            "Résumer en 10 lignes le texte ci-dessous.\n\n[Texte à coller]",
            "Texte : [coller ici]",
            "Voici le rapport ci-joint. Fais-en une synthèse d'une page.",
            "Fais un résumé en 5 points du rapport d'activité (voir PJ).",
            "Résume la délibération du 12 mars sur les tarifs de l'eau.",
            "Que veut dire « préemption » ?",
            "Cite tes sources.",
        ] {
            assert!(!is_met(prompt, Criterion::Source), "{prompt}");
        }
    }

    #[test]
    fn pasted_material_is_a_source_and_its_first_words_the_evidence() {
        let quoted = verdict("Reformule en langage courant : « La présente décision peut faire l'objet d'un recours gracieux. »", Criterion::Source);
        assert_eq!(quoted.evidence, ["La présente décision peut faire l'objet …"]);
        let after_colon = verdict("Mets en forme ces horaires dans un tableau : lundi 8h30-12h, mardi 8h30-12h, mercredi fermé.", Criterion::Source);
        assert_eq!(after_colon.evidence, ["lundi 8h30-12h, mardi 8h30-12h …"]);
        let between_rules = "Réponds à cette pétition.\n---\nLes habitants du lotissement demandent un ralentisseur rue des Écoles.\n---";
        assert!(is_met(between_rules, Criterion::Source));
        assert!(is_met("Texte : La médiathèque sera fermée du 1er au 15 août pour inventaire.", Criterion::Source));
        // pasted lines after a colon, then the learner's request on the last line
        let notes = "Voici mes notes :\n- budget voté à l'unanimité\n- travaux de l'école en juillet\nFais-en un compte rendu.";
        assert_eq!(met(notes), vec![Criterion::Task, Criterion::Source, Criterion::NoPersonalData]);
    }

    #[test]
    fn criterion_words_in_a_pasted_document_do_not_count() {
        let prompt = "Résume ce paragraphe : « Dans un contexte de tensions budgétaires, le rôle des agents d'accueil évolue. \
                      Ils doivent orienter le public vers les démarches en ligne et respecter un format d'entretien de 15 minutes, \
                      sans jargon administratif. »";
        assert_eq!(met(prompt), vec![Criterion::Task, Criterion::Source, Criterion::NoPersonalData]);
        // a request inside a pasted form is not a task given to the assistant
        assert!(!is_met("« Rédigez votre demande sur papier libre et adressez-la au service urbanisme avant le 30 juin. »", Criterion::Task));
        // a pasted letter is the source, not the learner's context
        assert!(!is_met("Réponds à ce courrier : « Madame, Monsieur, ma facture de cantine a doublé ce mois-ci. »", Criterion::Context));
    }

    #[test]
    fn a_question_asking_for_information_is_a_task() {
        for prompt in [
            "Quels sont les délais de recours contre un permis de construire ?",
            "Combien de jours de congé pour le décès d'un parent dans la FPH ?",
            "c quoi la difference entre un arrete et une deliberation",
            "on a un chien errant sur la commune depuis 3 jours, que faire",
        ] {
            assert!(is_met(prompt, Criterion::Task), "{prompt}");
        }
        for prompt in ["La cantine.", "Sujet : la gestion des déchets verts.", "Un tweet pour annoncer la journée portes ouvertes."] {
            assert!(!is_met(prompt, Criterion::Task), "{prompt}");
        }
    }

    #[test]
    fn polite_forms_and_infinitives_are_tasks() {
        for prompt in [
            "Traduire en anglais la page d'accueil du site de la mairie.",
            "Objectif : rédiger un courrier aux familles.",
            "Pourriez-vous proposer un message d'accueil téléphonique ?",
            "Merci de reformuler.",
            "Je voudrais que tu me proposes un nom pour notre newsletter.",
            "Il me faut un ordre du jour type en 6 points.",
            "Agis comme un correcteur et relis mon texte.",
        ] {
            assert!(is_met(prompt, Criterion::Task), "{prompt}");
        }
        assert!(!is_met("Merci d'avance !", Criterion::Task));
    }

    #[test]
    fn missing_accents_and_typos_change_nothing() {
        let prompt = "redige un arrete de fermeture de la salle des fetes, en 5 lignes, sans jargon, pour les riverains";
        assert_eq!(
            met(prompt),
            vec![Criterion::Task, Criterion::Format, Criterion::Audience, Criterion::Constraints, Criterion::NoPersonalData]
        );
        assert!(is_met("tu es un juriste, dis moi si c est legal", Criterion::Role));
        assert!(is_met("jai recu ce sms d'une maman, reponds lui gentiment", Criterion::Context));
    }

    #[test]
    fn the_learners_own_role_is_context_not_role() {
        let own = "Je suis secrétaire de mairie dans une commune de 800 habitants, comment je prépare le budget ?";
        assert!(!is_met(own, Criterion::Role));
        assert!(is_met(own, Criterion::Context));
        assert!(!is_met("En tant que responsable du service état civil, je constate une hausse des demandes.", Criterion::Role));
        assert!(is_met("En tant que juriste, explique-moi la différence entre MAPA et appel d'offres.", Criterion::Role));
        // the setting of a role given to the assistant is not the learner's context
        assert!(!is_met("Tu es secrétaire de mairie depuis 20 ans. Explique le registre des arrêtés.", Criterion::Context));
    }

    #[test]
    fn a_template_counts_only_where_it_is_filled() {
        let prompt = "Rôle : [à compléter]\nContexte : [à compléter]\nTâche : rédiger une note\nFormat :\nPublic :\nContraintes :";
        assert_eq!(met(prompt), vec![Criterion::Task, Criterion::NoPersonalData]);
        assert_eq!(verdict("Rôle : juriste.\nFormat : tableau.", Criterion::Format).evidence, ["Format : tableau"]);
    }
}
