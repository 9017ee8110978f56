-- A counter of the published content that anonymous pages and the in-memory caches show:
-- courses, their versions, modules and files, and the atelier's scenarios. Every change to those
-- tables bumps it (triggers, so no write path can forget), and each server instance compares it
-- with the version its caches were built from (campus `course::cache`).
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO content_version (id, n) VALUES (1, 1);

CREATE TRIGGER content_version_courses_insert AFTER INSERT ON courses
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_courses_update AFTER UPDATE ON courses
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_courses_delete AFTER DELETE ON courses
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_versions_insert AFTER INSERT ON course_versions
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_versions_update AFTER UPDATE ON course_versions
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_versions_delete AFTER DELETE ON course_versions
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_modules_insert AFTER INSERT ON course_modules
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_modules_update AFTER UPDATE ON course_modules
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_modules_delete AFTER DELETE ON course_modules
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_files_insert AFTER INSERT ON course_files
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_files_update AFTER UPDATE ON course_files
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_course_files_delete AFTER DELETE ON course_files
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_sandbox_scenarios_insert AFTER INSERT ON sandbox_scenarios
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_sandbox_scenarios_update AFTER UPDATE ON sandbox_scenarios
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_sandbox_scenarios_delete AFTER DELETE ON sandbox_scenarios
BEGIN
    UPDATE content_version SET n = n + 1 WHERE id = 1;
END;
