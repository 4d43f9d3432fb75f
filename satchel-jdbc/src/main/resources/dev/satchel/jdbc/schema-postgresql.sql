-- Satchel JDBC session store: schema for PostgreSQL 9.5+.
-- Written for the default table prefix "satchel_"; replace every "satchel_" to use another prefix.
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC). A session is live while expires_at_us > now.
-- COLLATE "C" on keys: byte order (what list() pages by) and exact, case-sensitive names whatever the database locale.
-- Safe to run again: every statement is IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS satchel_sessions (
  storage_key    VARCHAR(128) COLLATE "C" NOT NULL PRIMARY KEY, -- base64url SHA-256 of the cookie token
  principal      VARCHAR(255) COLLATE "C",                      -- logged-in user id, NULL when anonymous
  device         VARCHAR(512),                                  -- client description for "your sessions" pages
  created_at_us  BIGINT NOT NULL,
  last_access_us BIGINT NOT NULL,
  expires_at_us  BIGINT NOT NULL,
  version        BIGINT NOT NULL                                -- incremented by every write
);

CREATE INDEX IF NOT EXISTS satchel_sessions_principal_idx ON satchel_sessions (principal, last_access_us);

CREATE INDEX IF NOT EXISTS satchel_sessions_expires_idx ON satchel_sessions (expires_at_us);

CREATE TABLE IF NOT EXISTS satchel_attributes (
  storage_key VARCHAR(128) COLLATE "C" NOT NULL,
  name        VARCHAR(255) COLLATE "C" NOT NULL,   -- any Unicode string up to 255 characters, case-sensitive
  value_json  TEXT COLLATE "C" NOT NULL,           -- JSON text as written (not jsonb: compare-and-set needs the exact text)
  PRIMARY KEY (storage_key, name),
  CONSTRAINT satchel_attributes_session_fk FOREIGN KEY (storage_key)
    REFERENCES satchel_sessions (storage_key) ON DELETE CASCADE
);
