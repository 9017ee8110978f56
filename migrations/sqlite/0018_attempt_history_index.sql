-- What the correction of a quiz and the completion rule read, in constant time however many
-- attempts a learner made (make bench: 16 agents with hundreds of attempts each had more than
-- halved the submission rate, every query counting or scanning all their attempts).
--
-- The count and best score of each learner's attempts at each quiz, kept by the attempt's own
-- transaction (progress::repository::record_attempt).
CREATE TABLE quiz_attempt_totals (
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_slug  TEXT   NOT NULL,
    module_slug  TEXT   NOT NULL,
    quiz_index   BIGINT NOT NULL,
    attempts     BIGINT NOT NULL,
    best_score   BIGINT NOT NULL,
    PRIMARY KEY (user_id, course_slug, module_slug, quiz_index)
);
INSERT INTO quiz_attempt_totals (user_id, course_slug, module_slug, quiz_index, attempts, best_score)
    SELECT user_id, course_slug, module_slug, quiz_index, COUNT(*), MAX(score)
    FROM quiz_attempts GROUP BY user_id, course_slug, module_slug, quiz_index;
-- The latest attempts, newest first, without sorting them all.
DROP INDEX quiz_attempts_lookup;
CREATE INDEX quiz_attempts_history ON quiz_attempts(user_id, course_slug, module_slug, quiz_index, submitted_at, id);
DROP INDEX exercise_attempts_lookup;
CREATE INDEX exercise_attempts_history ON exercise_attempts(user_id, course_slug, module_slug, exercise_index, submitted_at, id);
-- "Passed at least once": found or not found at once, without reading the failed attempts.
CREATE INDEX quiz_attempts_passed ON quiz_attempts(user_id, course_slug, module_slug, quiz_index) WHERE passed = 1;
CREATE INDEX exercise_attempts_passed ON exercise_attempts(user_id, course_slug, module_slug, exercise_index) WHERE passed = 1;
