-- A new xAPI secret is shown once without ever travelling in a cookie: the row keeps it sealed
-- with a one-time key whose only copy is in the administrator's feedback cookie; the page that
-- shows it clears the seal.
ALTER TABLE xapi_credentials ADD COLUMN sealed_secret TEXT;
