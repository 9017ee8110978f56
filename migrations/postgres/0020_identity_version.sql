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

CREATE FUNCTION bump_identity_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE identity_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

-- Per row for sessions: the periodic purge deletes nothing most of the time, and a statement
-- trigger would then empty every instance's sessions for nothing.
CREATE TRIGGER identity_version_sessions_delete AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION bump_identity_version();

CREATE TRIGGER identity_version_sessions_update AFTER UPDATE OF user_id, token_hash, created_at, expires_at ON sessions
    FOR EACH ROW EXECUTE FUNCTION bump_identity_version();

CREATE TRIGGER identity_version_users AFTER UPDATE OF email, display_name, organization_id, disabled_at OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();

CREATE TRIGGER identity_version_user_roles AFTER INSERT OR UPDATE OR DELETE ON user_roles
    FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();

CREATE TRIGGER identity_version_organizations AFTER UPDATE OF parent_id, time_zone OR DELETE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();
