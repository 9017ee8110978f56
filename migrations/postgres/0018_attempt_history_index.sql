-- A learner's attempts at one activity in submission order, with what the correction and the
-- completion rule read (score, passed): the count, the best score, the latest attempts and
-- "passed at least once" are read from the index alone, and a submission no longer costs more
-- with each earlier attempt of the same learner (make bench: 16 agents with hundreds of attempts
-- each had halved the submission rate).
DROP INDEX quiz_attempts_lookup;
CREATE INDEX quiz_attempts_history ON quiz_attempts(user_id, course_slug, module_slug, quiz_index, submitted_at, id, score, passed);
DROP INDEX exercise_attempts_lookup;
CREATE INDEX exercise_attempts_history ON exercise_attempts(user_id, course_slug, module_slug, exercise_index, submitted_at, id, passed);
