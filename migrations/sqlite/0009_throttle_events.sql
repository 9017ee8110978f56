-- Throttled actions (sign-in, sign-up, password confirmation): one row per attempt allowed to go
-- ahead within the window, counted and written in the same transaction as the check.
DROP TABLE sign_in_failures;
CREATE TABLE throttle_events (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    account_key  TEXT,
    address      TEXT    NOT NULL,
    at           BIGINT  NOT NULL
);
CREATE INDEX throttle_events_account ON throttle_events(kind, account_key, at);
CREATE INDEX throttle_events_address ON throttle_events(kind, address, at);
