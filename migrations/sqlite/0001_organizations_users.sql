-- Organisation tree and user accounts (SQLite). Keep in step with migrations/postgres.
CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES organizations(id) ON DELETE RESTRICT,
    name        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    email            TEXT    NOT NULL UNIQUE,   -- stored lower-cased
    display_name     TEXT    NOT NULL,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    password_hash    TEXT,
    created_at       BIGINT  NOT NULL,
    disabled_at      BIGINT
);
CREATE INDEX users_organization ON users(organization_id);
