-- Roles, sessions, sign-in throttling and the audit log (SQLite). Keep in step with migrations/postgres.

-- Everyone is an agent; these rows add the other roles. `organization_id` scopes HR and trainer
-- roles to a unit and everything below it (NULL: no scope, for admins).
CREATE TABLE user_roles (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role             TEXT    NOT NULL,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    granted_at       BIGINT  NOT NULL,
    granted_by       INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX user_roles_user ON user_roles(user_id);

-- Only the SHA-256 of the session token is stored: a copy of the table opens no session.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT    NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Failed sign-ins, counted per account and per address over a sliding window.
CREATE TABLE sign_in_failures (
    id           INTEGER PRIMARY KEY,
    account_key  TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    failed_at    BIGINT  NOT NULL
);
CREATE INDEX sign_in_failures_account ON sign_in_failures(account_key, failed_at);
CREATE INDEX sign_in_failures_address ON sign_in_failures(address, failed_at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         BIGINT  NOT NULL,
    actor_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    details    TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
