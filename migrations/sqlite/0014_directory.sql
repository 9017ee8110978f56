-- The employer's directory (CSV import, SCIM 2.0): an external code for units, the directory's
-- identifiers of each account (SCIM userName, HR identifier), its name parts, when it last
-- changed, and whether the directory removed it (SCIM DELETE: the account is deactivated and
-- hidden from SCIM, its history stays). Imports are kept between the dry run and the apply.
ALTER TABLE organizations ADD COLUMN code TEXT;
CREATE UNIQUE INDEX organizations_code ON organizations(code);
ALTER TABLE organizations ADD COLUMN updated_at BIGINT;
ALTER TABLE users ADD COLUMN user_name TEXT;
CREATE UNIQUE INDEX users_user_name ON users(lower(user_name));
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_external_id ON users(external_id);
ALTER TABLE users ADD COLUMN given_name TEXT;
ALTER TABLE users ADD COLUMN family_name TEXT;
ALTER TABLE users ADD COLUMN updated_at BIGINT;
ALTER TABLE users ADD COLUMN removed_at BIGINT;
CREATE INDEX users_disabled ON users(disabled_at);
CREATE TABLE directory_imports (
    id           INTEGER PRIMARY KEY,
    created_by   BIGINT  REFERENCES users(id) ON DELETE CASCADE,
    scope_id     BIGINT  REFERENCES organizations(id) ON DELETE CASCADE,
    full_sync    BIGINT  NOT NULL,
    file_name    TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    report_json  TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    applied_at   BIGINT
);
