-- A counter of what a signed-in request knows of its user: the session, the account (e-mail,
-- name, unit, disabled), its roles, and the unit tree (parents and time zones, inherited). Every
-- change to those bumps it (triggers, so no write path can forget), and each server instance
-- drops the sessions it keeps in memory when the value it reads changes (campus
-- `accounts::session::SessionCache`). A session's activity time (`last_seen_at`) is not part of
-- it: touching a session changes nothing a request shows.
CREATE TABLE identity_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO identity_version (id, n) VALUES (1, 1);

CREATE TRIGGER identity_version_sessions_delete AFTER DELETE ON sessions
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_sessions_update AFTER UPDATE OF user_id, token_hash, created_at, expires_at ON sessions
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_users_update AFTER UPDATE OF email, display_name, organization_id, disabled_at ON users
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_users_delete AFTER DELETE ON users
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_user_roles_insert AFTER INSERT ON user_roles
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_user_roles_update AFTER UPDATE ON user_roles
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_user_roles_delete AFTER DELETE ON user_roles
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_organizations_update AFTER UPDATE OF parent_id, time_zone ON organizations
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER identity_version_organizations_delete AFTER DELETE ON organizations
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
END;
