-- Notifications by e-mail: attachments and unsubscribe links of queued messages, each user's
-- language and unsubscribe token, the topics they turned off, address checks at sign-up.
ALTER TABLE mail_outbox ADD COLUMN attachment_json TEXT;
ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url TEXT;
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE users ADD COLUMN mail_token TEXT;
CREATE UNIQUE INDEX users_mail_token ON users(mail_token);
-- Accounts of earlier versions were usable without a check: they stay so.
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
UPDATE users SET email_verified_at = created_at;
CREATE TABLE mail_opt_outs (
    user_id  BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic    TEXT    NOT NULL,
    at       BIGINT  NOT NULL,
    PRIMARY KEY (user_id, topic)
);
CREATE TABLE address_verifications (
    token_hash  TEXT    PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX address_verifications_user ON address_verifications(user_id);
