//! The calendar file (RFC 5545 `.ics`) attached to an assignment notice: one all-day event on
//! the due date, made with the `icalendar` crate (escaping, CRLF lines, folding are its job).

use icalendar::{Calendar, Component, Event, EventLike};

use super::Attachment;

/// The event « Échéance : {course} » on `(year, month, day)`, with the course's address.
/// `uid` must be stable for one agent and one course, so that a calendar updates the event
/// rather than adding a second one. `None` for a date that does not exist.
pub fn due_date(uid: &str, course_title: &str, due: crate::time::Date, url: &str) -> Option<Attachment> {
    // icalendar speaks chrono.
    let date = chrono::NaiveDate::from_ymd_opt(i32::from(due.year()), u32::try_from(due.month()).ok()?, u32::try_from(due.day()).ok()?)?;
    let event = Event::new()
        .uid(uid)
        .summary(&format!("Échéance : {course_title}"))
        .description(&format!("Terminer le cours « {course_title} » sur Campus IA : {url}"))
        .starts(date)
        // DTEND is exclusive (RFC 5545 §3.6.1): the next day, for one whole day.
        .ends(date.succ_opt()?)
        .url(url)
        .done();
    let calendar = Calendar::new().name("Campus IA").push(event).done();
    Some(Attachment { file_name: "echeance.ics".into(), content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(), body: calendar.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_date_is_one_whole_day_with_escaped_text() {
        let ics = due_date("cours-1.agent-7@campus.fr", "IA, données; et vous", crate::time::Date::new(2026, 12, 31).unwrap(), "https://campus.fr/cours/x").unwrap();
        assert!(ics.body.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.body.contains("DTSTART;VALUE=DATE:20261231\r\n") && ics.body.contains("DTEND;VALUE=DATE:20270101\r\n"), "{}", ics.body);
        assert!(ics.body.contains("SUMMARY:Échéance : IA\\, données\\; et vous"), "{}", ics.body);
        assert!(ics.body.contains("UID:cours-1.agent-7@campus.fr"));
    }
}
