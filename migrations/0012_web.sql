-- 0012: the staff web interface: users (argon2id hashes), their sessions, and an audit log of
-- what is not a case action (logins, failed logins, user management, triage marks).
CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'staff', 'reader')),
    password    TEXT    NOT NULL,                  -- PHC string, argon2id
    created_at  INTEGER NOT NULL DEFAULT 0,        -- Unix seconds
    changed_at  INTEGER NOT NULL DEFAULT 0         -- last password change
) STRICT;

-- A logged-in browser. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    user        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf        TEXT    NOT NULL,                  -- token every POST form must carry
    created_at  INTEGER NOT NULL DEFAULT 0,
    seen_at     INTEGER NOT NULL DEFAULT 0,        -- idle expiry counts from here
    address     TEXT    NOT NULL DEFAULT ''        -- client IP at login
) STRICT;
CREATE INDEX sessions_user ON sessions (user);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL DEFAULT 0,
    who     TEXT    NOT NULL DEFAULT '',           -- user name ('' when unknown)
    action  TEXT    NOT NULL DEFAULT '',           -- login | login-failed | logout | user-add | …
    target  TEXT    NOT NULL DEFAULT '',
    detail  TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
