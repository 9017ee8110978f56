-- Sandbox transcripts (SQLite). Keep in step with migrations/postgres.
-- Visible to their author only: neither HR nor trainers read them.
CREATE TABLE sandbox_messages (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scenario    TEXT    NOT NULL,
    role        TEXT    NOT NULL,   -- user | assistant
    content     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX sandbox_messages_user ON sandbox_messages(user_id, scenario, id);
