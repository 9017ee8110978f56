-- Free-practice scenarios of the atelier, imported from courses/atelier/*.toml (PostgreSQL). Keep in
-- step with migrations/sqlite. `definition_json` holds the whole scenario, reference answer and
-- planted failures included: only the server reads it. A scenario whose file disappeared from
-- the folder is retired (active = 0), its transcripts kept.
CREATE TABLE sandbox_scenarios (
    slug             TEXT    PRIMARY KEY,
    position         BIGINT  NOT NULL,
    content_hash     TEXT    NOT NULL,
    definition_json  TEXT    NOT NULL,
    active           BIGINT  NOT NULL DEFAULT 1,
    imported_at      BIGINT  NOT NULL
);

-- The debrief of the failures staged in an assistant message (JSON list), shown after it.
ALTER TABLE sandbox_messages ADD COLUMN debrief_json TEXT;
