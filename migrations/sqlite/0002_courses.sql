-- Published courses and their versions (SQLite). Keep in step with migrations/postgres.
-- A course is a stable address; each publication adds a version identified by its content hash,
-- and `current_version_id` says which one learners see. Versions are never rewritten, so results
-- recorded against an older version keep their meaning.
CREATE TABLE courses (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT    NOT NULL UNIQUE,
    current_version_id  INTEGER,
    created_at          BIGINT  NOT NULL
);

CREATE TABLE course_versions (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    content_hash  TEXT    NOT NULL,
    info_json     TEXT    NOT NULL,   -- CourseInfo: title, summary, level, themes…
    published_at  BIGINT  NOT NULL,
    published_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (course_id, content_hash)
);

-- Modules as rendered at publication: the page never renders Markdown per request.
CREATE TABLE course_modules (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES course_versions(id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    slug          TEXT    NOT NULL,
    summary_json  TEXT    NOT NULL,   -- ModuleSummary: what the course outline needs
    content_json  TEXT    NOT NULL,   -- ModuleContent: segments, table of contents, quizzes…
    UNIQUE (version_id, slug)
);

-- Every source file of a version, for lossless export; those with a content type are served.
CREATE TABLE course_files (
    version_id    INTEGER NOT NULL REFERENCES course_versions(id) ON DELETE CASCADE,
    path          TEXT    NOT NULL,
    content_type  TEXT,
    bytes         BLOB    NOT NULL,
    PRIMARY KEY (version_id, path)
);
