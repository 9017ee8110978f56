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

/// `2026-11-26 09:15 (Paris)`: a time in the zone of the signed-in viewer's unit (Europe/Paris
/// for visitors), with the zone's name: the display policy of `crate::time`.
pub fn local_datetime(seconds: i64) -> String {
    #[cfg(feature = "ssr")]
    return ZoneClock::of_viewer().datetime(seconds);
    #[cfg(not(feature = "ssr"))]
    local_datetime_in(seconds, "")
}

/// The same in a given zone (an IANA name; Europe/Paris if unknown): an attestation shows the
/// learner's, whoever looks at it.
///
/// Pages are rendered on the server only (islands architecture): the browser build has no
/// time-zone data and never renders a page, so there this is empty. Islands receive the string.
pub fn local_datetime_in(seconds: i64, zone_name: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        ZoneClock::of(zone_name).datetime(seconds)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (seconds, zone_name);
        String::new()
    }
}

/// Times written in one zone, the zone and its name looked up once: a quiz's history lists ten.
#[cfg(feature = "ssr")]
pub struct ZoneClock {
    zone: crate::time::TimeZone,
    name: String,
}

#[cfg(feature = "ssr")]
impl ZoneClock {
    /// The zone of the signed-in viewer's unit (Europe/Paris for visitors).
    pub fn of_viewer() -> ZoneClock {
        ZoneClock::of(&crate::accounts::authz::current_user().map(|user| user.time_zone).unwrap_or_default())
    }

    /// The zone named `zone_name` (an IANA name; Europe/Paris if unknown).
    pub fn of(zone_name: &str) -> ZoneClock {
        let zone = crate::time::zone(zone_name).unwrap_or_else(crate::time::default_zone);
        let name = zone_name_of(&zone);
        ZoneClock { zone, name }
    }

    /// `2026-11-26 09:15 (Paris)`.
    pub fn datetime(&self, seconds: i64) -> String {
        tr_args(
            "datetime-in-zone",
            &[("datetime", FluentValue::from(crate::time::local_datetime(seconds, &self.zone))), ("zone", FluentValue::from(self.name.clone()))],
        )
    }
}

/// `Paris`, `La Réunion`, `Guyane`…; a zone outside the French territories by the last part of
/// its IANA name (`Port of Spain`).
#[cfg(feature = "ssr")]
pub fn zone_name_of(zone: &crate::time::TimeZone) -> String {
    match crate::time::zone_key(zone) {
        Some(key) => tr(&format!("zone-{key}-short")),
        None => {
            let iana = zone.iana_name().unwrap_or("UTC");
            iana.rsplit('/').next().unwrap_or(iana).replace('_', " ")
        }
    }
}
