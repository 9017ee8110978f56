-- Quiz attempts, module progress, course completions and xAPI statements (SQLite).
-- Keep in step with migrations/postgres. Every record names the course version it was made on;
-- publishing a new version never rewrites them.
CREATE TABLE quiz_attempts (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug   TEXT    NOT NULL,
    version_id    INTEGER NOT NULL REFERENCES course_versions(id),
    module_slug   TEXT    NOT NULL,
    quiz_index    BIGINT  NOT NULL,
    result_json   TEXT    NOT NULL,   -- QuizResult: the answers and their correction
    score         BIGINT  NOT NULL,   -- percentage
    passed        BIGINT  NOT NULL,   -- 0 or 1
    submitted_at  BIGINT  NOT NULL
);
CREATE INDEX quiz_attempts_lookup ON quiz_attempts(user_id, course_slug, module_slug, quiz_index);
CREATE INDEX quiz_attempts_course ON quiz_attempts(course_slug, module_slug);

CREATE TABLE module_progress (
    user_id               INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug           TEXT    NOT NULL,
    module_slug           TEXT    NOT NULL,
    started_at            BIGINT  NOT NULL,
    last_visited_at       BIGINT  NOT NULL,
    read_at               BIGINT,
    completed_at          BIGINT,
    completed_version_id  INTEGER,
    PRIMARY KEY (user_id, course_slug, module_slug)
);

CREATE TABLE course_completions (
    user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug        TEXT    NOT NULL,
    version_id         INTEGER NOT NULL REFERENCES course_versions(id),
    completed_at       BIGINT  NOT NULL,
    verification_code  TEXT    NOT NULL UNIQUE,
    PRIMARY KEY (user_id, course_slug)
);

CREATE TABLE xapi_statements (
    id              TEXT    PRIMARY KEY,   -- UUID
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    verb            TEXT    NOT NULL,
    activity        TEXT    NOT NULL,
    statement_json  TEXT    NOT NULL,
    stored_at       BIGINT  NOT NULL
);
CREATE INDEX xapi_statements_stored ON xapi_statements(stored_at);
