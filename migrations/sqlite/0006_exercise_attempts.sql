-- Sandbox exercise attempts inside modules (SQLite). Keep in step with migrations/postgres.
-- What the learner wrote is kept for them only (result_json); others see pass/fail counts at most.
CREATE TABLE exercise_attempts (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug     TEXT    NOT NULL,
    version_id      INTEGER NOT NULL REFERENCES course_versions(id),
    module_slug     TEXT    NOT NULL,
    exercise_index  BIGINT  NOT NULL,
    passed          BIGINT  NOT NULL,
    result_json     TEXT    NOT NULL,
    submitted_at    BIGINT  NOT NULL
);
CREATE INDEX exercise_attempts_lookup ON exercise_attempts(user_id, course_slug, module_slug, exercise_index);
