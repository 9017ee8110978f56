-- Sign-in through an OpenID Connect provider (ProConnect…): sign-ins in progress (state and
-- nonce, until the provider sends the browser back), the identities linked to each account,
-- links waiting for the local password's confirmation, the ID token kept with its session (for
-- RP-initiated logout), units found by SIRET, and the unit of agents whose SIRET matches none.
CREATE TABLE oidc_flows (
    state_hash  TEXT    PRIMARY KEY,
    nonce       TEXT    NOT NULL,
    next_path   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE TABLE external_identities (
    issuer           TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    user_id          BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at       BIGINT  NOT NULL,
    last_sign_in_at  BIGINT  NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identities_user ON external_identities(user_id);
CREATE TABLE pending_links (
    token_hash     TEXT    PRIMARY KEY,
    user_id        BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    identity_json  TEXT    NOT NULL,
    id_token       TEXT    NOT NULL,
    expires_at     BIGINT  NOT NULL
);
ALTER TABLE sessions ADD COLUMN id_token TEXT;
ALTER TABLE organizations ADD COLUMN siret TEXT;
CREATE UNIQUE INDEX organizations_siret ON organizations(siret);
CREATE TABLE app_settings (
    key    TEXT  PRIMARY KEY,
    value  TEXT  NOT NULL
);
