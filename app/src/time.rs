//! Dates and times (server only). Every table stores instants as Unix seconds (UTC); people see
//! calendar days and times of day in the time zone of their unit (`organizations::UnitZones`),
//! computed by `jiff` with its bundled time-zone database, so that a server without
//! `/usr/share/zoneinfo` (a container) still knows La Réunion from Paris.
//!
//! The display policy, in one place:
//! - a time of day is shown in the viewer's zone, followed by the zone's name: `2026-11-26 09:15
//!   (Paris)` (`components::labels::local_datetime`);
//! - a date that belongs to an agent (a due date, a completion in an HR table or export, an
//!   attestation) is that agent's calendar day, in the agent's zone: a course due « le 31 » is on
//!   time until 23:59:59 on the 31st where the agent works;
//! - machine formats (xAPI, SCIM, the JSON API) stay UTC, RFC 3339.
//!
//! Islands never call this module: they receive the strings it makes.

pub use jiff::civil::Date;
pub use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// The zone of a unit that sets none and has no parent that does.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Paris";

/// The zone named `name` in the IANA database (`Europe/Paris`, `Indian/Reunion`…), if it exists.
pub fn zone(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    TimeZone::get(name).ok()
}

/// Europe/Paris (the bundled database always has it; UTC if it somehow did not).
pub fn default_zone() -> TimeZone {
    zone(DEFAULT_TIME_ZONE).unwrap_or(TimeZone::UTC)
}

/// The instant of Unix seconds, clamped to the years jiff represents (-9999 to 9999).
fn instant(seconds: i64) -> Timestamp {
    let bounded = seconds.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(bounded).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The calendar day of an instant in a zone.
pub fn local_date(seconds: i64, zone: &TimeZone) -> Date {
    instant(seconds).to_zoned(zone.clone()).date()
}

/// The last second of a calendar day in a zone, as Unix seconds.
pub fn end_of_day(date: Date, zone: &TimeZone) -> i64 {
    start_of_day(date.tomorrow().unwrap_or(date), zone) - 1
}

/// The first second of a calendar day in a zone (midnight, or the first instant after a gap).
pub fn start_of_day(date: Date, zone: &TimeZone) -> i64 {
    date.to_zoned(zone.clone()).map(|zoned| zoned.timestamp().as_second()).unwrap_or_else(|_| instant_of_utc_midnight(date))
}

fn instant_of_utc_midnight(date: Date) -> i64 {
    date.to_zoned(TimeZone::UTC).map(|zoned| zoned.timestamp().as_second()).unwrap_or(0)
}

/// The first day of the month `months` before (negative) or after the month of `date`.
pub fn first_of_month(date: Date, months: i32) -> Date {
    let first = date.first_of_month();
    first.checked_add(months.months()).unwrap_or(first)
}

/// `YYYY-MM-DD` of a date.
pub fn iso_date(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

/// Reads a `YYYY-MM-DD` date (the value of an `<input type="date">`); nothing else.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let shaped = text.len() == 10 && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return None;
    }
    text.parse().ok()
}

/// RFC 3339 timestamp in UTC, e.g. `2026-11-26T08:15:07Z` (xAPI statements, SCIM).
pub fn rfc3339(seconds: i64) -> String {
    instant(seconds).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `2026-11-26 09:15` in a zone (the zone's name is added by `components::labels`).
pub fn local_datetime(seconds: i64, zone: &TimeZone) -> String {
    instant(seconds).to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string()
}

/// The ISO week of an instant in a zone (`2026-W49`), the period of a weekly digest.
pub fn iso_week(seconds: i64, zone: &TimeZone) -> String {
    let week = local_date(seconds, zone).iso_week_date();
    format!("{}-W{:02}", week.year(), week.week())
}

/// The catalogue key of a zone of [`crate::organizations::TIME_ZONE_CHOICES`].
pub fn zone_key(zone: &TimeZone) -> Option<&'static str> {
    let iana = zone.iana_name()?;
    crate::organizations::TIME_ZONE_CHOICES.iter().find(|(name, _)| *name == iana).map(|(_, key)| *key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn instants_are_written_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_680_907), "2026-11-26T08:15:07Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert!(rfc3339(i64::MAX).starts_with("9999-12-3"), "clamped, never a panic");
        assert!(rfc3339(i64::MIN).starts_with("-9999-01-0"), "{}", rfc3339(i64::MIN));
    }

    #[test]
    fn a_day_ends_at_midnight_where_the_agent_works() {
        let paris = zone("Europe/Paris").unwrap();
        // Winter: 23:59:59 in Paris is 22:59:59 UTC; summer: 21:59:59 UTC.
        assert_eq!(rfc3339(end_of_day(date(2026, 1, 15), &paris)), "2026-01-15T22:59:59Z");
        assert_eq!(rfc3339(end_of_day(date(2026, 7, 14), &paris)), "2026-07-14T21:59:59Z");
        // The days the clocks change.
        assert_eq!(rfc3339(end_of_day(date(2026, 3, 29), &paris)), "2026-03-29T21:59:59Z");
        assert_eq!(rfc3339(end_of_day(date(2026, 10, 25), &paris)), "2026-10-25T22:59:59Z");
        // La Réunion is UTC+4 all year, Guyane UTC-3, the Marquesas UTC-9:30.
        assert_eq!(rfc3339(end_of_day(date(2026, 7, 14), &zone("Indian/Reunion").unwrap())), "2026-07-14T19:59:59Z");
        assert_eq!(rfc3339(end_of_day(date(2026, 7, 14), &zone("America/Cayenne").unwrap())), "2026-07-15T02:59:59Z");
        assert_eq!(rfc3339(end_of_day(date(2026, 7, 14), &zone("Pacific/Marquesas").unwrap())), "2026-07-15T09:29:59Z");
    }

    #[test]
    fn the_calendar_day_depends_on_the_zone() {
        // 31 December at 23:30 UTC is already 1 January in Paris, still 31 December in Guyane.
        let late = rfc_seconds("2026-12-31T23:30:00Z");
        assert_eq!(local_date(late, &zone("Europe/Paris").unwrap()), date(2027, 1, 1));
        assert_eq!(local_date(late, &zone("America/Cayenne").unwrap()), date(2026, 12, 31));
        assert_eq!(local_datetime(late, &zone("Indian/Reunion").unwrap()), "2027-01-01 03:30");
        assert_eq!(iso_week(late, &zone("Europe/Paris").unwrap()), "2026-W53");
        assert_eq!(iso_week(rfc_seconds("2026-12-01T12:00:00Z"), &default_zone()), "2026-W49");
    }

    fn rfc_seconds(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn months_step_back_across_years() {
        assert_eq!(first_of_month(date(2026, 3, 31), -11), date(2025, 4, 1));
        assert_eq!(first_of_month(date(2026, 1, 15), 0), date(2026, 1, 1));
        // The first of a month in Paris starts at 23:00 or 22:00 UTC the day before.
        assert_eq!(rfc3339(start_of_day(date(2026, 4, 1), &default_zone())), "2026-03-31T22:00:00Z");
        assert_eq!(rfc3339(start_of_day(date(2026, 1, 1), &default_zone())), "2025-12-31T23:00:00Z");
    }

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(parse_iso_date("2028-02-29"), Some(date(2028, 2, 29)));
        assert_eq!(parse_iso_date(" 2026-03-09 "), Some(date(2026, 3, 9)));
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00", "", "demain", "2026/01/01"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(iso_date(date(2026, 3, 9)), "2026-03-09");
    }

    #[test]
    fn zones_are_named_for_people() {
        assert!(zone("Mars/Olympus").is_none());
        assert!(zone("").is_none());
        for (name, _) in crate::organizations::TIME_ZONE_CHOICES {
            assert!(zone(name).is_some(), "{name} is in the bundled database");
        }
        assert_eq!(zone_key(&default_zone()), Some("paris"));
        assert_eq!(zone_key(&zone("Indian/Reunion").unwrap()), Some("reunion"));
        assert_eq!(zone_key(&zone("America/Port_of_Spain").unwrap()), None);
    }
}
