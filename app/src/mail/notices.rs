//! The periodic notifications (server only): assignment notices, reminders before a due date,
//! the overdue notice, and HR officers' weekly digest. Each pass reads what is due at `at` (an
//! injected clock: tests move it instead of sleeping) and queues the messages with a
//! deduplication key per step, so that a step is never sent twice, whether the pass runs again,
//! on another instance, or after a crash. A completed course, a deactivated or unverified
//! account, or a topic the user turned off gets nothing.
//!
//! Assignment notices are queued by the pass rather than in HR's transaction: the enrolment the
//! assignment creates is the durable cause, and the pass turns every new enrolment into its
//! notice (agents who join a unit later get theirs too). `server/src/scheduler.rs` runs the
//! passes every few minutes and right after an assignment.

use std::collections::{HashMap, HashSet};

use super::{repository::enqueue, CourseNotice, Topic};
use crate::{
    db::{Database, DbError},
    i18n::Locale,
};

/// When reminders go out: this many days before the due date (`CAMPUS_REMINDER_DAYS`).
pub const DEFAULT_REMINDER_DAYS: [i64; 2] = [7, 1];
/// An enrolment older than this gets no assignment notice (no flood when notices are turned on).
const NOTICE_WINDOW_SECONDS: i64 = 7 * 86_400;
const DAY: i64 = 86_400;

/// What one pass queued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub notices: usize,
    pub reminders: usize,
    pub overdue: usize,
    pub digests: usize,
}

/// « 1er décembre 2026 » / « 1 December 2026 »: the month's name and the order of the parts come
/// from the catalogue (`month-long-*`, `date-long`).
pub fn long_date(locale: Locale, date: crate::time::Date) -> String {
    let month = locale.text(&format!("month-long-{}", date.month()));
    // The year as text: a number would be formatted, and a year is not a quantity.
    locale.text_with("date-long", &[("day", date.day().into()), ("month", month.into()), ("year", date.year().to_string().into())])
}

/// Which step is due for an enrolment at `at`: the overdue notice once past the due date, else
/// the reminder of the smallest configured offset whose window is open. `(offset, days_left)`.
pub fn reminder_step(due_at: i64, at: i64, offsets: &[i64]) -> Option<(i64, i64)> {
    if at > due_at {
        return Some((0, 0));
    }
    let open = offsets.iter().copied().filter(|&d| d > 0 && at >= due_at - d * DAY).min()?;
    // Whole days left, rounded up: 30 hours before the end of the due day is « 2 days ».
    let days_left = ((due_at - at) + DAY - 1) / DAY;
    Some((open, days_left.max(1)))
}

/// The user's unsubscribe token, created on first use.
async fn mail_token(conn: &mut sqlx::AnyConnection, user_id: i64, known: Option<String>) -> Result<String, DbError> {
    if let Some(token) = known {
        return Ok(token);
    }
    let token = crate::accounts::session::new_token()?;
    sqlx::query("UPDATE users SET mail_token = $1 WHERE id = $2 AND mail_token IS NULL").bind(&token).bind(user_id).execute(&mut *conn).await?;
    let stored: Option<String> = sqlx::query_scalar("SELECT mail_token FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *conn).await?;
    Ok(stored.unwrap_or(token))
}

/// The one-click unsubscribe link of a topic.
pub fn unsubscribe_link(public_url: &str, token: &str, topic: Topic) -> String {
    format!("{public_url}/courriels/desabonnement/{token}/{}", topic.id())
}

/// Queues the assignment notices, reminders and overdue notices due at `at`.
pub async fn course_pass(db: &Database, public_url: &str, at: i64, offsets: &[i64]) -> Result<PassReport, DbError> {
    #[derive(sqlx::FromRow)]
    struct Enrolment {
        user_id: i64,
        course_slug: String,
        due_at: Option<i64>,
        assigned_at: i64,
        organization_id: Option<i64>,
        email: String,
        display_name: String,
        locale: Option<String>,
        mail_token: Option<String>,
    }
    let titles: HashMap<String, String> = crate::course::repository::catalogue(db).await?.into_iter().map(|c| (c.slug, c.title)).collect();
    let rows: Vec<Enrolment> = sqlx::query_as(
        "SELECT e.user_id, e.course_slug, e.due_at, e.assigned_at, u.organization_id, u.email, u.display_name, u.locale, u.mail_token \
         FROM enrolments e JOIN users u ON u.id = e.user_id \
         WHERE e.completed_at IS NULL AND u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = e.user_id AND o.topic = 'assignments') \
         AND (e.assigned_at >= $1 OR (e.due_at IS NOT NULL AND e.due_at <= $2)) \
         ORDER BY e.user_id, e.course_slug",
    )
    .bind(at - NOTICE_WINDOW_SECONDS)
    .bind(at + offsets.iter().copied().max().unwrap_or(0) * DAY)
    .fetch_all(db.pool())
    .await?;
    let queued: HashSet<String> =
        sqlx::query_scalar::<_, String>("SELECT dedup_key FROM mail_outbox WHERE kind IN ('assignment', 'reminder', 'overdue') AND dedup_key IS NOT NULL")
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .collect();
    // Due dates are the agent's calendar days, in the zone of their unit.
    let zones = crate::organizations::repository::zones(db.pool()).await?;
    let mut report = PassReport::default();
    let mut tx = db.begin_write().await?;
    for row in rows {
        let (user_id, course, due_at, assigned_at) = (row.user_id, &row.course_slug, row.due_at, row.assigned_at);
        let Some(title) = titles.get(course) else { continue };
        let locale = row.locale.as_deref().and_then(Locale::from_code).unwrap_or(Locale::Fr);
        let notice_key = format!("assignment:{user_id}:{course}:{assigned_at}");
        let step = due_at.and_then(|due| reminder_step(due, at, offsets));
        let step_key = match (step, due_at) {
            (Some((0, _)), Some(due)) => Some(format!("overdue:{user_id}:{course}:{due}")),
            (Some((offset, _)), Some(due)) => Some(format!("reminder:{user_id}:{course}:{due}:{offset}")),
            _ => None,
        };
        let wants_notice = assigned_at >= at - NOTICE_WINDOW_SECONDS && !queued.contains(&notice_key);
        let wants_step = step_key.as_ref().is_some_and(|k| !queued.contains(k));
        if !wants_notice && !wants_step {
            continue;
        }
        let (email, name) = (&row.email, &row.display_name);
        let token = mail_token(&mut tx, user_id, row.mail_token).await?;
        let unsubscribe = unsubscribe_link(public_url, &token, Topic::Assignments);
        let link = format!("{public_url}/cours/{course}");
        let zone = zones.of(row.organization_id);
        let due_date = due_at.map(|due| crate::time::local_date(due, zone));
        let due_label = due_date.map(|d| long_date(locale, d));
        let notice = CourseNotice { recipient: email, display_name: name, course_title: title, link: &link, due_label: due_label.as_deref(), unsubscribe: &unsubscribe };
        if wants_notice {
            let mut mail = super::assignment_notice(locale, &notice, notice_key);
            if let Some(date) = due_date {
                let host = public_url.split("://").nth(1).unwrap_or(public_url).split('/').next().unwrap_or("campus-ia");
                mail.attachment = super::calendar::due_date(&format!("echeance-{course}-{user_id}@{host}"), title, date, &link);
            }
            if enqueue(&mut tx, &mail).await? {
                report.notices += 1;
            }
        }
        // A reminder is not sent with the notice of an assignment due in more than a day: the
        // notice already gives the date.
        if wants_step && !(wants_notice && step.is_some_and(|(offset, days)| offset > 0 && days > 1)) {
            if let (Some((offset, days_left)), Some(key)) = (step, step_key) {
                let mail = super::due_reminder(locale, &notice, if offset == 0 { 0 } else { days_left }, key);
                if enqueue(&mut tx, &mail).await? {
                    if offset == 0 {
                        report.overdue += 1;
                    } else {
                        report.reminders += 1;
                    }
                }
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Queues this week's digest for every HR officer (first pass of the week): completions of the
/// last seven days and overdue agents in the units they follow; nothing when both are empty.
pub async fn digest_pass(db: &Database, public_url: &str, at: i64) -> Result<usize, DbError> {
    let zones = crate::organizations::repository::zones(db.pool()).await?;
    let officers: Vec<(i64, i64, String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT r.user_id, r.organization_id, u.email, u.display_name, u.locale, u.mail_token FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE r.role = 'hr' AND r.organization_id IS NOT NULL AND u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = r.user_id AND o.topic = 'hr-digest') ORDER BY r.user_id, r.organization_id",
    )
    .fetch_all(db.pool())
    .await?;
    let titles: HashMap<String, String> = crate::course::repository::catalogue(db).await?.into_iter().map(|c| (c.slug, c.title)).collect();
    let mut per_officer: Vec<(i64, String, String, Option<String>, Option<String>, Vec<i64>)> = Vec::new();
    for (user_id, unit, email, name, locale, token) in officers {
        match per_officer.last_mut() {
            Some(last) if last.0 == user_id => last.5.push(unit),
            _ => per_officer.push((user_id, email, name, locale, token, vec![unit])),
        }
    }
    let mut queued = 0;
    let mut tx = db.begin_write().await?;
    for (user_id, email, name, locale, token, roots) in per_officer {
        // The week of the officer's calendar (the zone of the first unit they follow).
        let week = crate::time::iso_week(at, zones.of(roots.first().copied()));
        let key = format!("hr-digest:{user_id}:{week}");
        let exists = sqlx::query("SELECT 1 FROM mail_outbox WHERE dedup_key = $1").bind(&key).fetch_optional(&mut *tx).await?.is_some();
        if exists {
            continue;
        }
        let locale = locale.as_deref().and_then(Locale::from_code).unwrap_or(Locale::Fr);
        let roots = roots.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let scope = format!(
            "WITH RECURSIVE scope (id) AS (SELECT id FROM organizations WHERE id IN ({roots}) \
             UNION SELECT o.id FROM organizations o JOIN scope ON o.parent_id = scope.id)"
        );
        let line = |(name, course): &(String, String)| format!("{name} — {}", titles.get(course).unwrap_or(course));
        let completions: Vec<(String, String)> = sqlx::query_as(&format!(
            "{scope} SELECT u.display_name, e.course_slug FROM enrolments e JOIN users u ON u.id = e.user_id \
             WHERE e.unit_id IN (SELECT id FROM scope) AND e.completed_at >= $1 ORDER BY e.completed_at DESC"
        ))
        .bind(at - 7 * DAY)
        .fetch_all(&mut *tx)
        .await?;
        let overdue: Vec<(String, String)> = sqlx::query_as(&format!(
            "{scope} SELECT u.display_name, e.course_slug FROM enrolments e JOIN users u ON u.id = e.user_id \
             WHERE e.unit_id IN (SELECT id FROM scope) AND e.completed_at IS NULL AND e.due_at < $1 ORDER BY e.due_at"
        ))
        .bind(at)
        .fetch_all(&mut *tx)
        .await?;
        // Nothing happened and nobody is late: no message.
        if completions.is_empty() && overdue.is_empty() {
            continue;
        }
        let digest = super::Digest {
            completions: completions.iter().take(super::DIGEST_LINES).map(line).collect(),
            overdue: overdue.iter().take(super::DIGEST_LINES).map(line).collect(),
            completions_total: completions.len(),
            overdue_total: overdue.len(),
        };
        let token = mail_token(&mut tx, user_id, token).await?;
        let mail = super::hr_digest(locale, &email, &name, &digest, &format!("{public_url}/rh"), &unsubscribe_link(public_url, &token, Topic::HrDigest), key);
        if enqueue(&mut tx, &mail).await? {
            queued += 1;
        }
    }
    tx.commit().await?;
    Ok(queued)
}

/// Turns a topic off for the owner of `token` (the unsubscribe link). `false` for an unknown token.
pub async fn opt_out(db: &Database, token: &str, topic: Topic) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE mail_token = $1").bind(token).fetch_optional(&mut *tx).await?;
    let Some(user_id) = user else {
        tx.rollback().await?;
        return Ok(false);
    };
    set_preference_in(&mut tx, user_id, topic, false).await?;
    tx.commit().await?;
    Ok(true)
}

async fn set_preference_in(conn: &mut sqlx::AnyConnection, user_id: i64, topic: Topic, wanted: bool) -> Result<(), DbError> {
    sqlx::query("DELETE FROM mail_opt_outs WHERE user_id = $1 AND topic = $2").bind(user_id).bind(topic.id()).execute(&mut *conn).await?;
    if !wanted {
        sqlx::query("INSERT INTO mail_opt_outs (user_id, topic, at) VALUES ($1, $2, $3)").bind(user_id).bind(topic.id()).bind(crate::db::now()).execute(&mut *conn).await?;
    }
    Ok(())
}

/// The topics a user receives (the preferences page).
pub async fn preferences(db: &Database, user_id: i64) -> Result<Vec<(Topic, bool)>, DbError> {
    let off: HashSet<String> =
        sqlx::query_scalar::<_, String>("SELECT topic FROM mail_opt_outs WHERE user_id = $1").bind(user_id).fetch_all(db.pool()).await?.into_iter().collect();
    Ok(Topic::ALL.into_iter().map(|t| (t, !off.contains(t.id()))).collect())
}

/// Saves the preferences page.
pub async fn set_preferences(db: &Database, user_id: i64, wanted: &[(Topic, bool)]) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    for (topic, on) in wanted {
        set_preference_in(&mut tx, user_id, *topic, *on).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_comes_once_its_window_opens() {
        let due = 100 * DAY;
        assert_eq!(reminder_step(due, due - 8 * DAY, &[7, 1]), None, "too early");
        assert_eq!(reminder_step(due, due - 7 * DAY, &[7, 1]), Some((7, 7)));
        assert_eq!(reminder_step(due, due - 3 * DAY - 3600, &[7, 1]), Some((7, 4)), "days are rounded up");
        assert_eq!(reminder_step(due, due - DAY, &[7, 1]), Some((1, 1)));
        assert_eq!(reminder_step(due, due - 60, &[7, 1]), Some((1, 1)));
        assert_eq!(reminder_step(due, due + 1, &[7, 1]), Some((0, 0)), "overdue");
        assert_eq!(reminder_step(due, due - 2 * DAY, &[]), None, "no reminder configured");
    }

    #[test]
    fn dates_and_weeks_read_as_people_say_them() {
        let date = |y, m, d| crate::time::Date::new(y, m, d).unwrap();
        assert_eq!(long_date(Locale::Fr, date(2026, 12, 1)), "1er décembre 2026");
        assert_eq!(long_date(Locale::Fr, date(2027, 2, 15)), "15 février 2027");
        assert_eq!(long_date(Locale::En, date(2027, 2, 15)), "15 February 2027");
        assert_eq!(long_date(Locale::En, date(2026, 12, 1)), "1 December 2026");
        for month in 1..=12 {
            assert!(!long_date(Locale::Fr, date(2026, month, 2)).contains("month-long"), "month {month}");
        }
        // 2026-12-01 is a Tuesday of ISO week 49; 2027-01-01 (a Friday) belongs to 2026-W53.
        let paris = crate::time::default_zone();
        assert_eq!(crate::time::iso_week(1_796_083_200, &paris), "2026-W49");
        assert_eq!(crate::time::iso_week(1_798_761_600, &paris), "2026-W53");
    }
}
