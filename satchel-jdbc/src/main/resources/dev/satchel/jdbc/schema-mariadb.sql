-- Satchel JDBC session store: schema for MariaDB 10.3+ (InnoDB).
-- For MySQL 8, replace utf8mb4_nopad_bin with utf8mb4_0900_bin (Satchel does this itself when it creates the schema).
-- Written for the default table prefix "satchel_"; replace every "satchel_" to use another prefix.
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC). A session is live while expires_at_us > now.
-- utf8mb4_nopad_bin: case-sensitive names, trailing spaces significant, byte order for list() paging.
-- Safe to run again: every statement is IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS satchel_sessions (
  storage_key    VARCHAR(128) NOT NULL,  -- base64url SHA-256 of the cookie token, never the token
  principal      VARCHAR(255) NULL,      -- logged-in user id, NULL when anonymous
  device         VARCHAR(512) NULL,      -- client description shown on "your sessions" pages
  created_at_us  BIGINT NOT NULL,
  last_access_us BIGINT NOT NULL,
  expires_at_us  BIGINT NOT NULL,
  version        BIGINT NOT NULL,        -- incremented by every write
  PRIMARY KEY (storage_key),
  INDEX satchel_sessions_principal_idx (principal, last_access_us),
  INDEX satchel_sessions_expires_idx (expires_at_us)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS satchel_attributes (
  storage_key VARCHAR(128) NOT NULL,
  name        VARCHAR(255) NOT NULL,     -- any Unicode string up to 255 characters
  value_json  LONGTEXT NOT NULL,         -- JSON text as written; max_allowed_packet bounds one value in practice
  PRIMARY KEY (storage_key, name),
  CONSTRAINT satchel_attributes_session_fk FOREIGN KEY (storage_key)
    REFERENCES satchel_sessions (storage_key) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
