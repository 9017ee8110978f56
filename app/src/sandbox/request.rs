//! What a request to the simulated assistant asks for: the task (draft, reply, summarise,
//! translate…), the explicit format (« en 3 points », « 10 lignes », « tableau »), the target
//! language, and the material the learner pasted, kept apart from the learner's own words.
//!
//! Pure and deterministic. The learner's own words are those outside the pasted passages found
//! by [`rubric::pasted_passages`], so that a word inside a pasted letter (« résumé », « tableau »)
//! never counts as the learner's instruction. A conversation's `system` message (through the
//! `/v1` endpoint) is the learner's own voice too: it may set the task, the format or the tone.

use std::ops::Range;

use super::rubric;
use crate::course::slug::fold_text;

/// The shape of answer a request calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    Draft,
    Reply,
    Summarise,
    Translate,
    List,
    Table,
    Rephrase,
    Simplify,
    Correct,
    Plan,
    Explain,
    Compare,
}

impl Task {
    pub const ALL: [Task; 12] = [
        Task::Draft,
        Task::Reply,
        Task::Summarise,
        Task::Translate,
        Task::List,
        Task::Table,
        Task::Rephrase,
        Task::Simplify,
        Task::Correct,
        Task::Plan,
        Task::Explain,
        Task::Compare,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Task::Draft => "draft",
            Task::Reply => "reply",
            Task::Summarise => "summarise",
            Task::Translate => "translate",
            Task::List => "list",
            Task::Table => "table",
            Task::Rephrase => "rephrase",
            Task::Simplify => "simplify",
            Task::Correct => "correct",
            Task::Plan => "plan",
            Task::Explain => "explain",
            Task::Compare => "compare",
        }
    }

    /// The task when several are named: the most specific wins (« rédige un résumé » asks for a
    /// summary, « réponds en listant les pièces » for a reply).
    const PRIORITY: [Task; 12] = [
        Task::Translate,
        Task::Correct,
        Task::Compare,
        Task::Summarise,
        Task::Simplify,
        Task::Rephrase,
        Task::Reply,
        Task::Plan,
        Task::Table,
        Task::List,
        Task::Draft,
        Task::Explain,
    ];

    /// Word beginnings (folded) that name the task. A cue ending in `$` must be the whole word.
    fn cues(self) -> &'static [&'static str] {
        match self {
            Task::Translate => &["tradui", "traduction", "translate", "translation"],
            Task::Correct => &["corrig", "correction", "orthograph", "coquille", "fautes$", "relis$", "relisez$", "relire$"],
            Task::Compare => &["compar", "differences$", "departager", "versus$"],
            Task::Summarise => &["resum", "synthes", "synthetis", "l'essentiel", "essentiel$"],
            Task::Simplify => &["simplifi", "vulgaris", "falc$"],
            Task::Rephrase => &["reformul", "reecri", "reecrire", "paraphras", "retravaill", "ameliore", "ameliorer$"],
            Task::Reply => &["repond", "reponse$", "reponses$", "repondre$"],
            Task::Plan => &["plan$", "planning", "retroplanning", "etapes$", "organis", "deroule$", "calendrier$"],
            Task::Table => &["tableau$", "tableaux$"],
            Task::List => &["liste$", "lister$", "listez$", "liste-moi", "enumer", "recense", "inventori"],
            Task::Draft => &[
                "redig", "rediger$", "ecris$", "ecrivez$", "ecrire$", "prepar", "genere", "propos", "compose", "elabor",
                "formule$", "formulez$", "annonce$", "courrier$", "courriel$", "note$", "compte$", "proces-verbal", "message$",
                "fiche$", "lettre$", "affiche$", "article$", "mail$", "invitation$",
            ],
            Task::Explain => &["expliqu", "explication", "pourquoi$", "comment$", "qu'est-ce", "c'est$", "quel$", "quels$", "quelle$", "quelles$", "combien$", "definis", "definition"],
        }
    }
}

/// Languages the simulated assistant can translate into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    Spanish,
    German,
    Other,
}

/// The form the answer must take, when the request says so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Format {
    /// « en 3 points », « cinq idées », « 4 étapes ».
    pub points: Option<usize>,
    /// « 10 lignes ».
    pub lines: Option<usize>,
    /// « 100 mots ».
    pub words: Option<usize>,
    /// « sous forme de tableau ».
    pub table: bool,
    /// « une liste », « à puces ».
    pub bullets: bool,
    /// « en langage clair », « simple », « FALC ».
    pub plain: bool,
}

/// A request, read.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The learner's message as sent.
    pub prompt: &'a str,
    /// Where each pasted passage is in `prompt`.
    pub passages: Vec<Range<usize>>,
    /// The learner's own words (system message first), folded, in order.
    pub words: Vec<String>,
    /// The learner's own text (system message and prompt without the pasted passages), folded.
    pub own: String,
    pub task: Option<Task>,
    pub format: Format,
    pub language: Option<Language>,
}

/// Folded words: lower case, no accents; apostrophes kept inside the word that follows them
/// is not needed, so « l'essentiel » is one word « l'essentiel » and « c'est » is « c'est ».
pub fn words(text: &str) -> Vec<String> {
    let folded = fold_text(text).replace('’', "'");
    let mut out = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() || ((c == '\'' || c == '-') && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current).trim_end_matches(['\'', '-']).to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current.trim_end_matches(['\'', '-']).to_owned());
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Does `word` match `cue` (a word beginning, or a whole word when it ends in `$`)? A word
/// with an elided article (« l'essentiel ») also matches without it.
fn matches_cue(word: &str, cue: &str) -> bool {
    let bare = word.split_once('\'').map_or(word, |(_, rest)| rest);
    let test = |w: &str| match cue.strip_suffix('$') {
        Some(whole) => w == whole,
        None => w.starts_with(cue),
    };
    test(word) || (bare != word && test(bare))
}

/// Is `phrase` (folded words separated by spaces) in `words`, at word boundaries?
pub fn has_phrase(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    // A word with an elided article (« l'usager ») also matches its bare form (« usager »).
    let same = |word: &str, cue: &str| word == cue || word.split_once('\'').is_some_and(|(_, bare)| bare == cue);
    !wanted.is_empty() && words.windows(wanted.len()).any(|w| w.iter().zip(&wanted).all(|(a, b)| same(a, b)))
}

const NUMBER_WORDS: &[(&str, usize)] = &[
    ("un", 1), ("une", 1), ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("six", 6), ("sept", 7), ("huit", 8),
    ("neuf", 9), ("dix", 10), ("onze", 11), ("douze", 12), ("quinze", 15), ("vingt", 20), ("trente", 30), ("cinquante", 50),
    ("cent", 100),
];

fn number(word: &str) -> Option<usize> {
    word.parse::<usize>().ok().or_else(|| NUMBER_WORDS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n))
}

fn read_format(words: &[String]) -> Format {
    let mut format = Format::default();
    for (i, word) in words.iter().enumerate() {
        let count = i.checked_sub(1).and_then(|j| number(&words[j])).filter(|n| (1..=200).contains(n));
        match word.as_str() {
            "points" | "point" | "idees" | "idee" | "elements" | "puces" | "arguments" | "etapes" | "questions" | "propositions"
            | "exemples" | "criteres" | "conseils" | "messages" | "phrases" | "actions" | "pistes" | "raisons" | "questions-reponses" => {
                // « un point sur la situation » is a status update, not a format.
                if let Some(n) = count.filter(|n| *n >= 2) {
                    format.points = Some(n);
                }
            }
            "lignes" | "ligne" => format.lines = count.or(format.lines),
            "mots" => format.words = count.or(format.words),
            "tableau" | "tableaux" | "colonnes" => format.table = true,
            "liste" | "puce" | "enumeration" => format.bullets = true,
            "falc" => format.plain = true,
            _ => {}
        }
    }
    if ["langage clair", "langage simple", "mots simples", "facile a lire", "facile a comprendre", "plus simple", "sans jargon"]
        .iter()
        .any(|p| has_phrase(words, p))
    {
        format.plain = true;
    }
    format
}

fn read_language(words: &[String]) -> Option<Language> {
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("anglais") || has("english") || has("anglaise") {
        Some(Language::English)
    } else if has("espagnol") || has("espagnole") {
        Some(Language::Spanish)
    } else if has("allemand") || has("allemande") {
        Some(Language::German)
    } else if ["italien", "arabe", "portugais", "ukrainien", "russe", "chinois", "turc", "roumain"].iter().any(|w| has(w)) {
        Some(Language::Other)
    } else {
        None
    }
}

fn read_task(words: &[String], question: bool) -> Option<Task> {
    let named = |task: Task| words.iter().any(|w| task.cues().iter().any(|cue| matches_cue(w, cue)));
    let plain_style = ["langage clair", "facile a lire", "plus simple", "plus clair", "plus clairement"].iter().any(|p| has_phrase(words, p));
    for task in Task::PRIORITY {
        let found = match task {
            // « en langage clair » is a simplification only when nothing else is asked.
            Task::Simplify => named(task) || (plain_style && !named(Task::Reply) && !named(Task::Draft)),
            // « en anglais » alone asks for a translation.
            Task::Translate => named(task) || (read_language(words).is_some() && !named(Task::Reply) && !named(Task::Draft)),
            Task::Explain => named(task) || question,
            _ => named(task),
        };
        if found {
            return Some(task);
        }
    }
    None
}

impl<'a> Request<'a> {
    /// Reads `prompt`, after the conversation's `system` message (empty when there is none).
    pub fn parse(system: &str, prompt: &'a str) -> Request<'a> {
        let passages = rubric::pasted_passages(prompt);
        let own_prompt = without_passages(prompt, &passages);
        let own_text = format!("{system}\n\n{own_prompt}");
        let words = words(&own_text);
        let prompt_words = self::words(&own_prompt);
        let question = own_text.contains('?');
        // The message's own task comes first; the system message only fills in.
        let task = read_task(&prompt_words, question).or_else(|| read_task(&self::words(system), false));
        let format = read_format(&words);
        let language = read_language(&words);
        Request { prompt, passages, own: fold_text(&own_text), words, task, format, language }
    }

    /// The pasted passages' texts, quotation marks and surrounding spaces taken off.
    pub fn sources(&self) -> Vec<&'a str> {
        self.passages
            .iter()
            .map(|r| self.prompt[r.clone()].trim().trim_start_matches(['«', '“', '"']).trim_end_matches(['»', '”', '"']).trim())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// All the pasted material, one passage after another.
    pub fn source_text(&self) -> String {
        self.sources().join("\n")
    }

    pub fn has_source(&self) -> bool {
        !self.passages.is_empty()
    }

    /// Does the learner's own text contain `phrase` (folded words)?
    pub fn says(&self, phrase: &str) -> bool {
        has_phrase(&self.words, phrase)
    }

    /// Does one of the learner's own words begin with `stem`?
    pub fn has_stem(&self, stem: &str) -> bool {
        self.words.iter().any(|w| matches_cue(w, stem))
    }
}

/// `prompt` with each pasted passage replaced by « … »: the learner's own words.
fn without_passages(prompt: &str, passages: &[Range<usize>]) -> String {
    let mut own = String::with_capacity(prompt.len());
    let mut cursor = 0;
    for passage in passages {
        own.push_str(&prompt[cursor..passage.start]);
        own.push_str(" … ");
        cursor = passage.end;
    }
    own.push_str(&prompt[cursor.min(prompt.len())..]);
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(prompt: &str) -> Option<Task> {
        Request::parse("", prompt).task
    }

    #[test]
    fn each_task_is_recognised_in_the_words_agents_use() {
        let cases = [
            ("Rédige une note de service sur les congés d'été.", Task::Draft),
            ("Réponds à ce courriel : « Bonjour, ma demande de carte d'identité est-elle prête depuis lundi ? »", Task::Reply),
            ("Résume ce texte en 3 points : « Le conseil municipal a voté le budget. Les travaux de l'école commencent en mars. »", Task::Summarise),
            ("Peux-tu traduire ce message en anglais ? « La mairie est fermée le lundi matin pour travaux. »", Task::Translate),
            ("Fais la liste des pièces à fournir pour une inscription à la cantine.", Task::List),
            ("Présente les horaires des services dans un tableau.", Task::Table),
            ("Reformule ce paragraphe : « Il est porté à la connaissance des usagers que le guichet est clos. »", Task::Rephrase),
            ("Simplifie ce courrier pour un usager : « Nonobstant les dispositions susvisées, votre dossier demeure incomplet. »", Task::Simplify),
            ("Corrige les fautes de ce texte : « Nous vous informons que la piscine seras fermé demain matin. »", Task::Correct),
            ("Propose un plan pour la réunion de lancement du projet.", Task::Plan),
            ("Explique-moi ce qu'est un modèle de langage.", Task::Explain),
            ("Compare ces deux offres : « Offre A : 12 000 €, livraison en 3 semaines. Offre B : 10 500 €, livraison en 6 semaines. »", Task::Compare),
            ("Quels sont les délais de recours contre un permis de construire ?", Task::Explain),
        ];
        for (prompt, expected) in cases {
            assert_eq!(task(prompt), Some(expected), "{prompt}");
        }
        assert_eq!(task("La cantine."), None);
    }

    #[test]
    fn a_word_inside_the_pasted_text_is_not_the_learners_instruction() {
        // « résumé » and « tableau » are in the pasted letter: the learner asks for a reply.
        let request = Request::parse("", "Réponds à ce message : « Je n'ai pas compris le résumé ni le tableau joints à votre courrier. »");
        assert_eq!(request.task, Some(Task::Reply));
        assert!(!request.format.table);
        assert_eq!(request.sources(), vec!["Je n'ai pas compris le résumé ni le tableau joints à votre courrier."]);
    }

    #[test]
    fn explicit_formats_are_read() {
        assert_eq!(Request::parse("", "Résume en 3 points.").format.points, Some(3));
        assert_eq!(Request::parse("", "Résume en cinq idées clés.").format.points, Some(5));
        assert_eq!(Request::parse("", "Rédige un texte de 10 lignes.").format.lines, Some(10));
        assert_eq!(Request::parse("", "Rédige un texte de 100 mots.").format.words, Some(100));
        assert!(Request::parse("", "Résume sous forme de tableau.").format.table);
        assert!(Request::parse("", "Réécris en langage clair.").format.plain);
        assert_eq!(Request::parse("", "Traduis en anglais.").language, Some(Language::English));
    }

    #[test]
    fn the_system_message_sets_the_format_and_may_set_the_task() {
        let request = Request::parse("Tu réponds toujours en 3 points.", "Résume : « Le budget est voté. Les travaux commencent. La piscine ferme. Le marché change de place. »");
        assert_eq!(request.task, Some(Task::Summarise));
        assert_eq!(request.format.points, Some(3));
        let request = Request::parse("Tu traduis en anglais tout ce qu'on te donne.", "« La mairie est fermée le lundi matin pour travaux. »");
        assert_eq!(request.task, Some(Task::Translate));
    }
}
