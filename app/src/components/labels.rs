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

/// `2026-11-26 08:15 UTC` from Unix seconds (civil calendar computed without a date library).
pub fn utc_datetime(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", secs / 3600, (secs % 3600) / 60)
}

#[cfg(test)]
mod tests {
    use super::utc_datetime;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(utc_datetime(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_datetime(1_795_680_900), "2026-11-26 08:15 UTC");
        assert_eq!(utc_datetime(951_782_400), "2000-02-29 00:00 UTC");
    }
}
