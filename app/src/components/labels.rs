//! Words for values: levels, durations, themes, in the page's language.

use fluent_templates::fluent_bundle::FluentValue;

use crate::{
    course::model::Level,
    i18n::{tr, tr_args},
};

pub fn level_label(level: Level) -> String {
    tr(match level {
        Level::Debutant => "level-debutant",
        Level::Intermediaire => "level-intermediaire",
        Level::Avance => "level-avance",
    })
}

/// `45 min`, `1 h`, `1 h 10 min`.
pub fn duration_label(minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    match (hours, rest) {
        (0, m) => tr_args("duration-minutes", &[("minutes", FluentValue::from(m))]),
        (h, 0) => tr_args("duration-hours", &[("hours", FluentValue::from(h))]),
        (h, m) => tr_args("duration-hours-minutes", &[("hours", FluentValue::from(h)), ("minutes", FluentValue::from(m))]),
    }
}

/// Themes are slugs in course files (`donnees-personnelles`); shown with spaces.
pub fn theme_label(theme: &str) -> String {
    theme.replace('-', " ")
}

/// `2026-11-26 08:15 UTC` from Unix seconds.
pub fn utc_datetime(seconds: i64) -> String {
    let (year, month, day, hour, minute, _) = crate::time::civil(seconds);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}
