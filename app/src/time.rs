//! Calendar dates from the Unix seconds every table stores (UTC), without a date library.

/// (year, month, day, hour, minute, second) of a UTC instant.
pub fn civil(seconds: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, secs / 3600, (secs % 3600) / 60, secs % 60)
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), the inverse of [`civil`].
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Number of days in a month.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The UTC offset of French civil time (Europe/Paris) at a UTC instant: UTC+2 between the last
/// Sundays of March and October at 01:00 UTC (EU rule since 1996), UTC+1 otherwise.
pub fn paris_offset(seconds: i64) -> i64 {
    let (year, ..) = civil(seconds);
    let last_sunday = |month: i64| {
        let last = days_from_civil(year, month, 31);
        // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
        last - (last + 4).rem_euclid(7)
    };
    let summer_starts = last_sunday(3) * 86_400 + 3_600;
    let summer_ends = last_sunday(10) * 86_400 + 3_600;
    if (summer_starts..summer_ends).contains(&seconds) { 7_200 } else { 3_600 }
}

/// The date in Paris of a UTC instant, as (year, month, day).
pub fn paris_date(seconds: i64) -> (i64, i64, i64) {
    let (year, month, day, ..) = civil(seconds + paris_offset(seconds));
    (year, month, day)
}

/// The last second of a calendar day in Paris, as a UTC instant: a course due "on the 31st" is
/// on time until 23:59:59 French time that day, whatever the server's time zone.
pub fn paris_end_of_day(year: i64, month: i64, day: i64) -> i64 {
    let local_end = days_from_civil(year, month, day) * 86_400 + 86_399;
    // The offset at the local end of the day: try the winter one, then correct if it was summer.
    let guess = local_end - 3_600;
    local_end - paris_offset(guess)
}

/// `YYYY-MM-DD` of a date.
pub fn iso_date((year, month, day): (i64, i64, i64)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Reads a `YYYY-MM-DD` date (the value of an `<input type="date">`).
pub fn parse_iso_date(text: &str) -> Option<(i64, i64, i64)> {
    let mut parts = text.trim().splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (i64, i64, i64) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)).then_some((year, month, day))
}

/// RFC 3339 timestamp in UTC, e.g. `2026-11-26T08:15:00Z` (xAPI statements).
pub fn rfc3339(seconds: i64) -> String {
    let (year, month, day, hour, minute, second) = civil(seconds);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_680_907), "2026-11-26T08:15:07Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(civil(-1), (1969, 12, 31, 23, 59, 59));
        assert_eq!(days_from_civil(2026, 11, 26) * 86_400 + 8 * 3_600 + 15 * 60 + 7, 1_795_680_907);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn paris_time_follows_the_eu_summer_rule() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let start = days_from_civil(2026, 3, 29) * 86_400 + 3_600;
        assert_eq!(paris_offset(start - 1), 3_600);
        assert_eq!(paris_offset(start), 7_200);
        let end = days_from_civil(2026, 10, 25) * 86_400 + 3_600;
        assert_eq!(paris_offset(end - 1), 7_200);
        assert_eq!(paris_offset(end), 3_600);
    }

    #[test]
    fn a_day_ends_at_midnight_french_time() {
        // Winter: 23:59:59 in Paris is 22:59:59 UTC.
        assert_eq!(rfc3339(paris_end_of_day(2026, 1, 15)), "2026-01-15T22:59:59Z");
        // Summer: 21:59:59 UTC.
        assert_eq!(rfc3339(paris_end_of_day(2026, 7, 14)), "2026-07-14T21:59:59Z");
        // The days the clocks change.
        assert_eq!(rfc3339(paris_end_of_day(2026, 3, 29)), "2026-03-29T21:59:59Z");
        assert_eq!(rfc3339(paris_end_of_day(2026, 10, 25)), "2026-10-25T22:59:59Z");
        // 31 December at 23:30 UTC is already 1 January in Paris.
        assert_eq!(paris_date(days_from_civil(2026, 12, 31) * 86_400 + 23 * 3_600 + 30 * 60), (2027, 1, 1));
    }

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(parse_iso_date("2028-02-29"), Some((2028, 2, 29)));
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00", "", "demain"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(iso_date((2026, 3, 9)), "2026-03-09");
    }
}
