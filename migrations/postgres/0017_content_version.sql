-- A counter of the published content that anonymous pages and the in-memory caches show:
-- courses, their versions, modules and files, and the atelier's scenarios. Every change to those
-- tables bumps it (triggers, so no write path can forget), and each server instance compares it
-- with the version its caches were built from (campus `course::cache`).
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO content_version (id, n) VALUES (1, 1);

CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER content_version_courses AFTER INSERT OR UPDATE OR DELETE ON courses
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

CREATE TRIGGER content_version_course_versions AFTER INSERT OR UPDATE OR DELETE ON course_versions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

CREATE TRIGGER content_version_course_modules AFTER INSERT OR UPDATE OR DELETE ON course_modules
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

CREATE TRIGGER content_version_course_files AFTER INSERT OR UPDATE OR DELETE ON course_files
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

CREATE TRIGGER content_version_sandbox_scenarios AFTER INSERT OR UPDATE OR DELETE ON sandbox_scenarios
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
