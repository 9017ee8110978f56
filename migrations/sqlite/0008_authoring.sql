-- The trainer workspace: who may edit which course, drafts, problem reports, and the time spent
-- on quiz attempts for item analytics (sqlite). Keep in step with migrations/postgres.

-- Trainers who may edit a course (administrators may edit every course).
CREATE TABLE course_editors (
    course_slug  TEXT    NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    granted_at   BIGINT  NOT NULL,
    PRIMARY KEY (course_slug, user_id)
);
CREATE INDEX course_editors_user ON course_editors(user_id);

-- The draft of a course: every file of its folder, edited in the browser until published.
-- No row for a course means its draft is its published version.
CREATE TABLE course_drafts (
    course_slug  TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (course_slug, path)
);

-- Problems agents report on a module (typo, wrong information, accessibility).
CREATE TABLE problem_reports (
    id           INTEGER PRIMARY KEY,
    course_slug  TEXT    NOT NULL,
    module_slug  TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    resolved_at  BIGINT,
    resolved_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX problem_reports_course ON problem_reports(course_slug, resolved_at);

-- Seconds between the quiz being shown and the attempt being sent (none when unknown).
ALTER TABLE quiz_attempts ADD COLUMN duration_seconds BIGINT;
