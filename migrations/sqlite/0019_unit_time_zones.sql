-- Each unit's time zone (issue 21): agents in La Réunion, the Antilles, Guyane or Mayotte had
-- due dates at midnight in Paris. NULL: the zone of the parent unit, Europe/Paris at the root
-- (app/src/time.rs). An IANA name checked by the server (`Indian/Reunion`).
ALTER TABLE organizations ADD COLUMN time_zone TEXT;

-- The due date of an enrolment as HR chose it (the earliest of the assignments that apply);
-- due_at is the end of that day in the agent's zone, set when enrolments are rebuilt.
ALTER TABLE enrolments ADD COLUMN due_date TEXT;
UPDATE enrolments SET due_date = (
    SELECT MIN(a.due_date) FROM assignments a
    WHERE a.course_slug = enrolments.course_slug AND a.due_at = enrolments.due_at
) WHERE due_at IS NOT NULL;
