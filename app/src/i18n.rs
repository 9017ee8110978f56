//! Translatable interface strings.
//!
//! Every string the UI shows comes from the Fluent catalogues in `app/locales/{fr,en}/*.ftl`,
//! embedded at compile time. French is the default and the fallback; adding a language means
//! adding a folder of `.ftl` files and a [`Locale`] variant, without touching components.
//!
//! Components call [`tr`] (or [`tr_args`]), which reads the request's [`Locale`] from the
//! Leptos context. Islands render in the browser, which carries no catalogue (and no Fluent
//! parser: 60 KB of the WebAssembly): they receive [`IslandTexts`], translated on the server, and
//! server functions answer them with sentences already written.
//!
//! What is worded once and read in several languages (the problems found in course files: the
//! command line prints them in French, the authoring pages in the trainer's language) is kept as
//! a [`Message`], a key and its arguments, and put into words by whoever shows it.

use std::{
    borrow::Cow,
    collections::{BTreeMap, HashMap},
    fmt,
};

use fluent_templates::{fluent_bundle::FluentValue, langid, LanguageIdentifier, Loader};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "fr",
        // Fluent wraps arguments in Unicode isolation marks by default; they end up as
        // invisible characters in HTML and in tests, so we turn them off.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FRENCH: LanguageIdentifier = langid!("fr");
static ENGLISH: LanguageIdentifier = langid!("en");

/// A language the interface is available in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 code, as used in `<html lang>` and in the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// The language's own name, shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
        }
    }

    /// Parses a code such as `fr`, `en-GB` or `FR`; unknown languages give `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|locale| locale.code() == primary)
    }

    /// Picks the best supported locale from an `Accept-Language` header value, honouring
    /// quality weights; falls back to French.
    pub fn from_accept_language(header: &str) -> Locale {
        let mut best: Option<(f32, Locale)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let Some(locale) = parts.next().and_then(Locale::from_code) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, locale));
            }
        }
        best.map(|(_, locale)| locale).unwrap_or_default()
    }

    fn language_identifier(self) -> &'static LanguageIdentifier {
        match self {
            Locale::Fr => &FRENCH,
            Locale::En => &ENGLISH,
        }
    }

    /// The translation of `key`; a missing key shows the key itself so it is easy to spot.
    pub fn text(self, key: &str) -> String {
        CATALOGUES
            .try_lookup(self.language_identifier(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The translation of `key` with named arguments (`{ $name }` in the catalogue).
    pub fn text_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), value.clone())).collect();
        CATALOGUES
            .try_lookup_with_args(self.language_identifier(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }
}

/// A sentence of the catalogues not yet put into words: its key and its named arguments
/// (`{ $name }` in the catalogue). Built as `Message::new("key").arg("name", value)`; it crosses
/// to the browser as data, and [`Message::render`] writes it in a language. `Display` is French.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, MessageArg)>,
}

/// The value of a [`Message`] argument. Numbers stay numbers, so that a catalogue can choose a
/// plural form by them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageArg {
    Text(String),
    Number(i64),
}

impl From<&str> for MessageArg {
    fn from(text: &str) -> Self {
        MessageArg::Text(text.to_owned())
    }
}

impl From<String> for MessageArg {
    fn from(text: String) -> Self {
        MessageArg::Text(text)
    }
}

impl From<&String> for MessageArg {
    fn from(text: &String) -> Self {
        MessageArg::Text(text.clone())
    }
}

impl From<i64> for MessageArg {
    fn from(number: i64) -> Self {
        MessageArg::Number(number)
    }
}

impl From<u32> for MessageArg {
    fn from(number: u32) -> Self {
        MessageArg::Number(number.into())
    }
}

impl From<u8> for MessageArg {
    fn from(number: u8) -> Self {
        MessageArg::Number(number.into())
    }
}

impl From<usize> for MessageArg {
    fn from(number: usize) -> Self {
        MessageArg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl Message {
    /// The message `key` of the catalogues, without arguments yet.
    pub fn new(key: &'static str) -> Self {
        Message { key: Cow::Borrowed(key), args: Vec::new() }
    }

    /// Adds the argument `{ $name }`.
    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    fn fluent_args(&self) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
        self.args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    MessageArg::Text(text) => FluentValue::from(text.clone()),
                    MessageArg::Number(number) => FluentValue::from(*number),
                };
                (name.clone(), value)
            })
            .collect()
    }

    /// The message written in `locale` (French when `locale` lacks it; the key itself when no
    /// catalogue has it, so that it is easy to spot).
    pub fn render(&self, locale: Locale) -> String {
        CATALOGUES
            .try_lookup_with_args(locale.language_identifier(), &self.key, &self.fluent_args())
            .unwrap_or_else(|| self.key.clone().into_owned())
    }

    /// The message written in `locale` by that locale's own catalogue, or why it cannot be:
    /// the key is missing there, or an argument the text uses was not given. For tests, which
    /// must not be fooled by the French fallback.
    #[cfg(test)]
    pub(crate) fn render_exactly(&self, locale: Locale) -> Result<String, String> {
        CATALOGUES
            .lookup_single_language(locale.language_identifier(), &self.key, Some(&self.fluent_args()))
            .map_err(|error| format!("{}: {error:?}", self.key))
    }
}

impl fmt::Display for Message {
    /// The French text, for the command line and the logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Locale::Fr))
    }
}

/// The words an island shows, translated on the server for the page's locale: a prop, so the
/// browser needs neither the catalogues nor Fluent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IslandTexts(BTreeMap<String, String>);

impl IslandTexts {
    /// The translations of `keys` in `locale`.
    pub fn new(locale: Locale, keys: &[&str]) -> Self {
        IslandTexts(keys.iter().map(|key| ((*key).to_owned(), locale.text(key))).collect())
    }

    /// The translations of `keys` and of [`AppError`](crate::error::AppError)'s fixed messages
    /// ([`ERROR_KEYS`](crate::error::ERROR_KEYS)), for an island that shows a server function's
    /// refusals with `AppError::message_from`.
    pub fn with_errors(locale: Locale, keys: &[&str]) -> Self {
        IslandTexts::new(locale, &[keys, &crate::error::ERROR_KEYS[..]].concat())
    }

    /// The translation of `key`; a key that was not sent shows itself, so it is easy to spot.
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
}

/// The locale of the page being rendered (French when none was provided).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Translates `key` in the current page's locale.
pub fn tr(key: &str) -> String {
    use_locale().text(key)
}

/// Translates `key` with arguments in the current page's locale.
pub fn tr_args(key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    use_locale().text_with(key, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys_of(folder: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(folder);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("locale folder exists") {
            let text = std::fs::read_to_string(entry.expect("readable entry").path())
                .expect("readable catalogue");
            for line in text.lines() {
                let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                if let (true, Some((key, _))) = (starts_message, line.split_once(" =")) {
                    keys.insert(key.trim().to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn every_locale_has_the_same_keys() {
        let french = keys_of("fr");
        assert!(french.len() > 10, "the French catalogue should not be empty");
        let english = keys_of("en");
        let missing_in_english: Vec<_> = french.difference(&english).collect();
        let missing_in_french: Vec<_> = english.difference(&french).collect();
        assert!(missing_in_english.is_empty(), "missing in en: {missing_in_english:?}");
        assert!(missing_in_french.is_empty(), "missing in fr: {missing_in_french:?}");
    }

    #[test]
    fn lookups_use_the_requested_language() {
        assert_eq!(Locale::Fr.text("site-name"), "Campus IA");
        assert_ne!(Locale::Fr.text("nav-home"), Locale::En.text("nav-home"));
        assert_eq!(Locale::Fr.text("no-such-key"), "no-such-key");
    }

    #[test]
    fn accept_language_honours_weights_and_defaults_to_french() {
        assert_eq!(Locale::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"), Locale::En);
        assert_eq!(Locale::from_accept_language("de-DE,fr;q=0.5,en;q=0.7"), Locale::En);
        assert_eq!(Locale::from_accept_language("de-DE"), Locale::Fr);
        assert_eq!(Locale::from_accept_language(""), Locale::Fr);
        assert_eq!(Locale::from_code("FR-ca"), Some(Locale::Fr));
    }
}
