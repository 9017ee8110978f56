-- An attestation shows the learner's name as it was at completion (a later change of display
-- name does not rewrite past attestations), and an administrator can revoke one.
ALTER TABLE course_completions ADD COLUMN learner_name TEXT;
ALTER TABLE course_completions ADD COLUMN revoked_at BIGINT;
ALTER TABLE course_completions ADD COLUMN revoked_reason TEXT;
UPDATE course_completions SET learner_name = (SELECT display_name FROM users WHERE users.id = course_completions.user_id);
