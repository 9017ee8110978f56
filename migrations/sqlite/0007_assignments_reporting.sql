-- HR assignments, the enrolments they produce, and xAPI read credentials (sqlite).
-- Keep in step with migrations/postgres.

-- What HR decided: a course for a unit (with or without its sub-units) or for one agent.
CREATE TABLE assignments (
    id                INTEGER PRIMARY KEY,
    course_slug       TEXT    NOT NULL,
    organization_id   INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    include_subunits  BIGINT  NOT NULL DEFAULT 1,
    user_id           INTEGER REFERENCES users(id) ON DELETE CASCADE,
    due_date          TEXT,     -- YYYY-MM-DD, as HR chose it
    due_at            BIGINT,   -- the end of that day in Paris, in Unix seconds
    note              TEXT    NOT NULL DEFAULT '',
    assigned_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);
CREATE INDEX assignments_course ON assignments(course_slug);
CREATE INDEX assignments_organization ON assignments(organization_id);
CREATE INDEX assignments_user ON assignments(user_id);

-- Who must follow which course, derived from assignments (rebuilt when they or the tree
-- change) and kept with the dates dashboards need, so that a ministry-wide report is one scan.
CREATE TABLE enrolments (
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug   TEXT    NOT NULL,
    unit_id       INTEGER,           -- the agent's unit, copied so that counts need no join
    due_at        BIGINT,            -- the earliest due date of the assignments that apply
    assigned_at   BIGINT  NOT NULL,
    started_at    BIGINT,
    completed_at  BIGINT,
    PRIMARY KEY (user_id, course_slug)
);
CREATE INDEX enrolments_course ON enrolments(course_slug);
-- Covers the dashboard's counts per unit and course, read in index order.
CREATE INDEX enrolments_unit ON enrolments(unit_id, course_slug, completed_at, due_at, started_at);

-- Credentials of external systems reading /xapi/statements for one unit's subtree.
CREATE TABLE xapi_credentials (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    label            TEXT    NOT NULL,
    key_id           TEXT    NOT NULL UNIQUE,
    secret_hash      TEXT    NOT NULL,   -- SHA-256 of a 256-bit random secret
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       BIGINT  NOT NULL,
    revoked_at       BIGINT
);

-- Statements waiting for the external Learning Record Store have no pushed_at yet.
ALTER TABLE xapi_statements ADD COLUMN pushed_at BIGINT;
CREATE INDEX xapi_statements_pending ON xapi_statements(pushed_at, stored_at);
CREATE INDEX xapi_statements_user ON xapi_statements(user_id, stored_at);
